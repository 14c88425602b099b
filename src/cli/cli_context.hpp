#pragma once
// What every subcommand shares: the global options and where it reports its exit code.
#include <string>

namespace CLI {
class App;
}

namespace rc::cli {

struct CliContext {
    std::string db_path;       // --db; empty means the default in the user's data directory
    int passphrase_fd = -1;    // --passphrase-fd N: read the passphrase from this descriptor
    int exit_code = 0;         // set by the subcommand that ran
};

// One registration function per subcommand, each in its own file (see commands.cpp for the list).
void register_commands(CLI::App& app, CliContext& ctx);

} // namespace rc::cli
