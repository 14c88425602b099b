#pragma once
// Asking the person at the keyboard: a passphrase without echo and a typed confirmation, on the
// controlling terminal (/dev/tty on POSIX, the console's CONIN$/CONOUT$ on Windows) even when
// stdin and stdout are redirected. Text comes back as UTF-8 without the line end.
#include <cstddef>
#include <optional>
#include <string>

namespace rc::os {

enum class Echo { Off, On };

// Writes `prompt` to the terminal and reads one line. nullopt (with `error` set) when there is no
// terminal or it cannot be read. With echo off, the terminal is put back as it was also when the person
// presses Ctrl+C (or the process is told to stop) at the prompt: a signal handler on POSIX, a console
// control handler on Windows.
std::optional<std::string> ask_on_terminal(const std::string& prompt, Echo echo, std::string& error);

// Asks with echo (a reason, a typed confirmation). nullopt when there is no terminal.
inline std::optional<std::string> ask_line_on_terminal(const std::string& prompt) {
    std::string error;
    return ask_on_terminal(prompt, Echo::On, error);
}

// Reads one line from an inherited file descriptor (--passphrase-fd), a byte at a time so nothing
// after the line is consumed. False (with `error` set) when it cannot be read.
bool read_line_from_descriptor(int fd, std::string& line, std::string& error);

// One line from standard input (for scripts). nullopt at end of input.
std::optional<std::string> read_line_from_stdin();
bool stdin_is_terminal();

// Longest line either function reads.
inline constexpr std::size_t kMaxTerminalLine = 4096;

} // namespace rc::os
