#include "store/attempt_throttle.hpp"

namespace rc::store {

UnixSeconds AttemptThrottle::delay_after(int failures) {
    if (failures <= 0) return 0;
    if (failures > 9) return kMaxDelaySeconds; // 2^9 = 512 > 300
    UnixSeconds d = UnixSeconds{1} << (failures - 1);
    return d < kMaxDelaySeconds ? d : kMaxDelaySeconds;
}

UnixSeconds AttemptThrottle::seconds_to_wait() const {
    UnixSeconds now = clock_->now();
    return next_allowed_ > now ? next_allowed_ - now : 0;
}

void AttemptThrottle::record_failure() {
    ++failures_;
    next_allowed_ = clock_->now() + delay_after(failures_);
}

void AttemptThrottle::record_success() {
    failures_ = 0;
    next_allowed_ = 0;
}

} // namespace rc::store
