// Start-up to the first frame and peak memory of the real window: the program starts itself as a
// window child (window_child.hpp) with a new data folder (the sign-in screen) and with the synthetic
// centre of 10,000 people on the Arrivals screen. Start-up is from just before fork() in the parent
// to the first frame swapped and finished (glFinish) in the child: exec, dynamic loading, GLFW, the
// OpenGL context (Mesa's software renderer under Xvfb), the fonts, and for the second row building
// the 10,000 people in memory. Peak memory is the child's maximum resident set from wait4(), Mesa
// included.
#include "cli/bench/bench_section.hpp"
#include "cli/bench/window_child.hpp"
#include "platform/console_app.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace rc::cli::bench {

SectionResult run_startup_section(const BenchOptions& options) {
    SectionResult out;
    if (const auto why = window_unavailable()) {
        out.skipped = true;
        out.skip_reason = *why;
        return out;
    }
    out.columns = {{"window", "Window"},
                   {"runs", "runs"},
                   {"startup_ms_median", "start-up to first frame, median (ms)"},
                   {"startup_ms_max", "slowest (ms)"},
                   {"peak_rss_mib", "peak memory, RSS (MiB)"}};
    const ScratchFolder scratch;
    if (!scratch.problem().empty()) {
        out.skipped = true;
        out.skip_reason = scratch.problem();
        return out;
    }
    struct Mode {
        const char* arg;
        const char* label;
    };
    constexpr int kRuns = 5;
    for (const Mode m : {Mode{"startup", "sign-in screen, new data folder"},
                         Mode{"startup-people", "Arrivals, 10,000 people (synthetic centre)"}}) {
        std::vector<double> startup_ms;
        long peak_kib = 0;
        std::string problem;
        for (int i = 0; i < kRuns; ++i) {
            std::fprintf(stderr, "bench: startup: %s, run %d of %d ...\n", m.arg, i + 1, kRuns);
            const WindowChildRun r = run_window_child_process(options.self_exe, m.arg, 0.5, scratch.path());
            double first_frame = 0;
            if (r.ok) {
                const std::size_t at = r.report.find("first_frame=");
                if (at == std::string::npos ||
                    std::sscanf(r.report.c_str() + at, "first_frame=%lf", &first_frame) != 1 ||
                    first_frame <= r.started_at) {
                    problem = "the window child did not report its first frame";
                    break;
                }
            } else {
                problem = r.problem;
                break;
            }
            startup_ms.push_back((first_frame - r.started_at) * 1000.0);
            peak_kib = std::max(peak_kib, r.max_rss_kib);
        }
        if (!problem.empty()) {
            out.rows.push_back({Cell::str(m.label), Cell::str("-"), Cell::str("failed"), Cell::str("-"),
                                Cell::str(problem)});
            continue;
        }
        double slowest = 0;
        for (const double v : startup_ms)
            slowest = std::max(slowest, v);
        const Percentiles p = percentiles(startup_ms);
        out.rows.push_back({Cell::str(m.label), Cell::num(kRuns, 0), Cell::num(p.median, 0),
                            Cell::num(slowest, 0), Cell::num(static_cast<double>(peak_kib) / 1024.0, 1)});
    }
    out.notes = {
        "Start-up: from just before fork() to the first frame swapped and finished (glFinish) in the "
        "child: exec and loading, GLFW and the OpenGL context (Mesa's software renderer, llvmpipe, under "
        "Xvfb), fonts, and for the second row building 10,000 people in memory (the synthetic centre "
        "stands in for opening a database and signing in, which the sign_in section measures).",
        "Peak memory: the child's maximum resident set (wait4 ru_maxrss), Mesa's buffers and threads "
        "included; the X server's memory is not.",
    };
    return out;
}

} // namespace rc::cli::bench
