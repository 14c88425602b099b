#include "domain/name_likeness.hpp"

#include "domain/text_match.hpp"
#include "domain/utf8.hpp"

#include <algorithm>
#include <sodium.h>
#include <tuple>
#include <vector>

namespace rc {

namespace {

bool is_separator(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '.' || c == '\'' || c == '-' ||
           c == '"' || c == '(' || c == ')' || c == '/' || c == ';' || c == ':' || c == '_';
}

// Words separated by single spaces.
std::string collapse(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool gap = false;
    for (char c : s) {
        if (is_separator(c)) {
            gap = !out.empty();
            continue;
        }
        if (gap) out.push_back(' ');
        gap = false;
        out.push_back(c);
    }
    return out;
}

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t at = 0; at < s.size();) {
        const Utf8Char c = decode_utf8(s, at);
        out.push_back(c.valid ? c.code_point : static_cast<char32_t>(static_cast<unsigned char>(s[at])));
        at += c.length;
    }
    return out;
}

std::string sorted_words(std::string_view key) {
    std::vector<std::string_view> words = split_list(key, ' ');
    std::sort(words.begin(), words.end());
    std::string out;
    for (std::string_view w : words) {
        if (!out.empty()) out.push_back(' ');
        out.append(w);
    }
    return out;
}

std::string_view letters_text(std::size_t n) {
    return n == 1 ? "one letter" : "two letters";
}

void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
}

std::string digits_of(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

std::string as_written(std::string_view name) {
    std::string lower = to_lower_ascii(name);
    std::string out = collapse(lower);
    wipe(lower);
    return out;
}

} // namespace

std::string name_key(std::string_view name) {
    std::string folded = fold_for_search(name);
    std::string key = collapse(folded);
    wipe(folded);
    return key;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::vector<char32_t> x = code_points(a);
    const std::vector<char32_t> y = code_points(b);
    const std::size_t n = x.size(), m = y.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Optimal string alignment over three rows (the swap looks two rows back).
    std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        std::size_t row_best = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            std::size_t d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                d = std::min(d, before[j - 2] + 1);
            current[j] = d;
            row_best = std::min(row_best, d);
        }
        if (row_best > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[m], limit + 1);
}

std::size_t allowed_name_edits(std::size_t chars) {
    if (chars < 4) return 0;
    return chars < 10 ? 1 : 2;
}

NameLikeness::NameLikeness(const Person& person, Date today)
    : today_(today), date_of_birth_(person.date_of_birth), band_(effective_age_band(person, today)),
      key_(name_key(person.name)), as_written_(as_written(person.name)),
      latin_key_(name_key(person.latin_name)), latin_as_written_(as_written(person.latin_name)) {}

NameLikeness::~NameLikeness() {
    wipe(key_);
    wipe(as_written_);
    wipe(latin_key_);
    wipe(latin_as_written_);
}

std::optional<std::string> NameLikeness::why_alike(const Person& other) const {
    std::string other_key = name_key(other.name);
    auto why = why_alike(other, other_key);
    wipe(other_key);
    return why;
}

std::string NameLikeness::name_reason(const std::string& key, const std::string& written,
                                      std::string_view other_key, std::string_view other_name) {
    if (key.empty() || other_key.empty()) return {};
    if (other_key == key) {
        std::string other_as_written = as_written(other_name);
        const bool same = other_as_written == written;
        wipe(other_as_written);
        return same ? "the same name" : "the same name apart from accents or capitals";
    }
    if (sorted_words(other_key) == sorted_words(key)) return "the same names in another order";
    if (digits_of(other_key) == digits_of(key)) { // "Person 3" and "Person 63" are two labels
        const std::size_t allowed =
            allowed_name_edits(std::min(code_points(key).size(), code_points(other_key).size()));
        const std::size_t edits = allowed == 0 ? 1 : edit_distance(key, other_key, allowed);
        if (edits <= allowed) return "a name " + std::string(letters_text(edits)) + " different";
    }
    return {};
}

std::optional<std::string> NameLikeness::why_alike(const Person& other, std::string_view other_key) const {
    if (key_.empty() && latin_key_.empty()) return std::nullopt;
    if (other_key.empty() && other.latin_name.empty()) return std::nullopt;

    // The birth first: it is cheap and rules most records out.
    std::string birth;
    if (date_of_birth_ && other.date_of_birth) {
        if (*date_of_birth_ != *other.date_of_birth) return std::nullopt;
        birth = "date of birth";
    } else {
        if (band_ == AgeBand::Unknown || band_ != effective_age_band(other, today_)) return std::nullopt;
        birth = "age band (" + std::string(age_band_label(band_)) + ")";
    }

    // The name as written first, then either name against the other's name in Latin letters.
    std::string name = name_reason(key_, as_written_, other_key, other.name);
    if (name.empty()) {
        std::string other_latin = name_key(other.latin_name);
        for (const auto& [key, written, theirs, their_text] :
             {std::tuple{&latin_key_, &latin_as_written_, std::string_view(other_key),
                         std::string_view(other.name)},
              std::tuple{&key_, &as_written_, std::string_view(other_latin),
                         std::string_view(other.latin_name)},
              std::tuple{&latin_key_, &latin_as_written_, std::string_view(other_latin),
                         std::string_view(other.latin_name)}}) {
            name = name_reason(*key, *written, theirs, their_text);
            if (!name.empty()) {
                name += " in Latin letters";
                break;
            }
        }
        wipe(other_latin);
    }
    if (name.empty()) return std::nullopt;
    if (name == "the same name") return "the same name and " + birth;
    return name + " and the same " + birth;
}

} // namespace rc
