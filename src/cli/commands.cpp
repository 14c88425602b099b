#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

namespace rc::cli {

void register_commands(CLI::App& app, CliContext& ctx) {
    // Keep this list in the order `--help` should show it.
    (void)app;
    (void)ctx;
}

} // namespace rc::cli
