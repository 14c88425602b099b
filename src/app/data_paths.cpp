#include "app/data_paths.hpp"

#include "store/os_security.hpp"

#include <cstdlib>
#include <stdexcept>

namespace rc::app {

std::filesystem::path data_directory() {
    std::filesystem::path dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        dir = std::filesystem::path(xdg) / "reception-console";
    } else if (const auto home = store::os::home_directory(); !home.empty()) {
        dir = home / ".local" / "share" / "reception-console";
    } else {
        // Never a shared folder such as /tmp: other users could read or plant files there.
        throw std::runtime_error("There is no home folder to keep the centre's data in (HOME is not set and "
                                 "the user has none). Set HOME, or give the database with --db.");
    }
    if (auto problem = store::os::make_private_directory(dir)) throw std::runtime_error(*problem);
    return dir;
}

std::filesystem::path default_database_path() {
    return data_directory() / "centre.sqlite";
}

std::filesystem::path default_backup_directory() {
    return data_directory() / "backups";
}

} // namespace rc::app
