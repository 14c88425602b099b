#pragma once
// Where the console keeps its files: never the working directory. The folders come from os::app_folders()
// (XDG on Linux, %LOCALAPPDATA%\ReceptionConsole on Windows); each is created when first asked for.
#include "os/paths.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace rc::app {

// The centre database and its backups: $XDG_DATA_HOME/reception-console (~/.local/share/...; HOME, else
// the user's home from the password database). Each folder is created private to the user if missing.
// Throws std::runtime_error when there is no home folder: there is no fallback to a shared folder.
std::filesystem::path data_directory();
// settings.conf and imgui.ini: $XDG_CONFIG_HOME/reception-console (~/.config/...).
std::filesystem::path config_directory();
// The log: $XDG_STATE_HOME/reception-console (~/.local/state/...).
std::filesystem::path state_directory();
// The embedded default database: <data directory>/centre.sqlite
std::filesystem::path default_database_path();
// Default folder for automatic backups: <data directory>/backups
std::filesystem::path default_backup_directory();

// Versions before 0.2 kept settings.conf, imgui.ini and logs/ in the data folder. Moves each to its
// folder once (never over a newer file there) and returns one line per move or failure, for the log.
std::vector<std::string> move_files_to_their_folders(const os::AppFolders& folders);

} // namespace rc::app
