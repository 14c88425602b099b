#pragma once
// Small UTF-8 helpers for text that came from a file and is about to be shown: on a screen, in a
// terminal, in a message. Shared by the procedure loader and (later) the arrivals import.
#include <cstddef>
#include <string>
#include <string_view>

namespace rc {

struct Utf8Char {
    char32_t code_point = 0;
    std::size_t length = 1; // bytes used (1 for an invalid byte, so a caller can step over it)
    bool valid = false;
};

// Decodes the character starting at byte `at` (which must be < s.size()). Overlong forms,
// surrogates and values above U+10FFFF are invalid.
Utf8Char decode_utf8(std::string_view s, std::size_t at);

// Characters that change how a terminal or a line of text is shown rather than being text: C0 controls
// other than tab and line feed, DEL, C1 controls, the bidirectional controls, the line and paragraph
// separators.
bool is_unsafe_to_show(char32_t c);

// `s` with unsafe characters and invalid bytes escaped (\x07, \u202e), cut to at most `max_chars`
// characters with "..." after.
std::string safe_to_show(std::string_view s, std::size_t max_chars = 60);

// The longest start of `s` of at most `max_bytes` bytes that ends on a character boundary, so a cut
// never splits a character (a continuation byte is never left at the end).
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

} // namespace rc
