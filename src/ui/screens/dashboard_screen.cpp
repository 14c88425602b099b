#include "ui/screens/dashboard_screen.hpp"

#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

void DashboardScreen::draw(ScreenContext& ctx) {
    heading(title());
    const app::StatusSnapshot& status = ctx.session.status();
    ImGui::TextDisabled("Centre: %s", status.centre_name.c_str());
    ImGui::Spacing();
    coming_soon(
        "The centre at a glance, for the coordinator on shift: how many people are here, who is still "
        "waiting for what, and what the agreed procedure says is due.",
        {"People in the centre now (adults, children, age disputed) and the tier that implies "
         "(small, medium or large).",
         "How long each person has been here, and who is still waiting for an explanation, an "
         "interpreter, a decision or a referral.",
         "Procedure steps due now and overdue, with the partner who owns each.",
         "Emergency support bags left by kind, with a warning before any kind runs out.",
         "Partners and staff on site."});
}

} // namespace rc::ui
