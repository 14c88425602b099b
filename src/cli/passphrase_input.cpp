#include "cli/passphrase_input.hpp"

#include "os/security.hpp"
#include "os/terminal.hpp"

#include <cstdlib>
#include <sodium.h>

namespace rc::cli {

namespace {

std::optional<std::string> ask_terminal(const char* prompt, std::string& error) {
    std::string why;
    auto line = os::ask_on_terminal(prompt, os::Echo::Off, why);
    if (!line) {
        error = why == "the terminal could not be read" || why == "the console could not be read"
                    ? "Could not read the passphrase from the terminal."
                    : "No passphrase was given and there is no terminal to ask on. For scripts, set " +
                          std::string(kPassphraseEnv) + " or use --passphrase-fd N.";
    }
    return line;
}

// The environment variable is read once, then wiped and removed from the environment (child processes
// and /proc/self/environ no longer show it); later asks in the same run get the copy kept here.
std::optional<std::string>& passphrase_from_environment() {
    static std::optional<std::string> taken = [] {
        auto v = os::take_secret_from_environment(kPassphraseEnv);
        if (v && v->empty()) v.reset();
        return v;
    }();
    return taken;
}

} // namespace

void wipe(std::string& secret) {
    if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
    secret.clear();
}

std::optional<std::string> read_passphrase(const CliContext& ctx, const PassphraseRequest& request,
                                           std::string& error) {
    if (ctx.passphrase_fd >= 0) {
        std::string line, why;
        if (!os::read_line_from_descriptor(ctx.passphrase_fd, line, why)) {
            error = "Could not read the passphrase from file descriptor " +
                    std::to_string(ctx.passphrase_fd) + ": " + why + ".";
            return std::nullopt;
        }
        if (line.empty()) {
            error = "File descriptor " + std::to_string(ctx.passphrase_fd) + " gave an empty passphrase.";
            return std::nullopt;
        }
        return line;
    }
    if (const auto& env = passphrase_from_environment()) return *env;

    auto first = ask_terminal(request.prompt, error);
    if (!first) return std::nullopt;
    if (first->empty()) {
        error = "The passphrase was empty.";
        return std::nullopt;
    }
    if (request.confirm_prompt) {
        auto second = ask_terminal(request.confirm_prompt, error);
        if (!second) {
            wipe(*first);
            return std::nullopt;
        }
        bool same = *second == *first;
        wipe(*second);
        if (!same) {
            wipe(*first);
            error = "The two passphrases were not the same. Nothing was changed.";
            return std::nullopt;
        }
    }
    return first;
}

} // namespace rc::cli
