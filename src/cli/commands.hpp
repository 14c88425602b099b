#pragma once
#include "cli/cli_context.hpp"

namespace rc::cli {
// Each subcommand lives in its own file, e.g. command_verify.cpp defines register_verify_command.
} // namespace rc::cli
