#pragma once
// The windowed console: opens the GLFW window and runs the event-driven main loop.
#include <string>

namespace rc::app {
class AppSession;
}

namespace rc::platform {

enum class LoopMode {
    EventDriven, // the console: sleeps until input or the next timed redraw
    Polling      // for the benchmark's comparison only: redraws as fast as it can, vsync off
};

// Filled in by run_console() when asked (the benchmark's child process reports it).
struct LoopStats {
    double cpu_seconds_at_loop_start = 0; // process CPU time (all threads) when the loop began
    double cpu_seconds_at_loop_end = 0;
    double loop_wall_seconds = 0;
    long frames = 0;
    double first_frame_monotonic = 0; // steady-clock seconds when the first frame was on screen
};

struct ConsoleOptions {
    std::string db_path;        // empty: the default database in the user's data directory
    std::string procedure_file; // empty: the procedure built into the program
    LoopMode loop_mode = LoopMode::EventDriven;
    double run_seconds = 0;     // > 0: close the window after this many seconds (benchmark)
    bool write_settings = true; // false: leave settings.conf and imgui.ini untouched (benchmark)
    LoopStats* stats = nullptr;
    app::AppSession* session = nullptr; // instead of the database (the benchmark's synthetic centre)
    int first_screen = -1;              // >= 0: show this screen first (the benchmark: 1, Arrivals)
};

// Returns the process exit code. Without a display it explains how to use xvfb-run and returns 2.
int run_console(const ConsoleOptions& options);

// True when DISPLAY or WAYLAND_DISPLAY is set (GLFW may still fail to connect).
bool display_configured();
// What to tell someone who started the console without a display.
const char* no_display_message();

// Wakes the window loop from any thread (e.g. the store after a write from a worker): the next frame
// is drawn at once. Does nothing when no window is open.
void post_wake();

} // namespace rc::platform
