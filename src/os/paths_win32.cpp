#include "os/paths.hpp"
#include "os/utf8_path.hpp"
#include "os/win32_error.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <windows.h>

namespace rc::os {

std::optional<std::string> environment_variable(const char* name) {
    const std::wstring wide_name = wide_from_utf8(name);
    const wchar_t* value = _wgetenv(wide_name.c_str());
    if (!value || !*value) return std::nullopt;
    return utf8_from_wide(value);
}

void set_environment_variable(const char* name, const std::string& value) {
    _wputenv_s(wide_from_utf8(name).c_str(), wide_from_utf8(value).c_str());
}

std::optional<std::filesystem::path> system_app_folder() {
    std::filesystem::path base;
    if (auto local = environment_variable("LOCALAPPDATA"))
        base = path_from_utf8(*local);
    else if (auto home = home_folder())
        base = *home / "AppData" / "Local";
    else
        return std::filesystem::path(); // never a shared folder such as %TEMP%'s parent
    return base / "ReceptionConsole";
}

std::optional<std::filesystem::path> home_folder() {
    if (auto profile = environment_variable("USERPROFILE")) return path_from_utf8(*profile);
    return std::nullopt;
}

std::filesystem::path executable_path() {
    std::wstring buffer(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (n == 0) return {};
        if (n < buffer.size()) {
            buffer.resize(n);
            break;
        }
        buffer.resize(buffer.size() * 2);
    }
    return std::filesystem::path(buffer);
}

std::filesystem::path executable_folder() {
    return executable_path().parent_path();
}

std::vector<std::filesystem::path> font_folders() {
    std::vector<std::filesystem::path> folders;
    if (auto dir = environment_variable("RC_FONT_DIR")) folders.push_back(path_from_utf8(*dir));
    if (auto exe = executable_folder(); !exe.empty()) folders.push_back(exe / "fonts");
    return folders;
}

std::string path_for_c_library(const std::filesystem::path& path) {
    const std::wstring wide = path.wstring();
    BOOL lossy = FALSE;
    const auto to_ansi = [&lossy](const std::wstring& w) {
        lossy = FALSE;
        const int n =
            WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, w.c_str(), -1, nullptr, 0, nullptr, &lossy);
        std::string out(static_cast<std::size_t>(n > 0 ? n : 1), '\0');
        WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, w.c_str(), -1, out.data(), n, nullptr, &lossy);
        out.resize(std::strlen(out.c_str()));
        return out;
    };
    std::string ansi = to_ansi(wide);
    if (!lossy) return ansi;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) std::ofstream(path, std::ios::binary).flush();
    std::wstring shorter(MAX_PATH, L'\0');
    const DWORD n = GetShortPathNameW(wide.c_str(), shorter.data(), static_cast<DWORD>(shorter.size()));
    if (n == 0 || n >= shorter.size()) return ansi;
    shorter.resize(n);
    return to_ansi(shorter);
}

} // namespace rc::os
