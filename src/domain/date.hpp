#pragma once
// Calendar dates and local wall-clock times, for dates of birth and the times written on a nominal roll.
// Ages are counted in calendar dates, never in seconds, so that a birthday is the same day everywhere.
#include "domain/clock.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rc {

struct Date {
    int year = 0;
    int month = 0; // 1..12
    int day = 0;   // 1..31
    auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month); // 0 for a month outside 1..12
// A real day of the Gregorian calendar in years 1..9999.
bool is_valid_date(Date d);

// Days since 1970-01-01 (negative before), for a valid date.
std::int64_t days_since_epoch(Date d);
Date date_from_days_since_epoch(std::int64_t days);

std::string format_iso_date(Date d); // "2026-03-14"
// "YYYY-MM-DD" exactly; nullopt when malformed or not a real day.
std::optional<Date> parse_iso_date(std::string_view text);
// "YYYY-MM-DD" or "DD/MM/YYYY" (day and month may have one digit); nullopt when malformed or not a
// real day. Two-digit years are refused: 01/02/03 could be any of three dates.
std::optional<Date> parse_day_month_year_or_iso_date(std::string_view text);

// A wall-clock time with no zone, as people write it.
struct LocalDateTime {
    Date date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    auto operator<=>(const LocalDateTime&) const = default;
};
// "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS", or the same with a space for the T.
std::optional<LocalDateTime> parse_local_date_time(std::string_view text);
std::string format_local_date_time(const LocalDateTime& t); // "2026-03-14 06:40:00"

// Treats the wall-clock time as UTC: pure, for tests and for files that state UTC.
UnixSeconds unix_seconds_from_utc(const LocalDateTime& t);
// Converts in the machine's time zone; nullopt when the system cannot.
std::optional<UnixSeconds> unix_seconds_from_local(const LocalDateTime& t);

Date utc_date_of(UnixSeconds t);
Date local_date_of(UnixSeconds t); // in the machine's time zone

} // namespace rc
