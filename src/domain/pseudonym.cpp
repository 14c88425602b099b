#include "domain/pseudonym.hpp"

#include <cctype>
#include <set>

namespace rc {

std::vector<std::string> make_pseudonyms(std::size_t count, const UniformRandom& uniform,
                                         std::string_view prefix) {
    const auto base = static_cast<std::uint64_t>(kPseudonymAlphabet.size());
    std::size_t length = 4;
    std::uint64_t space = base * base * base * base;
    while (space / 50 < count && length < 12) {
        ++length;
        space *= base;
    }
    std::set<std::string, std::less<>> seen;
    std::vector<std::string> out;
    out.reserve(count);
    while (out.size() < count) {
        std::string code(prefix);
        for (std::size_t i = 0; i < length; ++i)
            code += kPseudonymAlphabet[uniform(static_cast<std::uint32_t>(base))];
        if (seen.insert(code).second) out.push_back(std::move(code));
    }
    return out;
}

std::string replace_references(std::string_view text, std::string_view centre_code,
                               const std::map<std::string, std::string, std::less<>>& codes,
                               std::string_view unknown) {
    if (centre_code.empty()) return std::string(text);
    const std::string prefix = std::string(centre_code) + "-";
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t found = text.find(prefix, at);
        if (found == std::string_view::npos) break;
        std::size_t end = found + prefix.size();
        while (end < text.size() && is_digit(text[end]))
            ++end;
        // A reference is the prefix and its whole run of digits, not part of a longer word.
        const bool starts_word = found == 0 || !(std::isalnum(static_cast<unsigned char>(text[found - 1])) ||
                                                 text[found - 1] == '-');
        if (end == found + prefix.size() || !starts_word) {
            out.append(text.substr(at, found + prefix.size() - at));
            at = found + prefix.size();
            continue;
        }
        out.append(text.substr(at, found - at));
        const auto it = codes.find(text.substr(found, end - found));
        out.append(it != codes.end() ? std::string_view(it->second) : unknown);
        at = end;
    }
    out.append(text.substr(at));
    return out;
}

} // namespace rc
