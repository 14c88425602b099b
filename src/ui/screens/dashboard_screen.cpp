#include "ui/screens/dashboard_screen.hpp"

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

namespace {

std::string elapsed_text(UnixSeconds seconds) {
    if (seconds < 0) seconds = 0;
    const UnixSeconds h = seconds / 3600, m = (seconds % 3600) / 60;
    return std::to_string(h) + " h " + (m < 10 ? "0" : "") + std::to_string(m) + " min";
}

} // namespace

void DashboardScreen::draw(ScreenContext& ctx) {
    heading(title());
    ImGui::TextDisabled("Centre: %s", ctx.session.status().centre_name.c_str());
    ImGui::Spacing();
    if (!ImGui::BeginTabBar("dashboard_tabs")) return;
    if (tab_item("Centre")) {
        ImGui::Spacing();
        if (ctx.session.operation().status == CentreStatus::Standby)
            activation_.draw(ctx);
        else
            draw_overview(ctx);
        ImGui::EndTabItem();
    }
    if (tab_item("Venues")) {
        ImGui::Spacing();
        venues_.draw(ctx);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

void DashboardScreen::draw_overview(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    ImGui::Text("%s: %s centre, %s.", op.name.c_str(), std::string(tier_label(op.tier)).c_str(),
                std::string(centre_status_label(op.status)).c_str());
    if (op.activated_at)
        ImGui::Text("Activated %s, %s ago. %d people expected%s%s.",
                    format_local_time(*op.activated_at, "%a %d %b %H:%M").c_str(),
                    elapsed_text(ctx.clock.now() - *op.activated_at).c_str(), op.expected_people,
                    op.venue_name.empty() ? "" : " at ", op.venue_name.c_str());
    ImGui::Spacing();

    heading("Procedure");
    ImGui::Text("%d actions open (%d mandatory), %d done (%d late), %d not applicable.",
                op.counts.to_do + op.counts.overdue, op.counts.mandatory_open, op.counts.done,
                op.counts.done_late, op.counts.not_applicable);
    int shown = 0;
    for (const app::ActionView& a : op.actions) {
        if (a.state.status != ActionStatus::Overdue) continue;
        if (shown++ == 0) {
            const float* c = palette().danger;
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
            ImGui::Text("Overdue: %d (see Procedure, Ctrl+6)", op.counts.overdue);
            ImGui::PopStyleColor();
        }
        if (shown > 8) continue;
        ImGui::Bullet();
        ImGui::Text("%s: %s (%s)", a.due_text.c_str(), a.title.c_str(), a.lead.c_str());
    }
    if (shown == 0) ImGui::TextDisabled("Nothing overdue.");
    ImGui::Spacing();
    if (ctx.session.can(Permission::ManageCentre)) {
        draw_tier_controls(ctx);
        draw_status_controls(ctx);
    }
    result_message(message_, message_is_error_);
    if (!op.tier_changes.empty()) {
        ImGui::Spacing();
        heading("Tier changes");
        for (const app::TierChangeView& t : op.tier_changes) {
            ImGui::Bullet();
            ImGui::Text("%s: %s to %s. %s", format_local_time(t.at, "%H:%M").c_str(),
                        std::string(tier_label(t.from)).c_str(), std::string(tier_label(t.to)).c_str(),
                        t.reason.c_str());
        }
    }
}

void DashboardScreen::draw_tier_controls(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    if (op.tier == Tier::Large || op.status == CentreStatus::Closed) return;
    if (!raising_tier_) {
        if (button(kRaiseTier)) {
            raising_tier_ = true;
            new_tier_ = op.tier == Tier::Small ? Tier::Medium : Tier::Large;
            ImGui::SetKeyboardFocusHere(); // not an input: focus goes to the next one drawn
        }
        ImGui::SameLine();
        return;
    }
    ImGui::TextUnformatted("Raise to:");
    for (Tier t : all_tiers) {
        if (tier_index(t) <= tier_index(op.tier)) continue;
        ImGui::SameLine();
        const std::string label = std::string(tier_label(t)) + "##raise_" + std::string(tier_id(t));
        if (radio(label.c_str(), new_tier_ == t)) new_tier_ = t;
    }
    ImGui::SetNextItemWidth(em(24.0f));
    const bool enter = input_text(kTierReason, "Why (e.g. a second coach of 14 is on its way)", tier_reason_,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (button(kTierSave) || enter) {
        const app::EditResult r = ctx.session.raise_tier(new_tier_, tier_reason_);
        message_ = r.ok ? "Tier raised; the roles and actions for the new tier now apply." : r.message;
        message_is_error_ = !r.ok;
        if (r.ok) {
            raising_tier_ = false;
            tier_reason_.clear();
        }
    }
    ImGui::SameLine();
    if (button("Cancel##raise")) raising_tier_ = false;
}

void DashboardScreen::draw_status_controls(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    if (op.status == CentreStatus::Open && button(kStandDown)) confirm_status_ = CentreStatus::StandingDown;
    if (op.status == CentreStatus::StandingDown) {
        if (button(kReopen)) confirm_status_ = CentreStatus::Open;
        ImGui::SameLine();
        if (button(kClose)) confirm_status_ = CentreStatus::Closed;
    }
    if (!confirm_status_) return;
    ImGui::Spacing();
    ImGui::Text("Change the centre to \"%s\"? This is written in the log.",
                std::string(centre_status_label(*confirm_status_)).c_str());
    if (button(kConfirmStatus)) {
        const app::EditResult r = ctx.session.set_centre_status(*confirm_status_);
        message_ = r.ok ? "Status changed." : r.message;
        message_is_error_ = !r.ok;
        confirm_status_.reset();
    }
    ImGui::SameLine();
    if (button("Cancel##status")) confirm_status_.reset();
}

} // namespace rc::ui
