#include "store/passphrase_rule.hpp"

#include <filesystem>
#include <mutex>
#include <pwquality.h>

namespace rc::store {

namespace {

std::size_t utf8_characters(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

// libpwquality's settings, made once. The dictionary check needs cracklib's word list (Debian's
// cracklib-runtime, installed by scripts/setup); without it the other checks still run.
pwquality_settings_t* settings() {
    static pwquality_settings_t* s = [] {
        pwquality_settings_t* p = pwquality_default_settings();
        if (!p) return p;
        pwquality_set_int_value(p, PWQ_SETTING_MIN_LENGTH, static_cast<int>(kMinPassphraseCharacters));
        pwquality_set_int_value(p, PWQ_SETTING_MAX_REPEAT, 4);
        pwquality_set_int_value(p, PWQ_SETTING_MAX_SEQUENCE, 5);
        pwquality_set_int_value(p, PWQ_SETTING_GECOS_CHECK, 0);
        std::error_code ec;
        const bool have_dictionary = std::filesystem::exists("/var/cache/cracklib/cracklib_dict.pwd", ec) ||
                                     std::filesystem::exists("/usr/share/cracklib/pw_dict.pwd", ec);
        pwquality_set_int_value(p, PWQ_SETTING_DICT_CHECK, have_dictionary ? 1 : 0);
        return p;
    }();
    return s;
}

std::mutex& settings_mutex() {
    static std::mutex m;
    return m;
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
    std::lock_guard<std::mutex> guard(settings_mutex());
    pwquality_settings_t* s = settings();
    if (!s) return std::nullopt; // out of memory: the length rule above still held
    const std::string pw(passphrase);
    const std::string user(user_name);
    void* aux = nullptr;
    int score = pwquality_check(s, pw.c_str(), nullptr, user.empty() ? nullptr : user.c_str(), &aux);
    if (score >= 0) return std::nullopt;
    char buf[PWQ_MAX_ERROR_MESSAGE_LEN];
    const char* why = pwquality_strerror(buf, sizeof buf, score, aux);
    std::string reason = why ? why : "it is too easy to guess";
    // libpwquality says "password"; the console says "passphrase".
    for (std::size_t at = reason.find("password"); at != std::string::npos; at = reason.find("password", at))
        reason.replace(at, 8, "passphrase");
    return "The passphrase is too easy to guess (" + reason +
           "). Choose a few unrelated words, not a name or a common phrase.";
}

} // namespace rc::store
