#pragma once
// The desktop services of the system the console runs on: xdg-open on a freedesktop.org desktop
// (desktop_xdg_posix.cpp), Explorer on Windows (desktop_explorer_win32.cpp).
#include "ui/desktop.hpp"

#include <functional>
#include <memory>

namespace rc::platform {

// `wake` is called (from another thread) when something finished in the background, e.g. a file
// chooser closed, so an idle window draws a frame and picks the outcome up.
std::unique_ptr<ui::Desktop> make_system_desktop(std::function<void()> wake);

} // namespace rc::platform
