// build_debrief and export_debrief over a real store: the figures match what the store holds, people
// are codes, the identifiable mode is a coordinator's with a reason and is audited, every export is
// recorded, and files appear only whole.
#include "domain/debrief_figures.hpp"
#include "export/debrief_export.hpp"
#include "export_scenario.hpp"
#include "store/debrief_exports.hpp"
#include "store/error.hpp"
#include "support/owner_only.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace rc;
using namespace rc::exports;
using namespace rc::exports::test;

namespace {

store::ErrorKind kind_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const store::StoreError& e) {
        return e.kind();
    }
    FAIL("no StoreError thrown");
    return store::ErrorKind::Sql;
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("debrief: a pseudonymised build holds the store's figures with people as codes") {
    TempDir dir("debrief-build");
    Scenario sc = make_scenario(dir / "centre.sqlite");
    store::Store& s = *sc.store;
    const auto version = s.data_version();

    const DebriefData d = build_debrief(s, DebriefRequest{}, *sc.clock);
    CHECK(s.data_version() == version); // a pseudonymised build writes nothing
    CHECK(store::debrief_exports(s).empty());

    const auto stored = store::people(s);
    REQUIRE(d.people.size() == stored.size());
    REQUIRE(d.people.size() == 12);
    std::set<std::string> codes;
    for (const DebriefPerson& p : d.people) {
        codes.insert(p.code);
        CHECK(p.code.rfind("P-", 0) == 0);
        CHECK(p.name.empty());
        CHECK(p.alias.empty());
        CHECK(p.tag.empty());
        CHECK(p.reference.empty());
        CHECK_FALSE(p.date_of_birth);
    }
    CHECK(codes.size() == 12);
    // Codes are random for each export.
    const DebriefData again = build_debrief(s, DebriefRequest{}, *sc.clock);
    CHECK(again.people[0].code != d.people[0].code);

    CHECK(d.centre_name == "Operation Larch");
    CHECK(d.status == CentreStatus::Closed);
    CHECK(d.tier == Tier::Medium);
    CHECK(*find_figure(d.summary, "people_received")->value == 12);
    CHECK(find_figure(d.summary, "adults")->display == "<3"); // two adults, suppressed
    CHECK(*find_figure(d.summary, "age_unknown")->value == 9);
    CHECK(find_figure(d.summary, "nrm_referrals")->display == "<3");
    CHECK(*find_figure(d.summary, "arrival_waves")->value == 2);
    // Welfare checks 10, 18 and 12 minutes after arrival: the median is 12.
    CHECK(*find_figure(d.summary, "arrival_to_welfare_check_median")->value == doctest::Approx(12.0));
    CHECK(*find_figure(d.summary, "arrival_to_welfare_check_max")->value == doctest::Approx(18.0));
    CHECK(*find_figure(d.summary, "arrival_to_decision_median")->value == doctest::Approx(60.0));
    CHECK(*find_figure(d.summary, "bags_issued")->value == 3);
    CHECK(*find_figure(d.summary, "bags_written_off")->value == 1);
    CHECK(*find_figure(d.summary, "bags_left")->value == 90 - 3 - 1);

    REQUIRE(d.nrm_by_organisation.size() == 1);
    CHECK(d.nrm_by_organisation[0].key == "police");
    CHECK(d.nrm_by_organisation[0].count == sc.nrm_made);
    REQUIRE(d.ms1_by_organisation.size() == 1);
    CHECK(d.ms1_by_organisation[0].count == sc.ms1_made);
    int departed = 0;
    for (const CountByName& c : d.outcomes_by_destination)
        if (c.key != "not_departed") departed += c.count;
    CHECK(departed == 3);

    // The first person (arrival order) is the named adult: her journey, referrals and bag, no name.
    const DebriefPerson& first = d.people[0];
    CHECK(first.age_band == AgeBand::From35To49);
    CHECK(first.child_status == ChildStatus::Adult);
    CHECK(first.destination == Destination::SafeAccommodation);
    CHECK(first.bags == 1);
    CHECK(first.referrals_checked);
    CHECK(std::find(first.referrals_made.begin(), first.referrals_made.end(), ReferralType::Nrm) !=
          first.referrals_made.end());
    CHECK(d.people[2].child_status == ChildStatus::Child);
    for (const DebriefReferral& r : d.referrals) {
        CHECK(codes.count(r.person_code) == 1);
        CHECK(r.made_by.empty());
        CHECK(r.external_reference.empty());
        CHECK(r.notes.empty());
    }

    // The procedure: a skipped action without its reason, the compliance counted.
    const auto skipped = std::find_if(d.actions.begin(), d.actions.end(), [](const DebriefAction& a) {
        return a.action_id == "act-choose-venue";
    });
    REQUIRE(skipped != d.actions.end());
    CHECK(skipped->compliance == Compliance::NotApplicable);
    CHECK(skipped->skip_reason.empty());
    CHECK(skipped->done_by.empty());
    CHECK(d.compliance.not_applicable >= 1);
    CHECK(d.compliance.on_time + d.compliance.late + d.compliance.missed > 0);

    // Partners and staff: the organisation and times, no name.
    REQUIRE(d.staff.size() == 1);
    CHECK(d.staff[0].organisation == "British Red Cross");
    CHECK(d.staff[0].functions == "medical;interpreter"); // coverage by function, in the debrief
    CHECK(d.staff[0].languages == "ro");
    CHECK(d.staff[0].name.empty());
    REQUIRE_FALSE(d.attendance.empty());
    const auto police = std::find_if(d.callouts.begin(), d.callouts.end(),
                                     [](const DebriefCallout& c) { return c.contact_id == "police-101"; });
    REQUIRE(police != d.callouts.end());
    CHECK(police->first_called_at);
    CHECK(police->on_site_at);

    // Timeline and log: automatic entries only, the tier change's reason left out.
    std::set<std::string> kinds;
    for (const TimelineEvent& e : d.timeline)
        kinds.insert(e.kind);
    for (const char* k : {"activation", "tier_change", "first_arrival", "wave", "standing_down", "closed"})
        CHECK_MESSAGE(kinds.count(k) == 1, k);
    CHECK(d.manual_log_entries == 1);
    for (const DebriefLogEntry& e : d.log) {
        CHECK(e.automatic);
        CHECK_FALSE(has(e.text, "Quorvath"));
    }
    CHECK(std::any_of(d.log.begin(), d.log.end(), [](const DebriefLogEntry& e) {
        return e.text == "Tier raised from Small to Medium.";
    }));

    // Open alerts: about people by their codes.
    REQUIRE_FALSE(d.alerts.empty());
    for (const DebriefAlert& a : d.alerts) {
        CHECK_FALSE(has(a.message, "OP-0001-0"));
        if (a.target_kind == AlertTargetKind::Person) CHECK(codes.count(a.target) == 1);
    }
}

TEST_CASE("debrief: small counts shown as they are when asked") {
    TempDir dir("debrief-small");
    Scenario sc = make_scenario(dir / "centre.sqlite");
    DebriefRequest r;
    r.suppress_small_counts = false;
    const DebriefData d = build_debrief(*sc.store, r, *sc.clock);
    CHECK(*find_figure(d.summary, "adults")->value == 2);
    CHECK(*find_figure(d.summary, "nrm_referrals")->value == sc.nrm_made);
    CHECK(*find_figure(d.summary, "ms1_reports")->value == sc.ms1_made);
}

TEST_CASE("debrief: identifiable only for a coordinator, with a reason, and audited in the same step") {
    TempDir dir("debrief-identifiable");
    Scenario sc = make_scenario(dir / "centre.sqlite", 2);
    store::Store& s = *sc.store;
    s.add_user(store::NewUser{"Val Volunteer", UserRole::Volunteer, "volunteer passphrase", ""});

    DebriefRequest named;
    named.mode = DebriefMode::Identifiable;
    named.formats = {ExportFormat::Xlsx};

    // Without a reason: refused, nothing written.
    const auto audit_rows = s.audit_entries(100000).size();
    CHECK(kind_of([&] { build_debrief(s, named, *sc.clock); }) == store::ErrorKind::InvalidInput);
    named.reason = "   ";
    CHECK(kind_of([&] { build_debrief(s, named, *sc.clock); }) == store::ErrorKind::InvalidInput);
    CHECK(s.audit_entries(100000).size() == audit_rows);

    // A volunteer may export nothing, with or without a reason.
    REQUIRE(s.sign_in("Val Volunteer", "volunteer passphrase").ok());
    named.reason = "Handover to children's services";
    CHECK(kind_of([&] { build_debrief(s, named, *sc.clock); }) == store::ErrorKind::NotPermitted);
    CHECK(kind_of([&] { build_debrief(s, DebriefRequest{}, *sc.clock); }) == store::ErrorKind::NotPermitted);
    ExportRequest er;
    er.formats = {ExportFormat::Json};
    er.out_dir = dir / "out";
    CHECK(kind_of([&] { export_debrief(s, er, *sc.clock); }) == store::ErrorKind::NotPermitted);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));

    REQUIRE(s.sign_in(kCoordinator, kPassphrase).ok());
    const DebriefData d = build_debrief(s, named, *sc.clock);
    REQUIRE(d.export_record);
    CHECK(d.reason == "Handover to children's services");
    CHECK(d.people[0].name == "Zyxwaldo Quimbleton");
    CHECK(d.people[0].reference == "OP-0001-001");
    CHECK(d.people[0].code == "OP-0001-001");
    CHECK(d.people[0].date_of_birth == Date{1990, 2, 3});
    CHECK(d.staff[0].name == "Pemberton Oddlyfield");
    CHECK(d.manual_log_entries == 1);
    CHECK(std::any_of(d.log.begin(), d.log.end(), [](const DebriefLogEntry& e) { return !e.automatic; }));

    // Who, when, what and why: the audit row names the reason without its text; the record holds it sealed.
    const auto audit = s.audit_entries(5);
    const auto row = std::find_if(audit.begin(), audit.end(), [](const store::AuditEntry& a) {
        return a.action == "export" && a.table == "debrief_exports";
    });
    REQUIRE(row != audit.end());
    CHECK(row->user == s.session().user);
    CHECK(row->at == sc.clock->now());
    CHECK(row->record == *d.export_record);
    CHECK(has(row->changes, "identifiable"));
    CHECK(has(row->changes, "xlsx"));
    CHECK(has(row->changes, "reason"));
    CHECK_FALSE(has(row->changes, "children's services"));
    const auto records = store::debrief_exports(s);
    REQUIRE(records.size() == 1);
    CHECK(records[0].identifiable);
    CHECK(records[0].reason == "Handover to children's services");
    CHECK(records[0].people == static_cast<int>(d.people.size()));
    CHECK(records[0].formats == "xlsx");
}

TEST_CASE(
    "debrief: export_debrief checks the file, records the export, reports progress, leaves whole files") {
    TempDir dir("debrief-export");
    Scenario sc = make_scenario(dir / "centre.sqlite", 3);
    ExportRequest r;
    r.formats = {ExportFormat::Json, ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Pdf};
    r.out_dir = dir / "usb" / "debrief";
    std::vector<ExportProgress> steps;
    const ExportResult result =
        export_debrief(*sc.store, r, *sc.clock, [&](const ExportProgress& p) { steps.push_back(p); });

    REQUIRE(result.files.size() == 4);
    CHECK(result.people == 7);
    CHECK(result.mode == DebriefMode::Pseudonymised);
    CHECK(result.files[0].format == ExportFormat::Xlsx); // in format order
    for (const ExportedFile& f : result.files) {
        CHECK(std::filesystem::exists(f.path));
        CHECK(f.bytes > 0);
        CHECK(has(f.path.filename().string(), "debrief-OP-0001-"));
        CHECK_FALSE(has(f.path.filename().string(), "identifiable"));
    }
    CHECK(std::filesystem::is_directory(result.files[2].path)); // the CSV folder
    for (const auto& e : std::filesystem::directory_iterator(r.out_dir))
        CHECK_MESSAGE(!has(e.path().filename().string(), ".partial"), e.path());

    REQUIRE(steps.size() > 4);
    CHECK(steps.front().fraction == 0.0);
    CHECK(steps.front().step == "Checking the database");
    CHECK(steps.back().fraction == doctest::Approx(1.0));
    for (std::size_t i = 1; i < steps.size(); ++i)
        CHECK(steps[i].fraction >= steps[i - 1].fraction);

    // Every export is recorded, pseudonymised ones without a reason.
    const auto records = store::debrief_exports(*sc.store);
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].identifiable);
    CHECK(records[0].formats == "xlsx,pdf,csv,json");
    CHECK(records[0].id == result.export_record);

    // The same export again replaces the files of the same name, a folder included.
    const ExportResult again = export_debrief(*sc.store, r, *sc.clock);
    CHECK(again.files[2].path == result.files[2].path);
    CHECK(std::filesystem::exists(again.files[2].path / "people.csv"));

    // An identifiable export's files are the owner's only.
    r.debrief.mode = DebriefMode::Identifiable;
    r.debrief.reason = "Police evidence request";
    const ExportResult named = export_debrief(*sc.store, r, *sc.clock);
    REQUIRE(named.files.size() == 4);
    for (const ExportedFile& f : named.files) {
        CHECK(has(f.path.filename().string(), "-identifiable"));
        rc::test::check_owner_only(f.path);
    }
    CHECK(store::debrief_exports(*sc.store).size() == 3);
    CHECK(store::debrief_exports(*sc.store).back().identifiable);
}
