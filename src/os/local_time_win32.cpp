#include "os/local_time.hpp"

#include <time.h>

namespace rc::os {

std::tm local_calendar(std::time_t t) {
    std::tm tm{};
    localtime_s(&tm, &t);
    return tm;
}

std::tm utc_calendar(std::time_t t) {
    std::tm tm{};
    gmtime_s(&tm, &t);
    return tm;
}

long utc_offset_seconds(std::time_t t) {
    std::tm local = local_calendar(t);
    return static_cast<long>(_mkgmtime(&local) - t);
}

} // namespace rc::os
