#pragma once
// Where the console keeps its files: never the working directory. The folders come from app_folders()
// (XDG on Linux, %LOCALAPPDATA%\ReceptionConsole on Windows); each is created private to the user
// when first asked for.
#include "app/app_folders.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace rc::app {

// The centre database and its backups: $XDG_DATA_HOME/reception-console (~/.local/share/...; HOME, else
// the user's home from the password database; %LOCALAPPDATA%\ReceptionConsole on Windows). Throws
// std::runtime_error when there is no home folder: there is no fallback to a shared folder.
std::filesystem::path data_directory();
// settings.conf, imgui.ini and the saved shared centres: $XDG_CONFIG_HOME/reception-console (~/.config/...).
std::filesystem::path config_directory();
// The log: $XDG_STATE_HOME/reception-console (~/.local/state/...).
std::filesystem::path state_directory();
// The embedded default database: <data directory>/centre.sqlite
std::filesystem::path default_database_path();
// Default folder for automatic backups: <data directory>/backups
std::filesystem::path default_backup_directory();

// Earlier versions kept settings.conf, imgui.ini and logs/ in the data folder. Moves each to its folder
// once (never over a newer file there) and returns one line per move or failure, for the log.
std::vector<std::string> move_files_to_their_folders(const AppFolders& folders);

} // namespace rc::app
