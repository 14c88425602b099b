#include "domain/text_match.hpp"

#include <algorithm>
#include <cstdlib>
#include <sodium.h>
#include <utf8proc.h>

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

// Letters with a stroke or bar have no decomposition, so stripping marks leaves them; people typing
// on an English keyboard write the base letter.
utf8proc_int32_t base_of_stroked_letter(utf8proc_int32_t c, void*) {
    switch (c) {
    case 0x0141: // Ł
    case 0x0142: // ł
        return 'l';
    case 0x0110: // Đ
    case 0x0111: // đ
    case 0x00D0: // Ð
    case 0x00F0: // ð
        return 'd';
    case 0x00D8: // Ø
    case 0x00F8: // ø
        return 'o';
    case 0x0126: // Ħ
    case 0x0127: // ħ
        return 'h';
    case 0x0131: // dotless ı
        return 'i';
    case 0x0166: // Ŧ
    case 0x0167: // ŧ
        return 't';
    case 0x0180: // ƀ
        return 'b';
    case 0x01B5: // Ƶ
    case 0x01B6: // ƶ
        return 'z';
    default:
        return c;
    }
}

bool is_accent(utf8proc_int32_t c) {
    return c >= 0x0300 && c <= 0x036F;
}

// utf8proc's buffer, wiped before it is freed: it may hold a name.
struct MappedText {
    utf8proc_uint8_t* data = nullptr;
    utf8proc_ssize_t size = -1;
    MappedText() = default;
    MappedText(const MappedText&) = delete;
    MappedText& operator=(const MappedText&) = delete;
    ~MappedText() {
        if (data && size > 0) sodium_memzero(data, static_cast<std::size_t>(size));
        std::free(data);
    }
    bool ok() const { return size >= 0 && data; }
};

const utf8proc_uint8_t* bytes(std::string_view s) {
    return reinterpret_cast<const utf8proc_uint8_t*>(s.data());
}

} // namespace

std::string fold_for_search(std::string_view s) {
    // 1. Compatibility decomposition with case folding, stroked letters mapped to their base.
    MappedText decomposed;
    const auto decompose = static_cast<utf8proc_option_t>(
        UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_LUMP);
    decomposed.size = utf8proc_map_custom(bytes(s), static_cast<utf8proc_ssize_t>(s.size()), &decomposed.data,
                                          decompose, base_of_stroked_letter, nullptr);
    if (!decomposed.ok()) return to_lower_ascii(s);

    // 2. Drop the accents (combining diacritical marks).
    std::string stripped;
    stripped.reserve(static_cast<std::size_t>(decomposed.size));
    for (utf8proc_ssize_t at = 0; at < decomposed.size;) {
        utf8proc_int32_t c = 0;
        const utf8proc_ssize_t n = utf8proc_iterate(decomposed.data + at, decomposed.size - at, &c);
        if (n <= 0) return to_lower_ascii(s); // cannot happen: utf8proc wrote it
        if (!is_accent(c))
            stripped.append(reinterpret_cast<const char*>(decomposed.data + at), static_cast<std::size_t>(n));
        at += n;
    }

    // 3. Compose what is left (Hangul, Indic), giving the NFKC form.
    MappedText composed;
    composed.size =
        utf8proc_map(bytes(stripped), static_cast<utf8proc_ssize_t>(stripped.size()), &composed.data,
                     static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
    sodium_memzero(stripped.data(), stripped.size());
    if (!composed.ok()) return to_lower_ascii(s);
    return std::string(reinterpret_cast<const char*>(composed.data), static_cast<std::size_t>(composed.size));
}

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
