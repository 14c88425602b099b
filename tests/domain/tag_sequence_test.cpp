#include "domain/tag_sequence.hpp"

#include <doctest/doctest.h>

TEST_CASE("a group's tags count up from the first one's trailing number") {
    CHECK(rc::next_tag("T015") == "T016");
    CHECK(rc::next_tag("B1-9") == "B1-10");
    CHECK(rc::next_tag("099") == "100");
    CHECK(rc::next_tag("T99") == "T100");
    CHECK(rc::next_tag("T009") == "T010");
    CHECK_FALSE(rc::next_tag("Bus").has_value());
    CHECK_FALSE(rc::next_tag("").has_value());
}
