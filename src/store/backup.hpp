#pragma once
// Backups, always through SQLite's online backup API (never a file copy of a database in use).
// A backup is written as NAME.partial, switched to a single self-contained file (rollback journal),
// checked with quick_check, synced, and only then renamed to NAME: a file with a backup's name is
// always a complete, verified database. Backups hold personal data only in its encrypted form.
//
// Names: <db stem>-YYYYMMDD-HHMMSS.sqlite (automatic; the oldest beyond "backups kept" are pruned),
// <stem>-manual-YYYYMMDD-HHMMSS.sqlite (asked for; never pruned), <stem>-before-upgrade-vN-... and
// <stem>-before-restore-... (kept aside before a schema upgrade or a restore; never pruned). Times UTC.
// A shared centre's backups follow the same names and rules with `.dump` (pg_dump's custom format, see
// shared_backup.hpp) and its database name as the stem.
#include "domain/clock.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

class Connection;

struct BackupResult {
    std::filesystem::path file;
    UnixSeconds at = 0;
    std::int64_t bytes = 0;
};

struct RestoreResult {
    std::filesystem::path restored_from;
    std::filesystem::path kept_aside;  // the previous live database (empty if there was none)
    bool kept_aside_by_rename = false; // the previous file was unreadable, so it was moved aside unchanged
    int schema_version = 0;            // of the restored data (upgraded at the next open when older)
};

enum class BackupKind { Automatic, Manual, BeforeUpgrade, BeforeRestore };

// The name a database's backups start with: the file's stem, or a shared centre's database name.
std::string backup_stem(const std::filesystem::path& db_path);
// ".sqlite" for the file's backups, ".dump" for a shared centre's.
std::string backup_extension(const std::filesystem::path& db_path);

// <dir>/<stem>-<kind>-YYYYMMDD-HHMMSS.sqlite, with -2, -3... when that name is taken.
std::filesystem::path backup_file_path(const std::filesystem::path& dir, const std::filesystem::path& db_path,
                                       BackupKind kind, UnixSeconds at, int from_version = 0);

// Copies the database open on `src` into `dest` (see the file comment). Throws StoreError(Backup).
BackupResult write_backup(Connection& src, const std::filesystem::path& dest, UnixSeconds at);

// Automatic backups of this database in `dir`, oldest first.
std::vector<std::filesystem::path> list_automatic_backups(const std::filesystem::path& dir,
                                                          const std::filesystem::path& db_path);
// Deletes the oldest automatic backups beyond `keep`, and .partial files left by an interrupted backup.
void prune_backups(const std::filesystem::path& dir, const std::filesystem::path& db_path, int keep);

// The command line's `backup`: inspects the database (it must be healthy), then backs it up through a
// read-only connection. Needs no lock and no passphrase, so it works while the console is running.
// A shared centre (a connection line) is dumped with pg_dump.
BackupResult backup_database(const std::filesystem::path& db_path, const std::filesystem::path& dir,
                             const Clock& clock, BackupKind kind = BackupKind::Manual);

// Restores the backup at `from` into the open live connection through the backup API (the caller holds
// the writer lock and has already kept the live data aside). Throws StoreError(Backup).
void restore_into(Connection& live, const std::filesystem::path& from);

// The command line's `restore`: checks the backup, takes the writer lock (refused while the console
// has the file open), keeps the live database aside (a backup API copy, or, when it cannot be read, a
// rename that leaves its bytes untouched), then restores. `aside_dir` empty: beside the database.
RestoreResult restore_database(const std::filesystem::path& db_path, const std::filesystem::path& from,
                               const Clock& clock, const std::filesystem::path& aside_dir = {});

// The default backup folder for a database: `backups` beside it; for a shared centre, `backups` in the
// desk's data folder ($XDG_DATA_HOME/reception-console, else ~/.local/share/reception-console).
std::filesystem::path default_backup_dir(const std::filesystem::path& db_path);

// The backup folder a database is configured with (its `backup_folder` setting, read without writing),
// else default_backup_dir(). For the command line, which has no open Store.
std::filesystem::path configured_backup_dir(const std::filesystem::path& db_path);

// fsync a file or a directory (for the rename dance); false if it failed.
bool sync_path(const std::filesystem::path& path, bool directory);

} // namespace rc::store
