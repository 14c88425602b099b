// Checking a person in (validation, the sealed record, the arrival step, its audit rows, one
// transaction) against a raw SQLite INSERT + COMMIT with the same pragmas, interleaved in the same run,
// with 10,000 people already in the database; then loading all of them back with people().
#include "cli/bench/bench_section.hpp"
#include "cli/bench/checkin_benchmark.hpp"
#include "os/process.hpp"
#include "store/error.hpp"

#include <filesystem>
#include <spdlog/spdlog.h>

namespace rc::cli::bench {

SectionResult run_checkin_commit_section(const BenchOptions& options) {
    (void)options;
    constexpr int kSeedPeople = 10000;
    SectionResult r;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rc-bench-checkin-" + std::to_string(rc::os::process_id()));
    std::filesystem::create_directories(dir);
    // The store logs each check-in by reference: thousands of lines that would bury the table.
    const auto log_level = spdlog::get_level();
    spdlog::set_level(spdlog::level::warn);
    try {
        const CheckInBenchmarkResult b = run_checkin_benchmark(dir, 300, kSeedPeople, 10);
        r.columns = {{"measure", "measure"},   {"median_ms", "median (ms)"}, {"p99_ms", "p99 (ms)"},
                     {"mean_ms", "mean (ms)"}, {"samples", "samples"},       {"ratio", "median ratio"}};
        const auto ms = [](double us) { return Cell::num(us / 1000.0, 3); };
        r.rows.push_back({Cell::str("raw SQLite insert + commit"), ms(b.raw.median_us), ms(b.raw.p99_us),
                          ms(b.raw.mean_us), Cell::num(b.raw.samples, 0), Cell::num(1.0, 2)});
        r.rows.push_back({Cell::str("check_in (person, arrival step, audit rows)"), ms(b.check_in.median_us),
                          ms(b.check_in.p99_us), ms(b.check_in.mean_us), Cell::num(b.check_in.samples, 0),
                          Cell::num(b.median_ratio, 2)});
        r.rows.push_back({Cell::str("people(): load " + std::to_string(b.loaded) + " people, decrypted"),
                          Cell::num(b.load_ms.median_us, 3), Cell::num(b.load_ms.p99_us, 3),
                          Cell::num(b.load_ms.mean_us, 3), Cell::num(b.load_ms.samples, 0), Cell::str("")});
        r.rows.push_back({Cell::str("duplicate_warnings(): name + date of birth"),
                          Cell::num(b.duplicate_ms.median_us, 3), Cell::num(b.duplicate_ms.p99_us, 3),
                          Cell::num(b.duplicate_ms.mean_us, 3), Cell::num(b.duplicate_ms.samples, 0),
                          Cell::str("")});
        r.rows.push_back({Cell::str("import_roll: " + std::to_string(b.seeded) + " rows, one transaction"),
                          Cell::num(b.import_ms, 3), Cell::str(""), Cell::str(""), Cell::num(1, 0),
                          Cell::str("")});
        r.notes.push_back("Both commits write to files in " + dir.parent_path().string() +
                          " with WAL and synchronous=FULL, alternating, so they see the same disk; the store "
                          "already holds " +
                          std::to_string(b.seeded) + " people. Target: median ratio at most 1.5.");
        r.notes.push_back("people() is what the Arrivals snapshot runs when the data change (one query, one "
                          "decryption per person; two for a coordinator, who may read medical notes).");
    } catch (const store::StoreError& e) {
        r.skipped = true;
        r.skip_reason = "The check-in benchmark could not run: " + e.problem();
    }
    spdlog::set_level(log_level);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return r;
}

} // namespace rc::cli::bench
