#include "domain/person.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace rc;

namespace {

bool has_problem(const std::vector<FieldProblem>& problems, std::string_view field) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const FieldProblem& p) { return p.field == field; });
}

} // namespace

TEST_CASE("age counts completed years: the day before the 18th birthday is 17") {
    const Date dob{2008, 3, 15};
    CHECK(age_on(dob, Date{2026, 3, 14}) == 17);
    CHECK(age_on(dob, Date{2026, 3, 15}) == 18);
    CHECK(age_on(dob, Date{2026, 2, 28}) == 17);
    CHECK(age_on(dob, Date{2008, 3, 15}) == 0);
    CHECK(age_on(dob, Date{2008, 3, 14}) == -1);
}

TEST_CASE("someone born on 29 February comes of age on 1 March in other years") {
    const Date dob{2008, 2, 29};
    CHECK(age_on(dob, Date{2026, 2, 28}) == 17);
    CHECK(age_on(dob, Date{2026, 3, 1}) == 18);
    CHECK(age_on(dob, Date{2028, 2, 29}) == 20);
}

TEST_CASE("a person whose 18th birthday is tomorrow is a child on arrival") {
    Person p;
    p.date_of_birth = Date{2008, 3, 15};
    CHECK(child_status(p, Date{2026, 3, 14}) == ChildStatus::Child);
    CHECK(treated_as_child(child_status(p, Date{2026, 3, 14})));
    CHECK(child_status(p, Date{2026, 3, 15}) == ChildStatus::Adult);
    CHECK(effective_age_band(p, Date{2026, 3, 14}) == AgeBand::From16To17);
    CHECK(effective_age_band(p, Date{2026, 3, 15}) == AgeBand::From18To24);
}

TEST_CASE("a disputed age is treated as a child whatever else is recorded") {
    Person p;
    p.stated_child = ChildStatus::AgeDisputed;
    CHECK(child_status(p, Date{2026, 3, 14}) == ChildStatus::AgeDisputed);
    CHECK(treated_as_child(ChildStatus::AgeDisputed));
    CHECK(age_status_for_referrals(ChildStatus::AgeDisputed) == AgeStatus::Disputed);
    CHECK(person_category(age_status_for_referrals(ChildStatus::AgeDisputed), NrmConsent::No) ==
          PersonCategory::AgeDisputed);
    p.claimed_age = 25;
    p.date_of_birth = Date{1990, 1, 1};
    CHECK(child_status(p, Date{2026, 3, 14}) == ChildStatus::AgeDisputed);
    CHECK(validate_person(p, Date{2026, 3, 14}).size() == 1); // the claimed age contradicts the date of birth
}

TEST_CASE("child status from claimed age, band and statements; any sign of a child wins") {
    const Date arrival{2026, 3, 14};
    Person p;
    CHECK(child_status(p, arrival) == ChildStatus::Unknown);
    // Age not established: presumed a child, and the child rule applies (as for a disputed age).
    CHECK(treated_as_child(ChildStatus::Unknown));
    CHECK_FALSE(age_established(ChildStatus::Unknown));
    CHECK(age_status_for_referrals(ChildStatus::Unknown) == AgeStatus::Disputed);
    p.claimed_age = 16;
    CHECK(child_status(p, arrival) == ChildStatus::Child);
    p.claimed_age = 18;
    CHECK(child_status(p, arrival) == ChildStatus::Adult);
    p.claimed_age.reset();
    p.age_band = AgeBand::From12To15;
    CHECK(child_status(p, arrival) == ChildStatus::Child);
    p.age_band = AgeBand::From65;
    CHECK(child_status(p, arrival) == ChildStatus::Adult);
    p.age_band = AgeBand::Unknown;
    p.stated_child = ChildStatus::Child;
    CHECK(child_status(p, arrival) == ChildStatus::Child);
    // A claimed adult age with a date of birth that says 17: the child reading wins (and validation flags
    // it).
    Person q;
    q.claimed_age = 19;
    q.date_of_birth = Date{2008, 6, 1};
    CHECK(child_status(q, arrival) == ChildStatus::Child);
    CHECK(has_problem(validate_person(q, arrival), "age"));
}

TEST_CASE("age bands") {
    CHECK(age_band_for_age(0) == AgeBand::From0To4);
    CHECK(age_band_for_age(4) == AgeBand::From0To4);
    CHECK(age_band_for_age(5) == AgeBand::From5To11);
    CHECK(age_band_for_age(15) == AgeBand::From12To15);
    CHECK(age_band_for_age(17) == AgeBand::From16To17);
    CHECK(age_band_for_age(18) == AgeBand::From18To24);
    CHECK(age_band_for_age(34) == AgeBand::From25To34);
    CHECK(age_band_for_age(49) == AgeBand::From35To49);
    CHECK(age_band_for_age(64) == AgeBand::From50To64);
    CHECK(age_band_for_age(65) == AgeBand::From65);
    CHECK(age_band_for_age(-1) == AgeBand::Unknown);
    for (AgeBand b : all_age_bands) {
        CHECK(parse_age_band(age_band_id(b)) == b);
        CHECK(parse_age_band(age_band_label(b)) == b);
    }
    CHECK(parse_age_band("16–17") == AgeBand::From16To17); // en dash, as word processors write it
    CHECK(parse_age_band(" 65 + ") == AgeBand::From65);
    CHECK_FALSE(parse_age_band("17-18"));
    CHECK(age_band_is_child(AgeBand::From16To17) == true);
    CHECK(age_band_is_child(AgeBand::From18To24) == false);
    CHECK_FALSE(age_band_is_child(AgeBand::Unknown));
}

TEST_CASE("sex from ids, labels and letters, case-insensitive") {
    CHECK(parse_sex("female") == Sex::Female);
    CHECK(parse_sex("F") == Sex::Female);
    CHECK(parse_sex("m") == Sex::Male);
    CHECK(parse_sex("MALE") == Sex::Male);
    CHECK(parse_sex("x") == Sex::Other);
    CHECK(parse_sex("Other") == Sex::Other);
    CHECK(parse_sex("U") == Sex::Unknown);
    CHECK(parse_sex(" unknown ") == Sex::Unknown);
    CHECK_FALSE(parse_sex("w"));
    CHECK_FALSE(parse_sex(""));
    for (Sex s : all_sexes)
        CHECK(parse_sex(sex_id(s)) == s);
}

TEST_CASE("exploitation types and indicators round-trip through their ids") {
    for (ExploitationType t : all_exploitation_types)
        CHECK(parse_exploitation_type(exploitation_type_id(t)) == t);
    CHECK(parse_exploitation_type("Domestic servitude") == ExploitationType::DomesticServitude);
    CHECK(parse_exploitation_type("forced-marriage") == ExploitationType::ForcedMarriage);
    CHECK_FALSE(parse_exploitation_type("slavery"));
    for (ForcedLabourIndicator i : all_forced_labour_indicators)
        CHECK(forced_labour_indicator_from_id(forced_labour_indicator_id(i)) == i);
    ExploitationTypes set{ExploitationType::Labour, ExploitationType::Criminal};
    CHECK(set.contains(ExploitationType::Labour));
    CHECK_FALSE(set.contains(ExploitationType::Sexual));
    set.erase(ExploitationType::Labour);
    CHECK(set == ExploitationTypes{ExploitationType::Criminal});
    CHECK(ExploitationTypes::from_bits(set.bits()) == set);
    CHECK(nrm_consent_answer_label(std::nullopt) == "Not asked");
    CHECK(nrm_consent_answer_label(NrmConsent::Undecided) == "Undecided");
}

TEST_CASE("a record with nothing but a reference is valid: people who give no details still get checked in") {
    Person p;
    p.reference = "OP-0001-017";
    CHECK(validate_person(p, Date{2026, 3, 14}).empty());
}

TEST_CASE("validation names each field that is wrong") {
    const Date today{2026, 3, 14};
    Person p;
    p.date_of_birth = Date{2026, 3, 15};
    CHECK(has_problem(validate_person(p, today), "dob"));
    p.date_of_birth = Date{1890, 1, 1};
    CHECK(has_problem(validate_person(p, today), "dob"));
    p.date_of_birth = Date{2023, 2, 29};
    CHECK(has_problem(validate_person(p, today), "dob"));
    p.date_of_birth.reset();

    p.claimed_age = 121;
    CHECK(has_problem(validate_person(p, today), "age"));
    p.claimed_age = -1;
    CHECK(has_problem(validate_person(p, today), "age"));
    p.claimed_age = 120;
    CHECK(validate_person(p, today).empty());
    p.claimed_age = 0;
    CHECK(validate_person(p, today).empty());
    p.claimed_age.reset();

    // Claimed age against the date of birth, on the arrival date.
    p.date_of_birth = Date{2000, 3, 15};
    p.claimed_age = 26;
    CHECK(has_problem(validate_person(p, today), "age")); // 25 until tomorrow
    p.claimed_age = 25;
    CHECK(validate_person(p, today).empty());
    CHECK(has_problem(validate_person(p, Date{2026, 3, 16}, Date{2026, 3, 16}), "age"));
    CHECK(validate_person(p, Date{2026, 3, 16}, Date{2026, 3, 14}).empty());
    p.age_band = AgeBand::From35To49;
    CHECK(has_problem(validate_person(p, today), "age_band"));
    p.age_band = AgeBand::From25To34;
    CHECK(validate_person(p, today).empty());
    p.stated_child = ChildStatus::Child;
    CHECK(has_problem(validate_person(p, today), "child"));
    p.stated_child = ChildStatus::AgeDisputed;
    CHECK(validate_person(p, today).empty());
}

TEST_CASE("text: length in characters, UTF-8, one line where one line is meant") {
    const Date today{2026, 3, 14};
    Person p;
    p.name = "Nguyễn Văn Ánh";
    p.alias = "Иван";
    p.medical_needs = "diabetic\nneeds insulin at 18:00";
    CHECK(validate_person(p, today).empty());
    p.name = std::string(200, 'a');
    CHECK(validate_person(p, today).empty());
    p.name += "a";
    CHECK(has_problem(validate_person(p, today), "name"));
    p.name = std::string(100, 'a') + std::string(100, 'a').replace(0, 2, "é"); // 199 characters, 200 bytes
    CHECK(validate_person(p, today).empty());
    p.name = "Andrei\nPopescu";
    CHECK(has_problem(validate_person(p, today), "name"));
    p.name = "Andrei \xC3";
    CHECK(has_problem(validate_person(p, today), "name"));
    p.name = "bell\x07";
    CHECK(has_problem(validate_person(p, today), "name"));
    p.name.clear();
    p.tag = std::string(33, '1');
    CHECK(has_problem(validate_person(p, today), "tag"));
}

TEST_CASE("codes must be in the ISO tables; unknown exploitation stands alone") {
    const Date today{2026, 3, 14};
    Person p;
    p.nationality = "VN";
    p.languages = {"vi", "prs"};
    CHECK(validate_person(p, today).empty());
    p.nationality = "Vietnam"; // names are for input; the record holds the code
    CHECK(has_problem(validate_person(p, today), "nationality"));
    p.nationality = "VN";
    p.languages = {"vi", "xx"};
    CHECK(has_problem(validate_person(p, today), "languages"));
    p.languages = {"vi", "vi"};
    CHECK(has_problem(validate_person(p, today), "languages"));
    p.languages = {"vi"};
    p.exploitation = {ExploitationType::Unknown, ExploitationType::Labour};
    CHECK(has_problem(validate_person(p, today), "exploitation"));
    p.exploitation = {ExploitationType::Unknown};
    CHECK(validate_person(p, today).empty());
}

TEST_CASE("the journey inside a record is checked") {
    Person p;
    p.journey = {{JourneyStep::Arrived, 100, std::nullopt, {}},
                 {JourneyStep::Departed, 200, std::nullopt, {}}};
    CHECK(has_problem(validate_person(p, Date{2026, 3, 14}), "journey"));
    p.journey.back().destination = Destination::Hospital;
    CHECK(validate_person(p, Date{2026, 3, 14}).empty());
}

TEST_CASE("an 'adult' statement with no age counts only with a coordinator's reason") {
    const Date arrival{2026, 3, 14};
    Person p;
    p.stated_child = ChildStatus::Adult;
    CHECK(child_status(p, arrival) == ChildStatus::Unknown); // presumed a child
    CHECK(treated_as_child(child_status(p, arrival)));
    p.adult_judgement = "   ";
    CHECK(child_status(p, arrival) == ChildStatus::Unknown);
    p.adult_judgement = "visibly in their forties";
    CHECK(child_status(p, arrival) == ChildStatus::Adult);
    // Any sign of a child still wins over the judgement.
    p.claimed_age = 16;
    CHECK(child_status(p, arrival) == ChildStatus::Child);
}
