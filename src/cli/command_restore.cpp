// reception-console restore --db PATH --from FILE: replaces the database with a backup. The backup is
// checked first; the current database is kept aside (copied with the backup API, or moved unchanged if
// it cannot be read); refused while the console has the file open. A shared centre (--db a connection
// line) is restored from a .dump into a fresh, empty database; over a live centre only with
// --replace-live-centre, after a dump of it is kept aside.
#include "cli/commands.hpp"
#include "cli/store_cli.hpp"
#include "domain/clock.hpp"
#include "os/utf8_path.hpp"
#include "store/backup.hpp"
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/shared_backup.hpp"
#include "store/sqlite_db.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

int run_shared_restore(const std::filesystem::path& target, const std::string& from, bool replace) {
    SystemClock clock;
    const std::string where = rc::store::redact_postgres_target(os::path_to_utf8(target));
    try {
        const rc::store::SharedRestoreResult r = rc::store::restore_shared_centre(
            os::path_to_utf8(target), from, replace, rc::store::configured_backup_dir(target), clock);
        std::printf("Restored the shared centre %s\nfrom %s (pg_restore, in one transaction).\n",
                    where.c_str(), os::path_to_utf8(r.restored_from).c_str());
        if (!r.kept_aside.empty())
            std::printf("The centre it replaced was kept as %s.\n"
                        "Every desk that was connected must sign in again; what a desk still shows is from "
                        "before the restore until it does.\n",
                        os::path_to_utf8(r.kept_aside).c_str());
        if (r.schema_version < rc::store::latest_schema_version())
            std::printf("The backup uses schema version %d: the first desk to open it upgrades it.\n",
                        r.schema_version);
        std::printf("Sign in with the users and passphrases that were valid when the backup was made.\n");
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error("restore", e);
    }
}

int run_restore(const CliContext& ctx, const std::string& from, bool replace) {
    quiet_store_log();
    const auto path = database_path(ctx);
    if (rc::store::is_postgres_target(os::path_to_utf8(path))) return run_shared_restore(path, from, replace);
    SystemClock clock;
    try {
        rc::store::RestoreResult r = rc::store::restore_database(path, from, clock);
        std::printf("Restored %s\nfrom %s.\n", os::path_to_utf8(path).c_str(),
                    os::path_to_utf8(r.restored_from).c_str());
        if (!r.kept_aside.empty())
            std::printf("The previous database was kept as %s%s.\n", os::path_to_utf8(r.kept_aside).c_str(),
                        r.kept_aside_by_rename ? " (moved unchanged: it could not be read)" : "");
        if (r.schema_version < rc::store::latest_schema_version())
            std::printf(
                "The backup uses schema version %d: the console will upgrade it when it next opens it.\n",
                r.schema_version);
        std::printf("Sign in with the users and passphrases that were valid when the backup was made.\n");
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error("restore", e);
    } catch (const std::filesystem::filesystem_error& e) {
        return report_error("restore", std::string("Could not restore: ") + e.what(),
                            "Check the folder's permissions and free space. If the database was moved aside, "
                            "it is beside the database with 'before-restore' in its name.");
    }
}

} // namespace

void register_restore_command(CLI::App& app, CliContext& ctx) {
    auto from = std::make_shared<std::string>();
    auto replace = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand(
        "restore", "Replace the database with a backup (the current one is kept aside first)");
    cmd->fallthrough();
    cmd->add_option("--from", *from, "The backup file to restore")->required()->check(CLI::ExistingFile);
    cmd->add_flag(
        "--replace-live-centre", *replace,
        "A shared centre: replace the centre in that database (every desk must stop first and sign in "
        "again after); without it, a shared centre is restored only into an empty database");
    cmd->callback([from, replace, &ctx] { ctx.exit_code = run_restore(ctx, *from, *replace); });
}

} // namespace rc::cli
