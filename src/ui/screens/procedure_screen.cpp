#include "ui/screens/procedure_screen.hpp"

#include "domain/procedure_rules.hpp"
#include "domain/referral_check.hpp"
#include "ui/item_probe.hpp"
#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

namespace {

ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

const app::ActionView* find_view(const app::OperationSnapshot& op, const std::string& id) {
    for (const app::ActionView& a : op.actions)
        if (a.id == id) return &a;
    return nullptr;
}

bool is_open(const app::ActionView& a) {
    return a.state.status == ActionStatus::ToDo || a.state.status == ActionStatus::Overdue;
}

} // namespace

void ProcedureScreen::apply(ScreenContext& ctx, const app::EditResult& r, const char* done_text) {
    (void)ctx;
    message_ = r.ok ? done_text : r.message;
    message_is_error_ = !r.ok;
    if (r.ok) {
        asking_reason_ = false;
        reason_.clear();
    }
}

void ProcedureScreen::draw(ScreenContext& ctx) {
    heading(title());
    const app::OperationSnapshot& op = ctx.session.operation();
    if (!op.procedure) {
        paragraph("The centre has not been activated yet, so no procedure is pinned. Activate it from the "
                  "Dashboard (Ctrl+1): the agreed procedure is then fixed for this operation, and its "
                  "actions for the centre's size appear here with their due times.");
        return;
    }
    ImGui::TextDisabled("%s", op.procedure_label.c_str());
    ImGui::Text("%s centre, %s.", std::string(tier_label(op.tier)).c_str(),
                std::string(centre_status_label(op.status)).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled(" %d to do, ", op.counts.to_do);
    ImGui::SameLine(0, 0);
    if (op.counts.overdue > 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Text("%d overdue", op.counts.overdue);
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("0 overdue");
    }
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled(", %d done (%d late), %d not applicable.", op.counts.done, op.counts.done_late,
                        op.counts.not_applicable);
    draw_referral_deadlines(*op.procedure);
    checkbox(kOverdueOnly, &open_only_);
    ImGui::Spacing();
    draw_selected_controls(ctx);
    ImGui::Spacing();
    draw_actions(ctx);
}

// Each required referral's due time, as the pinned procedure sets it, and the moment it counts from.
void ProcedureScreen::draw_referral_deadlines(const Procedure& p) {
    const bool open = ImGui::CollapsingHeader(kDeadlines, ImGuiTreeNodeFlags_DefaultOpen);
    probe_last_item(kDeadlines);
    if (!open) return;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("referral_deadlines", 4, flags)) return;
    ImGui::TableSetupColumn("Who", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("Referral", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Due within", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Counted from", ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::TableHeadersRow();
    const std::pair<PersonCategory, const char*> rules[] = {
        {PersonCategory::Child, "Child, age disputed or not established"},
        {PersonCategory::AdultConsents, "Adult who consents"},
        {PersonCategory::AdultDeclines, "Adult who declines"},
        {PersonCategory::AdultUndecided, "Adult who leaves undecided or never asked"}};
    for (const auto& [category, who] : rules)
        for (const ReferralDue& due : referral_rule(p, category).due) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(who);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(referral_type_label(due.type)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_duration(static_cast<UnixSeconds>(due.minutes) * 60).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(
                std::string(referral_due_anchor_label(referral_due_anchor(category))).c_str());
        }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Anyone with no age recorded");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Age established (welfare check)");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(
        format_duration(static_cast<UnixSeconds>(p.info.welfare_check_minutes) * 60).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("after arrival (then critical)");
    ImGui::EndTable();
}

void ProcedureScreen::draw_selected_controls(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    const app::ActionView* sel = find_view(op, selected_);
    const bool may = ctx.session.can(Permission::ManageCentre);
    const ImGuiIO& io = ImGui::GetIO();
    const bool ctrl = io.KeyCtrl && !io.KeyAlt && !io.KeyShift;
    const bool typing = io.WantTextInput;

    if (!sel) {
        paragraph_disabled("Select an action (click it, or move with the arrow keys and press Space) to mark "
                           "it done or not applicable.");
    } else {
        // Copies: an edit rebuilds the snapshot `sel` points into.
        const std::string sel_id = sel->id;
        ImGui::Text("Selected: %s", sel->title.c_str());
        ImGui::BeginDisabled(!may);
        const bool open = is_open(*sel);
        ImGui::BeginDisabled(!open);
        if (button(kMarkDone) || (open && may && ctrl && !typing && ImGui::IsKeyPressed(keys::A + 3, false)))
            apply(ctx, ctx.session.record_action(sel_id, ActionOutcome::Done, {}), "Marked done.");
        ImGui::SameLine();
        if (button(kNotApplicable) ||
            (open && may && ctrl && !typing && ImGui::IsKeyPressed(keys::A + 10, false))) {
            asking_reason_ = true;
            focus_reason_ = true;
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(open);
        if (button(kReopen) || (!open && may && ctrl && !typing && ImGui::IsKeyPressed(keys::Z, false)))
            apply(ctx, ctx.session.reopen_action(sel_id), "Back to do.");
        ImGui::EndDisabled();
        ImGui::EndDisabled();
        if (!may) paragraph_disabled("Only a coordinator records the procedure's actions.");
        if (asking_reason_ && open) {
            ImGui::SetNextItemWidth(em(28.0f));
            if (focus_reason_) {
                ImGui::SetKeyboardFocusHere();
                focus_reason_ = false;
            }
            const bool enter = input_text(kReasonField, "Why it does not apply here (required)", reason_,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
            ImGui::SameLine();
            if (button(kReasonSave) || enter) {
                apply(ctx, ctx.session.record_action(sel_id, ActionOutcome::NotApplicable, reason_),
                      "Marked not applicable.");
                focus_reason_ = message_is_error_; // back in the field to fix it
            }
            ImGui::SameLine();
            if (button("Cancel##reason") || ImGui::IsKeyPressed(keys::Escape, false)) asking_reason_ = false;
        }
    }
    result_message(message_, message_is_error_);
}

void ProcedureScreen::draw_actions(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("procedure_actions", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Due", ImGuiTableColumnFlags_WidthFixed, em(7.0f));
    ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Lead", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    std::optional<Phase> phase;
    for (const app::ActionView& a : op.actions) {
        if (open_only_ && !is_open(a)) continue;
        if (!phase || *phase != a.phase) {
            phase = a.phase;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            heading(std::string(phase_label(a.phase)).c_str());
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool overdue = a.state.status == ActionStatus::Overdue;
        if (overdue)
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1,
                                   ImGui::GetColorU32(ImVec4(palette().danger[0], palette().danger[1],
                                                             palette().danger[2], 0.18f)));
        const std::string label = a.due_text + "##" + a.id;
        if (selectable(label.c_str(), selected_ == a.id, ImGuiSelectableFlags_SpanAllColumns)) {
            selected_ = a.id;
            asking_reason_ = false;
            message_.clear();
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.title.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.title.c_str()); // long titles are cut off
        if (!a.mandatory) {
            ImGui::SameLine();
            ImGui::TextDisabled("(optional)");
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.lead.c_str());
        ImGui::TableNextColumn();
        const float* c = nullptr;
        if (overdue) c = palette().danger;
        if (a.state.status == ActionStatus::Done) c = a.state.done_late ? palette().warning : palette().ok;
        if (c) ImGui::PushStyleColor(ImGuiCol_Text, colour(c));
        ImGui::TextUnformatted(a.status_text.c_str());
        if (c) ImGui::PopStyleColor();
    }
    ImGui::EndTable();
}

} // namespace rc::ui
