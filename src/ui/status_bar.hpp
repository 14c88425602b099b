#pragma once
// The bottom line of the window: centre name, database path, the "saved" indicator and the local
// time. Strings are formatted only when the status snapshot's version or the minute changes.
#include "app/app_session.hpp"
#include "domain/clock.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace rc::ui {

class StatusBar {
public:
    // Draws into the current window (the shell gives it a child region one frame-height tall).
    void draw(const app::StatusSnapshot& status, const Clock& clock);

    // The texts of the last frame, for tests.
    const std::string& centre_text() const { return centre_; }
    const std::string& database_text() const { return database_; }
    const std::string& saved_text() const { return saved_; }
    const std::string& time_text() const { return time_; }
    // "Shared centre: 3 desks connected" (empty on the laptop file), and one line per desk.
    const std::string& shared_text() const { return shared_; }
    const std::vector<std::string>& desk_lines() const { return desk_lines_; }

private:
    void refresh(const app::StatusSnapshot& status, const Clock& clock);

    std::uint64_t version_ = UINT64_MAX;
    UnixSeconds minute_ = -1;
    std::string centre_, database_, saved_, time_, shared_;
    std::vector<std::string> desk_lines_; // each desk and its last contact (the tooltip)
    std::string database_fitted_;         // shortened to the width it had
    float fitted_width_ = -1.0f;
    int saved_colour_ = 0; // 0 ok, 1 warning, 2 danger
};

// The status bar's words for a shared centre: "Shared centre: 4 desks connected", and for one desk
// "desk2: last contact 3 s ago".
std::string shared_centre_text(const app::StatusSnapshot& status);
std::string desk_line(const app::DeskStatus& desk);

// `text` shortened in the middle with "…" to fit `width` pixels in the current font.
std::string fit_middle(const std::string& text, float width);

} // namespace rc::ui
