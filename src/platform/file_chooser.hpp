#pragma once
// The desktop's own file chooser, run as a program: the one named by RECEPTION_CONSOLE_FILE_CHOOSER
// (called with zenity's arguments; tests and unusual desktops), else zenity (GNOME and most others),
// else kdialog (KDE). The XDG desktop portal is not called directly: a portal request belongs to the
// D-Bus connection that made it, so it would need a D-Bus client living in the console (GDBus or
// libportal and a GLib main loop) rather than a program started per dialog; zenity and kdialog go
// through the portal themselves where the desktop sets them up to.
#include "platform/process.hpp"
#include "ui/desktop.hpp"

#include <string>
#include <vector>

namespace rc::platform {

// The command line that shows the chooser for `choice`; empty when this desktop has none.
std::vector<std::string> file_chooser_command(const ui::FileChoice& choice);

// What the chooser's exit and output mean: a path (exit 0, the first line of its output), a cancel
// (exit 1 and no output), or a sentence saying what went wrong.
ui::FileChosen file_chooser_outcome(const std::string& program, const ProcessOutcome& outcome);

} // namespace rc::platform
