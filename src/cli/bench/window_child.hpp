#pragma once
// The benchmark's window child: the program starts itself (bench --window-child MODE) to open the real
// window in a process of its own, so what the window costs (CPU, start-up, memory; Mesa's threads
// included) is read from the outside with wait4(). Used by idle_cpu and startup. The process part is
// window_child_process_posix.cpp; the Windows build measures none of it (window_child_process_win32.cpp).
#include <optional>
#include <string>

namespace rc::cli::bench {

// The tag of the one line a child prints for its parent.
inline constexpr const char* kWindowChildTag = "rc-window-child";

struct WindowChildRun {
    bool ok = false;
    std::string problem;   // a sentence, when not ok
    double started_at = 0; // monotonic_seconds() just before the child was started
    double cpu_total = 0;  // wait4: user + system, whole life of the child
    long max_rss_kib = 0;  // wait4: the child's peak resident memory
    std::string report;    // the child's line, from kWindowChildTag on
};

// Runs `self bench --window-child MODE --window-seconds SECONDS` with its settings, imgui.ini and log in
// `data_home` (a scratch folder), and waits for it (giving up 60 s after `seconds`).
WindowChildRun run_window_child_process(const std::string& self, const std::string& mode, double seconds,
                                        const std::string& data_home);

// Why the window cannot be measured here (no display: run under xvfb-run), or nothing.
std::optional<std::string> window_unavailable();

// A scratch data folder for window children under /tmp, removed with what is in it when it goes.
class ScratchFolder {
public:
    ScratchFolder();
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; } // empty when the folder was made

private:
    std::string path_;
    std::string problem_;
};

// The steady clock (CLOCK_MONOTONIC on Linux), in seconds: the same clock in parent and child.
double monotonic_seconds();

} // namespace rc::cli::bench
