// One person's referrals against the default procedure's rules: a table of cases covering every rule
// (child, disputed age, adults who consent, decline or have not decided, unknown age, the 18th birthday
// tomorrow, contradictory records), then overdue times, the statuses, and the anonymous MS1.
#include "domain/referral_check.hpp"
#include "domain/referral_record.hpp"
#include "procedure_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using rc::test::load_default;
using RT = ReferralType;
using RS = ReferralStatus;

namespace {

constexpr UnixSeconds t0 = 1773470400; // 2026-03-14 06:40 UTC: the arrival
constexpr UnixSeconds hour = 3600;
constexpr Date arrival{2026, 3, 14};

Person adult(std::optional<NrmConsent> consent) {
    Person p;
    p.reference = "OP-0001-001";
    p.tag = "T001";
    p.name = "Zubeida Quaxfordshire";
    p.alias = "Zuzu";
    p.sex = Sex::Female;
    p.date_of_birth = Date{1990, 6, 5};
    p.nationality = "RO";
    p.exploitation = {ExploitationType::Labour};
    p.indicators = {ForcedLabourIndicator::DebtBondage};
    p.nrm_consent = consent;
    return p;
}

Person child_born(Date dob) {
    Person p = adult(std::nullopt);
    p.date_of_birth = dob;
    return p;
}

Person disputed() {
    Person p = adult(NrmConsent::No);
    p.date_of_birth.reset();
    p.claimed_age = 19;
    p.stated_child = ChildStatus::AgeDisputed;
    return p;
}

Person age_unknown() {
    Person p = adult(NrmConsent::Yes);
    p.date_of_birth.reset();
    return p;
}

Referral referral(RT type, RS status, std::string partner = {},
                  ReferralConsent consent = ReferralConsent::Given) {
    Referral r;
    r.type = type;
    r.status = status;
    r.making_partner = std::move(partner);
    r.consent = consent;
    r.consent_explained = true;
    r.interpreter_language = "ro";
    r.status_at = t0 + hour;
    if (referral_status_made(status)) r.made_at = t0 + hour;
    if (referral_status_needs_reason(status)) r.reason = "Receiving organisation full";
    return r;
}

struct Case {
    const char* name;
    Person person;
    std::vector<Referral> referrals;
    UnixSeconds now;
    std::optional<PersonCategory> category;
    std::vector<RT> required;
    std::vector<RT> missing;
    std::vector<RT> overdue;
    std::vector<Contradiction> contradictions;
    bool age_unknown = false;
    bool undecided = false;
    bool consent_not_asked = false;
};

std::vector<Contradiction> contradictions_of(const PersonReferralCheck& c) {
    std::vector<Contradiction> out;
    for (const ReferralFinding& f : c.findings)
        if (f.kind == ReferralFindingKind::Contradictory && f.contradiction) out.push_back(*f.contradiction);
    return out;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("referral check: every rule on a table of cases") {
    const Procedure p = load_default();
    using PC = PersonCategory;
    using C = Contradiction;
    const Person consents = adult(NrmConsent::Yes);
    const Person declines = adult(NrmConsent::No);
    const Person undecided = adult(NrmConsent::Undecided);
    const Person child = child_born(Date{2012, 1, 1});
    Referral ms1_identifying = referral(RT::DutyToNotify, RS::Made, "council", ReferralConsent::NotNeeded);
    ms1_identifying.identifying = true;
    Referral ms1_naming = referral(RT::DutyToNotify, RS::InProgress, "police", ReferralConsent::NotNeeded);
    ms1_naming.notes = "Spoke to zubeida at length";
    Referral nrm_unexplained = referral(RT::Nrm, RS::Made, "police");
    nrm_unexplained.consent_explained = false;

    const std::vector<Case> cases = {
        {"child, nothing yet",
         child,
         {},
         t0 + hour,
         PC::Child,
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm, RT::ChildrensServices},
         {},
         {}},
        {"child, both made: no consent needed",
         child,
         {referral(RT::Nrm, RS::Made, "police", ReferralConsent::NotNeeded),
          referral(RT::ChildrensServices, RS::InProgress, "council", ReferralConsent::NotNeeded)},
         t0 + 2 * hour,
         PC::Child,
         {RT::Nrm, RT::ChildrensServices},
         {},
         {},
         {}},
        {"child, past the deadline",
         child,
         {},
         t0 + 5 * hour,
         PC::Child,
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm, RT::ChildrensServices},
         {}},
        {"child referred into the NRM without children's services",
         child,
         {referral(RT::Nrm, RS::Made, "police", ReferralConsent::NotNeeded)},
         t0 + hour,
         PC::Child,
         {RT::Nrm, RT::ChildrensServices},
         {RT::ChildrensServices},
         {},
         {C::ChildWithoutChildrensServices}},
        {"an MS1 for a child",
         child,
         {referral(RT::DutyToNotify, RS::Made, "police", ReferralConsent::NotNeeded),
          referral(RT::ChildrensServices, RS::Made, "council", ReferralConsent::NotNeeded)},
         t0 + hour,
         PC::Child,
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm},
         {},
         {C::Ms1ForChild}},
        {"the 18th birthday tomorrow: a child today",
         child_born(Date{2008, 3, 15}),
         {},
         t0 + hour,
         PC::Child,
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm, RT::ChildrensServices},
         {},
         {}},
        {"the 18th birthday today: an adult, not asked yet",
         child_born(Date{2008, 3, 14}),
         {},
         t0 + hour,
         PC::AdultUndecided,
         {},
         {},
         {},
         {},
         false,
         false,
         true},
        {"age disputed: treated as a child, consent does not matter",
         disputed(),
         {},
         t0 + hour,
         PC::AgeDisputed,
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm, RT::ChildrensServices},
         {},
         {}},
        {"adult consents, nothing yet",
         consents,
         {},
         t0 + hour,
         PC::AdultConsents,
         {RT::Nrm},
         {RT::Nrm},
         {},
         {}},
        {"adult consents, NRM made by a first responder",
         consents,
         {referral(RT::Nrm, RS::Made, "police")},
         t0 + 6 * hour,
         PC::AdultConsents,
         {RT::Nrm},
         {},
         {},
         {}},
        {"adult consents, NRM made by the Red Cross",
         consents,
         {referral(RT::Nrm, RS::Made, "red_cross")},
         t0 + hour,
         PC::AdultConsents,
         {RT::Nrm},
         {},
         {},
         {C::NrmNotByFirstResponder}},
        {"adult consents, NRM made with no record of consent explained",
         consents,
         {nrm_unexplained},
         t0 + hour,
         PC::AdultConsents,
         {RT::Nrm},
         {},
         {},
         {C::NrmConsentNotExplained}},
        {"adult consents, referral made although the adult declined it",
         consents,
         {referral(RT::Nrm, RS::Made, "police"),
          referral(RT::SafeAccommodation, RS::Made, "council", ReferralConsent::Declined)},
         t0 + hour,
         PC::AdultConsents,
         {RT::Nrm},
         {},
         {},
         {C::ConsentDeclinedButMade}},
        {"adult declines, nothing yet",
         declines,
         {},
         t0 + hour,
         PC::AdultDeclines,
         {RT::DutyToNotify},
         {RT::DutyToNotify},
         {},
         {}},
        {"adult declines, anonymous MS1 made by the council",
         declines,
         {referral(RT::DutyToNotify, RS::Made, "council", ReferralConsent::NotNeeded)},
         t0 + hour,
         PC::AdultDeclines,
         {RT::DutyToNotify},
         {},
         {},
         {}},
        {"adult declines, NRM marked made",
         declines,
         {referral(RT::Nrm, RS::Made, "police")},
         t0 + hour,
         PC::AdultDeclines,
         {RT::DutyToNotify},
         {RT::DutyToNotify},
         {},
         {C::NrmWithoutConsent}},
        {"adult declines, MS1 flagged identifying",
         declines,
         {ms1_identifying},
         t0 + hour,
         PC::AdultDeclines,
         {RT::DutyToNotify},
         {},
         {},
         {C::IdentifyingOnAnonymous}},
        {"adult declines, MS1 notes name the person",
         declines,
         {ms1_naming},
         t0 + hour,
         PC::AdultDeclines,
         {RT::DutyToNotify},
         {},
         {},
         {C::IdentifyingOnAnonymous}},
        {"adult declines, MS1 made by the Red Cross",
         declines,
         {referral(RT::DutyToNotify, RS::Made, "red_cross", ReferralConsent::NotNeeded)},
         t0 + hour,
         PC::AdultDeclines,
         {RT::DutyToNotify},
         {},
         {},
         {C::Ms1NotByDutyHolder}},
        {"adult undecided: a reminder, not a failure",
         undecided,
         {},
         t0 + 30 * hour,
         PC::AdultUndecided,
         {},
         {},
         {},
         {},
         false,
         true},
        {"adult undecided, NRM in progress",
         undecided,
         {referral(RT::Nrm, RS::InProgress, "police")},
         t0 + hour,
         PC::AdultUndecided,
         {},
         {},
         {},
         {C::NrmWithoutConsent},
         false,
         true},
        {"adult not asked, NRM made",
         adult(std::nullopt),
         {referral(RT::Nrm, RS::Made, "police")},
         t0 + hour,
         PC::AdultUndecided,
         {},
         {},
         {},
         {C::NrmWithoutConsent},
         false,
         false,
         true},
        {"age not established: presumed a child (the child rule, from arrival), and flagged",
         age_unknown(),
         {},
         t0 + 9 * hour,
         PC::AgeDisputed,
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm, RT::ChildrensServices},
         {RT::Nrm, RT::ChildrensServices},
         {},
         true},
    };

    for (const Case& c : cases) {
        CAPTURE(c.name);
        const PersonReferralCheck r = check_person_referrals(p, c.person, arrival, t0, c.referrals, c.now);
        CHECK(r.category == c.category);
        CHECK(r.required == c.required);
        CHECK(r.missing == c.missing);
        CHECK(r.overdue == c.overdue);
        CHECK(contradictions_of(r) == c.contradictions);
        CHECK(r.contradictions == static_cast<int>(c.contradictions.size()));
        CHECK(r.age_not_established == c.age_unknown);
        CHECK(r.undecided == c.undecided);
        CHECK(r.consent_not_asked == c.consent_not_asked);
        CHECK(r.needs_action() ==
              (!c.missing.empty() || !c.overdue.empty() || !c.contradictions.empty() || c.age_unknown));
        // Findings never name the person.
        for (const ReferralFinding& f : r.findings) {
            CAPTURE(f.message);
            CHECK_FALSE(has(f.message, "Quaxfordshire"));
            CHECK_FALSE(has(f.message, "Zubeida"));
            CHECK_FALSE(f.message.empty());
        }
    }
}

TEST_CASE("referral check: the messages say what is wrong in words a coordinator uses") {
    const Procedure p = load_default();
    const auto first = [&](const Person& person, std::vector<Referral> refs, UnixSeconds now) {
        const auto r = check_person_referrals(p, person, arrival, t0, refs, now);
        REQUIRE_FALSE(r.findings.empty());
        return r.findings.front().message;
    };
    CHECK(first(adult(NrmConsent::No), {referral(RT::Nrm, RS::Made, "police")}, t0 + hour) ==
          "NRM marked made for an adult who declined the NRM: an adult must consent");
    CHECK(first(child_born(Date{2012, 1, 1}), {}, t0 + 5 * hour + 20 * 60) ==
          "NRM referral not made within 4 h after arrival (overdue by 1 h 20 min)");
    CHECK(first(adult(NrmConsent::Yes), {}, t0 + hour) ==
          "NRM referral required for an adult who consents to the NRM, not made yet");
    CHECK(first(adult(NrmConsent::Undecided), {}, t0 + hour) ==
          "Has not decided about the NRM: offer time, advice and an interpreter, and come back to it");
    const auto unknown = check_person_referrals(p, age_unknown(), arrival, t0, {}, t0 + 2 * hour);
    CHECK(has(unknown.findings.back().message, "Age still not established 2 h after arrival"));
    CHECK(has(first(adult(NrmConsent::Yes), {referral(RT::Nrm, RS::Made, "red_cross")}, t0),
              "British Red Cross, which is not a first responder"));
}

TEST_CASE("referral check: a child's referrals count from arrival; made late is remembered") {
    const Procedure p = load_default();
    const Person child = child_born(Date{2012, 1, 1});

    auto r = check_person_referrals(p, child, arrival, t0, {}, t0 + 4 * hour);
    CHECK(r.overdue.empty()); // exactly at the limit is not yet over it
    CHECK(r.next_due_at == t0 + 4 * hour);
    r = check_person_referrals(p, child, arrival, t0, {}, t0 + 4 * hour + 1);
    CHECK(r.overdue == std::vector<RT>{RT::Nrm, RT::ChildrensServices});
    CHECK_FALSE(r.next_due_at);

    // In progress is not made: still overdue, and the message says so.
    std::vector<Referral> refs = {referral(RT::Nrm, RS::InProgress, "police", ReferralConsent::NotNeeded)};
    r = check_person_referrals(p, child, arrival, t0, refs, t0 + 5 * hour);
    CHECK(r.missing == std::vector<RT>{RT::ChildrensServices});
    CHECK(r.overdue == std::vector<RT>{RT::Nrm, RT::ChildrensServices});
    const auto nrm_overdue = std::find_if(r.findings.begin(), r.findings.end(), [](const ReferralFinding& f) {
        return f.kind == ReferralFindingKind::Overdue && f.type == RT::Nrm;
    });
    REQUIRE(nrm_overdue != r.findings.end());
    CHECK(has(nrm_overdue->message, "; it is in progress"));

    // Made after the deadline: not overdue, but made late.
    refs = {referral(RT::Nrm, RS::Made, "police", ReferralConsent::NotNeeded),
            referral(RT::ChildrensServices, RS::Accepted, "council", ReferralConsent::NotNeeded)};
    refs[0].made_at = t0 + 6 * hour;
    r = check_person_referrals(p, child, arrival, t0, refs, t0 + 7 * hour);
    CHECK(r.overdue.empty());
    CHECK(r.missing.empty());
    REQUIRE(r.requirements.size() >= 2);
    CHECK(r.requirements[0].type == RT::Nrm);
    CHECK(r.requirements[0].made_late);
    CHECK_FALSE(r.requirements[1].made_late);
    CHECK(r.made == std::vector<RT>{RT::Nrm, RT::ChildrensServices});

    // Declined by the receiving organisation: missing again, not overdue (it was made in time).
    refs = {referral(RT::Nrm, RS::Made, "police", ReferralConsent::NotNeeded),
            referral(RT::ChildrensServices, RS::Declined, "council", ReferralConsent::NotNeeded)};
    r = check_person_referrals(p, child, arrival, t0, refs, t0 + 7 * hour);
    CHECK(r.missing == std::vector<RT>{RT::ChildrensServices});
    CHECK(r.overdue.empty());
    CHECK(has(r.findings.back().message, "declined"));

    // A withdrawn referral and a later one made: the later one counts.
    refs = {referral(RT::Nrm, RS::Withdrawn, "police", ReferralConsent::NotNeeded),
            referral(RT::Nrm, RS::Made, "police", ReferralConsent::NotNeeded)};
    r = check_person_referrals(p, child, arrival, t0, refs, t0 + hour);
    CHECK(r.requirements[0].referral == std::size_t{1});
    CHECK(r.requirements[0].status == RS::Made);
}

TEST_CASE("referral check: due times are the procedure's, counted from the moment its rule says") {
    Procedure p = load_default();
    // A child's: from arrival, the child rule's minutes.
    p.referrals.child.due = {{RT::Nrm, 60}, {RT::ChildrensServices, 30}};
    auto r = check_person_referrals(p, child_born(Date{2012, 1, 1}), arrival, t0, {}, t0 + 45 * 60);
    CHECK(r.overdue == std::vector<RT>{RT::ChildrensServices});
    CHECK(r.requirements[0].due_at == t0 + 3600);
    CHECK(r.requirements[1].due_at == t0 + 1800);
    CHECK(std::any_of(r.findings.begin(), r.findings.end(), [](const ReferralFinding& f) {
        return f.kind == ReferralFindingKind::Overdue && has(f.message, "within 30 min after arrival");
    }));

    // An adult's NRM: from the consent decision (hour 5 here), not from arrival.
    p = load_default();
    Person consents = adult(NrmConsent::Yes);
    consents.nrm_consent_at = t0 + 5 * hour;
    r = check_person_referrals(p, consents, arrival, t0, {}, t0 + 5 * hour + 60);
    CHECK(r.overdue.empty());
    CHECK(r.requirements[0].due_at == t0 + 17 * hour);
    r = check_person_referrals(p, consents, arrival, t0, {}, t0 + 17 * hour + 1);
    CHECK(r.overdue == std::vector<RT>{RT::Nrm});
    CHECK(has(r.findings.front().message, "within 12 h after the adult consents"));

    // An MS1 after a decline: from the decline.
    Person declines = adult(NrmConsent::No);
    declines.nrm_consent_at = t0 + 2 * hour;
    r = check_person_referrals(p, declines, arrival, t0, {}, t0 + 3 * hour);
    CHECK(r.requirements[0].type == RT::DutyToNotify);
    CHECK(r.requirements[0].due_at == t0 + 26 * hour);
    CHECK(r.next_due_at == t0 + 26 * hour);

    // A rule without a time for a type (a procedure built in code): never overdue.
    p.referrals.adult_declines.due.clear();
    r = check_person_referrals(p, declines, arrival, t0, {}, t0 + 90 * hour);
    CHECK(r.missing == std::vector<RT>{RT::DutyToNotify});
    CHECK(r.overdue.empty());
    CHECK_FALSE(r.requirements[0].due_at);
}

TEST_CASE("referral check: recommended referrals are listed but never missing") {
    const Procedure p = load_default();
    const auto r = check_person_referrals(p, adult(NrmConsent::No), arrival, t0, {}, t0 + 50 * hour);
    CHECK(r.recommended ==
          std::vector<RT>{RT::PreNrmSupport, RT::AdultSafeguarding, RT::Medical, RT::LegalAdvice});
    CHECK(r.missing == std::vector<RT>{RT::DutyToNotify});
    const auto ms1 = std::find_if(r.requirements.begin(), r.requirements.end(),
                                  [](const ReferralRequirement& q) { return q.type == RT::DutyToNotify; });
    REQUIRE(ms1 != r.requirements.end());
    CHECK(ms1->anonymous);
    for (const ReferralRequirement& q : r.requirements)
        if (q.need == ReferralNeed::Recommended) {
            CHECK_FALSE(q.due_at);
            CHECK_FALSE(q.overdue);
        }
}

TEST_CASE("referral check: an MS1 is always anonymous; other types as the procedure says") {
    const Procedure p = load_default();
    CHECK(referral_must_be_anonymous(p, adult(NrmConsent::Yes), arrival, RT::DutyToNotify));
    CHECK(referral_must_be_anonymous(p, child_born(Date{2012, 1, 1}), arrival, RT::DutyToNotify));
    CHECK_FALSE(referral_must_be_anonymous(p, adult(NrmConsent::No), arrival, RT::Nrm));
    CHECK_FALSE(referral_must_be_anonymous(p, age_unknown(), arrival, RT::SafeAccommodation));
}

TEST_CASE("referral statuses: the allowed transitions") {
    CHECK(allowed_referral_statuses(RS::ToDo) == std::vector<RS>{RS::InProgress, RS::Made, RS::Withdrawn});
    CHECK(allowed_referral_statuses(RS::InProgress) == std::vector<RS>{RS::ToDo, RS::Made, RS::Withdrawn});
    CHECK(allowed_referral_statuses(RS::Made) == std::vector<RS>{RS::Accepted, RS::Declined, RS::Withdrawn});
    CHECK(allowed_referral_statuses(RS::Accepted) == std::vector<RS>{RS::Withdrawn});
    CHECK(allowed_referral_statuses(RS::Declined).empty());
    CHECK(allowed_referral_statuses(RS::Withdrawn).empty());
    for (RS s : all_referral_statuses) {
        CHECK_FALSE(referral_transition_allowed(s, s));
        CHECK(referral_status_from_id(referral_status_id(s)) == s);
    }
    for (ReferralConsent c : all_referral_consents)
        CHECK(referral_consent_from_id(referral_consent_id(c)) == c);
    CHECK(referral_initial_status_allowed(RS::Made));
    CHECK_FALSE(referral_initial_status_allowed(RS::Accepted));
    CHECK(referral_status_needs_reason(RS::Declined));
    CHECK(referral_status_needs_reason(RS::Withdrawn));
    CHECK_FALSE(referral_status_needs_reason(RS::Made));
}

TEST_CASE("referral validation: partners, languages, reasons, and nothing identifying on an MS1") {
    const Procedure p = load_default();
    const Person person = adult(NrmConsent::No);
    const auto fields = [](const std::vector<FieldProblem>& problems) {
        std::vector<std::string> out;
        for (const FieldProblem& fp : problems)
            out.push_back(fp.field);
        return out;
    };

    Referral ok = referral(RT::DutyToNotify, RS::Made, "council", ReferralConsent::NotNeeded);
    ok.notes = "Submitted through the portal; adult aged 25-34, labour exploitation";
    CHECK(validate_referral(ok, p, true, &person).empty());

    Referral bad = ok;
    bad.making_partner = "nobody";
    bad.interpreter_language = "xx";
    bad.identifying = true;
    bad.notes = "Name: Zubeida QUAXFORDSHIRE, tag T001, born 05/06/1990";
    bad.external_reference = "MS1-1990-06-05";
    const auto problems = validate_referral(bad, p, true, &person);
    CHECK(fields(problems) == std::vector<std::string>{"making_partner", "interpreter_language",
                                                       "external_reference", "notes", "identifying"});
    for (const FieldProblem& fp : problems) {
        CAPTURE(fp.message);
        CHECK_FALSE(has(fp.message, "Quaxfordshire"));
        CHECK_FALSE(has(fp.message, "QUAXFORDSHIRE"));
    }
    CHECK(has(problems[3].message, "name, tag, date of birth"));

    // An MS1 is anonymous even when the caller forgets to say so.
    Referral flagged = ok;
    flagged.identifying = true;
    CHECK(fields(validate_referral(flagged, p, false, &person)) == std::vector<std::string>{"identifying"});

    // An NRM may identify the person; it needs a first responder once made, and reasons need words.
    Referral nrm = referral(RT::Nrm, RS::Made, "", ReferralConsent::Given);
    nrm.identifying = true;
    nrm.notes = "Zubeida Quaxfordshire asked for a Romanian interpreter";
    CHECK(fields(validate_referral(nrm, p, false, &person)) == std::vector<std::string>{"making_partner"});
    nrm.making_partner = "police";
    nrm.status = RS::Declined;
    nrm.reason = "  ";
    CHECK(fields(validate_referral(nrm, p, false, &person)) == std::vector<std::string>{"reason"});
    nrm.reason = "Negative reasonable grounds decision";
    CHECK(validate_referral(nrm, p, false, &person).empty());

    Referral long_text = nrm;
    long_text.notes = std::string(max_referral_note_chars + 1, 'x');
    long_text.made_by = "Line\nbreak";
    CHECK(fields(validate_referral(long_text, p, false, &person)) ==
          std::vector<std::string>{"made_by", "notes"});
}

TEST_CASE("identifying details: whole names and words, tags, dates of birth, ignoring case") {
    const Person p = adult(NrmConsent::No);
    CHECK(identifying_details_in("", p).empty());
    CHECK(identifying_details_in("Adult female, labour exploitation, Romanian national", p).empty());
    CHECK(identifying_details_in("zubeida", p) == std::vector<std::string>{"name"});
    CHECK(identifying_details_in("QUAXFORDSHIRE family", p) == std::vector<std::string>{"name"});
    CHECK(identifying_details_in("known as zuzu", p) == std::vector<std::string>{"alias"});
    CHECK(identifying_details_in("zuzus", p).empty()); // whole words only
    CHECK(identifying_details_in("wristband t001", p) == std::vector<std::string>{"tag"});
    CHECK(identifying_details_in("T0012", p).empty());
    CHECK(identifying_details_in("born 1990-06-05", p) == std::vector<std::string>{"dob"});
    CHECK(identifying_details_in("born 5/6/1990", p) == std::vector<std::string>{"dob"});
    CHECK(identifying_details_in("born 05/06/1990", p) == std::vector<std::string>{"dob"});
    Person short_name = p;
    short_name.name = "Li Wei";
    short_name.alias.clear();
    CHECK(identifying_details_in("li wei said", short_name) == std::vector<std::string>{"name"});
    CHECK(identifying_details_in("Li said", short_name).empty()); // short words alone are too common
}

TEST_CASE("format_duration") {
    CHECK(format_duration(0) == "0 min");
    CHECK(format_duration(59) == "0 min");
    CHECK(format_duration(45 * 60) == "45 min");
    CHECK(format_duration(4 * hour) == "4 h");
    CHECK(format_duration(hour + 20 * 60) == "1 h 20 min");
    CHECK(format_duration(27 * hour + 5 * 60) == "1 day 3 h");
    CHECK(format_duration(-5) == "0 min");
}
