// Windows: Debian ships no MinGW libpwquality (and cracklib's word list is a Linux file), so the checks
// the console sets libpwquality to make are written out here with its wording: no run of more than four
// of one character, no monotonic sequence longer than five, not a palindrome, enough different
// characters, not the user's own name (forwards or backwards). The dictionary check is the one left out
// (docs/windows.md says so).
#include "store/passphrase_quality.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace rc::store {

namespace {

constexpr std::size_t kMaxRepeat = 4;
constexpr std::size_t kMaxSequence = 5;
constexpr std::size_t kMinDifferent = 5;

std::string lower_ascii(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool longest_run_over(const std::string& s, std::size_t limit) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        run = (i > 0 && s[i] == s[i - 1]) ? run + 1 : 1;
        if (run > limit) return true;
    }
    return false;
}

// "abcdef", "987654": each character one above (or below) the one before it.
bool sequence_over(const std::string& s, std::size_t limit) {
    std::size_t up = 1, down = 1;
    for (std::size_t i = 1; i < s.size(); ++i) {
        const int step = static_cast<unsigned char>(s[i]) - static_cast<unsigned char>(s[i - 1]);
        up = step == 1 ? up + 1 : 1;
        down = step == -1 ? down + 1 : 1;
        if (up > limit || down > limit) return true;
    }
    return false;
}

} // namespace

std::optional<std::string> guessability_problem(const std::string& passphrase, const std::string& user_name) {
    const std::string pw = lower_ascii(passphrase);
    if (std::equal(pw.begin(), pw.begin() + static_cast<std::ptrdiff_t>(pw.size() / 2), pw.rbegin()))
        return std::string("The password is a palindrome");
    if (std::set<char>(pw.begin(), pw.end()).size() < kMinDifferent)
        return std::string("The password does not contain enough different characters");
    if (longest_run_over(pw, kMaxRepeat))
        return "The password contains more than " + std::to_string(kMaxRepeat) +
               " same characters consecutively";
    if (sequence_over(pw, kMaxSequence))
        return "The password contains monotonic character sequence longer than " +
               std::to_string(kMaxSequence) + " characters";
    if (user_name.size() >= 3) {
        const std::string user = lower_ascii(user_name);
        const std::string reversed(user.rbegin(), user.rend());
        if (pw.find(user) != std::string::npos || pw.find(reversed) != std::string::npos)
            return std::string("The password contains the user name in some form");
    }
    return std::nullopt;
}

} // namespace rc::store
