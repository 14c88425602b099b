#include "ui/screens/group_arrival_panel.hpp"

#include "os/utf8_path.hpp"
#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>
#include <optional>
#include <utility>

namespace rc::ui {

bool GroupArrivalPanel::draw_group(ScreenContext& ctx) {
    heading("A group arrives");
    paragraph_disabled(
        "Register everyone off one vehicle in one step: each gets a reference (and a tag, if you "
        "give the first number). Complete their details when there is time.");
    const float w = em(14.0f);
    ImGui::SetNextItemWidth(em(5.0f));
    if (focus_) {
        ImGui::SetKeyboardFocusHere();
        focus_ = false;
    }
    bool enter = false;
    if (input_int(kCount, &count_) && count_ < 0) count_ = 0;
    enter |= ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(keys::Enter, false);
    ImGui::SetNextItemWidth(w);
    enter |= input_text(kGroup, "e.g. Bus 1", group_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SetNextItemWidth(em(6.0f));
    enter |= input_text(kTime, "06:40", time_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SetNextItemWidth(em(6.0f));
    enter |= input_text(kFirstTag, "e.g. 101", first_tag_, ImGuiInputTextFlags_EnterReturnsTrue);
    bool added = false;
    if (button(kRegister) || enter) {
        const app::CheckInResult r = ctx.session.register_group(count_, group_, time_, first_tag_);
        message_ = r.message;
        message_is_error_ = !r.ok;
        if (r.ok) {
            added = true;
            count_ = 0;
            first_tag_.clear();
            focus_ = true;
        }
    }
    result_message(message_, message_is_error_);
    return added;
}

bool GroupArrivalPanel::draw_import(ScreenContext& ctx) {
    heading("Import a nominal roll");
    paragraph_disabled(
        "A CSV file (UTF-8, header row) from the police, a partner, or typed up from paper forms, in "
        "its own layout: each column is matched to a field by its name or a common other name "
        "(Surname, D.O.B., Country, ...); check the matches below and change any. A column with data "
        "that fills nothing must be given a field or left out. A file with any bad row is refused as a "
        "whole, with every problem listed.");
    if (!ctx.session.can(Permission::Import)) {
        paragraph_disabled("Only a coordinator imports files.");
        return false;
    }
    ImGui::TextUnformatted("The file's full path");
    if (roll_field_.draw(ctx.desktop, roll_path_)) previewed_ = false;
    if (button(kPreview)) {
        choices_.clear();
        preview_ = ctx.session.preview_roll(os::path_from_utf8(roll_path_));
        // The same header row as a file imported before: the choices made then apply again.
        std::vector<std::string> headers;
        for (const RollColumn& c : preview_.mapping)
            headers.push_back(c.header);
        signature_ = header_signature(headers);
        remembered_ = app::remembered_roll_choices(ctx.settings, signature_);
        if (!remembered_.empty()) {
            choices_ = remembered_;
            preview_again(ctx);
        }
        previewed_ = true;
        message_.clear();
    }
    bool added = false;
    if (previewed_) {
        draw_mapping(ctx);
        if (preview_.ok()) ImGui::Text("%d people ready to import.", preview_.rows);
        for (const std::string& e : preview_.errors) {
            const float* c = palette().danger;
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
            ImGui::Bullet();
            paragraph(e.c_str());
            ImGui::PopStyleColor();
        }
        for (const std::string& w : preview_.warnings) {
            ImGui::Bullet();
            paragraph(w.c_str());
        }
        ImGui::BeginDisabled(!preview_.ok());
        if (button(kImport)) {
            const app::EditResult r = ctx.session.import_roll(os::path_from_utf8(roll_path_), choices_);
            message_ = r.message;
            message_is_error_ = !r.ok;
            added = r.ok;
            if (r.ok) {
                app::remember_roll_choices(ctx.settings, signature_, choices_);
                previewed_ = false;
            }
        }
        ImGui::EndDisabled();
    }
    result_message(message_, message_is_error_);
    return added;
}

void GroupArrivalPanel::preview_again(ScreenContext& ctx) {
    preview_ = ctx.session.preview_roll(os::path_from_utf8(roll_path_), choices_);
    // Choices that came from an earlier file say so.
    for (RollColumn& c : preview_.mapping)
        if (c.match == ColumnMatch::Chosen)
            for (const std::string& r : remembered_)
                if (r == c.header + "=" + (c.field.empty() ? std::string(kIgnoreField) : c.field))
                    c.match = ColumnMatch::Remembered;
}

void GroupArrivalPanel::choose(ScreenContext& ctx, const std::string& header, std::string_view field) {
    std::erase_if(choices_, [&](const std::string& c) { return c.rfind(header + "=", 0) == 0; });
    choices_.push_back(header + "=" + std::string(field));
    preview_again(ctx);
}

// Each column of the file beside the field it fills, with a picker to change it.
void GroupArrivalPanel::draw_mapping(ScreenContext& ctx) {
    if (preview_.mapping.empty()) return;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    // At most eight rows high (it scrolls), so the import button stays in view.
    const float rows = static_cast<float>(std::min<std::size_t>(preview_.mapping.size() + 1, 8));
    if (!ImGui::BeginTable("##roll_mapping", 3, flags | ImGuiTableFlags_ScrollY,
                           ImVec2(0.0f, rows * ImGui::GetFrameHeightWithSpacing())))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Column in the file");
    ImGui::TableSetupColumn("Fills");
    ImGui::TableSetupColumn("Matched");
    ImGui::TableHeadersRow();
    std::optional<std::pair<std::string, std::string_view>> picked;
    for (std::size_t i = 0; i < preview_.mapping.size(); ++i) {
        const RollColumn& c = preview_.mapping[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string header =
            c.header.empty() ? "(column " + std::to_string(i + 1) + ", no header)" : c.header;
        ImGui::TextUnformatted(header.c_str());
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(em(16.0f));
        const std::string current = c.field.empty() ? "Nothing" : std::string(roll_field_label(c.field));
        if (ImGui::BeginCombo(kMappingField, current.c_str())) {
            for (std::string_view f : roll_fields()) {
                const std::string label = std::string(roll_field_label(f)) + "##" + std::string(f);
                if (ImGui::Selectable(label.c_str(), f == c.field))
                    picked = std::pair{c.header.empty() ? std::to_string(i + 1) : c.header, f};
            }
            ImGui::EndCombo();
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::string(column_match_label(c.match)).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (picked) choose(ctx, picked->first, picked->second);
}

} // namespace rc::ui
