// Idle CPU of the real window loop against a polling loop, measured in the same run: the program
// starts itself twice as a child in a hidden mode (bench --window-child event|poll) that opens the
// same window for N seconds. The child reports its CPU time when its loop began; the parent reads
// the child's total CPU time (all threads, Mesa's included) from wait4() and takes the difference.
// POSIX only (fork, wait4); the Windows build reports the section as not measured there.
#include "cli/bench/bench_section.hpp"
#include "platform/console_app.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
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

namespace {

double now_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double tv_seconds(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

struct ChildRun {
    bool ok = false;
    std::string problem;
    double cpu_total = 0;      // wait4: user + system, whole life of the child
    double cpu_loop_start = 0; // reported by the child
    double cpu_loop_end = 0;
    double loop_wall = 0;
    long frames = 0;
};

ChildRun run_child(const std::string& self, const char* mode, double seconds, const std::string& data_home) {
    ChildRun r;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        r.problem = std::string("pipe: ") + std::strerror(errno);
        return r;
    }
    const std::string secs = std::to_string(seconds);
    std::vector<std::string> args = {self, "bench", "--window-child", mode, "--window-seconds", secs};
    // The child's settings, imgui.ini and log go to a scratch data folder, not the user's.
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "XDG_DATA_HOME=", 14) != 0) env.emplace_back(*e);
    env.push_back("XDG_DATA_HOME=" + data_home);
    std::vector<char*> argv, envp;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);

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
    const double give_up = now_seconds() + seconds + 60.0;
    bool killed = false;
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        const int left_ms = static_cast<int>((give_up - now_seconds()) * 1000.0);
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
    if (at == std::string::npos ||
        std::sscanf(output.c_str() + at, "rc-window-child cpu_start=%lf cpu_end=%lf wall=%lf frames=%ld",
                    &r.cpu_loop_start, &r.cpu_loop_end, &r.loop_wall, &r.frames) != 4) {
        r.problem = "the window child did not report its times";
        return r;
    }
    r.ok = true;
    return r;
}

} // namespace

SectionResult run_idle_cpu_section(const BenchOptions& options) {
    SectionResult out;
    if (!platform::display_configured()) {
        out.skipped = true;
        out.skip_reason =
            "No display found, so the window cannot open: run the benchmark under xvfb-run, e.g. "
            "xvfb-run -s '-screen 0 1366x768x24' reception-console bench";
        return out;
    }
    out.columns = {{"loop", "Loop"},
                   {"seconds", "seconds"},
                   {"frames", "frames drawn"},
                   {"cpu_percent", "CPU, % of one core"},
                   {"cpu_percent_in_loop", "in loop only, %"}};
    char tmpl[] = "/tmp/rc-bench-XXXXXX";
    const char* scratch = mkdtemp(tmpl);
    if (!scratch) {
        out.skipped = true;
        out.skip_reason = std::string("Could not make a scratch folder in /tmp: ") + std::strerror(errno);
        return out;
    }
    const double seconds = options.idle_seconds > 0 ? options.idle_seconds : 30.0;
    struct Mode {
        const char* arg;
        const char* label;
    };
    for (const Mode m : {Mode{"event", "event-driven (the console)"}, Mode{"poll", "polling, vsync off"}}) {
        std::fprintf(stderr, "bench: idle_cpu: %s window for %.0f s ...\n", m.arg, seconds);
        const ChildRun r = run_child(options.self_exe, m.arg, seconds, scratch);
        if (!r.ok) {
            out.rows.push_back({Cell::str(m.label), Cell::num(seconds, 0), Cell::str("-"),
                                Cell::str("failed"), Cell::str(r.problem)});
            continue;
        }
        const double loop_cpu = r.cpu_total - r.cpu_loop_start;
        const double in_loop = r.cpu_loop_end - r.cpu_loop_start;
        out.rows.push_back(
            {Cell::str(m.label), Cell::num(r.loop_wall, 1), Cell::num(static_cast<double>(r.frames), 0),
             Cell::num(100.0 * loop_cpu / r.loop_wall, 2), Cell::num(100.0 * in_loop / r.loop_wall, 2)});
    }
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    out.notes = {
        "Each loop runs the same window (1366x768 under Xvfb) for the given time with no input. "
        "\"CPU\" is the child's user+system time from wait4() (all threads, Mesa's included) minus its CPU "
        "time when the loop began (startup excluded, shutdown included), over the loop's wall time.",
        "\"in loop only\" is the child's own getrusage() across the loop. The X server's CPU is not counted.",
    };
    return out;
}

} // namespace rc::cli::bench
