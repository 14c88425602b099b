// Idle CPU of the real window loop against a polling loop, measured in the same run: the program
// starts itself twice as a child in a hidden mode (bench --window-child event|poll) that opens the
// same window for N seconds. The child reports its CPU time when its loop began; the parent reads
// the child's total CPU time (all threads, Mesa's included) from wait4() and takes the difference.
#include "cli/bench/bench_section.hpp"
#include "cli/bench/window_child.hpp"
#include "platform/console_app.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace rc::cli::bench {

namespace {

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
    const WindowChildRun run = run_window_child_process(self, mode, seconds, data_home);
    r.cpu_total = run.cpu_total;
    if (!run.ok) {
        r.problem = run.problem;
        return r;
    }
    if (std::sscanf(run.report.c_str(), "rc-window-child cpu_start=%lf cpu_end=%lf wall=%lf frames=%ld",
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
    if (const auto why = window_unavailable()) {
        out.skipped = true;
        out.skip_reason = *why;
        return out;
    }
    out.columns = {{"loop", "Loop"},
                   {"seconds", "seconds"},
                   {"frames", "frames drawn"},
                   {"cpu_percent", "CPU, % of one core"},
                   {"cpu_percent_in_loop", "in loop only, %"}};
    const ScratchFolder scratch;
    if (!scratch.problem().empty()) {
        out.skipped = true;
        out.skip_reason = scratch.problem();
        return out;
    }
    const double seconds = options.idle_seconds > 0 ? options.idle_seconds : 30.0;
    struct Mode {
        const char* arg;
        const char* label;
    };
    for (const Mode m : {Mode{"event", "event-driven (the console)"}, Mode{"poll", "polling, vsync off"}}) {
        std::fprintf(stderr, "bench: idle_cpu: %s window for %.0f s ...\n", m.arg, seconds);
        const ChildRun r = run_child(options.self_exe, m.arg, seconds, scratch.path());
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
    out.notes = {
        "Each loop runs the same window (1366x768 under Xvfb) for the given time with no input. "
        "\"CPU\" is the child's user+system time from wait4() (all threads, Mesa's included) minus its CPU "
        "time when the loop began (startup excluded, shutdown included), over the loop's wall time.",
        "\"in loop only\" is the child's own getrusage() across the loop. The X server's CPU is not counted.",
    };
    return out;
}

} // namespace rc::cli::bench
