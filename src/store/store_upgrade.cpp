// Upgrading an older file: the migrations that need no key when it is opened, those that seal values
// with the data key at the first sign-in after. A backup is written before the first change.
#include "store/audit.hpp"
#include "store/backup.hpp"
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "store/store_internal.hpp"

#include <spdlog/spdlog.h>

namespace rc::store {

bool Store::write_upgrade_backup(int from) {
    if (!upgrade_backup_.empty()) return false; // one backup covers both steps of an upgrade
    // A shared centre upgrades in one transaction on the server (PostgreSQL's DDL is transactional);
    // its backups are the server's, not a file beside a database that has no file.
    if (shared_centre()) return false;
    const UnixSeconds now = clock_.now();
    const auto dir = upgrade_backup_dir_.empty() ? backup_directory() : upgrade_backup_dir_;
    BackupResult backup =
        write_backup(conn_, backup_file_path(dir, path_, BackupKind::BeforeUpgrade, now, from), now);
    upgrade_backup_ = backup.file;
    return true;
}

void Store::upgrade_if_needed(const OpenOptions& options) {
    upgrade_backup_dir_ = options.upgrade_backup_dir;
    const int from = schema_version_;
    const int to = version_reachable_without_key(from);
    if (to <= from) return; // up to date, or only keyed migrations left: at sign-in
    const bool new_backup = write_upgrade_backup(from);
    const UnixSeconds now = clock_.now();
    {
        Transaction tx(conn_);
        apply_migrations(conn_, from, to);
        AuditChanges changes;
        changes.change("schema_version", from, to).value("backup", upgrade_backup_.filename().string());
        insert_audit_row(conn_, now, std::nullopt, "schema_upgrade", "database", std::nullopt, changes);
        tx.commit();
    }
    conn_.clear_cache(); // statements prepared against the old schema
    upgraded_from_ = from;
    schema_version_ = to;
    // Recorded once the table for it exists (schema 12).
    if (new_backup) record_backup_copy(upgrade_backup_, BackupKind::BeforeUpgrade);
    ++data_version_;
    spdlog::info("store: upgraded {} from schema v{} to v{} (backup {})", path_.string(), from, to,
                 upgrade_backup_.string());
}

void Store::upgrade_with_key() {
    const int from = schema_version_;
    const int to = latest_schema_version();
    if (from >= to || read_only_) return;
    const bool new_backup = write_upgrade_backup(from);
    const FieldCipher c = cipher();
    const UnixSeconds now = clock_.now();
    // On SQLite the keyed migrations rebuild tables that others point at: foreign keys are off for the
    // transaction (SQLite ignores the pragma inside one) and checked before the commit. PostgreSQL
    // changes the tables in place and keeps checking its keys.
    const bool sqlite = !shared_centre();
    if (sqlite) conn_.exec("PRAGMA foreign_keys = OFF");
    try {
        Transaction tx(conn_);
        apply_migrations(conn_, from, to, &c);
        if (sqlite && conn_.cached("PRAGMA foreign_key_check")->step())
            throw StoreError(
                ErrorKind::Corrupt,
                "The upgrade would leave records pointing at nothing, so it was not made. Nothing "
                "was changed.",
                restore_advice(path_.string()));
        AuditChanges changes;
        changes.change("schema_version", from, to).value("backup", upgrade_backup_.filename().string());
        insert_audit_row(conn_, now, user_, "schema_upgrade", "database", std::nullopt, changes);
        tx.commit();
    } catch (...) {
        conn_.clear_cache();
        if (sqlite) conn_.exec("PRAGMA foreign_keys = ON");
        spdlog::warn("store: upgrade of {} from schema v{} failed; nothing was changed", path_.string(),
                     from);
        throw;
    }
    conn_.clear_cache();
    if (sqlite) conn_.exec("PRAGMA foreign_keys = ON");
    if (!upgraded_from_) upgraded_from_ = from;
    schema_version_ = to;
    if (new_backup) record_backup_copy(upgrade_backup_, BackupKind::BeforeUpgrade);
    ++data_version_;
    // The clear values of before are in older WAL frames: fold them into the file.
    wipe_wal();
    spdlog::info("store: upgraded {} from schema v{} to v{} at sign-in (backup {})", path_.string(), from, to,
                 upgrade_backup_.string());
}

} // namespace rc::store
