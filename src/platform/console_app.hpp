#pragma once
// The windowed console: opens the GLFW window and runs the event-driven main loop.
#include <string>

namespace rc::platform {

struct ConsoleOptions {
    std::string db_path; // empty: the default database in the user's data directory
};

// Returns the process exit code. Without a display it explains how to use xvfb-run and returns 2.
int run_console(const ConsoleOptions& options);

} // namespace rc::platform
