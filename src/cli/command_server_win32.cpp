// reception-console server setup, in the Windows build: a shared centre's server is set up on the
// Linux machine that runs PostgreSQL (the setup is a shell script run there, see
// command_server_posix.cpp). A Windows desk only connects to it, with --db and the line setup printed.
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace rc::cli {

void register_server_command(CLI::App& app, CliContext& ctx) {
    CLI::App* server = app.add_subcommand(
        "server", "Set up a shared centre on a PostgreSQL server (on the Linux server itself)");
    server->require_subcommand(1);
    CLI::App* setup = server->add_subcommand(
        "setup",
        "Runs on the Linux server only; this Windows desk connects with --db (docs/shared-centre.md)");
    setup->allow_extras();
    setup->callback([&ctx] {
        std::fprintf(
            stderr, "reception-console server setup: a shared centre's server is set up on the Linux machine "
                    "that runs PostgreSQL, not on a Windows desk.\nRun `reception-console server setup` "
                    "there (docs/shared-centre.md), then connect this desk with --db and the line it "
                    "printed for the desk.\n");
        ctx.exit_code = 1;
    });
}

} // namespace rc::cli
