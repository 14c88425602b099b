// The passphrase prompt on a real terminal (a pseudo-terminal): echo is off while it waits, and Ctrl+C
// there ends the program with the terminal put back as it was, echo on.
#include "cli_test_support.hpp"

#include <csignal>
#include <pty.h>
#include <termios.h>

using namespace rc::cli::test;

TEST_CASE("cli: Ctrl+C at the passphrase prompt leaves the terminal with echo on") {
    Scratch s;
    const std::string db = (s.dir / "centre.sqlite").string();
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::unsetenv("RECEPTION_CONSOLE_PASSPHRASE");
        const char* argv[] = {RC_CONSOLE_BINARY, "init", "--db", db.c_str(), "--user", "Test Coordinator", nullptr};
        ::execv(RC_CONSOLE_BINARY, const_cast<char* const*>(argv));
        ::_exit(127);
    }
    std::string seen;
    char buf[256];
    for (int i = 0; i < 600 && seen.find("passphrase") == std::string::npos; ++i) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(master, &fds);
        timeval tv{0, 100000};
        if (::select(master + 1, &fds, nullptr, nullptr, &tv) > 0) {
            const ssize_t n = ::read(master, buf, sizeof buf);
            if (n <= 0) break;
            seen.append(buf, static_cast<std::size_t>(n));
        }
    }
    REQUIRE_MESSAGE(seen.find("passphrase") != std::string::npos, seen);
    termios t{};
    REQUIRE(::tcgetattr(master, &t) == 0);
    CHECK((t.c_lflag & ECHO) == 0); // the prompt hides what is typed
    (void)!::write(master, "\x03", 1); // Ctrl+C
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGINT);
    REQUIRE(::tcgetattr(master, &t) == 0);
    CHECK((t.c_lflag & ECHO) != 0); // put back
    ::close(master);
    CHECK_FALSE(std::filesystem::exists(db));
}
