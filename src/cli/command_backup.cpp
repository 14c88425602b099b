// reception-console backup --db PATH [--to DIR]: a verified copy through SQLite's online backup API, or
// for a shared centre a pg_dump checked with pg_restore --list. Needs no passphrase (personal data stay
// encrypted in the copy) and works while the console runs.
#include "cli/commands.hpp"
#include "cli/store_cli.hpp"
#include "domain/clock.hpp"
#include "os/utf8_path.hpp"
#include "store/backup.hpp"
#include "store/error.hpp"
#include "store/sqlite_db.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

namespace rc::cli {

namespace {

int run_backup(const CliContext& ctx, const std::string& to) {
    quiet_store_log();
    const auto path = database_path(ctx);
    const std::filesystem::path dir =
        to.empty() ? rc::store::configured_backup_dir(path) : std::filesystem::path(to);
    SystemClock clock;
    try {
        rc::store::BackupResult r =
            rc::store::backup_database(path, dir, clock, rc::store::BackupKind::Manual);
        const std::string where = os::path_to_utf8(path);
        const bool shared = rc::store::is_postgres_target(where);
        std::printf("Backed up %s\nto %s (%lld bytes, checked with %s).\n",
                    shared ? rc::store::redact_postgres_target(where).c_str() : where.c_str(),
                    os::path_to_utf8(r.file).c_str(), static_cast<long long>(r.bytes),
                    shared ? "pg_restore --list" : "quick_check");
        return 0;
    } catch (const rc::store::StoreError& e) {
        return report_error("backup", e);
    } catch (const std::filesystem::filesystem_error& e) {
        return report_error("backup", std::string("Could not write the backup: ") + e.what(),
                            "Check that the backup folder exists and is writable.");
    }
}

} // namespace

void register_backup_command(CLI::App& app, CliContext& ctx) {
    auto to = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "backup", "Back up the database (online backup API, verified); works while the console is running");
    cmd->fallthrough();
    cmd->add_option("--to", *to, "Folder for the backup (default: the backup folder in the settings)");
    cmd->callback([to, &ctx] { ctx.exit_code = run_backup(ctx, *to); });
}

} // namespace rc::cli
