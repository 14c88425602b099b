#pragma once
// Calendar time from seconds since the epoch: thread-safe on both systems (localtime_r/gmtime_r on
// POSIX, localtime_s/gmtime_s on Windows).
#include <ctime>

namespace rc::os {

std::tm local_calendar(std::time_t t);
std::tm utc_calendar(std::time_t t);
// Seconds east of UTC of local time at `t` (3600 for British Summer Time). strftime's %z is not used:
// Windows' C library prints the zone's name there, not an offset.
long utc_offset_seconds(std::time_t t);

} // namespace rc::os
