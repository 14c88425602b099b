// StoreSession: the operation — activation against the agreed procedure, the actions, the tier, the
// venue register. Snapshots are rebuilt when the store's data version moves, and the actions are
// re-evaluated when the next due time passes (the loop is woken for it), never per frame.
#include "app/store_session.hpp"
#include "app/store_session_versioned.hpp"
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/store.hpp"
#include "store/venues.hpp"

#include <algorithm>
#include <cstdio>
#include <spdlog/spdlog.h>

namespace rc::app {

namespace {

VenueForm venue_form(const store::VenueDetails& d) {
    VenueForm f;
    f.name = d.name;
    f.address = d.address;
    f.capacity = d.capacity;
    f.interview_rooms = d.facilities.interview_rooms;
    f.showers = d.facilities.showers;
    f.kitchen = d.facilities.kitchen;
    f.step_free_access = d.facilities.step_free_access;
    f.parking = d.facilities.parking;
    f.keyholder_name = d.keyholder_name;
    f.keyholder_phone = d.keyholder_phone;
    f.notes = d.notes;
    return f;
}

VenueForm venue_form_of(const store::Venue& v) {
    return venue_form(v.details);
}

store::VenueDetails venue_details(const VenueForm& form) {
    store::VenueDetails d;
    d.name = form.name;
    d.address = form.address;
    d.capacity = form.capacity;
    d.facilities = {form.interview_rooms, form.showers, form.kitchen, form.step_free_access, form.parking};
    d.keyholder_name = form.keyholder_name;
    d.keyholder_phone = form.keyholder_phone;
    d.notes = form.notes;
    return d;
}

std::string facilities_text(const store::VenueFacilities& f) {
    std::string out;
    const auto add = [&](bool on, const char* what) {
        if (!on) return;
        if (!out.empty()) out += ", ";
        out += what;
    };
    add(f.interview_rooms, "interview rooms");
    add(f.showers, "showers");
    add(f.kitchen, "kitchen");
    add(f.step_free_access, "step-free access");
    add(f.parking, "parking");
    return out.empty() ? "none listed" : out;
}

std::string due_text(const ProcedureAction& a, const DueTime& due) {
    switch (due.kind) {
    case DueKind::At:
        return format_local_time(due.at, "%H:%M");
    case DueKind::AwaitingFirstArrival:
        return std::to_string(a.due ? a.due->minutes : 0) + " min after the first arrival";
    case DueKind::NoFixedTime:
        break;
    }
    return "no fixed time";
}

// "HH:MM" as the next such local time at or after `now` (today, or tomorrow when already past).
std::optional<UnixSeconds> next_local_time(const std::string& hhmm, UnixSeconds now, std::string& problem) {
    int h = -1, m = -1;
    char tail = 0;
    if (std::sscanf(hhmm.c_str(), "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
        problem = "The expected arrival time '" + hhmm + "' is not a time: write it as HH:MM, e.g. 06:40.";
        return std::nullopt;
    }
    const std::string today = format_local_time(now, "%Y-%m-%d");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d", today.c_str(), h, m);
    UnixSeconds at = 0;
    if (!parse_local_time(buf, at)) {
        problem = "The expected arrival time could not be read.";
        return std::nullopt;
    }
    if (at < now - 60) at += 24 * 60 * 60;
    return at;
}

std::string minutes_text(UnixSeconds seconds) {
    const UnixSeconds m = (seconds + 59) / 60;
    if (m < 120) return std::to_string(m) + " min";
    return std::to_string(m / 60) + " h " + std::to_string(m % 60) + " min";
}

std::string status_text(const ActionState& s) {
    switch (s.status) {
    case ActionStatus::ToDo:
        return "To do";
    case ActionStatus::Overdue:
        return "Overdue since " + format_local_time(s.due.at, "%H:%M");
    case ActionStatus::Done: {
        std::string t = "Done " + format_local_time(s.record ? s.record->at : 0, "%H:%M");
        if (s.record && !s.record->by.empty()) t += " by " + s.record->by;
        if (s.done_late) t += ", " + minutes_text(s.overdue_seconds) + " late";
        return t;
    }
    case ActionStatus::NotApplicable:
        return "Not applicable: " + (s.record ? s.record->reason : std::string());
    }
    return {};
}

} // namespace

bool StoreSession::read_procedure(std::string& text, std::string& source, std::string& problem) const {
    if (options_.procedure_file.empty()) {
        text = std::string(default_procedure_text());
        source = std::string(default_procedure_name);
        return true;
    }
    source = options_.procedure_file.string();
    const ProcedureLoadResult loaded = load_procedure_file(options_.procedure_file);
    if (loaded.text.empty() && !loaded.diagnostics.empty()) {
        problem = format_diagnostic(loaded.diagnostics.front());
        return false;
    }
    text = loaded.text;
    return true;
}

ActivationPreview StoreSession::preview_activation(int expected_people) const {
    ActivationPreview preview;
    if (!store_ || !store_->signed_in()) {
        preview.problems.push_back("Sign in to activate the centre.");
        return preview;
    }
    std::string text, problem;
    if (!read_procedure(text, preview.procedure_source, problem)) {
        preview.problems.push_back(problem);
        return preview;
    }
    try {
        const store::ActivationProposal p =
            store::propose_activation(*store_, std::max(1, expected_people), text, preview.procedure_source);
        for (const Diagnostic& d : p.diagnostics)
            preview.problems.push_back(format_diagnostic(d));
        preview.proposed_tier = p.proposed_tier;
        for (const store::Venue& v : p.venues_that_fit)
            preview.venues_that_fit.push_back(v.details.name);
    } catch (const store::StoreError& e) {
        preview.problems.push_back(message_of(e));
    }
    return preview;
}

EditResult StoreSession::guarded(const std::function<void()>& write, unsigned parts) {
    if (!store_) return {false, "No centre database is open."};
    try {
        edit_parts_ = parts;
        write();
    } catch (const store::InvalidProcedure& e) {
        std::string message = e.problem();
        for (const Diagnostic& d : e.diagnostics())
            message += "\n" + format_diagnostic(d);
        return {false, message};
    } catch (const store::StoreError& e) {
        if (key_changed_elsewhere(e)) return {false, message_of(e)};
        const bool input =
            e.kind() == store::ErrorKind::InvalidInput || e.kind() == store::ErrorKind::NotPermitted;
        if (input) return {false, not_saved(e)};
        if (e.kind() == store::ErrorKind::Conflict) {
            // Another desk changed the record meanwhile: nothing was committed here, so refresh() would
            // not look; the part is read again so that the screens show the record as it now is.
            edit_parts_.reset();
            read_parts(parts, store_->signed_in());
            return {false, not_saved(e)};
        }
        return failed(message_of(e));
    }
    refresh();
    return {true, {}};
}

EditResult StoreSession::activate(const ActivationForm& form) {
    if (form.expected_people < 1)
        return {false, "Enter how many people are expected (at least 1; a guess is fine, the tier can be "
                       "raised later)."};
    store::ActivationRequest request;
    request.name = form.name;
    request.expected_people = form.expected_people;
    request.venue = form.venue;
    request.tier = form.tier;
    if (!form.expected_arrival.empty()) {
        std::string problem;
        request.expected_arrival_at = next_local_time(form.expected_arrival, clock_.now(), problem);
        if (!request.expected_arrival_at) return {false, problem};
    }
    std::string problem;
    if (!read_procedure(request.procedure_text, request.procedure_source, problem)) return {false, problem};
    return guarded([&] {
        const store::ActivationResult r = store::activate(*store_, request);
        spdlog::info("session: centre activated at tier {} under procedure {}", tier_id(r.activation.tier),
                     r.pinned.sha256.substr(0, 12));
    });
}

EditResult StoreSession::record_action(std::string_view action_id, ActionOutcome outcome,
                                       std::string_view reason) {
    return guarded([&] { store::record_action(*store_, action_id, outcome, reason); },
                   kOperationPart | kLogPart);
}

EditResult StoreSession::reopen_action(std::string_view action_id) {
    return guarded([&] { store::reopen_action(*store_, action_id); }, kOperationPart | kLogPart);
}

EditResult StoreSession::raise_tier(Tier tier, std::string_view reason) {
    return guarded([&] { store::raise_tier(*store_, tier, reason); });
}

EditResult StoreSession::revise_expected(int expected_people, std::string_view reason) {
    // The forecast reads the expected number from the operation snapshot.
    return guarded([&] { store::revise_expected(*store_, expected_people, reason); },
                   kOperationPart | kStockPart | kLogPart);
}

EditResult StoreSession::set_centre_status(CentreStatus status) {
    return guarded([&] { store_->set_centre_status(status); });
}

SaveResult<VenueForm> StoreSession::save_venue(std::optional<std::int64_t> id, const VenueForm& form,
                                               std::optional<std::int64_t> started_from) {
    const store::VenueDetails d = venue_details(form);
    if (const auto p = store::venue_details_problem(d)) return SaveResult<VenueForm>::refused({false, *p});
    SaveResult<VenueForm> r = versioned<VenueForm, store::Venue>(
        [&]() -> std::int64_t {
            if (id) return store::update_venue(*store_, *id, d, started_from);
            store::add_venue(*store_, d);
            return 1;
        },
        kOperationPart, form, &venue_form_of);
    if (r.ok) r.id = id;
    return r;
}

EditResult StoreSession::remove_venue(std::int64_t id, std::optional<std::int64_t> started_from) {
    return guarded([&] { store::remove_venue(*store_, id, started_from); }, kOperationPart);
}

EditResult StoreSession::import_venues(const std::filesystem::path& file) {
    std::string summary;
    EditResult r = guarded([&] {
        const store::VenueImportResult result =
            store::import_venues_csv(*store_, file, import_attempt("venues", file));
        import_settled("venues", file);
        if (!result.ok()) {
            summary = "Nothing was imported: fix these and import again.";
            for (const store::VenueImportProblem& p : result.problems)
                summary += "\n" + store::format_venue_import_problem(file.filename().string(), p);
            return;
        }
        summary = (result.already_imported ? "Imported already, before the connection broke (nothing was "
                                             "imported twice): "
                                           : "Imported: ") +
                  std::to_string(result.added) + " added, " + std::to_string(result.updated) + " updated, " +
                  std::to_string(result.unchanged) + " unchanged.";
    });
    if (!r.ok) return r;
    const bool refused = summary.rfind("Nothing", 0) == 0;
    return {!refused, summary};
}

void StoreSession::refresh_operation(bool signed_in) {
    OperationSnapshot& op = operation_;
    const std::uint64_t version = op.version + 1;
    const store::Centre c = store_->centre();
    op.status = c.status;
    op.tier = c.tier;
    op.name = c.name;
    op.expected_people = c.expected_people;
    op.activated_at = c.activated_at;
    op.venue_name = c.venue;
    op.first_arrival_at.reset();
    op.venues.clear();
    op.tier_changes.clear();
    op.actions.clear();
    op.counts = {};
    op.next_due.reset();
    if (!signed_in) {
        op.version = version;
        return;
    }
    try {
        for (const store::Venue& v : store::venues(*store_)) {
            VenueView view;
            view.id = v.id;
            view.name = v.details.name;
            view.address = v.details.address;
            view.capacity = v.details.capacity;
            view.facilities = facilities_text(v.details.facilities);
            view.form = venue_form(v.details);
            view.version = v.version;
            view.keyholder = v.details.keyholder_name;
            if (!v.details.keyholder_phone.empty())
                view.keyholder += (view.keyholder.empty() ? "" : ", ") + v.details.keyholder_phone;
            op.venues.push_back(std::move(view));
        }
        if (const auto info = store::pinned_procedure_info(*store_)) {
            if (info->sha256 != pinned_hash_ || !op.procedure) {
                if (auto p = store::pinned_procedure(*store_))
                    op.procedure = std::make_shared<const Procedure>(std::move(*p));
                pinned_hash_ = info->sha256;
            }
            op.procedure_label = info->name + " " + info->version + " (" + info->source_name + ", sha256 " +
                                 info->sha256.substr(0, 12) + "\u2026), pinned " +
                                 format_local_time(info->pinned_at, "%a %d %b %H:%M");
        } else {
            op.procedure.reset();
            op.procedure_label.clear();
            pinned_hash_.clear();
        }
        for (const store::TierChange& t : store::tier_changes(*store_))
            op.tier_changes.push_back(TierChangeView{t.at, t.from, t.to, t.reason});
        op.first_arrival_at = store::first_arrival_at(*store_);
    } catch (const store::StoreError& e) {
        failed(message_of(e));
    }
    op.version = version;
    reevaluate_actions();
}

bool StoreSession::reevaluate_actions() {
    OperationSnapshot& op = operation_;
    if (!op.procedure || !op.activated_at || !store_ || !store_->signed_in()) return false;
    std::vector<ActionRecord> records;
    try {
        records = store::action_records(*store_);
    } catch (const store::StoreError& e) {
        failed(message_of(e));
        return false;
    }
    const Procedure& p = *op.procedure;
    const OperationTimes times{*op.activated_at, op.first_arrival_at};
    const std::vector<ActionState> states = evaluate_actions(p, op.tier, times, records, clock_);
    op.actions.clear();
    for (const ActionState& s : states) {
        const ProcedureAction& a = p.actions[s.action_index];
        ActionView v;
        v.state = s;
        v.id = a.id;
        v.title = a.title;
        v.phase = a.phase;
        v.mandatory = a.mandatory;
        const Partner* lead = find_partner(p, a.lead);
        v.lead = lead ? lead->name : a.lead;
        v.due_text = due_text(a, s.due);
        if (s.record) {
            v.by = s.record->by;
            v.reason = s.record->reason;
        }
        v.status_text = status_text(s);
        op.actions.push_back(std::move(v));
    }
    op.counts = count_actions(p, states);
    op.next_due = next_due_time(states, clock_.now());
    ++op.version;
    return true;
}

} // namespace rc::app
