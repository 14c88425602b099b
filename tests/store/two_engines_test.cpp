// The store's core on both engines: the same calls, the same answers, on an SQLite file and on a
// PostgreSQL database (the throwaway server ctest starts; see tests/support/pg_throwaway.sh). On
// PostgreSQL, also that the server holds nothing personal in clear and that the append-only rules
// hold there as triggers.
#include "both_engines.hpp"
#include "domain/default_procedure.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <functional>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr const char* kName = "Andrei Quixotlescu";

Person person_to_check_in() {
    Person p;
    p.tag = "T001";
    p.name = kName;
    p.alias = "Andi";
    p.sex = Sex::Male;
    p.date_of_birth = Date{1994, 3, 12};
    p.nationality = "RO";
    p.languages = {"ro", "en"};
    p.interpreter_needed = true;
    p.medical_needs = "Cut on the left hand, dressed on site";
    p.property_held = "Phone, wallet";
    p.exploitation = {ExploitationType::Labour};
    p.nrm_consent = NrmConsent::Yes;
    return p;
}

Referral nrm() {
    Referral r;
    r.type = ReferralType::Nrm;
    r.making_partner = "police";
    r.made_by = "PC 1234 Okafor";
    r.receiving_organisation = "Home Office (Single Competent Authority)";
    r.consent_explained = true;
    r.consent = ReferralConsent::Given;
    r.external_reference = "NRM-2026-0042";
    r.notes = "Asked for a female interviewer";
    return r;
}

// What a store reads back of the core: the person, the referral, the stock, the audit trail.
struct CoreState {
    std::string reference;
    Person person;
    std::vector<ReferralRecord> referrals;
    std::vector<StockBalance> balances;
    std::vector<std::string> audit;
};

CoreState read_core(const Store& s) {
    CoreState c;
    auto all = people(s);
    REQUIRE(all.size() == 1);
    c.reference = all[0].person.reference;
    c.person = all[0].person;
    c.referrals = referrals(s);
    c.balances = stock_balances(s);
    for (const AuditEntry& e : s.audit_entries(1000))
        c.audit.push_back(e.action + " " + e.table);
    return c;
}

} // namespace

TEST_CASE("two engines: create, sign in, check in, edit, refer, issue a bag, reopen: the same on both") {
    std::vector<CoreState> seen;
    on_both_engines("core", [&](const std::filesystem::path& db) {
        ManualClock clock(kT0);
        {
            auto s = make_store(db, clock);
            CHECK(s->shared_centre() == is_postgres_target(os::path_to_utf8(db)));
            activate_default(*s);

            const CheckedIn in = check_in(*s, person_to_check_in(), kT0 - 60);
            CHECK(in.reference == "OP-0001-001");
            // A tag in use is refused by the store, on either engine.
            Person twin = person_to_check_in();
            twin.name = "Someone Else";
            CHECK_THROWS(check_in(*s, twin, kT0 - 30));

            clock.advance(60);
            Person edited = person(*s, in.id)->person;
            edited.alias = "Andy";
            edited.diet = "Vegetarian";
            update_person(*s, in.id, edited);

            const ReferralId r = add_referral(*s, in.id, nrm());
            set_referral_status(*s, r, ReferralStatus::InProgress);

            record_movement(*s, receipt("adult_male", 3, kCentreStockStore, "Mothers' Union"));
            issue_bag(*s, in.id, "adult_male");
            s->sign_out();
        }
        // Reopened: a wrong passphrase opens nothing; the right one reads everything back.
        auto s = Store::open(db, {}, clock);
        CHECK_FALSE(s->sign_in(kCoordinator, "not the passphrase at all").ok());
        clock.advance(120);
        REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
        CoreState c = read_core(*s);
        CHECK(c.person.name == kName);
        CHECK(c.person.alias == "Andy");
        CHECK(c.person.diet == "Vegetarian");
        CHECK(c.person.medical_needs == "Cut on the left hand, dressed on site");
        CHECK(c.person.date_of_birth == Date{1994, 3, 12});
        REQUIRE(c.referrals.size() == 1);
        CHECK(c.referrals[0].referral.status == ReferralStatus::InProgress);
        CHECK(c.referrals[0].referral.external_reference == "NRM-2026-0042");
        REQUIRE(c.balances.size() == 1);
        CHECK(c.balances[0].on_hand == 2);
        seen.push_back(std::move(c));
    });
    if (seen.size() == 2) {
        CHECK(seen[0].reference == seen[1].reference);
        CHECK(seen[0].person.name == seen[1].person.name);
        CHECK(seen[0].person.alias == seen[1].person.alias);
        CHECK(seen[0].person.tag == seen[1].person.tag);
        CHECK(seen[0].person.languages == seen[1].person.languages);
        CHECK(seen[0].person.journey.size() == seen[1].person.journey.size());
        CHECK(seen[0].balances == seen[1].balances);
        CHECK(seen[0].audit == seen[1].audit);
        CHECK(seen[0].referrals.size() == seen[1].referrals.size());
    }
}

TEST_CASE(
    "two engines: on PostgreSQL the server holds no personal value in clear, and history is append-only") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server: skipped");
        return;
    }
    rc::test::PgTestDatabase db(*server, "sealed");
    ManualClock clock(kT0);
    auto s = make_store(db.target(), clock);
    activate_default(*s);
    const CheckedIn in = check_in(*s, person_to_check_in(), kT0 - 60);
    add_referral(*s, in.id, nrm());

    // Every row of every table, as the server's administrator would read it.
    Connection admin = Connection::open_postgres(db.target(), AccessMode::ReadOnly);
    std::vector<std::string> tables;
    {
        Statement t(admin,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
        while (t.step())
            tables.push_back(t.text_at(0));
    }
    REQUIRE(tables.size() > 20);
    std::string everything;
    for (const std::string& t : tables) {
        // bytea as escaped text, so a clear value inside a blob would still show.
        Statement rows(admin, "SELECT encode(convert_to(r::text, 'UTF8'), 'escape') FROM " + t + " AS r");
        while (rows.step())
            everything += rows.text_at(0) + "\n";
    }
    CHECK(everything.find("OP-0001-001") != std::string::npos); // the reference is in clear, as on SQLite
    for (const char* secret : {"Quixotlescu", "Andi", "Cut on the left hand", "Phone, wallet", "Okafor",
                               "NRM-2026-0042", "female interviewer", kCoordinator}) {
        INFO(secret);
        CHECK(everything.find(secret) == std::string::npos);
    }

    // The append-only rules are triggers on the server too: an administrator's UPDATE is refused.
    Connection rw = Connection::open_postgres(db.target(), AccessMode::ReadWrite);
    CHECK_THROWS_WITH_AS(rw.exec("UPDATE audit SET action = 'nothing happened'"),
                         doctest::Contains("append-only"), StoreError);
    CHECK_THROWS_AS(rw.exec("DELETE FROM referral_events"), StoreError);
    CHECK(rw.schema_version() == s->schema_version());
}
