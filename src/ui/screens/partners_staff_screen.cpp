#include "ui/screens/partners_staff_screen.hpp"

#include "domain/iso_languages.hpp"
#include "domain/text_match.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace rc::ui {

namespace {

// The context is the languages people on site need ("ti;ro"): an interpreter's are offered first.
std::vector<PickOption> language_options(std::string_view query, std::string_view needed) {
    const std::vector<std::string_view> preferred = split_list(needed, ';');
    std::vector<PickOption> out;
    for (const Language* l : search_languages_preferring(query, preferred, 6))
        out.push_back({std::string(l->code), std::string(l->name) + " (" + std::string(l->code) + ")"});
    return out;
}

} // namespace

PartnersStaffScreen::PartnersStaffScreen() : staff_language_pick_(language_options) {}

namespace {

ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

std::string hours_minutes(UnixSeconds s) {
    if (s < 0) s = 0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld h %02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>((s % 3600) / 60));
    return buf;
}

const float* status_colour(CalloutStatus s) {
    switch (s) {
    case CalloutStatus::OnSite:
    case CalloutStatus::Confirmed:
        return palette().ok;
    case CalloutStatus::NoAnswer:
        return palette().warning;
    default:
        return nullptr;
    }
}

} // namespace

void PartnersStaffScreen::report(const app::EditResult& r, const char* ok_text) {
    message_ = r.ok ? ok_text : r.message;
    message_is_error_ = !r.ok;
}

void PartnersStaffScreen::draw(ScreenContext& ctx) {
    heading(title());
    const app::PartnersSnapshot& p = ctx.session.partners();
    ImGui::Text("Staff on site: %d.", p.on_site);
    if (p.roles && !p.roles->alerts.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Text("%d required role%s not covered.", static_cast<int>(p.roles->alerts.size()),
                    p.roles->alerts.size() == 1 ? "" : "s");
        ImGui::PopStyleColor();
    }
    if (p.long_shifts > 0) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
        ImGui::Text("%d on shift over %d h.", p.long_shifts, p.shift_warning_hours);
        ImGui::PopStyleColor();
    }
    result_message(message_, message_is_error_);
    if (!ImGui::BeginTabBar("partners_tabs")) return;
    if (tab_item("Call-out")) {
        draw_callouts(ctx);
        ImGui::EndTabItem();
    }
    if (tab_item("Roles")) {
        draw_roles(ctx);
        ImGui::EndTabItem();
    }
    if (tab_item("Staff")) {
        draw_staff(ctx);
        ImGui::EndTabItem();
    }
    if (tab_item("Directory")) {
        draw_directory(ctx);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

void PartnersStaffScreen::draw_callouts(ScreenContext& ctx) {
    const app::PartnersSnapshot& p = ctx.session.partners();
    if (!p.activated) {
        paragraph(
            "The call-out cascade comes from the procedure pinned at activation. Activate the centre on "
            "the Dashboard (Ctrl+1) first.");
        return;
    }
    paragraph_disabled("Call in order. Click a phone number to copy it. Select a row to record the call.");
    const UnixSeconds now = ctx.clock.now();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    const float table_h = std::max(em(8.0f), ImGui::GetContentRegionAvail().y - em(9.0f));
    if (ImGui::BeginTable("callouts", 6, flags, ImVec2(0.0f, table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, em(1.6f));
        ImGui::TableSetupColumn("Organisation and role", ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn("Phone", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn("Hours", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 1.8f);
        ImGui::TableSetupColumn("Notes", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableHeadersRow();
        for (const app::CalloutRow& r : p.board) {
            ImGui::PushID(r.contact_id.c_str());
            ImGui::TableNextRow();
            const bool overdue = r.follow_up && now >= r.follow_up->due_at;
            if (overdue)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1,
                                       ImGui::GetColorU32(ImVec4(palette().danger[0], palette().danger[1],
                                                                 palette().danger[2], 0.18f)));
            ImGui::TableNextColumn();
            const std::string order = r.order ? std::to_string(*r.order) : std::string("\u2013");
            const std::string label = order + "##row_" + r.contact_id;
            if (selectable(label.c_str(), selected_contact_ == r.contact_id,
                           ImGuiSelectableFlags_SpanAllColumns))
                selected_contact_ = r.contact_id;
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.organisation.c_str());
            ImGui::TextDisabled("%s", r.role.c_str());
            ImGui::TableNextColumn();
            if (small_button(r.phone.c_str())) {
                ImGui::SetClipboardText(r.phone.c_str());
                message_ = "Copied " + r.phone + ".";
                message_is_error_ = false;
            }
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.hours.c_str());
            ImGui::TableNextColumn();
            const float* c = status_colour(r.state.status);
            if (c) ImGui::PushStyleColor(ImGuiCol_Text, colour(c));
            ImGui::TextUnformatted(std::string(callout_status_label(r.state.status)).c_str());
            if (c) ImGui::PopStyleColor();
            if (r.state.status != CalloutStatus::NotCalled) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s", format_local_time(r.state.since, "%H:%M").c_str());
            }
            if (r.state.people) ImGui::TextDisabled("%d people", *r.state.people);
            if (r.state.expected_arrival_at)
                ImGui::TextDisabled("expected %s",
                                    format_local_time(*r.state.expected_arrival_at, "%H:%M").c_str());
            if (r.follow_up) {
                if (overdue) ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
                ImGui::Text("%s %s %s", std::string(follow_up_kind_label(r.follow_up->kind)).c_str(),
                            overdue ? "since" : "at",
                            format_local_time(r.follow_up->due_at, "%H:%M").c_str());
                if (overdue) ImGui::PopStyleColor();
            }
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.notes.c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    draw_callout_controls(ctx);
}

void PartnersStaffScreen::draw_callout_controls(ScreenContext& ctx) {
    const app::PartnersSnapshot& p = ctx.session.partners();
    const app::CalloutRow* row = nullptr;
    for (const app::CalloutRow& r : p.board)
        if (r.contact_id == selected_contact_) row = &r;
    if (!row) return;
    if (!ctx.session.can(Permission::ManagePartners)) {
        paragraph_disabled("Only a coordinator records call-outs.");
        return;
    }
    // Copies: an edit rebuilds the snapshot `row` points into.
    const std::string contact_id = row->contact_id;
    const std::vector<CalloutStatus> next_statuses = row->next;
    ImGui::Text("%s: record", row->organisation.c_str());
    ImGui::SetNextItemWidth(em(4.0f));
    input_int(kCalloutPeople, &callout_people_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(5.0f));
    input_text(kCalloutArrival, "07:15", callout_arrival_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(16.0f));
    input_text(kCalloutNotes, "e.g. duty officer rang back", callout_notes_);
    for (CalloutStatus next : next_statuses) {
        const std::string label =
            std::string(callout_status_label(next)) + "##to_" + std::string(callout_status_id(next));
        if (button(label.c_str())) {
            app::CalloutForm form;
            form.status = next;
            form.people = callout_people_;
            if (next == CalloutStatus::Confirmed) form.expected_arrival = callout_arrival_;
            if (!callout_notes_.empty()) form.notes = callout_notes_;
            report(ctx.session.record_callout(contact_id, form), "Recorded.");
            if (!message_is_error_) {
                callout_people_ = 0;
                callout_arrival_.clear();
                callout_notes_.clear();
            }
            break;
        }
        ImGui::SameLine();
    }
    ImGui::NewLine();
}

void PartnersStaffScreen::draw_functions(ScreenContext& ctx) {
    const app::PartnersSnapshot& p = ctx.session.partners();
    if (p.functions_needed.empty()) return;
    heading("Functions on site");
    paragraph_disabled(
        "What the procedure needs someone on site to do at this tier, whoever they come from.");
    for (SiteFunction f : p.functions_needed) {
        std::string who;
        for (const app::StaffRow& s : p.staff) {
            if (s.time_out || !s.functions.contains(f)) continue;
            if (!who.empty()) who += ", ";
            who += s.name;
            if (f == SiteFunction::Interpreter && !s.languages.empty()) {
                who += " (";
                for (std::size_t i = 0; i < s.languages.size(); ++i) {
                    const Language* l = find_language_by_code(s.languages[i]);
                    who += (i ? ", " : "") + (l ? std::string(l->name) : s.languages[i]);
                }
                who += ")";
            }
        }
        ImGui::Bullet();
        ImGui::Text("%s:", std::string(site_function_label(f)).c_str());
        ImGui::SameLine();
        if (who.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
            ImGui::TextUnformatted("nobody on site");
            ImGui::PopStyleColor();
        } else {
            ImGui::TextWrapped("%s", who.c_str());
        }
    }
    // The gaps for the people on site now, as the dashboard lists them.
    for (const Alert& a : ctx.session.alerts().alerts)
        if (a.kind == AlertKind::FunctionMissing || a.kind == AlertKind::InterpreterMissing) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
            ImGui::Bullet();
            paragraph(a.message.c_str());
            ImGui::PopStyleColor();
        }
    ImGui::Spacing();
}

void PartnersStaffScreen::draw_roles(ScreenContext& ctx) {
    const app::PartnersSnapshot& p = ctx.session.partners();
    if (!p.roles) {
        paragraph("The roles come from the procedure pinned at activation. Activate the centre first.");
        return;
    }
    draw_functions(ctx);
    ImGui::Text("Roles for a %s centre.", std::string(tier_label(p.roles->tier)).c_str());
    for (const CoverageAlert& a : p.roles->alerts) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Bullet();
        paragraph(a.message.c_str());
        ImGui::PopStyleColor();
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("roles", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Partner", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("On site", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Filled by", ImGuiTableColumnFlags_WidthStretch, 2.5f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < p.roles->roles.size(); ++i) {
        const RoleCoverage& c = p.roles->roles[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.partner_name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::string(partner_role_label(c.role)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.on_site_required ? "required" : "by phone is fine");
        ImGui::TableNextColumn();
        const std::string& names = i < p.role_names.size() ? p.role_names[i] : std::string();
        if (c.status == CoverageStatus::Missing) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
            ImGui::TextUnformatted("nobody on site");
            ImGui::PopStyleColor();
        } else {
            ImGui::TextWrapped("%s", names.empty() ? "\u2013" : names.c_str());
        }
    }
    ImGui::EndTable();
}

void PartnersStaffScreen::draw_staff(ScreenContext& ctx) {
    const app::PartnersSnapshot& p = ctx.session.partners();
    const bool may = ctx.session.can(Permission::SignStaffInOut);
    const UnixSeconds now = ctx.clock.now();
    if (may) {
        heading("Sign someone in");
        const float w = em(16.0f);
        ImGui::SetNextItemWidth(w);
        input_text(kStaffName, "", staff_name_);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em(9.0f));
        input_text(kStaffPhone, "", staff_phone_);
        ImGui::SetNextItemWidth(w);
        std::string partner_label = "Not a partner in the procedure";
        for (const app::PartnerChoice& c : p.partners)
            if (c.id == staff_partner_) partner_label = c.name;
        if (ImGui::BeginCombo("Partner##staff_partner", partner_label.c_str())) {
            if (ImGui::Selectable("Not a partner in the procedure", staff_partner_.empty()))
                staff_partner_.clear();
            for (const app::PartnerChoice& c : p.partners)
                if (ImGui::Selectable(c.name.c_str(), staff_partner_ == c.id)) staff_partner_ = c.id;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em(12.0f));
        input_text(kStaffOrganisation, "", staff_organisation_);
        ImGui::SetNextItemWidth(w);
        input_text(kStaffRole, "e.g. Welfare, Interpreter (Romanian)", staff_role_);
        ImGui::SameLine();
        checkbox(kStaffTrained, &staff_trained_);
        // What they may do here, whatever organisation they come from: the coverage is by function.
        ImGui::TextUnformatted("Functions they perform here:");
        bool first = true;
        for (SiteFunction f : all_site_functions) {
            if (!first) ImGui::SameLine();
            first = false;
            bool on = staff_functions_.contains(f);
            const std::string l =
                std::string(site_function_label(f)) + "##fn_" + std::string(site_function_id(f));
            if (checkbox(l.c_str(), &on)) {
                if (on)
                    staff_functions_.insert(f);
                else
                    staff_functions_.erase(f);
            }
        }
        if (staff_functions_.contains(SiteFunction::Interpreter)) {
            ImGui::TextUnformatted("Languages they interpret:");
            ImGui::SameLine();
            // People on site who need an interpreter: their first languages, each once (rebuilt only
            // when the people snapshot changes).
            const app::PeopleSnapshot& people = ctx.session.people();
            if (people.version != needed_version_) {
                needed_version_ = people.version;
                std::vector<std::string> codes;
                for (const app::PersonRow& r : people.rows)
                    if (r.journey.on_site && r.person.interpreter_needed == true &&
                        !r.person.languages.empty() &&
                        std::find(codes.begin(), codes.end(), r.person.languages.front()) == codes.end())
                        codes.push_back(r.person.languages.front());
                needed_languages_.clear();
                for (const std::string& code : codes)
                    needed_languages_ += (needed_languages_.empty() ? "" : ";") + code;
            }
            const std::string& needed = needed_languages_;
            staff_language_pick_.set_context(needed);
            PickOption picked;
            if (staff_language_pick_.draw(kStaffLanguages, "type to search, Enter adds", em(14.0f), picked) &&
                std::find(staff_languages_.begin(), staff_languages_.end(), picked.code) ==
                    staff_languages_.end())
                staff_languages_.push_back(picked.code);
            for (std::size_t i = 0; i < staff_languages_.size(); ++i) {
                ImGui::SameLine();
                const Language* l = find_language_by_code(staff_languages_[i]);
                const std::string chip = (l ? std::string(l->name) : staff_languages_[i]) +
                                         " \u00d7##slang_" + staff_languages_[i];
                if (small_button(chip.c_str())) {
                    staff_languages_.erase(staff_languages_.begin() + static_cast<std::ptrdiff_t>(i));
                    break;
                }
            }
        } else {
            staff_languages_.clear();
        }
        if (button(kStaffSignIn)) {
            app::StaffForm form{staff_name_, staff_phone_,   staff_partner_,   staff_organisation_,
                                staff_role_, staff_trained_, staff_functions_, staff_languages_};
            report(ctx.session.sign_in_staff(form), "Signed in.");
            if (!message_is_error_) {
                staff_name_.clear();
                staff_phone_.clear();
                staff_organisation_.clear();
                staff_role_.clear();
                staff_trained_ = false;
                staff_functions_ = {};
                staff_languages_.clear();
            }
        }
        if (!p.returning.empty()) {
            ImGui::Spacing();
            ImGui::TextUnformatted("Back again? Sign in with one click:");
            std::optional<std::int64_t> again;
            for (const app::StaffRow& r : p.returning) {
                ImGui::SameLine();
                const std::string label = r.name + "##again_" + std::to_string(r.id);
                if (small_button(label.c_str())) again = r.id;
            }
            if (again) report(ctx.session.quick_sign_in(*again), "Signed in again."); // after the loop over p
        }
    }
    ImGui::Spacing();
    heading("On site now");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("staff", 8, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Organisation", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Functions", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Phone", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("In", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Trained", ImGuiTableColumnFlags_WidthFixed, em(4.0f));
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(6.0f));
    ImGui::TableHeadersRow();
    std::optional<std::int64_t> sign_out;
    for (const app::StaffRow& r : p.staff) {
        if (r.time_out) continue;
        ImGui::PushID(static_cast<int>(r.id));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.organisation.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.role_at_centre.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", r.functions_text.empty() ? "\u2013" : r.functions_text.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.phone.c_str());
        ImGui::TableNextColumn();
        if (r.long_shift) ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().warning));
        ImGui::Text("%s (%s)", format_local_time(r.time_in, "%H:%M").c_str(),
                    hours_minutes(now - r.time_in).c_str());
        if (r.long_shift) ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.awareness_trained ? "yes" : "no");
        ImGui::TableNextColumn();
        const std::string label = "Sign out##out_" + std::to_string(r.id);
        if (may && button(label.c_str())) sign_out = r.id;
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (sign_out) report(ctx.session.sign_out_staff(*sign_out), "Signed out."); // after the loop over p
}

void PartnersStaffScreen::draw_directory(ScreenContext& ctx) {
    const app::PartnersSnapshot& p = ctx.session.partners();
    paragraph_disabled(
        "Organisations and their standing contacts, kept between operations (names and numbers "
        "are encrypted).");
    std::optional<std::int64_t> remove;
    std::int64_t remove_version = 0;
    for (const app::DirectoryRow& d : p.directory) {
        ImGui::PushID(static_cast<int>(d.id));
        ImGui::Bullet();
        ImGui::Text("%s: %s %s %s", d.organisation.c_str(), d.role.c_str(), d.contact_name.c_str(),
                    d.phone.c_str());
        if (ctx.session.can(Permission::ManagePartners)) {
            ImGui::SameLine();
            if (small_button("Edit")) edit_directory_entry(d);
            ImGui::SameLine();
            if (small_button("Remove")) {
                remove = d.id;
                remove_version = d.version;
            }
        }
        ImGui::PopID();
    }
    if (remove) report(ctx.session.remove_directory_entry(*remove, remove_version), "Removed.");
    if (!ctx.session.can(Permission::ManagePartners)) return;
    ImGui::Spacing();
    heading(directory_editing_ ? "Edit entry" : "Add an entry");
    const float w = em(16.0f);
    ImGui::SetNextItemWidth(w);
    input_text(kDirectoryOrganisation, "e.g. British Red Cross", directory_form_.organisation);
    ImGui::SetNextItemWidth(w);
    input_text("Role##dir_role", "e.g. Emergency response duty officer", directory_form_.role);
    ImGui::SetNextItemWidth(w);
    input_text("Contact name##dir_name", "", directory_form_.contact_name);
    ImGui::SetNextItemWidth(w);
    input_text("Phone##dir_phone", "", directory_form_.phone);
    ImGui::SetNextItemWidth(w);
    input_text("Notes##dir_notes", "", directory_form_.notes);
    if (button(kDirectorySave) && !directory_conflict_.is_open()) save_directory_entry(ctx);
    resolve_directory_conflict(ctx);
}

void PartnersStaffScreen::edit_directory_entry(const app::DirectoryRow& d) {
    directory_conflict_.close();
    directory_editing_ = d.id;
    directory_version_ = d.version;
    directory_form_ = {d.organisation, d.partner_id, d.role, d.contact_name, d.phone, d.notes};
    directory_base_ = directory_form_;
}

void PartnersStaffScreen::save_directory_entry(ScreenContext& ctx) {
    const std::optional<std::int64_t> from =
        directory_editing_ ? std::optional(directory_version_) : std::nullopt;
    const app::SaveResult<app::DirectoryForm> r =
        ctx.session.save_directory_entry(directory_editing_, directory_form_, from);
    report(r, "Saved.");
    if (r.conflict) {
        directory_conflict_.open(*r.conflict, directory_base_, app::directory_form_fields(),
                                 "the directory entry for " + directory_base_.organisation);
        return;
    }
    if (r.ok) {
        directory_form_ = {};
        directory_base_ = {};
        directory_editing_.reset();
    }
}

void PartnersStaffScreen::resolve_directory_conflict(ScreenContext& ctx) {
    const EditConflictDialog::Choice choice = directory_conflict_.draw();
    if (choice == EditConflictDialog::Choice::None) return;
    resolve_conflict(directory_conflict_, choice, directory_form_, directory_base_, directory_version_,
                     message_, message_is_error_, app::directory_form_fields(),
                     "the directory entry for " + directory_base_.organisation,
                     [&](const app::DirectoryForm& f, std::int64_t version) {
                         return ctx.session.save_directory_entry(directory_editing_, f, version);
                     });
    const bool saved =
        choice == EditConflictDialog::Choice::KeepMine || choice == EditConflictDialog::Choice::SaveMerge;
    if (saved && !message_is_error_ && !directory_conflict_.is_open()) {
        directory_form_ = {};
        directory_base_ = {};
        directory_editing_.reset();
    }
}

} // namespace rc::ui
