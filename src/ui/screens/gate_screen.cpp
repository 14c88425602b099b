#include "ui/screens/gate_screen.hpp"

#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace rc::ui {

void GateScreen::draw(ScreenContext& ctx) {
    const app::GateState state = ctx.session.gate_state();
    const char* title_text = "Sign in";
    const char* body = "";
    switch (state) {
    case app::GateState::NoCentre:
        title_text = "Set up this centre";
        body = "There is no centre database on this computer yet. Here you will create it: the centre's "
               "name and operation code, then the first coordinator's name and passphrase.";
        break;
    case app::GateState::SignedOut:
        title_text = "Sign in";
        body = "Sign in with your name and passphrase to open the centre.";
        break;
    case app::GateState::Locked:
        title_text = "Locked";
        body = "The console is locked and shows nothing about the people here. Sign in again, or unlock "
               "with your PIN, to continue where you were.";
        break;
    case app::GateState::Open:
        body = "";
        break;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::min(em(28.0f), avail.x);
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + std::max(0.0f, (avail.x - width) * 0.5f),
                               ImGui::GetCursorPosY() + std::max(0.0f, avail.y * 0.25f)));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    heading(title_text);
    ImGui::Spacing();
    ImGui::TextUnformatted(body);
    ImGui::Spacing();
    ImGui::TextDisabled("Centre: %s", ctx.session.status().centre_name.c_str());
    ImGui::Spacing();
    paragraph_disabled(
        "The forms for this arrive with the centre database; this version cannot sign in yet.");
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

} // namespace rc::ui
