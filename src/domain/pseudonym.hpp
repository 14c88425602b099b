#pragma once
// Codes that stand for people in a pseudonymised export ("P-7KQ2"). They are drawn at random for each
// export, so two exports cannot be joined on them and a code says nothing about when someone arrived;
// and centre references ("OP-0001-017") in generated text are replaced by the same codes, so that a
// shared file never points back into the database.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// Uniform in [0, upper). The export passes a cryptographic source; tests pass a seeded one.
using UniformRandom = std::function<std::uint32_t(std::uint32_t upper)>;

// Letters and digits that cannot be misread for each other when read aloud or copied by hand (no 0/O,
// 1/I/L, U/V).
inline constexpr std::string_view kPseudonymAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";

// `count` different codes, each `prefix` and random characters: 4 of them while that leaves at least
// fifty times as many codes as needed (up to about 14,000 people), more beyond.
std::vector<std::string> make_pseudonyms(std::size_t count, const UniformRandom& uniform,
                                         std::string_view prefix = "P-");

// The text with every centre reference of `centre_code` ("OP-0001-" followed by digits) replaced by its
// code from `codes`, or by `unknown` for a reference not in it (someone not in the export).
std::string replace_references(std::string_view text, std::string_view centre_code,
                               const std::map<std::string, std::string, std::less<>>& codes,
                               std::string_view unknown = "[another person]");

} // namespace rc
