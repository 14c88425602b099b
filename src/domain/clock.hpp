#pragma once
// Time as the console sees it. Everything that asks "what time is it" takes a Clock so that tests can
// move time forward (overdue actions, time in centre, idle lock) without waiting.
#include <chrono>
#include <cstdint>
#include <string>

namespace rc {

// Seconds since the Unix epoch, UTC. Stored as INTEGER in the database; shown in local time.
using UnixSeconds = std::int64_t;

class Clock {
public:
    virtual ~Clock() = default;
    virtual UnixSeconds now() const = 0;
};

class SystemClock final : public Clock {
public:
    UnixSeconds now() const override;
};

// A clock for tests and the benchmark: stands still until told to move.
class ManualClock final : public Clock {
public:
    explicit ManualClock(UnixSeconds start) : now_(start) {}
    UnixSeconds now() const override { return now_; }
    void set(UnixSeconds t) { now_ = t; }
    void advance(UnixSeconds seconds) { now_ += seconds; }

private:
    UnixSeconds now_;
};

// "2026-03-14 06:40" in the machine's local time zone.
std::string format_local_time(UnixSeconds t, const char* format = "%Y-%m-%d %H:%M");
// Local wall-clock "YYYY-MM-DDTHH:MM[:SS]" (or a space for the T) to UnixSeconds, through
// parse_local_date_time and unix_seconds_from_local; false when malformed or not a real time.
bool parse_local_time(const std::string& text, UnixSeconds& out);

} // namespace rc
