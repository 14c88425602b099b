#pragma once
// Backups of a shared centre, made with PostgreSQL's own tools from Debian's postgresql-client:
// `pg_dump --format=custom` into NAME.dump.partial (created 0600 by the console, pg_dump writes to it
// as its standard output), checked with `pg_restore --list` (a readable archive that holds the
// console's schema mark), synced and renamed to NAME.dump. Restores run `pg_restore` into a database
// that holds no centre, or, only when asked to, over the live centre in one transaction.
//
// The tools connect with the options of the desk's own live connection (PQconninfo), passed in their
// environment (PGHOST, PGDATABASE, PGSSLMODE, ...), never on their command line; a password goes into
// a temporary 0600 password file named by PGPASSFILE, so `ps` shows none of it. Nothing of their
// output is logged (an error from a restore can quote a row).
#include "domain/clock.hpp"
#include "store/backup.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rc::store {

class Connection;

// The name a shared centre's backups are filed under: its database name (else its service name), with
// anything but letters, digits, '-' and '_' replaced by '_'. "shared-centre" when the line names none.
std::string shared_centre_backup_stem(std::string_view target);

// How one of PostgreSQL's tools is started for the database `conn` is connected to: its arguments (no
// connection option among them) and the environment variables set for it. For tests and for run_tool.
struct PgToolInvocation {
    std::vector<std::string> argv;
    std::vector<std::pair<std::string, std::string>> environment; // set on top of the console's own
    std::string password;                                         // written to PGPASSFILE, never in argv
};
PgToolInvocation pg_tool_invocation(const Connection& conn, std::vector<std::string> argv);

// pg_dump of the database `conn` is connected to into `dest` (see the file comment). Throws
// StoreError(Backup) and leaves nothing with the backup's name when anything fails.
BackupResult write_shared_backup(const Connection& conn, const std::filesystem::path& dest, UnixSeconds at);

// `pg_restore --list`: whether `file` is a whole custom-format dump of a Reception Console centre. The
// problem in a sentence when it is not.
struct DumpCheck {
    bool ok = false;
    int entries = 0; // archive entries (tables, their data, indexes, triggers, ...)
    std::string problem;
};
DumpCheck check_shared_backup(const std::filesystem::path& file);

// What a restore into a shared centre did.
struct SharedRestoreResult {
    std::filesystem::path restored_from;
    std::filesystem::path
        kept_aside;         // a dump of the centre that was replaced (empty: the database was empty)
    int schema_version = 0; // of the restored data
};

// Restores the dump `from` into the database at `target` (a connection line). A database that holds a
// centre is refused unless `replace_live_centre`: then the centre is first dumped aside into
// `aside_dir` (a -before-restore- backup), and replaced in one transaction. Records the restore in the
// restored centre's audit trail. Throws StoreError; nothing is changed when the dump does not check.
SharedRestoreResult restore_shared_centre(std::string_view target, const std::filesystem::path& from,
                                          bool replace_live_centre, const std::filesystem::path& aside_dir,
                                          const Clock& clock);

// The same from an open connection to the live centre (the window's Restore): dumps it aside into
// `aside_dir`, then replaces it in one transaction. The caller signs out and re-reads everything.
SharedRestoreResult replace_shared_centre(Connection& live, const std::filesystem::path& from,
                                          const std::filesystem::path& aside_dir, const Clock& clock);

} // namespace rc::store
