#pragma once
// What the database subcommands (init, verify, backup, restore) share.
#include "cli/cli_context.hpp"

#include <filesystem>
#include <string>

namespace rc::store {
class StoreError;
}

namespace rc::cli {

// --db, else the default database in the user's data directory.
std::filesystem::path database_path(const CliContext& ctx);

// The store logs to stderr, warnings and worse only: stdout is for the command's own output.
void quiet_store_log();

// Prints "reception-console COMMAND: problem" and the advice on stderr; returns the exit code (1).
int report_error(const char* command, const rc::store::StoreError& e);
int report_error(const char* command, const std::string& problem, const std::string& advice = {});

} // namespace rc::cli
