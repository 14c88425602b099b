#pragma once
// Where the console keeps its files: never the working directory.
#include <filesystem>

namespace rc::app {

// $XDG_DATA_HOME/reception-console, else ~/.local/share/reception-console. Created if missing.
std::filesystem::path data_directory();
// The embedded default database: <data directory>/centre.sqlite
std::filesystem::path default_database_path();
// Default folder for automatic backups: <data directory>/backups
std::filesystem::path default_backup_directory();

} // namespace rc::app
