#include "ui/screens/referrals_screen.hpp"

#include "app/people_view.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace rc::ui {

namespace {

ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

int urgency(const app::PersonReferrals& p) {
    if (p.check.contradictions > 0 || !p.check.overdue.empty() || p.check.reported_missing ||
        p.check.age_not_established_urgent ||
        (p.check.departed_without_referral && treated_as_child(p.check.child_status)))
        return 0;
    if (!p.check.missing.empty() || p.check.age_not_established) return 1;
    if (p.check.undecided || p.check.consent_not_asked) return 2;
    return 3;
}

std::string types_text(const std::vector<ReferralType>& types) {
    std::string out;
    for (ReferralType t : types) {
        if (!out.empty()) out += ", ";
        out += std::string(referral_type_label(t));
    }
    return out.empty() ? std::string("\u2013") : out;
}

} // namespace

void ReferralsScreen::select(std::int64_t person_id) {
    selected_ = person_id;
    form_for_.reset();
    sheet_.reset();
    status_for_.reset();
    message_.clear();
}

void ReferralsScreen::focus(const AlertTarget& target) {
    if (target.kind == AlertTargetKind::Person) select(target.id);
    if (target.kind == AlertTargetKind::Referral && target.person) select(*target.person);
    needs_action_only_ = false; // the person must be in the list whatever it shows
}

void ReferralsScreen::rebuild_order(ScreenContext& ctx) {
    const app::ReferralsSnapshot& r = ctx.session.referrals();
    if (r.version == cached_version_ && needs_action_only_ == cached_needs_action_ &&
        search_ == cached_search_)
        return;
    cached_version_ = r.version;
    cached_needs_action_ = needs_action_only_;
    cached_search_ = search_;
    const std::string query = app::search_folded(search_);
    order_.clear();
    for (std::size_t i = 0; i < r.people.size(); ++i) {
        const app::PersonReferrals& p = r.people[i];
        if (needs_action_only_ && !p.check.needs_action()) continue;
        if (!query.empty() &&
            app::search_folded(p.reference + " " + p.name_text).find(query) == std::string::npos)
            continue;
        order_.push_back(i);
    }
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        return urgency(r.people[a]) < urgency(r.people[b]);
    });
}

void ReferralsScreen::draw(ScreenContext& ctx) {
    heading(title());
    const app::ReferralsSnapshot& r = ctx.session.referrals();
    if (!r.procedure_pinned) {
        paragraph(
            "The referral rules come from the procedure pinned at activation. Activate the centre on the "
            "Dashboard (Ctrl+1) first.");
        return;
    }
    ImGui::Text("Missing: %d (for %d people).", r.missing, r.people_with_missing);
    ImGui::SameLine();
    if (r.overdue + r.contradictions > 0) ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
    ImGui::Text("Overdue: %d. Contradictory: %d.", r.overdue, r.contradictions);
    if (r.overdue + r.contradictions > 0) ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled(
        "Left without a referral: %d. Age not established (presumed children): %d. Undecided: %d. "
        "Made: %d. Due times come from the procedure.",
        r.departed_without_referral, r.age_not_established, r.undecided, r.made);
    checkbox(kNeedsAction, &needs_action_only_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(14.0f));
    input_text("##ref_search", "Search reference or name", search_);
    rebuild_order(ctx);

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side_w = std::max(em(24.0f), avail.x * 0.45f);
    ImGui::BeginChild("##ref_people", ImVec2(avail.x - side_w - ImGui::GetStyle().ItemSpacing.x, avail.y));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (order_.empty()) {
        paragraph_disabled(needs_action_only_ ? "Nothing outstanding: every required referral is made."
                                              : "Nobody yet.");
    } else if (ImGui::BeginTable("ref_people_table", 4, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Person", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Rule", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Missing", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Made", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(order_.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const app::PersonReferrals& p = r.people[order_[static_cast<std::size_t>(i)]];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string label = p.reference + "##ref_person_" + std::to_string(p.person_id);
                if (selectable(label.c_str(), selected_ == p.person_id, ImGuiSelectableFlags_SpanAllColumns))
                    select(p.person_id);
                ImGui::TextDisabled("%s", p.name_text.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(
                    !age_established(p.check.child_status)
                        ? "Age not established (presumed child)"
                        : (p.check.category ? std::string(person_category_label(*p.check.category)).c_str()
                                            : ""));
                ImGui::TableNextColumn();
                const bool bad = !p.check.overdue.empty() || p.check.contradictions > 0;
                if (bad) ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
                ImGui::TextWrapped("%s", types_text(p.check.missing).c_str());
                if (!p.check.overdue.empty())
                    ImGui::TextWrapped("overdue: %s", types_text(p.check.overdue).c_str());
                if (p.check.contradictions > 0) ImGui::Text("%d contradiction(s)", p.check.contradictions);
                if (bad) ImGui::PopStyleColor();
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", types_text(p.check.made).c_str());
            }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##ref_side", ImVec2(side_w, avail.y), true);
    draw_person(ctx);
    ImGui::EndChild();
}

void ReferralsScreen::start_form(const app::PersonReferrals& p) {
    form_ = Referral{};
    form_for_ = p.person_id;
    form_.type = p.check.missing.empty() ? ReferralType::Nrm : p.check.missing.front();
}

void ReferralsScreen::draw_person(ScreenContext& ctx) {
    const app::ReferralsSnapshot& snap = ctx.session.referrals();
    const app::PersonReferrals* p = nullptr;
    for (const app::PersonReferrals& candidate : snap.people)
        if (selected_ && candidate.person_id == *selected_) p = &candidate;
    if (!p) {
        paragraph_disabled("Select someone to see what their referrals need.");
        return;
    }
    const std::int64_t person_id = p->person_id; // edits rebuild the snapshot `p` points into
    heading(p->reference.c_str());
    if (!p->name_text.empty()) ImGui::TextUnformatted(p->name_text.c_str());
    ImGui::TextDisabled("%s", p->check.category
                                  ? std::string(person_category_label(*p->check.category)).c_str()
                                  : "Age not known: ask, or arrange an age assessment");
    for (const ReferralFinding& f : p->check.findings) {
        const bool critical =
            f.kind == ReferralFindingKind::Overdue || f.kind == ReferralFindingKind::Contradictory;
        ImGui::PushStyleColor(ImGuiCol_Text, colour(critical ? palette().danger : palette().warning));
        ImGui::Bullet();
        paragraph(f.message.c_str());
        ImGui::PopStyleColor();
    }
    if (!ctx.session.can(Permission::RecordReferrals)) {
        paragraph_disabled("Only a coordinator records referrals.");
        return;
    }

    // The person's referrals and their next steps.
    std::optional<std::pair<std::int64_t, ReferralStatus>> change;
    std::optional<std::int64_t> sheet_for;
    for (const app::ReferralRow& row : p->referrals) {
        ImGui::PushID(static_cast<int>(row.id));
        ImGui::Separator();
        ImGui::Text("%s: %s", std::string(referral_type_label(row.referral.type)).c_str(),
                    std::string(referral_status_label(row.referral.status)).c_str());
        if (!row.referral.external_reference.empty())
            ImGui::TextDisabled("Their reference: %s", row.referral.external_reference.c_str());
        for (ReferralStatus next : allowed_referral_statuses(row.referral.status)) {
            const std::string label = std::string(referral_status_label(next)) + "##to_" +
                                      std::string(referral_status_id(next)) + "_" + std::to_string(row.id);
            if (small_button(label.c_str())) change = {row.id, next};
            ImGui::SameLine();
        }
        if (row.referral.type == ReferralType::Nrm || row.referral.type == ReferralType::DutyToNotify) {
            const std::string label = "Prompt sheet##sheet_" + std::to_string(row.id);
            if (small_button(label.c_str())) sheet_for = row.id;
        }
        ImGui::NewLine();
        ImGui::PopID();
    }
    if (change) {
        if (referral_status_needs_reason(change->second)) {
            status_for_ = change->first;
            status_to_ = change->second;
            status_reason_.clear();
        } else {
            const app::EditResult res = ctx.session.set_referral_status(change->first, change->second, {});
            message_ = res.ok ? "Status changed." : res.message;
            message_is_error_ = !res.ok;
        }
    }
    if (sheet_for) sheet_ = ctx.session.prompt_sheet(*sheet_for);
    if (status_for_) {
        ImGui::Text("Why %s?", std::string(referral_status_label(status_to_)).c_str());
        ImGui::SetNextItemWidth(-1.0f);
        const bool enter = input_text(kReason, "the reason (required)", status_reason_,
                                      ImGuiInputTextFlags_EnterReturnsTrue);
        if (button("Save the status") || enter) {
            const app::EditResult res =
                ctx.session.set_referral_status(*status_for_, status_to_, status_reason_);
            message_ = res.ok ? "Status changed." : res.message;
            message_is_error_ = !res.ok;
            if (res.ok) status_for_.reset();
        }
        ImGui::SameLine();
        if (button("Cancel##status")) status_for_.reset();
    }
    if (sheet_) {
        ImGui::Separator();
        heading(sheet_->title.c_str());
        for (const PromptLine& line : sheet_->lines) {
            ImGui::TextDisabled("%s", line.question.c_str());
            ImGui::Indent();
            paragraph(line.answer.empty() ? "\u2013" : line.answer.c_str());
            ImGui::Unindent();
        }
        if (button("Copy the answers")) ImGui::SetClipboardText(format_prompt_sheet(*sheet_).c_str());
        ImGui::SameLine();
        if (button("Close##sheet")) sheet_.reset();
    }
    result_message(message_, message_is_error_);
    if (form_for_ != person_id) start_form(*p);
    draw_form(ctx, *p);
}

void ReferralsScreen::draw_form(ScreenContext& ctx, const app::PersonReferrals& p) {
    const std::int64_t person_id = p.person_id;
    ImGui::Separator();
    heading("Record a referral");
    const float w = -1.0f;
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##ref_type", std::string(referral_type_label(form_.type)).c_str())) {
        for (ReferralType t : all_referral_types)
            if (ImGui::Selectable(std::string(referral_type_label(t)).c_str(), form_.type == t))
                form_.type = t;
        ImGui::EndCombo();
    }
    const app::ReferralsSnapshot& snap = ctx.session.referrals();
    const auto& makers = form_.type == ReferralType::DutyToNotify ? snap.duty_holders : snap.first_responders;
    std::string maker_label = "Organisation making it";
    for (const auto& [id, name] : makers)
        if (id == form_.making_partner) maker_label = name;
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##ref_maker", maker_label.c_str())) {
        for (const auto& [id, name] : makers)
            if (ImGui::Selectable(name.c_str(), form_.making_partner == id)) form_.making_partner = id;
        ImGui::EndCombo();
    }
    if (form_.type == ReferralType::DutyToNotify)
        paragraph_disabled(
            "A Duty to Notify report (MS1) is anonymous: no name, date of birth, tag or contact "
            "details in any field.");
    ImGui::TextUnformatted("Made by");
    ImGui::SetNextItemWidth(w);
    input_text(kMadeBy, "name or staff reference", form_.made_by);
    ImGui::TextUnformatted("Receiving organisation");
    ImGui::SetNextItemWidth(w);
    input_text(kReceiving, "e.g. Home Office (Single Competent Authority)", form_.receiving_organisation);
    checkbox("Consent explained##ref_explained", &form_.consent_explained);
    for (ReferralConsent c : {ReferralConsent::Pending, ReferralConsent::Given, ReferralConsent::Declined,
                              ReferralConsent::NotNeeded}) {
        ImGui::SameLine();
        const std::string label =
            std::string(referral_consent_label(c)) + "##consent_" + std::string(referral_consent_id(c));
        if (radio(label.c_str(), form_.consent == c)) form_.consent = c;
    }
    ImGui::TextUnformatted("Status");
    for (ReferralStatus s : {ReferralStatus::ToDo, ReferralStatus::InProgress, ReferralStatus::Made}) {
        ImGui::SameLine();
        const std::string label =
            std::string(referral_status_label(s)) + "##new_" + std::string(referral_status_id(s));
        if (radio(label.c_str(), form_.status == s)) form_.status = s;
    }
    ImGui::TextUnformatted("Their reference");
    ImGui::SetNextItemWidth(w);
    input_text(kExternalRef, "", form_.external_reference);
    ImGui::TextUnformatted("Notes");
    ImGui::SetNextItemWidth(w);
    input_text(kNotes, "", form_.notes);
    if (button(kSave)) {
        Referral r = form_;
        r.status_at = ctx.clock.now();
        if (r.status == ReferralStatus::Made) r.made_at = r.status_at;
        const app::CheckInResult res = ctx.session.add_referral(person_id, r);
        message_ = res.message;
        message_is_error_ = !res.ok;
        if (res.ok) form_for_.reset(); // a fresh form, on the next missing type
    }
}

} // namespace rc::ui
