#pragma once
// Helpers shared by the partners-and-staff source files. Not for use outside src/store.
#include <string>
#include <string_view>

namespace rc::store::partners_detail {

inline std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// The procedure's id syntax: lower-case letters and digits, then also '-' and '_', at most 64.
inline bool plain_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && !(i > 0 && (c == '-' || c == '_'))) return false;
    }
    return true;
}

// A sealed value that no longer opens is shown as such, never thrown: one damaged row must not hide
// the whole list.
inline constexpr const char* kUnreadable = "[unreadable: failed its integrity check]";

} // namespace rc::store::partners_detail
