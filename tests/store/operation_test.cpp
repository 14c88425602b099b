// Activation against the agreed procedure: the tier proposed, the procedure pinned (and never re-read),
// an invalid procedure refused with nothing written, tier changes and action records.
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/venues.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

std::string replace_once(std::string text, std::string_view old, std::string_view replacement) {
    const auto at = text.find(old);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the text: " << old);
    text.replace(at, old.size(), replacement);
    return text;
}

VenueDetails hall(std::string name, int capacity) {
    VenueDetails d;
    d.name = std::move(name);
    d.address = "Bank Road, Matlock";
    d.capacity = capacity;
    d.facilities.kitchen = true;
    d.keyholder_name = "Pat Keyholder";
    d.keyholder_phone = "07700 900123";
    return d;
}

ActivationRequest medium_request(const std::string& procedure_text, const std::string& source) {
    ActivationRequest r;
    r.name = "Operation Larch";
    r.expected_people = 20;
    r.expected_arrival_at = kT0 + 45 * 60;
    r.venue = "Matlock Community Hall";
    r.procedure_text = procedure_text;
    r.procedure_source = source;
    return r;
}

// In the database file or its WAL (recent commits are in the WAL until a checkpoint).
bool in_files(const std::filesystem::path& db, const std::string& needle) {
    std::filesystem::path wal = db;
    wal += "-wal";
    return file_contains(db, needle) || (std::filesystem::exists(wal) && file_contains(wal, needle));
}

std::int64_t count(Store& s, const char* sql) {
    return s.connection_for_reading().query_int(sql);
}

} // namespace

TEST_CASE(
    "operation: activating a medium centre pins the procedure; editing the file later changes nothing") {
    TempDir dir("operation");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    add_venue(*s, hall("Small Room", 12));
    add_venue(*s, hall("Matlock Community Hall", 60));
    add_venue(*s, hall("Leisure Centre", 200));

    const auto file = dir / "procedure.toml";
    const std::string original(default_procedure_text());
    write_file(file, original);

    ActivationProposal proposal = propose_activation(*s, 20, read_file(file), file.string());
    REQUIRE(proposal.ok());
    CHECK(proposal.proposed_tier == Tier::Medium);
    REQUIRE(proposal.venues_that_fit.size() == 2);
    CHECK(proposal.venues_that_fit[0].details.name == "Matlock Community Hall");
    CHECK(proposal.venues_that_fit[1].details.name == "Leisure Centre");
    CHECK(count(*s, "SELECT count(*) FROM pinned_procedure") == 0); // proposing writes nothing

    const auto v0 = s->data_version();
    clock.advance(60);
    ActivationResult r = activate(*s, medium_request(read_file(file), file.string()));
    CHECK(s->data_version() == v0 + 1); // one transaction
    CHECK(r.activation.proposed_tier == Tier::Medium);
    CHECK(r.activation.tier == Tier::Medium);
    CHECK(r.activation.activated_at == kT0 + 60);
    CHECK(r.activation.expected_arrival_at == kT0 + 45 * 60);
    REQUIRE(r.venue);
    CHECK(r.venue->details.name == "Matlock Community Hall");
    CHECK(r.venue_fits);
    CHECK(r.pinned.sha256 == procedure_hash(original));
    CHECK(r.pinned.source_name == "procedure.toml");

    const Centre c = s->centre();
    CHECK(c.name == "Operation Larch");
    CHECK(c.status == CentreStatus::Open);
    CHECK(c.tier == Tier::Medium);
    CHECK(c.expected_people == 20);
    CHECK(c.venue == "Matlock Community Hall");
    CHECK(c.activated_at == kT0 + 60);
    REQUIRE(operation_times(*s));
    CHECK(operation_times(*s)->activated_at == kT0 + 60);
    CHECK_FALSE(operation_times(*s)->first_arrival_at);

    // The automatic log entry, and the audit rows written with it.
    auto log = s->log_entries();
    REQUIRE(log.size() == 1);
    CHECK(log[0].kind == LogKind::Automatic);
    CHECK(log[0].id == r.log_entry);
    CHECK(log[0].text.find("Centre activated: Operation Larch") != std::string::npos);
    CHECK(log[0].text.find("Medium tier for 20 people") != std::string::npos);
    CHECK(log[0].text.find("Matlock Community Hall") != std::string::npos);
    CHECK(log[0].text.find(r.pinned.sha256.substr(0, 12)) != std::string::npos);
    for (const char* table : {"centre", "pinned_procedure", "activation", "activity_log"}) {
        CAPTURE(table);
        bool found = false;
        for (const auto& a : s->audit_entries(20))
            if (a.table == table && a.at == kT0 + 60) found = true;
        CHECK(found);
    }

    // The file is edited afterwards: an action retitled, one removed. The pinned procedure stands.
    const Procedure before = *pinned_procedure(*s);
    REQUIRE(find_action(before, "act-choose-venue"));
    const std::string title = find_action(before, "act-choose-venue")->title;
    std::string edited = replace_once(original, "title = \"" + title + "\"", "title = \"Something else\"");
    edited = replace_once(edited, "id = \"act-take-call\"", "id = \"act-take-the-call\"");
    write_file(file, edited);
    REQUIRE(parse_procedure(read_file(file), "edited").ok());

    s.reset();
    auto reopened = open_signed_in(dir / "centre.sqlite", clock);
    std::optional<Procedure> pinned = pinned_procedure(*reopened);
    REQUIRE(pinned);
    CHECK(pinned->source_sha256 == procedure_hash(original));
    REQUIRE(pinned->actions.size() == before.actions.size());
    CHECK(find_action(*pinned, "act-choose-venue")->title == title);
    CHECK(find_action(*pinned, "act-take-call") != nullptr);
    CHECK(find_action(*pinned, "act-take-the-call") == nullptr);
    CHECK(*pinned_procedure_text(*reopened) == original);

    // Activation happens once; the pinned text cannot be rewritten, even with SQL.
    CHECK_THROWS_AS(activate(*reopened, medium_request(edited, "procedure.toml")), StoreError);
    CHECK_THROWS(reopened->connection_for_reading().exec("UPDATE pinned_procedure SET text = 'x'"));
    CHECK_THROWS(reopened->connection_for_reading().exec("DELETE FROM pinned_procedure"));
    // The venue it ran at stays in the register.
    CHECK_THROWS_AS(remove_venue(*reopened, r.venue->id), StoreError);
}

TEST_CASE("operation: the pinned procedure is checked against its hash") {
    TempDir dir("operation");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    {
        auto s = make_store(db, clock);
        ActivationRequest r;
        r.name = "Drill";
        r.expected_people = 5;
        r.procedure_text = std::string(default_procedure_text());
        r.procedure_source = std::string(default_procedure_name);
        activate(*s, r);
        CHECK(s->centre().tier == Tier::Small);
        CHECK(pinned_procedure_info(*s)->source_name == default_procedure_name);
    }
    {
        // Tampering behind the console's back (the triggers dropped first).
        Connection c = Connection::open(db, AccessMode::ReadWrite);
        c.exec("DROP TRIGGER pinned_procedure_no_update");
        c.exec("UPDATE pinned_procedure SET text = text || '# changed'");
    }
    auto s = open_signed_in(db, clock);
    try {
        pinned_procedure(*s);
        FAIL("a changed pinned procedure was accepted");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::Corrupt);
        CHECK(e.problem().find("fingerprint") != std::string::npos);
    }
}

TEST_CASE("operation: an invalid procedure is refused with the loader's messages and nothing is written") {
    TempDir dir("operation");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    add_venue(*s, hall("Matlock Community Hall", 60));
    const std::string broken =
        replace_once(std::string(default_procedure_text()), "lead = \"council\"", "lead = \"counsil\"");
    const auto v0 = s->data_version();
    const auto audit0 = count(*s, "SELECT count(*) FROM audit");
    try {
        activate(*s, medium_request(broken, "my-procedure.toml"));
        FAIL("an invalid procedure was accepted");
    } catch (const InvalidProcedure& e) {
        CHECK(e.kind() == ErrorKind::InvalidInput);
        REQUIRE_FALSE(e.diagnostics().empty());
        const std::string first = format_diagnostic(e.diagnostics()[0]);
        CHECK(first.rfind("my-procedure.toml:", 0) == 0);
        CHECK(first.find("counsil") != std::string::npos);
        CHECK(e.diagnostics()[0].line > 0);
        CHECK(e.problem().find("not activated") != std::string::npos);
    }
    ActivationProposal p = propose_activation(*s, 20, broken, "my-procedure.toml");
    CHECK_FALSE(p.ok());
    CHECK_FALSE(p.proposed_tier);

    CHECK(s->data_version() == v0);
    CHECK(count(*s, "SELECT count(*) FROM audit") == audit0);
    CHECK(count(*s, "SELECT count(*) FROM pinned_procedure") == 0);
    CHECK(count(*s, "SELECT count(*) FROM activation") == 0);
    CHECK(s->centre().status == CentreStatus::Standby);
    CHECK(s->log_entries().empty());
    CHECK_FALSE(pinned_procedure(*s));

    // Other refusals leave nothing behind either.
    ActivationRequest unknown_venue = medium_request(std::string(default_procedure_text()), "p.toml");
    unknown_venue.venue = "Nowhere Hall";
    CHECK_THROWS_AS(activate(*s, unknown_venue), StoreError);
    ActivationRequest nobody = medium_request(std::string(default_procedure_text()), "p.toml");
    nobody.expected_people = 0;
    CHECK_THROWS_AS(activate(*s, nobody), StoreError);
    ActivationRequest far_off = medium_request(std::string(default_procedure_text()), "p.toml");
    far_off.expected_arrival_at = kT0 + 30 * 24 * 3600;
    CHECK_THROWS_AS(activate(*s, far_off), StoreError);
    CHECK(count(*s, "SELECT count(*) FROM pinned_procedure") == 0);
    CHECK(s->centre().status == CentreStatus::Standby);

    // A volunteer may not activate.
    s->add_user(NewUser{"Val Volunteer", UserRole::Volunteer, "volunteer pass words", ""});
    REQUIRE(s->sign_in("Val Volunteer", "volunteer pass words").ok());
    try {
        activate(*s, medium_request(std::string(default_procedure_text()), "p.toml"));
        FAIL("a volunteer activated the centre");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::NotPermitted);
    }
}

TEST_CASE("operation: the coordinator's tier choice, and raising the tier is recorded and logged") {
    TempDir dir("operation");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    CHECK_THROWS_AS(raise_tier(*s, Tier::Large, "before activation"), StoreError);

    ActivationRequest r;
    r.name = "Operation Ash";
    r.expected_people = 8;
    r.tier = Tier::Small;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "p.toml";
    ActivationResult a = activate(*s, r);
    CHECK(a.activation.proposed_tier == Tier::Small);
    CHECK_FALSE(a.venue);

    clock.advance(600);
    CHECK_THROWS_AS(raise_tier(*s, Tier::Medium, "   "), StoreError); // a reason is required
    CHECK_THROWS_AS(raise_tier(*s, Tier::Small, "same"), StoreError); // not a raise
    raise_tier(*s, Tier::Medium, "A second van with 9 more people is on its way");
    CHECK(s->centre().tier == Tier::Medium);
    CHECK(activation(*s)->tier == Tier::Small); // where it started
    // The tier of an activated centre changes only through raise_tier.
    CHECK_THROWS_AS(s->update_centre(CentreDetails{"Operation Ash", "OP-0001", "", Tier::Large, 8}),
                    StoreError);

    clock.advance(600);
    raise_tier(*s, Tier::Large, "Coach of 14 diverted to us");
    auto changes = tier_changes(*s);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].from == Tier::Small);
    CHECK(changes[0].to == Tier::Medium);
    CHECK(changes[0].at == kT0 + 600);
    CHECK(changes[0].reason == "A second van with 9 more people is on its way");
    CHECK(changes[1].to == Tier::Large);
    CHECK_THROWS_AS(raise_tier(*s, Tier::Medium, "down"), StoreError);

    auto log = s->log_entries();
    REQUIRE(log.size() == 3);
    CHECK(log[0].kind == LogKind::Automatic);
    CHECK(log[0].text == "Tier raised from Medium to Large: Coach of 14 diverted to us");
    CHECK(log[1].text == "Tier raised from Small to Medium: A second van with 9 more people is on its way");
    // The reason is sealed in the file; the audit row names it without its value.
    CHECK_FALSE(in_files(dir / "centre.sqlite", "diverted"));
    CHECK(in_files(dir / "centre.sqlite", "Operation Ash")); // not personal: in clear
    bool audited = false;
    for (const auto& e : s->audit_entries(10))
        if (e.table == "tier_changes" &&
            e.changes.find("\"reason\":\"(personal, not recorded)\"") != std::string::npos)
            audited = true;
    CHECK(audited);
    // The schema itself refuses a lowering.
    CHECK_THROWS(
        s->connection_for_reading().exec("INSERT INTO tier_changes (at, by_user, from_tier, to_tier, "
                                         "reason_enc) VALUES (0, 1, 'large', 'small', x'00')"));

    // Standing down and closing log automatically; a closed centre's tier stays.
    s->set_centre_status(CentreStatus::StandingDown);
    s->set_centre_status(CentreStatus::Closed);
    log = s->log_entries();
    CHECK(log[0].text == "Centre status: Closed");
    CHECK(log[1].text == "Centre status: Standing down");
    CHECK_THROWS_AS(raise_tier(*s, Tier::Large, "too late"), StoreError);
}

TEST_CASE("operation: action records are append-only and the latest per action counts") {
    TempDir dir("operation");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    CHECK_THROWS_AS(record_action(*s, "act-take-call", ActionOutcome::Done), StoreError); // not activated

    ActivationRequest r;
    r.name = "Operation Elm";
    r.expected_people = 20;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "p.toml";
    activate(*s, r);
    const Procedure p = *pinned_procedure(*s);

    clock.advance(5 * 60);
    record_action(*s, "act-take-call", ActionOutcome::Done);
    clock.advance(60);
    record_action(*s, "act-choose-venue", ActionOutcome::NotApplicable, "Venue pre-booked by police",
                  "Police operation lead");
    clock.advance(60);
    record_action(*s, "act-choose-venue", ActionOutcome::Done); // latest wins
    clock.advance(60);
    record_action(*s, "act-call-out", ActionOutcome::Done);
    clock.advance(60);
    reopen_action(*s, "act-call-out", "Ticked by mistake");

    CHECK_THROWS_AS(record_action(*s, "no-such-action", ActionOutcome::Done), StoreError);
    CHECK_THROWS_AS(record_action(*s, "act-health", ActionOutcome::NotApplicable, "  "), StoreError);
    CHECK_THROWS_AS(reopen_action(*s, "act-call-out"), StoreError);    // already reopened
    CHECK_THROWS_AS(reopen_action(*s, "act-choose-tier"), StoreError); // nothing recorded

    auto history = action_history(*s);
    REQUIRE(history.size() == 5);
    CHECK(history[0].by == kCoordinator); // the signed-in user's name by default
    CHECK(history[1].by == "Police operation lead");
    CHECK(history[1].outcome == RecordedOutcome::NotApplicable);
    CHECK(history[1].reason == "Venue pre-booked by police");
    CHECK(history[4].outcome == RecordedOutcome::Reopened);

    auto records = action_records(*s);
    REQUIRE(records.size() == 2);
    CHECK(records[0].action_id == "act-take-call");
    CHECK(records[0].at == kT0 + 5 * 60);
    CHECK(records[1].action_id == "act-choose-venue");
    CHECK(records[1].outcome == ActionOutcome::Done);

    // They feed the domain's evaluation directly.
    auto times = *operation_times(*s);
    clock.advance(24 * 3600);
    auto states = evaluate_actions(p, s->centre().tier, times, records, clock);
    int done = 0;
    bool call_out_overdue = false;
    for (const ActionState& st : states) {
        if (st.status == ActionStatus::Done) ++done;
        if (p.actions[st.action_index].id == "act-call-out")
            call_out_overdue = st.status == ActionStatus::Overdue;
    }
    CHECK(done == 2);
    CHECK(call_out_overdue);

    // Names and reasons are sealed; the records cannot be changed.
    CHECK_FALSE(in_files(dir / "centre.sqlite", "Police operation lead"));
    CHECK_FALSE(in_files(dir / "centre.sqlite", "pre-booked"));
    CHECK_THROWS(s->connection_for_reading().exec("UPDATE action_records SET outcome = 'done'"));
    CHECK_THROWS(s->connection_for_reading().exec("DELETE FROM action_records"));
}
