#pragma once
// What a committed store write costs compared with SQLite alone. In one run, interleaved so that both
// see the same disk: (a) a raw SQLite INSERT + COMMIT with the store's pragmas (WAL, synchronous=FULL,
// foreign_keys, secure_delete) into a table shaped like the activity log, and (b) one Store write
// through the service API (append_log: field encryption, the row and its audit row, one transaction).
// The target is a median ratio of at most 1.5.
#include <filesystem>
#include <string>
#include <vector>

namespace rc::cli::bench {

struct LatencySummary {
    double median_us = 0;
    double p99_us = 0;
    double mean_us = 0;
    int samples = 0;
};

struct CommitBenchmarkResult {
    LatencySummary raw;      // raw SQLite insert + commit
    LatencySummary store;    // Store::append_log
    double median_ratio = 0; // store.median / raw.median
    double p99_ratio = 0;
    std::string describe() const; // a few lines for a terminal
};

// The median, 99th percentile and mean of samples in microseconds (the vector is sorted in place).
LatencySummary summarise(std::vector<double> us);
// Removes a benchmark database with its -wal, -shm and .lock files.
void remove_db(const std::filesystem::path& p);

// Creates its two databases in `dir` (which must exist; files are replaced) and runs `iterations`
// commits of each after a short warm-up. Throws StoreError.
CommitBenchmarkResult run_commit_benchmark(const std::filesystem::path& dir, int iterations);

} // namespace rc::cli::bench
