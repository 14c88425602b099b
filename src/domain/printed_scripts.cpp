#include "domain/printed_scripts.hpp"

#include "domain/utf8.hpp"

namespace rc {

namespace {

bool printed(char32_t c) {
    return c < 0x0250                       // Basic Latin, Latin-1, Latin Extended-A and -B
           || (c >= 0x0300 && c <= 0x036F)  // combining accents
           || (c >= 0x0370 && c <= 0x03FF)  // Greek
           || (c >= 0x0400 && c <= 0x052F)  // Cyrillic and its supplement
           || (c >= 0x1E00 && c <= 0x1EFF)  // Latin Extended Additional (Vietnamese)
           || (c >= 0x1F00 && c <= 0x1FFF)  // Greek Extended
           || (c >= 0x2000 && c <= 0x206F); // General Punctuation (dashes, quotes)
}

} // namespace

bool prints_in_report(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char ch = decode_utf8(text, at);
        if (!ch.valid || !printed(ch.code_point)) return false;
        at += ch.length;
    }
    return true;
}

} // namespace rc
