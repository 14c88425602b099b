// reception-console import KIND ...: reading data from files into the centre's database. Each kind is
// a subcommand in its own file (import_commands.hpp); every import is all or nothing.
#include "cli/commands.hpp"
#include "cli/import_commands.hpp"

#include <CLI/CLI.hpp>

namespace rc::cli {

void register_import_command(CLI::App& app, CliContext& ctx) {
    CLI::App* import = app.add_subcommand("import", "Import data from a file: all rows or none");
    import->require_subcommand(1);
    import->fallthrough();
    register_import_arrivals_command(*import, ctx);
    register_import_stock_command(*import, ctx);
}

} // namespace rc::cli
