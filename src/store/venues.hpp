#pragma once
// The register of venues: the pre-agreed places a reception centre can open in (community halls,
// leisure centres, council buildings), with their capacity, facilities and keyholder.
//
//   auto id = rc::store::add_venue(*store, details);          // coordinator
//   for (const Venue& v : rc::store::venues(*store)) ...      // signed in (keyholder is decrypted)
//   auto r = rc::store::import_venues_csv(*store, "venues.csv"); // all or nothing; r.problems
//
// The keyholder's name and phone and the notes are personal (or may be: an alarm code, a caretaker's
// mobile), so they are sealed in the file; name, address, capacity and facilities are not.
#include "store/edit_conflict.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

using VenueId = std::int64_t;

inline constexpr int kMaxVenueCapacity = 100000;

struct VenueFacilities {
    bool interview_rooms = false; // private rooms for interviews
    bool showers = false;
    bool kitchen = false;
    bool step_free_access = false;
    bool parking = false;
    bool operator==(const VenueFacilities&) const = default;
};

// What a coordinator enters about a venue.
struct VenueDetails {
    std::string name;    // unique in the register (ignoring case)
    std::string address; // of the venue, not of a person
    int capacity = 0;    // people it can hold, 1..kMaxVenueCapacity
    VenueFacilities facilities;
    std::string keyholder_name;  // personal
    std::string keyholder_phone; // personal
    std::string notes;           // personal (free text)
    bool operator==(const VenueDetails&) const = default;
};

struct Venue {
    VenueId id = 0;
    VenueDetails details;
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;
    // Goes up by one with every edit: an edit or a removal states the version it started from.
    std::int64_t version = 1;
};

// What is wrong with the details, in a sentence, or nothing (the store checks again).
std::optional<std::string> venue_details_problem(const VenueDetails& details);

// Every venue by name (signed in: the keyholder and notes are decrypted).
std::vector<Venue> venues(const Store& store);
std::optional<Venue> venue(const Store& store, VenueId id);
// Case-insensitive (ASCII), as the register's uniqueness is.
std::optional<Venue> find_venue(const Store& store, std::string_view name);
// The venues that hold `expected_people`, smallest first (the closest fit first).
std::vector<Venue> venues_that_fit(const std::vector<Venue>& all, int expected_people);

// ManageCentre. Throw StoreError(InvalidInput) for bad details or a name already in the register.
VenueId add_venue(Store& store, const VenueDetails& details);
// `started_from`: the version the edit began with (Venue::version). When another desk changed the
// venue since, nothing is written and EditConflict<Venue> (edit_conflict.hpp) carries it as it now is.
// Without it, the edit applies to the version read in its own transaction (a change committed between
// that read and the write is still refused). Details equal to the venue as it is save nothing. Returns
// the version after the edit.
std::int64_t update_venue(Store& store, VenueId id, const VenueDetails& details,
                          std::optional<std::int64_t> started_from = std::nullopt);
// Refused for the venue the centre was activated at (it stays, for the record), and, with
// EditConflict<Venue>, when another desk changed it since `started_from`.
void remove_venue(Store& store, VenueId id, std::optional<std::int64_t> started_from = std::nullopt);

// ---- import from a CSV file (format: docs/store.md, "Venue register")

struct VenueImportProblem {
    std::uint32_t line = 0; // 1-based line of the file where the record starts; 0: the whole file
    std::string column;     // the column's name from the header; empty when not about one column
    std::string message;
};
// "venues.csv: line 4, column capacity: ..." (or "venues.csv: line 4: ...", "venues.csv: ...").
std::string format_venue_import_problem(std::string_view source_name, const VenueImportProblem& problem);

struct VenueImportResult {
    std::vector<VenueImportProblem> problems; // any problem: nothing was written
    int added = 0;
    int updated = 0;   // venues already in the register (same name) whose details were replaced
    int unchanged = 0; // venues already in the register with the same details
    // This file had already been imported under its save key (a retry after a lost acknowledgement):
    // the counts are the first attempt's, and nothing was written this time.
    bool already_imported = false;
    bool ok() const { return problems.empty(); }
};

// Checks every row first; writes all of them in one transaction only when there is no problem at all.
// Permission::Import. Throws StoreError for permission, session and database failures only.
// `attempt`: kept by the caller across retries of this import (see import_roll): a retry after a lost
// acknowledgement reports the first attempt's counts (already_imported) and writes nothing again.
VenueImportResult import_venues_csv_text(Store& store, std::string_view text,
                                         const SaveKey& attempt = SaveKey::make());
VenueImportResult import_venues_csv(Store& store, const std::filesystem::path& file,
                                    const SaveKey& attempt = SaveKey::make());

} // namespace rc::store
