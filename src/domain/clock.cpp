#include "domain/clock.hpp"

#include "domain/date.hpp"
#include "os/local_time.hpp"

#include <cstdio>
#include <ctime>

namespace rc {

UnixSeconds SystemClock::now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string format_local_time(UnixSeconds t, const char* format) {
    std::time_t tt = static_cast<std::time_t>(t);
    const std::tm tm = os::local_calendar(tt);
    char buf[64];
    std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
    return std::string(buf, n);
}

bool parse_local_time(const std::string& text, UnixSeconds& out) {
    // One parser for local times (date.hpp): it refuses second 60, 31 February and trailing text.
    const std::optional<LocalDateTime> local = parse_local_date_time(text);
    if (!local) return false;
    const std::optional<UnixSeconds> at = unix_seconds_from_local(*local);
    if (!at) return false;
    out = *at;
    return true;
}

} // namespace rc
