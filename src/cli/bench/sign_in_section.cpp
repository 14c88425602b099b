// Sign-in cost: Argon2id at the limits a real centre uses (libsodium's MODERATE, the floor the console
// accepts), through the real Store, for a known user and for an unknown name (which spends the same).
#include "cli/bench/bench_section.hpp"
#include "domain/clock.hpp"
#include "store/error.hpp"
#include "store/store.hpp"

#include <chrono>
#include <filesystem>
#include <unistd.h>

namespace rc::cli::bench {

SectionResult run_sign_in_section(const BenchOptions& options) {
    (void)options;
    SectionResult r;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rc-bench-sign-in-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    try {
        ManualClock clock(1795000000);
        store::CreateOptions o;
        o.path = dir / "centre.sqlite";
        o.centre_name = "Benchmark centre";
        o.coordinator_name = "Benchmark coordinator";
        o.passphrase = "benchmark passphrase for a throw-away file";
        o.passphrase_kdf = store::KdfLimits::moderate();
        std::vector<double> known, unknown;
        {
            auto s = store::Store::create(o, clock);
            for (int i = 0; i < 5; ++i) {
                clock.advance(600); // past any back-off
                auto t0 = std::chrono::steady_clock::now();
                const bool ok = s->sign_in(o.coordinator_name, o.passphrase).ok();
                known.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                if (!ok) throw store::StoreError(store::ErrorKind::Crypto, "the benchmark sign-in failed");
                clock.advance(600);
                t0 = std::chrono::steady_clock::now();
                (void)s->sign_in("Nobody of that name", o.passphrase);
                unknown.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            }
        }
        const Percentiles k = percentiles(known), u = percentiles(unknown);
        r.columns = {{"sign_in", "sign-in"},
                     {"median_ms", "median (ms)"},
                     {"max_ms", "max (ms)"},
                     {"samples", "samples"}};
        r.rows.push_back({Cell::str("known user (Argon2id MODERATE: 3 passes, 256 MiB)"),
                          Cell::num(k.median, 0), Cell::num(known.back(), 0),
                          Cell::num(static_cast<double>(known.size()), 0)});
        r.rows.push_back({Cell::str("unknown name (the same work, so timing says nothing)"),
                          Cell::num(u.median, 0), Cell::num(unknown.back(), 0),
                          Cell::num(static_cast<double>(unknown.size()), 0)});
        r.notes.push_back("One Argon2id derivation unwraps both the data key and, for a coordinator, the "
                          "coordinator key. A PIN unlock (INTERACTIVE limits) is cheaper and never unwraps.");
    } catch (const store::StoreError& e) {
        r.skipped = true;
        r.skip_reason = "The sign-in benchmark could not run: " + e.problem();
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return r;
}

} // namespace rc::cli::bench
