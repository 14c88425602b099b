#pragma once
// The retention purge: once the centre has closed and the retention period has passed (30 days by
// default, as Sahana's UK template does), a coordinator removes the personal fields for good and keeps
// the pseudonymised record: who arrived when, age bands, journeys' times, referrals' types, statuses and
// times, procedure records, stock movements, staff organisations and times, counts.
//
//   auto check = rc::store::check_purge(*store, {}, clock.now());       // check.allowed, check.problem
//   auto r = rc::store::purge_personal_data(*store, {}, [](double f, std::string_view step) { ... });
//
// In one transaction (Permission::Purge): every sealed personal field of the operation is overwritten
// with an empty sealed value or NULL (people's names, aliases, dates of birth, diet, property, groups,
// medical notes and tags; journey notes; staff names and phones; call-out notes; who did each procedure
// action and why one was skipped; tier change reasons; referrals' makers, references, reasons and
// notes; stock notes; manual log entries and the free text in automatic ones; export reasons), each
// person's age band and child status are kept from the date of birth before it goes, the purge is
// recorded (counts only) with its audit row and a log entry. Then, outside the transaction, with
// secure_delete on: VACUUM, and a WAL checkpoint that truncates the WAL; every backup of the database
// made before the purge (every kind, in the backup folder and beside the database) is overwritten and
// deleted, and one fresh backup of the purged database is taken. Kept on purpose: the console's users
// (they sign in), the venue register and the partner directory (standing contacts between operations,
// not about the people received). See docs/debrief.md.
//
// A shared centre is purged the same way on its server, from one desk: the same transaction, then
// VACUUM FULL (every table rewritten without the old row versions) instead of the file's VACUUM, and
// the dumps made before the purge that this desk can reach (its backup folder, and every copy recorded
// on the server that is on this disk) overwritten and deleted; copies recorded by other desks are
// listed in backups_unreachable. A fresh dump of the purged centre is taken.
#include "store/store.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

inline constexpr int kDefaultRetentionDays = 30;
inline constexpr int kMaxRetentionDays = 3650;

struct PurgeOptions {
    int retention_days = kDefaultRetentionDays; // 1..kMaxRetentionDays, counted from the close
    // Purge before the period is over (the partnership agreed to); the centre must still be closed.
    bool force_before_period = false;
};

struct PurgeCheck {
    bool allowed = false;
    std::string problem; // why not, in a sentence (empty when allowed)
    std::string advice;
    std::optional<UnixSeconds> closed_at;
    std::optional<UnixSeconds> period_ends_at; // closed_at + the retention period
    bool before_period = false;                // allowed only because it was forced
    std::optional<UnixSeconds> last_purged_at;
};

// Whether a purge may run at `now`. Nothing personal: readable while locked.
PurgeCheck check_purge(const Store& store, const PurgeOptions& options, UnixSeconds now);

struct PurgeCounts {
    int people = 0;
    int journey_notes = 0;
    int staff = 0;
    int callouts = 0;
    int callout_notes = 0;
    int action_records = 0;
    int tier_changes = 0;
    int referrals = 0;
    int referral_reasons = 0;
    int stock_notes = 0;
    int log_entries = 0; // manual entries cleared and automatic ones shortened
    int export_reasons = 0;
};

struct PurgeResult {
    std::int64_t purge_id = 0; // the retention_purges row
    UnixSeconds at = 0;
    bool before_period = false;
    PurgeCounts counts;
    std::vector<std::filesystem::path> backups_removed;
    // Backups written before the purge (recorded in the database, or found in the backup folders) that
    // could not be overwritten and removed, each with why ("no longer there (moved, or on a drive not
    // connected)"): someone must find and delete them by hand.
    std::vector<std::pair<std::filesystem::path, std::string>> backups_unreachable;
    std::filesystem::path backup_after; // the fresh backup of the purged database
    std::int64_t bytes_before = 0;      // the database and its WAL
    std::int64_t bytes_after = 0;
};

using PurgeProgress = std::function<void(double fraction, std::string_view step)>;

// Refused (StoreError InvalidInput, nothing changed) when check_purge says no; NotPermitted for a
// volunteer; SignedOut while locked. A failure after the commit (VACUUM, backups) throws with the
// personal fields already gone: run it again to finish.
PurgeResult purge_personal_data(Store& store, const PurgeOptions& options,
                                const PurgeProgress& progress = {});

struct PurgeRecord {
    std::int64_t id = 0;
    UnixSeconds at = 0;
    UserId by = 0;
    UnixSeconds closed_at = 0;
    int retention_days = 0;
    bool before_period = false;
    int people = 0;
    int staff = 0;
    int referrals = 0;
    int log_entries = 0;
};
// Oldest first. Nothing personal: readable while locked.
std::vector<PurgeRecord> retention_purges(const Store& store);

// The backup files of the database at `db_path` in `dir`: every kind backup_file_path names, and the
// -wal, -shm, -journal and .partial files beside them. Never the database itself.
std::vector<std::filesystem::path> backup_files_of(const std::filesystem::path& dir,
                                                   const std::filesystem::path& db_path);

} // namespace rc::store
