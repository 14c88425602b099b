#include "ui/screens/offline_roll_panel.hpp"

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

namespace {

void push_danger() {
    const float* c = palette().danger;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
}

} // namespace

bool OfflineRollPanel::draw_offer(ScreenContext& ctx) {
    const app::StatusSnapshot& status = ctx.session.status();
    if (status.offline_roll <= 0) return false;
    const int n = status.offline_roll;
    const std::string who = std::to_string(n) + (n == 1 ? " person" : " people");
    push_danger();
    if (ctx.session.offline_roll_offered()) {
        ImGui::TextWrapped(
            "On this desk only: %s in the offline roll, not yet in the shared centre. They are "
            "imported once the server is back.",
            who.c_str());
        ImGui::PopStyleColor();
        return false;
    }
    ImGui::TextWrapped("On this desk only: %s checked in while the server was away, not yet in the shared "
                       "centre.",
                       who.c_str());
    ImGui::PopStyleColor();
    if (status.save_state == app::SaveState::NotConnected || !ctx.session.can(Permission::CheckIn))
        return false;
    ImGui::SameLine();
    if (!button(kReview)) return false;
    preview(ctx);
    return true;
}

void OfflineRollPanel::preview(ScreenContext& ctx) {
    preview_ = ctx.session.preview_offline_roll();
    message_.clear();
}

bool OfflineRollPanel::draw(ScreenContext& ctx) {
    heading("The offline roll");
    paragraph_disabled("Check-ins saved on this desk while the shared centre's server could not be reached. "
                       "They are imported together or not at all, with the same checks as a nominal roll; "
                       "the file stays on this desk until the import is saved.");
    if (preview_.ok()) ImGui::Text("%d people ready to import.", preview_.rows);
    for (const std::string& e : preview_.errors) {
        push_danger();
        ImGui::Bullet();
        paragraph(e.c_str());
        ImGui::PopStyleColor();
    }
    for (const std::string& w : preview_.warnings) {
        ImGui::Bullet();
        paragraph(("Warning: " + w).c_str());
    }
    bool added = false;
    ImGui::BeginDisabled(!preview_.ok());
    if (button(kImport)) {
        const app::EditResult r = ctx.session.import_offline_roll();
        message_ = r.message;
        message_is_error_ = !r.ok;
        added = r.ok;
        if (r.ok) preview_ = {};
    }
    ImGui::EndDisabled();
    if (ctx.session.status().offline_roll > 0) {
        ImGui::SameLine();
        if (button(kCheckAgain)) preview(ctx);
    }
    result_message(message_, message_is_error_);
    return added;
}

} // namespace rc::ui
