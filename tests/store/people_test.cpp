// The people received: check-in and reading back, groups of placeholders completed later, the nominal
// roll imported whole or not at all, journey steps, duplicate warnings, roles, and privacy.
#include "cli/bench/checkin_benchmark.hpp"
#include "store/people.hpp"

// Screens include the people header: it must not bring SQLite or libsodium with it.
#ifdef SQLITE_VERSION
#error "store/people.hpp includes sqlite3.h"
#endif
#ifdef sodium_H
#error "store/people.hpp includes sodium.h"
#endif

#include "store/backup.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <chrono>
#include <doctest/doctest.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>
#include <sstream>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;
using rc::cli::bench::synthetic_roll;

namespace {

constexpr UnixSeconds kDay = 24 * 3600;

Person full_person() {
    Person p;
    p.tag = "T001";
    p.name = "Andrei Popescu";
    p.alias = "Andi";
    p.sex = Sex::Male;
    p.date_of_birth = Date{1994, 3, 12};
    p.nationality = "RO";
    p.languages = {"ro", "en"};
    p.interpreter_needed = true;
    p.medical_needs = "Cut on the left hand, dressed on site";
    p.diet = "Vegetarian";
    p.arrival_group = "Bus 1";
    p.exploitation = {ExploitationType::Labour};
    p.indicators = {ForcedLabourIndicator::DebtBondage, ForcedLabourIndicator::RetentionOfDocuments};
    p.property_held = "Phone, wallet with 20 pounds";
    p.nrm_consent = NrmConsent::Undecided;
    return p;
}

// Everything but the reference and the journey, which the store assigns.
void check_same_details(const Person& got, const Person& want) {
    CHECK(got.tag == want.tag);
    CHECK(got.name == want.name);
    CHECK(got.alias == want.alias);
    CHECK(got.sex == want.sex);
    CHECK(got.date_of_birth == want.date_of_birth);
    CHECK(got.claimed_age == want.claimed_age);
    CHECK(got.age_band == want.age_band);
    CHECK(got.stated_child == want.stated_child);
    CHECK(got.nationality == want.nationality);
    CHECK(got.languages == want.languages);
    CHECK(got.interpreter_needed == want.interpreter_needed);
    CHECK(got.medical_needs == want.medical_needs);
    CHECK(got.diet == want.diet);
    CHECK(got.arrival_group == want.arrival_group);
    CHECK(got.exploitation == want.exploitation);
    CHECK(got.indicators == want.indicators);
    CHECK(got.property_held == want.property_held);
    CHECK(got.nrm_consent == want.nrm_consent);
}

std::vector<AuditEntry> audit_rows(const Store& s, std::string_view action, std::string_view table) {
    std::vector<AuditEntry> out;
    for (AuditEntry& e : s.audit_entries(1000000))
        if (e.action == action && e.table == table) out.push_back(std::move(e));
    return out;
}

std::int64_t count(const Store& s, const std::string& table) {
    return s.connection_for_reading().query_int("SELECT count(*) FROM " + table);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines)
        out += l + "\n";
    return out;
}

std::string problems_text(const std::vector<RollProblem>& problems) {
    std::string out;
    for (const RollProblem& p : problems)
        out += format_roll_problem(p) + "\n";
    return out;
}

std::string field_problems_text(const std::vector<FieldProblem>& problems) {
    std::string out;
    for (const FieldProblem& p : problems)
        out += p.field + ": " + p.message + "\n";
    return out;
}

std::vector<FieldProblem> rejection(const std::function<void()>& f) {
    try {
        f();
    } catch (const PersonRejected& e) {
        return e.problems();
    }
    FAIL("not rejected");
    return {};
}

std::string refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::InvalidInput);
        return e.problem();
    }
    FAIL("not refused");
    return {};
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Times on the roll read as UTC, so that the tests do not depend on the machine's time zone.
RollImportOptions utc_roll() {
    RollImportOptions o;
    o.to_unix_seconds = [](const LocalDateTime& t) -> std::optional<UnixSeconds> {
        return unix_seconds_from_utc(t);
    };
    o.date_of = utc_date_of;
    return o;
}

} // namespace

TEST_CASE("people: a person checked in reads back whole, with a reference and the arrival step") {
    TempDir dir("people-checkin");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    CHECK_FALSE(first_arrival_at(*s));

    const Person p = full_person();
    const std::uint64_t version = s->data_version();
    const CheckedIn in = check_in(*s, p, kT0 - 600);
    CHECK(in.reference == "OP-0001-001");
    CHECK(s->data_version() == version + 1);

    // Only the reference is required: someone who gives nothing is still checked in.
    clock.advance(60);
    const CheckedIn nobody = check_in(*s, Person{}, clock.now());
    CHECK(nobody.reference == "OP-0001-002");

    const auto all = people(*s);
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == in.id);
    CHECK(all[0].person.reference == "OP-0001-001");
    check_same_details(all[0].person, p);
    CHECK_FALSE(all[0].medical_withheld);
    REQUIRE(all[0].person.journey.size() == 1);
    CHECK(all[0].person.journey[0].step == JourneyStep::Arrived);
    CHECK(all[0].person.journey[0].at == kT0 - 600);
    CHECK(all[0].journey.on_site);
    CHECK(all[0].journey.arrived_at == kT0 - 600);
    CHECK(all[0].created_at == kT0);
    CHECK(all[1].person.reference == "OP-0001-002");
    check_same_details(all[1].person, Person{});

    const auto one = person(*s, in.id);
    REQUIRE(one);
    check_same_details(one->person, p);
    CHECK_FALSE(person(*s, 999));

    const auto steps = journey(*s, in.id);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].person == in.id);
    CHECK(steps[0].recorded_by == *s->session().user);
    CHECK(steps[0].recorded_at == kT0);

    CHECK(first_arrival_at(*s) == kT0 - 600);

    // The audit trail names the personal fields and keeps their values out.
    const auto inserts = audit_rows(*s, "insert", "people");
    REQUIRE(inserts.size() == 2);
    const std::string& changes = inserts.back().changes; // newest first: the first check-in is last
    CHECK(inserts.back().record == in.id);
    CAPTURE(changes);
    // Fields about a person are named, never their values (not even the operational ones).
    CHECK(has(changes, "\"reference\":\"(personal, not recorded)\""));
    CHECK(has(changes, "\"tag\":\"(personal, not recorded)\""));
    CHECK(has(changes, "\"nationality\":\"(personal, not recorded)\""));
    CHECK(has(changes, "\"exploitation\":\"(personal, not recorded)\""));
    CHECK_FALSE(has(changes, "T001"));
    CHECK_FALSE(has(changes, "labour"));
    CHECK(has(changes, "\"name\":\"(personal, not recorded)\""));
    CHECK(has(changes, "\"date_of_birth\":\"(personal, not recorded)\""));
    CHECK(has(changes, "\"medical_needs\":\"(personal, not recorded)\""));
    for (const AuditEntry& e : s->audit_entries(1000)) {
        CHECK_FALSE(has(e.changes, "Popescu"));
        CHECK_FALSE(has(e.changes, "1994"));
        CHECK_FALSE(has(e.changes, "Vegetarian"));
    }
    CHECK(audit_rows(*s, "insert", "journey_events").size() == 2);
}

TEST_CASE("people: invalid details, a tag in use or a future arrival are refused, naming the field") {
    TempDir dir("people-refused");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const CheckedIn first = check_in(*s, full_person(), kT0);
    const std::uint64_t version = s->data_version();

    Person p = full_person();
    p.tag = "t001"; // the same tag, in another case
    p.date_of_birth = Date{2030, 1, 1};
    const auto problems = rejection([&] { check_in(*s, p, kT0); });
    CAPTURE(field_problems_text(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].field == "dob");
    CHECK(problems[1].field == "tag");
    CHECK(problems[1].message == "tag t001 is already on OP-0001-001");

    Person later;
    const auto future = rejection([&] { check_in(*s, later, kT0 + 3600); });
    REQUIRE(future.size() == 1);
    CHECK(future[0].field == "arrived_at");

    // The messages carry no personal values.
    try {
        Person named = full_person();
        named.claimed_age = 200;
        check_in(*s, named, kT0);
        FAIL("not refused");
    } catch (const PersonRejected& e) {
        CHECK_FALSE(has(e.problem(), "Popescu"));
        CHECK(has(e.problem(), "othing was saved"));
    }
    CHECK(s->data_version() == version);
    CHECK(count(*s, "people") == 1);

    // An edit is checked the same way, leaving out the person's own tag.
    Person edited = full_person();
    edited.alias = "Andy";
    update_person(*s, first.id, edited);
    const CheckedIn second = check_in(*s, Person{}, kT0);
    Person clash;
    clash.tag = "T001";
    const auto on_edit = rejection([&] { update_person(*s, second.id, clash); });
    REQUIRE(on_edit.size() == 1);
    CHECK(on_edit[0].field == "tag");
    CHECK(refusal([&] { update_person(*s, 999, Person{}); }) == "There is no person #999.");
}

TEST_CASE("people: a group of 12 arrives in one step; two are completed later") {
    TempDir dir("people-group");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);

    const std::uint64_t version = s->data_version();
    const auto bus = register_group(*s, 12, "Bus 1", kT0 - 300, "T001");
    CHECK(s->data_version() == version + 1); // one transaction
    REQUIRE(bus.size() == 12);
    CHECK(bus.front().reference == "OP-0001-001");
    CHECK(bus.back().reference == "OP-0001-012");

    auto all = people(*s);
    REQUIRE(all.size() == 12);
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].person.tag == (i < 9 ? "T00" : "T0") + std::to_string(i + 1));
        CHECK(all[i].person.arrival_group == "Bus 1");
        CHECK(all[i].person.name.empty());
        CHECK(all[i].journey.arrived_at == kT0 - 300);
    }
    const auto group_audit = audit_rows(*s, "register_group", "people");
    REQUIRE(group_audit.size() == 1);
    CHECK(has(group_audit[0].changes, "\"count\":12"));
    CHECK(has(group_audit[0].changes, "\"arrival_group\":\"(personal, not recorded)\""));

    // Completing two of them: the volunteer fills in what each person says.
    Person first = all[0].person;
    first.name = "Ioana Dumitru";
    first.sex = Sex::Female;
    first.date_of_birth = Date{1999, 7, 2};
    first.nationality = "RO";
    first.languages = {"ro", "en"};
    first.interpreter_needed = true;
    update_person(*s, bus[0].id, first);
    Person second = all[1].person;
    second.alias = "Mihai";
    second.claimed_age = 31;
    second.medical_needs = "Asthma: has an inhaler";
    update_person(*s, bus[1].id, second);

    all = people(*s);
    REQUIRE(all.size() == 12);
    check_same_details(all[0].person, first);
    check_same_details(all[1].person, second);
    CHECK(all[0].person.reference == "OP-0001-001"); // the edit keeps the reference
    CHECK(all[0].person.journey.size() == 1);        // and the journey
    CHECK(all[2].person.name.empty());
    const auto updates = audit_rows(*s, "update", "people");
    REQUIRE(updates.size() == 2);
    CHECK(has(updates[1].changes, "\"sex\":\"(personal, not recorded)\""));
    CHECK_FALSE(has(updates[1].changes, "female"));
    CHECK(has(updates[1].changes, "\"name\":\"(personal, not recorded)\""));
    CHECK_FALSE(has(updates[1].changes, "Dumitru"));
    CHECK_FALSE(has(updates[1].changes, "\"alias\"")); // unchanged fields are not mentioned

    // A second group whose tags run into the first is refused whole, naming the tags.
    const std::uint64_t before = s->data_version();
    const auto clash = rejection([&] { register_group(*s, 5, "Van 1", kT0, "T010"); });
    CAPTURE(field_problems_text(clash));
    REQUIRE(clash.size() == 3);
    CHECK(clash[0].message == "tag T010 is already on OP-0001-010");
    CHECK(clash[2].message == "tag T012 is already on OP-0001-012");
    CHECK(s->data_version() == before);
    CHECK(count(*s, "people") == 12);

    // Tags count up keeping their width, and carry.
    const auto van = register_group(*s, 3, "Van 1", kT0, "V-98");
    const auto all_now = people(*s);
    CHECK(all_now[12].person.tag == "V-98");
    CHECK(all_now[13].person.tag == "V-99");
    CHECK(all_now[14].person.tag == "V-100");
    CHECK(van.back().reference == "OP-0001-015");
    const auto walk_ins = register_group(*s, 2, "Walk-in", kT0); // no tags
    CHECK(walk_ins.size() == 2);

    CHECK(has(refusal([&] { register_group(*s, 2, "Van 2", kT0, "ABC"); }), "must end in a number"));
    CHECK(has(refusal([&] { register_group(*s, 0, "Van 2", kT0); }), "1 to 500"));
    CHECK(has(refusal([&] { register_group(*s, 501, "Van 2", kT0); }), "1 to 500"));
}

TEST_CASE("people: a 500-row roll is imported in one transaction") {
    TempDir dir("people-import");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const CheckedIn earlier = check_in(*s, Person{}, kT0 - 2 * kDay);

    const std::string roll = synthetic_roll(500, kT0 - kDay, 1);
    const std::uint64_t version = s->data_version();
    const std::size_t audit_before = s->audit_entries(1000000).size();
    const auto t0 = std::chrono::steady_clock::now();
    const RollImportResult r = import_roll(*s, roll);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("import of 500 rows: " << ms << " ms");
    REQUIRE_MESSAGE(r.ok(), problems_text(r.errors));
    REQUIRE(r.imported.size() == 500);
    CHECK(r.imported.front().reference == "OP-0001-002");
    CHECK(r.imported.back().reference == "OP-0001-501");

    // One transaction: the data version moved once; one import row, and each person's own rows.
    CHECK(s->data_version() == version + 1);
    const auto imports = audit_rows(*s, "import", "people");
    REQUIRE(imports.size() == 1);
    CHECK(has(imports[0].changes, "\"rows\":500"));
    CHECK(has(imports[0].changes, "\"first\":\"OP-0001-002\""));
    const std::size_t departed = 50; // every tenth row of the synthetic roll
    CHECK(s->audit_entries(1000000).size() == audit_before + 1 + 500 + 500 + departed);

    const auto all = people(*s);
    REQUIRE(all.size() == 501);
    CHECK(all[1].person.tag == "T1");
    CHECK(all[1].person.name == "Andrei Popescu 0");
    CHECK(all[1].person.nationality == "RO");
    CHECK(all[1].person.medical_needs == "Needs insulin twice a day");
    CHECK(all[10].journey.departed);
    CHECK(all[10].journey.destination == Destination::SafeAccommodation);
    CHECK(std::count_if(all.begin(), all.end(), [](const PersonRecord& p) { return p.journey.departed; }) ==
          static_cast<std::ptrdiff_t>(departed));
    CHECK(first_arrival_at(*s) == kT0 - 2 * kDay);
    (void)earlier;

    // The same roll again: every tag is already in the database, so nothing is imported.
    const std::uint64_t after = s->data_version();
    const RollImportResult again = import_roll(*s, roll);
    CHECK_FALSE(again.ok());
    CHECK(again.errors.size() == 500);
    CHECK(format_roll_problem(again.errors[0]) ==
          "line 2, column tag: tag T1 is already on OP-0001-002: each tag belongs to one person");
    CHECK(again.imported.empty());
    CHECK(s->data_version() == after);
    CHECK(count(*s, "people") == 501);
}

TEST_CASE("people: a roll with bad rows changes nothing and lists every bad row") {
    TempDir dir("people-bad-roll");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    check_in(*s, full_person(), kT0 - kDay); // tag T001

    std::vector<std::string> lines = lines_of(synthetic_roll(500, kT0 - kDay, 1));
    REQUIRE(lines.size() == 501);
    const auto cells = [](std::string tag, std::string sex, std::string dob, std::string nationality) {
        return format_csv_record(
            {tag, "Bad Row", sex, dob, nationality, "ro", "yes", "", "Bus 9", "labour", "", "yes", "", ""});
    };
    lines[9] = cells("B10", "maybe", "1990-01-01", "RO");           // line 10: sex
    lines[199] = cells("B200", "female", "31/02/1990", "RO");       // line 200: dob
    lines[299] = cells("B300", "female", "1990-01-01", "Atlantis"); // line 300: nationality
    lines[479] = cells("T2", "male", "1990-01-01", "RO");           // line 480: the tag of line 3
    lines[489] = cells("T001", "male", "1990-01-01", "RO");         // line 490: a tag in the database
    const std::string bad = joined(lines);

    std::filesystem::path wal = db;
    wal += "-wal";
    const std::string db_before = file_hash(db), wal_before = file_hash(wal);
    const std::uint64_t version = s->data_version();
    const std::size_t audit_before = s->audit_entries(1000000).size();

    const RollImportResult r = import_roll(*s, bad);
    CHECK_FALSE(r.ok());
    CHECK(r.imported.empty());
    const std::string listed = problems_text(r.errors);
    CAPTURE(listed);
    REQUIRE(r.errors.size() == 4);
    CHECK(has(listed, "line 10, column sex: 'maybe' is not one of female, male, other, unknown"));
    CHECK(has(listed, "line 200, column dob: not a date"));
    CHECK(has(listed, "line 300, column nationality: 'Atlantis' is not a country name"));
    CHECK(
        has(listed, "line 480, column tag: the same tag 'T2' is on line 3: each tag belongs to one person"));

    // Nothing changed: not the rows, not the audit trail, not the data version, not a byte of the files.
    CHECK(s->data_version() == version);
    CHECK(count(*s, "people") == 1);
    CHECK(count(*s, "journey_events") == 1);
    CHECK(s->audit_entries(1000000).size() == audit_before);
    CHECK(file_hash(db) == db_before);
    CHECK(file_hash(wal) == wal_before);

    // With the file's own problems fixed, the tag already in the database is the one left.
    lines[9] = cells("B10", "male", "1990-01-01", "RO");
    lines[199] = cells("B200", "female", "1990-02-28", "RO");
    lines[299] = cells("B300", "female", "1990-01-01", "Albania");
    lines[479] = cells("B480", "male", "1990-01-01", "RO");
    const RollImportResult in_db = import_roll(*s, joined(lines));
    REQUIRE(in_db.errors.size() == 1);
    CHECK(format_roll_problem(in_db.errors[0]) ==
          "line 490, column tag: tag T001 is already on OP-0001-001: each tag belongs to one person");
    CHECK(count(*s, "people") == 1);
    CHECK(s->data_version() == version);

    // A departure without an arrival time would arrive after it left.
    const std::string departed_only = "tag,departed_at,destination\nD1,2026-03-13T10:00,hospital\n";
    const RollImportResult d = import_roll(*s, departed_only, utc_roll());
    REQUIRE(d.errors.size() == 1);
    CHECK(format_roll_problem(d.errors[0]) ==
          "line 2, column arrived_at: is empty but departed_at is given: add the time the person arrived");

    // An empty roll imports nobody and writes nothing.
    const RollImportResult empty = import_roll(*s, "tag,name\n");
    CHECK(empty.ok());
    CHECK(empty.imported.empty());
    CHECK(s->data_version() == version);
}

TEST_CASE("people: the same name and date of birth as someone checked in is a warning on import") {
    TempDir dir("people-roll-warnings");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    check_in(*s, full_person(), kT0 - kDay);
    const RollImportResult r = import_roll(*s,
                                           "name,dob,arrived_at\n"
                                           "  andrei POPESCU ,12/03/1994,2026-03-14T05:00\n"
                                           "Someone Else,1994-03-12,2026-03-14T05:00\n",
                                           utc_roll());
    REQUIRE_MESSAGE(r.ok(), problems_text(r.errors));
    CHECK(r.imported.size() == 2);
    REQUIRE(r.warnings.size() == 1);
    CHECK(format_roll_problem(r.warnings[0]) == "line 2, column name: the same name and date of birth as "
                                                "OP-0001-001, already checked in: is this the same person?");

    // Written without the accents, against someone checked in with them.
    Person lukasz;
    lukasz.tag = "T006";
    lukasz.name = "Łukasz Wiśniewski";
    lukasz.date_of_birth = Date{1980, 11, 30};
    check_in(*s, lukasz, kT0 - kDay);
    const RollImportResult again = import_roll(*s, "name,dob\nLukasz Wisniewski,1980-11-30\n", utc_roll());
    REQUIRE(again.warnings.size() == 1);
    CHECK(format_roll_problem(again.warnings[0]) ==
          "line 2, column name: the same name apart from accents or capitals and the same date of birth as "
          "OP-0001-004, already checked in: is this the same person?");
}

TEST_CASE("people: a duplicate check catches Lukasz Wisniewski, 1980-11-30 against Łukasz Wiśniewski") {
    TempDir dir("people-duplicates-accents");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    Person lukasz;
    lukasz.tag = "T006";
    lukasz.name = "Łukasz Wiśniewski";
    lukasz.date_of_birth = Date{1980, 11, 30};
    check_in(*s, lukasz, kT0);

    Person typed;
    typed.tag = "T099";
    typed.name = "Lukasz Wisniewski";
    typed.date_of_birth = Date{1980, 11, 30};
    const auto w = duplicate_warnings(*s, typed);
    CAPTURE(field_problems_text(w));
    REQUIRE(w.size() == 1);
    CHECK(w[0].field == "name");
    CHECK(w[0].message == "OP-0001-001 has the same name apart from accents or capitals and the same date of "
                          "birth: is this the same person?");

    // A slip of one letter, and an age band instead of a date of birth, are caught and said.
    typed.name = "LUKASZ WISNIEWSKY";
    CHECK(duplicate_warnings(*s, typed).at(0).message ==
          "OP-0001-001 has a name one letter different and the same date of birth: is this the same person?");
    typed.date_of_birth.reset();
    typed.claimed_age = 45; // 1980-11-30 is 45 on 14 March 2026
    CHECK(duplicate_warnings(*s, typed).at(0).message ==
          "OP-0001-001 has a name one letter different and the same age band (35-49): is this the same "
          "person?");
    typed.claimed_age = 30;
    CHECK(duplicate_warnings(*s, typed).empty());
}

TEST_CASE("people: duplicate warnings name the other person's reference, never a name") {
    TempDir dir("people-duplicates");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const CheckedIn first = check_in(*s, full_person(), kT0);

    Person same = full_person();
    same.tag = "t001";
    same.name = "  ANDREI popescu ";
    auto w = duplicate_warnings(*s, same);
    CAPTURE(field_problems_text(w));
    REQUIRE(w.size() == 2);
    CHECK(w[0].field == "tag");
    CHECK(w[0].message == "Tag t001 is already on OP-0001-001.");
    CHECK(w[1].field == "name");
    CHECK(w[1].message == "OP-0001-001 has the same name and date of birth: is this the same person?");

    // Editing that person: no warning about themselves.
    CHECK(duplicate_warnings(*s, full_person(), first.id).empty());
    // Another date of birth, or no name: no warning.
    Person other = full_person();
    other.tag = "T002";
    other.date_of_birth = Date{1994, 3, 13};
    CHECK(duplicate_warnings(*s, other).empty());
    other.date_of_birth = full_person().date_of_birth;
    other.name.clear();
    CHECK(duplicate_warnings(*s, other).empty());
}

TEST_CASE("people: journey steps follow the rules; impossible steps are refused and change nothing") {
    TempDir dir("people-journey");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const CheckedIn in = check_in(*s, full_person(), kT0 - 3600);
    const std::uint64_t version = s->data_version();

    CHECK(refusal([&] { record_journey_step(*s, in.id, JourneyStep::Arrived, kT0); }) ==
          "OP-0001-001: The person has already arrived. Nothing was recorded.");
    CHECK(refusal([&] { record_journey_step(*s, in.id, JourneyStep::Returned, kT0); }) ==
          "OP-0001-001: Returned needs a temporary exit first. Nothing was recorded.");
    CHECK(refusal([&] { record_journey_step(*s, in.id, JourneyStep::Departed, kT0); }) ==
          "OP-0001-001: A departure needs a destination. Nothing was recorded.");
    CHECK(refusal([&] {
              record_journey_step(*s, in.id, JourneyStep::WelfareCheckDone, kT0, Destination::Hospital);
          }) == "OP-0001-001: Only a departure or a temporary exit has a destination. Nothing was recorded.");
    CHECK(has(refusal([&] { record_journey_step(*s, in.id, JourneyStep::WelfareCheckDone, kT0 - 7200); }),
              "is earlier than the step before it"));
    CHECK(has(refusal([&] { record_journey_step(*s, in.id, JourneyStep::WelfareCheckDone, kT0 + 60); }),
              "at a time in the future"));
    CHECK(has(refusal([&] {
                  record_journey_step(*s, in.id, JourneyStep::WelfareCheckDone, kT0, std::nullopt,
                                      std::string(3000, 'x'));
              }),
              "The note: too long"));
    CHECK(refusal([&] { record_journey_step(*s, 42, JourneyStep::WelfareCheckDone, kT0); }) ==
          "There is no person #42.");
    CHECK(s->data_version() == version);
    CHECK(count(*s, "journey_events") == 1);

    record_journey_step(*s, in.id, JourneyStep::WelfareCheckDone, kT0 - 3000);
    record_journey_step(*s, in.id, JourneyStep::TemporaryExit, kT0 - 2400, std::nullopt,
                        "To hospital for an X-ray, with a police officer");
    auto p = person(*s, in.id);
    CHECK(p->journey.temporarily_out);
    CHECK(has(refusal([&] { record_journey_step(*s, in.id, JourneyStep::Interviewed, kT0 - 2000); }),
              "while the person is out"));
    record_journey_step(*s, in.id, JourneyStep::Returned, kT0 - 1800);
    record_journey_step(*s, in.id, JourneyStep::Interviewed, kT0 - 1200);
    CHECK(has(refusal([&] { record_journey_step(*s, in.id, JourneyStep::Interviewed, kT0 - 600); }),
              "already recorded"));
    record_journey_step(*s, in.id, JourneyStep::DecisionRecorded, kT0 - 600);
    record_journey_step(*s, in.id, JourneyStep::Departed, kT0, Destination::SafeAccommodation);
    CHECK(has(refusal([&] { record_journey_step(*s, in.id, JourneyStep::Returned, kT0); }),
              "after the person has departed"));

    p = person(*s, in.id);
    REQUIRE(p);
    REQUIRE(p->person.journey.size() == 7);
    CHECK(p->person.journey[2].note == "To hospital for an X-ray, with a police officer");
    CHECK(p->journey.departed);
    CHECK(p->journey.destination == Destination::SafeAccommodation);
    CHECK(p->journey.departed_at == kT0);
    CHECK(p->journey.decision_recorded);
    CHECK(time_in_centre(p->person.journey, kT0 + 9999) == 3600);
    const auto steps = journey(*s, in.id);
    REQUIRE(steps.size() == 7);
    CHECK(steps[6].event.destination == Destination::SafeAccommodation);
    const auto step_audit = audit_rows(*s, "insert", "journey_events");
    CHECK(has(step_audit.front().changes, "\"destination\":\"(personal, not recorded)\""));
    CHECK_FALSE(has(step_audit.front().changes, "safe_accommodation"));
    CHECK(has(step_audit[4].changes, "\"note\":\"(personal, not recorded)\""));
    CHECK_FALSE(has(step_audit[4].changes, "X-ray"));
    // The departure time is the one fact of the journey kept in clear; where the person went is sealed.
    CHECK_FALSE(s->connection_for_reading().query_int("SELECT departed_at IS NULL FROM people"));
}

TEST_CASE("people: a volunteer checks in but neither imports nor reads medical notes") {
    TempDir dir("people-roles");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    s->add_user(NewUser{"Val Volunteer", UserRole::Volunteer, "volunteer words", ""});
    const CheckedIn in = check_in(*s, full_person(), kT0);
    REQUIRE(s->sign_in("Val Volunteer", "volunteer words").ok());

    auto seen = person(*s, in.id);
    REQUIRE(seen);
    CHECK(seen->medical_withheld);
    CHECK(seen->person.medical_needs.empty());
    CHECK(seen->person.name == "Andrei Popescu");

    // The volunteer's edit neither clears nor replaces a note they cannot see; text they add is kept.
    Person edit = seen->person;
    edit.diet = "Halal";
    update_person(*s, in.id, edit);
    edit.medical_needs = "Complains of a headache";
    update_person(*s, in.id, edit);
    Person pregnant;
    pregnant.medical_needs = "Pregnant";
    const CheckedIn theirs = check_in(*s, pregnant, kT0);
    CHECK(person(*s, theirs.id)->medical_withheld);

    try {
        import_roll(*s, "tag\nX1\n");
        FAIL("a volunteer imported a roll");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::NotPermitted);
    }

    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    const auto back = person(*s, in.id);
    CHECK(back->person.medical_needs == "Cut on the left hand, dressed on site\nComplains of a headache");
    CHECK(back->person.diet == "Halal");
    CHECK_FALSE(back->medical_withheld);

    s->lock();
    try {
        people(*s);
        FAIL("read people while locked");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::SignedOut);
    }
    CHECK(first_arrival_at(*s) == kT0); // nothing personal: readable while locked
}

TEST_CASE("people: journey events cannot be changed or deleted, except with their person") {
    TempDir dir("people-append-only");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    {
        auto s = make_store(db, clock);
        check_in(*s, Person{}, kT0);
        check_in(*s, Person{}, kT0);
    }
    Connection c = Connection::open(db, AccessMode::ReadWrite);
    c.exec("PRAGMA foreign_keys = ON");
    CHECK_THROWS_AS(c.exec("UPDATE journey_events SET at = 0"), StoreError);
    CHECK_THROWS_AS(c.exec("DELETE FROM journey_events WHERE person_id = 1"), StoreError);
    c.exec("DELETE FROM people WHERE id = 1"); // a purge takes the person's journey with it
    CHECK(c.query_int("SELECT count(*) FROM journey_events") == 1);
    CHECK_THROWS_AS(c.exec("INSERT INTO people (sequence, reference, sex, age_band, child_status, status, "
                           "arrived_at, personal_enc, medical_enc, created_at, updated_at, tag) VALUES (9, "
                           "'X', 'male', 'unknown', 'unknown', 'on_site', 0, x'00', x'00', 0, 0, 'T1'), (10, "
                           "'Y', 'male', 'unknown', 'unknown', 'on_site', 0, x'00', x'00', 0, 0, 't1')"),
                    StoreError);
}

TEST_CASE("people: a sealed record moved to another row does not open") {
    TempDir dir("people-sealed");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    {
        auto s = make_store(db, clock);
        check_in(*s, full_person(), kT0);
        Person other = full_person();
        other.tag = "T002";
        other.name = "Ioana Dumitru";
        check_in(*s, other, kT0);
    }
    {
        Connection c = Connection::open(db, AccessMode::ReadWrite);
        c.exec(
            "UPDATE people SET personal_enc = (SELECT personal_enc FROM people WHERE id = 1) WHERE id = 2");
    }
    auto s = open_signed_in(db, clock);
    const auto all = people(*s);
    REQUIRE(all.size() == 2);
    CHECK(all[0].person.name == "Andrei Popescu");
    CHECK(has(all[1].person.name, "unreadable"));
    CHECK_THROWS_AS(update_person(*s, all[1].id, Person{}), StoreError);
}

TEST_CASE("people: personal values never reach the file, the WAL, a backup or the log") {
    constexpr const char* kDistinctive = "Quaxfordshire";
    TempDir dir("people-privacy");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    const auto log_path = dir / "console.log";
    auto previous = spdlog::default_logger();
    auto logger = spdlog::basic_logger_mt("people-privacy-test", log_path.string(), true);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::trace);

    const auto check_clean = [&](const std::filesystem::path& p) {
        CAPTURE(p.string());
        REQUIRE(std::filesystem::exists(p));
        const std::string bytes = read_file(p);
        CHECK_FALSE(has(bytes, kDistinctive));
        CHECK_FALSE(has(bytes, "quaxfordshire"));
        CHECK_FALSE(has(bytes, "QUAXFORDSHIRE"));
        CHECK_FALSE(has(bytes, "Zubeida"));
        CHECK_FALSE(has(bytes, "1987-06-05"));
        CHECK_FALSE(has(bytes, "insulin"));
    };
    std::filesystem::path backup;
    {
        auto s = make_store(db, clock);
        Person p;
        p.tag = "Q1";
        p.name = std::string("Zubeida ") + kDistinctive;
        p.alias = std::string("Quax ") + kDistinctive;
        p.date_of_birth = Date{1987, 6, 5};
        p.medical_needs = std::string("Needs insulin; ") + kDistinctive + " family doctor";
        p.diet = std::string("No pork, ") + kDistinctive;
        p.property_held = std::string("Passport in the name ") + kDistinctive;
        p.arrival_group = std::string(kDistinctive) + " family";
        const CheckedIn in = check_in(*s, p, kT0);
        p.alias = std::string("Zubeida ") + kDistinctive + " Junior";
        update_person(*s, in.id, p);
        record_journey_step(*s, in.id, JourneyStep::WelfareCheckDone, kT0, std::nullopt,
                            std::string("Spoke with ") + kDistinctive);
        CHECK(duplicate_warnings(*s, p).size() == 2); // the tag and the name with date of birth
        const RollImportResult r =
            import_roll(*s, std::string("tag,name,dob,medical,group\nQ2,Zubeida ") + kDistinctive +
                                ",05/06/1987,insulin," + kDistinctive + " family\n");
        REQUIRE_MESSAGE(r.ok(), problems_text(r.errors));
        // A refused edit says which field, not what was in it.
        Person bad = p;
        bad.tag = "Q2";
        try {
            update_person(*s, in.id, bad);
        } catch (const PersonRejected& e) {
            CHECK_FALSE(has(e.problem(), kDistinctive));
            CHECK_FALSE(has(field_problems_text(e.problems()), kDistinctive));
        }
        register_group(*s, 3, std::string(kDistinctive) + " cousins", kT0, "Q10");
        backup = backup_database(db, dir / "usb", clock).file;
        std::filesystem::path wal = db;
        wal += "-wal";
        REQUIRE(std::filesystem::file_size(wal) > 0);
        check_clean(wal);
        CHECK(has(people(*s)[0].person.name, kDistinctive)); // and it is there, sealed
    }
    logger->flush();
    spdlog::set_default_logger(previous);
    spdlog::drop("people-privacy-test");
    spdlog::set_level(spdlog::level::warn);

    check_clean(db);
    check_clean(backup);
    check_clean(log_path);
    CHECK(file_contains(log_path, "checked in OP-0001-001"));
}

TEST_CASE("people: a database made before arrivals existed is upgraded and takes check-ins") {
    TempDir dir("people-upgrade");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    Store::create(quick_options(db, 4), clock).reset();
    auto s = open_signed_in(db, clock);
    CHECK(s->upgraded_from() == 4);
    CHECK(check_in(*s, full_person(), kT0).reference == "OP-0001-001");
    CHECK(people(*s).size() == 1);
}

TEST_CASE("people: 10,000 people load in one pass") {
    TempDir dir("people-10k");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const auto t0 = std::chrono::steady_clock::now();
    const RollImportResult r = import_roll(*s, synthetic_roll(10000, kT0 - 2 * kDay));
    const auto t1 = std::chrono::steady_clock::now();
    REQUIRE_MESSAGE(r.ok(), problems_text(r.errors));
    const auto all = people(*s);
    const auto t2 = std::chrono::steady_clock::now();
    REQUIRE(all.size() == 10000);
    CHECK(all[9999].person.reference == "OP-0001-10000");
    CHECK(all[9999].person.name == "Zoltan Dumitru 9999");
    MESSAGE("import of 10,000 rows: " << std::chrono::duration<double, std::milli>(t1 - t0).count()
                                      << " ms; people(): "
                                      << std::chrono::duration<double, std::milli>(t2 - t1).count() << " ms");
}
