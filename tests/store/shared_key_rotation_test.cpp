// Rotating the data key of a shared centre (PostgreSQL, the suite's throwaway server): the re-sealing
// runs on the coordinator's desk in one server transaction with the append-only triggers disabled only
// inside it; another desk, which holds the old key, is refused at its next write with "The centre's key
// was changed: sign in again", is never able to commit a value sealed under the old key (also when it
// was saving while the rotation ran), and works again once signed in again.
#include "both_engines.hpp"
#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/key_rotation.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <future>
#include <thread>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

Person someone(const std::string& tag, const std::string& name, const std::string& medical = {}) {
    Person p;
    p.tag = tag;
    p.name = name;
    p.medical_needs = medical;
    return p;
}

void expect_key_changed(const std::function<void()>& write) {
    try {
        write();
        FAIL("a desk holding the old key saved after the rotation");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::SignedOut);
        CHECK(std::string(e.problem()) == kKeyChangedMessage);
    }
}

} // namespace

TEST_CASE("shared centre: rotating the data key with a second desk connected") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "rotate");
    SystemClock clock;
    auto coordinator = Store::create(quick_options(db.target()), clock);
    activate_default(*coordinator);
    const CheckedIn mirela =
        check_in(*coordinator, someone("T1", "Mirela Ionescu", "Insulin at noon"), clock.now());
    Referral r;
    r.type = ReferralType::Nrm;
    r.making_partner = "police";
    r.made_by = "PC 1234 Okafor";
    r.receiving_organisation = "Home Office (Single Competent Authority)";
    r.consent_explained = true;
    r.consent = ReferralConsent::Given;
    r.notes = "Asked for a female interviewer";
    add_referral(*coordinator, mirela.id, r);
    coordinator->append_log("Coach of 12 arrived");

    auto desk2 = open_signed_in(db.target(), clock); // the same coordinator, on a second laptop
    const CheckedIn oksana = check_in(*desk2, someone("T2", "Oksana Kovalenko"), clock.now());

    const RotationResult done = KeyRotation::run(*coordinator, kPassphrase);
    CHECK(done.values_resealed >= 6);

    // Every row reads back under the new key on the coordinator's desk.
    const auto everyone = people(*coordinator);
    REQUIRE(everyone.size() == 2);
    CHECK(everyone[0].person.name == "Mirela Ionescu");
    CHECK(everyone[0].person.medical_needs == "Insulin at noon");
    CHECK(everyone[1].person.name == "Oksana Kovalenko");
    CHECK(referrals_for(*coordinator, mirela.id).at(0).referral.notes == "Asked for a female interviewer");
    CHECK(coordinator->log_entries().at(0).text == "Coach of 12 arrived");
    // The tag index is the new key's: a tag in use is still refused.
    CHECK_THROWS_AS(check_in(*coordinator, someone("t2", "Someone Else"), clock.now()), PersonRejected);

    // The second desk still holds the old key: refused clearly and signed out, nothing written.
    expect_key_changed([&] { check_in(*desk2, someone("T3", "Nguyen Van Anh"), clock.now()); });
    CHECK_FALSE(desk2->signed_in());
    CHECK(people(*coordinator).size() == 2);
    // Signed in again, it works, and what it writes opens for everyone.
    REQUIRE(desk2->sign_in(kCoordinator, kPassphrase).ok());
    const CheckedIn anh = check_in(*desk2, someone("T3", "Nguyen Van Anh"), clock.now());
    CHECK(person(*coordinator, anh.id)->person.name == "Nguyen Van Anh");
    CHECK(person(*desk2, oksana.id)->person.name == "Oksana Kovalenko");

    // `verify` passes, and the append-only rules hold again after the rotation.
    const DatabaseReport report = inspect_database(db.target(), CheckDepth::Full);
    CHECK_MESSAGE(report.ok, report.problem);
    Connection admin = Connection::open_postgres(db.target(), AccessMode::ReadWrite);
    CHECK_THROWS_AS(admin.exec("UPDATE audit SET action = 'changed'"), StoreError);
    CHECK_THROWS_AS(admin.exec("DELETE FROM journey_events"), StoreError);
}

TEST_CASE("shared centre: a desk saving while the key is rotated waits, then is refused; nothing old is "
          "committed") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "rotate_during");
    SystemClock clock;
    auto coordinator = Store::create(quick_options(db.target()), clock);
    activate_default(*coordinator);
    check_in(*coordinator, someone("T1", "Mirela Ionescu"), clock.now());
    auto desk2 = open_signed_in(db.target(), clock);

    auto rotation = KeyRotation::begin(*coordinator, kPassphrase);
    // While the rotation's transaction is open, the append-only rules still hold for everyone else.
    // The other desk's check-in waits for the rotation to end.
    auto saving = std::async(std::launch::async, [&] {
        try {
            check_in(*desk2, someone("T2", "Oksana Kovalenko"), clock.now());
            return std::string("saved");
        } catch (const StoreError& e) {
            return std::string(e.problem());
        }
    });
    CHECK(saving.wait_for(std::chrono::milliseconds(500)) == std::future_status::timeout);
    rotation->commit();
    REQUIRE(saving.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    CHECK(saving.get() == kKeyChangedMessage);
    CHECK_FALSE(desk2->signed_in());
    const auto everyone = people(*coordinator); // every row opens under the new key
    REQUIRE(everyone.size() == 1);
    CHECK(everyone[0].person.name == "Mirela Ionescu");
    CHECK(inspect_database(db.target(), CheckDepth::Full).ok);
}

TEST_CASE(
    "shared centre: a rotation rolled back leaves the key, the triggers and the other desks as they were") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "rotate_rollback");
    SystemClock clock;
    auto coordinator = Store::create(quick_options(db.target()), clock);
    activate_default(*coordinator);
    check_in(*coordinator, someone("T1", "Mirela Ionescu"), clock.now());
    auto desk2 = open_signed_in(db.target(), clock);
    {
        auto rotation = KeyRotation::begin(*coordinator, kPassphrase);
        CHECK_FALSE(rotation->step(1)); // some values re-sealed, then given up
    }
    check_in(*desk2, someone("T2", "Oksana Kovalenko"), clock.now());
    CHECK(people(*coordinator).size() == 2);
    Connection admin = Connection::open_postgres(db.target(), AccessMode::ReadWrite);
    CHECK_THROWS_AS(admin.exec("UPDATE audit SET action = 'changed'"), StoreError);
}
