#include "platform/console_app.hpp"

#include <cstdlib>

namespace rc::platform {

bool display_configured() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

const char* no_display_message() {
    return "No display found: the console window needs a screen, and none is available here (DISPLAY and "
           "WAYLAND_DISPLAY are not set, or the display could not be opened).\n"
           "To run it on a machine without a screen (a server, a test run), run it under xvfb-run:\n"
           "  xvfb-run -s '-screen 0 1366x768x24' reception-console\n"
           "The subcommands (reception-console --help) work without a display.\n";
}

} // namespace rc::platform
