#pragma once
// Building the stock snapshot from the ledger as the store read it, and the forecast from the people
// snapshot: pure functions, so that the session and the benchmark build exactly the same rows.
#include "app/people_snapshot.hpp"
#include "app/stock_snapshot.hpp"
#include "domain/procedure.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rc::app {

// One movement as the store read it.
struct StockMovementInput {
    StockMovement movement;       // the note decrypted, or empty
    std::string person_reference; // "OP-0001-017" when it names a person still on record
    std::optional<StockMovementId> reversed_by;
};

// Everything but the forecast: kinds (the procedure's, then any other a store holds), stores,
// balances, the display rows newest first, each person's bags, and stock over time by the hour.
// `movements` oldest first (ledger order); they are moved from.
StockSnapshot build_stock_snapshot(std::span<const BagKind> kinds, std::vector<StockStoreView> stores,
                                   std::vector<StockMovementInput> movements);

// What store::stock_forecast works out, from the snapshots in memory: the people on site (or out for
// a while) without a bag, by the kind suggested for each, and the plan's share for those still
// expected. The arrival date is the day of arrival (or `now` for someone not yet arrived).
StockForecast forecast_for(const StockSnapshot& stock, const Procedure& procedure, Tier tier,
                           int expected_people, const PeopleSnapshot& people, UnixSeconds now);

} // namespace rc::app
