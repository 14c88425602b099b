#include "ui/screens/activation_panel.hpp"

#include "domain/procedure.hpp"
#include "ui/keys.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace rc::ui {

namespace {

bool labelled_field(const char* label, const char* hint, std::string& value) {
    ImGui::SetNextItemWidth(em(18.0f));
    return input_text(label, hint, value);
}

} // namespace

void ActivationPanel::update_preview(ScreenContext& ctx) {
    // Reads and checks the procedure file: only when the expected number or the venues change.
    const std::uint64_t op_version = ctx.session.operation().version;
    if (expected_ == previewed_expected_ && op_version == previewed_operation_version_) return;
    previewed_expected_ = expected_;
    previewed_operation_version_ = op_version;
    preview_ = ctx.session.preview_activation(expected_);
}

void ActivationPanel::draw(ScreenContext& ctx) {
    const app::OperationSnapshot& op = ctx.session.operation();
    if (!initialised_) {
        name_ = op.name;
        initialised_ = true;
    }
    heading("Activate the centre");
    paragraph("The centre is on standby. When the call comes, say how many people are expected: the console "
              "proposes the size (tier) from the agreed procedure and the venues that can hold them. "
              "Activating fixes the procedure for this operation and starts its clock.");
    ImGui::Spacing();
    if (!ctx.session.can(Permission::ManageCentre)) {
        paragraph_disabled("Only a coordinator can activate the centre.");
        return;
    }
    labelled_field(kName, "e.g. Operation Larch, Matlock", name_);
    ImGui::SetNextItemWidth(em(6.0f));
    if (input_int(kExpected, &expected_)) {
        if (expected_ < 0) expected_ = 0;
        if (expected_ > max_people) expected_ = max_people;
        tier_.reset(); // a new number: take the new proposal unless chosen again
    }
    labelled_field(kArrival, "e.g. 06:40", arrival_);
    if (expected_ > 0) update_preview(ctx);

    ImGui::Spacing();
    if (expected_ <= 0) {
        paragraph_disabled(
            "Enter the number of people expected (a first guess is fine: the tier can be raised "
            "later).");
        return;
    }
    if (!preview_.problems.empty()) {
        result_message(
            "The procedure cannot be used until these are fixed (" + preview_.procedure_source + "):", true);
        for (const std::string& p : preview_.problems) {
            ImGui::Bullet();
            paragraph(p.c_str());
        }
        return;
    }
    ImGui::Text("Procedure: %s", preview_.procedure_source.c_str());
    const Tier proposed = preview_.proposed_tier.value_or(Tier::Small);
    const Tier chosen = tier_.value_or(proposed);
    ImGui::Text("Proposed size: %s centre.", std::string(tier_label(proposed)).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled(" Open as:");
    for (Tier t : all_tiers) {
        ImGui::SameLine();
        const std::string label = std::string(tier_label(t)) + "##tier_" + std::string(tier_id(t));
        if (radio(label.c_str(), chosen == t)) tier_ = t == proposed ? std::nullopt : std::optional<Tier>(t);
    }

    ImGui::Spacing();
    ImGui::TextUnformatted("Venue:");
    if (radio("None chosen yet##venue_none", venue_.empty())) venue_.clear();
    if (preview_.venues_that_fit.empty() && !op.venues.empty())
        paragraph_disabled("No venue in the register holds that many people.");
    for (const std::string& v : preview_.venues_that_fit) {
        const std::string label = v + " (fits)##venue_" + v;
        if (radio(label.c_str(), venue_ == v)) venue_ = v;
    }
    for (const app::VenueView& v : op.venues) {
        bool fits = false;
        for (const std::string& f : preview_.venues_that_fit)
            fits |= f == v.name;
        if (fits) continue;
        const std::string label = v.name + " (holds " + std::to_string(v.capacity) + ")##venue_" + v.name;
        if (radio(label.c_str(), venue_ == v.name)) venue_ = v.name;
    }
    if (op.venues.empty()) paragraph_disabled("The venue register is empty: add venues on the Venues tab.");

    ImGui::Spacing();
    if (button(kActivate)) {
        message_.clear();
        open_confirm_ = true;
    }
    result_message(message_, true);
    draw_confirmation(ctx);
}

void ActivationPanel::draw_confirmation(ScreenContext& ctx) {
    if (open_confirm_) {
        ImGui::OpenPopup(kConfirmDialog);
        open_confirm_ = false;
    }
    ImGui::SetNextWindowSize(ImVec2(em(30.0f), 0.0f));
    if (!ImGui::BeginPopupModal(kConfirmDialog, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    const Tier tier = tier_.value_or(preview_.proposed_tier.value_or(Tier::Small));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("Open \"%s\" as a %s centre for %d people%s%s?", name_.c_str(),
                std::string(tier_label(tier)).c_str(), expected_, venue_.empty() ? "" : " at ",
                venue_.c_str());
    paragraph_disabled("The procedure is pinned in the database: later edits to the file do not change this "
                       "operation. The activation is written in the log.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // The Enter that opened the dialog must not also confirm it.
    const bool enter = !ImGui::IsWindowAppearing() && ImGui::IsKeyPressed(keys::Enter, false);
    if (button(kConfirm) || enter) {
        app::ActivationForm form;
        form.name = name_;
        form.expected_people = expected_;
        form.expected_arrival = arrival_;
        form.venue = venue_;
        form.tier = tier_;
        const app::EditResult r = ctx.session.activate(form);
        message_ = r.ok ? std::string() : r.message;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (button("Cancel##activation") || ImGui::IsKeyPressed(keys::Escape, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

} // namespace rc::ui
