#include "cli/bench/commit_benchmark.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc::cli::bench;
using rc::store::test::TempDir;

TEST_CASE("commit benchmark: runs and reports both sides") {
    TempDir dir("bench");
    CommitBenchmarkResult r = run_commit_benchmark(dir.path(), 60);
    MESSAGE(r.describe());
    CHECK(r.raw.samples == 60);
    CHECK(r.store.samples == 60);
    CHECK(r.raw.median_us > 0);
    CHECK(r.store.median_us > 0);
    CHECK(r.p99_ratio > 0);
    CHECK(r.median_ratio > 0);
    CHECK_FALSE(std::filesystem::exists(dir / "bench-store.sqlite"));
}
