#include "cli/bench/bench_section.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace rc::cli::bench {

namespace {
// Add a section here (one line) and define its run function in its own file.
constexpr BenchSection kSections[] = {
    {"frame_time", "Per-frame CPU time of each screen (headless Dear ImGui)", run_frame_time_section},
    {"store_commit", "One committed store write against a raw SQLite commit", run_store_commit_section},
    {"checkin_commit", "Checking a person in against a raw SQLite commit; loading 10,000 people",
     run_checkin_commit_section},
    {"sign_in", "Sign-in with a passphrase (Argon2id at MODERATE)", run_sign_in_section},
    {"stock", "Stock balances and forecast from 50,000 movements (in memory)", run_stock_ledger_section},
    {"arrivals", "The Arrivals screen and its filter with 10,000 people", run_arrivals_section},
    {"export", "Debrief export of 2,000 people and 20,000 stock movements, every format", run_export_section},
    {"stock_screen", "The Stock screen with 50,000 movements", run_stock_screen_section},
    {"dashboard", "The Dashboard and Referrals screens with 10,000 people and 20,000 referrals",
     run_dashboard_section},
    {"idle_cpu", "CPU use of the real window loop, idle, against a polling loop", run_idle_cpu_section},
    {"startup", "Start-up to the first frame and peak memory of the real window", run_startup_section},
    {"shared_centre",
     "A shared centre over TLS: check-in against SQLite and a raw INSERT; another desk's refresh",
     run_shared_centre_section},
};
} // namespace

std::span<const BenchSection> bench_sections() {
    return kSections;
}

Cell Cell::num(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return Cell{buf, v};
}

Percentiles percentiles(std::vector<double>& samples) {
    Percentiles p;
    if (samples.empty()) return p;
    std::sort(samples.begin(), samples.end());
    const auto rank = [&](double q) {
        const auto n = static_cast<double>(samples.size());
        const auto i = static_cast<std::size_t>(std::ceil(q * n));
        return samples[std::min(samples.size() - 1, i == 0 ? 0 : i - 1)];
    };
    p.median = rank(0.5);
    p.p99 = rank(0.99);
    p.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
    return p;
}

} // namespace rc::cli::bench
