#pragma once
// The console's keyboard shortcuts, listed once: the help overlay shows this table and shell.cpp
// handles the keys. Screens: Ctrl+1 .. Ctrl+8 in the navigation's order.
#include <span>

namespace rc::ui {

struct ShortcutHelp {
    const char* keys;
    const char* action;
};

std::span<const ShortcutHelp> shortcut_help();

} // namespace rc::ui
