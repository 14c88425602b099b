#include "platform/console_app.hpp"

namespace rc::platform {

// Windows always has a desktop to open a window on (a service session would fail at glfwInit, and
// gets the message below).
bool display_configured() {
    return true;
}

const char* no_display_message() {
    return "No desktop found: the console window needs one, and none is available to this program (is it "
           "running as a service?).\n"
           "The subcommands (reception-console --help) work without a window.\n";
}

} // namespace rc::platform
