#pragma once
// The one rule every passphrase meets, wherever it is typed: the first-run form, adding a user, a
// reset, a change of one's own, `reception-console init`. At least 12 characters (counted as
// characters, not bytes) and accepted by libpwquality (not a dictionary word, not a palindrome, not
// mostly one character, not the user's own name). Messages say what is wrong and never echo the secret.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rc::store {

constexpr std::size_t kMinPassphraseCharacters = 12;
constexpr std::size_t kMaxPassphraseBytes = 1024;

// std::nullopt when the passphrase is acceptable; otherwise a sentence for the person choosing it.
// `user_name` (optional) is refused as part of the passphrase.
std::optional<std::string> passphrase_problem(std::string_view passphrase, std::string_view user_name = {});

// The hint shown beside every passphrase field.
std::string passphrase_rule_hint();

} // namespace rc::store
