#pragma once
// Partners and staff at the centre: the call-out board (the pinned procedure's cascade and where each
// contact stands), the staff sign-in list (ICS 211), the roles matrix for the centre's tier, and the
// partner directory kept between operations.
//
//   auto board = rc::store::callout_board(*store);                       // cascade order
//   rc::store::record_callout(*store, "police-101", {.status = rc::CalloutStatus::Confirmed,
//                                                    .people = 4, .expected_arrival_at = at});
//   auto id = rc::store::sign_in_staff(*store, details);                 // name and phone sealed
//   rc::store::sign_out_staff(*store, id);
//   auto roles = rc::store::roles_matrix(*store);  // roles->matrix.alerts: roles nobody is filling
//
// Call-outs and the directory: coordinator (Permission::ManagePartners). Signing staff in and out:
// anyone signed in (Permission::SignStaffInOut). Every write is one transaction with its audit rows;
// names, phone numbers and notes are sealed and never reach the audit trail, the log or a message.
#include "domain/callout.hpp"
#include "domain/procedure.hpp"
#include "domain/role_coverage.hpp"
#include "store/edit_conflict.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

using StaffId = std::int64_t;
using DirectoryEntryId = std::int64_t;

// ---- the call-out board -------------------------------------------------------------------------------

struct CalloutBoardEntry {
    Contact contact;          // from the pinned procedure (organisation, role, phone, hours, order)
    std::string partner_name; // the contact's partner in the procedure, if any
    CalloutState state;       // not called until something is recorded
    std::optional<UnixSeconds> first_called_at;
    int attempts = 0; // calls made: each called or no answer, and a confirmation at the first ring
    std::optional<UserId> updated_by;
    std::string notes;                 // decrypted (may be personal)
    std::optional<FollowUp> follow_up; // from the timings the board was read with
    bool overdue(UnixSeconds now) const { return follow_up && now >= follow_up->due_at; }
};

// The cascade of the pinned procedure (rc::call_out_cascade order) with each contact's state, then any
// contact outside the cascade that has a record. Empty before activation. Signed in (notes decrypted).
std::vector<CalloutBoardEntry> callout_board(const Store& store, const Procedure& procedure,
                                             const CalloutTimings& timings = {});
std::vector<CalloutBoardEntry> callout_board(const Store& store, const CalloutTimings& timings = {});

struct CalloutDetails {
    CalloutStatus status = CalloutStatus::Called;
    std::optional<int> people;                      // confirmed or on site
    std::optional<UnixSeconds> expected_arrival_at; // confirmed
    std::optional<std::string> notes;               // replaces the contact's notes when given
    std::optional<UnixSeconds> at;                  // when it happened; empty: now
};

// Records the next status for a contact of the pinned procedure (rc::callout_transition_allowed), with
// its history row, audit rows and an automatic log entry. ManagePartners. Throws StoreError
// (InvalidInput) before activation, for an unknown contact or a refused transition. Returns the
// history row's id.
std::int64_t record_callout(Store& store, std::string_view contact_id, const CalloutDetails& details);
// Replaces a contact's notes without changing its status. ManagePartners.
void set_callout_notes(Store& store, std::string_view contact_id, std::string_view notes);

struct CalloutEvent {
    std::int64_t id = 0;
    std::string contact_id;
    UnixSeconds at = 0;
    UserId by = 0;
    CalloutStatus from = CalloutStatus::NotCalled;
    CalloutStatus to = CalloutStatus::Called;
    std::optional<int> people;
    std::optional<UnixSeconds> expected_arrival_at;
    std::optional<std::string> notes; // the notes as set with this change, if they were (decrypted)
};
// Every change, oldest first; one contact's when contact_id is given. Signed in.
std::vector<CalloutEvent> callout_history(const Store& store, std::string_view contact_id = {});

// ---- staff -------------------------------------------------------------------------------------------

inline constexpr std::size_t kMaxStaffText = 200;

struct StaffDetails {
    std::string name;               // personal: sealed
    std::string phone;              // personal: sealed; may be empty
    std::string partner_id;         // a partner of the pinned procedure, or empty
    std::string organisation;       // required without a partner; with one, empty means the partner's name
    std::string role_at_centre;     // e.g. "Welfare", "Interpreter (Romanian)"
    bool awareness_trained = false; // has done the modern-slavery awareness training
    std::optional<UnixSeconds> time_in; // empty: now (may be up to a day earlier, for a late entry)
    SiteFunctions functions;            // what they may do here: NRM referrals, MS1, interpreting, ...
    std::vector<std::string> languages; // ISO 639 codes they interpret; only with SiteFunction::Interpreter
};

struct StaffRecord {
    StaffId id = 0;
    StaffId person_id = 0; // the first record of this person; quick sign-ins share it
    std::string name;      // decrypted
    std::string phone;     // decrypted
    std::string partner_id;
    std::string organisation;
    std::string role_at_centre;
    bool awareness_trained = false;
    SiteFunctions functions;
    std::vector<std::string> languages; // interpreted (ISO 639 codes)
    UnixSeconds time_in = 0;
    std::optional<UnixSeconds> time_out;
    UserId signed_in_by = 0;
    std::optional<UserId> signed_out_by;
    // Goes up by one with every edit of the details (update_staff; signing out does not change it).
    std::int64_t version = 1;
    bool on_site() const { return !time_out; }
};

// What is wrong with the details, in a sentence naming no one, or nothing (the store checks again).
std::optional<std::string> staff_details_problem(const StaffDetails& details);

// SignStaffInOut. Throw StoreError(InvalidInput) for bad details or an unknown partner. The functions
// and languages are not personal and stay in clear for the coverage check and the debrief.
// `key`: the form's save key (save_key.hpp); a retry under the same key returns the first record.
StaffId sign_in_staff(Store& store, const StaffDetails& details, const SaveKey& key = SaveKey::make());
// Signs in again someone who was here before: name, phone, organisation, role, training, functions and
// languages copied from that record. Refused while the same person is still signed in.
StaffId quick_sign_in(Store& store, StaffId previous, std::optional<UnixSeconds> time_in = {});
// `at` empty: now. Not before the time in, not in the future.
void sign_out_staff(Store& store, StaffId id, std::optional<UnixSeconds> at = {});
// Corrects a record's details (time in included; the time out is kept). `started_from`: the version the
// edit began with (StaffRecord::version); when another desk changed the record since, nothing is
// written and EditConflict<StaffRecord> (edit_conflict.hpp) carries it as it now is. Without it, the
// version read in the edit's own transaction. Details equal to the record save nothing. Returns the
// version after the edit.
std::int64_t update_staff(Store& store, StaffId id, const StaffDetails& details,
                          std::optional<std::int64_t> started_from = std::nullopt);

// Every record, by time in (signed in; names and phones decrypted).
std::vector<StaffRecord> staff(const Store& store);
std::optional<StaffRecord> staff_record(const Store& store, StaffId id);
// Records not signed out, by time in.
std::vector<StaffRecord> on_site_staff(const Store& store);
// The latest record of each person who is not on site now, latest first: the quick sign-in list.
std::vector<StaffRecord> returning_staff(const Store& store);

// The records as the domain rules take them (rc::role_coverage, rc::long_shifts).
std::vector<StaffOnSite> staff_on_site_view(std::span<const StaffRecord> records);

// Who is on site now and the roles matrix for the centre's current tier built from them.
struct RolesOnSite {
    std::vector<StaffOnSite> on_site; // by time in; the matrix's indices point into it
    RolesMatrix matrix;
};
// Empty before activation (there is no procedure to read the roles from). Signed in.
std::optional<RolesOnSite> roles_matrix(const Store& store);

// ---- partner directory (between operations) -----------------------------------------------------------

struct DirectoryEntryDetails {
    std::string organisation; // required
    std::string partner_id;   // a procedure partner id it stands for, or empty
    std::string role;         // e.g. "Emergency response duty officer"
    std::string contact_name; // personal: sealed
    std::string phone;        // personal: sealed
    std::string notes;        // personal: sealed
    bool operator==(const DirectoryEntryDetails&) const = default;
};

struct DirectoryEntry {
    DirectoryEntryId id = 0;
    DirectoryEntryDetails details;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
    UserId updated_by = 0;
    // Goes up by one with every edit: an edit or a removal states the version it started from.
    std::int64_t version = 1;
};

std::optional<std::string> directory_entry_problem(const DirectoryEntryDetails& details);

// By organisation then id (signed in).
std::vector<DirectoryEntry> partner_directory(const Store& store);
std::optional<DirectoryEntry> directory_entry(const Store& store, DirectoryEntryId id);
// ManagePartners. Throw StoreError(InvalidInput) for bad details or an unknown entry.
DirectoryEntryId add_directory_entry(Store& store, const DirectoryEntryDetails& details);
// `started_from`: the version the edit began with (DirectoryEntry::version). When another desk changed
// the entry since, nothing is written and EditConflict<DirectoryEntry> (edit_conflict.hpp) carries it
// as it now is; without it, the version read in the edit's own transaction. Details equal to the entry
// as it is save nothing. Returns the version after the edit.
std::int64_t update_directory_entry(Store& store, DirectoryEntryId id, const DirectoryEntryDetails& details,
                                    std::optional<std::int64_t> started_from = std::nullopt);
// Refused with EditConflict<DirectoryEntry> when another desk changed it since `started_from`.
void remove_directory_entry(Store& store, DirectoryEntryId id,
                            std::optional<std::int64_t> started_from = std::nullopt);

} // namespace rc::store
