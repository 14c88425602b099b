#pragma once
// A path the user picks (a roll, a delivery note, the venue register, a backup, an export folder): the
// typed field, which stays for keyboard users, and beside it "Browse..." where the desktop has a file
// chooser. The chooser runs as a background process (ui::Desktop), so the window keeps drawing; the
// chosen path lands in the field on the first frame after the dialog closes.
#include "ui/desktop.hpp"

#include <string>

namespace rc::ui {

class PathField {
public:
    // `id` is the field's ImGui id ("##roll_path"); the button is "Browse\u2026" with the same id.
    PathField(std::string id, std::string hint, FileChoice choice);

    // Draws the field and its button across the available width (at most `max_width` when above 0);
    // true when the path changed (typed or chosen).
    bool draw(Desktop* desktop, std::string& path, float max_width = 0.0f);

    const std::string& browse_label() const { return browse_label_; }
    // Why the chooser could not be used, when it could not; shown under the field.
    const std::string& problem() const { return problem_; }

private:
    std::string id_;
    std::string hint_;
    std::string browse_label_;
    FileChoice choice_;
    std::string problem_;
};

} // namespace rc::ui
