// The benchmark's hidden child mode (bench --window-child MODE): the real window for N seconds, then one
// line with its times for the parent (window_child_process_*.cpp starts it and reads the line).
#include "cli/bench/window_child.hpp"

#include "cli/bench/bench_section.hpp"
#include "cli/bench/synthetic_centre.hpp"
#include "platform/console_app.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>

namespace rc::cli::bench {

double monotonic_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Modes: "event" and "poll" (idle_cpu: the loop's CPU), "startup" (a new data folder: the sign-in
// screen) and "startup-people" (the synthetic centre of 10,000 people on the Arrivals screen).
int run_window_child(const std::string& mode, double seconds) {
    platform::ConsoleOptions options;
    options.loop_mode = mode == "poll" ? platform::LoopMode::Polling : platform::LoopMode::EventDriven;
    options.run_seconds = seconds > 0 ? seconds : 30.0;
    options.write_settings = false;
    std::unique_ptr<SyntheticCentre> centre;
    if (mode == "startup-people") {
        centre = std::make_unique<SyntheticCentre>(10000, static_cast<UnixSeconds>(std::time(nullptr)));
        options.session = centre.get();
        options.first_screen = 1; // Arrivals
    }
    platform::LoopStats stats;
    options.stats = &stats;
    const int code = platform::run_console(options);
    if (code != 0) return code;
    std::printf("%s cpu_start=%.6f cpu_end=%.6f wall=%.6f frames=%ld first_frame=%.6f\n", kWindowChildTag,
                stats.cpu_seconds_at_loop_start, stats.cpu_seconds_at_loop_end, stats.loop_wall_seconds,
                stats.frames, stats.first_frame_monotonic);
    std::fflush(stdout);
    return 0;
}

} // namespace rc::cli::bench
