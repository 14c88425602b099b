// Linux: libpwquality decides, with the console's settings.
#include "store/passphrase_quality.hpp"
#include "store/passphrase_rule.hpp"

#include <filesystem>
#include <mutex>
#include <pwquality.h>

namespace rc::store {

namespace {

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

std::optional<std::string> guessability_problem(const std::string& passphrase, const std::string& user_name) {
    std::lock_guard<std::mutex> guard(settings_mutex());
    pwquality_settings_t* s = settings();
    if (!s) return std::nullopt; // out of memory: the length rule still held
    void* aux = nullptr;
    const int score = pwquality_check(s, passphrase.c_str(), nullptr,
                                      user_name.empty() ? nullptr : user_name.c_str(), &aux);
    if (score >= 0) return std::nullopt;
    char buf[PWQ_MAX_ERROR_MESSAGE_LEN];
    const char* why = pwquality_strerror(buf, sizeof buf, score, aux);
    return std::string(why ? why : "it is too easy to guess");
}

} // namespace rc::store
