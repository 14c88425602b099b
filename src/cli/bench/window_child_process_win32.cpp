// The window child is started and measured from the outside on Linux only (fork, wait4): the start-up
// and idle CPU sections say so in the Windows build instead of guessing. docs/windows.md has the
// figures seen under Wine.
#include "cli/bench/window_child.hpp"

namespace rc::cli::bench {

namespace {
constexpr const char* kLinuxOnly =
    "The window's start-up, memory and idle CPU are measured on Linux only (the benchmark starts the "
    "window as a child process and reads its CPU time with wait4); docs/windows.md has the figures seen "
    "under Wine.";
}

std::optional<std::string> window_unavailable() {
    return std::string(kLinuxOnly);
}

ScratchFolder::ScratchFolder() : problem_(kLinuxOnly) {}

ScratchFolder::~ScratchFolder() = default;

WindowChildRun run_window_child_process(const std::string& self, const std::string& mode, double seconds,
                                        const std::string& data_home) {
    (void)self;
    (void)mode;
    (void)seconds;
    (void)data_home;
    WindowChildRun r;
    r.problem = kLinuxOnly;
    return r;
}

} // namespace rc::cli::bench
