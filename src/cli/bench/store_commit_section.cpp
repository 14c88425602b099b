// One committed store write (a log entry: encryption, the row and its audit row, one transaction)
// against a raw SQLite INSERT + COMMIT with the same pragmas, interleaved in the same run.
#include "cli/bench/bench_section.hpp"
#include "cli/bench/commit_benchmark.hpp"
#include "os/process.hpp"
#include "store/error.hpp"

#include <filesystem>

namespace rc::cli::bench {

SectionResult run_store_commit_section(const BenchOptions& options) {
    (void)options;
    SectionResult r;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rc-bench-commit-" + std::to_string(rc::os::process_id()));
    std::filesystem::create_directories(dir);
    try {
        const CommitBenchmarkResult b = run_commit_benchmark(dir, 300);
        r.columns = {{"write", "write"},       {"median_us", "median (µs)"}, {"p99_us", "p99 (µs)"},
                     {"mean_us", "mean (µs)"}, {"samples", "samples"},       {"ratio", "median ratio"}};
        r.rows.push_back({Cell::str("raw SQLite insert + commit"), Cell::num(b.raw.median_us, 1),
                          Cell::num(b.raw.p99_us, 1), Cell::num(b.raw.mean_us, 1),
                          Cell::num(b.raw.samples, 0), Cell::num(1.0, 2)});
        r.rows.push_back({Cell::str("store write with audit row"), Cell::num(b.store.median_us, 1),
                          Cell::num(b.store.p99_us, 1), Cell::num(b.store.mean_us, 1),
                          Cell::num(b.store.samples, 0), Cell::num(b.median_ratio, 2)});
        r.notes.push_back("Both write to files in " + dir.parent_path().string() +
                          " with WAL and synchronous=FULL, alternating, so they see the same disk. Target: "
                          "median ratio at most 1.5.");
    } catch (const store::StoreError& e) {
        r.skipped = true;
        r.skip_reason = "The commit benchmark could not run: " + e.problem();
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return r;
}

} // namespace rc::cli::bench
