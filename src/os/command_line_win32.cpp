#include "os/command_line.hpp"
#include "os/win32_error.hpp"

// windows.h first: shellapi.h depends on it.
// clang-format off
#include <windows.h>
#include <shellapi.h>
// clang-format on

namespace rc::os {

std::vector<std::string> utf8_arguments(int argc, char** argv) {
    int count = 0;
    wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
    if (!wide) return std::vector<std::string>(argv, argv + argc);
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        out.push_back(utf8_from_wide(wide[i]));
    LocalFree(wide);
    return out;
}

} // namespace rc::os
