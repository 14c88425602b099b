// The upgrade to schema 13 (a person's facts sealed) on a real database of schema 12, made by the
// program as it was (tests/fixtures/README.md): every value survives exactly, the clear columns are
// gone, nothing of the sample roll is left in clear, and a failure part-way changes nothing.
#include "sealed_facts_check.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/migrations.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <map>
#include <set>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;
namespace fs = std::filesystem;

namespace {

const fs::path kFixture = fs::path(RC_TEST_DATA_DIR) / ".." / "fixtures" / "centre-v12.sqlite";
constexpr const char* kFixtureUser = "Fixture Coordinator";
constexpr const char* kFixturePassphrase = "fixture passphrase v12 roll";

fs::path copy_fixture(const TempDir& dir) {
    const fs::path db = dir / "centre.sqlite";
    fs::copy_file(kFixture, db);
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
    return db;
}

// Every row of the tables about people, as text, for comparing a file before and after.
std::string dump_people_tables(const fs::path& db) {
    Connection c = Connection::open(db, AccessMode::ReadOnly);
    std::string out = "v" + std::to_string(c.query_int("PRAGMA user_version")) + "\n";
    for (const char* table : {"people", "journey_events", "referrals", "referral_events"}) {
        std::vector<std::string> columns =
            c.query_texts(std::string("SELECT name FROM pragma_table_info('") + table + "')");
        std::string select;
        for (const std::string& col : columns)
            select += (select.empty() ? "" : " || '|' || ") + std::string("quote(\"") + col + "\")";
        for (const std::string& row : c.query_texts("SELECT " + select + " FROM " + table + " ORDER BY id"))
            out += std::string(table) + ": " + row + "\n";
    }
    return out;
}

struct ClearPerson {
    std::string tag, sex, age_band, child_status, nationality, languages, nrm_consent, status, destination;
    std::optional<std::int64_t> claimed_age, interpreter, departed_at;
    std::int64_t exploitation = 0, indicators = 0;
};

std::map<std::string, ClearPerson> clear_people(const fs::path& db) {
    Connection c = Connection::open(db, AccessMode::ReadOnly);
    auto st = c.cached("SELECT reference, tag, sex, age_band, child_status, nationality, languages, "
                       "coalesce(nrm_consent, ''), status, coalesce(destination_detail, destination, ''), "
                       "claimed_age, interpreter_needed, departed_at, exploitation, indicators FROM people");
    std::map<std::string, ClearPerson> out;
    while (st->step()) {
        ClearPerson p;
        p.tag = st->text_at(1);
        p.sex = st->text_at(2);
        p.age_band = st->text_at(3);
        p.child_status = st->text_at(4);
        p.nationality = st->text_at(5);
        p.languages = st->text_at(6);
        p.nrm_consent = st->text_at(7);
        p.status = st->text_at(8);
        p.destination = st->text_at(9);
        p.claimed_age = st->get<std::optional<std::int64_t>>(10);
        p.interpreter = st->get<std::optional<std::int64_t>>(11);
        p.departed_at = st->get<std::optional<std::int64_t>>(12);
        p.exploitation = st->int64_at(13);
        p.indicators = st->int64_at(14);
        out[st->text_at(0)] = p;
    }
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v)
        out += (out.empty() ? "" : ";") + s;
    return out;
}

} // namespace

TEST_CASE("reseal migration: a schema 12 database is sealed at the first sign-in, every value intact") {
    TempDir dir("reseal");
    ManualClock clock(kT0 + 86400);
    const fs::path db = copy_fixture(dir);
    REQUIRE(inspect_database(db, CheckDepth::Full).schema_version == 12);
    const auto before = clear_people(db);
    REQUIRE(before.size() == 14);
    Connection::open(db, AccessMode::ReadOnly);                               // (the fixture is healthy)
    std::map<std::int64_t, std::pair<std::string, std::string>> steps_before; // id -> (step, destination)
    std::map<std::int64_t, std::vector<std::string>> referrals_before;
    std::map<std::int64_t, std::string> referral_events_before;
    {
        Connection c = Connection::open(db, AccessMode::ReadOnly);
        auto st =
            c.cached("SELECT id, step, coalesce(destination_detail, destination, '') FROM journey_events");
        while (st->step())
            steps_before[st->int64_at(0)] = {st->text_at(1), st->text_at(2)};
        auto r = c.cached("SELECT id, type, making_partner, receiving_organisation, consent_explained, "
                          "interpreter_language, consent, status, identifying FROM referrals");
        while (r->step())
            referrals_before[r->int64_at(0)] = {
                r->text_at(1), r->text_at(2), r->text_at(3), std::to_string(r->int64_at(4)),
                r->text_at(5), r->text_at(6), r->text_at(7), std::to_string(r->int64_at(8))};
        auto e =
            c.cached("SELECT id, action, coalesce(from_status, ''), to_status, fields FROM referral_events");
        while (e->step())
            referral_events_before[e->int64_at(0)] =
                e->text_at(1) + "|" + e->text_at(2) + "|" + e->text_at(3) + "|" + e->text_at(4);
    }
    REQUIRE(steps_before.size() > 14);
    REQUIRE(referrals_before.size() == 5);

    auto s = Store::open(db, OpenOptions{OpenMode::ReadWrite, dir / "backups"}, clock);
    CHECK(s->schema_version() == 12); // sealing needs the data key: not before a sign-in
    REQUIRE(s->sign_in(kFixtureUser, kFixturePassphrase).ok());
    CHECK(s->schema_version() == latest_schema_version());
    CHECK(s->upgraded_from() == 12);
    REQUIRE(fs::exists(s->upgrade_backup()));
    CHECK(inspect_database(s->upgrade_backup(), CheckDepth::Full).schema_version == 12);

    // Every person's facts, exactly.
    const auto after = people(*s);
    REQUIRE(after.size() == before.size());
    for (const PersonRecord& r : after) {
        CAPTURE(r.person.reference);
        REQUIRE(before.count(r.person.reference) == 1);
        const ClearPerson& b = before.at(r.person.reference);
        const Person& p = r.person;
        CHECK(p.tag == b.tag);
        CHECK(sex_id(p.sex) == b.sex);
        CHECK(age_band_id(p.age_band) == b.age_band);
        CHECK(child_status_id(p.stated_child) == b.child_status);
        CHECK(p.nationality == b.nationality);
        CHECK(joined(p.languages) == b.languages);
        CHECK((p.nrm_consent ? std::string(nrm_consent_id(*p.nrm_consent)) : std::string()) == b.nrm_consent);
        CHECK((p.claimed_age ? std::optional<std::int64_t>(*p.claimed_age) : std::nullopt) == b.claimed_age);
        CHECK((p.interpreter_needed ? std::optional<std::int64_t>(*p.interpreter_needed ? 1 : 0)
                                    : std::nullopt) == b.interpreter);
        CHECK(static_cast<std::int64_t>(p.exploitation.bits()) == b.exploitation);
        CHECK(static_cast<std::int64_t>(p.indicators.bits()) == b.indicators);
        const std::string status = r.journey.departed          ? "departed"
                                   : r.journey.temporarily_out ? "temporarily_out"
                                                               : "on_site";
        CHECK(status == b.status);
        CHECK(r.journey.departed_at == b.departed_at);
        if (r.journey.departed) {
            REQUIRE(r.journey.destination);
            CHECK(destination_id(*r.journey.destination) == b.destination);
        }
        CHECK(p.name.rfind("[unreadable", 0) == std::string::npos);
    }
    // The sealed identifying part and the coordinator's medical note, as imported from the sample roll.
    const auto by_tag = [&](const std::string& tag) {
        for (const PersonRecord& r : after)
            if (r.person.tag == tag) return r.person;
        FAIL("no person with tag " << tag);
        return Person{};
    };
    CHECK(by_tag("T001").name == "Andrei Popescu");
    CHECK(by_tag("T002").alias == "Mihai");
    CHECK(by_tag("T002").medical_needs == "cut on left hand");
    CHECK(by_tag("T004").name == "Nguyễn Văn Ánh");
    // The tag is still found (through its blind index) and still unique ignoring case.
    Person same_tag;
    same_tag.tag = "t003";
    const auto warnings = duplicate_warnings(*s, same_tag, std::nullopt);
    REQUIRE_FALSE(warnings.empty());
    CHECK(warnings.front().message.find("OP-0001-003") != std::string::npos);
    CHECK_THROWS_AS(check_in(*s, same_tag, kT0), PersonRejected);

    // Journey steps, referrals and their history, exactly.
    std::size_t steps = 0;
    for (const PersonRecord& r : after)
        for (const JourneyRecord& j : journey(*s, r.id)) {
            ++steps;
            REQUIRE(steps_before.count(j.id) == 1);
            CHECK(journey_step_id(j.event.step) == steps_before.at(j.id).first);
            CHECK((j.event.destination ? std::string(destination_id(*j.event.destination)) : std::string()) ==
                  steps_before.at(j.id).second);
        }
    CHECK(steps == steps_before.size());
    const auto refs = referrals(*s);
    REQUIRE(refs.size() == referrals_before.size());
    std::size_t events = 0;
    for (const ReferralRecord& r : refs) {
        const Referral& x = r.referral;
        CHECK(std::vector<std::string>{std::string(referral_type_id(x.type)), x.making_partner,
                                       x.receiving_organisation, x.consent_explained ? "1" : "0",
                                       x.interpreter_language, std::string(referral_consent_id(x.consent)),
                                       std::string(referral_status_id(x.status)),
                                       x.identifying ? "1" : "0"} == referrals_before.at(r.id));
        for (const ReferralEvent& e : referral_history(*s, r.id)) {
            ++events;
            std::string fields;
            for (const std::string& f : e.fields)
                fields += (fields.empty() ? "" : ";") + f;
            const char* action = e.action == ReferralEventAction::Created   ? "created"
                                 : e.action == ReferralEventAction::Updated ? "updated"
                                                                            : "status";
            CHECK(std::string(action) + "|" +
                      (e.from_status ? std::string(referral_status_id(*e.from_status)) : std::string()) +
                      "|" + std::string(referral_status_id(e.to_status)) + "|" + fields ==
                  referral_events_before.at(e.id));
        }
    }
    CHECK(events == referral_events_before.size());

    // Only ids, references, links and times are left in clear, and how many times a person's details
    // were edited (schema 15's version, a counter).
    const std::set<std::string> allowed = {"id",          "sequence", "reference",  "tag_index",  "person_id",
                                           "referral_id", "by_user",  "created_by", "updated_by", "version"};
    Connection& c = s->connection_for_reading();
    for (const char* table : {"people", "journey_events", "referrals", "referral_events"})
        for (const std::string& col :
             c.query_texts(std::string("SELECT name FROM pragma_table_info('") + table + "')")) {
            CAPTURE(table);
            CAPTURE(col);
            const bool time = col == "at" || (col.size() > 3 && col.compare(col.size() - 3, 3, "_at") == 0);
            const bool sealed = col.size() > 4 && col.compare(col.size() - 4, 4, "_enc") == 0;
            CHECK((allowed.count(col) == 1 || time || sealed));
        }
    CHECK(c.query_texts("PRAGMA integrity_check") == std::vector<std::string>{"ok"});
    CHECK_FALSE(c.cached("PRAGMA foreign_key_check")->step());
    s.reset();

    // Nothing of the sample roll in clear in the upgraded file, where the schema 12 file had plenty.
    const auto needles = sample_roll_needles();
    CHECK(raw_leaks(db, needles, non_personal_text(db)).empty());
    CHECK(value_leaks(db, sample_roll_values()).empty());
    const auto old_raw = raw_leaks(kFixture, needles, non_personal_text(kFixture));
    const auto old_values = value_leaks(kFixture, sample_roll_values());
    CAPTURE(joined(old_raw));
    CHECK(std::find(old_raw.begin(), old_raw.end(), "T001") != old_raw.end());
    CHECK(std::find(old_raw.begin(), old_raw.end(), "police_protection") != old_raw.end());
    CHECK(std::find(old_raw.begin(), old_raw.end(), "undecided") != old_raw.end());
    CHECK(std::find(old_raw.begin(), old_raw.end(), "Hope House") != old_raw.end());
    CHECK(std::find(old_values.begin(), old_values.end(), "people.nationality = RO") != old_values.end());
}

TEST_CASE("reseal migration: a failure at the end of the upgrade leaves the file as it was") {
    TempDir dir("reseal-fail");
    ManualClock clock(kT0 + 86400);
    const fs::path db = copy_fixture(dir);
    // The upgrade's last write (its audit row) is refused, after every table has been rebuilt.
    Connection::open(db, AccessMode::ReadWrite)
        .exec("CREATE TRIGGER fail_upgrade BEFORE INSERT ON audit WHEN NEW.action = 'schema_upgrade' "
              "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    const std::string before = dump_people_tables(db);
    {
        auto s = Store::open(db, OpenOptions{OpenMode::ReadWrite, dir / "backups"}, clock);
        CHECK_THROWS_AS(s->sign_in(kFixtureUser, kFixturePassphrase), StoreError);
        CHECK_FALSE(s->signed_in()); // nothing can be read or written at the older schema
        CHECK(s->schema_version() == 12);
    }
    CHECK(dump_people_tables(db) == before);
    CHECK(inspect_database(db, CheckDepth::Full).ok);

    // Without the fault, the same file upgrades.
    Connection::open(db, AccessMode::ReadWrite).exec("DROP TRIGGER fail_upgrade");
    auto s = Store::open(db, OpenOptions{OpenMode::ReadWrite, dir / "backups"}, clock);
    REQUIRE(s->sign_in(kFixtureUser, kFixturePassphrase).ok());
    CHECK(s->schema_version() == latest_schema_version());
    CHECK(people(*s).size() == 14);
}
