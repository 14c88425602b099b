#pragma once
// `reception-console bench`: named sections, each measuring one thing and returning a small table.
// A later issue adds a section by writing a run function and adding one line to bench_sections.cpp.
// These are measurements to read and record (docs/performance.md), not timed tests.
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rc::cli::bench {

struct BenchOptions {
    int frames = 300;         // frames measured per screen (frame_time)
    double idle_seconds = 30; // length of each idle measurement (idle_cpu)
    std::string self_exe;     // this program, for sections that spawn it
    std::string pg;           // shared_centre: an empty PostgreSQL database; empty: start a throwaway one
};

// One cell: the text printed in the table and, for numbers, the value written to JSON.
struct Cell {
    std::string text;
    std::optional<double> value;
    static Cell str(std::string s) { return Cell{std::move(s), std::nullopt}; }
    static Cell num(double v, int decimals);
};

struct Column {
    std::string key;   // JSON key, e.g. "median_us"
    std::string title; // table heading, e.g. "median (µs)"
};

struct SectionResult {
    bool skipped = false;
    std::string skip_reason; // a sentence: why, and what to do to measure it
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    std::vector<std::string> notes; // what was measured, how, and how to read it
};

struct BenchSection {
    const char* name;  // for --only and JSON: "frame_time"
    const char* title; // "Per-frame CPU time of each screen (headless)"
    SectionResult (*run)(const BenchOptions& options);
};

// Every section, in the order they run.
std::span<const BenchSection> bench_sections();

// The sections (defined in their own files).
SectionResult run_frame_time_section(const BenchOptions& options);
SectionResult run_idle_cpu_section(const BenchOptions& options);
SectionResult run_store_commit_section(const BenchOptions& options);
SectionResult run_arrivals_section(const BenchOptions& options);
SectionResult run_dashboard_section(const BenchOptions& options);
SectionResult run_checkin_commit_section(const BenchOptions& options);
SectionResult run_stock_ledger_section(const BenchOptions& options);
SectionResult run_export_section(const BenchOptions& options);
SectionResult run_stock_screen_section(const BenchOptions& options);
SectionResult run_sign_in_section(const BenchOptions& options);
SectionResult run_startup_section(const BenchOptions& options);
SectionResult run_shared_centre_section(const BenchOptions& options);

// The benchmark's hidden child mode: opens the real window for `seconds` ("event" or "poll" for
// idle_cpu, "startup" or "startup-people" for startup) and prints one line with its CPU times and
// first frame for the parent (window_child.hpp). Returns the exit code.
int run_window_child(const std::string& mode, double seconds);

// Median and 99th percentile (nearest rank) of the samples; the vector is sorted in place.
struct Percentiles {
    double median = 0;
    double p99 = 0;
    double mean = 0;
};
Percentiles percentiles(std::vector<double>& samples);

} // namespace rc::cli::bench
