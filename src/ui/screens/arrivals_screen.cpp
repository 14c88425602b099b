#include "ui/screens/arrivals_screen.hpp"

#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace rc::ui {

namespace {

ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

std::string duration_text(UnixSeconds s) {
    if (s < 0) s = 0;
    const UnixSeconds h = s / 3600, m = (s % 3600) / 60;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(h), static_cast<long long>(m));
    return buf;
}

const app::PersonRow* find_row(const app::PeopleSnapshot& people, std::int64_t id) {
    for (const app::PersonRow& r : people.rows)
        if (r.id == id) return &r;
    return nullptr;
}

} // namespace

void ArrivalsScreen::on_shown(ScreenContext& ctx) {
    (void)ctx;
    if (panel_ == Panel::CheckIn) form_.focus_first_field();
}

bool ArrivalsScreen::wants_key(int key, bool ctrl) const {
    return ctrl && key == keys::B && panel_ == Panel::Person && selected_.has_value();
}

void ArrivalsScreen::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || io.KeyAlt || io.KeyShift) return;
    if (ImGui::IsKeyPressed(keys::N, false)) {
        panel_ = Panel::CheckIn;
        form_.start_new();
    }
    if (ImGui::IsKeyPressed(keys::A + 6, false)) { // G
        panel_ = Panel::Group;
        group_.focus();
    }
    if (ImGui::IsKeyPressed(keys::A + 8, false)) panel_ = Panel::Import; // I
    if (ImGui::IsKeyPressed(keys::A + 5, false)) focus_search_ = true;   // F
}

void ArrivalsScreen::refresh_order(ScreenContext& ctx) {
    const app::PeopleSnapshot& people = ctx.session.people();
    if (people.version == cached_version_ && filter_ == cached_filter_ && sort_ == cached_sort_) return;
    order_ = app::filter_and_sort(people, filter_, sort_, ctx.clock.now());
    cached_version_ = people.version;
    cached_filter_ = filter_;
    cached_sort_ = sort_;
    ++cache_rebuilds_;
}

void ArrivalsScreen::draw(ScreenContext& ctx) {
    handle_shortcuts();
    const app::PeopleSnapshot& people = ctx.session.people();
    const app::PeopleCounts& c = people.counts;
    heading(title());
    ImGui::Text("On site: %d (%d children or presumed, of whom %d age not established).", c.on_site,
                c.children_on_site, c.age_unknown_on_site);
    ImGui::SameLine();
    ImGui::TextDisabled("Awaiting welfare %d, interview %d, decision %d. Departed %d.", c.awaiting_welfare,
                        c.awaiting_interview, c.awaiting_decision, c.departed);
    if (c.on_site_too_long > 0) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Text("%d here over %d h.", c.on_site_too_long, people.on_site_warning_hours);
        ImGui::PopStyleColor();
    }

    if (offline_.draw_offer(ctx)) panel_ = Panel::OfflineRoll;

    const bool may_check_in = ctx.session.can(Permission::CheckIn);
    if (may_check_in) {
        if (button(kNewPerson)) {
            panel_ = Panel::CheckIn;
            form_.start_new();
        }
        ImGui::SameLine();
        if (button(kGroup)) {
            panel_ = Panel::Group;
            group_.focus();
        }
        ImGui::SameLine();
    }
    if (ctx.session.can(Permission::Import)) {
        if (button(kImport)) panel_ = Panel::Import;
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(em(16.0f));
    if (focus_search_) {
        ImGui::SetKeyboardFocusHere();
        focus_search_ = false;
    }
    input_text(kSearch, "Search reference, tag, name (Ctrl+F)", filter_.search);

    checkbox("On site##f_on_site", &filter_.on_site_only);
    ImGui::SameLine();
    checkbox("Children##f_children", &filter_.children_only);
    ImGui::SameLine();
    checkbox("Interpreter needed##f_interpreter", &filter_.interpreter_needed);
    ImGui::SameLine();
    checkbox(kUrgentMedicalFilter, &filter_.urgent_medical);
    ImGui::SameLine();
    checkbox("Awaiting welfare##f_welfare", &filter_.awaiting_welfare);
    ImGui::SameLine();
    checkbox("Awaiting interview##f_interview", &filter_.awaiting_interview);
    ImGui::SameLine();
    checkbox("Awaiting decision##f_decision", &filter_.awaiting_decision);
    if (!people.groups.empty()) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em(9.0f));
        if (ImGui::BeginCombo("##f_group", filter_.group.empty() ? "Every group" : filter_.group.c_str())) {
            if (ImGui::Selectable("Every group", filter_.group.empty())) filter_.group.clear();
            for (const std::string& g : people.groups)
                if (ImGui::Selectable(g.c_str(), filter_.group == g)) filter_.group = g;
            ImGui::EndCombo();
        }
    }

    refresh_order(ctx);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side_w = std::min(std::max(em(22.0f), avail.x * 0.38f), avail.x * 0.5f);
    ImGui::BeginChild("##people_table", ImVec2(avail.x - side_w - ImGui::GetStyle().ItemSpacing.x, avail.y));
    draw_table(ctx, avail.y);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##people_side", ImVec2(side_w, avail.y), true);
    switch (panel_) {
    case Panel::CheckIn:
        if (!may_check_in) {
            paragraph_disabled("Your role cannot check people in.");
        } else if (form_.draw(ctx) && form_.editing()) {
            panel_ = Panel::Person;
        }
        break;
    case Panel::Group:
        group_.draw_group(ctx);
        break;
    case Panel::Import:
        group_.draw_import(ctx);
        break;
    case Panel::Person:
        draw_person(ctx);
        break;
    case Panel::OfflineRoll:
        offline_.draw(ctx);
        break;
    }
    ImGui::EndChild();
}

void ArrivalsScreen::draw_table(ScreenContext& ctx, float height) {
    const app::PeopleSnapshot& people = ctx.session.people();
    if (people.rows.empty()) {
        paragraph_disabled(
            "Nobody has been checked in yet. Use the form on the right (Ctrl+N), or register a "
            "group that has just arrived (Ctrl+G).");
        return;
    }
    if (order_.empty()) {
        paragraph_disabled("Nobody matches the search and filters.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("people", 8, flags, ImVec2(0.0f, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const auto col = [](const char* name, app::PeopleColumn id, float weight, ImGuiTableColumnFlags f = 0) {
        ImGui::TableSetupColumn(name, f, weight, static_cast<ImGuiID>(id));
    };
    col("Reference", app::PeopleColumn::Reference, 1.3f, ImGuiTableColumnFlags_DefaultSort);
    col("Tag", app::PeopleColumn::Tag, 0.6f);
    col("Name", app::PeopleColumn::Name, 1.8f);
    col("Age", app::PeopleColumn::Age, 1.0f);
    col("Nationality", app::PeopleColumn::Nationality, 1.1f);
    col("Group", app::PeopleColumn::Group, 0.9f);
    col("Status", app::PeopleColumn::Status, 1.4f);
    col("In centre", app::PeopleColumn::TimeInCentre, 0.8f);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            sort_.column = static_cast<app::PeopleColumn>(specs->Specs[0].ColumnUserID);
            sort_.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        }
        specs->SpecsDirty = false;
        refresh_order(ctx);
    }
    const UnixSeconds now = ctx.clock.now();
    const UnixSeconds too_long = static_cast<UnixSeconds>(people.on_site_warning_hours) * 3600;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const app::PersonRow& r = people.rows[order_[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(r.id));
            if (selectable(r.person.reference.c_str(), selected_ == r.id,
                           ImGuiSelectableFlags_SpanAllColumns)) {
                selected_ = r.id;
                panel_ = Panel::Person;
                journey_message_.clear();
                destination_.reset();
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.person.tag.c_str());
            ImGui::TableNextColumn();
            if (r.person.urgent_medical) {
                // A flag a tired volunteer sees at once, beside the name.
                ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
                ImGui::TextUnformatted("medical");
                ImGui::PopStyleColor();
                ImGui::SameLine();
            }
            ImGui::TextUnformatted(r.name_text.c_str());
            ImGui::TableNextColumn();
            if (r.with_unrelated_adult) {
                ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
                ImGui::TextUnformatted("unrelated adult");
                ImGui::PopStyleColor();
                ImGui::SameLine();
            }
            if (treated_as_child(r.child)) {
                ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
                ImGui::TextUnformatted(r.child == ChildStatus::AgeDisputed ? "disputed" : "child");
                ImGui::PopStyleColor();
                ImGui::SameLine();
            }
            ImGui::TextUnformatted(std::string(age_band_label(r.age_band)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.nationality_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.person.arrival_group.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.status_text.c_str());
            ImGui::TableNextColumn();
            if (r.journey.arrived_at) {
                const UnixSeconds in =
                    (r.journey.departed_at ? *r.journey.departed_at : now) - *r.journey.arrived_at;
                const bool long_stay = r.journey.on_site && in > too_long;
                if (long_stay) ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
                ImGui::TextUnformatted(duration_text(in).c_str());
                if (long_stay) ImGui::PopStyleColor();
            }
        }
    }
    ImGui::EndTable();
}

void ArrivalsScreen::draw_person(ScreenContext& ctx) {
    const app::PeopleSnapshot& people = ctx.session.people();
    const app::PersonRow* r = selected_ ? find_row(people, *selected_) : nullptr;
    if (!r) {
        paragraph_disabled("Select someone in the table to see their journey.");
        return;
    }
    const Person& p = r->person;
    const std::int64_t id = r->id; // `r` points into the snapshot, which an edit rebuilds
    heading(p.reference.c_str());
    ImGui::Text("%s", r->name_text.c_str());
    if (!p.tag.empty()) ImGui::Text("Tag %s", p.tag.c_str());
    ImGui::TextDisabled("%s, %s%s%s", std::string(sex_label(p.sex)).c_str(),
                        std::string(age_band_label(r->age_band)).c_str(),
                        r->nationality_text.empty() ? "" : ", ", r->nationality_text.c_str());
    if (!r->languages_text.empty())
        ImGui::TextDisabled("Speaks %s%s", r->languages_text.c_str(),
                            p.interpreter_needed == true ? " (interpreter needed)" : "");
    if (treated_as_child(r->child)) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
        paragraph(r->child == ChildStatus::AgeDisputed ? "Age disputed: treat as a child until assessed."
                  : r->child == ChildStatus::Unknown
                      ? "Age not established: presumed a child (children's services and NRM) until a date of "
                        "birth, an age, a dispute or a coordinator's judgement is recorded."
                      : "Child: children's services and NRM, no consent needed.");
        ImGui::PopStyleColor();
    }
    if (p.urgent_medical) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        paragraph("Needs medical attention now.");
        ImGui::PopStyleColor();
    }
    if (!p.arrived_with.empty() && p.arrived_with_relation) {
        const bool indicator = r->with_unrelated_adult;
        if (indicator) ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
        paragraph(("Arrived with " + p.arrived_with + " (" +
                   std::string(companion_relation_label(*p.arrived_with_relation)) + ")" +
                   (indicator ? ": an indicator to share with children's services." : "."))
                      .c_str());
        if (indicator) ImGui::PopStyleColor();
    }
    if (!p.medical_needs.empty() && ctx.session.can(Permission::ViewMedicalNotes)) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        paragraph(("Medical or access needs: " + p.medical_needs).c_str());
        ImGui::PopStyleColor();
    }
    if (ctx.session.can(Permission::CheckIn) && button(kEditDetails)) {
        form_.start_edit(id, p, r->version);
        panel_ = Panel::CheckIn;
        return;
    }
    if (bags_.draw(ctx, id)) return; // the snapshot changed under `r`

    ImGui::Spacing();
    heading("Journey");
    for (const JourneyEvent& e : p.journey) {
        ImGui::Bullet();
        std::string text =
            format_local_time(e.at, "%a %H:%M") + "  " + std::string(journey_step_label(e.step));
        if (e.destination) text += ": " + std::string(destination_label(*e.destination));
        ImGui::TextUnformatted(text.c_str());
    }
    if (!ctx.session.can(Permission::CheckIn)) return;
    ImGui::Spacing();
    const std::vector<JourneyStep> next = allowed_next_steps(p.journey);
    for (JourneyStep step : next) {
        if (step == JourneyStep::Departed) continue;
        const std::string label = "Record: " + std::string(journey_step_label(step)) + "##step_" +
                                  std::string(journey_step_id(step));
        if (button(label.c_str())) {
            const app::EditResult res = ctx.session.record_journey_step(id, step, std::nullopt);
            journey_message_ = res.ok ? std::string(journey_step_label(step)) + " recorded." : res.message;
            journey_message_is_error_ = !res.ok;
            return; // the snapshot changed under `r`
        }
    }
    bool can_depart = false;
    for (JourneyStep s : next)
        can_depart |= s == JourneyStep::Departed;
    if (can_depart) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Leaving for:");
        // As many columns as fit the panel, so that every choice stays on screen at 1366x768.
        const float x0 = ImGui::GetCursorPosX();
        const float column = em(11.0f);
        const int columns = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / column));
        int n = 0;
        for (Destination d : all_destinations) {
            if (destination_is_temporary(d) && !r->journey.on_site) continue; // already out
            const int at = n++ % columns;
            if (at != 0) ImGui::SameLine(x0 + column * static_cast<float>(at));
            const std::string label =
                std::string(destination_label(d)) + "##dest_" + std::string(destination_id(d));
            if (radio(label.c_str(), destination_ == d)) destination_ = d;
        }
        const bool temporary = destination_ && destination_is_temporary(*destination_);
        ImGui::BeginDisabled(!destination_);
        if (button(temporary ? kTemporaryExit : kDeparture)) {
            if (temporary) {
                // A temporary exit keeps the person on the roll and raises nothing.
                const app::EditResult res =
                    ctx.session.record_journey_step(id, JourneyStep::TemporaryExit, destination_);
                journey_message_ = res.ok ? "Temporary exit recorded: still on the roll." : res.message;
                journey_message_is_error_ = !res.ok;
                if (res.ok) destination_.reset();
                ImGui::EndDisabled();
                return;
            }
            gate_ = ctx.session.departure_gate(id, *destination_, ctx.clock.now());
            gate_for_ = id;
            gate_destination_ = *destination_;
            if (gate_.needs_confirmation) {
                open_gate_ = true;
            } else {
                record_departure(ctx);
                ImGui::EndDisabled();
                return;
            }
        }
        ImGui::EndDisabled();
    }
    draw_departure_confirmation(ctx, p.reference);
    result_message(journey_message_, journey_message_is_error_);
}

void ArrivalsScreen::record_departure(ScreenContext& ctx) {
    if (!gate_for_ || !gate_destination_) return;
    const app::EditResult res =
        ctx.session.record_journey_step(*gate_for_, JourneyStep::Departed, gate_destination_);
    journey_message_ = res.ok ? "Departure recorded." : res.message;
    if (res.ok && gate_.needs_confirmation)
        journey_message_ += gate_.critical ? " A critical alert is open on the Dashboard."
                                           : " A warning is open on the Dashboard.";
    journey_message_is_error_ = !res.ok;
    if (res.ok) destination_.reset();
    gate_for_.reset();
    gate_destination_.reset();
}

void ArrivalsScreen::draw_departure_confirmation(ScreenContext& ctx, const std::string& reference) {
    if (open_gate_) {
        ImGui::OpenPopup(kDepartureDialog);
        open_gate_ = false;
    }
    ImGui::SetNextWindowSize(ImVec2(em(34.0f), 0.0f));
    if (!ImGui::BeginPopupModal(kDepartureDialog, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::PushTextWrapPos(0.0f);
    const std::string where =
        gate_destination_ ? std::string(destination_label(*gate_destination_)) : std::string();
    ImGui::Text("%s is leaving: %s.", reference.c_str(), where.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, colour(gate_.critical ? palette().danger : palette().warning));
    if (!gate_.summary.empty())
        paragraph((std::string(gate_.child ? "A child (or presumed child). " : "An adult. ") + gate_.summary)
                      .c_str());
    if (gate_.ms1_becomes_required)
        paragraph(("Leaving without deciding: an anonymous Duty to Notify (MS1) becomes required" +
                   (gate_.ms1_due_at ? ", due by " + format_local_time(*gate_.ms1_due_at, "%a %H:%M")
                                     : std::string()) +
                   ".")
                      .c_str());
    if (!gate_.first_step.empty()) paragraph(("Do now: " + gate_.first_step + ".").c_str());
    ImGui::PopStyleColor();
    paragraph_disabled(
        gate_.critical
            ? "The departure is recorded as it happened (no one can be stopped from leaving) and a "
              "critical alert stays open until the referrals are made."
            : "The departure is recorded as it happened and a warning stays open until the "
              "referrals are made.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // The Enter that opened the dialog must not also confirm it.
    const bool enter = !ImGui::IsWindowAppearing() && ImGui::IsKeyPressed(keys::Enter, false);
    if (button(kConfirmDeparture) || enter) {
        record_departure(ctx);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (button("Cancel (Esc)##departure") || ImGui::IsKeyPressed(keys::Escape, false)) {
        gate_for_.reset();
        gate_destination_.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace rc::ui
