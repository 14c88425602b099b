// Referrals in the store: recording and status changes with their history and audit rows, refusals that
// change nothing, the MS1 that never stores identifying details, the overview against the rules (and
// its alerts), roles, privacy, append-only history, and an upgraded database.
#include "store/referrals.hpp"

// Screens include the referrals header: it must not bring SQLite or libsodium with it.
#ifdef SQLITE_VERSION
#error "store/referrals.hpp includes sqlite3.h"
#endif
#ifdef sodium_H
#error "store/referrals.hpp includes sodium.h"
#endif

#include "domain/default_procedure.hpp"
#include "store/backup.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/referral_record.hpp"
#include "store/sqlite_db.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <chrono>
#include <doctest/doctest.h>
#include <functional>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;
using RT = ReferralType;
using RS = ReferralStatus;

namespace {

constexpr UnixSeconds kHour = 3600;
constexpr const char* kDistinctive = "Quaxfordshire";

void activate_default(Store& s) {
    ActivationRequest r;
    r.name = "Operation Larch";
    r.expected_people = 20;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "p.toml";
    activate(s, r);
}

Person adult(std::optional<NrmConsent> consent, std::string tag) {
    Person p;
    p.tag = std::move(tag);
    p.name = std::string("Zubeida ") + kDistinctive;
    p.alias = "Zuzu Ngata";
    p.sex = Sex::Female;
    p.date_of_birth = Date{1987, 6, 5};
    p.nationality = "RO";
    p.languages = {"ro"};
    p.interpreter_needed = true;
    p.exploitation = {ExploitationType::Labour};
    p.indicators = {ForcedLabourIndicator::DebtBondage};
    p.nrm_consent = consent;
    return p;
}

Referral nrm_by_police() {
    Referral r;
    r.type = RT::Nrm;
    r.making_partner = "police";
    r.made_by = "PC 1234 Okafor";
    r.receiving_organisation = "Home Office (Single Competent Authority)";
    r.consent_explained = true;
    r.interpreter_language = "ro";
    r.consent = ReferralConsent::Given;
    r.external_reference = "NRM-2026-0042";
    r.notes = "Asked for a female interviewer";
    return r;
}

Referral ms1_by_council() {
    Referral r;
    r.type = RT::DutyToNotify;
    r.making_partner = "council";
    r.made_by = "Duty officer 7";
    r.receiving_organisation = "Home Office";
    r.consent = ReferralConsent::NotNeeded;
    r.notes = "Submitted anonymously through the portal";
    return r;
}

std::vector<FieldProblem> rejection(const std::function<void()>& f) {
    try {
        f();
    } catch (const ReferralRejected& e) {
        CHECK(e.kind() == ErrorKind::InvalidInput);
        return e.problems();
    } catch (const StoreError& e) {
        FAIL("refused without field problems: " << e.problem());
    }
    FAIL("not refused");
    return {};
}

std::vector<std::string> fields_of(const std::vector<FieldProblem>& problems) {
    std::vector<std::string> out;
    for (const FieldProblem& p : problems)
        out.push_back(p.field);
    return out;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<AuditEntry> audit_of(const Store& s, std::string_view table) {
    std::vector<AuditEntry> out;
    for (AuditEntry& e : s.audit_entries(100000))
        if (e.table == table) out.push_back(std::move(e));
    std::reverse(out.begin(), out.end()); // oldest first
    return out;
}

std::int64_t count(const Store& s, const std::string& sql) {
    return s.connection_for_reading().query_int(sql);
}

ReferralOverviewOptions utc_overview() {
    ReferralOverviewOptions o;
    o.date_of = utc_date_of;
    return o;
}

const PersonReferralOverview& row_of(const ReferralOverview& o, PersonId id) {
    for (const PersonReferralOverview& r : o.people)
        if (r.person_id == id) return r;
    FAIL("no overview row for person #" << id);
    return o.people.front();
}

} // namespace

TEST_CASE("referrals: recorded, read back decrypted, moved to accepted, with history and audit rows") {
    TempDir dir("referrals-basic");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate_default(*s);
    const CheckedIn in = check_in(*s, adult(NrmConsent::Yes, "T001"), kT0);

    clock.advance(kHour);
    const ReferralId id = add_referral(*s, in.id, nrm_by_police());
    auto all = referrals_for(*s, in.id);
    REQUIRE(all.size() == 1);
    CHECK(all[0].id == id);
    CHECK(all[0].person_id == in.id);
    CHECK(all[0].person_reference == "OP-0001-001");
    const Referral& r = all[0].referral;
    CHECK(r.type == RT::Nrm);
    CHECK(r.making_partner == "police");
    CHECK(r.made_by == "PC 1234 Okafor");
    CHECK(r.receiving_organisation == "Home Office (Single Competent Authority)");
    CHECK(r.consent_explained);
    CHECK(r.interpreter_language == "ro");
    CHECK(r.consent == ReferralConsent::Given);
    CHECK(r.status == RS::ToDo);
    CHECK(r.status_at == kT0 + kHour);
    CHECK_FALSE(r.made_at);
    CHECK(r.external_reference == "NRM-2026-0042");
    CHECK(r.notes == "Asked for a female interviewer");
    CHECK(all[0].created_at == kT0 + kHour);

    clock.advance(600);
    set_referral_status(*s, id, RS::InProgress);
    clock.advance(600);
    set_referral_status(*s, id, RS::Made, {}, kT0 + kHour + 900); // recorded five minutes after the fact
    clock.advance(3 * kHour);
    set_referral_status(*s, id, RS::Accepted);
    auto back = referral(*s, id);
    REQUIRE(back);
    CHECK(back->referral.status == RS::Accepted);
    CHECK(back->referral.made_at == kT0 + kHour + 900);
    CHECK(back->referral.outcome_at == clock.now());
    CHECK(back->referral.status_at == clock.now());

    // Details change; the type does not.
    Referral edit = back->referral;
    edit.notes = "Interviewed with a female officer";
    edit.external_reference = "NRM-2026-0043";
    edit.receiving_organisation = "Single Competent Authority";
    update_referral(*s, id, edit);
    edit.type = RT::Medical;
    CHECK(fields_of(rejection([&] { update_referral(*s, id, edit); })) == std::vector<std::string>{"type"});
    back = referral(*s, id);
    CHECK(back->referral.notes == "Interviewed with a female officer");
    CHECK(back->referral.status == RS::Accepted); // an edit never moves the status
    CHECK(back->referral.type == RT::Nrm);

    const auto history = referral_history(*s, id);
    REQUIRE(history.size() == 5);
    CHECK(history[0].action == ReferralEventAction::Created);
    CHECK(history[0].to_status == RS::ToDo);
    CHECK(history[1].from_status == RS::ToDo);
    CHECK(history[1].to_status == RS::InProgress);
    CHECK(history[2].to_status == RS::Made);
    CHECK(history[2].at == kT0 + kHour + 900);
    CHECK(history[2].recorded_at == kT0 + kHour + 1200);
    CHECK(history[3].to_status == RS::Accepted);
    CHECK(history[4].action == ReferralEventAction::Updated);
    CHECK(history[4].fields ==
          std::vector<std::string>{"receiving_organisation", "external_reference", "notes"});

    // Every write has its audit row; personal values are named, never written.
    const auto audit = audit_of(*s, "referrals");
    REQUIRE(audit.size() == 5);
    CHECK(audit[0].action == "insert");
    CHECK(audit[0].record == id);
    CHECK(has(audit[0].changes, "\"type\":\"(personal, not recorded)\""));
    CHECK(has(audit[0].changes, "\"making_partner\":\"(personal, not recorded)\""));
    CHECK_FALSE(has(audit[0].changes, "nrm"));
    CHECK(has(audit[0].changes, "\"made_by\":\"(personal, not recorded)\""));
    CHECK(has(audit[0].changes, "\"notes\":\"(personal, not recorded)\""));
    CHECK(audit[1].action == "status");
    CHECK(has(audit[1].changes, "\"status\":\"(personal, not recorded)\""));
    CHECK_FALSE(has(audit[1].changes, "in_progress"));
    CHECK(audit[4].action == "update");
    CHECK(has(audit[4].changes, "\"receiving_organisation\":\"(personal, not recorded)\""));
    for (const AuditEntry& e : audit) {
        CAPTURE(e.changes);
        CHECK_FALSE(has(e.changes, "Okafor"));
        CHECK_FALSE(has(e.changes, "NRM-2026"));
        CHECK_FALSE(has(e.changes, "interviewer"));
        CHECK_FALSE(has(e.changes, "female officer"));
    }
}

TEST_CASE("referrals: refusals name the field and change nothing") {
    TempDir dir("referrals-refused");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);

    // Before activation there are no partners or rules to record against.
    const CheckedIn in = check_in(*s, adult(NrmConsent::Yes, "T001"), kT0);
    CHECK_FALSE(referral_overview(*s, kT0).procedure_pinned);
    try {
        add_referral(*s, in.id, nrm_by_police());
        FAIL("recorded a referral before activation");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::InvalidInput);
        CHECK(has(e.advice(), "Activate"));
    }
    activate_default(*s);
    clock.advance(kHour);
    const ReferralId id = add_referral(*s, in.id, nrm_by_police());
    const auto before_rows = count(*s, "SELECT count(*) FROM referrals");
    const auto before_events = count(*s, "SELECT count(*) FROM referral_events");
    const auto before_audit = count(*s, "SELECT count(*) FROM audit");
    const auto before_version = s->data_version();

    Referral bad = nrm_by_police();
    bad.making_partner = "red_crosss";
    bad.interpreter_language = "zz";
    CHECK(fields_of(rejection([&] { add_referral(*s, in.id, bad); })) ==
          std::vector<std::string>{"making_partner", "interpreter_language"});
    bad = nrm_by_police();
    bad.status = RS::Accepted;
    CHECK(fields_of(rejection([&] { add_referral(*s, in.id, bad); })) == std::vector<std::string>{"status"});
    bad = nrm_by_police();
    bad.status = RS::Made;
    bad.making_partner.clear();
    CHECK(fields_of(rejection([&] { add_referral(*s, in.id, bad); })) ==
          std::vector<std::string>{"making_partner"});
    bad = nrm_by_police();
    bad.status = RS::Made;
    bad.made_at = clock.now() + 60;
    CHECK(fields_of(rejection([&] { add_referral(*s, in.id, bad); })) == std::vector<std::string>{"at"});
    CHECK_THROWS_AS(add_referral(*s, 999, nrm_by_police()), StoreError);

    // Transitions.
    CHECK(fields_of(rejection([&] { set_referral_status(*s, id, RS::Accepted); })) ==
          std::vector<std::string>{"status"});
    CHECK(fields_of(rejection([&] { set_referral_status(*s, id, RS::Withdrawn, "   "); })) ==
          std::vector<std::string>{"reason"});
    CHECK(fields_of(rejection([&] { set_referral_status(*s, id, RS::Made, {}, clock.now() + 10); })) ==
          std::vector<std::string>{"at"});
    CHECK(fields_of(rejection([&] { set_referral_status(*s, id, RS::Made, {}, kT0); })) ==
          std::vector<std::string>{"at"}); // before it was recorded
    CHECK_THROWS_AS(set_referral_status(*s, 999, RS::Made), StoreError);

    CHECK(count(*s, "SELECT count(*) FROM referrals") == before_rows);
    CHECK(count(*s, "SELECT count(*) FROM referral_events") == before_events);
    CHECK(count(*s, "SELECT count(*) FROM audit") == before_audit);
    CHECK(s->data_version() == before_version);

    // Declined and withdrawn are final.
    set_referral_status(*s, id, RS::Made);
    set_referral_status(*s, id, RS::Declined, "Negative reasonable grounds decision");
    const auto problems = rejection([&] { set_referral_status(*s, id, RS::Made); });
    REQUIRE(problems.size() == 1);
    CHECK(has(problems[0].message, "record a new referral instead"));
    CHECK(referral(*s, id)->referral.reason == "Negative reasonable grounds decision");
    CHECK(referral_history(*s, id).back().reason == "Negative reasonable grounds decision");
}

TEST_CASE("referrals: an MS1 never stores identifying details, and its prompt sheet carries none") {
    TempDir dir("referrals-ms1");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    activate_default(*s);
    const CheckedIn in = check_in(*s, adult(NrmConsent::No, "TAG-QX-77"), kT0);
    clock.advance(kHour);

    // Refused: the flag, and free text that mentions the name, alias, tag or date of birth.
    Referral bad = ms1_by_council();
    bad.identifying = true;
    CHECK(fields_of(rejection([&] { add_referral(*s, in.id, bad); })) ==
          std::vector<std::string>{"identifying"});
    bad = ms1_by_council();
    bad.notes = std::string("Spoke with ") + kDistinctive + " through an interpreter";
    CHECK(fields_of(rejection([&] { add_referral(*s, in.id, bad); })) == std::vector<std::string>{"notes"});
    bad = ms1_by_council();
    bad.notes = "Known as zuzu";
    bad.external_reference = "tag-qx-77 / 05/06/1987";
    const auto problems = rejection([&] { add_referral(*s, in.id, bad); });
    CHECK(fields_of(problems) == std::vector<std::string>{"external_reference", "notes"});
    for (const FieldProblem& p : problems) {
        CAPTURE(p.message);
        CHECK(has(p.message, "Duty to Notify (MS1) carries no identifying details"));
        CHECK_FALSE(has(p.message, kDistinctive));
        CHECK_FALSE(has(p.message, "Zuzu"));
    }
    CHECK(count(*s, "SELECT count(*) FROM referrals") == 0);

    // A clean MS1 is kept; later edits and reasons are checked the same way.
    const ReferralId id = add_referral(*s, in.id, ms1_by_council());
    Referral edit = ms1_by_council();
    edit.notes = std::string("Adult ") + kDistinctive + " declined the NRM";
    CHECK(fields_of(rejection([&] { update_referral(*s, id, edit); })) == std::vector<std::string>{"notes"});
    edit = ms1_by_council();
    edit.identifying = true;
    CHECK(fields_of(rejection([&] { update_referral(*s, id, edit); })) ==
          std::vector<std::string>{"identifying"});
    CHECK(fields_of(rejection([&] { set_referral_status(*s, id, RS::Withdrawn, "Zubeida asked us to"); })) ==
          std::vector<std::string>{"reason"});
    CHECK(fields_of(rejection([&] { set_referral_status(*s, id, RS::Made, "Made for TAG-QX-77"); })) ==
          std::vector<std::string>{"reason"});
    set_referral_status(*s, id, RS::Made, "Submitted through the portal");

    // The flag is sealed with the referral's other attributes: the store is what refuses it (above).

    // Nothing of the person's identity in the MS1's rows, decrypted, or its history, or its prompt sheet.
    const auto stored = referrals_for(*s, in.id);
    REQUIRE(stored.size() == 1);
    const Referral& r = stored[0].referral;
    CHECK_FALSE(r.identifying);
    for (const std::string* text : {&r.made_by, &r.receiving_organisation, &r.notes, &r.external_reference,
                                    &r.reason, &r.making_partner}) {
        CHECK_FALSE(has(*text, kDistinctive));
        CHECK_FALSE(has(*text, "Zubeida"));
        CHECK_FALSE(has(*text, "1987"));
    }
    for (const ReferralEvent& e : referral_history(*s, id))
        CHECK_FALSE(has(e.reason, kDistinctive));
    const auto sheet = referral_prompt_sheet(*s, id, utc_date_of);
    REQUIRE(sheet);
    CHECK(sheet->anonymous);
    const std::string text = format_prompt_sheet(*sheet);
    for (const char* secret :
         {kDistinctive, "Zubeida", "Zuzu", "Ngata", "1987-06-05", "TAG-QX-77", "OP-0001-001"}) {
        CAPTURE(secret);
        CHECK_FALSE(has(text, secret));
    }
    CHECK(has(text, "Age band: 35-49"));
    CHECK(has(text, "Nationality: Romania (RO)"));

    // The NRM sheet, by contrast, is for a named referral.
    Person consents = adult(NrmConsent::Yes, "T002");
    const CheckedIn other = check_in(*s, consents, kT0);
    const ReferralId nrm = add_referral(*s, other.id, nrm_by_police());
    const auto nrm_sheet = referral_prompt_sheet(*s, nrm, utc_date_of);
    REQUIRE(nrm_sheet);
    CHECK(has(format_prompt_sheet(*nrm_sheet), std::string("Name: Zubeida ") + kDistinctive));
    Referral medical;
    medical.type = RT::Medical;
    CHECK_FALSE(referral_prompt_sheet(*s, add_referral(*s, other.id, medical)));
}

TEST_CASE("referrals: the overview checks everyone against the rules; recording the missing one clears it") {
    TempDir dir("referrals-overview");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate_default(*s);

    Person child;
    child.tag = "C1";
    child.date_of_birth = Date{2008, 3, 15}; // 18 tomorrow: a child on arrival (2026-03-14)
    Person disputed;
    disputed.tag = "D1";
    disputed.claimed_age = 19;
    disputed.stated_child = ChildStatus::AgeDisputed;
    disputed.nrm_consent = NrmConsent::No;
    Person unknown;
    unknown.tag = "U1";
    const PersonId child_id = check_in(*s, child, kT0).id;
    const PersonId disputed_id = check_in(*s, disputed, kT0).id;
    const PersonId consents_id = check_in(*s, adult(NrmConsent::Yes, "A1"), kT0).id;
    const PersonId declines_id = check_in(*s, adult(NrmConsent::No, "A2"), kT0).id;
    const PersonId undecided_id = check_in(*s, adult(NrmConsent::Undecided, "A3"), kT0).id;
    const PersonId unknown_id = check_in(*s, unknown, kT0).id;

    clock.advance(kHour);
    add_referral(*s, consents_id, nrm_by_police()); // to do: still missing
    Referral wrong = nrm_by_police();
    wrong.status = RS::Made;
    const ReferralId wrong_id = add_referral(*s, declines_id, wrong); // an NRM for an adult who declined

    auto o = referral_overview(*s, kT0 + 2 * kHour, utc_overview());
    REQUIRE(o.procedure_pinned);
    REQUIRE(o.people.size() == 6);
    CHECK(o.people[0].person_id == child_id);
    CHECK(row_of(o, child_id).check.category == PersonCategory::Child);
    CHECK(row_of(o, child_id).check.missing == std::vector<RT>{RT::Nrm, RT::ChildrensServices});
    CHECK(row_of(o, disputed_id).check.category == PersonCategory::AgeDisputed);
    CHECK(row_of(o, disputed_id).check.missing == std::vector<RT>{RT::Nrm, RT::ChildrensServices});
    CHECK(row_of(o, consents_id).check.missing == std::vector<RT>{RT::Nrm});
    CHECK(row_of(o, consents_id).referrals.size() == 1);
    CHECK(row_of(o, consents_id).referrals[0].referral.notes.empty()); // sealed fields are not read
    CHECK(row_of(o, declines_id).check.missing == std::vector<RT>{RT::DutyToNotify});
    CHECK(row_of(o, declines_id).check.contradictions == 1);
    CHECK(row_of(o, undecided_id).check.undecided);
    CHECK(row_of(o, undecided_id).check.missing.empty());
    // No age recorded: presumed a child, so the child rule applies, and the age is flagged.
    CHECK(row_of(o, unknown_id).check.age_not_established);
    CHECK(row_of(o, unknown_id).check.missing == std::vector<RT>{RT::Nrm, RT::ChildrensServices});
    CHECK(o.people_with_missing == 5);
    CHECK(o.missing == 8);
    CHECK(o.overdue == 0);
    CHECK(o.contradictions == 1);
    CHECK(o.age_not_established == 1);
    CHECK(o.undecided == 1);
    CHECK(o.next_change_at == kT0 + 4 * kHour);

    const auto contradiction = std::find_if(o.alerts.begin(), o.alerts.end(), [](const Alert& a) {
        return a.kind == AlertKind::ReferralContradictory;
    });
    REQUIRE(contradiction != o.alerts.end());
    CHECK(contradiction->severity == AlertSeverity::Critical);
    // Critical first: the contradiction, and the age still not established after the welfare check time.
    CHECK(o.alerts.front().severity == AlertSeverity::Critical);
    CHECK(contradiction->target.kind == AlertTargetKind::Referral);
    CHECK(contradiction->target.id == wrong_id);
    CHECK(contradiction->target.person == declines_id);
    CHECK(contradiction->message ==
          "OP-0001-004: NRM marked made for an adult who declined the NRM: an adult must consent");
    for (const Alert& a : o.alerts) {
        CAPTURE(a.message);
        CHECK_FALSE(has(a.message, kDistinctive));
    }

    // Five hours on: the required ones not made are overdue.
    o = referral_overview(*s, kT0 + 5 * kHour, utc_overview());
    // The child's two, the disputed person's two, the presumed child's two; the adults' are counted from
    // their decisions and the procedure gives them 12 h (NRM) and 24 h (MS1).
    CHECK(o.overdue == 6);
    CHECK(row_of(o, declines_id).check.overdue.empty());
    CHECK(row_of(o, consents_id).check.overdue.empty());
    const auto overdue_for_child = [&](const ReferralOverview& ov) {
        return std::count_if(ov.alerts.begin(), ov.alerts.end(), [&](const Alert& a) {
            return a.kind == AlertKind::ReferralOverdue && a.target.id == child_id;
        });
    };
    CHECK(overdue_for_child(o) == 2);

    // Following the alert to the child and recording what is missing clears it.
    clock.set(kT0 + 5 * kHour);
    Referral cs;
    cs.type = RT::ChildrensServices;
    cs.making_partner = "council";
    cs.receiving_organisation = "Starting Point";
    cs.consent = ReferralConsent::NotNeeded;
    cs.status = RS::Made;
    add_referral(*s, child_id, cs);
    Referral child_nrm = nrm_by_police();
    child_nrm.consent = ReferralConsent::NotNeeded;
    child_nrm.status = RS::Made;
    add_referral(*s, child_id, child_nrm);
    o = referral_overview(*s, kT0 + 5 * kHour, utc_overview());
    CHECK(row_of(o, child_id).check.missing.empty());
    CHECK(row_of(o, child_id).check.overdue.empty());
    CHECK(row_of(o, child_id).check.made == std::vector<RT>{RT::Nrm, RT::ChildrensServices});
    CHECK(overdue_for_child(o) == 0);
    for (const ReferralRequirement& r : row_of(o, child_id).check.requirements)
        if (r.need == ReferralNeed::Required) CHECK(r.made_late);

    // People in the centre beyond the procedure's limit (12 h) are alerted too; departures are not.
    record_journey_step(*s, unknown_id, JourneyStep::Departed, clock.now(), Destination::Hospital);
    o = referral_overview(*s, kT0 + 13 * kHour, utc_overview());
    const auto too_long = std::count_if(o.alerts.begin(), o.alerts.end(),
                                        [](const Alert& a) { return a.kind == AlertKind::OnSiteTooLong; });
    CHECK(too_long == 5);
    CHECK_FALSE(row_of(o, unknown_id).in_centre);
}

TEST_CASE("referrals: a volunteer sees the overview but neither records referrals nor reads their details") {
    TempDir dir("referrals-roles");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate_default(*s);
    const PersonId id = check_in(*s, adult(NrmConsent::No, "T1"), kT0).id;
    const ReferralId ms1 = add_referral(*s, id, ms1_by_council());
    s->add_user(NewUser{"Val Volunteer", UserRole::Volunteer, "volunteer words", ""});
    REQUIRE(s->sign_in("Val Volunteer", "volunteer words").ok());

    const auto refused = [](const std::function<void()>& f) {
        try {
            f();
        } catch (const StoreError& e) {
            return e.kind() == ErrorKind::NotPermitted;
        }
        return false;
    };
    CHECK(refused([&] { add_referral(*s, id, ms1_by_council()); }));
    CHECK(refused([&] { set_referral_status(*s, ms1, RS::Made); }));
    CHECK(refused([&] { update_referral(*s, ms1, ms1_by_council()); }));
    CHECK(refused([&] { referrals(*s); }));
    CHECK(refused([&] { referral_history(*s, ms1); }));
    CHECK(refused([&] { referral_prompt_sheet(*s, ms1); }));
    const auto o = referral_overview(*s, kT0 + kHour);
    REQUIRE(o.people.size() == 1);
    CHECK(o.people[0].check.missing == std::vector<RT>{RT::DutyToNotify}); // to do: not yet under way
    CHECK_FALSE(can(UserRole::Volunteer, Permission::RecordReferrals));
    CHECK(can(UserRole::Coordinator, Permission::RecordReferrals));

    s->lock();
    try {
        referral_overview(*s, kT0 + kHour);
        FAIL("read the overview while locked");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::SignedOut);
    }
}

TEST_CASE("referrals: sealed values never reach the file, the WAL, a backup or the log") {
    TempDir dir("referrals-privacy");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    const auto log_path = dir / "console.log";
    auto previous = spdlog::default_logger();
    auto logger = spdlog::basic_logger_mt("referrals-privacy-test", log_path.string(), true);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::trace);

    const auto check_clean = [&](const std::filesystem::path& p) {
        CAPTURE(p.string());
        REQUIRE(std::filesystem::exists(p));
        const std::string bytes = read_file(p);
        for (const char* secret : {kDistinctive, "quaxfordshire", "QUAXFORDSHIRE", "Okafor", "Wexcombe",
                                   "Yellowfield", "NRM-2026-0042"}) {
            CAPTURE(secret);
            CHECK_FALSE(has(bytes, secret));
        }
    };
    std::filesystem::path backup;
    {
        auto s = make_store(db, clock);
        activate_default(*s);
        const PersonId declines = check_in(*s, adult(NrmConsent::No, "Q1"), kT0).id;
        const PersonId consents = check_in(*s, adult(NrmConsent::Yes, "Q2"), kT0).id;
        clock.advance(kHour);
        // An MS1 refused for naming the person: the refusal is not logged with the name either.
        Referral naming = ms1_by_council();
        naming.notes = std::string("For ") + kDistinctive;
        CHECK_THROWS_AS(add_referral(*s, declines, naming), ReferralRejected);
        add_referral(*s, declines, ms1_by_council());
        Referral nrm = nrm_by_police();
        nrm.notes = std::string("Sister of ") + kDistinctive + " in Wexcombe";
        const ReferralId id = add_referral(*s, consents, nrm);
        set_referral_status(*s, id, RS::Made);
        set_referral_status(*s, id, RS::Withdrawn, "Moved to Yellowfield refuge");
        CHECK(referral(*s, id)->referral.notes == nrm.notes); // and it is there, sealed
        backup = backup_database(db, dir / "usb", clock).file;
        std::filesystem::path wal = db;
        wal += "-wal";
        REQUIRE(std::filesystem::file_size(wal) > 0);
        check_clean(wal);
    }
    logger->flush();
    spdlog::set_default_logger(previous);
    spdlog::drop("referrals-privacy-test");
    spdlog::set_level(spdlog::level::warn);

    check_clean(db);
    check_clean(backup);
    check_clean(log_path);
    CHECK(file_contains(log_path, "referral #2 recorded for OP-0001-002"));
}

TEST_CASE("referrals: the history is append-only; referrals go only with their person") {
    TempDir dir("referrals-append-only");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    {
        auto s = make_store(db, clock);
        activate_default(*s);
        const PersonId a = check_in(*s, adult(NrmConsent::No, "T1"), kT0).id;
        const PersonId b = check_in(*s, adult(NrmConsent::Yes, "T2"), kT0).id;
        set_referral_status(*s, add_referral(*s, a, ms1_by_council()), RS::Made);
        add_referral(*s, b, nrm_by_police());
    }
    Connection c = Connection::open(db, AccessMode::ReadWrite);
    c.exec("PRAGMA foreign_keys = ON");
    CHECK_THROWS_AS(c.exec("UPDATE referral_events SET at = 0"), StoreError);
    CHECK_THROWS_AS(c.exec("DELETE FROM referral_events WHERE referral_id = 1"), StoreError);
    CHECK_THROWS_AS(c.exec("DELETE FROM referrals WHERE id = 1"), StoreError);
    c.exec("DELETE FROM people WHERE id = 1"); // a purge takes the person's referrals and their history
    CHECK(c.query_int("SELECT count(*) FROM referrals") == 1);
    CHECK(c.query_int("SELECT count(*) FROM referral_events") == 1);
}

TEST_CASE("referrals: a database from before referrals is upgraded and takes them") {
    TempDir dir("referrals-upgrade");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    { Store::create(quick_options(db, 5), clock); }
    auto s = open_signed_in(db, clock);
    CHECK(s->upgraded_from() == 5);
    const PersonId id = check_in(*s, adult(std::nullopt, "T1"), kT0).id;
    update_person(*s, id, adult(NrmConsent::Yes, "T1"));
    CHECK(person(*s, id)->person.nrm_consent_at == kT0);
    activate_default(*s);
    const ReferralId r = add_referral(*s, id, nrm_by_police());
    CHECK(referral(*s, r)->person_reference == "OP-0001-001");
    CHECK(referral_overview(*s, kT0 + kHour, utc_overview()).missing == 1);
}

TEST_CASE("referrals: the overview of 10,000 people and 20,000 referrals") {
    TempDir dir("referrals-10k");
    ManualClock clock(kT0 + 6 * kHour);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate_default(*s);
    // Every fifth person a child; adults cycle through yes, no, undecided and not asked.
    std::string roll = "tag,name,dob,consent_nrm,arrived_at\n";
    const char* consents[] = {"yes", "no", "undecided", ""};
    for (int i = 0; i < 10000; ++i)
        roll += "T" + std::to_string(i) + ",Person " + std::to_string(i) + "," +
                (i % 5 == 0 ? "2012-01-01" : "1990-01-01") + "," + consents[i % 4] + ",2026-03-14T06:40\n";
    RollImportOptions utc;
    utc.to_unix_seconds = [](const LocalDateTime& t) -> std::optional<UnixSeconds> {
        return unix_seconds_from_utc(t);
    };
    utc.date_of = utc_date_of;
    REQUIRE(import_roll(*s, roll, utc).ok());
    // Written directly for speed: each referral's sealed record is real (the overview opens it); the
    // free text it does not read gets placeholder blobs.
    {
        Connection& c = s->connection_for_reading();
        const FieldCipher cipher = s->cipher();
        Transaction tx(c);
        auto st =
            c.cached("INSERT INTO referrals (id, person_id, referral_enc, status_at, made_at, made_by_enc, "
                     "external_reference_enc, notes_enc, created_at, created_by, updated_at, updated_by) "
                     "VALUES (?, ?, ?, 1773474000, ?, x'00', x'00', x'00', 1773474000, 1, 1773474000, 1)");
        const ReferralType types[] = {ReferralType::Nrm, ReferralType::ChildrensServices,
                                      ReferralType::DutyToNotify, ReferralType::Medical};
        const ReferralStatus statuses[] = {RS::Made, RS::InProgress, RS::ToDo};
        for (int i = 0; i < 20000; ++i) {
            Referral r;
            r.type = types[i % 4];
            r.making_partner = "police";
            r.consent_explained = true;
            r.consent = ReferralConsent::Given;
            r.status = statuses[i % 3];
            const std::int64_t id = i + 1;
            std::optional<std::int64_t> made_at;
            if (i % 3 == 0) made_at = 1773474000;
            st->bind_all(id, std::int64_t{1 + i % 10000},
                         cipher.seal("referrals", "referral", id, encode_referral(r)), made_at)
                .run();
            st->reset();
        }
        tx.commit();
    }

    const auto t0 = std::chrono::steady_clock::now();
    const ReferralOverview o = referral_overview(*s, clock.now(), utc_overview());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(o.people.size() == 10000);
    std::size_t seen = 0;
    for (const PersonReferralOverview& r : o.people)
        seen += r.referrals.size();
    CHECK(seen == 20000);
    CHECK(o.overdue > 0);
    CHECK(o.contradictions > 0);
    CHECK_FALSE(o.alerts.empty());
    MESSAGE("referral_overview of 10,000 people and 20,000 referrals: " << ms << " ms, " << o.alerts.size()
                                                                        << " alerts");
}

TEST_CASE("referrals: exits, consent times and an adult judgement, through the store and back") {
    TempDir dir("referrals-exits");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate_default(*s);
    Person child;
    child.tag = "C1";
    child.claimed_age = 15;
    const PersonId child_id = check_in(*s, child, kT0).id;
    Person unknown;
    unknown.tag = "U1";
    const PersonId unknown_id = check_in(*s, unknown, kT0).id;
    const PersonId adult_id = check_in(*s, adult(std::nullopt, "A1"), kT0).id;
    Person lost;
    lost.tag = "M1";
    lost.claimed_age = 30;
    const PersonId missing_id = check_in(*s, lost, kT0).id;

    // A child goes home at +1 h without referrals: recorded, and a critical alert at once.
    clock.set(kT0 + kHour);
    record_journey_step(*s, child_id, JourneyStep::Departed, kT0 + kHour, Destination::Home);
    // An adult never asked goes to hospital (temporary): still on the roll, nothing owed; then is detained.
    record_journey_step(*s, adult_id, JourneyStep::TemporaryExit, kT0 + kHour,
                        Destination::HospitalTemporary);
    // Someone goes missing: the new destination is stored exactly.
    record_journey_step(*s, missing_id, JourneyStep::Departed, kT0 + kHour, Destination::Missing);
    CHECK(person(*s, missing_id)->journey.destination == Destination::Missing);
    CHECK(person(*s, adult_id)->person.journey.back().destination == Destination::HospitalTemporary);
    CHECK(person(*s, adult_id)->journey.temporarily_out);

    auto o = referral_overview(*s, kT0 + kHour + 60, utc_overview());
    const auto alert = [&](AlertKind kind, PersonId who) -> const Alert* {
        for (const Alert& a : o.alerts)
            if (a.kind == kind && a.target.person == who) return &a;
        return nullptr;
    };
    REQUIRE(alert(AlertKind::DepartedWithoutReferral, child_id));
    CHECK(alert(AlertKind::DepartedWithoutReferral, child_id)->severity == AlertSeverity::Critical);
    CHECK(alert(AlertKind::DepartedWithoutReferral, child_id)->message.find("999") != std::string::npos);
    CHECK(o.departed_without_referral == 2); // the child, and the missing adult's MS1
    REQUIRE(alert(AlertKind::PersonMissing, missing_id));
    CHECK(alert(AlertKind::PersonMissing, missing_id)->severity == AlertSeverity::Critical);
    CHECK_FALSE(alert(AlertKind::DepartedWithoutReferral, adult_id)); // a temporary exit raises nothing
    REQUIRE(alert(AlertKind::AgeNotEstablished, unknown_id));
    CHECK(alert(AlertKind::AgeNotEstablished, unknown_id)->severity ==
          AlertSeverity::Critical); // past 60 min

    // The adult comes back, then leaves for good undecided: an anonymous MS1 is owed from the departure.
    record_journey_step(*s, adult_id, JourneyStep::Returned, kT0 + kHour);
    Person decided = person(*s, adult_id)->person;
    decided.nrm_consent = NrmConsent::Undecided;
    clock.set(kT0 + 2 * kHour);
    update_person(*s, adult_id, decided);
    CHECK(person(*s, adult_id)->person.nrm_consent_at == kT0 + 2 * kHour);
    record_journey_step(*s, adult_id, JourneyStep::Departed, kT0 + 2 * kHour,
                        Destination::DetainedImmigration);
    o = referral_overview(*s, kT0 + 2 * kHour + 60, utc_overview());
    const PersonReferralOverview* row = nullptr;
    for (const auto& r : o.people)
        if (r.person_id == adult_id) row = &r;
    REQUIRE(row);
    CHECK(row->check.required == std::vector<RT>{RT::DutyToNotify});
    REQUIRE_FALSE(row->check.requirements.empty());
    CHECK(row->check.requirements[0].due_at == kT0 + 2 * kHour + 24 * kHour);
    CHECK(row->check.requirements[0].anonymous);

    // "Clearly an adult" takes the person off the child rules, and only a coordinator may say so.
    Person judged = person(*s, unknown_id)->person;
    judged.stated_child = ChildStatus::Adult;
    judged.adult_judgement = "visibly in their fifties";
    update_person(*s, unknown_id, judged);
    CHECK(person(*s, unknown_id)->person.adult_judgement == "visibly in their fifties");
    o = referral_overview(*s, kT0 + 2 * kHour + 60, utc_overview());
    for (const auto& r : o.people)
        if (r.person_id == unknown_id) {
            CHECK_FALSE(r.check.age_not_established);
            CHECK(r.check.required.empty());
        }
    s->add_user(NewUser{"Val Volunteer", UserRole::Volunteer, "volunteer words", ""});
    REQUIRE(s->sign_in("Val Volunteer", "volunteer words").ok());
    judged.adult_judgement = "changed my mind";
    try {
        update_person(*s, unknown_id, judged);
        FAIL("a volunteer recorded an adult judgement");
    } catch (const StoreError& e) {
        CHECK(e.kind() == ErrorKind::NotPermitted);
    }
}
