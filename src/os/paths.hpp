#pragma once
// Where the system keeps a program's per-user files, and where the console finds the fonts it ships
// with. Windows keeps everything under %LOCALAPPDATA%\ReceptionConsole (per user, not roaming, no
// administrator rights needed); Linux's XDG folders are worked out in app/app_folders.cpp.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::os {

// The one folder the system gives a program for all of its per-user files, where it has such a
// convention: %LOCALAPPDATA%\ReceptionConsole on Windows (per user, not roaming; an empty path when
// neither %LOCALAPPDATA% nor %USERPROFILE% is set: never a shared folder). std::nullopt on Linux,
// where the XDG folders apply (app/app_folders.hpp). Not created here.
std::optional<std::filesystem::path> system_app_folder();

// An environment variable as UTF-8; nullopt when unset or empty.
std::optional<std::string> environment_variable(const char* name);
// Sets an environment variable (UTF-8) for this process and the processes it starts.
void set_environment_variable(const char* name, const std::string& value);
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
