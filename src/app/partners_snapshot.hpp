#pragma once
// Partners and staff as the screens see them: the call-out board, everyone signed in and out, the roles
// matrix for the centre's tier with its alerts, and the partner directory. Rebuilt when data change.
// Staff names, phones and notes are personal: cleared behind the lock screen.
#include "domain/callout.hpp"
#include "domain/clock.hpp"
#include "domain/role_coverage.hpp"
#include "domain/site_function.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rc::app {

struct CalloutRow {
    std::string contact_id;
    std::string organisation;
    std::string role;
    std::string phone;
    std::string hours;
    std::optional<int> order;
    std::string partner_name;
    CalloutState state;
    int attempts = 0;
    std::optional<UnixSeconds> first_called_at;
    std::string notes;
    std::optional<FollowUp> follow_up;
    std::vector<CalloutStatus> next; // the statuses it may move to
};

struct StaffRow {
    std::int64_t id = 0;
    std::string name;
    std::string phone;
    std::string partner_id;
    std::string organisation;
    std::string role_at_centre;
    bool awareness_trained = false;
    UnixSeconds time_in = 0;
    std::optional<UnixSeconds> time_out;
    bool long_shift = false;            // on shift longer than the procedure's threshold
    SiteFunctions functions;            // NRM first responder, interpreter, ...
    std::vector<std::string> languages; // interpreted (ISO 639 codes)
    std::string functions_text;         // "Interpreter (Tigrinya, Arabic); NRM first responder"
};

struct DirectoryRow {
    std::int64_t id = 0;
    std::string organisation;
    std::string partner_id;
    std::string role;
    std::string contact_name;
    std::string phone;
    std::string notes;
    std::int64_t version = 1; // an edit or a removal states the version it started from
};

struct PartnerChoice {
    std::string id;
    std::string name;
};

struct PartnersSnapshot {
    std::uint64_t version = 0;
    bool activated = false;
    std::vector<CalloutRow> board;
    std::vector<StaffRow> staff;     // every record, by time in
    std::vector<StaffRow> returning; // quick sign-in: the latest record of each person not on site
    int on_site = 0;
    int long_shifts = 0;
    int shift_warning_hours = 12;
    std::optional<RolesMatrix> roles;    // for the current tier; empty before activation
    std::vector<std::string> role_names; // parallel to roles->roles: who is filling each ("A. B., C. D.")
    std::vector<PartnerChoice> partners; // the pinned procedure's partners, for the sign-in form
    std::vector<DirectoryRow> directory;
    std::optional<UnixSeconds> next_follow_up; // when an open call-out next turns overdue
    // The functions the procedure needs on site at the current tier ([functions]), in its order.
    std::vector<SiteFunction> functions_needed;
};

// "Interpreter (Tigrinya, Arabic); NRM first responder": what a staff member may do, for the list.
std::string staff_functions_text(SiteFunctions functions, const std::vector<std::string>& languages);

struct StaffForm {
    std::string name;
    std::string phone;
    std::string partner_id;
    std::string organisation;
    std::string role_at_centre;
    bool awareness_trained = false;
    SiteFunctions functions;
    std::vector<std::string> languages; // ISO 639 codes or names, for an interpreter
};

struct CalloutForm {
    CalloutStatus status = CalloutStatus::Called;
    int people = 0;               // confirmed / on site; 0: not given
    std::string expected_arrival; // "HH:MM" for confirmed
    std::optional<std::string> notes;
};

struct DirectoryForm {
    std::string organisation;
    std::string partner_id;
    std::string role;
    std::string contact_name;
    std::string phone;
    std::string notes;
};

// The earliest follow-up still ahead of `now` on the board (for the loop's next wake).
std::optional<UnixSeconds> next_follow_up(const PartnersSnapshot& snapshot, UnixSeconds now);

} // namespace rc::app
