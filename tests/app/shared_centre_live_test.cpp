// Two desks on one shared centre (the throwaway PostgreSQL server ctest starts): a check-in on one
// shows on the other within a second, record by record; the status bar counts the desks; a desk that
// loses the server says so, never says Saved for what the server did not take, and comes back.
#include "app/store_session.hpp"
#include "desk_support.hpp"
#include "store/sqlite_db.hpp"
#include "support/pg_test_server.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <functional>
#include <thread>

using namespace rc;
using namespace rc::app;
using namespace rc::app::test;

namespace {

bool has_tag(const StoreSession& desk, const std::string& tag) {
    for (const PersonRow& r : desk.people().rows)
        if (r.person.tag == tag) return true;
    return false;
}

Person arrival(const std::string& tag, const std::string& name) {
    Person p;
    p.tag = tag;
    p.name = name;
    p.sex = Sex::Female;
    return p;
}

struct TwoDesks {
    explicit TwoDesks(const std::string& server, const std::string& label) : db(server, label) {
        desk1 = std::make_unique<StoreSession>(db.target(), clock, quick_keys());
        NewCentreForm form;
        form.centre_name = "Ripley Leisure Centre";
        form.coordinator_name = kCoordinator;
        form.passphrase = form.passphrase_again = kPassphrase;
        REQUIRE(desk1->create_centre(form).ok);
        desk2 = std::make_unique<StoreSession>(db.target(), clock, quick_keys());
        REQUIRE(desk2->sign_in(kCoordinator, kPassphrase).ok);
    }
    void cut_connections(bool keep_out) { db.cut_connections(keep_out); }
    void let_in() { db.let_in(); }

    rc::test::PgTestDatabase db;
    ManualClock clock{1773500000};
    std::unique_ptr<StoreSession> desk1, desk2;
};

} // namespace

TEST_CASE("shared centre: a check-in on one desk shows on the other within a second, record by record") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return; // run by hand without the test server: the store tests say so
    TwoDesks d(*server, "live");
    REQUIRE(d.desk1->status().shared_centre);

    const auto desk2_full_reads = d.desk2->full_people_reads();
    const auto desk1_full_reads = d.desk1->full_people_reads();
    const CheckInResult in = d.desk1->check_in(arrival("T001", "Ioana Dumitru"), "");
    REQUIRE_MESSAGE(in.ok, in.message);
    const double took = seconds_until(
        *d.desk2, [&] { return has_tag(*d.desk2, "T001"); }, 1.0);
    CHECK_MESSAGE(took >= 0, "desk 2 did not show desk 1's check-in within a second");
    CHECK(d.desk2->people().counts.on_site == 1);
    // Only that person was read again, not the whole list.
    CHECK(d.desk2->full_people_reads() == desk2_full_reads);

    // An edit on desk 2 comes back to desk 1; desk 1's own notifications cause no re-read.
    Person edited = d.desk2->people().rows.front().person;
    edited.name = "Ioana Dumitrescu";
    REQUIRE(d.desk2->update_person(*in.id, edited, d.desk2->people().rows.front().version).ok);
    CHECK(seconds_until(
              *d.desk1, [&] { return d.desk1->people().rows.front().person.name == "Ioana Dumitrescu"; },
              1.0) >= 0);
    CHECK(d.desk1->full_people_reads() == desk1_full_reads);
    const auto version = d.desk1->people().version;
    CHECK(d.desk1->check_in(arrival("T002", "Elira Hoxha"), "").ok);
    const auto after_own = d.desk1->people().version;
    CHECK(after_own == version + 1);
    seconds_until(
        *d.desk1, [] { return false; }, 0.2); // its own notification arrives and is left out
    CHECK(d.desk1->people().version == after_own);
    CHECK(d.desk1->full_people_reads() == desk1_full_reads);

    // The log and referrals follow too (other parts of the record).
    REQUIRE(d.desk1->add_log_entry("Coach of 12 expected at 11:00").ok);
    CHECK(seconds_until(
              *d.desk2,
              [&] {
                  return !d.desk2->log().entries.empty() &&
                         d.desk2->log().entries.front().text == "Coach of 12 expected at 11:00";
              },
              1.0) >= 0);
}

TEST_CASE("shared centre: the status bar counts the desks connected, with each one's last contact") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    TwoDesks d(*server, "desks");
    seconds_until(
        *d.desk1, [&] { return d.desk1->status().desks_connected == 2; }, 6.0);
    CHECK(d.desk1->status().desks_connected == 2);
    REQUIRE(d.desk1->status().desks.size() == 2);
    int this_desk = 0;
    for (const DeskStatus& desk : d.desk1->status().desks) {
        CHECK(desk.connected);
        CHECK(desk.seconds_since_contact < 10);
        CHECK(desk.role == "postgres"); // the role each desk signs in to the server as
        this_desk += desk.this_desk ? 1 : 0;
    }
    CHECK(this_desk == 1);

    // A desk that closes leaves the list at once.
    d.desk2.reset();
    seconds_until(
        *d.desk1, [&] { return d.desk1->status().desks_connected == 1; }, 6.0);
    CHECK(d.desk1->status().desks_connected == 1);
}

TEST_CASE("shared centre: a desk that loses the server says so, keeps nothing as saved, and comes back") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    TwoDesks d(*server, "drop");
    REQUIRE(d.desk2->check_in(arrival("T001", "Amina Yusuf"), "").ok);
    REQUIRE(d.desk2->status().save_state == SaveState::Saved);

    // The server drops every desk and lets none back in for now.
    d.cut_connections(true);
    CHECK(seconds_until(
              *d.desk2, [&] { return d.desk2->status().save_state == SaveState::NotConnected; }, 2.0) >= 0);
    CHECK(d.desk2->status().desks_connected == 0);

    // A check-in while it is away is refused in words the desk understands, and not called saved.
    const CheckInResult refused = d.desk2->check_in(arrival("T002", "Dawit Tesfaye"), "");
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.find("Not connected: not saved") == 0);
    CHECK(d.desk2->status().save_state == SaveState::NotConnected);
    seconds_until(
        *d.desk2, [] { return false; }, 2.5); // a reconnect attempt is refused meanwhile
    CHECK(d.desk2->status().save_state == SaveState::NotConnected);
    CHECK(has_tag(*d.desk2, "T001")); // what it had stays on screen

    // The server is back: desk 1 reconnects too and checks someone in; desk 2 comes back on its own,
    // says so, and reads what happened meanwhile.
    d.let_in();
    CHECK(seconds_until(
              *d.desk1, [&] { return d.desk1->status().save_state == SaveState::Reconnected; }, 6.0) >= 0);
    REQUIRE(d.desk1->check_in(arrival("T003", "Mihai Popescu"), "").ok);
    CHECK(seconds_until(
              *d.desk2, [&] { return d.desk2->status().save_state == SaveState::Reconnected; }, 6.0) >= 0);
    CHECK(d.desk2->status().save_problem.find("Connected again") == 0);
    CHECK(has_tag(*d.desk2, "T003"));
    CHECK_FALSE(has_tag(*d.desk2, "T002")); // never saved

    // The form kept on screen is saved again: now it is.
    const CheckInResult again = d.desk2->check_in(arrival("T002", "Dawit Tesfaye"), "");
    CHECK_MESSAGE(again.ok, again.message);
    CHECK(d.desk2->status().save_state == SaveState::Saved);
    CHECK(seconds_until(
              *d.desk1, [&] { return has_tag(*d.desk1, "T002"); }, 1.0) >= 0);
}

TEST_CASE("shared centre: signing in while the server is away says so and signs in once it is back") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    TwoDesks d(*server, "signin");
    d.desk2->sign_out();
    REQUIRE_FALSE(d.desk2->signed_in_user());

    d.cut_connections(true);
    EditResult refused;
    CHECK_NOTHROW(refused = d.desk2->sign_in(kCoordinator, kPassphrase)); // not the end of the program
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.find("Not connected to the shared centre's server, so you are not signed in") == 0);
    CHECK_FALSE(d.desk2->signed_in_user());
    CHECK(d.desk2->status().save_state == SaveState::NotConnected);

    // Desk 1, signed in, signs out while the server is away: signed out all the same.
    CHECK_NOTHROW(d.desk1->sign_out());
    CHECK_FALSE(d.desk1->signed_in_user());

    d.let_in();
    CHECK(seconds_until(
              *d.desk2, [&] { return d.desk2->status().save_state == SaveState::Reconnected; }, 6.0) >= 0);
    const EditResult again = d.desk2->sign_in(kCoordinator, kPassphrase);
    CHECK_MESSAGE(again.ok, again.message);
    CHECK(d.desk2->signed_in_user());
}
