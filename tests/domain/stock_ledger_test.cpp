// The stock ledger: thousands of random movements (many of them refused) never take a store below zero,
// and what each store holds always equals the sum of the ledger; refusals name the alternative; a
// stocktake corrects exactly the differences; reversals undo once.
#include "domain/stock_ledger.hpp"

#include <algorithm>
#include <array>
#include <doctest/doctest.h>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace rc;

namespace {

constexpr StockStoreId centre = 1, police = 2, depot = 3;
const std::array<std::string, 4> kinds{"adult_female", "adult_male", "child", "infant"};
const std::array<StockStoreId, 3> stores{centre, police, depot};

StockNames names() {
    StockNames n;
    n.stores = {{centre, "The centre"}, {police, "Ripley police station"}, {depot, "Council depot"}};
    n.bag_kinds = {{"adult_female", "Adult (female)"},
                   {"adult_male", "Adult (male)"},
                   {"child", "Child"},
                   {"infant", "Infant"}};
    return n;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// What each store holds, summed from the ledger's movements alone: [kind index][store - 1].
using Sums = std::array<std::array<int, 3>, 4>;
std::size_t kind_index(const std::string& kind) {
    return static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}
Sums sum_of_ledger(const std::vector<StockMovement>& movements) {
    Sums sum{};
    for (const StockMovement& m : movements) {
        const std::size_t k = kind_index(m.bag_kind);
        if (m.from_store) sum[k][static_cast<std::size_t>(*m.from_store - 1)] -= m.quantity;
        if (m.to_store) sum[k][static_cast<std::size_t>(*m.to_store - 1)] += m.quantity;
    }
    return sum;
}

class RandomMovements {
public:
    explicit RandomMovements(unsigned seed) : rng_(seed) {}

    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    const std::string& kind() { return kinds[static_cast<std::size_t>(between(0, 3))]; }
    StockStoreId store() { return stores[static_cast<std::size_t>(between(0, 2))]; }
    StockPersonId person() { return between(1, 20); }

    // One movement of a random kind; some are malformed or will be refused.
    StockMovement next(const StockLedger& ledger) {
        switch (between(0, 9)) {
        case 0:
        case 1:
            return receipt(kind(), between(1, 20), store(), "Mothers' Union");
        case 2:
        case 3:
            return issue(kind(), store(), person(), between(1, 3));
        case 4: {
            const StockStoreId from = store();
            StockStoreId to = store();
            if (to == from && between(0, 3) > 0) to = from % 3 + 1; // now and then the same store
            return transfer(kind(), between(1, 30), from, to);
        }
        case 5:
            return bag_return(kind(), between(1, 2), store(),
                              between(0, 1) ? std::optional(person()) : std::nullopt);
        case 6:
            return write_off(kind(), between(1, 10), store(),
                             all_write_off_reasons[static_cast<std::size_t>(between(0, 3))]);
        case 7: {
            // A reversal of a recorded movement (maybe a reversal, maybe reversed already), or of none.
            if (ledger.movements().empty() || between(0, 9) == 0) {
                StockMovement m = receipt(kind(), 1, store(), "x");
                m.id = ledger.last_id() + 100;
                return reversal_of(m, "no such movement");
            }
            const auto& all = ledger.movements();
            const StockMovement& original =
                all[static_cast<std::size_t>(between(0, static_cast<int>(all.size()) - 1))];
            return reversal_of(original, "recorded by mistake");
        }
        case 8: {
            StockMovement m = issue(kind(), store(), person(), between(0, 1) ? 0 : max_movement_quantity + 1);
            return m; // a quantity out of range
        }
        default:
            return adjustment(kind(), store(), between(-5, 5) == 0 ? 1 : between(-5, 5), "spot check");
        }
    }

    std::vector<StockCount> counts() {
        std::vector<StockCount> out;
        const int n = between(1, 4);
        for (int i = 0; i < n; ++i)
            out.push_back({kind(), store(), between(0, 25)});
        return out;
    }

private:
    std::mt19937 rng_;
};

// What breaks the invariants, or "": no balance below zero, each the sum of the ledger's movements.
std::string invariant_problem(const StockLedger& ledger) {
    const Sums sum = sum_of_ledger(ledger.movements());
    for (std::size_t k = 0; k < kinds.size(); ++k)
        for (StockStoreId store : stores) {
            const int on_hand = ledger.balances().on_hand(kinds[k], store);
            const int expected = sum[k][static_cast<std::size_t>(store - 1)];
            if (on_hand < 0 || on_hand != expected)
                return kinds[k] + " at store " + std::to_string(store) + ": on hand " +
                       std::to_string(on_hand) + ", ledger sum " + std::to_string(expected);
        }
    for (const StockBalance& b : ledger.balances().all())
        if (kind_index(b.bag_kind) == kinds.size() || b.store < 1 || b.store > 3)
            return b.bag_kind + " at store " + std::to_string(b.store) + " was never moved";
    return {};
}

} // namespace

TEST_CASE(
    "stock ledger (property): random movements never take a store below zero; on hand is the ledger's sum") {
    std::size_t recorded = 0, refused = 0, shortages = 0, stocktakes = 0;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        RandomMovements random(seed);
        StockLedger ledger(names());
        std::map<StockPersonId, int> held; // bags per person, from the accepted movements
        for (int step = 0; step < 1500; ++step) {
            CAPTURE(step);
            const std::vector<StockBalance> before = ledger.balances().all();
            const std::size_t count_before = ledger.movements().size();

            if (random.between(0, 24) == 0) {
                // A stocktake: every adjustment it plans is accepted and leaves the counts on hand.
                const std::vector<StockCount> counts = random.counts();
                const StocktakePlan plan = plan_stocktake(ledger.balances(), counts, ledger.names());
                for (const StockMovement& m : plan.adjustments)
                    REQUIRE(ledger.record(m).ok());
                if (plan.ok()) {
                    ++stocktakes;
                    for (const StockCount& c : counts)
                        CHECK(ledger.balances().on_hand(c.bag_kind, c.store) == c.counted);
                } else {
                    CHECK(plan.adjustments.empty());
                }
                REQUIRE(invariant_problem(ledger) == "");
                continue;
            }

            const StockMovement m = random.next(ledger);
            const int available = m.from_store ? ledger.balances().on_hand(m.bag_kind, *m.from_store) : 0;
            const std::vector<StockBalance> others =
                ledger.balances().holders(m.bag_kind, m.from_store.value_or(0));
            const RecordResult r = ledger.record(m);
            if (r.ok()) {
                ++recorded;
                REQUIRE(ledger.movements().size() == count_before + 1);
                REQUIRE(ledger.movements().back().id == r.id);
                if (m.from_store) CHECK(m.quantity <= available);
                if (m.person) held[*m.person] += bags_to_person(m);
            } else {
                ++refused;
                // Refused: nothing changed.
                REQUIRE(ledger.movements().size() == count_before);
                REQUIRE(ledger.balances().all() == before);
                CHECK_FALSE(r.refusal->problem.empty());
                if (r.refusal->problem.starts_with("Cannot")) {
                    ++shortages;
                    REQUIRE(m.from_store.has_value());
                    CHECK(m.quantity > available);
                    // The message names the store and the kind, and every other store holding the kind.
                    CHECK(contains(r.refusal->problem, ledger.names().store(*m.from_store)));
                    CHECK(contains(r.refusal->message(), ledger.names().bag_kind(m.bag_kind)));
                    CHECK(r.refusal->elsewhere == others);
                    for (const StockBalance& b : others)
                        CHECK(contains(r.refusal->advice, ledger.names().store(b.store) + " (" +
                                                              std::to_string(b.on_hand) + ")"));
                    if (others.empty()) CHECK(contains(r.refusal->advice, "No other store holds any"));
                }
            }
            REQUIRE(invariant_problem(ledger) == "");
            for (const auto& [person, n] : held)
                if (ledger.bags_held_by(person) != n)
                    FAIL("person " << person << " holds " << ledger.bags_held_by(person) << ", not " << n);
        }
    }
    // The random walk exercised both sides.
    CHECK(recorded > 3000);
    CHECK(refused > 1000);
    CHECK(shortages > 300);
    CHECK(stocktakes > 50);
}

TEST_CASE("stock ledger: an over-issue is refused, naming the store, the kind and where else it is held") {
    StockLedger ledger(names());
    REQUIRE(ledger.record(receipt("adult_female", 30, depot, "Mothers' Union")).ok());
    REQUIRE(ledger.record(receipt("adult_female", 4, police, "Clewer Initiative")).ok());
    REQUIRE(ledger.record(receipt("child", 2, centre, "Clewer Initiative")).ok());

    const RecordResult r = ledger.record(issue("adult_female", centre, 7));
    REQUIRE_FALSE(r.ok());
    CHECK(r.refusal->problem == "Cannot issue 1 Adult (female) bag from The centre: it holds none.");
    CHECK(r.refusal->advice == "Other stores holding Adult (female) bags: Council depot (30), Ripley police "
                               "station (4). Issue from one of them, or transfer some to The centre first.");
    CHECK(r.refusal->elsewhere ==
          std::vector<StockBalance>{{"adult_female", depot, 30}, {"adult_female", police, 4}});

    const RecordResult t = ledger.record(transfer("child", 3, centre, depot));
    REQUIRE_FALSE(t.ok());
    CHECK(t.refusal->problem == "Cannot transfer 3 Child bags from The centre: it holds 2.");
    CHECK(t.refusal->advice == "No other store holds any Child bags: record a delivery first.");

    // Moving the bags first makes the issue possible.
    REQUIRE(ledger.record(transfer("adult_female", 10, depot, centre)).ok());
    const RecordResult ok = ledger.record(issue("adult_female", centre, 7));
    REQUIRE(ok.ok());
    CHECK(ledger.balances().on_hand("adult_female", centre) == 9);
    CHECK(ledger.balances().total("adult_female") == 33);
    CHECK(ledger.bags_held_by(7) == 1);
}

TEST_CASE("stock ledger: a reversal undoes once; a reversal is not reversed; moved-on bags block it") {
    StockLedger ledger(names());
    const StockMovementId delivery = ledger.record(receipt("infant", 5, centre, "Mothers' Union")).id;
    const StockMovementId given = ledger.record(issue("infant", centre, 3)).id;
    REQUIRE(given == delivery + 1);
    CHECK(ledger.bags_held_by(3) == 1);

    const RecordResult undo = ledger.record(reversal_of(*ledger.find(given), "given to the wrong person"));
    REQUIRE(undo.ok());
    CHECK(ledger.balances().on_hand("infant", centre) == 5);
    CHECK(ledger.bags_held_by(3) == 0);
    CHECK(ledger.reversed_by(given) == undo.id);

    const RecordResult again = ledger.record(reversal_of(*ledger.find(given), "again"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.refusal->problem == "Movement #2 was already reversed by #3.");
    const RecordResult of_reversal = ledger.record(reversal_of(*ledger.find(undo.id), "undo the undo"));
    REQUIRE_FALSE(of_reversal.ok());
    CHECK(contains(of_reversal.refusal->problem, "is itself a reversal"));

    // Reversing the delivery after three of its bags have gone is refused.
    REQUIRE(ledger.record(issue("infant", centre, 4, 3)).ok());
    const RecordResult late = ledger.record(reversal_of(*ledger.find(delivery), "wrong delivery"));
    REQUIRE_FALSE(late.ok());
    CHECK(late.refusal->problem ==
          "Cannot reverse movement #1: it would take 5 Infant bags out of The centre, and it holds 2.");

    // A reversal needs a reason, and must mirror the movement.
    CHECK(movement_problem(reversal_of(*ledger.find(delivery), " ")) == "Say why the movement is reversed.");
    StockMovement twisted = reversal_of(*ledger.find(4), "x");
    twisted.quantity = 1;
    CHECK_FALSE(ledger.record(twisted).ok());
}

TEST_CASE("stock ledger: movements are checked for the fields their kind needs") {
    CHECK(movement_problem(receipt("child", 5, centre, "Mothers' Union")) == std::nullopt);
    CHECK(movement_problem(receipt("child", 5, centre, "  ")) ==
          "Say who delivered the bags (the organisation).");
    CHECK(movement_problem(receipt("", 5, centre, "x")) == "Choose the kind of bag.");
    CHECK(movement_problem(receipt("Child!", 5, centre, "x")).has_value());
    CHECK(movement_problem(receipt("child", 0, centre, "x")) ==
          "The quantity must be a whole number from 1 to 100000.");
    CHECK(movement_problem(transfer("child", 1, centre, centre)) ==
          "A transfer must go to a different store.");
    StockMovement no_person = issue("child", centre, 1);
    no_person.person.reset();
    CHECK(movement_problem(no_person) == "Choose the person the bag is issued to.");
    StockMovement no_reason = write_off("child", 1, centre, WriteOffReason::Lost);
    no_reason.write_off.reset();
    CHECK(movement_problem(no_reason).value_or("").starts_with("Say why the bags are written off"));
    StockMovement supplier_on_issue = issue("child", centre, 1);
    supplier_on_issue.supplier = "Someone";
    CHECK(movement_problem(supplier_on_issue).has_value());
    CHECK(movement_problem(receipt("child", 1, centre, std::string(201, 'x'))) ==
          "The supplier is too long (more than 200 characters).");
    CHECK(movement_problem(receipt("child", 1, centre, "Line\nbreak")).has_value());
    CHECK(movement_problem(adjustment("child", centre, -2)) == std::nullopt);
    CHECK(adjustment("child", centre, -2).from_store == centre);
    CHECK(adjustment("child", centre, 3).to_store == centre);

    for (MovementKind k : all_movement_kinds)
        CHECK(movement_kind_from_id(movement_kind_id(k)) == k);
    for (WriteOffReason r : all_write_off_reasons)
        CHECK(write_off_reason_from_id(write_off_reason_id(r)) == r);
    for (StockStoreKind k : all_stock_store_kinds)
        CHECK(stock_store_kind_from_id(stock_store_kind_id(k)) == k);
}

TEST_CASE("stock ledger: a stocktake becomes adjustments for the differences only") {
    StockLedger ledger(names());
    REQUIRE(ledger.record(receipt("adult_male", 10, centre, "Mothers' Union")).ok());
    REQUIRE(ledger.record(receipt("child", 4, depot, "Mothers' Union")).ok());

    const std::vector<StockCount> counts{
        {"adult_male", centre, 8}, {"child", depot, 4}, {"infant", police, 2}};
    const StocktakePlan plan = plan_stocktake(ledger.balances(), counts, ledger.names(), "count at 14:00");
    REQUIRE(plan.ok());
    REQUIRE(plan.adjustments.size() == 2);
    CHECK(plan.adjustments[0].kind == MovementKind::Adjustment);
    CHECK(plan.adjustments[0].from_store == centre);
    CHECK(plan.adjustments[0].quantity == 2);
    CHECK(plan.adjustments[0].note == "count at 14:00");
    CHECK(plan.adjustments[1].to_store == police);
    CHECK(plan.adjustments[1].quantity == 2);
    for (const StockMovement& m : plan.adjustments)
        REQUIRE(ledger.record(m).ok());
    CHECK(ledger.balances().on_hand("adult_male", centre) == 8);
    CHECK(ledger.balances().on_hand("infant", police) == 2);

    const std::vector<StockCount> bad{
        {"child", depot, -1}, {"adult_male", centre, 1}, {"adult_male", centre, 2}};
    const StocktakePlan refused = plan_stocktake(ledger.balances(), bad, ledger.names());
    CHECK_FALSE(refused.ok());
    CHECK(refused.adjustments.empty());
    REQUIRE(refused.problems.size() == 2);
    CHECK(refused.problems[0] ==
          "The count of Child at Council depot must be a whole number from 0 to 100000.");
    CHECK(refused.problems[1] == "Adult (male) at The centre is counted twice: enter one count for it.");
}
