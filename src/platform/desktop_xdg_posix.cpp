#include "platform/desktop_xdg.hpp"
#include "platform/process.hpp"

#include <spdlog/spdlog.h>
#include <system_error>

namespace rc::platform {

XdgDesktop::XdgDesktop() : has_xdg_open_(program_available("xdg-open")) {}

std::optional<std::string> XdgDesktop::open_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return "The folder " + folder.string() + " is not there any more.";
    if (!has_xdg_open_)
        return "This desktop has no xdg-open to open folders with: open " + folder.string() + " yourself.";
    if (auto problem = start_detached({"xdg-open", folder.string()})) return problem;
    spdlog::info("desktop: opened an export folder in the file manager");
    return std::nullopt;
}

} // namespace rc::platform

#include "platform/system_desktop.hpp"

namespace rc::platform {

std::unique_ptr<ui::Desktop> make_system_desktop() {
    return std::make_unique<XdgDesktop>();
}

} // namespace rc::platform
