// Partners and staff: the call-out board, the staff sign-in list, the roles matrix for the tier and the
// partner directory; each write audited without personal values, and staff details sealed in the file.
#include "store/partners.hpp"

#ifdef SQLITE_VERSION
#error "store/partners.hpp includes sqlite3.h"
#endif
#ifdef sodium_H
#error "store/partners.hpp includes sodium.h"
#endif

#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/operation.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr UnixSeconds kMinute = 60;

ActivationRequest request_for(int expected_people) {
    ActivationRequest r;
    r.name = "Operation Larch";
    r.expected_people = expected_people;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "derbyshire-template.toml";
    return r;
}

// A coordinator's store with a medium centre activated under the default procedure.
std::unique_ptr<Store> medium_centre(const std::filesystem::path& db, const Clock& clock) {
    auto s = make_store(db, clock);
    activate(*s, request_for(20));
    REQUIRE(s->centre().tier == Tier::Medium);
    return s;
}

const CalloutBoardEntry& entry(const std::vector<CalloutBoardEntry>& board, const std::string& contact) {
    for (const CalloutBoardEntry& e : board)
        if (e.contact.id == contact) return e;
    FAIL("no board entry for " << contact);
    return board.front();
}

bool has_alert(const RolesOnSite& r, const std::string& partner) {
    return std::any_of(r.matrix.alerts.begin(), r.matrix.alerts.end(),
                       [&](const CoverageAlert& a) { return a.partner_id == partner; });
}

StaffDetails red_cross_volunteer(std::string name = "Morag Ellison") {
    StaffDetails d;
    d.name = std::move(name);
    d.phone = "07700 900456";
    d.partner_id = "red_cross";
    d.role_at_centre = "Welfare";
    d.awareness_trained = true;
    return d;
}

std::int64_t count(const Store& s, const std::string& sql) {
    return s.connection_for_reading().query_int(sql);
}

void sign_in_volunteer(Store& s) {
    s.add_user(NewUser{"Val Volunteer", UserRole::Volunteer, "volunteer words", "1357"});
    REQUIRE(s.sign_in("Val Volunteer", "volunteer words").ok());
}

template <class F> ErrorKind error_kind_of(F&& f) {
    try {
        f();
    } catch (const StoreError& e) {
        return e.kind();
    }
    FAIL("no StoreError thrown");
    return ErrorKind::Sql;
}

} // namespace

TEST_CASE("partners: the call-out board lists the pinned cascade, every contact not called at first") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    CHECK(callout_board(*s).empty()); // no procedure before activation
    CHECK(error_kind_of([&] { record_callout(*s, "police-101", {}); }) == ErrorKind::InvalidInput);
    activate(*s, request_for(20));

    const auto board = callout_board(*s);
    const auto cascade = call_out_cascade(*pinned_procedure(*s));
    REQUIRE(board.size() == cascade.size());
    for (std::size_t i = 0; i < board.size(); ++i) {
        CHECK(board[i].contact.id == cascade[i].id);
        CHECK(board[i].state.status == CalloutStatus::NotCalled);
        CHECK(board[i].attempts == 0);
        CHECK_FALSE(board[i].follow_up);
    }
    CHECK(board[0].contact.phone == "101");
    CHECK(board[0].partner_name == "Derbyshire Constabulary (Modern Slavery Team)");
}

TEST_CASE("partners: calling a partner out and confirming it, with history, audit and log") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = medium_centre(dir / "centre.sqlite", clock);
    const auto audit_before = count(*s, "SELECT count(*) FROM audit");

    clock.advance(2 * kMinute);
    record_callout(*s, "call-derbyshire", CalloutDetails{CalloutStatus::NoAnswer, {}, {}, {}, {}});
    auto e = entry(callout_board(*s), "call-derbyshire");
    CHECK(e.state.status == CalloutStatus::NoAnswer);
    CHECK(e.attempts == 1);
    CHECK(e.first_called_at == kT0 + 2 * kMinute);
    REQUIRE(e.follow_up);
    CHECK(e.follow_up->kind == FollowUpKind::RetryCall);
    CHECK_FALSE(e.overdue(clock.now()));
    clock.advance(15 * kMinute);
    CHECK(entry(callout_board(*s), "call-derbyshire").overdue(clock.now())); // the call-back stands out

    record_callout(
        *s, "call-derbyshire",
        CalloutDetails{CalloutStatus::Called, {}, {}, std::string("Duty officer will ring back"), {}});
    clock.advance(5 * kMinute);
    const UnixSeconds arrival = clock.now() + 40 * kMinute;
    const auto event =
        record_callout(*s, "call-derbyshire", CalloutDetails{CalloutStatus::Confirmed, 3, arrival, {}, {}});
    e = entry(callout_board(*s), "call-derbyshire");
    CHECK(e.state.status == CalloutStatus::Confirmed);
    CHECK(e.state.since == clock.now());
    CHECK(e.state.people == 3);
    CHECK(e.state.expected_arrival_at == arrival);
    CHECK(e.attempts == 2);
    CHECK(e.notes == "Duty officer will ring back"); // kept: this change gave no notes
    CHECK(e.updated_by == s->session().user);
    CHECK(e.follow_up->kind == FollowUpKind::ChaseArrival);

    const auto history = callout_history(*s, "call-derbyshire");
    REQUIRE(history.size() == 3);
    CHECK(history[0].from == CalloutStatus::NotCalled);
    CHECK(history[0].to == CalloutStatus::NoAnswer);
    CHECK(history[1].notes == "Duty officer will ring back");
    CHECK_FALSE(history[2].notes);
    CHECK(history[2].id == event);
    CHECK(history[2].people == 3);
    CHECK(callout_history(*s).size() == 3);
    CHECK(callout_history(*s, "police-101").empty());

    // Every change audited in its transaction; the notes named, never written.
    CHECK(count(*s, "SELECT count(*) FROM audit") > audit_before);
    CHECK(count(*s, "SELECT count(*) FROM audit WHERE table_name = 'callout_events'") == 3);
    CHECK(count(*s, "SELECT count(*) FROM audit WHERE changes LIKE '%ring back%'") == 0);
    CHECK(count(*s, "SELECT count(*) FROM audit WHERE table_name = 'callouts' AND changes LIKE "
                    "'%\"status\":{\"from\":\"called\",\"to\":\"confirmed\"}%'") == 1);
    // And in the activity log as an automatic entry, in the procedure's words.
    const auto log = s->log_entries();
    REQUIRE_FALSE(log.empty());
    CHECK(log[0].kind == LogKind::Automatic);
    CHECK(log[0].text.find("Call-out: Call Derbyshire") != std::string::npos);
    CHECK(log[0].text.find("Confirmed, 3 people, expected at") != std::string::npos);

    // On site, then stood down.
    record_callout(*s, "call-derbyshire", CalloutDetails{CalloutStatus::OnSite, {}, {}, {}, {}});
    record_callout(*s, "call-derbyshire", CalloutDetails{CalloutStatus::StoodDown, {}, {}, {}, {}});
    CHECK(entry(callout_board(*s), "call-derbyshire").state.status == CalloutStatus::StoodDown);
}

TEST_CASE("partners: refused call-outs write nothing") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = medium_centre(dir / "centre.sqlite", clock);
    record_callout(*s, "police-101", CalloutDetails{CalloutStatus::OnSite, {}, {}, {}, {}});
    const auto writes = count(*s, "SELECT count(*) FROM audit");
    const auto version = s->data_version();

    SUBCASE("a transition the rules refuse") {
        try {
            record_callout(*s, "police-101", CalloutDetails{CalloutStatus::Confirmed, 2, {}, {}, {}});
            FAIL("accepted on site -> confirmed");
        } catch (const StoreError& e) {
            CHECK(e.kind() == ErrorKind::InvalidInput);
            CHECK(e.problem() == "Derbyshire Constabulary cannot go from on site to confirmed.");
        }
    }
    SUBCASE("a contact that is not in the pinned procedure") {
        CHECK(error_kind_of([&] { record_callout(*s, "red-cross-callout", CalloutDetails{}); }) ==
              ErrorKind::InvalidInput);
    }
    SUBCASE("a time in the future") {
        CHECK(error_kind_of([&] {
                  record_callout(*s, "mshtu-advice",
                                 CalloutDetails{CalloutStatus::Called, {}, {}, {}, clock.now() + 3600});
              }) == ErrorKind::InvalidInput);
    }
    SUBCASE("a volunteer") {
        sign_in_volunteer(*s);
        const auto after_user = count(*s, "SELECT count(*) FROM audit");
        CHECK(error_kind_of([&] { record_callout(*s, "mshtu-advice", CalloutDetails{}); }) ==
              ErrorKind::NotPermitted);
        CHECK(error_kind_of([&] { set_callout_notes(*s, "mshtu-advice", "x"); }) == ErrorKind::NotPermitted);
        CHECK(count(*s, "SELECT count(*) FROM audit") == after_user);
        return;
    }
    CHECK(count(*s, "SELECT count(*) FROM audit") == writes);
    CHECK(s->data_version() == version);
    CHECK(count(*s, "SELECT count(*) FROM callout_events") == 1);
}

TEST_CASE("partners: notes on a contact before calling, and outside the cascade") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = medium_centre(dir / "centre.sqlite", clock);
    set_callout_notes(*s, "mshtu-advice", "Ask for the duty sergeant");
    auto e = entry(callout_board(*s), "mshtu-advice");
    CHECK(e.state.status == CalloutStatus::NotCalled);
    CHECK(e.notes == "Ask for the duty sergeant");
    // A reference number rang anyway joins the board after the cascade.
    const auto cascade_size = callout_board(*s).size();
    record_callout(*s, "refuge-helpline", CalloutDetails{CalloutStatus::Called, {}, {}, {}, {}});
    const auto board = callout_board(*s);
    REQUIRE(board.size() == cascade_size + 1);
    CHECK(board.back().contact.id == "refuge-helpline");
    CHECK(board.back().state.status == CalloutStatus::Called);
}

TEST_CASE("partners: signing a staff member in and out, and a quick sign-in when they return") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = medium_centre(dir / "centre.sqlite", clock);

    const StaffId id = sign_in_staff(*s, red_cross_volunteer());
    auto rec = staff_record(*s, id);
    REQUIRE(rec);
    CHECK(rec->name == "Morag Ellison");
    CHECK(rec->phone == "07700 900456");
    CHECK(rec->organisation == "British Red Cross"); // the partner's name, filled in
    CHECK(rec->time_in == kT0);
    CHECK(rec->on_site());
    CHECK(rec->person_id == id);
    CHECK(rec->signed_in_by == s->session().user);
    REQUIRE(on_site_staff(*s).size() == 1);

    clock.advance(3600);
    sign_out_staff(*s, id);
    rec = staff_record(*s, id);
    CHECK(rec->time_out == kT0 + 3600);
    CHECK(on_site_staff(*s).empty());
    CHECK(error_kind_of([&] { sign_out_staff(*s, id); }) == ErrorKind::InvalidInput);
    CHECK(count(*s, "SELECT count(*) FROM audit WHERE table_name = 'staff' AND action = 'update' AND changes "
                    "LIKE '%time_out%'") == 1);

    // Back the next morning: the returning list offers them, and a quick sign-in copies their details.
    CHECK(returning_staff(*s).size() == 1);
    clock.advance(10 * 3600);
    const StaffId again = quick_sign_in(*s, id);
    rec = staff_record(*s, again);
    CHECK(rec->name == "Morag Ellison");
    CHECK(rec->phone == "07700 900456");
    CHECK(rec->partner_id == "red_cross");
    CHECK(rec->role_at_centre == "Welfare");
    CHECK(rec->awareness_trained);
    CHECK(rec->time_in == clock.now());
    CHECK(rec->person_id == id);
    CHECK(returning_staff(*s).empty()); // they are here
    // Not twice while they are on site, from either record.
    CHECK(error_kind_of([&] { quick_sign_in(*s, id); }) == ErrorKind::InvalidInput);
    CHECK(error_kind_of([&] { quick_sign_in(*s, again); }) == ErrorKind::InvalidInput);
    CHECK(staff(*s).size() == 2);
}

TEST_CASE("partners: staff details are checked, and a volunteer may sign staff in and out") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = medium_centre(dir / "centre.sqlite", clock);
    sign_in_volunteer(*s);

    StaffDetails d = red_cross_volunteer();
    d.partner_id = "red_crosss";
    try {
        sign_in_staff(*s, d);
        FAIL("accepted an unknown partner");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::InvalidInput);
        CHECK(e.problem().find("Morag") == std::string::npos); // messages name no one
    }
    d = red_cross_volunteer();
    d.name = "  ";
    CHECK(staff_details_problem(d) == "The staff member needs a name.");
    d = red_cross_volunteer();
    d.partner_id.clear();
    CHECK(staff_details_problem(d));
    d.organisation = "St John Ambulance";
    CHECK_FALSE(staff_details_problem(d));
    d.time_in = clock.now() + 3600;
    CHECK(error_kind_of([&] { sign_in_staff(*s, d); }) == ErrorKind::InvalidInput);

    d.time_in = clock.now() - 20 * kMinute; // entered late
    const StaffId id = sign_in_staff(*s, d);
    CHECK(staff_record(*s, id)->organisation == "St John Ambulance");
    CHECK(staff_record(*s, id)->partner_id.empty());
    CHECK(error_kind_of([&] { sign_out_staff(*s, id, clock.now() - 3600); }) == ErrorKind::InvalidInput);
    d.role_at_centre = "First aid";
    update_staff(*s, id, d);
    CHECK(staff_record(*s, id)->role_at_centre == "First aid");
    sign_out_staff(*s, id);
    CHECK(on_site_staff(*s).empty());
    CHECK(error_kind_of([&] {
              add_directory_entry(*s, DirectoryEntryDetails{"NHS", "nhs", "", "", "", ""});
          }) == ErrorKind::NotPermitted);
}

TEST_CASE("partners: an uncovered required role is an alert until someone from the partner signs in") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    CHECK_FALSE(roles_matrix(*s)); // no procedure yet
    activate(*s, request_for(20));

    auto roles = roles_matrix(*s);
    REQUIRE(roles);
    CHECK(roles->matrix.tier == Tier::Medium);
    REQUIRE(has_alert(*roles, "red_cross"));
    const auto alert = std::find_if(roles->matrix.alerts.begin(), roles->matrix.alerts.end(),
                                    [](const CoverageAlert& a) { return a.partner_id == "red_cross"; });
    CHECK(alert->message ==
          "No one from British Red Cross is on site: the procedure needs them on site at a medium centre.");

    const StaffId id = sign_in_staff(*s, red_cross_volunteer());
    roles = roles_matrix(*s);
    CHECK_FALSE(has_alert(*roles, "red_cross"));
    const auto row = std::find_if(roles->matrix.roles.begin(), roles->matrix.roles.end(),
                                  [](const RoleCoverage& r) { return r.partner_id == "red_cross"; });
    REQUIRE(row->filled_by.size() == 1);
    CHECK(roles->on_site[row->filled_by[0]].name == "Morag Ellison");
    CHECK(roles->on_site[row->filled_by[0]].id == id);

    clock.advance(3600);
    sign_out_staff(*s, id);
    CHECK(has_alert(*roles_matrix(*s), "red_cross"));
}

TEST_CASE("partners: after the tier is raised from medium to large the matrix shows the large tier's roles") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = medium_centre(dir / "centre.sqlite", clock);
    auto medium = roles_matrix(*s);
    CHECK_FALSE(has_alert(*medium, "emsou"));
    CHECK_FALSE(has_alert(*medium, "justice_and_care"));

    clock.advance(3600);
    raise_tier(*s, Tier::Large, "A second coach of 14 is on its way");
    auto large = roles_matrix(*s);
    CHECK(large->matrix.tier == Tier::Large);
    CHECK(has_alert(*large, "emsou"));
    CHECK(has_alert(*large, "justice_and_care"));
    CHECK(large->matrix.alerts.size() == medium->matrix.alerts.size() + 2);
    for (const RoleCoverage& r : large->matrix.roles)
        if (r.partner_id == "emsou") CHECK(r.on_site_required);
}

TEST_CASE("partners: the partner directory is kept apart from the call-out record") {
    TempDir dir("partners");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock); // no activation needed: it is standing data
    DirectoryEntryDetails d{"British Red Cross", "red_cross",     "Emergency response duty officer",
                            "Duty officer",      "0300 000 0000", "Ask for the reception-centre plan"};
    const DirectoryEntryId id = add_directory_entry(*s, d);
    auto all = partner_directory(*s);
    REQUIRE(all.size() == 1);
    CHECK(all[0].details == d);
    CHECK(all[0].updated_by == s->session().user);
    CHECK(error_kind_of([&] {
              add_directory_entry(*s, DirectoryEntryDetails{"  ", "", "", "", "", ""});
          }) == ErrorKind::InvalidInput);
    CHECK(error_kind_of([&] {
              add_directory_entry(*s, DirectoryEntryDetails{"X", "Red Cross", "", "", "", ""});
          }) == ErrorKind::InvalidInput);

    clock.advance(60);
    d.phone = "0300 000 0001";
    update_directory_entry(*s, id, d);
    CHECK(directory_entry(*s, id)->details.phone == "0300 000 0001");
    CHECK(directory_entry(*s, id)->updated_at == kT0 + 60);
    CHECK(count(*s,
                "SELECT count(*) FROM audit WHERE table_name = 'partner_directory' AND action = 'update' AND "
                "changes = '{\"phone\":\"(personal, not recorded)\"}'") == 1);
    CHECK(count(*s, "SELECT count(*) FROM callouts") == 0);

    remove_directory_entry(*s, id);
    CHECK(partner_directory(*s).empty());
    CHECK_FALSE(directory_entry(*s, id));
    CHECK(error_kind_of([&] { remove_directory_entry(*s, id); }) == ErrorKind::InvalidInput);
}

TEST_CASE("partners: staff names and phones never appear in the database file, its WAL or the log") {
    constexpr const char* kName = "Wilhelmina Trevanion-Oyelaran";
    constexpr const char* kDistinctive = "Trevanion";
    constexpr const char* kPhone = "07700 918273";
    TempDir dir("partners-privacy");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    const auto log_path = dir / "console.log";

    auto previous = spdlog::default_logger();
    auto logger = spdlog::basic_logger_mt("partners-privacy-test", log_path.string(), true);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::trace);

    auto clean = [&](const std::filesystem::path& p) {
        CAPTURE(p.string());
        const std::string bytes = read_file(p);
        CHECK(bytes.find(kDistinctive) == std::string::npos);
        CHECK(bytes.find("TREVANION") == std::string::npos);
        CHECK(bytes.find("trevanion") == std::string::npos);
        CHECK(bytes.find(kPhone) == std::string::npos);
    };
    {
        auto s = medium_centre(db, clock);
        StaffDetails d = red_cross_volunteer(kName);
        d.phone = kPhone;
        const StaffId id = sign_in_staff(*s, d);
        clock.advance(3600);
        sign_out_staff(*s, id);
        const StaffId again = quick_sign_in(*s, id);
        d.role_at_centre = "Welfare lead";
        update_staff(*s, again, d);
        record_callout(*s, "police-101",
                       CalloutDetails{CalloutStatus::Called, {}, {}, std::string("Spoke to ") + kName, {}});
        add_directory_entry(*s, DirectoryEntryDetails{"British Red Cross", "red_cross", "", kName, kPhone,
                                                      std::string("Mobile of ") + kName});
        // An error about this record names no one.
        try {
            quick_sign_in(*s, id);
            FAIL("signed in twice");
        } catch (const StoreError& e) {
            CHECK(std::string(e.what()).find(kDistinctive) == std::string::npos);
            CHECK(e.problem().find(kDistinctive) == std::string::npos);
        }
        // The audit trail names the personal fields, never their values.
        for (const AuditEntry& a : s->audit_entries(1000)) {
            CHECK(a.changes.find(kDistinctive) == std::string::npos);
            CHECK(a.changes.find(kPhone) == std::string::npos);
        }
        std::filesystem::path wal = db;
        wal += "-wal";
        REQUIRE(std::filesystem::exists(wal));
        REQUIRE(std::filesystem::file_size(wal) > 0);
        clean(wal);
        // It is in there, sealed.
        CHECK(staff_record(*s, again)->name == kName);
        CHECK(partner_directory(*s)[0].details.contact_name == kName);
    }
    logger->flush();
    spdlog::set_default_logger(previous);
    spdlog::drop("partners-privacy-test");
    spdlog::set_level(spdlog::level::warn);

    clean(db);
    clean(log_path);
    CHECK(file_contains(log_path, "staff #1 signed in"));
}

TEST_CASE("partners: a database from every earlier version upgrades and takes call-outs and staff") {
    for (const Migration& migration : schema_migrations()) {
        const int version = migration.version;
        if (version == latest_schema_version()) break;
        CAPTURE(version);
        TempDir dir("partners-migrate");
        ManualClock clock(kT0);
        const auto db = dir / "centre.sqlite";
        { Store::create(quick_options(db, version), clock); }
        auto s = Store::open(db, OpenOptions{OpenMode::ReadWrite, dir / "backups"}, clock);
        REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok()); // the last step of an upgrade needs the key
        REQUIRE(s->upgraded_from() == version);
        activate(*s, request_for(40));
        record_callout(*s, "police-101", CalloutDetails{CalloutStatus::Confirmed, 2, {}, {}, {}});
        sign_in_staff(*s, red_cross_volunteer());
        add_directory_entry(*s, DirectoryEntryDetails{"NHS", "nhs", "", "", "", ""});
        CHECK(entry(callout_board(*s), "police-101").state.status == CalloutStatus::Confirmed);
        CHECK(on_site_staff(*s).size() == 1);
        CHECK_FALSE(has_alert(*roles_matrix(*s), "red_cross"));
        CHECK(partner_directory(*s).size() == 1);
    }
}
