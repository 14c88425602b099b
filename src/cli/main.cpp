// reception-console: with no subcommand, opens the console window; subcommands do the same work from a
// terminal for drills, scripts and the debrief.
#include "cli/cli_context.hpp"
#include "os/command_line.hpp"
#include "os/security.hpp"
#include "platform/console_app.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    // Before anything personal is in memory: no core dumps, files private to this user.
    rc::os::harden_process();
    rc::cli::CliContext ctx;
    CLI::App app{"Reception Console: runs an emergency reception centre for people rescued from modern "
                 "slavery and trafficking, against the partnership's agreed procedure.",
                 "reception-console"};
    app.set_version_flag("--version", std::string("reception-console ") + RC_VERSION);
    app.add_option(
        "--db", ctx.db_path,
        "Database file (default: reception-console/centre.sqlite in the user's data directory), "
        "or a shared centre on PostgreSQL: postgresql://HOST/DB?sslmode=verify-full or service=NAME");
    app.add_option("--passphrase-fd", ctx.passphrase_fd,
                   "Read the passphrase from this open file descriptor (for scripts)");
    std::string procedure_file;
    app.add_option("--procedure", procedure_file,
                   "Procedure file to activate the centre under (default: the one built in)")
        ->check(CLI::ExistingFile);
    // CLI11 reads "/x" as an option on Windows by default; the console's options are "--x" everywhere,
    // so a path such as /data/roll.csv (Wine, or a share) stays a path.
    app.allow_windows_style_options(false);
    app.require_subcommand(0, 1);
    rc::cli::register_commands(app, ctx);

    try {
        try {
            // UTF-8 on every system (Windows' argv is in the ANSI code page). CLI11 takes them
            // reversed, without the program's name.
            const std::vector<std::string> arguments = rc::os::utf8_arguments(argc, argv);
            std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
            if (!reversed.empty()) reversed.pop_back();
            app.parse(reversed);
        } catch (const CLI::ParseError& e) {
            int code = app.exit(e);
            return code;
        }
        if (app.get_subcommands().empty()) {
            rc::platform::ConsoleOptions options;
            options.db_path = ctx.db_path;
            options.procedure_file = procedure_file;
            return rc::platform::run_console(options);
        }
    } catch (const std::runtime_error& e) {
        // E.g. no home folder to keep the data in: say so rather than abort.
        std::fprintf(stderr, "reception-console: %s\n", e.what());
        return 1;
    }
    return ctx.exit_code;
}
