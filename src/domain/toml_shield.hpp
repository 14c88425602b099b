#pragma once
// Keeps toml++ 3.3 (Debian 12's version) away from its undefined behaviour. When that version asks
// whether a non-ASCII character is whitespace, about 3,000 code points (U+00A1..U+0499, U+2C5E..U+3057
// except U+3000, U+FB26..U+FEFE: 'é', 'Ł', Cyrillic, ...) reach __builtin_unreachable (upstream:
// marzer/tomlplusplus issues 190 and 295, fixed after 3.3). It asks outside quotes, in some """ strings
// and while scanning a malformed value, so a file with 'lead = café' or '1"Иван"' could do anything.
// Our fuzzer found it in its first seconds.
//
// Modelling where the parser asks would be fragile, so the loader changes what it sees instead: before
// parsing, each of those code points becomes one in a private-use block that toml++ answers for
// correctly; after parsing, every text taken out of the tree is mapped back. Lines and columns do not
// change (toml++ counts characters). A file that itself contains that private-use block
// (U+E000..U+EBFF), as a character or as a \u escape, is refused.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rc {

// True for the code points that reach undefined behaviour in toml++ 3.3's whitespace test (the same
// computation as impl::is_non_ascii_horizontal_whitespace, with its unreachable branch made explicit).
bool reaches_toml33_unreachable(char32_t c);

// The text with every such code point moved into the private-use block; invalid UTF-8 is left as it is
// (toml++ reports it). nullopt when the text already uses the block: `conflict_at` is its byte offset.
std::optional<std::string> shield_toml_text(std::string_view text, std::size_t* conflict_at = nullptr);

// Maps the private-use block back: apply to every string and key read from the parsed tree.
std::string unshield_toml_text(std::string_view text);

} // namespace rc
