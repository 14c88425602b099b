#include "store/backup.hpp"

#include "os/file_io.hpp"
#include "os/local_time.hpp"
#include "os/paths.hpp"
#include "os/security.hpp"
#include "os/utf8_path.hpp"
#include "store/audit.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/migrations.hpp"
#include "store/shared_backup.hpp"
#include "store/sqlite_db.hpp"
#include "store/writer_lock.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace rc::store {

namespace {

std::string utc_stamp(UnixSeconds at) {
    std::time_t t = static_cast<std::time_t>(at);
    const std::tm tm = os::utc_calendar(t);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

bool shared(const std::filesystem::path& db_path) {
    return is_postgres_target(os::path_to_utf8(db_path));
}

bool is_automatic_name(const std::string& name, const std::string& stem, const std::string& ext) {
    // <stem>-YYYYMMDD-HHMMSS[-N].sqlite (or .dump)
    if (name.size() < stem.size() + 1 + 15 + ext.size()) return false;
    if (name.compare(0, stem.size() + 1, stem + "-") != 0) return false;
    if (name.compare(name.size() - ext.size(), ext.size(), ext) != 0) return false;
    std::string mid = name.substr(stem.size() + 1, name.size() - stem.size() - 1 - ext.size());
    if (mid.size() < 15) return false;
    for (std::size_t i = 0; i < 15; ++i) {
        if (i == 8) {
            if (mid[i] != '-') return false;
        } else if (mid[i] < '0' || mid[i] > '9') {
            return false;
        }
    }
    if (mid.size() == 15) return true;
    if (mid[15] != '-' || mid.size() == 16) return false;
    return std::all_of(mid.begin() + 16, mid.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void remove_quietly(const std::filesystem::path& p) {
    std::error_code ec;
    std::filesystem::remove(p, ec);
}

std::filesystem::path with_suffix(const std::filesystem::path& p, const char* suffix) {
    std::filesystem::path q = p;
    q += suffix;
    return q;
}

// One sqlite3_backup from src to dest, in a single step so the copy is one consistent snapshot.
void run_backup(sqlite3* dest, sqlite3* src, const std::string& what) {
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
    if (!b) throw StoreError(ErrorKind::Backup, what + " could not start: " + sqlite3_errmsg(dest) + ".");
    int rc = SQLITE_OK;
    for (int tries = 0; tries < 50; ++tries) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        sqlite3_sleep(100);
    }
    int finish_rc = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        throw StoreError(ErrorKind::Backup, what + " failed: " + sqlite3_errstr(rc) + ".",
                         rc == SQLITE_FULL ? "The disk is full. Free some space and try again." : "");
    if (finish_rc != SQLITE_OK)
        throw StoreError(ErrorKind::Backup, what + " failed: " + sqlite3_errmsg(dest) + ".");
}

} // namespace

bool sync_path(const std::filesystem::path& path, bool directory) {
    return !(directory ? os::sync_directory(path) : os::sync_file(path));
}

std::string backup_stem(const std::filesystem::path& db_path) {
    return shared(db_path) ? shared_centre_backup_stem(os::path_to_utf8(db_path)) : db_path.stem().string();
}

std::string backup_extension(const std::filesystem::path& db_path) {
    return shared(db_path) ? ".dump" : ".sqlite";
}

namespace {
// Where relative backup folders are taken from: the database's folder, or for a shared centre the
// desk's data folder.
std::filesystem::path backup_base_dir(const std::filesystem::path& db_path) {
    if (!shared(db_path)) return std::filesystem::absolute(db_path).parent_path();
    // A shared centre has no folder of its own on the desk: the desk's data folder
    // (%LOCALAPPDATA%\ReceptionConsole on Windows, the XDG data folder on Linux).
    if (auto folder = os::system_app_folder(); folder && !folder->empty()) return *folder;
    if (auto xdg = os::environment_variable("XDG_DATA_HOME"))
        return os::path_from_utf8(*xdg) / "reception-console";
    const auto home = os::home_folder();
    if (!home || home->empty())
        throw StoreError(ErrorKind::Backup, "There is no home folder to keep the shared centre's backups in.",
                         "Set a backup folder in the settings, or give one with --to.");
    return *home / ".local" / "share" / "reception-console";
}
} // namespace

std::filesystem::path default_backup_dir(const std::filesystem::path& db_path) {
    return backup_base_dir(db_path) / "backups";
}

std::filesystem::path configured_backup_dir(const std::filesystem::path& db_path) {
    try {
        Connection db = shared(db_path)
                            ? Connection::open_postgres(os::path_to_utf8(db_path), AccessMode::ReadOnly)
                            : Connection::open(db_path, AccessMode::ReadOnly);
        Statement st(db, "SELECT value FROM settings WHERE key = 'backup_folder'");
        if (st.step() && !st.text_at(0).empty()) {
            std::filesystem::path folder = st.text_at(0);
            return folder.is_absolute() ? folder : backup_base_dir(db_path) / folder;
        }
    } catch (const StoreError&) {
        // Not readable: the caller's inspection reports why; the default is as good as any.
    }
    return default_backup_dir(db_path);
}

std::filesystem::path backup_file_path(const std::filesystem::path& dir, const std::filesystem::path& db_path,
                                       BackupKind kind, UnixSeconds at, int from_version) {
    std::string base = backup_stem(db_path);
    const std::string ext = backup_extension(db_path);
    switch (kind) {
    case BackupKind::Automatic:
        break;
    case BackupKind::Manual:
        base += "-manual";
        break;
    case BackupKind::BeforeUpgrade:
        base += "-before-upgrade-v" + std::to_string(from_version);
        break;
    case BackupKind::BeforeRestore:
        base += "-before-restore";
        break;
    }
    base += "-" + utc_stamp(at);
    std::filesystem::path p = dir / (base + ext);
    for (int n = 2; std::filesystem::exists(p) || std::filesystem::exists(with_suffix(p, ".partial")); ++n)
        p = dir / (base + "-" + std::to_string(n) + ext);
    return p;
}

BackupResult write_backup(Connection& src, const std::filesystem::path& dest, UnixSeconds at) {
    std::error_code ec;
    std::filesystem::create_directories(dest.parent_path(), ec);
    if (ec)
        throw StoreError(ErrorKind::Backup,
                         "Could not create the backup folder " + dest.parent_path().string() + ": " +
                             ec.message() + ".",
                         "Check the backup folder in the settings, and that the drive is present.");
    if (std::filesystem::exists(dest))
        throw StoreError(ErrorKind::Backup,
                         "A backup named " + dest.string() + " already exists; it was not replaced.");
    const auto partial = with_suffix(dest, ".partial");
    for (const char* s : {"", "-journal", "-wal", "-shm"})
        remove_quietly(with_suffix(partial, s));

    try {
        {
            Connection d = Connection::open(partial, AccessMode::Create);
            os::make_owner_only(partial);
            run_backup(d.handle(), src.handle(), "The backup to " + dest.string());
            // A backup is one self-contained file: rollback journal, not WAL.
            d.exec("PRAGMA journal_mode = DELETE");
            if (d.query_text("PRAGMA journal_mode") != "delete")
                throw StoreError(ErrorKind::Backup,
                                 "The backup " + dest.string() + " could not leave WAL mode.");
            auto check = d.query_texts("PRAGMA quick_check");
            if (check.size() != 1 || check[0] != "ok")
                throw StoreError(
                    ErrorKind::Backup,
                    "The backup " + dest.string() + " failed its quick_check (" +
                        (check.empty() ? std::string("no answer") : check[0]) + "); it was deleted.",
                    "Run `reception-console verify` on the database, and check the backup drive.");
        }
        if (!sync_path(partial, false))
            throw StoreError(ErrorKind::Backup,
                             "The backup " + dest.string() + " could not be written to disk.");
        std::filesystem::rename(partial, dest, ec);
        if (ec)
            throw StoreError(ErrorKind::Backup, "The backup " + dest.string() +
                                                    " could not be renamed into place: " + ec.message() +
                                                    ".");
        sync_path(dest.parent_path(), true);
    } catch (...) {
        for (const char* s : {"", "-journal", "-wal", "-shm"})
            remove_quietly(with_suffix(partial, s));
        throw;
    }
    BackupResult r;
    r.file = dest;
    r.at = at;
    r.bytes = static_cast<std::int64_t>(std::filesystem::file_size(dest, ec));
    spdlog::info("store: backup written to {} ({} bytes)", dest.string(), r.bytes);
    return r;
}

std::vector<std::filesystem::path> list_automatic_backups(const std::filesystem::path& dir,
                                                          const std::filesystem::path& db_path) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    const std::string stem = backup_stem(db_path);
    const std::string ext = backup_extension(db_path);
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (!e.is_regular_file(ec)) continue;
        std::string name = e.path().filename().string();
        if (is_automatic_name(name, stem, ext)) out.push_back(e.path());
    }
    // Sort by (UTC stamp, -N suffix): the names of one second are <stem>-STAMP, <stem>-STAMP-2, ...
    const std::size_t skip = stem.size() + 1;
    auto key = [skip, n_ext = ext.size()](const std::filesystem::path& p) {
        std::string name = p.filename().string();
        std::string mid = name.substr(skip, name.size() - skip - n_ext);
        long n = mid.size() > 16 ? std::stol(mid.substr(16)) : 1;
        return std::make_pair(mid.substr(0, 15), n);
    };
    std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    return out;
}

void prune_backups(const std::filesystem::path& dir, const std::filesystem::path& db_path, int keep) {
    std::error_code ec;
    const std::string prefix = backup_stem(db_path) + "-";
    const std::string partial = backup_extension(db_path) + ".partial";
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0 || name.find(partial) == std::string::npos) continue;
        // Only leftovers of an interrupted backup: another process may be writing a fresh one right now.
        auto age =
            std::filesystem::file_time_type::clock::now() - std::filesystem::last_write_time(e.path(), ec);
        if (!ec && age > std::chrono::minutes(10)) remove_quietly(e.path());
    }
    auto all = list_automatic_backups(dir, db_path);
    if (keep < 1) keep = 1;
    if (all.size() <= static_cast<std::size_t>(keep)) return;
    for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < all.size(); ++i) {
        remove_quietly(all[i]);
        spdlog::info("store: pruned old backup {}", all[i].filename().string());
    }
}

BackupResult backup_database(const std::filesystem::path& db_path, const std::filesystem::path& dir,
                             const Clock& clock, BackupKind kind) {
    DatabaseReport report = inspect_database(db_path, CheckDepth::Quick);
    if (!report.ok)
        throw StoreError(report.problem_kind, report.problem + " No backup was made.", report.advice);
    UnixSeconds now = clock.now();
    const auto dest = backup_file_path(dir, db_path, kind, now);
    BackupResult r;
    if (shared(db_path)) {
        Connection src = Connection::open_postgres(os::path_to_utf8(db_path), AccessMode::ReadOnly);
        r = write_shared_backup(src, dest, now);
    } else {
        Connection src = Connection::open(db_path, AccessMode::ReadOnly);
        r = write_backup(src, dest, now);
    }
    // Recorded in the database, so that the retention purge finds this copy wherever it was written.
    try {
        Connection db = shared(db_path)
                            ? Connection::open_postgres(os::path_to_utf8(db_path), AccessMode::ReadWrite)
                            : Connection::open(db_path, AccessMode::ReadWrite);
        if (!shared(db_path)) {
            db.exec("PRAGMA busy_timeout = 5000");
            db.exec("PRAGMA synchronous = FULL");
        }
        if (db.has_table("backup_copies"))
            db.cached("INSERT INTO backup_copies (path, kind, written_at) VALUES (?, ?, ?) "
                      "ON CONFLICT (path) DO UPDATE SET written_at = excluded.written_at, removed_at = NULL")
                ->bind_all(std::filesystem::absolute(r.file).lexically_normal().string(),
                           kind == BackupKind::Automatic ? "automatic" : "manual", now)
                .run();
    } catch (const StoreError& e) {
        spdlog::warn("backup: could not record the copy in the database: {}", error_kind_id(e.kind()));
    }
    return r;
}

void restore_into(Connection& live, const std::filesystem::path& from) {
    Connection src = Connection::open(from, AccessMode::ReadOnly);
    live.clear_cache();
    run_backup(live.handle(), src.handle(), "Restoring from " + from.string());
    auto check = live.query_texts("PRAGMA quick_check");
    if (check.size() != 1 || check[0] != "ok")
        throw StoreError(ErrorKind::Backup, "The restored database failed its quick_check.",
                         "The previous database was kept aside; restore it, or try another backup.");
}

RestoreResult restore_database(const std::filesystem::path& db_path, const std::filesystem::path& from,
                               const Clock& clock, const std::filesystem::path& aside_dir_in) {
    DatabaseReport source = inspect_database(from, CheckDepth::Quick);
    if (!source.ok)
        throw StoreError(source.problem_kind, "The backup cannot be restored: " + source.problem,
                         "Choose another backup. Nothing was changed.");
    if (std::filesystem::exists(db_path) && std::filesystem::equivalent(db_path, from))
        throw StoreError(ErrorKind::InvalidInput, "The backup and the database are the same file.");
    WriterLock lock = WriterLock::acquire(db_path);
    const std::filesystem::path aside_dir =
        aside_dir_in.empty() ? std::filesystem::absolute(db_path).parent_path() : aside_dir_in;
    UnixSeconds now = clock.now();
    RestoreResult result;
    result.restored_from = from;
    result.schema_version = source.schema_version;

    Connection live;
    if (std::filesystem::exists(db_path)) {
        DatabaseReport current = inspect_database(db_path, CheckDepth::Quick);
        auto aside = backup_file_path(aside_dir, db_path, BackupKind::BeforeRestore, now);
        bool copied = false;
        if (current.ok) {
            try {
                live = Connection::open(db_path, AccessMode::ReadWrite);
                live.exec("PRAGMA busy_timeout = 5000");
                write_backup(live, aside, now);
                copied = true;
            } catch (const StoreError& e) {
                spdlog::warn("store: could not copy the live database aside with the backup API: {}",
                             e.problem());
                live.close();
            }
        }
        if (!copied) {
            // The live file is unreadable (or foreign): move it aside untouched, with its WAL.
            std::filesystem::create_directories(aside_dir);
            std::filesystem::rename(db_path, aside);
            for (const char* s : {"-wal", "-shm", "-journal"}) {
                std::error_code ec;
                if (std::filesystem::exists(with_suffix(db_path, s)))
                    std::filesystem::rename(with_suffix(db_path, s), with_suffix(aside, s), ec);
            }
            sync_path(aside_dir, true);
            result.kept_aside_by_rename = true;
        }
        result.kept_aside = aside;
    }
    if (!live.is_open()) {
        live = Connection::open(db_path, AccessMode::Create);
        os::make_owner_only(db_path);
        live.exec("PRAGMA journal_mode = WAL");
    }
    live.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000");
    restore_into(live, from);
    if (live.query_text("PRAGMA journal_mode") != "wal") live.exec("PRAGMA journal_mode = WAL");

    // Note the restore in the restored file's own audit trail (no user: it came from the command line).
    AuditChanges changes;
    changes.value("from", from.filename().string());
    if (!result.kept_aside.empty()) changes.value("kept_aside", result.kept_aside.filename().string());
    Transaction tx(live);
    auto st = live.cached("INSERT INTO audit (at, user_id, action, table_name, record_id, changes) "
                          "VALUES (?, NULL, 'restore', 'database', NULL, ?)");
    st->bind_all(now, changes.json()).run();
    tx.commit();
    spdlog::info("store: restored {} from {}", db_path.string(), from.string());
    return result;
}

} // namespace rc::store
