#include "app/frame_pacer.hpp"

#include <algorithm>

namespace rc::app {

void FramePacer::frame_drawn(double now) {
    if (timer_due(now)) last_timer_frame_ = now;
    if (pending_ > 0) --pending_;
}

double FramePacer::sleep_seconds(double now) const {
    if (pending_ > 0) return 0.0;
    if (!next_due_) return kMaxSleep;
    // Not before the due time, and not sooner than a second after the last timer frame.
    const double at = std::max(*next_due_, last_timer_frame_ + kMinTimerInterval);
    return std::clamp(at - now, 0.0, kMaxSleep);
}

} // namespace rc::app
