#include "os/local_time.hpp"

namespace rc::os {

std::tm local_calendar(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

std::tm utc_calendar(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

long utc_offset_seconds(std::time_t t) {
    return local_calendar(t).tm_gmtoff;
}

} // namespace rc::os
