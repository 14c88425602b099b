#pragma once
// "Did you mean …?" for an id typed in a procedure or drill file: the closest candidate within a typo's
// reach, found by edit distance ignoring ASCII case.
#include <cstddef>
#include <string>
#include <string_view>

namespace rc {

// Levenshtein distance, ASCII case ignored; large for long strings (no suggestion is worth the cost).
std::size_t typo_distance(std::string_view a, std::string_view b);

// "; did you mean 'x'?" for the closest candidate within a typo's reach, or "".
template <class Range> std::string did_you_mean(std::string_view got, const Range& candidates) {
    std::string_view best;
    std::size_t best_distance = 1000;
    for (std::string_view c : candidates) {
        const std::size_t d = typo_distance(got, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    const std::size_t reach = best.size() <= 4 ? 1 : (best.size() <= 8 ? 2 : 3);
    if (best.empty() || best_distance > reach) return {};
    return "; did you mean '" + std::string(best) + "'?";
}

} // namespace rc
