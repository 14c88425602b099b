#include "app/data_paths.hpp"

#include <cstdlib>

namespace rc::app {

std::filesystem::path data_directory() {
    std::filesystem::path dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        dir = std::filesystem::path(xdg) / "reception-console";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = std::filesystem::path(home) / ".local" / "share" / "reception-console";
    } else {
        dir = std::filesystem::temp_directory_path() / "reception-console";
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    return dir;
}

std::filesystem::path default_database_path() {
    return data_directory() / "centre.sqlite";
}

std::filesystem::path default_backup_directory() {
    return data_directory() / "backups";
}

} // namespace rc::app
