#include "app/resume_detector.hpp"

namespace rc::app {

bool ResumeDetector::woke_from_sleep(UnixSeconds wall, double monotonic_seconds) {
    bool slept = false;
    if (last_wall_) {
        const double wall_gap = static_cast<double>(wall - *last_wall_);
        const double monotonic_gap = monotonic_seconds - last_monotonic_;
        slept = wall_gap - monotonic_gap > kJumpSeconds;
    }
    last_wall_ = wall;
    last_monotonic_ = monotonic_seconds;
    return slept;
}

} // namespace rc::app
