// StoreSession: partners and staff — the call-out board, staff signing in and out, the roles matrix
// and the partner directory, rebuilt from the store when data change.
#include "app/store_session.hpp"
#include "app/store_session_versioned.hpp"
#include "domain/iso_languages.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <cstdio>
#include <sodium.h>

namespace rc::app {

namespace {

void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}

StaffRow staff_row(const store::StaffRecord& r) {
    return StaffRow{r.id,
                    r.name,
                    r.phone,
                    r.partner_id,
                    r.organisation,
                    r.role_at_centre,
                    r.awareness_trained,
                    r.time_in,
                    r.time_out,
                    false,
                    r.functions,
                    r.languages,
                    staff_functions_text(r.functions, r.languages)};
}

std::optional<UnixSeconds> today_at(const std::string& hhmm, UnixSeconds now, std::string& problem) {
    auto at = clock_time_on_day_of(hhmm, now);
    if (!at) {
        problem = "Write the expected arrival as HH:MM, e.g. 07:15.";
        return std::nullopt;
    }
    if (*at < now - 12 * 3600) *at += 24 * 3600; // "01:00" said at 23:00 means tomorrow
    return at;
}

} // namespace

std::string staff_functions_text(SiteFunctions functions, const std::vector<std::string>& languages) {
    std::string out;
    for (SiteFunction f : all_site_functions) {
        if (!functions.contains(f)) continue;
        if (!out.empty()) out += "; ";
        out += site_function_label(f);
        if (f == SiteFunction::Interpreter && !languages.empty()) {
            out += " (";
            for (std::size_t i = 0; i < languages.size(); ++i) {
                if (i > 0) out += ", ";
                const Language* l = find_language_by_code(languages[i]);
                out += l ? std::string(l->name) : languages[i];
            }
            out += ")";
        }
    }
    return out;
}

std::optional<UnixSeconds> next_follow_up(const PartnersSnapshot& snapshot, UnixSeconds now) {
    std::optional<UnixSeconds> next;
    for (const CalloutRow& r : snapshot.board)
        if (r.follow_up && r.follow_up->due_at > now && (!next || r.follow_up->due_at < *next))
            next = r.follow_up->due_at;
    return next;
}

void StoreSession::refresh_partners(bool signed_in) {
    for (StaffRow& s : partners_.staff) {
        wipe(s.name);
        wipe(s.phone);
    }
    for (CalloutRow& c : partners_.board)
        wipe(c.notes);
    for (DirectoryRow& d : partners_.directory) {
        wipe(d.contact_name);
        wipe(d.phone);
        wipe(d.notes);
    }
    const std::uint64_t version = partners_.version + 1;
    partners_ = PartnersSnapshot{};
    partners_.version = version;
    if (!signed_in) return;
    const std::shared_ptr<const Procedure>& procedure = operation_.procedure;
    partners_.activated = procedure != nullptr;
    const UnixSeconds now = clock_.now();
    try {
        if (procedure) {
            partners_.shift_warning_hours = procedure->info.staff_shift_warning_hours;
            partners_.functions_needed = procedure->functions[tier_index(operation_.tier)];
            for (const Partner& p : procedure->partners)
                partners_.partners.push_back({p.id, p.name});
            for (const store::CalloutBoardEntry& e : store::callout_board(*store_, *procedure)) {
                CalloutRow row;
                row.contact_id = e.contact.id;
                row.organisation = e.contact.organisation;
                row.role = e.contact.role;
                row.phone = e.contact.phone;
                row.hours = e.contact.hours;
                row.order = e.contact.order;
                row.partner_name = e.partner_name;
                row.state = e.state;
                row.attempts = e.attempts;
                row.first_called_at = e.first_called_at;
                row.notes = e.notes;
                row.follow_up = e.follow_up;
                row.next = allowed_callout_statuses(e.state.status);
                partners_.board.push_back(std::move(row));
            }
        }
        const std::vector<store::StaffRecord> records = store::staff(*store_);
        for (const store::StaffRecord& r : records) {
            StaffRow row = staff_row(r);
            if (r.on_site()) {
                ++partners_.on_site;
                if (procedure && shift_too_long(*procedure, r.time_in, now)) {
                    row.long_shift = true;
                    ++partners_.long_shifts;
                }
            }
            partners_.staff.push_back(std::move(row));
        }
        for (const store::StaffRecord& r : store::returning_staff(*store_))
            partners_.returning.push_back(staff_row(r));
        if (const auto roles = store::roles_matrix(*store_)) {
            partners_.roles = roles->matrix;
            for (const RoleCoverage& c : roles->matrix.roles) {
                std::string names;
                for (std::size_t i : c.filled_by) {
                    if (i >= roles->on_site.size()) continue;
                    if (!names.empty()) names += ", ";
                    names += roles->on_site[i].name;
                }
                partners_.role_names.push_back(std::move(names));
            }
        }
        for (const store::DirectoryEntry& d : store::partner_directory(*store_))
            partners_.directory.push_back(DirectoryRow{d.id, d.details.organisation, d.details.partner_id,
                                                       d.details.role, d.details.contact_name,
                                                       d.details.phone, d.details.notes, d.version});
    } catch (const store::StoreError& e) {
        failed(e.problem());
    }
    partners_.next_follow_up = next_follow_up(partners_, now);
}

EditResult StoreSession::record_callout(std::string_view contact_id, const CalloutForm& form) {
    store::CalloutDetails d;
    d.status = form.status;
    if (form.people > 0) d.people = form.people;
    if (!form.expected_arrival.empty()) {
        std::string problem;
        d.expected_arrival_at = today_at(form.expected_arrival, clock_.now(), problem);
        if (!d.expected_arrival_at) return {false, problem};
    }
    d.notes = form.notes;
    return guarded([&] { store::record_callout(*store_, contact_id, d); }, kPartnersPart | kLogPart);
}

EditResult StoreSession::sign_in_staff(const StaffForm& form) {
    store::StaffDetails d;
    d.name = form.name;
    d.phone = form.phone;
    d.partner_id = form.partner_id;
    d.organisation = form.organisation;
    d.role_at_centre = form.role_at_centre;
    d.awareness_trained = form.awareness_trained;
    d.functions = form.functions;
    d.languages = form.languages;
    if (const auto p = store::staff_details_problem(d)) return {false, *p};
    return guarded([&] { store::sign_in_staff(*store_, d); }, kPartnersPart);
}

EditResult StoreSession::quick_sign_in(std::int64_t previous) {
    return guarded([&] { store::quick_sign_in(*store_, previous); }, kPartnersPart);
}

EditResult StoreSession::sign_out_staff(std::int64_t id) {
    return guarded([&] { store::sign_out_staff(*store_, id); }, kPartnersPart);
}

namespace {

DirectoryForm directory_form_of(const store::DirectoryEntry& e) {
    const store::DirectoryEntryDetails& d = e.details;
    return {d.organisation, d.partner_id, d.role, d.contact_name, d.phone, d.notes};
}

} // namespace

SaveResult<DirectoryForm> StoreSession::save_directory_entry(std::optional<std::int64_t> id,
                                                             const DirectoryForm& form,
                                                             std::optional<std::int64_t> started_from) {
    store::DirectoryEntryDetails d{form.organisation, form.partner_id, form.role,
                                   form.contact_name, form.phone,      form.notes};
    if (const auto p = store::directory_entry_problem(d))
        return SaveResult<DirectoryForm>::refused({false, *p});
    SaveResult<DirectoryForm> r = versioned<DirectoryForm, store::DirectoryEntry>(
        [&]() -> std::int64_t {
            if (id) return store::update_directory_entry(*store_, *id, d, started_from);
            store::add_directory_entry(*store_, d);
            return 1;
        },
        kPartnersPart, form, &directory_form_of);
    if (r.ok) r.id = id;
    return r;
}

EditResult StoreSession::remove_directory_entry(std::int64_t id, std::optional<std::int64_t> started_from) {
    return guarded([&] { store::remove_directory_entry(*store_, id, started_from); }, kPartnersPart);
}

} // namespace rc::app
