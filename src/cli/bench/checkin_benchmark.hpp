#pragma once
// What checking a person in costs, and reading everyone back. In one run: (a) a raw SQLite INSERT +
// COMMIT of a row shaped like a person's (the same pragmas, the same sealed sizes) interleaved with
// (b) check_in() through the service API (validation, the sealed record, the arrival step, two audit
// rows, one transaction), against a database already holding the seeded people; then the time to
// import the seed roll (one transaction) and to load everyone with people().
#include "cli/bench/commit_benchmark.hpp"
#include "domain/clock.hpp"

#include <filesystem>
#include <string>

namespace rc::cli::bench {

struct CheckInBenchmarkResult {
    LatencySummary raw;      // raw SQLite insert + commit (µs)
    LatencySummary check_in; // check_in() (µs)
    double median_ratio = 0; // check_in.median / raw.median
    double p99_ratio = 0;
    int seeded = 0;               // people imported before the check-ins
    double import_ms = 0;         // import_roll of the seed roll, one transaction
    int loaded = 0;               // people people() returned
    LatencySummary load_ms;       // people(), in milliseconds
    LatencySummary duplicate_ms;  // duplicate_warnings() for a name and date of birth, in milliseconds
    std::string describe() const; // a few lines for a terminal
};

// Creates its databases in `dir` (which must exist; files are replaced and removed afterwards), imports
// a synthetic roll of `seed_people`, runs `iterations` check-ins against as many raw commits, then
// `loads` timed loads. Throws StoreError.
CheckInBenchmarkResult run_checkin_benchmark(const std::filesystem::path& dir, int iterations,
                                             int seed_people, int loads);

// A valid nominal roll of `rows` invented people (names, dates of birth, nationalities, languages,
// groups, some medical notes, some departed), arriving from `first_arrival` on, written in local time.
std::string synthetic_roll(int rows, UnixSeconds first_arrival, int first_tag = 1);

} // namespace rc::cli::bench
