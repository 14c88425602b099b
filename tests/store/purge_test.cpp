// The retention purge: refused until the centre has closed and the period has passed (or it is forced),
// coordinators only; afterwards the personal fields are gone from the database, its WAL and the
// backups (read as bytes: neither the words nor the sealed values that held them remain), the
// pseudonymised record stays and still reads, the append-only tables allow only the clearing, and the
// purge is recorded without personal data.
#include "domain/default_procedure.hpp"
#include "store/backup.hpp"
#include "store/debrief_exports.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "store/purge.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr UnixSeconds kHour = 3600;
constexpr UnixSeconds kDay = 86400;

// Tags are operational references kept in clear (and in the append-only audit trail); the purge clears
// them from the people table (checked below), so they are not among the words searched for.
const std::vector<std::string> kSeeded = {"Ozymandra",   "Pelligrew",     "Tintagelle",   "Strumbleweed",
                                          "Quaffington", "Bellwether-Ng", "07700 900777", "Harrowgate note",
                                          "Mirthwaite",  "Crumbleholme",  "EXT-4471-Z",   "Fandangle",
                                          "Gossamery",   "Jubilantine"};

ErrorKind kind_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const StoreError& e) {
        return e.kind();
    }
    FAIL("no StoreError thrown");
    return ErrorKind::Sql;
}

struct Seeded {
    PersonId adult = 0;
    PersonId child = 0;
};

// An operation with a sealed value in every kind of personal field, closed at kT0 + 10 h.
// `record_export` false seeds a database from before migration 9 (no record of exports). It then also
// records no NRM consent and no referral: checking a referral reads the consent time of migration 10.
Seeded seed(Store& s, ManualClock& clock, bool record_export = true) {
    ActivationRequest r;
    r.name = "Operation Rowan";
    r.expected_people = 5;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "p.toml";
    activate(s, r);
    record_action(s, "act-choose-venue", ActionOutcome::NotApplicable, "Fandangle booked it", "Gossamery");
    raise_tier(s, Tier::Medium, "Jubilantine coach diverted");
    record_callout(s, "police-101",
                   CalloutDetails{CalloutStatus::Called, {}, {}, std::string("Ask Mirthwaite"), {}});
    StaffDetails staff;
    staff.name = "Crumbleholme Mirthwaite";
    staff.phone = "07700 900777";
    staff.partner_id = "red_cross";
    staff.role_at_centre = "Welfare";
    // Today's sign-in writes the staff functions of schema version 11: an older file gets no staff.
    const bool has_staff_functions = s.schema_version() >= 11;
    const StaffId staff_id = has_staff_functions ? sign_in_staff(s, staff) : 0;
    record_movement(s, receipt("adult_female", 5, kCentreStockStore, "Mothers' Union"));

    clock.advance(kHour);
    Seeded out;
    Person adult;
    adult.name = "Ozymandra Pelligrew";
    adult.alias = "Tintagelle";
    adult.tag = "TAG-Q17";
    adult.sex = Sex::Female;
    adult.date_of_birth = Date{1988, 4, 5};
    adult.medical_needs = "Strumbleweed allergy";
    adult.property_held = "Quaffington ring";
    adult.arrival_group = "Bellwether-Ng family";
    if (record_export) adult.nrm_consent = NrmConsent::Yes;
    out.adult = check_in(s, adult, clock.now()).id;
    Person child;
    child.date_of_birth = Date{2015, 1, 1};
    child.name = "Pelligrew junior";
    out.child = check_in(s, child, clock.now()).id;
    clock.advance(kHour);
    record_journey_step(s, out.adult, JourneyStep::WelfareCheckDone, clock.now() - 600, std::nullopt,
                        "Harrowgate note");
    issue_bag(s, out.adult, "adult_female");
    record_movement(
        s, write_off("adult_female", 1, kCentreStockStore, WriteOffReason::Damaged, "Harrowgate note"));
    Referral nrm;
    nrm.type = ReferralType::Nrm;
    nrm.making_partner = "police";
    nrm.made_by = "PC Crumbleholme";
    nrm.receiving_organisation = "Home Office";
    nrm.consent_explained = true;
    nrm.consent = ReferralConsent::Given;
    nrm.status = ReferralStatus::Made;
    nrm.external_reference = "EXT-4471-Z";
    nrm.notes = "Gossamery notes";
    if (record_export) {
        const ReferralId rid = add_referral(s, out.adult, nrm);
        set_referral_status(s, rid, ReferralStatus::Withdrawn, "Ozymandra asked to stop");
    }
    s.append_log("Ozymandra Pelligrew was upset", LogKind::Manual);
    if (record_export) record_debrief_export(s, DebriefExportDetails{true, "xlsx", 2, "Fandangle request"});
    clock.advance(kHour);
    record_journey_step(s, out.adult, JourneyStep::Departed, clock.now(), Destination::SafeAccommodation,
                        "Harrowgate note");
    if (has_staff_functions) sign_out_staff(s, staff_id);
    s.set_centre_status(CentreStatus::StandingDown);
    clock.set(kT0 + 10 * kHour);
    s.set_centre_status(CentreStatus::Closed);
    return out;
}

// Every sealed value the operation holds, as the bytes on disk.
std::vector<std::string> sealed_values(Store& s) {
    std::vector<std::string> out;
    const char* columns[][2] = {{"people", "personal_enc"},
                                {"people", "medical_enc"},
                                {"journey_events", "note_enc"},
                                {"staff", "name_enc"},
                                {"staff", "phone_enc"},
                                {"callouts", "notes_enc"},
                                {"callout_events", "note_enc"},
                                {"action_records", "by_enc"},
                                {"action_records", "reason_enc"},
                                {"tier_changes", "reason_enc"},
                                {"referrals", "made_by_enc"},
                                {"referrals", "external_reference_enc"},
                                {"referrals", "notes_enc"},
                                {"referrals", "reason_enc"},
                                {"referral_events", "reason_enc"},
                                {"stock_movements", "note_enc"},
                                {"debrief_exports", "reason_enc"}};
    const auto collect = [&](const std::string& sql) {
        Statement st(s.connection_for_reading(), sql);
        while (st.step()) {
            const Blob b = st.blob_at(0);
            out.emplace_back(b.begin(), b.end());
        }
    };
    for (const auto& [table, column] : columns)
        collect(std::string("SELECT ") + column + " FROM " + table + " WHERE " + column + " IS NOT NULL");
    // The log's automatic entries stay as they were (but for the tier change's reason).
    collect("SELECT text_enc FROM activity_log WHERE kind = 'manual'");
    return out;
}

std::string all_bytes(const std::filesystem::path& db, const std::filesystem::path& backups) {
    std::string bytes = read_file(db) + read_file(std::filesystem::path(db.string() + "-wal"));
    if (std::filesystem::exists(backups))
        for (const auto& e : std::filesystem::directory_iterator(backups))
            bytes += read_file(e.path());
    return bytes;
}

} // namespace

TEST_CASE("purge: refused before the close and the period, for a volunteer, and changes nothing then") {
    TempDir dir("purge-refused");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    CHECK_FALSE(check_purge(*s, {}, clock.now()).allowed);
    CHECK(check_purge(*s, {}, clock.now()).problem.find("not closed") != std::string::npos);
    CHECK(kind_of([&] { purge_personal_data(*s, {}); }) == ErrorKind::InvalidInput);
    CHECK(kind_of([&] { purge_personal_data(*s, {30, true}); }) == ErrorKind::InvalidInput); // still open

    seed(*s, clock);
    const UnixSeconds closed = *s->centre().closed_at;
    PurgeCheck c = check_purge(*s, {}, clock.now());
    CHECK_FALSE(c.allowed);
    CHECK(c.period_ends_at == closed + 30 * kDay);
    CHECK(c.advice.find("--force-before-period") != std::string::npos);
    const auto version = s->data_version();
    CHECK(kind_of([&] { purge_personal_data(*s, {}); }) == ErrorKind::InvalidInput);
    CHECK(s->data_version() == version);
    CHECK(people(*s)[0].person.name == "Ozymandra Pelligrew");

    CHECK(check_purge(*s, {7, false}, closed + 8 * kDay).allowed);
    CHECK(check_purge(*s, {}, closed + 30 * kDay).allowed);
    c = check_purge(*s, {30, true}, clock.now());
    CHECK(c.allowed);
    CHECK(c.before_period);
    CHECK_FALSE(check_purge(*s, {0, true}, clock.now()).allowed);

    // Coordinators only; readable while locked (nothing personal).
    s->add_user(NewUser{"Vic Volunteer", UserRole::Volunteer, "volunteer passphrase", ""});
    REQUIRE(s->sign_in("Vic Volunteer", "volunteer passphrase").ok());
    CHECK(kind_of([&] { purge_personal_data(*s, {30, true}); }) == ErrorKind::NotPermitted);
    s->lock();
    CHECK(check_purge(*s, {30, true}, clock.now()).allowed);
    CHECK(kind_of([&] { purge_personal_data(*s, {30, true}); }) == ErrorKind::SignedOut);
}

TEST_CASE("purge: personal fields gone from the database, its WAL and the backups; the record stays") {
    TempDir dir("purge");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    const Seeded seeded = seed(*s, clock);
    const auto backups = s->backup_directory();
    s->backup_now(BackupKind::Automatic);
    s->backup_now(BackupKind::Manual);
    const std::vector<std::string> sealed = sealed_values(*s);
    REQUIRE(sealed.size() > 20);
    const auto before = people(*s);

    clock.set(*s->centre().closed_at + 31 * kDay);
    std::vector<std::string> steps;
    const PurgeResult r =
        purge_personal_data(*s, {}, [&](double, std::string_view step) { steps.emplace_back(step); });
    CHECK_FALSE(r.before_period);
    CHECK(r.counts.people == 2);
    CHECK(r.counts.staff == 1);
    CHECK(r.counts.referrals == 1);
    CHECK(r.counts.journey_notes == 2);
    CHECK(r.counts.log_entries >= 2); // the manual entry and the tier change's reason
    CHECK(r.backups_removed.size() >= 2);
    REQUIRE(std::filesystem::exists(r.backup_after));
    CHECK(steps.back() == "Done");

    // The bytes: no seeded word, no sealed value that held one, in the file, the WAL or any backup.
    for (int round = 0; round < 2; ++round) {
        CAPTURE(round);
        const std::string bytes = all_bytes(db, backups);
        for (const std::string& word : kSeeded)
            CHECK_MESSAGE(bytes.find(word) == std::string::npos, word);
        int found = 0;
        for (const std::string& value : sealed)
            if (bytes.find(value) != std::string::npos) ++found;
        CHECK(found == 0);
        if (round == 0) s.reset(); // and again once the store has closed the file
    }
    CHECK(read_file(std::filesystem::path(db.string() + "-wal")).empty());
    std::size_t backup_files = 0;
    for (const auto& e : std::filesystem::directory_iterator(backups)) {
        ++backup_files;
        CHECK(e.path() == r.backup_after);
    }
    CHECK(backup_files == 1);

    // The pseudonymised record stays and reads: times, bands, status, journeys, referrals, stock, staff.
    s = open_signed_in(db, clock);
    const auto after = people(*s);
    REQUIRE(after.size() == 2);
    const PersonRecord& adult = after[0];
    CHECK(adult.id == seeded.adult);
    CHECK(adult.person.reference == before[0].person.reference);
    CHECK(adult.person.name.empty());
    CHECK(adult.person.alias.empty());
    CHECK(adult.person.tag.empty());
    CHECK_FALSE(adult.person.date_of_birth);
    CHECK(adult.person.medical_needs.empty());
    CHECK(adult.person.arrival_group.empty());
    CHECK(adult.person.age_band == AgeBand::From35To49); // from the date of birth, before it went
    CHECK(adult.person.stated_child == ChildStatus::Adult);
    CHECK(adult.person.nrm_consent == NrmConsent::Yes);
    CHECK(adult.journey.arrived_at == before[0].journey.arrived_at);
    CHECK(adult.journey.destination == Destination::SafeAccommodation);
    CHECK(adult.person.journey.size() == before[0].person.journey.size());
    for (const JourneyEvent& e : adult.person.journey)
        CHECK(e.note.empty());
    CHECK(child_status(after[1].person, Date{2026, 3, 14}) == ChildStatus::Child);
    const auto refs = referrals(*s);
    REQUIRE(refs.size() == 1);
    CHECK(refs[0].referral.type == ReferralType::Nrm);
    CHECK(refs[0].referral.status == ReferralStatus::Withdrawn);
    CHECK(refs[0].referral.made_by.empty());
    CHECK(refs[0].referral.external_reference.empty());
    CHECK(refs[0].referral.reason.empty());
    CHECK(stock_movements(*s).size() == 3);
    CHECK(bags_held_by(*s, seeded.adult) == 1);
    const auto st = staff(*s);
    REQUIRE(st.size() == 1);
    CHECK(st[0].name.empty());
    CHECK(st[0].phone.empty());
    CHECK(st[0].organisation == "British Red Cross");
    const auto history = action_history(*s);
    REQUIRE_FALSE(history.empty());
    CHECK(history[0].reason.empty());
    CHECK(history[0].by.empty());
    CHECK(tier_changes(*s).at(0).reason.empty());
    CHECK(debrief_exports(*s).at(0).reason.empty());
    CHECK(debrief_exports(*s).at(0).identifiable);

    // The log: manual text gone, the tier change without its reason, the purge itself without names.
    bool tier_line = false, purge_line = false;
    for (const LogEntry& e : s->log_entries(1000)) {
        if (e.kind == LogKind::Manual) CHECK(e.text == "[removed by the retention purge]");
        if (e.text.rfind("Tier raised", 0) == 0) {
            CHECK(e.text == "Tier raised from Small to Medium.");
            tier_line = true;
        }
        if (e.text.rfind("Retention purge:", 0) == 0) purge_line = true;
    }
    CHECK(tier_line);
    CHECK(purge_line);
    const auto purges = retention_purges(*s);
    REQUIRE(purges.size() == 1);
    CHECK_THROWS_AS(s->connection_for_reading().exec("DELETE FROM retention_purges"), StoreError);
    CHECK_THROWS_AS(s->connection_for_reading().exec("UPDATE retention_purges SET people = 0"), StoreError);
    CHECK(purges[0].people == 2);
    CHECK(purges[0].retention_days == 30);
    bool audited = false;
    for (const AuditEntry& a : s->audit_entries(1000)) {
        audited = audited || (a.action == "insert" && a.table == "retention_purges");
        for (const std::string& word : kSeeded)
            CHECK(a.changes.find(word) == std::string::npos);
    }
    CHECK(audited);
}

TEST_CASE("purge: the append-only tables still refuse every change but the clearing") {
    TempDir dir("purge-triggers");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    seed(*s, clock);
    Connection& c = s->connection_for_reading();
    CHECK_THROWS_AS(c.exec("UPDATE journey_events SET at = 0"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE journey_events SET note_enc = x'00' WHERE note_enc IS NOT NULL"),
                    StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE action_records SET by_enc = x'00'"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE action_records SET outcome = 'done'"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE tier_changes SET reason_enc = zeroblob(42)"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE stock_movements SET quantity = 9"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE stock_movements SET note_enc = zeroblob(60) WHERE note_enc IS NOT NULL"),
                    StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE callout_events SET to_status = 'on_site'"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE referral_events SET at = 0"), StoreError);
    CHECK_THROWS_AS(c.exec("UPDATE debrief_exports SET mode = 'pseudonymised'"), StoreError);
    CHECK_THROWS_AS(c.exec("DELETE FROM debrief_exports"), StoreError);
    // What the purge does is allowed.
    c.exec("UPDATE journey_events SET note_enc = NULL");
    c.exec("UPDATE tier_changes SET reason_enc = zeroblob(41)");
}

TEST_CASE("purge: a database from before the purge existed upgrades and purges") {
    TempDir dir("purge-upgrade");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    { Store::create(quick_options(db, 8), clock); }
    // People are recorded after the upgrade: the current code writes schema 13's sealed records (the
    // upgrade of people recorded at schema 12 is reseal_migration_test's).
    auto s = open_signed_in(db, clock);
    CHECK(s->upgraded_from() == 8);
    seed(*s, clock, false);
    const PurgeResult r = purge_personal_data(*s, {30, true});
    CHECK(r.before_period);
    CHECK(r.counts.people == 2);
    // The backup taken before the upgrade went too.
    bool upgrade_backup_removed = false;
    for (const auto& p : r.backups_removed)
        upgrade_backup_removed =
            upgrade_backup_removed || p.filename().string().find("before-upgrade") != std::string::npos;
    CHECK(upgrade_backup_removed);
    CHECK(people(*s)[0].person.name.empty());
}

TEST_CASE("purge: backup_files_of finds every kind of backup of this database and nothing else") {
    TempDir dir("purge-names");
    const auto db = dir / "centre.sqlite";
    for (const char* name :
         {"centre.sqlite", "centre-20260314-064000.sqlite", "centre-20260314-064000-2.sqlite",
          "centre-manual-20260314-064000.sqlite", "centre-before-upgrade-v7-20260314-064000.sqlite",
          "centre-before-restore-20260314-064000.sqlite", "centre-before-restore-20260314-064000.sqlite-wal",
          "centre-20260314-064000.sqlite.partial", "other-20260314-064000.sqlite", "centre-notes.sqlite",
          "centre-20260314.sqlite", "centre-20260314-064000.sqlite.txt"})
        write_file(dir / name, "x");
    std::vector<std::string> found;
    for (const auto& p : backup_files_of(dir.path(), db))
        found.push_back(p.filename().string());
    CHECK(found ==
          std::vector<std::string>{
              "centre-20260314-064000-2.sqlite", "centre-20260314-064000.sqlite",
              "centre-20260314-064000.sqlite.partial", "centre-before-restore-20260314-064000.sqlite",
              "centre-before-restore-20260314-064000.sqlite-wal",
              "centre-before-upgrade-v7-20260314-064000.sqlite", "centre-manual-20260314-064000.sqlite"});
}
