// Version-checked edits: an edit states the version of the record it started from, and a save over a
// record someone else changed meanwhile is refused with the record as it now is. Two desks on one
// PostgreSQL database (the throwaway server ctest starts); on an SQLite file, where one console is the
// only writer, an edit form left open while the same console changed the record.
#include "both_engines.hpp"
#include "domain/default_procedure.hpp"
#include "domain/person_fields.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr const char* kSecondLead = "Second Desk Lead";
constexpr const char* kSecondPassphrase = "river lantern orchard quietly";

Person arrival() {
    Person p;
    p.tag = "T001";
    p.name = "Ionela Quixotescu";
    p.sex = Sex::Female;
    p.date_of_birth = Date{1991, 5, 2};
    p.nationality = "RO";
    p.languages = {"ro"};
    return p;
}

// Every update of `id` in the audit trail: who made it.
std::vector<std::optional<UserId>> updates_by(const Store& s, PersonId id) {
    std::vector<std::optional<UserId>> out;
    auto entries = s.audit_entries(1000);
    std::reverse(entries.begin(), entries.end()); // oldest first
    for (const AuditEntry& e : entries)
        if (e.action == "update" && e.table == "people" && e.record == id) out.push_back(e.user);
    return out;
}

const PersonField& field(std::string_view id) {
    for (const PersonField& f : person_fields())
        if (f.id == id) return f;
    throw std::logic_error("no such field");
}

} // namespace

TEST_CASE("edit conflict: two desks on a shared centre edit the same person") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): skipped");
        return;
    }
    rc::test::PgTestDatabase db(*server, "edit_conflict");
    ManualClock clock(kT0);
    auto desk1 = make_store(db.target(), clock);
    activate_default(*desk1);
    const UserId second = desk1->add_user(NewUser{kSecondLead, UserRole::Coordinator, kSecondPassphrase, ""});
    const CheckedIn in = check_in(*desk1, arrival(), kT0 - 60);
    std::optional<UserId> first; // the coordinator who checked the person in, on desk 1
    for (const AuditEntry& e : desk1->audit_entries(1000))
        if (e.action == "insert" && e.table == "people") first = e.user;
    REQUIRE(first);
    REQUIRE(*first != second);

    auto desk2 = Store::open(db.target(), {}, clock);
    REQUIRE(desk2->sign_in(kSecondLead, kSecondPassphrase).ok());

    // Both desks open the same record.
    const PersonRecord seen1 = *person(*desk1, in.id);
    const PersonRecord seen2 = *person(*desk2, in.id);
    REQUIRE(seen1.version == seen2.version);
    const std::int64_t started = seen1.version;

    // Desk 1 saves first: the alias and the diet.
    Person theirs = seen1.person;
    theirs.alias = "Ela";
    theirs.diet = "Halal";
    clock.advance(30);
    CHECK(update_person(*desk1, in.id, theirs, started) == started + 1);

    // Desk 2, still on the version it opened, records the languages and a different diet.
    Person mine = seen2.person;
    mine.languages = {"ro", "en"};
    mine.diet = "Vegetarian";
    clock.advance(30);
    std::optional<PersonRecord> current;
    try {
        update_person(*desk2, in.id, mine, started);
        FAIL("the second save was not refused");
    } catch (const PersonEditConflict& e) {
        current = e.current();
        CHECK(e.kind() == ErrorKind::Conflict);
        CHECK(e.problem() == in.reference + " was changed at another desk while you were editing. "
                                            "Nothing was saved.");
    }
    REQUIRE(current);
    // The conflict carries desk 1's record, decrypted on desk 2, and its version.
    CHECK(current->version == started + 1);
    CHECK(current->person.alias == "Ela");
    CHECK(current->person.diet == "Halal");
    // Nothing of desk 2's edit was written.
    CHECK(person(*desk1, in.id)->person.languages == std::vector<std::string>{"ro"});
    CHECK(updates_by(*desk1, in.id) == std::vector<std::optional<UserId>>{first});
    // The fields that differ, as the conflict screen lists them.
    std::vector<std::string> differing;
    for (const PersonField& f : person_fields())
        if (f.differs(mine, current->person)) differing.emplace_back(f.id);
    CHECK(differing == std::vector<std::string>{"alias", "languages", "diet"});

    SUBCASE("keep mine: saved over theirs, at their version") {
        CHECK(update_person(*desk2, in.id, mine, current->version) == started + 2);
        const PersonRecord now = *person(*desk1, in.id);
        CHECK(now.person.alias.empty());
        CHECK(now.person.diet == "Vegetarian");
        CHECK(now.person.languages == std::vector<std::string>{"ro", "en"});
        CHECK(updates_by(*desk1, in.id) == std::vector<std::optional<UserId>>{first, second});
        // Desk 1, still on the version it saved, is now the one refused.
        Person late = theirs;
        late.property_held = "Phone";
        CHECK_THROWS_AS(update_person(*desk1, in.id, late, started + 1), PersonEditConflict);
    }
    SUBCASE("keep theirs: my edit is dropped and the record stays as desk 1 left it") {
        const PersonRecord now = *person(*desk2, in.id);
        CHECK(now.version == started + 1);
        CHECK(now.person.alias == "Ela");
        CHECK(now.person.diet == "Halal");
        CHECK(updates_by(*desk2, in.id) == std::vector<std::optional<UserId>>{first});
    }
    SUBCASE("merge field by field: their alias and diet, my languages") {
        Person merged = current->person;
        field("languages").copy(mine, merged);
        CHECK(update_person(*desk2, in.id, merged, current->version) == started + 2);
        const PersonRecord now = *person(*desk1, in.id);
        CHECK(now.person.alias == "Ela");
        CHECK(now.person.diet == "Halal");
        CHECK(now.person.languages == std::vector<std::string>{"ro", "en"});
        CHECK(updates_by(*desk1, in.id) == std::vector<std::optional<UserId>>{first, second});
    }
}

TEST_CASE("edit conflict: a form left open on an older version of the record, on either engine") {
    const auto run = [](const std::string& target) {
        ManualClock clock(kT0);
        auto s = make_store(target, clock);
        activate_default(*s);
        const CheckedIn in = check_in(*s, arrival(), kT0 - 60);
        const PersonRecord opened = *person(*s, in.id);
        CHECK(opened.version == 1);

        // A journey step is appended, not an edit of the details: the form's version still holds.
        clock.advance(60);
        record_journey_step(*s, in.id, JourneyStep::WelfareCheckDone, clock.now());
        CHECK(person(*s, in.id)->version == 1);

        Person first = opened.person;
        first.diet = "Halal";
        CHECK(update_person(*s, in.id, first, opened.version) == 2);
        // The same values saved again from the old version: nothing differs, nothing to refuse.
        CHECK(update_person(*s, in.id, first, opened.version) == 2);

        Person second = opened.person;
        second.alias = "Ela";
        CHECK_THROWS_AS(update_person(*s, in.id, second, opened.version), PersonEditConflict);
        CHECK(person(*s, in.id)->person.alias.empty());
        // Without a version (the command line, the demo) the edit applies to the record as read in its
        // own transaction, and the version still moves on.
        CHECK(update_person(*s, in.id, second) == 3);
        CHECK(person(*s, in.id)->person.diet.empty());
    };
    {
        INFO("engine: SQLite");
        TempDir dir("edit_conflict_sqlite");
        run((dir / "centre.sqlite").string());
    }
    if (const auto server = rc::test::test_pg_conninfo()) {
        INFO("engine: PostgreSQL");
        rc::test::PgTestDatabase db(*server, "edit_conflict_one_desk");
        run(db.target());
    }
}
