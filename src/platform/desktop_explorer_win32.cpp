// Windows: folders open in Explorer (ShellExecuteW), which every Windows desktop has. There is no
// file chooser yet (the Windows dialog would be IFileOpenDialog): every path is typed, as the screens
// allow whenever the desktop offers no chooser.
#include "os/win32_error.hpp"
#include "platform/system_desktop.hpp"

#include <spdlog/spdlog.h>
#include <system_error>

// windows.h first: shellapi.h depends on it.
// clang-format off
#include <windows.h>
#include <shellapi.h>
// clang-format on

namespace rc::platform {

namespace {

class ExplorerDesktop final : public SystemDesktop {
public:
    bool can_open_folders() const override { return true; }
    std::optional<std::string> open_folder(const std::filesystem::path& folder) override {
        std::error_code ec;
        const std::string shown = os::utf8_from_wide(folder.c_str());
        if (!std::filesystem::is_directory(folder, ec))
            return "The folder " + shown + " is not there any more.";
        const auto result = reinterpret_cast<INT_PTR>(
            ShellExecuteW(nullptr, L"open", folder.c_str(), nullptr, nullptr, SW_SHOWNORMAL));
        // ShellExecuteW reports success as a value above 32.
        if (result <= 32) return "Explorer could not be started to open " + shown + ": open it yourself.";
        spdlog::info("desktop: opened an export folder in Explorer");
        return std::nullopt;
    }
};

} // namespace

std::unique_ptr<SystemDesktop> make_system_desktop(std::function<void()> wake) {
    (void)wake; // no file chooser here yet: nothing runs in the background to wake the window
    return std::make_unique<ExplorerDesktop>();
}

} // namespace rc::platform
