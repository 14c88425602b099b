#pragma once
// Noticing that the laptop was asleep (lid closed, suspended): the wall clock moved on while the
// monotonic clock, which stops during a suspend, did not. The console locks on waking, before the key
// press that woke it counts as activity, so a laptop closed mid-task and opened by someone else shows
// the lock screen, not the records.
#include "domain/clock.hpp"

#include <optional>

namespace rc::app {

class ResumeDetector {
public:
    // More wall-clock time than this beyond the monotonic time between two checks means a suspend.
    static constexpr double kJumpSeconds = 60.0;

    // Called each time the loop wakes, with the wall clock (UTC seconds) and a monotonic clock (seconds).
    // True when the machine was asleep since the last call.
    bool woke_from_sleep(UnixSeconds wall, double monotonic_seconds);

private:
    std::optional<UnixSeconds> last_wall_;
    double last_monotonic_ = 0.0;
};

} // namespace rc::app
