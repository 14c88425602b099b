#pragma once
// The desktop services of the system the console runs on: xdg-open on a freedesktop.org desktop
// (desktop_xdg_posix.cpp), Explorer on Windows (desktop_explorer_win32.cpp).
#include "ui/desktop.hpp"

#include <memory>

namespace rc::platform {

std::unique_ptr<ui::Desktop> make_system_desktop();

} // namespace rc::platform
