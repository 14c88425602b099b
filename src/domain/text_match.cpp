#include "domain/text_match.hpp"

#include <algorithm>

namespace rc {

namespace {

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_word_separator(char c) {
    return c == ' ' || c == '-' || c == '(' || c == ',' || c == '\'' || c == '/';
}

} // namespace

std::string_view trim_space(std::string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = lower(c);
    return out;
}

std::string to_upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool starts_with_ignore_case(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equals_ignore_case(s.substr(0, prefix.size()), prefix);
}

bool contains_ignore_case(std::string_view s, std::string_view part) {
    if (part.empty()) return true;
    const auto it = std::search(s.begin(), s.end(), part.begin(), part.end(),
                                [](char a, char b) { return lower(a) == lower(b); });
    return it != s.end();
}

std::vector<std::string_view> split_list(std::string_view s, char separator) {
    std::vector<std::string_view> out;
    while (true) {
        const auto at = s.find(separator);
        const std::string_view piece = trim_space(s.substr(0, at));
        if (!piece.empty()) out.push_back(piece);
        if (at == std::string_view::npos) break;
        s.remove_prefix(at + 1);
    }
    return out;
}

MatchRank rank_name_match(std::string_view name, std::string_view query) {
    if (query.empty()) return MatchRank::Substring;
    if (equals_ignore_case(name, query)) return MatchRank::ExactName;
    if (starts_with_ignore_case(name, query)) return MatchRank::NamePrefix;
    for (std::size_t i = 1; i < name.size(); ++i)
        if (is_word_separator(name[i - 1]) && starts_with_ignore_case(name.substr(i), query))
            return MatchRank::WordPrefix;
    if (contains_ignore_case(name, query)) return MatchRank::Substring;
    return MatchRank::None;
}

} // namespace rc
