#pragma once
// Secrets for the command line. A passphrase never comes from an argument (it would show in `ps` and
// the shell history): it comes from --passphrase-fd N, else the RECEPTION_CONSOLE_PASSPHRASE
// environment variable (for scripts), else the terminal, asked without echo.
#include "cli/cli_context.hpp"

#include <optional>
#include <string>

namespace rc::cli {

constexpr const char* kPassphraseEnv = "RECEPTION_CONSOLE_PASSPHRASE";

struct PassphraseRequest {
    const char* prompt = "Passphrase: ";
    // On a terminal, ask twice and require the same answer (for a new passphrase).
    const char* confirm_prompt = nullptr;
};

// The passphrase, or std::nullopt with `error` saying what went wrong and what to do.
std::optional<std::string> read_passphrase(const CliContext& ctx, const PassphraseRequest& request,
                                           std::string& error);

// Overwrites a secret before its memory is released.
void wipe(std::string& secret);

} // namespace rc::cli
