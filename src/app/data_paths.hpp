#pragma once
// Where the console keeps its files: never the working directory.
#include <filesystem>

namespace rc::app {

// $XDG_DATA_HOME/reception-console, else ~/.local/share/reception-console (HOME, else the user's home
// from the password database). Created private (0700) if missing. Throws std::runtime_error when there
// is no home folder: there is no fallback to a shared folder.
std::filesystem::path data_directory();
// The embedded default database: <data directory>/centre.sqlite
std::filesystem::path default_database_path();
// Default folder for automatic backups: <data directory>/backups
std::filesystem::path default_backup_directory();

} // namespace rc::app
