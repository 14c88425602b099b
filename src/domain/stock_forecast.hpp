#pragma once
// Looking ahead at support bag stock: how many bags of each kind the people on site without one and the
// people still expected will need, against what the stores hold; alerts when a kind will run short or
// the centre holds less than the tier's minimum; the kind of bag that fits a person; and stock over
// time for a chart. Pure functions over the ledger's balances and plain values.
#include "domain/centre.hpp"
#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/procedure.hpp"
#include "domain/stock_ledger.hpp"

#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace rc {

// ---- the kind of bag for a person -------------------------------------------------------------------

struct BagKindSuggestion {
    std::string bag_kind; // an id from the kinds given; empty only when there are none
    // False when the desk should check: sex or age not recorded, or the procedure has no kind made for
    // this person (the nearest was taken).
    bool sure = false;
};

// The kind that fits the person on the arrival date: 0-4 an infant's bag; a child (or someone whose age
// is disputed) a child's; an adult by sex. Ids are matched exactly, then as a prefix ("adult_female"
// finds "adult_female_m" where a procedure has sizes); an infant falls back to a child's bag, an adult
// of unknown sex to the first adult kind, and anything else to the first kind.
BagKindSuggestion suggest_bag_kind(const Person& p, Date arrival_date, std::span<const BagKind> kinds);

// ---- forecast ---------------------------------------------------------------------------------------

struct StockForecastInput {
    Tier tier = Tier::Small;
    std::vector<BagKind> kinds;    // the procedure's bag kinds, in order
    std::vector<BagPlanLine> plan; // bag_plan(procedure, tier)
    int expected_people = 0;       // how many the centre expects in all
    int received_people = 0;       // checked in so far, departed included
    // People on site (or out for a while) who hold no bag, by the kind suggested for them.
    std::map<std::string, int, std::less<>> waiting;
    // The stores at the centre, which bags are issued from; empty: every store counts as at the centre.
    std::vector<StockStoreId> centre_stores;
};

struct KindForecast {
    std::string bag_kind;
    std::string name;
    int on_hand = 0;                  // every store
    int at_centre = 0;                // the stores at the centre
    std::vector<StockBalance> stores; // stores holding any, most first
    int for_waiting = 0;              // people on site without a bag who need this kind
    int for_expected = 0;             // the plan's share for the people still expected, rounded up
    int needed = 0;                   // for_waiting + for_expected
    int shortfall = 0;                // needed beyond every store's stock: to order
    int to_bring_in = 0;              // needed beyond the centre's stock that other stores hold: to transfer
    int min_stock = 0;                // the tier's minimum (0 when the plan has no line for the kind)
    bool below_minimum = false;       // the centre holds less than the minimum
};

enum class StockAlertKind {
    Shortfall,    // (shortfall) the people on site and expected need more than every store holds
    BelowMinimum, // (below_minimum) the centre holds less than the tier's minimum
};
std::string_view stock_alert_kind_id(StockAlertKind k);

struct StockAlert {
    StockAlertKind kind = StockAlertKind::Shortfall;
    std::string bag_kind;
    // "Adult (female): 12 needed for the people on site and expected, 5 in stock: order 7 more."
    std::string message;
};

struct StockForecast {
    Tier tier = Tier::Small;
    int expected_people = 0;
    int received_people = 0;
    int still_expected = 0;  // expected - received, not below 0
    int waiting_for_bag = 0; // people on site without a bag
    // The procedure's kinds in order, then any other kind a store holds (by id).
    std::vector<KindForecast> kinds;
    std::vector<StockAlert> alerts; // shortfalls first, then kinds below the minimum, in kind order
    bool has_shortfall() const;
    const KindForecast* find(std::string_view bag_kind) const;
};

StockForecast forecast_stock(const StockForecastInput& input, const StockBalances& balances,
                             const StockNames& names);

// ---- stock over time --------------------------------------------------------------------------------

struct StockPoint {
    UnixSeconds at = 0;
    int on_hand = 0; // every store together, after the movements up to `at`
    bool operator==(const StockPoint&) const = default;
};

struct StockSeries {
    std::string bag_kind;
    std::vector<StockPoint> points; // by time
};

// Per kind (by id), the total on hand after each movement that changed it (transfers between stores
// do not), in ledger order; movements at the same time give one point. With `bucket_seconds` > 0, one
// point per bucket (e.g. 3600 for hours) stamped with the bucket's start, holding the level at its end.
std::vector<StockSeries> stock_over_time(std::span<const StockMovement> movements,
                                         UnixSeconds bucket_seconds = 0);

} // namespace rc
