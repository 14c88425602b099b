#pragma once
// Where the console keeps its files, and where it finds the fonts it ships with.
// Linux follows the XDG Base Directory specification; Windows keeps everything under
// %LOCALAPPDATA%\ReceptionConsole (per user, not roaming, no administrator rights needed).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::os {

struct AppFolders {
    std::filesystem::path config; // settings.conf, imgui.ini
    std::filesystem::path state;  // logs
    std::filesystem::path data;   // the centre database and its backups
};

// The console's folders for this user (not created here). A folder is empty when there is no home
// folder to put it under: there is no fallback to a shared folder.
AppFolders app_folders();

// The XDG rules on their own, for tests: $XDG_CONFIG_HOME, $XDG_STATE_HOME and $XDG_DATA_HOME when
// they hold an absolute path (a relative one is ignored, as the specification says), else
// ~/.config, ~/.local/state and ~/.local/share; each with "reception-console" appended (empty when
// neither the variable nor HOME gives a folder).
using EnvironmentLookup = std::function<std::optional<std::string>(const char* name)>;
AppFolders xdg_app_folders(const EnvironmentLookup& environment);

// An environment variable as UTF-8; nullopt when unset or empty.
std::optional<std::string> environment_variable(const char* name);
// The user's home folder: $HOME, else the password database's entry (POSIX); %USERPROFILE% (Windows).
std::optional<std::filesystem::path> home_folder();
// The running program's file (empty if the system does not say).
std::filesystem::path executable_path();
// The folder holding the running program.
std::filesystem::path executable_folder();

// Folders searched for a font, in order: $RC_FONT_DIR, the "fonts" folder beside the program (the
// Windows installer and zip carry Noto Sans and DejaVu Sans there), then the system's font folders.
std::vector<std::filesystem::path> font_folders();
// The first folder in font_folders() holding `file_name`.
std::optional<std::filesystem::path> find_font(std::string_view file_name);

// A path a C library that calls fopen() with a narrow string can open. The same path on POSIX; on
// Windows a path in the ANSI code page, using the short (8.3) name when the path has characters that
// page lacks (a file that does not exist yet is created empty first, so it has a short name).
std::string path_for_c_library(const std::filesystem::path& path);

} // namespace rc::os
