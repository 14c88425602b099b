// The store side of issue items 4-6: revising the expected number (audited, in the log), the functions
// and interpreted languages recorded with a staff sign-in (migration 11), and a child's companion and
// the urgent medical flag sealed with the person's other personal fields.
#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

ActivationRequest request_for(int expected_people) {
    ActivationRequest r;
    r.name = "Operation Wren";
    r.expected_people = expected_people;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "derbyshire-template.toml";
    return r;
}

template <class F> std::string refusal(F&& f) {
    try {
        f();
    } catch (const StoreError& e) {
        return e.problem();
    }
    FAIL("no StoreError thrown");
    return {};
}

bool blob_contains(const Store& s, const std::string& sql, const std::string& needle) {
    auto st = s.connection_for_reading().cached(sql);
    while (st->step()) {
        const Blob b = st->blob_at(0);
        const std::string bytes(b.begin(), b.end());
        if (bytes.find(needle) != std::string::npos) return true;
    }
    return false;
}

// The newest audit row about `table`, among the last few.
std::string audit_of(const Store& s, const std::string& table) {
    for (const AuditEntry& e : s.audit_entries(10))
        if (e.table == table) return e.changes;
    FAIL("no audit row for " << table);
    return {};
}

} // namespace

TEST_CASE("expected number: revised at any time after activation, audited and in the log") {
    TempDir dir("coverage");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    CHECK(refusal([&] { revise_expected(*s, 10); }) == "The centre has not been activated yet.");
    activate(*s, request_for(5));
    CHECK(s->centre().tier == Tier::Small);

    clock.advance(3600);
    revise_expected(*s, 31, "a second coach of 26 is on its way");
    CHECK(s->centre().expected_people == 31);
    CHECK(s->centre().tier == Tier::Small); // the tier is raised on its own, by the coordinator
    const auto log = s->log_entries();
    REQUIRE_FALSE(log.empty());
    CHECK(log.front().text == "Expected number revised from 5 to 31: a second coach of 26 is on its way");
    CHECK(log.front().kind == LogKind::Automatic);
    const std::string audit = audit_of(*s, "centre");
    CHECK(audit.find("\"expected_people\":{\"from\":5,\"to\":31}") != std::string::npos);
    CHECK(audit.find("coach") == std::string::npos); // free text stays out of the audit

    revise_expected(*s, 24);
    CHECK(s->log_entries().front().text == "Expected number revised from 31 to 24");
    const auto entries = s->log_entries().size();
    revise_expected(*s, 24); // no change, nothing written
    CHECK(s->log_entries().size() == entries);

    CHECK(refusal([&] { revise_expected(*s, 0); }) == "The expected number must be from 1 to 100000.");
    CHECK(refusal([&] { revise_expected(*s, max_people + 1); }) ==
          "The expected number must be from 1 to 100000.");
    s->set_centre_status(CentreStatus::StandingDown);
    revise_expected(*s, 25); // still possible while standing down
    s->set_centre_status(CentreStatus::Closed);
    CHECK(refusal([&] { revise_expected(*s, 26); }) ==
          "The centre is closed; its expected number can no longer change.");
    CHECK(s->centre().expected_people == 25);
}

TEST_CASE("staff functions: recorded at sign-in, kept on a quick return, corrected, and in the matrix") {
    TempDir dir("coverage");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate(*s, request_for(20));

    StaffDetails d;
    d.name = "Selam Haile";
    d.organisation = "Interpreting service";
    d.role_at_centre = "Interpreter";
    d.functions = {SiteFunction::Interpreter};
    d.languages = {"ti", "Arabic", "tir"}; // names and three-letter codes are stored as the code, once
    const StaffId id = sign_in_staff(*s, d);
    auto r = staff_record(*s, id);
    REQUIRE(r);
    CHECK(r->functions == SiteFunctions{SiteFunction::Interpreter});
    CHECK(r->languages == std::vector<std::string>{"ti", "ar"});
    CHECK(audit_of(*s, "staff").find("\"functions\":\"interpreter\"") != std::string::npos);

    const auto view = staff_on_site_view(on_site_staff(*s));
    REQUIRE(view.size() == 1);
    CHECK(view[0].functions.contains(SiteFunction::Interpreter));
    CHECK(view[0].languages == std::vector<std::string>{"ti", "ar"});

    sign_out_staff(*s, id);
    clock.advance(600);
    const StaffId back = quick_sign_in(*s, id);
    CHECK(staff_record(*s, back)->languages == std::vector<std::string>{"ti", "ar"});
    CHECK(staff_record(*s, back)->functions == SiteFunctions{SiteFunction::Interpreter});

    d.functions = {SiteFunction::Interpreter, SiteFunction::NrmFirstResponder};
    d.languages = {"ti"};
    update_staff(*s, back, d);
    CHECK(staff_record(*s, back)->functions.contains(SiteFunction::NrmFirstResponder));
    CHECK(staff_record(*s, back)->languages == std::vector<std::string>{"ti"});
    CHECK(audit_of(*s, "staff").find("\"languages\":{\"from\":\"ti;ar\",\"to\":\"ti\"}") !=
          std::string::npos);

    StaffDetails bad = d;
    bad.languages = {"klingonese"};
    CHECK(refusal([&] { sign_in_staff(*s, bad); }).find("is not a language") != std::string::npos);
    bad.languages = {"ro"};
    bad.functions = {SiteFunction::Medical};
    CHECK(refusal([&] { sign_in_staff(*s, bad); }) ==
          "Languages are recorded for interpreters: tick Interpreter, or remove the languages.");
}

TEST_CASE("companions and the urgent medical flag: sealed, read back, checked against the roll") {
    TempDir dir("coverage");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    activate(*s, request_for(20));

    Person adult;
    adult.name = "Tesfay Gebremariam";
    adult.date_of_birth = Date{1988, 2, 1};
    const CheckedIn a = check_in(*s, adult, kT0);
    Person child;
    child.name = "Ruth Gebremariam";
    child.date_of_birth = Date{2014, 7, 3};
    child.arrived_with = a.reference;
    child.arrived_with_relation = CompanionRelation::UnrelatedAdult;
    child.urgent_medical = true;
    child.medical_needs = "asthma, no inhaler";
    const CheckedIn c = check_in(*s, child, kT0);

    auto back = person(*s, c.id);
    REQUIRE(back);
    CHECK(back->person.arrived_with == a.reference);
    CHECK(back->person.arrived_with_relation == CompanionRelation::UnrelatedAdult);
    CHECK(back->person.urgent_medical);
    CHECK(child_with_unrelated_adult(back->person, Date{2026, 3, 14}));
    CHECK_FALSE(person(*s, a.id)->person.urgent_medical);
    // Sealed: neither the reference of the adult nor the relation is in the file in clear.
    CHECK_FALSE(blob_contains(*s, "SELECT personal_enc FROM people", "unrelated_adult"));
    CHECK_FALSE(blob_contains(*s, "SELECT personal_enc FROM people", a.reference));
    const std::string audit = audit_of(*s, "people"); // the child's insert
    CHECK(audit.find("\"arrived_with\":\"(personal, not recorded)\"") != std::string::npos);
    CHECK(audit.find("\"urgent_medical\":\"(personal, not recorded)\"") != std::string::npos);

    // Edits: the relation changes, the flag is cleared.
    Person edited = back->person;
    edited.arrived_with_relation = CompanionRelation::Parent;
    edited.urgent_medical = false;
    update_person(*s, c.id, edited);
    CHECK(person(*s, c.id)->person.arrived_with_relation == CompanionRelation::Parent);
    CHECK_FALSE(person(*s, c.id)->person.urgent_medical);

    // An adult who is not on the roll, or the child themselves, is refused beside the field.
    Person wrong = edited;
    wrong.arrived_with = "OP-0001-099";
    try {
        update_person(*s, c.id, wrong);
        FAIL("accepted an unknown reference");
    } catch (const PersonRejected& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field == "arrived_with");
        CHECK(e.problems()[0].message == "no one checked in has the reference OP-0001-099");
    }
    wrong.arrived_with = c.reference;
    CHECK_THROWS_AS(update_person(*s, c.id, wrong), PersonRejected);
}
