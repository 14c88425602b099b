// The window child started and measured from the outside on POSIX: fork/execve, a pipe for its report,
// wait4() for its CPU time and peak memory.
#include "cli/bench/window_child.hpp"
#include "platform/console_app.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <signal.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace rc::cli::bench {

std::optional<std::string> window_unavailable() {
    if (platform::display_configured()) return std::nullopt;
    return "No display found, so the window cannot open: run the benchmark under xvfb-run, e.g. "
           "xvfb-run -s '-screen 0 1366x768x24' reception-console bench";
}

ScratchFolder::ScratchFolder() {
    char tmpl[] = "/tmp/rc-bench-XXXXXX";
    if (const char* made = mkdtemp(tmpl))
        path_ = made;
    else
        problem_ = std::string("Could not make a scratch folder in /tmp: ") + std::strerror(errno);
}

ScratchFolder::~ScratchFolder() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

namespace {

double tv_seconds(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

} // namespace

WindowChildRun run_window_child_process(const std::string& self, const std::string& mode, double seconds,
                                        const std::string& data_home) {
    WindowChildRun r;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        r.problem = std::string("pipe: ") + std::strerror(errno);
        return r;
    }
    const std::string secs = std::to_string(seconds);
    std::vector<std::string> args = {self, "bench", "--window-child", mode, "--window-seconds", secs};
    // The child's data, settings, imgui.ini and log go to a scratch folder, not the user's.
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "XDG_", 4) != 0) env.emplace_back(*e);
    for (const char* variable : {"XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "XDG_STATE_HOME="})
        env.push_back(variable + data_home);
    std::vector<char*> argv, envp;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    r.started_at = monotonic_seconds();
    const pid_t pid = fork();
    if (pid < 0) {
        r.problem = std::string("fork: ") + std::strerror(errno);
        close(fds[0]);
        close(fds[1]);
        return r;
    }
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO); // dup2 clears O_CLOEXEC on the copy
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    close(fds[1]);
    std::string output;
    const double give_up = monotonic_seconds() + seconds + 60.0;
    bool killed = false;
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        const int left_ms = static_cast<int>((give_up - monotonic_seconds()) * 1000.0);
        if (left_ms <= 0) {
            kill(pid, SIGKILL);
            killed = true;
            break;
        }
        const int n = poll(&p, 1, left_ms);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) continue;
        char buf[512];
        const ssize_t got = read(fds[0], buf, sizeof buf);
        if (got <= 0) break;
        output.append(buf, static_cast<std::size_t>(got));
    }
    close(fds[0]);
    int status = 0;
    rusage ru{};
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    r.cpu_total = tv_seconds(ru.ru_utime) + tv_seconds(ru.ru_stime);
    r.max_rss_kib = ru.ru_maxrss; // Linux: kibibytes
    if (killed) {
        r.problem = "the window child did not finish in time and was stopped";
        return r;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        r.problem = WIFEXITED(status) && WEXITSTATUS(status) == 2
                        ? "the window could not open (no usable display or OpenGL)"
                        : "the window child failed (status " + std::to_string(status) + ")";
        return r;
    }
    const std::size_t at = output.find(kWindowChildTag);
    if (at == std::string::npos) {
        r.problem = "the window child did not report its times";
        return r;
    }
    r.report = output.substr(at, output.find('\n', at) - at);
    r.ok = true;
    return r;
}

} // namespace rc::cli::bench
