// People who belong together: a child who arrived with a named adult on site, and the indicator a
// child with an unrelated adult is; the urgent medical flag beside the free-text note.
#include "domain/person.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;

namespace {

constexpr Date arrival{2026, 3, 14};

Person child_of(std::optional<CompanionRelation> relation, std::string adult = "OP-0001-004") {
    Person p;
    p.reference = "OP-0001-005";
    p.date_of_birth = Date{2012, 1, 9};
    p.arrived_with = std::move(adult);
    p.arrived_with_relation = relation;
    return p;
}

std::vector<std::string> companion_problems(const Person& p) {
    std::vector<std::string> out;
    for (const FieldProblem& f : validate_person(p, arrival, arrival))
        if (f.field == "arrived_with") out.push_back(f.message);
    return out;
}

} // namespace

TEST_CASE("companion: a child with an unrelated adult is an indicator; a parent or relative is not") {
    CHECK(child_with_unrelated_adult(child_of(CompanionRelation::UnrelatedAdult), arrival));
    CHECK_FALSE(child_with_unrelated_adult(child_of(CompanionRelation::Parent), arrival));
    CHECK_FALSE(child_with_unrelated_adult(child_of(CompanionRelation::OtherRelative), arrival));
    CHECK_FALSE(child_with_unrelated_adult(child_of(std::nullopt, ""), arrival));

    Person adult = child_of(CompanionRelation::UnrelatedAdult);
    adult.date_of_birth = Date{1990, 1, 9};
    CHECK_FALSE(child_with_unrelated_adult(adult, arrival));
    // A disputed age and an age nobody knows count as a child.
    Person disputed = adult;
    disputed.stated_child = ChildStatus::AgeDisputed;
    CHECK(child_with_unrelated_adult(disputed, arrival));
    Person unknown = adult;
    unknown.date_of_birth.reset();
    CHECK(child_with_unrelated_adult(unknown, arrival));
    // The 18th birthday the day after arrival: still a child on the arrival date.
    Person nearly = adult;
    nearly.date_of_birth = Date{2008, 3, 15};
    CHECK(child_with_unrelated_adult(nearly, arrival));
}

TEST_CASE("companion: the reference and the relation go together, and never name the person") {
    CHECK(companion_problems(child_of(CompanionRelation::Parent)).empty());
    CHECK(companion_problems(child_of(std::nullopt, "")).empty());
    CHECK(companion_problems(child_of(CompanionRelation::Parent, "")) ==
          std::vector<std::string>{"give the reference of the adult they arrived with, e.g. OP-0001-004"});
    CHECK(
        companion_problems(child_of(std::nullopt)) ==
        std::vector<std::string>{"say who the adult is to them: parent, other relative or unrelated adult"});
    CHECK(companion_problems(child_of(CompanionRelation::Parent, "op-0001-005")) ==
          std::vector<std::string>{"names this person themselves; give the adult's reference"});
    CHECK(companion_problems(child_of(CompanionRelation::Parent, std::string(40, 'X'))).size() == 1);
}

TEST_CASE("companion: relation ids and labels round-trip") {
    for (CompanionRelation r : all_companion_relations) {
        CHECK(companion_relation_from_id(companion_relation_id(r)) == r);
        CHECK_FALSE(companion_relation_label(r).empty());
    }
    CHECK(companion_relation_id(CompanionRelation::UnrelatedAdult) == "unrelated_adult");
    CHECK_FALSE(companion_relation_from_id("friend"));
}
