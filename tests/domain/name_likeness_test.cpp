// Names as people write them: folding for search (case, accents, stroked letters, look-alike
// punctuation) and the likeness rule behind duplicate warnings (a small edit distance, and the same
// date of birth or age band).
#include "domain/name_likeness.hpp"
#include "domain/text_match.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;

TEST_CASE("fold_for_search: case, accents and stroked letters do not count") {
    CHECK(fold_for_search("Nguyễn Văn Ánh") == "nguyen van anh");
    CHECK(fold_for_search("NGUYỄN VĂN ÁNH") == "nguyen van anh");
    CHECK(fold_for_search("Łukasz Wiśniewski") == "lukasz wisniewski");
    CHECK(fold_for_search("ŁUKASZ") == "lukasz");
    CHECK(fold_for_search("Trần Thị Hoa") == "tran thi hoa");
    CHECK(fold_for_search("Đặng") == "dang");
    CHECK(fold_for_search("Zoltán Kovács") == "zoltan kovacs");
    CHECK(fold_for_search("Ștefan Țurcanu") == "stefan turcanu");
    CHECK(fold_for_search("Straße") == "strasse");
    CHECK(fold_for_search("Øyvind") == "oyvind");
    CHECK(fold_for_search("ИВАН Петров") == "иван петров");
    CHECK(fold_for_search("Ελένη") == "ελενη");
    // Decomposed accents (a base letter and a combining mark) fold like the composed ones.
    CHECK(fold_for_search("Nguye\xCC\x82\xCC\x83n") == "nguyen");
    // Compatibility forms: full-width letters, ligatures; a typographic apostrophe is an apostrophe.
    CHECK(fold_for_search("ＰＯＰＥＳＣＵ") == "popescu");
    CHECK(fold_for_search("ﬁona") == "fiona");
    CHECK(fold_for_search("O\xE2\x80\x99"
                          "Brien") == "o'brien");
    // Invisible characters are left out.
    CHECK(fold_for_search("Pope\xC2\xADscu") == "popescu"); // soft hyphen
    // Other scripts keep their own marks: a Devanagari vowel sign is spelling.
    CHECK(fold_for_search("\xE0\xA4\x95\xE0\xA4\xBF") == "\xE0\xA4\x95\xE0\xA4\xBF"); // कि
    // Not UTF-8: folded as ASCII, never lost.
    CHECK(fold_for_search("AB\xFF"
                          "C") == "ab\xFF"
                                  "c");
}

TEST_CASE("name_key reads punctuation as spaces and ignores spacing") {
    CHECK(name_key("  O'Brien,  PATRICK ") == "o brien patrick");
    CHECK(name_key("Popescu ") == name_key("POPESCU"));
    CHECK(name_key("Ana-Maria") == "ana maria");
    CHECK(name_key("   ").empty());
}

TEST_CASE("edit_distance counts characters, swaps of neighbours as one, and stops past the limit") {
    CHECK(edit_distance("popescu", "popescu", 2) == 0);
    CHECK(edit_distance("popescu", "popesku", 2) == 1);
    CHECK(edit_distance("popescu", "poepscu", 2) == 1); // swapped neighbours
    CHECK(edit_distance("popescu", "popesc", 2) == 1);
    CHECK(edit_distance("wisniewski", "wisnewsky", 2) == 2);
    CHECK(edit_distance("ivan", "ivanov", 1) == 2); // more than the limit: limit + 1
    CHECK(edit_distance("иван", "ибан", 2) == 1);   // counted in characters, not bytes
    CHECK(allowed_name_edits(3) == 0);
    CHECK(allowed_name_edits(4) == 1);
    CHECK(allowed_name_edits(10) == 2);
}

namespace {
Person named(std::string name, std::optional<Date> dob = std::nullopt) {
    Person p;
    p.name = std::move(name);
    p.date_of_birth = dob;
    return p;
}
constexpr Date kToday{2026, 3, 14};
} // namespace

TEST_CASE("likeness: Lukasz Wisniewski, 1980-11-30 is caught against Łukasz Wiśniewski") {
    const Person typed = named("Lukasz Wisniewski", Date{1980, 11, 30});
    const NameLikeness likeness(typed, kToday);
    const auto why = likeness.why_alike(named("Łukasz Wiśniewski", Date{1980, 11, 30}));
    REQUIRE(why);
    CHECK(*why == "the same name apart from accents or capitals and the same date of birth");
    // Another date of birth: two people.
    CHECK_FALSE(likeness.why_alike(named("Łukasz Wiśniewski", Date{1980, 11, 29})));
}

TEST_CASE("likeness: the reasons say why two records look alike") {
    const Date dob{1994, 3, 12};
    const NameLikeness andrei(named("Andrei Popescu", dob), kToday);
    CHECK(andrei.why_alike(named("  ANDREI   popescu ", dob)) == "the same name and date of birth");
    CHECK(andrei.why_alike(named("Popescu, Andrei", dob)) ==
          "the same names in another order and the same date of birth");
    CHECK(andrei.why_alike(named("Andrei Popesku", dob)) ==
          "a name one letter different and the same date of birth");
    CHECK(andrei.why_alike(named("Andrey Popesku", dob)) ==
          "a name two letters different and the same date of birth");
    CHECK_FALSE(andrei.why_alike(named("Andrea Pavesku", dob))); // three letters
    CHECK_FALSE(andrei.why_alike(named("Andrei Popescu")));      // no date of birth, no band
    CHECK_FALSE(andrei.why_alike(named("", dob)));               // no name
    CHECK_FALSE(NameLikeness(named("", dob), kToday).why_alike(named("", dob)));

    // Without a date of birth the age band must agree: a claimed age of 31 is 25-34 like a band.
    Person mihai = named("Mihai Ionescu");
    mihai.claimed_age = 31;
    Person other = named("MIHAI IONESCU");
    other.age_band = AgeBand::From25To34;
    CHECK(NameLikeness(mihai, kToday).why_alike(other) == "the same name and age band (25-34)");
    other.name = "Mihái Ionescu";
    CHECK(NameLikeness(mihai, kToday).why_alike(other) ==
          "the same name apart from accents or capitals and the same age band (25-34)");
    other.age_band = AgeBand::From35To49;
    CHECK_FALSE(NameLikeness(mihai, kToday).why_alike(other));
    // A date of birth on one side gives its band on today's date.
    other = named("Mihai Ionescu", Date{1995, 1, 1}); // 31 on 14 March 2026
    CHECK(NameLikeness(mihai, kToday).why_alike(other) == "the same name and age band (25-34)");

    // Digits are labels, not typing slips.
    CHECK_FALSE(NameLikeness(named("Person 3 of group 0", dob), kToday)
                    .why_alike(named("Person 63 of group 0", dob)));
    // Short names must match exactly: "Ana" and "Ena" are two people.
    CHECK_FALSE(NameLikeness(named("Ana", dob), kToday).why_alike(named("Ena", dob)));
}
