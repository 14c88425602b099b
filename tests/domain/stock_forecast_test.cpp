// The bag forecast (shortfalls for the people on site and expected, the tier's minimum at the centre),
// the kind of bag that fits a person, and stock over time.
#include "domain/procedure_rules.hpp"
#include "domain/stock_forecast.hpp"
#include "procedure_test_support.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;

namespace {

constexpr StockStoreId centre = 1, depot = 2;
constexpr Date arrival{2026, 3, 14};

StockNames names(const Procedure& p) {
    StockNames n;
    n.stores = {{centre, "The centre"}, {depot, "Council depot"}};
    for (const BagKind& k : p.bag_kinds)
        n.bag_kinds.emplace(k.id, k.name);
    return n;
}

StockForecastInput input(const Procedure& p, Tier tier, int expected, int received) {
    StockForecastInput in;
    in.tier = tier;
    in.kinds = p.bag_kinds;
    in.plan = bag_plan(p, tier);
    in.expected_people = expected;
    in.received_people = received;
    in.centre_stores = {centre};
    return in;
}

Person person(Sex sex, std::optional<int> age, ChildStatus stated = ChildStatus::Unknown) {
    Person p;
    p.sex = sex;
    p.claimed_age = age;
    p.stated_child = stated;
    return p;
}

bool has_alert(const StockForecast& f, StockAlertKind kind, const std::string& bag_kind) {
    for (const StockAlert& a : f.alerts)
        if (a.kind == kind && a.bag_kind == bag_kind) return true;
    return false;
}

} // namespace

TEST_CASE("stock forecast: 20 people expected and nothing in stock is a shortfall that a delivery clears") {
    const Procedure p = rc::test::load_default();
    StockBalances stock;
    const StockForecast before = forecast_stock(input(p, Tier::Medium, 20, 0), stock, names(p));
    CHECK(before.still_expected == 20);
    REQUIRE(before.kinds.size() == 4);
    const KindForecast* female = before.find("adult_female");
    REQUIRE(female != nullptr);
    CHECK(female->name == "Adult (female)");
    CHECK(female->for_expected == 12); // 0.6 per person
    CHECK(female->needed == 12);
    CHECK(female->shortfall == 12);
    CHECK(before.find("infant")->for_expected == 2); // 0.1 per person, rounded up
    CHECK(before.has_shortfall());
    REQUIRE(has_alert(before, StockAlertKind::Shortfall, "adult_female"));
    CHECK(before.alerts.front().message ==
          "Adult (female): 12 needed (12 for the 20 people still expected); 0 in stock: order 12 more.");

    // The delivery: enough of every kind, some at the depot.
    stock.add("adult_female", centre, 20);
    stock.add("adult_male", centre, 14);
    stock.add("adult_male", depot, 10);
    stock.add("child", centre, 6);
    stock.add("infant", centre, 2);
    const StockForecast after = forecast_stock(input(p, Tier::Medium, 20, 0), stock, names(p));
    CHECK_FALSE(after.has_shortfall());
    CHECK_FALSE(has_alert(after, StockAlertKind::Shortfall, "adult_female"));
    CHECK(after.find("adult_male")->on_hand == 24);
    CHECK(after.find("adult_male")->at_centre == 14);
    // Medium minimum is 20 adult male bags at the centre: 14 is below it, and the depot holds more.
    CHECK(after.find("adult_male")->below_minimum);
    REQUIRE(has_alert(after, StockAlertKind::BelowMinimum, "adult_male"));
    for (const StockAlert& a : after.alerts)
        if (a.bag_kind == "adult_male")
            CHECK(a.message == "Adult (male): 14 at the centre, below the minimum of 20 for a medium centre. "
                               "Transfer some from Council depot (10).");
    CHECK_FALSE(after.find("adult_female")->below_minimum);
}

TEST_CASE(
    "stock forecast: people on site without a bag count by their kind; the expected shrink as they arrive") {
    const Procedure p = rc::test::load_default();
    StockBalances stock;
    stock.add("adult_female", centre, 2);
    stock.add("adult_female", depot, 5);
    StockForecastInput in = input(p, Tier::Small, 10, 6);
    in.waiting = {{"adult_female", 4}, {"child", 1}};
    const StockForecast f = forecast_stock(in, stock, names(p));
    CHECK(f.still_expected == 4);
    CHECK(f.waiting_for_bag == 5);
    const KindForecast* female = f.find("adult_female");
    CHECK(female->for_waiting == 4);
    CHECK(female->for_expected == 3); // 0.6 x 4, rounded up
    CHECK(female->needed == 7);
    CHECK(female->shortfall == 0);
    CHECK(female->to_bring_in == 5);        // 7 needed, 2 at the centre, 5 at the depot
    CHECK(female->below_minimum);           // small minimum 6, the centre holds 2
    CHECK(f.find("child")->shortfall == 3); // 1 waiting, 0.3 x 4 rounded up

    // More people than expected: nobody is "still expected".
    const StockForecast over = forecast_stock(input(p, Tier::Small, 10, 14), stock, names(p));
    CHECK(over.still_expected == 0);
    CHECK(over.find("adult_female")->for_expected == 0);
}

TEST_CASE("stock forecast: a kind held but not in the procedure is still shown") {
    const Procedure p = rc::test::load_default();
    StockBalances stock;
    stock.add("winter_coat", depot, 3);
    const StockForecast f = forecast_stock(input(p, Tier::Small, 1, 0), stock, names(p));
    REQUIRE(f.kinds.size() == 5);
    CHECK(f.kinds.back().bag_kind == "winter_coat");
    CHECK(f.kinds.back().name == "winter_coat");
    CHECK(f.kinds.back().on_hand == 3);
    CHECK(f.kinds.back().at_centre == 0);
}

TEST_CASE("suggest bag kind: by age and sex, with sensible fallbacks") {
    const Procedure p = rc::test::load_default();
    const auto suggest = [&](const Person& person) { return suggest_bag_kind(person, arrival, p.bag_kinds); };

    CHECK(suggest(person(Sex::Female, 30)).bag_kind == "adult_female");
    CHECK(suggest(person(Sex::Female, 30)).sure);
    CHECK(suggest(person(Sex::Male, 45)).bag_kind == "adult_male");
    CHECK(suggest(person(Sex::Male, 12)).bag_kind == "child");
    CHECK(suggest(person(Sex::Female, 2)).bag_kind == "infant");
    CHECK(suggest(person(Sex::Unknown, 1)).bag_kind == "infant");
    CHECK(suggest(person(Sex::Unknown, 1)).sure);
    // An adult who says 20 but whose age is disputed is treated as a child.
    CHECK(suggest(person(Sex::Male, 20, ChildStatus::AgeDisputed)).bag_kind == "child");
    Person by_dob = person(Sex::Female, std::nullopt);
    by_dob.date_of_birth = Date{2024, 1, 5};
    CHECK(suggest(by_dob).bag_kind == "infant");
    Person by_band = person(Sex::Male, std::nullopt);
    by_band.age_band = AgeBand::From16To17;
    CHECK(suggest(by_band).bag_kind == "child");

    // Unknown sex or age: a guess the desk should check.
    const BagKindSuggestion unknown_sex = suggest(person(Sex::Unknown, 30));
    CHECK(unknown_sex.bag_kind == "adult_female");
    CHECK_FALSE(unknown_sex.sure);
    const BagKindSuggestion unknown_age = suggest(person(Sex::Male, std::nullopt));
    CHECK(unknown_age.bag_kind == "adult_male");
    CHECK_FALSE(unknown_age.sure);

    // A procedure with sizes, or without an infant kind.
    const std::vector<BagKind> sized{
        {"adult_female_m", "Adult (female), M"}, {"adult_male_l", "Adult (male), L"}, {"child", "Child"}};
    const BagKindSuggestion sized_female = suggest_bag_kind(person(Sex::Female, 30), arrival, sized);
    CHECK(sized_female.bag_kind == "adult_female_m");
    CHECK_FALSE(sized_female.sure);
    const BagKindSuggestion baby = suggest_bag_kind(person(Sex::Female, 1), arrival, sized);
    CHECK(baby.bag_kind == "child");
    CHECK_FALSE(baby.sure);
    const std::vector<BagKind> one{{"standard", "Standard"}};
    CHECK(suggest_bag_kind(person(Sex::Male, 40), arrival, one).bag_kind == "standard");
    CHECK(suggest_bag_kind(person(Sex::Male, 40), arrival, {}).bag_kind.empty());
}

TEST_CASE("stock over time: totals per kind after each movement, transfers left out, or per hour") {
    std::vector<StockMovement> ms;
    const auto add = [&](StockMovement m, UnixSeconds at) {
        m.id = static_cast<StockMovementId>(ms.size() + 1);
        m.at = at;
        ms.push_back(m);
    };
    constexpr UnixSeconds t0 = 1773468000; // 2026-03-14 06:00 UTC
    add(receipt("child", 10, depot, "Mothers' Union"), t0 + 60);
    add(transfer("child", 4, depot, centre), t0 + 120);
    add(issue("child", centre, 1), t0 + 180);
    add(issue("child", centre, 2), t0 + 180);
    add(receipt("infant", 3, centre, "Mothers' Union"), t0 + 3600 + 5);
    add(issue("child", centre, 3), t0 + 7200 + 10);

    const std::vector<StockSeries> each = stock_over_time(ms);
    REQUIRE(each.size() == 2);
    CHECK(each[0].bag_kind == "child");
    CHECK(each[0].points ==
          std::vector<StockPoint>{{t0 + 60, 10}, {t0 + 180, 8}, {t0 + 7210, 7}}); // two issues at one time
    CHECK(each[1].points == std::vector<StockPoint>{{t0 + 3605, 3}});

    const std::vector<StockSeries> hourly = stock_over_time(ms, 3600);
    CHECK(hourly[0].points == std::vector<StockPoint>{{t0, 8}, {t0 + 7200, 7}});
    CHECK(hourly[1].points == std::vector<StockPoint>{{t0 + 3600, 3}});
}
