// The Stock screen with 50,000 movements: its frame time on the stock-and-forecast tab (tables and the
// chart) and on the movements tab (the ledger, clipped to the visible rows), headless with the real
// screen, and the time to rebuild its snapshot from the ledger (what follows every stock edit).
#include "app/settings.hpp"
#include "app/stock_view.hpp"
#include "cli/bench/bench_section.hpp"
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "ui/headless.hpp"
#include "ui/screens/stock_screen.hpp"
#include "ui/shell.hpp"

#include <chrono>
#include <random>
#include <time.h>

namespace rc::cli::bench {

namespace {

constexpr int kMovements = 50000;

double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

std::vector<app::StockStoreView> bench_stores() {
    return {{1, "centre", "The centre", StockStoreKind::Centre},
            {2, "depot", "Council depot", StockStoreKind::Depot},
            {3, "ripley", "Ripley police station", StockStoreKind::Police},
            {4, "derby", "Derby police", StockStoreKind::Police}};
}

// A long operation recorded with every check (refused movements are dropped), as the store would
// hold it: deliveries, transfers to the centre, a bag for each person, write-offs, reversals.
std::vector<app::StockMovementInput> bench_ledger(const Procedure& p, UnixSeconds& last_at) {
    StockNames names;
    for (const app::StockStoreView& s : bench_stores())
        names.stores.emplace(s.id, s.name);
    StockLedger ledger(names);
    std::mt19937 rng(11);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const auto kind = [&] { return p.bag_kinds[static_cast<std::size_t>(pick(0, 3))].id; };
    UnixSeconds at = 1795000000 - 14 * 24 * 3600;
    StockPersonId person = 0;
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
            m = write_off(kind(), 1, pick(1, 4), WriteOffReason::Damaged, "wet in the van");
        else if (const StockMovement* last = ledger.find(ledger.last_id()))
            m = reversal_of(*last, "recorded by mistake");
        else
            continue;
        at += pick(0, 40);
        m.at = at;
        ledger.record(std::move(m));
    }
    last_at = at;
    std::vector<app::StockMovementInput> out;
    out.reserve(ledger.movements().size());
    char ref[32];
    for (const StockMovement& m : ledger.movements()) {
        std::string reference;
        if (m.person) {
            std::snprintf(ref, sizeof ref, "OP-0099-%05lld", static_cast<long long>(*m.person));
            reference = ref;
        }
        out.push_back({m, std::move(reference), ledger.reversed_by(m.id)});
    }
    return out;
}

// An open centre whose only data are the stock snapshot.
class StockBenchSession final : public app::AppSession {
public:
    explicit StockBenchSession(app::StockSnapshot stock) : stock_(std::move(stock)) {
        status_.version = 1;
        status_.centre_name = "OP-0099 Benchmark centre";
        status_.database_path = "/tmp/benchmark.sqlite";
        status_.save_state = app::SaveState::Saved;
        stock_.version = 1;
    }
    app::GateState gate_state() const override { return app::GateState::Open; }
    bool can_lock() const override { return false; }
    void lock() override {}
    const app::StatusSnapshot& status() const override { return status_; }
    const app::LogSnapshot& log() const override { return log_; }
    app::EditResult add_log_entry(std::string_view) override { return {false, "read-only"}; }
    bool can(Permission) const override { return true; }
    const app::StockSnapshot& stock() const override { return stock_; }
    void note_activity() override {}
    bool tick() override { return false; }
    std::optional<double> seconds_until_due() const override { return std::nullopt; }

private:
    app::StatusSnapshot status_;
    app::LogSnapshot log_;
    app::StockSnapshot stock_;
};

Percentiles frame_times(ui::HeadlessImGui& imgui, ui::Shell& shell, int frames) {
    for (int i = 0; i < 30; ++i) {
        imgui.new_frame();
        shell.draw();
        imgui.render();
    }
    std::vector<double> samples;
    for (int i = 0; i < frames; ++i) {
        imgui.io().MousePos = ImVec2(400.0f + static_cast<float>(i % 50) * 12.0f, 420.0f);
        const double t0 = thread_cpu_us();
        imgui.new_frame();
        shell.draw();
        imgui.render();
        samples.push_back(thread_cpu_us() - t0);
    }
    return percentiles(samples);
}

} // namespace

SectionResult run_stock_screen_section(const BenchOptions& options) {
    SectionResult out;
    ProcedureLoadResult loaded = parse_procedure(default_procedure_text(), default_procedure_name);
    if (!loaded.procedure) {
        out.skipped = true;
        out.skip_reason = "The built-in procedure did not load.";
        return out;
    }
    const Procedure& p = *loaded.procedure;
    out.columns = {{"measure", "Measure"},
                   {"median_us", "median (\u00b5s)"},
                   {"p99_us", "p99 (\u00b5s)"},
                   {"target_us", "target (\u00b5s)"}};
    UnixSeconds now = 0;
    const std::vector<app::StockMovementInput> ledger = bench_ledger(p, now);

    // The snapshot rebuilt from the ledger, as after every stock edit (the store's read not included).
    std::vector<double> build_samples;
    app::StockSnapshot snapshot;
    for (int run = 0; run < 10; ++run) {
        std::vector<app::StockMovementInput> copy = ledger;
        const double t0 = thread_cpu_us();
        snapshot = app::build_stock_snapshot(p.bag_kinds, bench_stores(), std::move(copy));
        snapshot.forecast = app::forecast_for(snapshot, p, Tier::Large, 60000, app::PeopleSnapshot{}, now);
        build_samples.push_back(thread_cpu_us() - t0);
    }
    const Percentiles build = percentiles(build_samples);

    ManualClock clock(now);
    StockBenchSession session(std::move(snapshot));
    ui::HeadlessImGui imgui(
        ui::HeadlessImGui::Options{1366.0f, 768.0f, app::Settings::kDefaultFontSize, true});
    app::Settings settings;
    ui::Shell shell(session, settings, clock);
    shell.show_screen(3);
    auto* screen = dynamic_cast<ui::StockScreen*>(shell.find_screen("stock"));
    if (!screen) {
        out.skipped = true;
        out.skip_reason = "The Stock screen is not the fourth screen.";
        return out;
    }
    const int frames = std::max(10, options.frames);
    const Percentiles overview = frame_times(imgui, shell, frames);
    screen->show_tab(ui::StockScreen::Tab::Movements);
    const Percentiles movements = frame_times(imgui, shell, frames);

    const std::string n = std::to_string(session.stock().movements.size());
    out.rows.push_back({Cell::str("Stock frame, stock and forecast tab (" + n + " movements)"),
                        Cell::num(overview.median, 1), Cell::num(overview.p99, 1), Cell::num(1000, 0)});
    out.rows.push_back({Cell::str("Stock frame, movements tab (" + n + " movements)"),
                        Cell::num(movements.median, 1), Cell::num(movements.p99, 1), Cell::num(1000, 0)});
    out.rows.push_back({Cell::str("rebuild the Stock snapshot and forecast from " + n + " movements"),
                        Cell::num(build.median, 1), Cell::num(build.p99, 1), Cell::num(100000, 0)});
    out.notes = {
        "Thread CPU time. A frame is NewFrame..Render of the whole window on the Stock screen: the "
        "on-hand and forecast tables and the hourly chart (two weeks of hours), or the movements table "
        "clipped to the visible rows over cached indices. Ten rebuilds of the snapshot: rows with their "
        "texts, balances, each person's bags, stock over time and the forecast (no database read).",
        "Targets: frame p99 under 1 ms, as for the Arrivals screen; the rebuild is what a stock edit "
        "costs before the next frame."};
    return out;
}

} // namespace rc::cli::bench
