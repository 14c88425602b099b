// The offline roll on a desk of a shared centre (the throwaway PostgreSQL server ctest starts): while
// the server is away, check-ins go into the desk's encrypted offline roll (never "Saved"); they
// survive the desk's restart and, once the server is back, are previewed with duplicate warnings and
// imported all or nothing; the file goes only when the import committed.
#include "app/store_session.hpp"
#include "desk_support.hpp"
#include "store/sqlite_db.hpp"
#include "support/pg_test_server.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>
#include <unistd.h>

using namespace rc;
using namespace rc::app;
using namespace rc::app::test;

namespace {

StoreSession::Options desk_options(const std::filesystem::path& offline_dir) {
    StoreSession::Options o = quick_keys();
    o.offline_roll_dir = offline_dir;
    return o;
}

std::optional<std::int64_t> id_with_tag(const StoreSession& desk, const std::string& tag) {
    for (const PersonRow& r : desk.people().rows)
        if (r.person.tag == tag) return r.id;
    return std::nullopt;
}

Person arrival(const std::string& tag, const std::string& name) {
    Person p;
    p.tag = tag;
    p.name = name;
    p.sex = Sex::Female;
    p.date_of_birth = Date{1990, 2, 3};
    return p;
}

std::string bytes_of(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void set_connections(const rc::test::PgTestDatabase& db, bool allowed, bool cut) {
    if (cut) db.cut_connections(!allowed);
    if (allowed) db.let_in();
}

} // namespace

TEST_CASE("offline roll: check-ins on a desk without the server are kept, sealed, and imported all or none") {
    const auto server = rc::test::test_pg_conninfo();
    if (!server) return;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rc-offline-roll-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "desk1");
    std::filesystem::create_directories(dir / "desk2");

    rc::test::PgTestDatabase db(*server, "offline");
    ManualClock clock{1773500000};
    auto desk1 = std::make_unique<StoreSession>(db.target(), clock, desk_options(dir / "desk1"));
    NewCentreForm form;
    form.centre_name = "Ripley Leisure Centre";
    form.coordinator_name = kCoordinator;
    form.passphrase = form.passphrase_again = kPassphrase;
    REQUIRE(desk1->create_centre(form).ok);
    auto desk2 = std::make_unique<StoreSession>(db.target(), clock, desk_options(dir / "desk2"));
    REQUIRE(desk2->sign_in(kCoordinator, kPassphrase).ok);
    REQUIRE(desk1->check_in(arrival("T001", "Amina Yusuf"), "").ok);
    CHECK_FALSE(desk2->offline_roll_offered()); // connected: check in as usual

    // The server drops every desk and lets none back in for now.
    set_connections(db, false, true);
    REQUIRE(tick_until(
        *desk2, [&] { return desk2->status().save_state == SaveState::NotConnected; }, 3.0));
    REQUIRE(desk2->offline_roll_offered());
    const CheckInResult first = desk2->save_offline(arrival("T010", "Dawit Tesfaye"), "");
    REQUIRE_MESSAGE(first.ok, first.message);
    CHECK(first.message.find("On this desk only") == 0);
    CHECK(first.references.empty()); // no reference until the centre gives one
    const CheckInResult look_alike = desk2->save_offline(arrival("T011", "Amina Yusuf"), "");
    REQUIRE(look_alike.ok);
    CHECK(desk2->status().offline_roll == 2);
    CHECK(desk2->status().save_state == SaveState::NotConnected); // never "Saved"
    // Something the desk can check alone is refused before it reaches the file.
    Person bad = arrival("T012", "X");
    bad.date_of_birth = Date{2999, 1, 1};
    CHECK_FALSE(desk2->save_offline(bad, "").ok);
    CHECK(desk2->status().offline_roll == 2);

    const std::filesystem::path file = dir / "desk2" / "offline-roll-ripley-leisure-centre.rcroll";
    REQUIRE(std::filesystem::exists(file));
    const std::string bytes = bytes_of(file);
    CHECK(bytes.find("Dawit") == std::string::npos);
    CHECK(bytes.find("Tesfaye") == std::string::npos);
    CHECK(bytes.find("Amina") == std::string::npos);
    CHECK(bytes.find("T010") == std::string::npos);
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));

    // The server is back. Desk 1 meanwhile took tag T010 for someone else.
    set_connections(db, true, false);
    REQUIRE(tick_until(
        *desk1, [&] { return desk1->status().save_state == SaveState::Reconnected; }, 6.0));
    REQUIRE(desk1->check_in(arrival("T010", "Ana Marin"), "").ok);

    // Desk 2 restarts: the offline roll is still there.
    desk2.reset();
    desk2 = std::make_unique<StoreSession>(db.target(), clock, desk_options(dir / "desk2"));
    REQUIRE(desk2->sign_in(kCoordinator, kPassphrase).ok);
    CHECK(desk2->status().offline_roll == 2);
    CHECK_FALSE(desk2->offline_roll_offered()); // connected

    // The preview: the tag in use refuses it, the look-alike is warned of by reference only.
    RollPreview preview = desk2->preview_offline_roll();
    CHECK(preview.rows == 2);
    REQUIRE(preview.errors.size() == 1);
    CHECK(preview.errors[0].find("offline check-in 1, tag") == 0);
    REQUIRE(preview.warnings.size() == 1);
    CHECK(preview.warnings[0].find("offline check-in 2") == 0);
    CHECK(preview.warnings[0].find("OP-0001-001") != std::string::npos);
    CHECK(preview.warnings[0].find("Amina") == std::string::npos);

    // All or nothing: refused whole, the file kept.
    const EditResult refused = desk2->import_offline_roll();
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.find("Nothing was imported") == 0);
    CHECK(desk2->people().rows.size() == 2);
    CHECK(std::filesystem::exists(file));
    CHECK(desk2->status().offline_roll == 2);

    // Desk 1 corrects its tag; the import goes through whole and the file goes.
    const auto marin = id_with_tag(*desk1, "T010");
    REQUIRE(marin);
    REQUIRE(desk1->update_person(*marin, arrival("T020", "Ana Marin"), std::nullopt).ok);
    preview = desk2->preview_offline_roll();
    CHECK(preview.ok());
    CHECK(preview.warnings.size() == 1);
    const EditResult imported = desk2->import_offline_roll();
    REQUIRE_MESSAGE(imported.ok, imported.message);
    CHECK(imported.message.find("2 people from the offline roll") == 0);
    CHECK(id_with_tag(*desk2, "T010"));
    CHECK(id_with_tag(*desk2, "T011"));
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(desk2->status().offline_roll == 0);
    CHECK(tick_until(
        *desk1, [&] { return id_with_tag(*desk1, "T011").has_value(); }, 2.0));

    desk1.reset();
    desk2.reset();
    std::filesystem::remove_all(dir);
}
