#include "cli/bench/commit_benchmark.hpp"

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <vector>

namespace rc::cli::bench {

using namespace rc::store;

LatencySummary summarise(std::vector<double> us) {
    LatencySummary s;
    if (us.empty()) return s;
    std::sort(us.begin(), us.end());
    s.samples = static_cast<int>(us.size());
    auto at = [&](double q) {
        auto i = static_cast<std::size_t>(q * static_cast<double>(us.size() - 1) + 0.5);
        return us[std::min(i, us.size() - 1)];
    };
    s.median_us = at(0.5);
    s.p99_us = at(0.99);
    s.mean_us = std::accumulate(us.begin(), us.end(), 0.0) / static_cast<double>(us.size());
    return s;
}

void remove_db(const std::filesystem::path& p) {
    for (const char* s : {"", "-wal", "-shm", ".lock"}) {
        std::filesystem::path q = p;
        q += s;
        std::error_code ec;
        std::filesystem::remove(q, ec);
    }
}

std::string CommitBenchmarkResult::describe() const {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "raw SQLite insert+commit: median %.0f us, p99 %.0f us (%d commits)\n"
                  "store write (append_log): median %.0f us, p99 %.0f us (%d commits)\n"
                  "ratio: median %.2fx, p99 %.2fx (target <= 1.5x)\n",
                  raw.median_us, raw.p99_us, raw.samples, store.median_us, store.p99_us, store.samples,
                  median_ratio, p99_ratio);
    return buf;
}

CommitBenchmarkResult run_commit_benchmark(const std::filesystem::path& dir, int iterations) {
    const auto raw_path = dir / "bench-raw.sqlite";
    const auto store_path = dir / "bench-store.sqlite";
    remove_db(raw_path);
    remove_db(store_path);

    SystemClock clock;
    CommitBenchmarkResult result;
    {
        Connection raw = Connection::open(raw_path, AccessMode::Create);
        raw.exec("PRAGMA journal_mode = WAL");
        raw.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; "
                 "PRAGMA secure_delete = ON");
        raw.exec("CREATE TABLE log (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, author_id INTEGER, "
                 "kind TEXT NOT NULL, text BLOB NOT NULL)");

        CreateOptions o;
        o.path = store_path;
        o.centre_name = "Benchmark centre";
        o.coordinator_name = "Benchmark coordinator";
        o.passphrase = "benchmark passphrase for a throw-away file";
        o.passphrase_kdf = KdfLimits::minimum();
        o.pin_kdf = KdfLimits::minimum();
        ScopedKdfFloor weak_keys_for_a_throw_away_file(KdfLimits::minimum());
        auto store = Store::create(o, clock);

        // The same payload size as a sealed short log entry.
        const std::string text = "Benchmark entry: a coach of 12 arrived at the side door";
        const Blob payload(1 + 24 + text.size() + 16, 0x5a);

        std::vector<double> raw_us, store_us;
        raw_us.reserve(static_cast<std::size_t>(iterations));
        store_us.reserve(static_cast<std::size_t>(iterations));
        const int warmup = std::max(5, iterations / 20);
        for (int i = -warmup; i < iterations; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            {
                Transaction tx(raw);
                raw.cached("INSERT INTO log (at, author_id, kind, text) VALUES (?, ?, 'manual', ?)")
                    ->bind_all(clock.now(), std::int64_t{1}, payload)
                    .run();
                tx.commit();
            }
            auto t1 = std::chrono::steady_clock::now();
            store->append_log(text);
            auto t2 = std::chrono::steady_clock::now();
            if (i < 0) continue;
            raw_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
            store_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
        }
        result.raw = summarise(std::move(raw_us));
        result.store = summarise(std::move(store_us));
    }
    remove_db(raw_path);
    remove_db(store_path);
    if (result.raw.median_us > 0) result.median_ratio = result.store.median_us / result.raw.median_us;
    if (result.raw.p99_us > 0) result.p99_ratio = result.store.p99_us / result.raw.p99_us;
    return result;
}

} // namespace rc::cli::bench
