#include "os/process.hpp"
#include "os/win32_error.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

// windows.h first: shellapi.h depends on it.
// clang-format off
#include <windows.h>
#include <shellapi.h>
// clang-format on

namespace rc::os {

namespace {

double seconds_of(const FILETIME& ft) {
    ULARGE_INTEGER v;
    v.LowPart = ft.dwLowDateTime;
    v.HighPart = ft.dwHighDateTime;
    return static_cast<double>(v.QuadPart) / 1e7; // 100 ns units
}

// One argument quoted the way CommandLineToArgvW and the C runtime read it back: backslashes are
// literal except before a quote, where they are doubled.
std::wstring quoted(const std::wstring& arg) {
    if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) return arg;
    std::wstring out = L"\"";
    std::size_t backslashes = 0;
    for (const wchar_t c : arg) {
        if (c == L'\\') {
            ++backslashes;
            continue;
        }
        out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
        backslashes = 0;
        out += c;
    }
    out.append(backslashes * 2, L'\\');
    out += L'"';
    return out;
}

} // namespace

long process_id() {
    return static_cast<long>(GetCurrentProcessId());
}

double process_cpu_seconds() {
    FILETIME created, exited, kernel, user;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)) return 0.0;
    return seconds_of(kernel) + seconds_of(user);
}

void restart_self_with_database(const std::string& db) {
    int argc = 0;
    LPWSTR* argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (argv == nullptr || argc < 1) return;
    std::vector<std::wstring> args(argv, argv + argc);
    LocalFree(argv);
    wchar_t exe[MAX_PATH * 4];
    const DWORD n = GetModuleFileNameW(nullptr, exe, static_cast<DWORD>(std::size(exe)));
    if (n == 0 || n >= std::size(exe)) return;
    std::wstring line = quoted(exe);
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == L"--db" && i + 1 < args.size()) {
            ++i;
            continue;
        }
        if (args[i].rfind(L"--db=", 0) == 0) continue;
        line += L' ' + quoted(args[i]);
    }
    line += L" --db " + quoted(wide_from_utf8(db));
    STARTUPINFOW si{};
    si.cb = sizeof si;
    PROCESS_INFORMATION pi{};
    // Windows has no exec: the program starts again beside this one (same console), and this one ends.
    if (!CreateProcessW(exe, line.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr, &si, &pi)) return;
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    std::fflush(nullptr);
    std::_Exit(0);
}

} // namespace rc::os
