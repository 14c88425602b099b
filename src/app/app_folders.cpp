#include "app/app_folders.hpp"

#include "os/paths.hpp"
#include "os/utf8_path.hpp"

#include <string_view>

namespace rc::app {

namespace {

constexpr const char* kAppFolderName = "reception-console";

std::filesystem::path xdg_base(const EnvironmentLookup& environment, const char* variable,
                               const std::filesystem::path& fallback_under_home) {
    if (auto value = environment(variable); value && !value->empty()) {
        std::filesystem::path p = os::path_from_utf8(*value);
        if (p.is_absolute()) return p;
    }
    if (auto home = environment("HOME"); home && !home->empty())
        return os::path_from_utf8(*home) / fallback_under_home;
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

AppFolders app_folders() {
    // Windows: one folder for all three, as Windows programs keep their per-user files.
    if (auto folder = os::system_app_folder()) return AppFolders{*folder, *folder, *folder};
    return xdg_app_folders([](const char* name) -> std::optional<std::string> {
        if (std::string_view(name) == "HOME") {
            // HOME unset: the password database's home still counts.
            const auto home = os::home_folder();
            if (!home) return std::nullopt;
            return os::path_to_utf8(*home);
        }
        return os::environment_variable(name);
    });
}

} // namespace rc::app
