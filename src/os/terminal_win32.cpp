#include "os/terminal.hpp"
#include "os/win32_error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <io.h>
#include <windows.h>

namespace rc::os {

namespace {

// The console's input mode while echo is off, for the control handler to put back when Ctrl+C or
// Ctrl+Break arrives at the prompt (the handler runs on its own thread; the process then ends).
HANDLE g_console_in = INVALID_HANDLE_VALUE;
DWORD g_saved_mode = 0;
volatile LONG g_restore = 0;

BOOL WINAPI restore_console_mode(DWORD) {
    if (InterlockedCompareExchange(&g_restore, 0, 0) != 0) SetConsoleMode(g_console_in, g_saved_mode);
    return FALSE; // let the default handler end the program as it would have
}

} // namespace

std::optional<std::string> ask_on_terminal(const std::string& prompt, Echo echo, std::string& error) {
    HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                            nullptr, OPEN_EXISTING, 0, nullptr);
    HANDLE out = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                             nullptr, OPEN_EXISTING, 0, nullptr);
    if (in == INVALID_HANDLE_VALUE || out == INVALID_HANDLE_VALUE) {
        if (in != INVALID_HANDLE_VALUE) CloseHandle(in);
        if (out != INVALID_HANDLE_VALUE) CloseHandle(out);
        error = "there is no console to ask on";
        return std::nullopt;
    }
    DWORD old_mode = 0;
    const bool have_mode = GetConsoleMode(in, &old_mode) != 0;
    const bool quiet = have_mode && echo == Echo::Off;
    if (quiet) {
        g_console_in = in;
        g_saved_mode = old_mode;
        InterlockedExchange(&g_restore, 1);
        SetConsoleCtrlHandler(restore_console_mode, TRUE);
        SetConsoleMode(in, (old_mode | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT) &
                               ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
    }
    const std::wstring wide_prompt = wide_from_utf8(prompt);
    DWORD written = 0;
    WriteConsoleW(out, wide_prompt.data(), static_cast<DWORD>(wide_prompt.size()), &written, nullptr);

    std::wstring line;
    bool ok = true;
    while (line.size() < kMaxTerminalLine) {
        wchar_t buf[256];
        DWORD n = 0;
        if (!ReadConsoleW(in, buf, 256, &n, nullptr)) {
            ok = false;
            break;
        }
        if (n == 0) break;
        line.append(buf, n);
        if (line.find(L'\n') != std::wstring::npos) break;
    }
    if (have_mode) SetConsoleMode(in, old_mode);
    if (quiet) {
        InterlockedExchange(&g_restore, 0);
        SetConsoleCtrlHandler(restore_console_mode, FALSE);
        g_console_in = INVALID_HANDLE_VALUE;
    }
    if (echo == Echo::Off) WriteConsoleW(out, L"\r\n", 2, &written, nullptr);
    CloseHandle(in);
    CloseHandle(out);
    if (!ok) {
        error = "the console could not be read";
        return std::nullopt;
    }
    if (const auto end = line.find_first_of(L"\r\n"); end != std::wstring::npos) line.resize(end);
    std::string text = utf8_from_wide(line.data(), static_cast<int>(line.size()));
    SecureZeroMemory(line.data(), line.size() * sizeof(wchar_t));
    return text;
}

namespace {

// `at_end`: the input ended before anything was read.
bool read_fd_line(int fd, std::string& line, std::string& error, bool& at_end) {
    line.clear();
    at_end = false;
    char c = 0;
    while (line.size() < kMaxTerminalLine) {
        const int n = _read(fd, &c, 1);
        if (n < 0) {
            error = std::strerror(errno);
            return false;
        }
        if (n == 0) {
            at_end = line.empty();
            break;
        }
        if (c == '\n') break;
        line += c;
    }
    while (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

} // namespace

bool read_line_from_descriptor(int fd, std::string& line, std::string& error) {
    bool at_end = false;
    return read_fd_line(fd, line, error, at_end);
}

std::optional<std::string> read_line_from_stdin() {
    std::string line, error;
    bool at_end = false;
    if (!read_fd_line(_fileno(stdin), line, error, at_end) || at_end) return std::nullopt;
    return line;
}

bool stdin_is_terminal() {
    return _isatty(_fileno(stdin)) != 0;
}

} // namespace rc::os
