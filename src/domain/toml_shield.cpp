#include "domain/toml_shield.hpp"

#include "domain/utf8.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace rc {
namespace {

// Each run of unsafe code points and where it goes in the private-use area.
struct Run {
    char32_t first, last, target;
};
constexpr std::array<Run, 3> runs{{
    {0x00A1, 0x0499, 0xE000}, // Latin-1 letters and signs, Latin Extended A/B, IPA, Greek, Cyrillic
    {0x2C5E, 0x3057, 0xE400}, // ... U+3000 (ideographic space) is handled by toml++ and is not moved
    {0xFB26, 0xFEFE, 0xE800},
}};
constexpr char32_t block_first = 0xE000;
constexpr char32_t block_last = 0xEBFF;

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

bool reaches_toml33_unreachable(char32_t c) {
    if (c < 0xA0 || c > 0xFEFF) return false;
    const std::uint64_t child = (static_cast<std::uint64_t>(c) - 0xA0U) / 0x3FAU;
    if ((std::uint64_t{1} << child) & 0x7FFFFFFFFFFFF75EULL) return false;
    if (c == 0xA0 || c == 0x3000 || c == 0xFEFF) return false;
    return child != 0x05 && child != 0x07; // toml++'s switch handles 5 and 7; anything else is unreachable
}

std::optional<std::string> shield_toml_text(std::string_view text, std::size_t* conflict_at) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    const auto hex_value = [&](std::size_t at, std::size_t digits) -> std::optional<char32_t> {
        if (at + digits > text.size()) return std::nullopt;
        char32_t v = 0;
        for (std::size_t k = 0; k < digits; ++k) {
            const char h = text[at + k];
            const int d = (h >= '0' && h <= '9')   ? h - '0'
                          : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                          : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                   : -1;
            if (d < 0) return std::nullopt;
            v = (v << 4U) | static_cast<char32_t>(d);
        }
        return v;
    };
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        // The block itself, written as a character or as an escape (\uE000 or \U0000E000), would be
        // mapped back to something else.
        std::optional<char32_t> escaped;
        if (text[i] == '\\' && i + 1 < text.size())
            escaped = text[i + 1] == 'u'   ? hex_value(i + 2, 4)
                      : text[i + 1] == 'U' ? hex_value(i + 2, 8)
                                           : std::nullopt;
        const bool in_block = (c.valid && c.code_point >= block_first && c.code_point <= block_last) ||
                              (escaped && *escaped >= block_first && *escaped <= block_last);
        if (in_block) {
            if (conflict_at) *conflict_at = i;
            return std::nullopt;
        }
        bool moved = false;
        if (c.valid && c.code_point >= 0x80) {
            for (const Run& r : runs) {
                if (c.code_point < r.first || c.code_point > r.last ||
                    !reaches_toml33_unreachable(c.code_point))
                    continue;
                append_utf8(out, r.target + (c.code_point - r.first));
                moved = true;
                break;
            }
        }
        if (!moved) out.append(text.substr(i, c.length));
        i += c.length;
    }
    return out;
}

std::string unshield_toml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        bool moved = false;
        if (c.valid && c.code_point >= block_first && c.code_point <= block_last) {
            for (const Run& r : runs) {
                if (c.code_point < r.target || c.code_point > r.target + (r.last - r.first)) continue;
                append_utf8(out, r.first + (c.code_point - r.target));
                moved = true;
                break;
            }
        }
        if (!moved) out.append(text.substr(i, c.length));
        i += c.length;
    }
    return out;
}

} // namespace rc
