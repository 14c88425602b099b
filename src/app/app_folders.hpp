#pragma once
// The console's three folders: configuration, state (logs) and data (the centre database and its
// backups). On Linux they follow the XDG Base Directory specification; on Windows all three are the one
// per-user folder the system gives programs (os::system_app_folder: %LOCALAPPDATA%\ReceptionConsole).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace rc::app {

struct AppFolders {
    std::filesystem::path config; // settings.conf, imgui.ini, the saved shared centres
    std::filesystem::path state;  // logs
    std::filesystem::path data;   // the centre database and its backups
};

// Reads one environment variable; nullopt when unset or empty.
using EnvironmentLookup = std::function<std::optional<std::string>(const char* name)>;

// The XDG rules on their own, for tests: $XDG_CONFIG_HOME, $XDG_STATE_HOME and $XDG_DATA_HOME when they
// hold an absolute path (a relative one is ignored, as the specification says), else ~/.config,
// ~/.local/state and ~/.local/share; each with "reception-console" appended. A folder is empty when
// neither the variable nor HOME gives one: there is no fallback to a shared folder.
AppFolders xdg_app_folders(const EnvironmentLookup& environment);

// This user's folders (not created here). Linux: the XDG rules over the process environment, with the
// password database's home folder when HOME is unset. Windows: %LOCALAPPDATA%\ReceptionConsole for all
// three (empty when the system names no such folder).
AppFolders app_folders();

} // namespace rc::app
