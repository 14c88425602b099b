#pragma once
// Wrong passphrases and PINs slow down: after n consecutive failures the next attempt must wait
// min(2^(n-1), 300) seconds, measured on the injected clock (so tests move time instead of sleeping).
// This protects the lock screen of a running console; the file itself is protected by Argon2id.
#include "domain/clock.hpp"

namespace rc::store {

class AttemptThrottle {
public:
    static constexpr UnixSeconds kMaxDelaySeconds = 300;

    explicit AttemptThrottle(const Clock& clock) : clock_(&clock) {}

    // Seconds until the next attempt is allowed; 0 when an attempt may be made now.
    UnixSeconds seconds_to_wait() const;
    void record_failure();
    void record_success();
    int consecutive_failures() const { return failures_; }

    // The delay after `failures` consecutive failures: 0, 1, 2, 4, 8, ... capped at kMaxDelaySeconds.
    static UnixSeconds delay_after(int failures);

private:
    const Clock* clock_;
    int failures_ = 0;
    UnixSeconds next_allowed_ = 0;
};

} // namespace rc::store
