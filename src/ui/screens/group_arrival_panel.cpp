#include "ui/screens/group_arrival_panel.hpp"

#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

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
        "A CSV file (UTF-8, header row) from the police or typed up from paper forms: columns tag, "
        "name, alias, sex, dob, age, age_band, child, nationality, languages, interpreter, "
        "arrived_at, group, exploitation, medical, consent_nrm, departed_at, destination, in any "
        "order. A file with any bad row is refused as a whole, with every problem listed.");
    if (!ctx.session.can(Permission::Import)) {
        paragraph_disabled("Only a coordinator imports files.");
        return false;
    }
    ImGui::TextUnformatted("The file's full path");
    ImGui::SetNextItemWidth(-1.0f);
    if (input_text(kRollPath, "/media/usb/roll.csv", roll_path_)) previewed_ = false;
    if (button(kPreview)) {
        preview_ = ctx.session.preview_roll(roll_path_);
        previewed_ = true;
        message_.clear();
    }
    bool added = false;
    if (previewed_) {
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
            const app::EditResult r = ctx.session.import_roll(roll_path_);
            message_ = r.message;
            message_is_error_ = !r.ok;
            added = r.ok;
            if (r.ok) previewed_ = false;
        }
        ImGui::EndDisabled();
    }
    result_message(message_, message_is_error_);
    return added;
}

} // namespace rc::ui
