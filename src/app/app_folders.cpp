#include "app/app_folders.hpp"

#include "store/os_security.hpp"

#include <cstdlib>
#include <string_view>

namespace rc::app {

namespace {

constexpr const char* kAppFolderName = "reception-console";

std::filesystem::path xdg_base(const EnvironmentLookup& environment, const char* variable,
                               const std::filesystem::path& fallback_under_home) {
    if (auto value = environment(variable); value && !value->empty()) {
        std::filesystem::path p(*value);
        if (p.is_absolute()) return p;
    }
    if (auto home = environment("HOME"); home && !home->empty())
        return std::filesystem::path(*home) / fallback_under_home;
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
    return xdg_app_folders([](const char* name) -> std::optional<std::string> {
        if (std::string_view(name) == "HOME") {
            // HOME unset: the password database's home still counts.
            const auto home = store::os::home_directory();
            if (home.empty()) return std::nullopt;
            return home.string();
        }
        const char* value = std::getenv(name);
        if (!value || !*value) return std::nullopt;
        return std::string(value);
    });
}

} // namespace rc::app
