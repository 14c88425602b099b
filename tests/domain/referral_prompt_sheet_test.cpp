// Prompt sheets for the Home Office form: the NRM sheet carries the person's details; the MS1 sheet
// carries nothing that identifies them, whatever the record holds.
#include "domain/referral_prompt_sheet.hpp"
#include "procedure_test_support.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using rc::test::load_default;

namespace {

constexpr Date arrival{2026, 3, 14};

Person full_person() {
    Person p;
    p.reference = "OP-0001-017";
    p.tag = "TAG-QX-77";
    p.name = "Zubeida Quaxfordshire";
    p.alias = "Zuzu Ngata";
    p.sex = Sex::Female;
    p.date_of_birth = Date{1990, 6, 5};
    p.nationality = "RO";
    p.languages = {"ro", "en"};
    p.interpreter_needed = true;
    p.medical_needs = "Insulin twice a day";
    p.diet = "Vegetarian";
    p.arrival_group = "Quaxfordshire family";
    p.exploitation = {ExploitationType::Labour, ExploitationType::Sexual};
    p.indicators = {ForcedLabourIndicator::DebtBondage, ForcedLabourIndicator::RetentionOfDocuments};
    p.property_held = "Passport in the name Quaxfordshire";
    p.nrm_consent = NrmConsent::No;
    return p;
}

std::string answer(const PromptSheet& s, const std::string& question) {
    for (const PromptLine& l : s.lines)
        if (l.question == question) return l.answer;
    return "(no such question)";
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("prompt sheet: the NRM sheet gathers the person's details for the form") {
    const Procedure p = load_default();
    Person person = full_person();
    person.nrm_consent = NrmConsent::Yes;
    Referral r;
    r.type = ReferralType::Nrm;
    r.making_partner = "police";
    r.made_by = "PC 1234 Okafor";
    r.consent = ReferralConsent::Given;
    r.consent_explained = true;
    r.interpreter_language = "ro";
    const auto sheet = referral_prompt_sheet(p, person, arrival, r);
    REQUIRE(sheet);
    CHECK_FALSE(sheet->anonymous);
    CHECK(answer(*sheet, "First responder organisation") == "Derbyshire Constabulary (Modern Slavery Team)");
    CHECK(answer(*sheet, "Completed by") == "PC 1234 Okafor");
    CHECK(answer(*sheet, "Name") == "Zubeida Quaxfordshire");
    CHECK(answer(*sheet, "Other names used") == "Zuzu Ngata");
    CHECK(answer(*sheet, "Date of birth") == "1990-06-05");
    CHECK(answer(*sheet, "Age on arrival") == "35");
    CHECK(answer(*sheet, "Child or adult") == "Adult");
    CHECK(answer(*sheet, "Consent to the referral") == "Yes (on this referral: Given)");
    CHECK(answer(*sheet, "NRM and consent explained") == "Yes, through an interpreter (Romanian)");
    CHECK(answer(*sheet, "Nationality") == "Romania (RO)");
    CHECK(answer(*sheet, "Languages") == "Romanian, English");
    CHECK(answer(*sheet, "Interpreter needed") == "Yes");
    CHECK(answer(*sheet, "Type of exploitation") == "Labour, Sexual");
    CHECK(answer(*sheet, "Indicators seen") == "Debt bondage; Retention of passports and identity documents");
    CHECK(has(answer(*sheet, "Contact details and current address"), "Not held by the console"));
    // Medical notes, diet and property are not the form's business.
    const std::string text = format_prompt_sheet(*sheet);
    CHECK_FALSE(has(text, "Insulin"));
    CHECK_FALSE(has(text, "Vegetarian"));
    CHECK_FALSE(has(text, "Passport in the name"));
    CHECK(
        text.rfind("NRM referral: answers for the Home Office online form\n\nFirst responder organisation: ",
                   0) == 0);
}

TEST_CASE("prompt sheet: a child needs no consent; the 18th birthday tomorrow is a child") {
    const Procedure p = load_default();
    Person person = full_person();
    person.date_of_birth = Date{2008, 3, 15};
    person.nrm_consent.reset();
    Referral r;
    r.type = ReferralType::Nrm;
    const auto sheet = referral_prompt_sheet(p, person, arrival, r);
    REQUIRE(sheet);
    CHECK(answer(*sheet, "Child or adult") == "Child");
    CHECK(answer(*sheet, "Age on arrival") == "17");
    CHECK(has(answer(*sheet, "Consent to the referral"), "Not needed"));
    CHECK(answer(*sheet, "First responder organisation") == "Not chosen yet: it must be a first responder");
}

TEST_CASE("prompt sheet: the MS1 sheet never carries anything that identifies the person") {
    const Procedure p = load_default();
    const Person person = full_person();
    Referral r;
    r.type = ReferralType::DutyToNotify;
    r.making_partner = "council";
    r.made_by = "Duty officer";
    r.consent = ReferralConsent::NotNeeded;
    // Even if a record somehow held identifying text, the sheet does not read it.
    r.notes = "Zubeida Quaxfordshire";
    r.external_reference = "Quaxfordshire";
    r.identifying = true;
    const auto sheet = referral_prompt_sheet(p, person, arrival, r);
    REQUIRE(sheet);
    CHECK(sheet->anonymous);
    const std::string text = format_prompt_sheet(*sheet);
    for (const char* secret : {"Zubeida", "Quaxfordshire", "Zuzu", "Ngata", "1990-06-05", "05/06/1990",
                               "TAG-QX-77", "OP-0001-017", "Romanian", "Insulin", "Vegetarian"}) {
        CAPTURE(secret);
        CHECK_FALSE(has(text, secret));
    }
    CHECK(answer(*sheet, "Public authority notifying") ==
          "Derbyshire County Council (Emergency Planning, Community Safety, Adult and Children's "
          "Safeguarding)");
    CHECK(answer(*sheet, "Age band") == "35-49");
    CHECK(answer(*sheet, "Sex") == "Female");
    CHECK(answer(*sheet, "Nationality") == "Romania (RO)");
    CHECK(answer(*sheet, "Type of exploitation") == "Labour, Sexual");
    CHECK(answer(*sheet, "Indicators seen") == "Debt bondage; Retention of passports and identity documents");
    CHECK(answer(*sheet, "Why there is no NRM referral") == "The adult did not consent to an NRM referral");
    CHECK(answer(*sheet, "Name") == "(no such question)");
    CHECK(answer(*sheet, "Date of birth") == "(no such question)");
    CHECK(answer(*sheet, "Age on arrival") == "(no such question)");
}

TEST_CASE("prompt sheet: the anonymous facts hold only what an MS1 may say") {
    const AnonymousFacts f = anonymous_facts(full_person(), arrival);
    CHECK(f.sex == Sex::Female);
    CHECK(f.age_band == AgeBand::From35To49);
    CHECK(f.child_status == ChildStatus::Adult);
    CHECK(f.nationality == "RO");
    CHECK(f.exploitation.contains(ExploitationType::Labour));
    CHECK(f.indicators.contains(ForcedLabourIndicator::DebtBondage));
    CHECK(f.nrm_consent == NrmConsent::No);
}

TEST_CASE("prompt sheet: only for NRM and MS1 referrals") {
    const Procedure p = load_default();
    Referral r;
    for (ReferralType t : all_referral_types) {
        r.type = t;
        CHECK(referral_prompt_sheet(p, full_person(), arrival, r).has_value() ==
              (t == ReferralType::Nrm || t == ReferralType::DutyToNotify));
    }
}
