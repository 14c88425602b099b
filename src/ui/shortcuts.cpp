#include "ui/shortcuts.hpp"

namespace rc::ui {

namespace {
constexpr ShortcutHelp kShortcuts[] = {
    {"Ctrl+1 \u2026 Ctrl+8", "Go to a screen (in the order of the list on the left)"},
    {"Ctrl+Page Down / Ctrl+Page Up", "Next / previous screen"},
    {"F1", "Show or hide this help"},
    {"Escape", "Close this help"},
    {"Ctrl+= / Ctrl+\u2212 / Ctrl+0", "Larger text / smaller text / usual size"},
    {"Ctrl+L", "Lock the console now (when someone is signed in)"},
    {"Ctrl+B", "Back up the centre database now"},
    {"Ctrl+B (Arrivals, a person selected)", "Issue them the support bag that fits (not a backup)"},
    {"Ctrl+T (Dashboard)", "Raise the tier (when more people arrive than the tier is for)"},
    {"Ctrl+Shift+U (check-in form)", "Needs medical attention now: on or off"},
    {"Enter on a folded alert line", "Show or hide the records it stands for (remembered)"},
    {"Tab / Shift+Tab", "Next / previous field"},
    {"Arrow keys, Space, Enter", "Move between items, press the one highlighted"},
    {"Enter (in the log's entry box)", "Add the entry to the log"},
};
} // namespace

std::span<const ShortcutHelp> shortcut_help() {
    return kShortcuts;
}

} // namespace rc::ui
