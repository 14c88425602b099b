#include "os/terminal.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <iterator>
#include <termios.h>
#include <unistd.h>

namespace rc::os {

namespace {

// The terminal's settings while echo is off, for the signal handler to put back.
int g_tty = -1;
termios g_saved{};
volatile std::sig_atomic_t g_restore = 0;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};
struct sigaction g_previous[std::size(kSignals)];

extern "C" void restore_terminal_and_reraise(int sig) {
    if (g_restore && g_tty >= 0) {
        ::tcsetattr(g_tty, TCSANOW, &g_saved);
        (void)!::write(g_tty, "\n", 1);
    }
    // Let the signal do what it would have done (end the program, or stop it for Ctrl+Z).
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

// Reads up to the first newline, a byte at a time so nothing after the line is consumed. `at_end` says
// the input ended before anything was read.
bool read_line(int fd, std::string& out, bool& at_end) {
    out.clear();
    at_end = false;
    char c = 0;
    while (out.size() < kMaxTerminalLine) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) {
            at_end = out.empty();
            break;
        }
        if (c == '\n') break;
        out += c;
    }
    while (!out.empty() && out.back() == '\r')
        out.pop_back();
    return true;
}

} // namespace

std::optional<std::string> ask_on_terminal(const std::string& prompt, Echo echo, std::string& error) {
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (tty < 0) {
        error = "there is no terminal to ask on";
        return std::nullopt;
    }
    termios old{};
    const bool quiet = echo == Echo::Off && ::tcgetattr(tty, &old) == 0;
    if (quiet) {
        // Ctrl+C (or any stop signal) at the prompt must not leave the terminal without echo.
        g_tty = tty;
        g_saved = old;
        g_restore = 1;
        struct sigaction sa {};
        sa.sa_handler = restore_terminal_and_reraise;
        sigemptyset(&sa.sa_mask);
        for (std::size_t i = 0; i < std::size(kSignals); ++i)
            ::sigaction(kSignals[i], &sa, &g_previous[i]);
        termios silent = old;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        silent.c_lflag |= ECHONL;
        ::tcsetattr(tty, TCSAFLUSH, &silent);
    }
    (void)!::write(tty, prompt.data(), prompt.size());
    std::string line;
    bool at_end = false;
    const bool ok = read_line(tty, line, at_end) && !at_end;
    if (quiet) {
        ::tcsetattr(tty, TCSAFLUSH, &old);
        g_restore = 0;
        for (std::size_t i = 0; i < std::size(kSignals); ++i)
            ::sigaction(kSignals[i], &g_previous[i], nullptr);
        g_tty = -1;
    }
    ::close(tty);
    if (!ok) {
        error = "the terminal could not be read";
        return std::nullopt;
    }
    return line;
}

bool read_line_from_descriptor(int fd, std::string& line, std::string& error) {
    bool at_end = false;
    if (read_line(fd, line, at_end)) return true;
    error = std::strerror(errno);
    return false;
}

std::optional<std::string> read_line_from_stdin() {
    std::string line;
    bool at_end = false;
    if (!read_line(STDIN_FILENO, line, at_end) || at_end) return std::nullopt;
    return line;
}

bool stdin_is_terminal() {
    return ::isatty(STDIN_FILENO) != 0;
}

} // namespace rc::os
