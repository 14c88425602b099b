#include "ui/screens/log_screen.hpp"

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

void LogScreen::on_shown(ScreenContext& ctx) {
    (void)ctx;
    focus_field_ = true;
}

void LogScreen::refresh_rows(const app::LogSnapshot& log) {
    if (log.version == cached_version_) return;
    rows_.clear();
    rows_.reserve(log.entries.size());
    for (std::size_t i = 0; i < log.entries.size(); ++i)
        rows_.push_back(Row{i, format_local_time(log.entries[i].at, "%a %d %b %H:%M")});
    cached_version_ = log.version;
    ++cache_rebuilds_;
}

void LogScreen::submit(ScreenContext& ctx) {
    const app::EditResult result = ctx.session.add_log_entry(draft_);
    if (result.ok) {
        draft_.clear();
        message_ = "Added.";
        message_is_error_ = false;
    } else {
        message_ = result.message;
        message_is_error_ = true;
    }
    focus_field_ = true; // ready for the next entry
}

void LogScreen::draw(ScreenContext& ctx) {
    heading(title());
    paragraph_disabled("Timestamped notes of what happens at the centre, like an ICS 214 activity log: "
                       "arrivals, partners coming and going, decisions, problems. Write references, not "
                       "more personal detail than is needed.");
    if (ctx.session.status().save_state == app::SaveState::NoDatabase)
        paragraph_disabled("No centre database is open: entries are kept in memory only and are lost when "
                           "the console closes.");
    ImGui::Spacing();

    const char* add_label = kAddButton;
    const float button_width = ImGui::CalcTextSize(add_label).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(-(button_width + ImGui::GetStyle().ItemSpacing.x));
    if (focus_field_) {
        ImGui::SetKeyboardFocusHere();
        focus_field_ = false;
    }
    const bool entered =
        input_text(kEntryField, "What happened? e.g. Coach with 12 people arrived at the side door", draft_,
                   ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited()) message_.clear(); // the last message is about the last entry
    ImGui::SameLine();
    const bool clicked = button(add_label);
    if (entered || clicked) submit(ctx);

    if (!message_.empty()) {
        const float* c = message_is_error_ ? palette().danger : palette().ok;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
        paragraph(message_.c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::NewLine();
    }

    const app::LogSnapshot& log = ctx.session.log();
    refresh_rows(log);
    if (rows_.empty()) {
        ImGui::TextDisabled("No entries yet.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("log_entries", 3, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, em(8.0f));
    ImGui::TableSetupColumn("By", ImGuiTableColumnFlags_WidthFixed, em(9.0f));
    ImGui::TableSetupColumn("Entry", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Row& row = rows_[static_cast<std::size_t>(r)];
            if (row.entry_index >= log.entries.size()) continue; // cannot happen while versions agree
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.time.c_str());
            ImGui::TableNextColumn();
            const app::LogEntryView& entry = log.entries[row.entry_index];
            if (entry.automatic)
                ImGui::TextDisabled("console (%s)", entry.author.c_str());
            else
                ImGui::TextUnformatted(entry.author.c_str());
            ImGui::TableNextColumn();
            const std::string& text = entry.text;
            ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
        }
    }
    ImGui::EndTable();
}

} // namespace rc::ui
