// The retention purge (purge.hpp): clear every sealed personal field, keep the pseudonymised record,
// then make sure no copy of what was cleared is left in the file, its WAL or an older backup.
#include "store/purge.hpp"

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/text_match.hpp"
#include "os/security.hpp"
#include "os/utf8_path.hpp"
#include "store/backup.hpp"
#include "store/error.hpp"
#include "store/people_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace fs = std::filesystem;

namespace {

constexpr UnixSeconds kDay = 86400;
// What a manual log entry says once its text is gone (nothing personal; the time and author stay).
constexpr const char* kClearedLogText = "[removed by the retention purge]";
// Automatic entries that carry the coordinator's free text after this prefix and ": ".
constexpr std::string_view kTierRaisedPrefix = "Tier raised from ";

std::int64_t bytes_of(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : static_cast<std::int64_t>(n);
}

fs::path wal_of(const fs::path& db) {
    return fs::path(db.string() + "-wal");
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool consume(std::string_view& s, std::string_view prefix) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    s.remove_prefix(prefix.size());
    return true;
}

// <stem>-[manual-|before-restore-|before-upgrade-vN-]YYYYMMDD-HHMMSS[-N].sqlite (a shared centre's:
// .dump), then any of .partial, -wal, -shm, -journal.
bool is_backup_name(std::string_view name, const std::string& stem, std::string_view ext) {
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (std::string_view suffix : {".partial", "-wal", "-shm", "-journal"}) {
            if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
                name.remove_suffix(suffix.size());
                stripped = true;
            }
        }
    }
    if (name.size() <= ext.size() || name.substr(name.size() - ext.size()) != ext) return false;
    name.remove_suffix(ext.size());
    if (!consume(name, stem) || !consume(name, "-")) return false;
    if (!consume(name, "manual-") && !consume(name, "before-restore-") && consume(name, "before-upgrade-v")) {
        const std::size_t dash = name.find('-');
        if (dash == std::string_view::npos || !all_digits(name.substr(0, dash))) return false;
        name.remove_prefix(dash + 1);
    }
    // YYYYMMDD-HHMMSS[-N]
    if (name.size() < 15 || !all_digits(name.substr(0, 8)) || name[8] != '-' ||
        !all_digits(name.substr(9, 6)))
        return false;
    name.remove_prefix(15);
    return name.empty() || (name[0] == '-' && all_digits(name.substr(1)));
}

void vacuum_file(Connection& conn);
void purge_server_copies(Connection& conn);

struct PersonRow {
    PersonId id = 0;
    UnixSeconds arrived_at = 0;
    Blob personal;
};

// Every row of `table` with a non-NULL `column`: their ids.
std::vector<std::int64_t> ids_with(Connection& db, const std::string& table, const std::string& column) {
    std::vector<std::int64_t> ids;
    auto st = db.cached("SELECT id FROM " + table + " WHERE " + column + " IS NOT NULL ORDER BY id");
    while (st->step())
        ids.push_back(st->int64_at(0));
    return ids;
}

// Overwrites `column`_enc of every row that has one with a sealed empty value.
int reseal_empty(WriteContext& w, const std::string& table, const std::string& column) {
    const std::string col = column + "_enc";
    const std::vector<std::int64_t> ids = ids_with(w.db, table, col);
    for (std::int64_t id : ids)
        w.db.cached("UPDATE " + table + " SET " + col + " = ? WHERE id = ?")
            ->bind_all(w.cipher.seal(table, column, id, ""), id)
            .run();
    return static_cast<int>(ids.size());
}

int set_null(WriteContext& w, const std::string& table, const std::string& column) {
    w.db.exec("UPDATE " + table + " SET " + column + " = NULL WHERE " + column + " IS NOT NULL");
    return w.db.changes();
}

int purge_people(WriteContext& w) {
    std::vector<PersonRow> rows;
    {
        auto st = w.db.cached("SELECT id, arrived_at, personal_enc FROM people ORDER BY id");
        while (st->step())
            rows.push_back(PersonRow{st->int64_at(0), st->int64_at(1), st->blob_at(2)});
    }
    const std::string empty_medical = encode_medical("");
    for (const PersonRow& r : rows) {
        // What the debrief counts stays (sealed as before); what identifies the person goes. The band
        // and child status come from the date of birth, which goes now: keep what it said.
        Person kept;
        std::optional<Destination> departed_to;
        if (auto fields = open_personal(w.cipher, r.id, r.personal)) {
            const Person before = person_from_fields(*fields);
            const Date arrival_date = local_date_of(r.arrived_at);
            kept.sex = before.sex;
            kept.claimed_age = before.claimed_age;
            kept.age_band = effective_age_band(before, arrival_date);
            kept.stated_child = child_status(before, arrival_date);
            kept.nationality = before.nationality;
            kept.languages = before.languages;
            kept.interpreter_needed = before.interpreter_needed;
            kept.exploitation = before.exploitation;
            kept.indicators = before.indicators;
            kept.nrm_consent = before.nrm_consent;
            departed_to = fields->departed_to;
        }
        w.db.cached("UPDATE people SET tag_index = NULL, personal_enc = ?, medical_enc = ?, updated_at = ? "
                    "WHERE id = ?")
            ->bind_all(w.cipher.seal("people", "personal", r.id, encode_personal(kept, departed_to)),
                       w.cipher.seal_with_data_key("people", "medical", r.id, empty_medical), w.now, r.id)
            .run();
    }
    return static_cast<int>(rows.size());
}

int purge_staff(WriteContext& w) {
    std::vector<std::int64_t> ids;
    {
        auto st = w.db.cached("SELECT id FROM staff ORDER BY id");
        while (st->step())
            ids.push_back(st->int64_at(0));
    }
    for (std::int64_t id : ids)
        w.db.cached("UPDATE staff SET name_enc = ?, phone_enc = ? WHERE id = ?")
            ->bind_all(w.cipher.seal("staff", "name", id, ""), w.cipher.seal("staff", "phone", id, ""), id)
            .run();
    return static_cast<int>(ids.size());
}

int purge_log(WriteContext& w) {
    struct Row {
        std::int64_t id;
        bool manual;
        Blob text;
    };
    std::vector<Row> rows;
    {
        auto st = w.db.cached("SELECT id, kind, text_enc FROM activity_log ORDER BY id");
        while (st->step())
            rows.push_back({st->int64_at(0), st->text_at(1) == "manual", st->blob_at(2)});
    }
    int changed = 0;
    for (const Row& r : rows) {
        std::string text;
        if (r.manual) {
            text = kClearedLogText;
        } else {
            const auto plain = w.cipher.open("activity_log", "text", r.id, r.text);
            if (!plain || plain->rfind(kTierRaisedPrefix, 0) != 0) continue;
            const std::size_t colon = plain->find(": ", kTierRaisedPrefix.size());
            if (colon == std::string::npos) continue;
            text = plain->substr(0, colon) + ".";
        }
        w.db.cached("UPDATE activity_log SET text_enc = ? WHERE id = ?")
            ->bind_all(w.cipher.seal("activity_log", "text", r.id, text), r.id)
            .run();
        ++changed;
    }
    return changed;
}

void audit_cleared(WriteContext& w, std::string_view table, int rows,
                   std::initializer_list<std::string_view> fields) {
    AuditChanges c;
    c.value("rows", rows);
    for (std::string_view f : fields)
        c.personal(f);
    w.audit("purge", table, std::nullopt, c);
}

} // namespace

PurgeCheck check_purge(const Store& store, const PurgeOptions& options, UnixSeconds now) {
    PurgeCheck c;
    {
        auto st = store.connection_for_reading().cached("SELECT max(at) FROM retention_purges");
        if (st->step() && !st->is_null(0)) c.last_purged_at = st->int64_at(0);
    }
    if (options.retention_days < 1 || options.retention_days > kMaxRetentionDays) {
        c.problem =
            "The retention period must be between 1 and " + std::to_string(kMaxRetentionDays) + " days.";
        return c;
    }
    const Centre centre = store.centre();
    c.closed_at = centre.closed_at;
    if (centre.status != CentreStatus::Closed || !centre.closed_at) {
        c.problem = "The centre is " + to_lower_ascii(centre_status_label(centre.status)) +
                    ", not closed: personal data are purged only after the operation.";
        c.advice = "Close the centre first; the purge can run " + std::to_string(options.retention_days) +
                   " days after it closes.";
        return c;
    }
    c.period_ends_at = *centre.closed_at + static_cast<UnixSeconds>(options.retention_days) * kDay;
    if (now < *c.period_ends_at) {
        if (!options.force_before_period) {
            c.problem = "The retention period (" + std::to_string(options.retention_days) +
                        " days after the centre closed) ends on " + format_local_time(*c.period_ends_at) +
                        ".";
            c.advice = "Wait until then, or purge early if the partnership has agreed to (the command line's "
                       "--force-before-period).";
            return c;
        }
        c.before_period = true;
    }
    c.allowed = true;
    return c;
}

PurgeResult purge_personal_data(Store& store, const PurgeOptions& options, const PurgeProgress& progress) {
    const auto report = [&](double fraction, std::string_view step) {
        if (progress) progress(fraction, step);
    };
    const fs::path db = store.path();
    const bool shared = store.shared_centre();
    // A shared centre's size is the server's to tell: the database's size on disk.
    const auto size_now = [&] {
        return shared
                   ? store.connection_for_reading().query_int("SELECT pg_database_size(current_database())")
                   : bytes_of(db) + bytes_of(wal_of(db));
    };
    PurgeResult result;
    result.bytes_before = size_now();

    report(0.0, "Clearing personal fields");
    store.write(Permission::Purge, [&](WriteContext& w) {
        const PurgeCheck check = check_purge(store, options, w.now);
        if (!check.allowed) throw StoreError(ErrorKind::InvalidInput, check.problem, check.advice);
        result.at = w.now;
        result.before_period = check.before_period;
        PurgeCounts& n = result.counts;

        n.people = purge_people(w);
        audit_cleared(w, "people", n.people, {"personal", "medical", "tag"});
        n.journey_notes = set_null(w, "journey_events", "note_enc");
        audit_cleared(w, "journey_events", n.journey_notes, {"note"});
        n.staff = purge_staff(w);
        audit_cleared(w, "staff", n.staff, {"name", "phone"});
        n.callouts = reseal_empty(w, "callouts", "notes");
        n.callout_notes = set_null(w, "callout_events", "note_enc");
        audit_cleared(w, "callouts", n.callouts + n.callout_notes, {"notes"});
        n.action_records = reseal_empty(w, "action_records", "by");
        reseal_empty(w, "action_records", "reason");
        audit_cleared(w, "action_records", n.action_records, {"by", "reason"});
        n.tier_changes = reseal_empty(w, "tier_changes", "reason");
        audit_cleared(w, "tier_changes", n.tier_changes, {"reason"});
        n.referrals = reseal_empty(w, "referrals", "made_by");
        reseal_empty(w, "referrals", "reason");
        reseal_empty(w, "referrals", "external_reference");
        reseal_empty(w, "referrals", "notes");
        n.referral_reasons = set_null(w, "referral_events", "reason_enc");
        audit_cleared(w, "referrals", n.referrals, {"made_by", "reason", "external_reference", "notes"});
        n.stock_notes = reseal_empty(w, "stock_movements", "note");
        audit_cleared(w, "stock_movements", n.stock_notes, {"note"});
        n.export_reasons = reseal_empty(w, "debrief_exports", "reason");
        n.log_entries = purge_log(w);
        audit_cleared(w, "activity_log", n.log_entries, {"text"});

        const Centre centre = read_centre(w.db);
        result.purge_id = w.next_id("retention_purges");
        w.db.cached(
                "INSERT INTO retention_purges (id, at, by_user, closed_at, retention_days, before_period, "
                "people, staff, referrals, log_entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(result.purge_id, w.now, w.user, centre.closed_at.value_or(0), options.retention_days,
                       check.before_period ? 1 : 0, n.people, n.staff, n.referrals, n.log_entries)
            .run();
        w.audit("insert", "retention_purges", result.purge_id,
                AuditChanges()
                    .value("retention_days", options.retention_days)
                    .value("before_period", check.before_period ? 1 : 0)
                    .value("people", n.people)
                    .value("staff", n.staff)
                    .value("referrals", n.referrals)
                    .value("log_entries", n.log_entries));
        insert_log(w,
                   "Retention purge: personal details removed from " + std::to_string(n.people) +
                       " people, " + std::to_string(n.staff) + " staff sign-ins and " +
                       std::to_string(n.referrals) + " referrals" +
                       (check.before_period ? ", before the retention period ended" : "") +
                       ". The pseudonymised record is kept.",
                   LogKind::Automatic);
    });
    spdlog::info("store: retention purge #{} cleared {} people, {} staff records, {} referrals",
                 result.purge_id, result.counts.people, result.counts.staff, result.counts.referrals);

    // Every backup so far was made before the purge and holds what was just cleared.
    report(0.5, "Removing backups made before the purge");
    // Every copy the database recorded (wherever it was written: `backup --to`, another folder, a USB
    // stick) and whatever has a backup's name in the backup folders.
    std::set<fs::path> copies;
    for (const fs::path& f : store.recorded_backup_copies())
        copies.insert(fs::absolute(f).lexically_normal());
    // A shared centre's dumps are in this desk's backup folder; another desk's recorded copies are not
    // on this disk and are reported as not reached (someone deletes them on that desk).
    std::set<fs::path> dirs{fs::absolute(store.backup_directory())};
    if (!shared) dirs.insert(fs::absolute(db).parent_path());
    for (const fs::path& dir : dirs)
        for (const fs::path& f : backup_files_of(dir, db))
            copies.insert(fs::absolute(f).lexically_normal());
    for (const fs::path& f : copies) {
        // Overwritten then removed, never through a symbolic link (its target could be anything).
        if (auto why = os::overwrite_and_remove(f)) {
            result.backups_unreachable.emplace_back(f, *why);
            spdlog::warn("store: purge could not remove a backup copy: {}", *why);
        } else {
            result.backups_removed.push_back(f);
        }
    }
    store.write(Permission::Purge, [&](WriteContext& w) {
        auto mark = w.db.cached("UPDATE backup_copies SET removed_at = ? WHERE path = ?");
        for (const fs::path& f : result.backups_removed) {
            mark->bind_all(w.now, f.string()).run();
            mark->reset();
        }
        w.audit("remove_backups", "retention_purges", result.purge_id,
                AuditChanges()
                    .value("removed", static_cast<std::int64_t>(result.backups_removed.size()))
                    .value("not_reached", static_cast<std::int64_t>(result.backups_unreachable.size())));
    });

    // The cleared values may still sit in free pages and in the WAL: rebuild the file, empty the WAL.
    report(0.7, "Rewriting the database without the old pages");
    Connection& conn = store.connection_for_reading();
    if (shared) {
        purge_server_copies(conn);
    } else {
        vacuum_file(conn);
    }

    report(0.9, "Taking a fresh backup");
    result.backup_after = store.backup_now(BackupKind::Manual).file;
    result.bytes_after = size_now();
    report(1.0, "Done");
    return result;
}

namespace {

void vacuum_file(Connection& conn) {
    conn.exec("PRAGMA secure_delete = ON");
    conn.exec("VACUUM");
    const auto busy = conn.query_texts("PRAGMA wal_checkpoint(TRUNCATE)");
    if (busy.empty() || busy[0] != "0")
        throw StoreError(ErrorKind::Busy,
                         "The purge is done, but the database's WAL could not be emptied: another program is "
                         "reading the file.",
                         "Close other copies of Reception Console, then run the purge again to finish.");
}

// On the server the old row versions stay in the tables' files until rewritten: VACUUM FULL writes
// every table afresh (the old files are removed). The server's write-ahead log recycles the segments
// that held the old (sealed) values at its next checkpoints; a checkpoint now when the role may ask
// for one (PostgreSQL 15: pg_checkpoint).
void purge_server_copies(Connection& conn) {
    conn.exec("VACUUM FULL");
    try {
        conn.exec("CHECKPOINT");
    } catch (const StoreError&) {
        spdlog::info("store: the desk's role may not ask for a checkpoint; the server makes its own");
    }
}

} // namespace

std::vector<PurgeRecord> retention_purges(const Store& store) {
    std::vector<PurgeRecord> out;
    auto st = store.connection_for_reading().cached("SELECT id, at, by_user, closed_at, retention_days, "
                                                    "before_period, people, staff, referrals, log_entries "
                                                    "FROM retention_purges ORDER BY id");
    while (st->step()) {
        PurgeRecord r;
        r.id = st->int64_at(0);
        r.at = st->int64_at(1);
        r.by = st->int64_at(2);
        r.closed_at = st->int64_at(3);
        r.retention_days = st->get<int>(4);
        r.before_period = st->int64_at(5) != 0;
        r.people = st->get<int>(6);
        r.staff = st->get<int>(7);
        r.referrals = st->get<int>(8);
        r.log_entries = st->get<int>(9);
        out.push_back(r);
    }
    return out;
}

std::vector<fs::path> backup_files_of(const fs::path& dir, const fs::path& db_path) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    const std::string stem = backup_stem(db_path);
    const std::string ext = backup_extension(db_path);
    const bool shared = is_postgres_target(os::path_to_utf8(db_path));
    const fs::path live = shared ? fs::path() : fs::weakly_canonical(db_path, ec);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        const fs::path p = entry.path();
        if (!is_backup_name(p.filename().string(), stem, ext)) continue;
        if (!shared && fs::weakly_canonical(p, ec) == live) continue;
        out.push_back(p);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace rc::store
