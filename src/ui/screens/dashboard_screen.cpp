#include "ui/screens/dashboard_screen.hpp"

#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace rc::ui {

namespace {

std::string elapsed_text(UnixSeconds seconds) {
    if (seconds < 0) seconds = 0;
    const UnixSeconds h = seconds / 3600, m = (seconds % 3600) / 60;
    return std::to_string(h) + " h " + (m < 10 ? "0" : "") + std::to_string(m) + " min";
}

} // namespace

bool DashboardScreen::wants_key(int key, bool ctrl) const {
    return ctrl && key == keys::A + 19; // Ctrl+T: raise the tier
}

void DashboardScreen::draw(ScreenContext& ctx) {
    // Ctrl+T opens "raise the tier", the one key the tier_exceeded alert names.
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && !io.KeyShift && !io.KeyAlt && ImGui::IsKeyPressed(keys::A + 19, false) &&
        ctx.session.operation().status != CentreStatus::Standby && ctx.session.can(Permission::ManageCentre))
        open_raise_tier(ctx, std::nullopt);
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

    // The figures a coordinator is asked for, in one line each.
    const app::PeopleCounts& pc = ctx.session.people().counts;
    const app::ReferralsSnapshot& rs = ctx.session.referrals();
    const app::PartnersSnapshot& ps = ctx.session.partners();
    if (ImGui::BeginTable("figures", 5, ImGuiTableFlags_SizingStretchSame)) {
        const auto figure = [](const char* label, int value, const float* c = nullptr) {
            ImGui::TableNextColumn();
            if (c) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
            heading(std::to_string(value).c_str());
            if (c) ImGui::PopStyleColor();
            ImGui::TextDisabled("%s", label);
        };
        figure("on site now", pc.on_site);
        figure("received in total", pc.total);
        figure("children or presumed", pc.children_on_site,
               pc.children_on_site ? palette().warning : nullptr);
        figure("staff on site", ps.on_site);
        figure("need medical attention now", pc.urgent_medical_on_site,
               pc.urgent_medical_on_site ? palette().danger : nullptr);
        figure("awaiting welfare check", pc.awaiting_welfare);
        figure("awaiting interview", pc.awaiting_interview);
        figure("awaiting a decision", pc.awaiting_decision);
        figure("referrals missing", rs.missing, rs.overdue ? palette().danger : nullptr);
        figure("children with an unrelated adult", pc.with_unrelated_adult_on_site,
               pc.with_unrelated_adult_on_site ? palette().warning : nullptr);
        ImGui::EndTable();
    }
    draw_charts(ctx);
    draw_alerts(ctx);
    ImGui::Spacing();
    if (ctx.session.can(Permission::ManageCentre)) {
        draw_tier_controls(ctx);
        draw_expected_controls(ctx);
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

void DashboardScreen::draw_charts(ScreenContext& ctx) {
    const app::PeopleSnapshot& p = ctx.session.people();
    if (p.arrivals_per_hour.empty()) return;
    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const std::string from = format_local_time(p.chart_start, "%H:%M");
    const std::string arrivals = "Arrivals per hour from " + from;
    const std::string on_site = "People on site, hourly from " + from;
    // Headroom above the highest value keeps the plotted line below the chart's title.
    constexpr float kHeadroom = 1.4f;
    float max_arrivals = 1.0f, max_on_site = 1.0f;
    for (float v : p.arrivals_per_hour)
        max_arrivals = std::max(max_arrivals, v);
    for (float v : p.on_site_per_hour)
        max_on_site = std::max(max_on_site, v);
    ImGui::PlotHistogram("##arrivals_chart", p.arrivals_per_hour.data(),
                         static_cast<int>(p.arrivals_per_hour.size()), 0, arrivals.c_str(), 0.0f,
                         max_arrivals * kHeadroom, ImVec2(w, em(5.0f)));
    ImGui::SameLine();
    ImGui::PlotLines("##on_site_chart", p.on_site_per_hour.data(),
                     static_cast<int>(p.on_site_per_hour.size()), 0, on_site.c_str(), 0.0f,
                     max_on_site * kHeadroom, ImVec2(w, em(5.0f)));
}

void DashboardScreen::rebuild_alert_rows(ScreenContext& ctx) {
    const app::AlertsSnapshot& a = ctx.session.alerts();
    if (a.version == rows_version_ && ctx.settings.open_alert_kinds == rows_open_) return;
    rows_version_ = a.version;
    rows_open_ = ctx.settings.open_alert_kinds;
    const std::vector<std::string>& open = rows_open_;
    rows_ = fold_alerts(a.alerts, [&](AlertKind k) {
        return std::find(open.begin(), open.end(), alert_kind_id(k)) != open.end();
    });
}

void DashboardScreen::toggle_kind(ScreenContext& ctx, AlertKind kind) {
    std::vector<std::string>& open = ctx.settings.open_alert_kinds; // remembered in settings.conf
    const std::string id(alert_kind_id(kind));
    const auto it = std::find(open.begin(), open.end(), id);
    if (it == open.end())
        open.push_back(id);
    else
        open.erase(it);
}

void DashboardScreen::open_raise_tier(ScreenContext& ctx, std::optional<Tier> to) {
    const app::OperationSnapshot& op = ctx.session.operation();
    if (op.tier == Tier::Large || op.status == CentreStatus::Closed) return;
    raising_tier_ = true;
    new_tier_ = op.tier == Tier::Small ? Tier::Medium : Tier::Large;
    if (to && tier_index(*to) > tier_index(op.tier)) new_tier_ = *to;
    // The tier the tier_exceeded alert names, when it is open.
    if (!to)
        for (const Alert& a : ctx.session.alerts().alerts)
            if (a.kind == AlertKind::TierExceeded)
                if (const auto t = tier_from_id(a.target.key); t && tier_index(*t) > tier_index(op.tier))
                    new_tier_ = *t;
    focus_tier_reason_ = true;
}

void DashboardScreen::draw_alerts(ScreenContext& ctx) {
    const app::AlertsSnapshot& a = ctx.session.alerts();
    ImGui::Spacing();
    heading("Needs action");
    if (a.alerts.empty()) {
        ImGui::TextDisabled("Nothing needs action now.");
        return;
    }
    rebuild_alert_rows(ctx);
    ImGui::TextDisabled(
        "%d critical, %d warnings, %d reminders. More than %d of one kind fold into one line: "
        "Enter (or a click) opens it, or opens the record.",
        a.counts.critical, a.counts.warning, a.counts.reminder, alert_fold_threshold);
    const float h = std::max(em(6.0f), ImGui::GetContentRegionAvail().y - em(6.0f));
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("alerts", 2, flags, ImVec2(0.0f, h))) return;
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed, em(12.0f));
    ImGui::TableSetupColumn("Alert", ImGuiTableColumnFlags_WidthStretch);
    std::optional<Alert> open;
    std::optional<AlertKind> toggle;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const AlertListRow& row = rows_[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const float* c = row.severity == AlertSeverity::Critical  ? palette().danger
                             : row.severity == AlertSeverity::Warning ? palette().warning
                                                                      : nullptr;
            if (c) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
            if (row.group) {
                const std::string label = std::string(row.open ? "\u25be " : "\u25b8 ") +
                                          std::string(alert_kind_label(row.kind)) + "##fold_" +
                                          std::string(alert_kind_id(row.kind));
                if (selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) toggle = row.kind;
                if (c) ImGui::PopStyleColor();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row.summary.c_str());
                if (!row.open) {
                    ImGui::SameLine();
                    ImGui::TextDisabled("(Enter: show them)");
                }
                continue;
            }
            const Alert& alert = a.alerts[row.alert];
            if (row.in_group) ImGui::Indent(em(1.0f));
            const std::string label = std::string(alert_kind_label(alert.kind)) + "##alert_" + alert.key;
            if (selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open = alert;
            if (row.in_group) ImGui::Unindent(em(1.0f));
            if (c) ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(alert.message.c_str());
        }
    ImGui::EndTable();
    if (toggle) toggle_kind(ctx, *toggle);
    if (!open) return;
    const AlertTarget& target = open->target;
    switch (target.kind) {
    case AlertTargetKind::Person:
    case AlertTargetKind::Referral:
        ctx.go_to("referrals", target);
        break;
    case AlertTargetKind::Action:
        ctx.go_to("procedure", target);
        break;
    case AlertTargetKind::Partner:
    case AlertTargetKind::Staff:
        ctx.go_to("partners", target);
        break;
    case AlertTargetKind::Stock:
        ctx.go_to("stock", target);
        break;
    case AlertTargetKind::Centre:
        if (open->kind == AlertKind::TierExceeded && ctx.session.can(Permission::ManageCentre))
            open_raise_tier(ctx, tier_from_id(target.key));
        break;
    }
}

void DashboardScreen::draw_tier_controls(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    if (op.tier == Tier::Large || op.status == CentreStatus::Closed) return;
    if (!raising_tier_) {
        if (button(kRaiseTier)) open_raise_tier(ctx, std::nullopt);
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
    if (focus_tier_reason_) {
        ImGui::SetKeyboardFocusHere();
        focus_tier_reason_ = false;
    }
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

void DashboardScreen::draw_expected_controls(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    if (op.status == CentreStatus::Closed) return;
    if (!revising_expected_) {
        if (button(kReviseExpected)) {
            revising_expected_ = true;
            expected_ = op.expected_people;
            expected_reason_.clear();
        }
        ImGui::SameLine();
        ImGui::NewLine();
        return;
    }
    ImGui::TextUnformatted("People now expected in total:");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(7.0f));
    input_int(kExpectedNumber, &expected_);
    expected_ = std::clamp(expected_, 1, max_people);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(20.0f));
    const bool enter = input_text(kExpectedReason, "Why (optional), e.g. a second coach of 9",
                                  expected_reason_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (button(kExpectedSave) || enter) {
        const int before = op.expected_people;
        const app::EditResult r = ctx.session.revise_expected(expected_, expected_reason_);
        message_ = r.ok ? "Expected number revised from " + std::to_string(before) + " to " +
                              std::to_string(expected_) + "; the bag forecast follows it."
                        : r.message;
        message_is_error_ = !r.ok;
        if (r.ok) revising_expected_ = false;
    }
    ImGui::SameLine();
    if (button("Cancel##expected")) revising_expected_ = false;
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
