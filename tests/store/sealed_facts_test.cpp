// What the people received went through (exploitation, consent, destinations, nationality, languages,
// the wristband tag) never reaches the database file, its WAL or a backup in clear: the sample roll is
// checked in, moved through its journey and referred, and the raw bytes are searched. The same search
// finds plenty in a schema-12 file (reseal_migration_test), so it can fail.
#include "domain/default_procedure.hpp"
#include "sealed_facts_check.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;
namespace fs = std::filesystem;

namespace {

PersonId id_of(const Store& s, const std::string& tag) {
    for (const PersonRecord& r : people(s))
        if (r.person.tag == tag) return r.id;
    FAIL("no person with tag " << tag);
    return 0;
}

void check_clean(const fs::path& file, const std::string& baseline) {
    CAPTURE(file.string());
    REQUIRE(fs::exists(file));
    const auto found = raw_leaks(file, sample_roll_needles(), baseline);
    std::string list;
    for (const std::string& f : found)
        list += f + " ";
    CAPTURE(list);
    CHECK(found.empty());
}

} // namespace

TEST_CASE("sealed facts: the sample roll's facts are in clear in neither the file, its WAL nor a backup") {
    TempDir dir("sealed-facts");
    ManualClock clock(kT0 + 6 * 3600);
    const fs::path db = dir / "centre.sqlite";
    fs::path backup;
    {
        auto s = make_store(db, clock);
        ActivationRequest a;
        a.name = "Operation Wren";
        a.expected_people = 14;
        a.procedure_text = std::string(default_procedure_text());
        a.procedure_source = "p.toml";
        activate(*s, a);
        std::string roll = read_file(fs::path(RC_TEST_DATA_DIR) / "sample-roll.csv");
        // T014's consent is unreadable on purpose (the importer refuses the file); here it is undecided.
        const std::size_t maybe = roll.rfind(",maybe");
        REQUIRE(maybe != std::string::npos);
        roll.replace(maybe, 6, ",undecided");
        RollImportOptions utc;
        utc.to_unix_seconds = [](const LocalDateTime& t) -> std::optional<UnixSeconds> {
            return unix_seconds_from_utc(t);
        };
        utc.date_of = utc_date_of;
        const auto imported = import_roll(*s, roll, utc);
        REQUIRE(imported.ok());
        REQUIRE(people(*s).size() == 14);
        const UnixSeconds now = clock.now();
        record_journey_step(*s, id_of(*s, "T010"), JourneyStep::Departed, now - 60,
                            Destination::PoliceProtection, "");
        record_journey_step(*s, id_of(*s, "T006"), JourneyStep::Departed, now - 50, Destination::Hospital,
                            "");
        record_journey_step(*s, id_of(*s, "T002"), JourneyStep::TemporaryExit, now - 40, std::nullopt, "");
        Referral r;
        r.type = ReferralType::Nrm;
        r.making_partner = "police";
        r.made_by = "PC 1234";
        r.receiving_organisation = "Hope House";
        r.consent_explained = true;
        r.consent = ReferralConsent::Given;
        add_referral(*s, id_of(*s, "T001"), r);
        // The facts are all there, sealed: they read back.
        const auto everyone = people(*s);
        CHECK(everyone.size() == 14);
        CHECK(person(*s, id_of(*s, "T010"))->journey.destination == Destination::PoliceProtection);
        CHECK(person(*s, id_of(*s, "T001"))->person.nationality == "RO");
        CHECK(referrals(*s).front().referral.receiving_organisation == "Hope House");

        const std::string baseline = non_personal_text(db);
        fs::path wal = db;
        wal += "-wal";
        REQUIRE(fs::file_size(wal) > 0);
        check_clean(wal, baseline);
        backup = s->backup_now(BackupKind::Manual).file;
    }
    const std::string baseline = non_personal_text(db);
    check_clean(db, baseline);
    check_clean(backup, baseline);
    // Values too short to search for in bytes (a nationality code, "yes") are no column's value.
    CHECK(value_leaks(db, sample_roll_values()).empty());
    CHECK(value_leaks(backup, sample_roll_values()).empty());
}
