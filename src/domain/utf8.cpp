#include "domain/utf8.hpp"

namespace rc {

Utf8Char decode_utf8(std::string_view s, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(at);
    if (b0 < 0x80U) return Utf8Char{b0, 1, true};
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0U) == 0xC0U) {
        length = 2;
        cp = b0 & 0x1FU;
        min = 0x80;
    } else if ((b0 & 0xF0U) == 0xE0U) {
        length = 3;
        cp = b0 & 0x0FU;
        min = 0x800;
    } else if ((b0 & 0xF8U) == 0xF0U) {
        length = 4;
        cp = b0 & 0x07U;
        min = 0x10000;
    } else {
        return Utf8Char{0, 1, false};
    }
    if (at + length > s.size()) return Utf8Char{0, 1, false};
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char b = byte(at + i);
        if ((b & 0xC0U) != 0x80U) return Utf8Char{0, 1, false};
        cp = (cp << 6U) | (b & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Utf8Char{0, 1, false};
    return Utf8Char{cp, length, true};
}

bool is_unsafe_to_show(char32_t c) {
    if (c < 0x20) return c != U'\t' && c != U'\n';
    if (c == 0x7F) return true;
    if (c >= 0x80 && c <= 0x9F) return true;     // C1 controls
    if (c == 0x200E || c == 0x200F) return true; // left-to-right / right-to-left marks
    if (c >= 0x2028 && c <= 0x202E) return true; // separators, bidi embeddings/overrides
    if (c >= 0x2066 && c <= 0x2069) return true; // bidi isolates
    return false;
}

std::string safe_to_show(std::string_view s, std::size_t max_chars) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (chars++ == max_chars) {
            out += "...";
            break;
        }
        const Utf8Char c = decode_utf8(s, i);
        if (!c.valid) {
            const auto b = static_cast<unsigned char>(s[i]);
            out += "\\x";
            out += hex[b >> 4U];
            out += hex[b & 0x0FU];
        } else if (is_unsafe_to_show(c.code_point) || c.code_point == U'\n' || c.code_point == U'\t') {
            if (c.code_point < 0x80) {
                out += "\\x";
                out += hex[(c.code_point >> 4U) & 0x0FU];
                out += hex[c.code_point & 0x0FU];
            } else {
                out += "\\u";
                for (int shift = 12; shift >= 0; shift -= 4)
                    out += hex[(c.code_point >> shift) & 0x0FU];
            }
        } else {
            out.append(s.substr(i, c.length));
        }
        i += c.length;
    }
    return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t end = max_bytes;
    // Back off over continuation bytes (10xxxxxx) to the start of the character that would be cut.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        --end;
    return s.substr(0, end);
}

} // namespace rc
