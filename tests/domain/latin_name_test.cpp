// "Name as written" and "name in Latin letters": which scripts the report prints, the duplicate check
// matching either name, and a roll's column for the Latin-letters name.
#include "domain/name_likeness.hpp"
#include "domain/nominal_roll.hpp"
#include "domain/printed_scripts.hpp"
#include "roll_test_support.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using rc::test::roll_options;

TEST_CASE("the report prints Latin (with Vietnamese), Greek and Cyrillic, and nothing else") {
    CHECK(prints_in_report("Andrei Popescu"));
    CHECK(prints_in_report("Nguyễn Văn Ánh"));
    CHECK(prints_in_report("Łukasz Wiśniewski"));
    CHECK(prints_in_report("Nguye\xCC\x82\xCC\x83n")); // decomposed accents
    CHECK(prints_in_report("Ελένη Παπαδοπούλου"));
    CHECK(prints_in_report("Олена Коваль"));
    CHECK(prints_in_report("O\xE2\x80\x99"
                           "Brien \xE2\x80\x94 Jr.")); // typographic apostrophe and dash
    CHECK(prints_in_report(""));
    CHECK_FALSE(prints_in_report("ዳዊት ተስፋይ"));    // Ethiopic
    CHECK_FALSE(prints_in_report("بلال احمدزی")); // Arabic: prints unjoined and reversed
    CHECK_FALSE(prints_in_report("王伟"));        // Chinese
    CHECK_FALSE(prints_in_report("Dawit ዳዊት"));   // one letter of another script is enough
    CHECK_FALSE(prints_in_report("AB\xFF"));      // not UTF-8
}

TEST_CASE("a duplicate is caught through the name in Latin letters, either way round") {
    const Date today{2026, 3, 14};
    Person written;
    written.name = "ዳዊት ተስፋይ";
    written.latin_name = "Dawit Tesfay";
    written.date_of_birth = Date{1999, 5, 2};
    Person typed;
    typed.name = "DAWIT TESFAYE"; // typed from a police list, one letter more
    typed.date_of_birth = Date{1999, 5, 2};

    const NameLikeness from_written(written, today);
    const auto why = from_written.why_alike(typed);
    REQUIRE(why);
    CHECK(*why == "a name one letter different in Latin letters and the same date of birth");
    const NameLikeness from_typed(typed, today);
    CHECK(from_typed.why_alike(written));

    // A record with only the Latin letters, against one with both.
    Person again;
    again.latin_name = "DAWIT  TESFAY";
    again.date_of_birth = Date{1999, 5, 2};
    CHECK(NameLikeness(again, today).why_alike(written) ==
          std::optional<std::string>("the same name in Latin letters and the same date of birth"));

    // A name alone is never enough.
    typed.date_of_birth = Date{1998, 5, 2};
    CHECK_FALSE(from_written.why_alike(typed));
}

TEST_CASE("a roll's 'Name in Latin letters' column fills the Latin-letters name beside the name as written") {
    const std::string text = "Tag,Name as written,Name in Latin letters,D.O.B.\n"
                             "T1,ዳዊት ተስፋይ,Dawit Tesfay,1999-05-02\n"
                             "T2,Andrei Popescu,,1990-01-01\n";
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    REQUIRE(roll.errors.empty());
    REQUIRE(roll.rows.size() == 2);
    CHECK(roll.rows[0].person.name == "ዳዊት ተስፋይ");
    CHECK(roll.rows[0].person.latin_name == "Dawit Tesfay");
    CHECK(roll.rows[1].person.latin_name.empty());
    bool mapped = false;
    for (const RollColumn& c : roll.mapping)
        if (c.header == "Name in Latin letters") mapped = c.field == "latin_name";
    CHECK(mapped);

    const NominalRoll synonym =
        parse_nominal_roll("tag,name,transliteration\nT1,王伟,Wang Wei\n", roll_options());
    REQUIRE(synonym.errors.empty());
    CHECK(synonym.rows.at(0).person.latin_name == "Wang Wei");
}
