#pragma once
// Every screen, in the order of the navigation (Ctrl+1 is the first). Adding a screen: one class in
// its own file here, one line in screen_registry.cpp.
#include "ui/screen.hpp"

#include <memory>
#include <vector>

namespace rc::ui {

std::vector<std::unique_ptr<Screen>> make_main_screens();
// Shown instead of the main screens while the session is not open (first run, signed out, locked).
std::unique_ptr<Screen> make_gate_screen();

} // namespace rc::ui
