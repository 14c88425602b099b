#include "domain/tag_sequence.hpp"

namespace rc {

std::optional<std::string> next_tag(const std::string& tag) {
    std::size_t digits = 0;
    while (digits < tag.size() && tag[tag.size() - 1 - digits] >= '0' && tag[tag.size() - 1 - digits] <= '9')
        ++digits;
    if (digits == 0) return std::nullopt;
    std::string out = tag;
    std::size_t i = out.size();
    while (i > out.size() - digits) {
        --i;
        if (out[i] != '9') {
            ++out[i];
            return out;
        }
        out[i] = '0';
    }
    // All nines: one more digit in front ("T99" -> "T100"). Built by concatenation: GCC 12 at -O2 warns
    // (wrongly) about overlapping copies in std::string::insert here.
    const std::size_t head = out.size() - digits;
    return out.substr(0, head) + '1' + out.substr(head);
}

} // namespace rc
