#pragma once
// The operating-system calls the console's protections need: process hardening at start, secrets from
// the environment, private folders, and overwriting a file without following a link. security_posix.cpp
// implements them for Linux, security_win32.cpp for Windows. Asking on the terminal is terminal.hpp.
#include <filesystem>
#include <optional>
#include <string>

namespace rc::os {

// At start, before anything personal is in memory, so that a crash never writes decrypted names and
// notes to disk and every file the console makes is its user's alone.
// POSIX: PR_SET_DUMPABLE 0, RLIMIT_CORE 0, umask 077.
// Windows: no crash dialog and no Windows Error Reporting dump (SetErrorMode, WerAddExcludedApplication
// is not used as it writes to the registry; an unhandled-exception filter ends the process at once
// instead), and the folders the console makes get an owner-only ACL (make_private_directory).
void harden_process();

struct ProcessProtection {
    bool dumpable = true;
    unsigned long long core_limit = ~0ULL; // soft RLIMIT_CORE (0 on Windows once hardened)
    unsigned file_mode_mask = 0;           // the umask (077 on Windows once hardened: owner-only ACLs)
};
ProcessProtection process_protection();

// Reads an environment variable that holds a secret, overwrites its value in the process's memory and
// removes it, so that child processes (and /proc/self/environ) no longer show it. nullopt if unset.
std::optional<std::string> take_secret_from_environment(const char* name);

// Overwrites a regular file's bytes with zeros, syncs, and removes it, without following a symbolic
// link (a link planted in the backup folder is removed itself; its target is left alone). nullopt when
// done, else a sentence saying why not.
std::optional<std::string> overwrite_and_remove(const std::filesystem::path& file);

// Creates `dir` (and its parents) private to this user (0700, or an owner-only ACL) and checks that it
// is a real folder, not a link, owned by this user and not open to others. nullopt when fine, else a
// sentence saying why not.
std::optional<std::string> make_private_directory(const std::filesystem::path& dir);

} // namespace rc::os
