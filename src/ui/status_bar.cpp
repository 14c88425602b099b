#include "ui/status_bar.hpp"

#include "ui/theme.hpp"

#include <algorithm>
#include <imgui.h>

namespace rc::ui {

namespace {

// Byte offset of the start of the UTF-8 character that contains byte `i`.
std::size_t char_start(const std::string& s, std::size_t i) {
    while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

} // namespace

std::string shared_centre_text(const app::StatusSnapshot& status) {
    if (!status.shared_centre) return {};
    if (status.save_state == app::SaveState::NotConnected) return "Shared centre: not connected";
    if (status.save_state == app::SaveState::NoDatabase) return "Shared centre: not open";
    const int n = status.desks_connected;
    return "Shared centre: " + std::to_string(n) + (n == 1 ? " desk" : " desks") + " connected";
}

std::string desk_line(const app::DeskStatus& d) {
    const auto s = static_cast<long>(d.seconds_since_contact + 0.5);
    std::string ago = s < 60     ? std::to_string(s) + " s ago"
                      : s < 3600 ? std::to_string(s / 60) + " min ago"
                                 : std::to_string(s / 3600) + " h ago";
    return d.role + (d.this_desk ? " (this desk)" : "") + ": last contact " + ago +
           (d.connected ? "" : ", not connected");
}

std::string fit_middle(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const std::string ellipsis = "\u2026";
    // Keep the end (the file name) whole where possible: drop characters from the middle.
    std::size_t keep_front = text.size() / 3;
    std::size_t keep_back = text.size() - keep_front;
    while (keep_front > 0 || keep_back < text.size()) {
        std::string candidate = text.substr(0, char_start(text, keep_front)) + ellipsis +
                                text.substr(char_start(text, keep_back));
        if (ImGui::CalcTextSize(candidate.c_str()).x <= width) return candidate;
        if (keep_front > 0) keep_front = keep_front > 2 ? keep_front - 2 : 0;
        if (keep_back < text.size()) keep_back = std::min(text.size(), keep_back + 1);
    }
    return ellipsis;
}

void StatusBar::refresh(const app::StatusSnapshot& status, const Clock& clock) {
    const UnixSeconds now = clock.now();
    const UnixSeconds minute = now / 60;
    if (status.version == version_ && minute == minute_) return;
    if (status.version != version_) {
        centre_ = status.centre_name;
        database_ =
            "Database: " + (status.database_path.empty() ? std::string("none") : status.database_path);
        fitted_width_ = -1.0f;
        switch (status.save_state) {
        case app::SaveState::NoDatabase:
            saved_ = "\u25CF Not saved: no centre database open";
            saved_colour_ = 1;
            break;
        case app::SaveState::Saved:
            saved_ = "\u25CF Saved " + format_local_time(status.last_saved_at, "%H:%M");
            saved_colour_ = 0;
            break;
        case app::SaveState::Failed:
            saved_ = "\u25CF NOT SAVED: " + status.save_problem;
            saved_colour_ = 2;
            break;
        case app::SaveState::NotConnected:
            saved_ = "\u25CF Not connected: not saved (trying again)";
            saved_colour_ = 2;
            break;
        case app::SaveState::KeyChanged:
            // Not an alarm: what was saved is safe under the new key; only an open form may need saving.
            saved_ = "\u25CF The centre's key was changed on another desk: sign in again. Everything saved "
                     "is kept.";
            saved_colour_ = 1;
            break;
        case app::SaveState::Reconnected:
            saved_ = "\u25CF " + status.save_problem + " Save again any form that said Not saved.";
            saved_colour_ = 1;
            break;
        }
        shared_ = shared_centre_text(status);
        if (const int n = status.offline_roll; n > 0)
            shared_ += ". On this desk only: " + std::to_string(n) + (n == 1 ? " person" : " people") +
                       " in the offline roll, not yet in the shared centre";
        desk_lines_.clear();
        for (const app::DeskStatus& d : status.desks)
            desk_lines_.push_back(desk_line(d));
    }
    time_ = format_local_time(now, "%a %d %b %H:%M");
    version_ = status.version;
    minute_ = minute;
}

void StatusBar::draw(const app::StatusSnapshot& status, const Clock& clock) {
    refresh(status, clock);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float gap = style.ItemSpacing.x * 3.0f;

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(centre_.c_str());

    const float saved_w = ImGui::CalcTextSize(saved_.c_str()).x;
    const float time_w = ImGui::CalcTextSize(time_.c_str()).x;
    const float right_w = saved_w + gap + time_w;
    const float region_right = ImGui::GetWindowContentRegionMax().x;

    if (!shared_.empty()) {
        ImGui::SameLine(0.0f, gap);
        const Palette& pal = palette();
        const float* c = saved_colour_ == 2 ? pal.danger : saved_colour_ == 1 ? pal.warning : pal.ok;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
        ImGui::TextUnformatted(shared_.c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered() && !desk_lines_.empty()) {
            ImGui::BeginTooltip();
            for (const std::string& line : desk_lines_)
                ImGui::TextUnformatted(line.c_str());
            ImGui::EndTooltip();
        }
    }
    ImGui::SameLine(0.0f, gap);
    const float db_left = ImGui::GetCursorPosX();
    const float db_width = region_right - right_w - gap - db_left;
    if (db_width != fitted_width_) {
        database_fitted_ = db_width > 0 ? fit_middle(database_, db_width) : std::string();
        fitted_width_ = db_width;
    }
    ImGui::TextDisabled("%s", database_fitted_.c_str());

    // Right-aligned, but never over what is on its left when the words are long.
    const float db_right = db_left + ImGui::CalcTextSize(database_fitted_.c_str()).x;
    ImGui::SameLine(std::max(db_right + (database_fitted_.empty() ? 0.0f : gap), region_right - right_w));
    const Palette& p = palette();
    const float* c = saved_colour_ == 0 ? p.ok : saved_colour_ == 1 ? p.warning : p.danger;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
    ImGui::TextUnformatted(saved_.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine(0.0f, gap);
    ImGui::TextUnformatted(time_.c_str());
}

} // namespace rc::ui
