// The idle CPU comparison starts the program twice as a child and reads its CPU time with wait4();
// that part is POSIX only. On Windows the section says so instead of guessing.
#include "cli/bench/bench_section.hpp"

namespace rc::cli::bench {

SectionResult run_idle_cpu_section(const BenchOptions&) {
    SectionResult out;
    out.skipped = true;
    out.skip_reason = "The idle CPU comparison is measured on Linux only (it uses fork and wait4); "
                      "docs/windows.md has the figure measured under Wine.";
    return out;
}

} // namespace rc::cli::bench
