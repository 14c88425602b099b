#include "cli/passphrase_input.hpp"

#include "store/os_security.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

namespace rc::cli {

namespace {

constexpr std::size_t kMaxPassphrase = 4096;

void strip_line_end(std::string& s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
}

// Reads up to the first newline (or end of file) from fd, a byte at a time so nothing after the line
// is consumed.
bool read_line(int fd, std::string& out) {
    out.clear();
    char c = 0;
    while (out.size() < kMaxPassphrase) {
        ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0 || c == '\n') break;
        out += c;
    }
    strip_line_end(out);
    return true;
}

std::optional<std::string> ask_terminal(const char* prompt, std::string& error) {
    auto line = rc::store::os::read_secret_from_terminal(prompt, error);
    if (!line)
        error = "No passphrase was given and there is no terminal to ask on. For scripts, set " +
                std::string(kPassphraseEnv) + " or use --passphrase-fd N.";
    return line;
}

// The environment variable is read once, then wiped and removed from the environment (child processes
// and /proc/self/environ no longer show it); later asks in the same run get the copy kept here.
std::optional<std::string>& passphrase_from_environment() {
    static std::optional<std::string> taken = [] {
        auto v = rc::store::os::take_secret_from_environment(kPassphraseEnv);
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
        std::string line;
        if (!read_line(ctx.passphrase_fd, line)) {
            error = "Could not read the passphrase from file descriptor " +
                    std::to_string(ctx.passphrase_fd) + ": " + std::strerror(errno) + ".";
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
