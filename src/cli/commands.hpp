#pragma once
#include "cli/cli_context.hpp"

namespace rc::cli {
// Each subcommand lives in its own file, e.g. command_verify.cpp defines register_verify_command.
void register_procedure_command(CLI::App& app, CliContext& ctx);
void register_init_command(CLI::App& app, CliContext& ctx);
void register_demo_command(CLI::App& app, CliContext& ctx);
void register_verify_command(CLI::App& app, CliContext& ctx);
void register_server_command(CLI::App& app, CliContext& ctx);
void register_backup_command(CLI::App& app, CliContext& ctx);
void register_restore_command(CLI::App& app, CliContext& ctx);
void register_bench_command(CLI::App& app, CliContext& ctx);
void register_activate_command(CLI::App& app, CliContext& ctx);
void register_venues_command(CLI::App& app, CliContext& ctx);
void register_import_command(CLI::App& app, CliContext& ctx);
void register_export_command(CLI::App& app, CliContext& ctx);
void register_purge_command(CLI::App& app, CliContext& ctx);
void register_drill_command(CLI::App& app, CliContext& ctx);
void register_rotate_key_command(CLI::App& app, CliContext& ctx);
void register_users_command(CLI::App& app, CliContext& ctx);
} // namespace rc::cli
