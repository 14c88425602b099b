// The benchmark's hidden child mode (bench --window-child event|poll): the real window for N seconds,
// then one line with its CPU times for the parent (idle_cpu_section_posix.cpp).
#include "cli/bench/bench_section.hpp"
#include "platform/console_app.hpp"

#include <cstdio>

namespace rc::cli::bench {

int run_window_child(const std::string& mode, double seconds) {
    platform::ConsoleOptions options;
    options.loop_mode = mode == "poll" ? platform::LoopMode::Polling : platform::LoopMode::EventDriven;
    options.run_seconds = seconds > 0 ? seconds : 30.0;
    options.write_settings = false;
    platform::LoopStats stats;
    options.stats = &stats;
    const int code = platform::run_console(options);
    if (code != 0) return code;
    std::printf("%s cpu_start=%.6f cpu_end=%.6f wall=%.6f frames=%ld\n", kWindowChildTag,
                stats.cpu_seconds_at_loop_start, stats.cpu_seconds_at_loop_end, stats.loop_wall_seconds,
                stats.frames);
    std::fflush(stdout);
    return 0;
}

} // namespace rc::cli::bench
