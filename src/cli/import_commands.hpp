#pragma once
// The kinds of file `reception-console import` reads, one file each (command_import_<kind>.cpp),
// registered under the `import` group in command_import.cpp.
#include "cli/cli_context.hpp"

namespace rc::cli {

void register_import_arrivals_command(CLI::App& import, CliContext& ctx);
void register_import_stock_command(CLI::App& import, CliContext& ctx);

} // namespace rc::cli
