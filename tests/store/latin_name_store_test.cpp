// The name in Latin letters is sealed with the rest of the personal record (format 3), records sealed
// before it (format 2) still open, and the duplicate check and audit know it.
#include "store/people.hpp"
#include "store/people_internal.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

TEST_CASE("latin name: sealed, read back, edited, and matched by the duplicate check") {
    TempDir dir("latin-name");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    Person p;
    p.tag = "E1";
    p.name = "ዳዊት ተስፋይ";
    p.latin_name = "Dawit Tesfay";
    p.date_of_birth = Date{1999, 5, 2};
    const CheckedIn in = check_in(*s, p, kT0 - 60);
    auto all = people(*s);
    REQUIRE(all.size() == 1);
    CHECK(all[0].person.name == "ዳዊት ተስፋይ");
    CHECK(all[0].person.latin_name == "Dawit Tesfay");

    // A second record typed in Latin letters only is flagged against the first.
    Person typed;
    typed.name = "Dawit Tesfaye";
    typed.date_of_birth = Date{1999, 5, 2};
    const auto warnings = duplicate_warnings(*s, typed);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].message.find("in Latin letters") != std::string::npos);

    Person edited = all[0].person;
    edited.latin_name = "Dawit Tesfaye";
    update_person(*s, in.id, edited);
    CHECK(people(*s).at(0).person.latin_name == "Dawit Tesfaye");
}

TEST_CASE("latin name: a record sealed in format 2 (before the field) opens with it empty") {
    Person p;
    p.name = "Andrei Popescu";
    p.alias = "Andi";
    p.adult_judgement = "visibly in his 40s";
    std::string plain = encode_personal(p); // format 3, an empty Latin-letters name
    REQUIRE(plain[0] == 3);
    plain[0] = 2; // what an older build wrote: the same fields, ending at the judgement
    const auto f = decode_personal(plain);
    REQUIRE(f);
    CHECK(f->name == "Andrei Popescu");
    CHECK(f->adult_judgement == "visibly in his 40s");
    CHECK(f->latin_name.empty());

    p.latin_name = "Andrei";
    const auto three = decode_personal(encode_personal(p));
    REQUIRE(three);
    CHECK(three->latin_name == "Andrei");
}
