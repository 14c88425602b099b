// reception-console verify --db PATH: runs SQLite's integrity_check on a database (or a backup) without
// writing to it, and says whether it is healthy, and if not, what is wrong and what to do.
#include "cli/commands.hpp"
#include "cli/store_cli.hpp"
#include "store/inspect.hpp"
#include "store/migrations.hpp"
#include "store/writer_lock.hpp"
#include "os/utf8_path.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace rc::cli {

namespace {

int run_verify(const CliContext& ctx) {
    quiet_store_log();
    const auto path = database_path(ctx);
    rc::store::DatabaseReport r = rc::store::inspect_database(path, rc::store::CheckDepth::Full);
    if (!r.ok) {
        report_error("verify", r.problem, r.advice);
        for (std::size_t i = 1; i < r.check_messages.size(); ++i)
            std::fprintf(stderr, "  %s\n", r.check_messages[i].c_str());
        return 1;
    }
    std::printf("OK: %s is a healthy Reception Console database.\n", os::path_to_utf8(path).c_str());
    std::printf("Schema version %d; %lld pages of %lld bytes; integrity_check: ok.\n", r.schema_version,
                static_cast<long long>(r.page_count), static_cast<long long>(r.page_size));
    if (r.schema_version < rc::store::latest_schema_version())
        std::printf("It uses an older schema: the console will back it up and upgrade it to version %d when "
                    "it next opens it.\n",
                    rc::store::latest_schema_version());
    if (auto pid = rc::store::WriterLock::holder(path))
        std::printf("It is open for changes in Reception Console (process %ld).\n", *pid);
    return 0;
}

} // namespace

void register_verify_command(CLI::App& app, CliContext& ctx) {
    CLI::App* cmd = app.add_subcommand(
        "verify", "Check a database or a backup with SQLite's integrity_check, without changing it");
    cmd->fallthrough();
    cmd->callback([&ctx] { ctx.exit_code = run_verify(ctx); });
}

} // namespace rc::cli
