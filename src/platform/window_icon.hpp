#pragma once
// The window's icon (the title bar, the task switcher) and its X11 class, so that the desktop matches
// the window to reception-console.desktop (StartupWMClass) whatever the title says.
struct GLFWwindow;

namespace rc::platform {

inline constexpr const char* kX11ClassName = "reception-console";

// Sets the X11 class and instance names for the next window (call before glfwCreateWindow).
void hint_window_class();
// Loads the icon at 48, 64, 128 and 256 px from the installed icon theme (or the source tree's assets
// when run from a build) and gives it to the window; without the files the window keeps the default.
// Returns how many sizes were set. (Windows: the .exe's icon resource serves; returns 0.)
int set_window_icon(GLFWwindow* window);

} // namespace rc::platform
