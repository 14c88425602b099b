// The stock ledger in memory with 50,000 movements (deliveries, transfers, bags issued, write-offs,
// reversals): recording them with every check, then what the Stock screen's snapshot recomputes when
// the data change: the balances (a replay of the ledger), the forecast and stock over time per hour.
#include "cli/bench/bench_section.hpp"
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"
#include "domain/stock_forecast.hpp"
#include "domain/stock_ledger.hpp"

#include <chrono>
#include <random>

namespace rc::cli::bench {

namespace {

constexpr int kMovements = 50000;
constexpr int kRuns = 30;

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// A long operation: deliveries to a depot and two police stations, transfers to the centre, one bag for
// each of thousands of people, now and then a write-off or a reversal. Movements refused for lack of
// stock are not kept, so the result is a ledger that adds up.
StockLedger build_ledger(const Procedure& p, double& record_ms) {
    StockNames names;
    names.stores = {
        {1, "The centre"}, {2, "Council depot"}, {3, "Ripley police station"}, {4, "Derby police"}};
    for (const BagKind& k : p.bag_kinds)
        names.bag_kinds.emplace(k.id, k.name);
    StockLedger ledger(names);
    std::mt19937 rng(7);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const auto kind = [&] { return p.bag_kinds[static_cast<std::size_t>(pick(0, 3))].id; };
    UnixSeconds at = 1773468000;
    StockPersonId person = 0;
    const auto start = std::chrono::steady_clock::now();
    while (static_cast<int>(ledger.movements().size()) < kMovements) {
        StockMovement m;
        const int roll = pick(0, 99);
        if (roll < 4)
            m = receipt(kind(), pick(20, 60), pick(2, 4), "Mothers' Union");
        else if (roll < 14)
            m = transfer(kind(), pick(5, 20), pick(2, 4), 1);
        else if (roll < 95)
            m = issue(kind(), 1, ++person);
        else if (roll < 98)
            m = write_off(kind(), 1, pick(1, 4), WriteOffReason::Damaged);
        else if (const StockMovement* last = ledger.find(ledger.last_id()))
            m = reversal_of(*last, "recorded by mistake");
        else
            continue;
        at += pick(0, 20);
        m.at = at;
        ledger.record(std::move(m));
    }
    record_ms = ms_since(start);
    return ledger;
}

} // namespace

SectionResult run_stock_ledger_section(const BenchOptions& options) {
    (void)options;
    SectionResult r;
    ProcedureLoadResult loaded = parse_procedure(default_procedure_text(), default_procedure_name);
    if (!loaded.procedure) {
        r.skipped = true;
        r.skip_reason = "The built-in procedure did not load.";
        return r;
    }
    const Procedure& p = *loaded.procedure;
    double record_ms = 0;
    const StockLedger ledger = build_ledger(p, record_ms);
    const std::vector<StockMovement>& movements = ledger.movements();

    StockForecastInput in;
    in.tier = Tier::Large;
    in.kinds = p.bag_kinds;
    in.plan = bag_plan(p, Tier::Large);
    in.expected_people = 60000;
    in.received_people = 40000;
    in.waiting = {{"adult_female", 12}, {"adult_male", 15}, {"child", 3}};
    in.centre_stores = {1};

    std::vector<double> replay, forecast, both, series;
    std::size_t points = 0;
    for (int run = 0; run < kRuns; ++run) {
        auto t = std::chrono::steady_clock::now();
        StockLedger copy(ledger.names());
        for (const StockMovement& m : movements)
            copy.load(m);
        replay.push_back(ms_since(t));

        t = std::chrono::steady_clock::now();
        const StockForecast f = forecast_stock(in, copy.balances(), copy.names());
        forecast.push_back(ms_since(t));
        both.push_back(replay.back() + forecast.back());
        (void)f;

        t = std::chrono::steady_clock::now();
        const std::vector<StockSeries> s = stock_over_time(movements, 3600);
        series.push_back(ms_since(t));
        points = 0;
        for (const StockSeries& one : s)
            points += one.points.size();
    }

    r.columns = {{"measure", "measure"},
                 {"median_ms", "median (ms)"},
                 {"p99_ms", "p99 (ms)"},
                 {"mean_ms", "mean (ms)"},
                 {"samples", "samples"}};
    const auto row = [&](std::string label, std::vector<double>& samples) {
        const Percentiles q = percentiles(samples);
        r.rows.push_back({Cell::str(std::move(label)), Cell::num(q.median, 3), Cell::num(q.p99, 3),
                          Cell::num(q.mean, 3), Cell::num(static_cast<double>(samples.size()), 0)});
    };
    r.rows.push_back({Cell::str("record " + std::to_string(movements.size()) + " movements, every check"),
                      Cell::num(record_ms, 3), Cell::str(""), Cell::str(""), Cell::num(1, 0)});
    row("balances: replay the ledger", replay);
    row("forecast from the balances", forecast);
    row("balances + forecast (a Stock snapshot refresh)", both);
    row("stock over time per hour (" + std::to_string(points) + " points)", series);
    r.notes.push_back(
        "In memory, no database: the domain code the Stock screen's snapshot runs when the data "
        "change. The store's per-write check sums one kind in SQL instead of replaying.");
    return r;
}

} // namespace rc::cli::bench
