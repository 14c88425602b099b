// The name in Latin letters is sealed with the rest of the personal record (format 3), records sealed
// before it still open, and the duplicate check and audit know it.
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

TEST_CASE(
    "latin name: a field of its own in the numbered personal record; a record without it reads as none") {
    // Records sealed before the field existed (format 2, and format 3 before field 23) carry no
    // Latin-letters name; the upgrade of the schema-12 fixture (reseal_migration_test.cpp) opens them.
    Person p;
    p.name = "Andrei Popescu";
    p.alias = "Andi";
    p.adult_judgement = "visibly in his 40s";
    const std::string plain = encode_personal(p, std::nullopt);
    REQUIRE(plain[0] == 3);
    const auto f = decode_personal(plain);
    REQUIRE(f);
    CHECK(f->name == "Andrei Popescu");
    CHECK(f->adult_judgement == "visibly in his 40s");
    CHECK(f->latin_name.empty());

    p.name = "Дмитро Коваль";
    p.latin_name = "Dmytro Koval";
    const auto with = decode_personal(encode_personal(p, std::nullopt));
    REQUIRE(with);
    CHECK(with->name == "Дмитро Коваль");
    CHECK(with->latin_name == "Dmytro Koval");
    CHECK(with->alias == "Andi");
}
