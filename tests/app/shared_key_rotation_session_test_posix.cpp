// A shared centre's desks as the window drives them (StoreSession, on the test PostgreSQL server): a
// data-key rotation on one desk signs the other out at once with "The centre's key was changed: sign
// in again", and it works after signing in again; an import whose acknowledgement was lost while the
// server stayed out of reach is, imported again once the desk is back, reported as already imported.
#include "app/store_session.hpp"
#include "desk_support.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"
#include "support/lost_ack_proxy.hpp"
#include "support/pg_test_server.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <fstream>
#include <functional>
#include <thread>

using namespace rc;
using namespace rc::app;
using namespace rc::app::test;

namespace {

Person arrival(const std::string& tag, const std::string& name) {
    Person p;
    p.tag = tag;
    p.name = name;
    return p;
}

void create_centre(StoreSession& desk) {
    NewCentreForm form;
    form.centre_name = "Ripley Leisure Centre";
    form.coordinator_name = kCoordinator;
    form.passphrase = form.passphrase_again = kPassphrase;
    REQUIRE(desk.create_centre(form).ok);
}

} // namespace

TEST_CASE("shared centre: a key rotation on one desk signs the other out with a clear message") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "rotate_session");
    ManualClock clock{1773500000};
    auto desk1 = std::make_unique<StoreSession>(db.target(), clock, quick_keys());
    create_centre(*desk1);
    auto desk2 = std::make_unique<StoreSession>(db.target(), clock, quick_keys());
    REQUIRE(desk2->sign_in(kCoordinator, kPassphrase).ok);
    REQUIRE(desk2->check_in(arrival("T001", "Ioana Dumitru"), "").ok);

    REQUIRE(desk1->start_key_rotation(kPassphrase).ok);
    REQUIRE(tick_until(
        *desk1, [&] { return !desk1->rotation_progress(); }, 20.0));
    CHECK(desk1->rotation_result().find("The data key was rotated") != std::string::npos);

    // Desk 2 hears of it and signs out before it reads or writes anything under the old key.
    CHECK(tick_until(
        *desk2, [&] { return !desk2->signed_in_user(); }, 2.0));
    CHECK(desk2->status().save_problem.find(store::kKeyChangedMessage) != std::string::npos);
    // Signed in again, it checks in, and desk 1 reads the record under the new key.
    REQUIRE(desk2->sign_in(kCoordinator, kPassphrase).ok);
    const CheckInResult in = desk2->check_in(arrival("T002", "Elira Hoxha"), "");
    REQUIRE_MESSAGE(in.ok, in.message);
    CHECK(tick_until(
        *desk1,
        [&] {
            return desk1->people().rows.size() == 2 && desk1->people().rows[1].person.name == "Elira Hoxha";
        },
        2.0));
}

TEST_CASE("shared centre: a desk that missed the notice is refused at its next save and signed out") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "rotate_missed");
    ManualClock clock{1773500000};
    auto desk1 = std::make_unique<StoreSession>(db.target(), clock, quick_keys());
    create_centre(*desk1);
    auto desk2 = std::make_unique<StoreSession>(db.target(), clock, quick_keys());
    REQUIRE(desk2->sign_in(kCoordinator, kPassphrase).ok);
    REQUIRE(desk1->start_key_rotation(kPassphrase).ok);
    REQUIRE(tick_until(
        *desk1, [&] { return !desk1->rotation_progress(); }, 20.0));
    // Desk 2 saves before its loop has read the notice.
    const CheckInResult refused = desk2->check_in(arrival("T009", "Nguyen Van Anh"), "");
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.find(store::kKeyChangedMessage) != std::string::npos);
    CHECK_FALSE(desk2->signed_in_user());
    CHECK(desk1->people().rows.empty());
}

TEST_CASE("shared centre: an import whose acknowledgement was lost is reported as already imported") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    rc::test::PgTestDatabase db(*server, "import_session");
    rc::test::LostAckProxy proxy(rc::test::conninfo_value(*server, "host"),
                                 rc::test::conninfo_value(*server, "port"));
    ManualClock clock{1773500000};
    {
        StoreSession creator(db.target(), clock, quick_keys());
        create_centre(creator);
    }
    StoreSession desk(db.target() + " host=" + proxy.host(), clock, quick_keys());
    REQUIRE(desk.sign_in(kCoordinator, kPassphrase).ok);
    const std::filesystem::path roll =
        std::filesystem::temp_directory_path() / ("rc-lost-ack-roll-" + std::to_string(::getpid()) + ".csv");
    {
        std::ofstream out(roll);
        out << "tag,name\nR1,Mihaela Ionescu\nR2,Oksana Kovalenko\n";
    }
    // The import commits, its answer is lost, and the server stays out of reach for the desk's retry.
    proxy.drop_next_commit_answer();
    proxy.refuse_connections(true);
    const EditResult lost = desk.import_roll(roll);
    CHECK_FALSE(lost.ok);
    CHECK(lost.message.find("Not connected") != std::string::npos);
    // The server is back; the desk reconnects on its own, and the coordinator imports the file again.
    proxy.refuse_connections(false);
    REQUIRE(tick_until(
        desk, [&] { return desk.status().save_state == SaveState::Reconnected; }, 10.0));
    const EditResult again = desk.import_roll(roll);
    CHECK(again.ok);
    CHECK_MESSAGE(again.message.find("was already imported: its 2 people") != std::string::npos,
                  again.message);
    CHECK(desk.people().rows.size() == 2);
    std::filesystem::remove(roll);
}
