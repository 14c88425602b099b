#pragma once
// Whether two records look like the same person, and why. Names are compared as people write them
// (folded with fold_for_search: case, accents, stroked letters, punctuation and word order do not
// count) and with a small edit distance for a typing slip (not in the digits: "Person 3" is not
// "Person 63"); a name alone is never enough, the date of
// birth or, where one is missing, the age band must agree too. The reasons name no one, so they can
// be shown beside the other person's reference.
#include "domain/date.hpp"
#include "domain/person.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rc {

// A name as compared: folded, punctuation read as a space, runs of spaces as one, trimmed.
// "  O'Brien,  PATRICK " -> "o brien patrick".
std::string name_key(std::string_view name);

// Edits (insert, delete, replace, swap two neighbours) between two texts, counted in characters;
// `limit + 1` as soon as it is known to be more than `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The most edits a name of `chars` characters may differ by and still look alike: none below 4, one
// below 10, then two.
std::size_t allowed_name_edits(std::size_t chars);

// Either name of a record (as written, or in Latin letters) may match either name of the other.
// One record compared with many (every person already checked in, every row of a roll): the folded
// name is worked out once.
class NameLikeness {
public:
    NameLikeness(const Person& person, Date today);
    ~NameLikeness();
    NameLikeness(const NameLikeness&) = delete;
    NameLikeness& operator=(const NameLikeness&) = delete;

    // Why `other` looks like the same person, e.g. "the same name apart from accents or capitals and
    // the same date of birth", "a name one letter different and the same age band (25-34)"; nullopt
    // when the names or the dates of birth (or bands) differ, or a name is missing.
    std::optional<std::string> why_alike(const Person& other) const;
    // The same, with `other`'s name_key worked out already (comparing many records with many).
    std::optional<std::string> why_alike(const Person& other, std::string_view other_key) const;
    const std::string& key() const { return key_; }

private:
    Date today_;
    std::optional<Date> date_of_birth_;
    AgeBand band_;
    std::string key_;        // name_key of the name
    std::string as_written_; // the name ASCII-lowercased, spaces collapsed: "the same name" as typed
    std::string latin_key_;  // the same two for the name in Latin letters
    std::string latin_as_written_;

    // Why two names look alike ("the same name", "a name one letter different"), or empty.
    static std::string name_reason(const std::string& key, const std::string& written,
                                   std::string_view other_key, std::string_view other_name);
};

} // namespace rc
