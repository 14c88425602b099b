#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

namespace rc::cli {

void register_commands(CLI::App& app, CliContext& ctx) {
    // Keep this list in the order `--help` should show it.
    register_procedure_command(app, ctx);
    register_init_command(app, ctx);
    register_demo_command(app, ctx);
    register_activate_command(app, ctx);
    register_drill_command(app, ctx);
    register_venues_command(app, ctx);
    register_import_command(app, ctx);
    register_export_command(app, ctx);
    register_purge_command(app, ctx);
    register_rotate_key_command(app, ctx);
    register_users_command(app, ctx);
    register_verify_command(app, ctx);
    register_backup_command(app, ctx);
    register_restore_command(app, ctx);
    register_server_command(app, ctx);
    register_bench_command(app, ctx);
    (void)app;
    (void)ctx;
}

} // namespace rc::cli
