#include "os/paths.hpp"
#include "os/utf8_path.hpp"

#include <cstdlib>
#include <pwd.h>
#include <string_view>
#include <unistd.h>

namespace rc::os {

std::optional<std::string> environment_variable(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

void set_environment_variable(const char* name, const std::string& value) {
    ::setenv(name, value.c_str(), 1);
}

std::optional<std::filesystem::path> system_app_folder() {
    return std::nullopt; // the XDG folders apply
}

std::optional<std::filesystem::path> home_folder() {
    if (auto home = environment_variable("HOME")) return std::filesystem::path(*home);
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (::getpwuid_r(::getuid(), &pw, buf.data(), buf.size(), &found) == 0 && found && found->pw_dir &&
        *found->pw_dir)
        return std::filesystem::path(found->pw_dir);
    return std::nullopt;
}

std::filesystem::path executable_path() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : self;
}

std::filesystem::path executable_folder() {
    return executable_path().parent_path();
}

std::vector<std::filesystem::path> font_folders() {
    std::vector<std::filesystem::path> folders;
    if (auto dir = environment_variable("RC_FONT_DIR")) folders.emplace_back(*dir);
    if (auto exe = executable_folder(); !exe.empty()) folders.push_back(exe / "fonts");
    // Debian's fonts-noto-core and fonts-dejavu-core (and older DejaVu layouts).
    folders.emplace_back("/usr/share/fonts/truetype/noto");
    folders.emplace_back("/usr/share/fonts/truetype/dejavu");
    folders.emplace_back("/usr/share/fonts/dejavu");
    return folders;
}

std::string path_for_c_library(const std::filesystem::path& path) {
    return path.string();
}

} // namespace rc::os
