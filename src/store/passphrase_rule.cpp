#include "store/passphrase_rule.hpp"

#include "store/passphrase_quality.hpp"

namespace rc::store {

namespace {

std::size_t utf8_characters(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

} // namespace

std::string passphrase_rule_hint() {
    return "at least " + std::to_string(kMinPassphraseCharacters) +
           " characters; a few unrelated words work well";
}

std::optional<std::string> passphrase_problem(std::string_view passphrase, std::string_view user_name) {
    if (passphrase.size() > kMaxPassphraseBytes)
        return "The passphrase is too long (more than " + std::to_string(kMaxPassphraseBytes) + " bytes).";
    if (utf8_characters(passphrase) < kMinPassphraseCharacters)
        return "The passphrase is too short: use at least " + std::to_string(kMinPassphraseCharacters) +
               " characters (a few unrelated words are easiest to remember).";
    if (passphrase.find('\0') != std::string_view::npos)
        return std::string("The passphrase contains a NUL character.");
    const std::optional<std::string> problem =
        guessability_problem(std::string(passphrase), std::string(user_name));
    if (!problem) return std::nullopt;
    std::string reason = *problem;
    // libpwquality says "password"; the console says "passphrase".
    for (std::size_t at = reason.find("password"); at != std::string::npos; at = reason.find("password", at))
        reason.replace(at, 8, "passphrase");
    return "The passphrase is too easy to guess (" + reason +
           "). Choose a few unrelated words, not a name or a common phrase.";
}

} // namespace rc::store
