#include "app/data_paths.hpp"

#include "app/app_folders.hpp"
#include "app/logging.hpp"
#include "os/security.hpp"

#include <stdexcept>

namespace rc::app {

namespace fs = std::filesystem;

namespace {

// Created private to this user (0700 on POSIX, an owner-only ACL on Windows) if missing, and checked:
// never a symlink, never another user's folder. Throws std::runtime_error saying what is wrong.
fs::path created(const fs::path& dir) {
    if (dir.empty())
        // Never a shared folder such as /tmp: other users could read or plant files there.
        throw std::runtime_error("There is no home folder to keep the centre's data in (HOME is not set and "
                                 "the user has none). Set HOME, or give the database with --db.");
    if (auto problem = os::make_private_directory(dir)) throw std::runtime_error(*problem);
    return dir;
}

// Moves `from` to `to` when `to` does not exist yet; a rename, or a copy and removal across drives.
void move_once(const fs::path& from, const fs::path& to, std::vector<std::string>& lines) {
    std::error_code ec;
    if (!fs::exists(from, ec) || fs::exists(to, ec)) return;
    fs::create_directories(to.parent_path(), ec);
    fs::rename(from, to, ec);
    if (ec) {
        std::error_code copy_ec;
        fs::copy(from, to, fs::copy_options::recursive, copy_ec);
        if (!copy_ec) fs::remove_all(from, copy_ec);
        if (copy_ec) {
            lines.push_back("could not move " + path_for_log(from) + " to " + path_for_log(to) + ": " +
                            copy_ec.message() + "; it stays where it is and is no longer read");
            return;
        }
    }
    lines.push_back("moved " + path_for_log(from) + " to " + path_for_log(to));
}

} // namespace

fs::path data_directory() {
    return created(app_folders().data);
}

fs::path config_directory() {
    return created(app_folders().config);
}

fs::path state_directory() {
    return created(app_folders().state);
}

fs::path default_database_path() {
    return data_directory() / "centre.sqlite";
}

fs::path default_backup_directory() {
    return data_directory() / "backups";
}

std::vector<std::string> move_files_to_their_folders(const AppFolders& folders) {
    std::vector<std::string> lines;
    if (folders.config != folders.data) {
        move_once(folders.data / "settings.conf", folders.config / "settings.conf", lines);
        move_once(folders.data / "imgui.ini", folders.config / "imgui.ini", lines);
    }
    if (folders.state != folders.data) move_once(folders.data / "logs", folders.state / "logs", lines);
    return lines;
}

} // namespace rc::app
