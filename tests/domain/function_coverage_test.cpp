// Coverage by function, not organisation: the procedure's [functions] and [[authorised_organisations]]
// (loaded and checked with file:line:column), the gaps the coverage check finds for who is on site,
// and referrals by authorised organisations that are not partners.
#include "domain/function_coverage.hpp"
#include "domain/referral_check.hpp"
#include "domain/referral_record.hpp"
#include "procedure_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using rc::test::default_procedure_file;
using rc::test::load_default;
using rc::test::with_edit;

namespace {

StaffOnSite staff(std::int64_t id, SiteFunctions functions, std::vector<std::string> languages = {}) {
    StaffOnSite s;
    s.id = id;
    s.name = "Staff " + std::to_string(id);
    s.partner_id = "council";
    s.organisation = "Council";
    s.role_at_centre = "Volunteer";
    s.functions = functions;
    s.languages = std::move(languages);
    return s;
}

PersonOnSiteNeeds adult_needing(std::vector<std::string> languages) {
    PersonOnSiteNeeds p;
    p.interpreter_needed = true;
    p.languages = std::move(languages);
    return p;
}

std::vector<std::string> messages(const std::vector<FunctionGap>& gaps) {
    std::vector<std::string> out;
    for (const FunctionGap& g : gaps) {
        INFO(g.message);
        out.push_back(g.message);
    }
    return out;
}

const SiteFunctions all_but_interpreter{SiteFunction::NrmFirstResponder, SiteFunction::DutyToNotify,
                                        SiteFunction::ChildrensSocialWorker, SiteFunction::Medical};

std::string first_problem(const std::string& text) {
    const ProcedureLoadResult r = parse_procedure(text, "edited.toml");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    return format_diagnostic(r.diagnostics[0]);
}

} // namespace

TEST_CASE("functions: the template names the functions each tier needs and the authorised organisations") {
    const Procedure p = load_default();
    for (Tier t : all_tiers) {
        const auto& f = p.functions[tier_index(t)];
        CAPTURE(tier_id(t));
        CHECK(std::find(f.begin(), f.end(), SiteFunction::NrmFirstResponder) != f.end());
        CHECK(std::find(f.begin(), f.end(), SiteFunction::Interpreter) != f.end());
    }
    const auto& small = p.functions[tier_index(Tier::Small)];
    CHECK(std::find(small.begin(), small.end(), SiteFunction::Medical) == small.end());
    std::vector<std::string> ids;
    for (const AuthorisedOrganisation& o : p.authorised_organisations)
        ids.push_back(o.id);
    CHECK(ids == std::vector<std::string>{"glaa", "nca", "immigration_enforcement", "neighbouring_council"});
    const auto glaa = find_referral_maker(p, "glaa");
    REQUIRE(glaa);
    CHECK_FALSE(glaa->partner);
    CHECK(glaa->first_responder);
    CHECK(find_referral_maker(p, "police")->partner);
    CHECK_FALSE(find_referral_maker(p, "nobody"));
    // The referral form's list: partners first, then the authorised organisations.
    const std::vector<ReferralMaker> nrm = referral_makers(p, true);
    REQUIRE(nrm.size() > 4);
    CHECK(nrm.front().partner);
    CHECK(nrm.back().id == "neighbouring_council");
}

TEST_CASE("functions: mistakes in [functions] and [[authorised_organisations]] give file:line:column") {
    const std::string& text = default_procedure_file();
    const auto line_of = [&](std::string_view fragment) {
        const auto at = text.find(fragment);
        REQUIRE(at != std::string::npos);
        return std::to_string(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') +
                              1);
    };
    const std::string small_line =
        line_of("small = [\"nrm_first_responder\", \"duty_to_notify\", \"childrens");

    SUBCASE("an unknown function with a suggestion") {
        const std::string problem = first_problem(
            with_edit(text,
                      "small = [\"nrm_first_responder\", \"duty_to_notify\", \"childrens_social_worker\", "
                      "\"interpreter\"]",
                      "small = [\"nrm_first_responder\", \"duty_to_notify\", \"childrens_social_worker\", "
                      "\"interpretor\"]"));
        CHECK(problem == "edited.toml:" + small_line +
                             ":78: [functions] small: unknown function 'interpretor'; did you mean "
                             "'interpreter'? (functions: nrm_first_responder, duty_to_notify, "
                             "childrens_social_worker, medical, interpreter)");
    }
    SUBCASE("a function listed twice") {
        const std::string problem = first_problem(
            with_edit(text, "small = [\"nrm_first_responder\", \"duty_to_notify\",",
                      "small = [\"nrm_first_responder\", \"nrm_first_responder\", \"duty_to_notify\","));
        CHECK(problem == "edited.toml:" + small_line +
                             ":33: [functions] small: function 'nrm_first_responder' is listed twice");
    }
    SUBCASE("a list that is not a list") {
        const std::string problem =
            first_problem(with_edit(text,
                                    "small = [\"nrm_first_responder\", \"duty_to_notify\", "
                                    "\"childrens_social_worker\", \"interpreter\"]",
                                    "small = \"interpreter\""));
        CHECK(problem.find("edited.toml:" + small_line + ":9: [functions]: 'small' must be a list") == 0);
    }
    SUBCASE("an unknown tier") {
        const std::string problem =
            first_problem(with_edit(text,
                                    "small = [\"nrm_first_responder\", \"duty_to_notify\", "
                                    "\"childrens_social_worker\", \"interpreter\"]",
                                    "smal = [\"interpreter\"]"));
        CHECK(problem.find("edited.toml:" + small_line +
                           ":1: [functions]: unknown tier 'smal'; did you mean 'small'?") == 0);
    }
    SUBCASE("an authorised organisation that is already a partner") {
        const std::string problem = first_problem(with_edit(text, "id = \"glaa\"", "id = \"police\""));
        CHECK(problem.find(":6: authorised organisation 'police': id 'police' is already a partner's id") !=
              std::string::npos);
    }
    SUBCASE("an authorised organisation that may make nothing") {
        const std::string problem = first_problem(with_edit(
            text, "name = \"National Crime Agency (NCA)\"\nfirst_responder = true\nduty_to_notify = true",
            "name = \"National Crime Agency (NCA)\""));
        CHECK(problem.find("authorised organisation 'nca': it may make neither an NRM referral nor an MS1") !=
              std::string::npos);
    }
    SUBCASE("an unknown key in an authorised organisation") {
        const std::string problem =
            first_problem(with_edit(text, "id = \"nca\"", "id = \"nca\"\nfirst_responders = true"));
        CHECK(problem.find("authorised organisation 'nca': unknown key 'first_responders'; did you mean "
                           "'first_responder'?") != std::string::npos);
    }
    SUBCASE("both sections are optional") {
        std::string trimmed =
            text.substr(0, text.find("# "
                                     "-----------------------------------------------------------------------"
                                     "----------------------------\n# Functions someone on site"));
        const ProcedureLoadResult r = parse_procedure(trimmed, "edited.toml");
        REQUIRE(r.ok());
        CHECK(r.procedure->functions[0].empty());
        CHECK(r.procedure->authorised_organisations.empty());
    }
}

TEST_CASE("functions: gaps name the missing function, and interpreters by language") {
    const Procedure p = load_default();
    std::vector<PersonOnSiteNeeds> people(3, adult_needing({"ti", "ar"}));
    PersonOnSiteNeeds child;
    child.child_or_presumed = true;
    people.push_back(child);
    people.push_back(adult_needing({"ro"}));

    SUBCASE("nobody on site at all: every function, each interpreter language") {
        const auto gaps = function_gaps(p, Tier::Medium, {}, people);
        CHECK(messages(gaps) ==
              std::vector<std::string>{
                  "No NRM first responder on site: 5 people on site, and the procedure needs one at a medium "
                  "centre",
                  "No Duty to Notify holder on site: 5 people on site, and the procedure needs one at a "
                  "medium centre",
                  "1 child (or presumed child) on site: no children's social worker on site",
                  "No one on site performs the medical function: 5 people on site, and the procedure needs "
                  "medical "
                  "cover at a medium centre",
                  "3 people need Tigrinya: no interpreter on site",
                  "1 person needs Romanian: no interpreter on site"});
    }
    SUBCASE("a council volunteer is not a first responder; functions are what count") {
        const std::vector<StaffOnSite> on_site{staff(1, {}), staff(2, all_but_interpreter)};
        const auto gaps = function_gaps(p, Tier::Medium, on_site, people);
        CHECK(messages(gaps) == std::vector<std::string>{"3 people need Tigrinya: no interpreter on site",
                                                         "1 person needs Romanian: no interpreter on site"});
        const Alert a = function_gap_alert(gaps[0]);
        CHECK(a.kind == AlertKind::InterpreterMissing);
        CHECK(a.severity == AlertSeverity::Warning);
        CHECK(a.key == "interpreter_missing/interpreter/ti");
        CHECK(a.target.kind == AlertTargetKind::Partner);
    }
    SUBCASE(
        "an interpreter covers the languages recorded with their sign-in, any of the person's languages") {
        const std::vector<StaffOnSite> on_site{staff(1, all_but_interpreter),
                                               staff(2, {SiteFunction::Interpreter}, {"ar"})};
        CHECK(messages(function_gaps(p, Tier::Medium, on_site, people)) ==
              std::vector<std::string>{"1 person needs Romanian: no interpreter on site"});
        // Interpreting without the function ticked does not count.
        const std::vector<StaffOnSite> untagged{staff(1, all_but_interpreter), staff(2, {}, {"ro"})};
        CHECK(messages(function_gaps(p, Tier::Medium, untagged, people)).size() == 2);
    }
    SUBCASE("a children's social worker only while a child is on site; nothing when nobody is") {
        std::vector<PersonOnSiteNeeds> adults{PersonOnSiteNeeds{}};
        const std::vector<StaffOnSite> on_site{
            staff(1, {SiteFunction::NrmFirstResponder, SiteFunction::DutyToNotify, SiteFunction::Medical})};
        CHECK(function_gaps(p, Tier::Medium, on_site, adults).empty());
        CHECK(function_gaps(p, Tier::Medium, {}, {}).empty());
    }
    SUBCASE("the tier decides: medical is not needed at a small centre") {
        const std::vector<StaffOnSite> on_site{
            staff(1,
                  {SiteFunction::NrmFirstResponder, SiteFunction::DutyToNotify,
                   SiteFunction::ChildrensSocialWorker, SiteFunction::Interpreter},
                  {"ti", "ro"})};
        CHECK(function_gaps(p, Tier::Small, on_site, people).empty());
        CHECK(messages(function_gaps(p, Tier::Medium, on_site, people)).size() == 1);
    }
    SUBCASE("someone who needs an interpreter with no language recorded") {
        std::vector<PersonOnSiteNeeds> unknown{adult_needing({}), adult_needing({})};
        const std::vector<StaffOnSite> on_site{staff(1, all_but_interpreter)};
        CHECK(messages(function_gaps(p, Tier::Medium, on_site, unknown)) ==
              std::vector<std::string>{
                  "2 people need an interpreter (language not recorded): no interpreter on site"});
        const std::vector<StaffOnSite> with_any{staff(1, all_but_interpreter),
                                                staff(2, {SiteFunction::Interpreter}, {"fr"})};
        CHECK(function_gaps(p, Tier::Medium, with_any, unknown).empty());
    }
}

TEST_CASE("functions: a referral by an authorised organisation is not flagged") {
    const Procedure p = load_default();
    Person adult;
    adult.reference = "OP-0001-001";
    adult.date_of_birth = Date{1990, 6, 5};
    adult.nrm_consent = NrmConsent::Yes;
    Referral nrm;
    nrm.type = ReferralType::Nrm;
    nrm.status = ReferralStatus::Made;
    nrm.consent = ReferralConsent::Given;
    nrm.consent_explained = true;
    nrm.status_at = 1773470400 + 3600;
    nrm.made_at = nrm.status_at;
    nrm.making_partner = "glaa";
    CHECK(validate_referral(nrm, p, false, &adult).empty());
    const PersonReferralCheck ok = check_person_referrals(p, adult, Date{2026, 3, 14}, 1773470400,
                                                          std::vector<Referral>{nrm}, 1773470400 + 7200);
    CHECK(ok.contradictions == 0);

    nrm.making_partner = "somebody_else";
    const auto problems = validate_referral(nrm, p, false, &adult);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].message ==
          "'somebody_else' is neither a partner nor an authorised organisation in the pinned procedure");
}
