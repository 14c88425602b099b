#pragma once
// Helpers shared by the Store's source files. Not for use outside src/store.
#include "store/audit.hpp"
#include "store/key_wrap.hpp"
#include "store/records.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rc::store {

void insert_audit_row(Connection& db, UnixSeconds at, std::optional<UserId> user, std::string_view action,
                      std::string_view table, std::optional<std::int64_t> record,
                      const AuditChanges& changes);

// The centre row (throws Corrupt when it is missing).
Centre read_centre(Connection& db);
// Appends an activity-log entry with its audit row, inside the caller's write.
std::int64_t insert_log(WriteContext& w, std::string_view text, LogKind kind);

struct VenueDetails;
struct Venue;
// Venue writes shared by the register and its import (venues.cpp); details already checked.
std::int64_t insert_venue(WriteContext& w, const VenueDetails& details);
void replace_venue(WriteContext& w, const Venue& before, const VenueDetails& details);

// A record is no longer the version an edit started from, or another desk committed a change between
// this write's read and its UPDATE ... WHERE version = ? (no row matched). Nothing is written: the
// transaction rolls back. The public edit functions turn it into EditConflict<Record> with the record
// as it now is; where none does (an import), it reads as it stands.
class RecordChangedMeanwhile : public StoreError {
public:
    explicit RecordChangedMeanwhile(const std::string& what)
        : StoreError(ErrorKind::Conflict,
                     what + " was changed at another desk while this was being saved. "
                            "Nothing was saved.",
                     "Try again: it starts from the record as it is now.") {}
};

// Refuses an edit that started from another version than the stored one (none stated: any).
inline void require_version(const std::string& what, std::optional<std::int64_t> started_from,
                            std::int64_t stored) {
    if (started_from && *started_from != stored) throw RecordChangedMeanwhile(what);
}

// After an UPDATE or DELETE ... WHERE id = ? AND version = ?: no row means another desk got there first.
inline void require_row_written(Connection& db, const std::string& what) {
    if (db.changes() == 0) throw RecordChangedMeanwhile(what);
}

// The first schema with the coordinator key and the record of backup copies.
constexpr int kCoordinatorKeySchema = 12;

// The wrapping context (associated data) of a user's copy of the data key.
inline std::string user_key_context(UserId id) {
    return "users:" + std::to_string(id);
}

struct Store::UserRow {
    UserId id = 0;
    Blob name_enc;
    UserRole role = UserRole::Volunteer;
    WrappedKey wrapped; // sealed empty: keys removed (disabled, or rotated since)
    Blob coordinator_sealed;
    std::optional<std::string> pin_hash;
    UnixSeconds created_at = 0;
    std::optional<UnixSeconds> disabled_at;
};

} // namespace rc::store
