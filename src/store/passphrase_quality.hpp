#pragma once
// How guessable a passphrase is, beyond its length: libpwquality on Linux (passphrase_quality_posix.cpp),
// the same checks written out on Windows, where there is no libpwquality (passphrase_quality_win32.cpp).
// Only passphrase_rule.cpp calls it.
#include <optional>
#include <string>

namespace rc::store {

// nullopt when acceptable, else the reason in a few words ("it is a palindrome"), never the secret.
std::optional<std::string> guessability_problem(const std::string& passphrase, const std::string& user_name);

} // namespace rc::store
