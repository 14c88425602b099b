#pragma once
// The operating-system calls the console's protections need, in one place: process hardening at
// start, the user's home folder without $HOME, secrets from the environment and the terminal, private
// folders, and overwriting a file without following a symlink. os_security_posix.cpp implements them
// for Linux (a Windows build provides the same functions in its own file).
#include <filesystem>
#include <optional>
#include <string>

namespace rc::store::os {

// At start, before anything personal is in memory: no core dumps (PR_SET_DUMPABLE 0, RLIMIT_CORE 0:
// a crash must not write decrypted names and notes to disk), and umask 077 (every file and folder the
// console makes is its user's alone).
void harden_process();

struct ProcessProtection {
    bool dumpable = true;
    unsigned long long core_limit = ~0ULL; // soft RLIMIT_CORE
    unsigned file_mode_mask = 0;           // the umask
};
ProcessProtection process_protection();

// The user's home folder: $HOME, else the password database's entry; empty when neither is known.
std::filesystem::path home_directory();

// Reads an environment variable that holds a secret, overwrites its value in the process's memory and
// removes it, so that child processes and /proc/self/environ no longer show it. std::nullopt if unset.
std::optional<std::string> take_secret_from_environment(const char* name);

// Asks on the terminal (/dev/tty) without echo. The terminal is put back as it was also when the
// person presses Ctrl+C (or the process is told to stop) at the prompt. std::nullopt with `error` set
// when there is no terminal or it cannot be read.
std::optional<std::string> read_secret_from_terminal(const char* prompt, std::string& error);
// Asks on the terminal with echo (a reason, a confirmation). std::nullopt when there is no terminal.
std::optional<std::string> read_line_from_terminal(const char* prompt);
// Reads one line from standard input (for scripts). std::nullopt at end of input.
std::optional<std::string> read_line_from_stdin();
bool stdin_is_terminal();

// Overwrites a regular file's bytes with zeros, syncs, and removes it, without following a symlink (a
// symlink planted in the backup folder is removed itself; its target is left alone). std::nullopt when
// done, else a sentence saying why not.
std::optional<std::string> overwrite_and_remove(const std::filesystem::path& file);

// Creates `dir` (and its parents) with mode 0700 and checks that it is a real folder, not a symlink,
// owned by this user and not open to others. std::nullopt when fine, else a sentence saying why not.
std::optional<std::string> make_private_directory(const std::filesystem::path& dir);

} // namespace rc::store::os
