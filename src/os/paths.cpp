#include "os/paths.hpp"

#include "os/utf8_path.hpp"

namespace rc::os {

namespace {

constexpr const char* kAppFolderName = "reception-console";

std::filesystem::path xdg_base(const EnvironmentLookup& environment, const char* variable,
                               const std::filesystem::path& fallback_under_home) {
    if (auto value = environment(variable); value && !value->empty()) {
        std::filesystem::path p = path_from_utf8(*value);
        if (p.is_absolute()) return p;
    }
    if (auto home = environment("HOME"); home && !home->empty())
        return path_from_utf8(*home) / fallback_under_home;
    // No home: no folder at all, never a shared one such as /tmp (others could read or plant files).
    return {};
}

std::filesystem::path app_folder(const std::filesystem::path& base) {
    return base.empty() ? base : base / kAppFolderName;
}

} // namespace

AppFolders xdg_app_folders(const EnvironmentLookup& environment) {
    AppFolders f;
    f.config = app_folder(xdg_base(environment, "XDG_CONFIG_HOME", ".config"));
    f.state = app_folder(xdg_base(environment, "XDG_STATE_HOME", std::filesystem::path(".local") / "state"));
    f.data = app_folder(xdg_base(environment, "XDG_DATA_HOME", std::filesystem::path(".local") / "share"));
    return f;
}

std::optional<std::filesystem::path> find_font(std::string_view file_name) {
    for (const auto& folder : font_folders()) {
        std::error_code ec;
        const auto candidate = folder / path_from_utf8(file_name);
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

} // namespace rc::os
