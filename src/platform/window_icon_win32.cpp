// Windows: the icon is the .exe's own (the GLFW_ICON resource in src/cli/reception-console.rc.in), which
// GLFW gives every window it opens; there is no X11 class to set.
#include "platform/window_icon.hpp"

namespace rc::platform {

void hint_window_class() {}

int set_window_icon(GLFWwindow*) {
    return 0;
}

} // namespace rc::platform
