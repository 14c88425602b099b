#include "os/paths.hpp"

#include "os/utf8_path.hpp"

namespace rc::os {

std::optional<std::filesystem::path> find_font(std::string_view file_name) {
    for (const auto& folder : font_folders()) {
        std::error_code ec;
        const auto candidate = folder / path_from_utf8(file_name);
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

} // namespace rc::os
