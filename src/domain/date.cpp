#include "domain/date.hpp"

#include "os/local_time.hpp"

#include <ctime>

namespace rc {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// The number written in text[from, from + count) when all are digits; -1 otherwise.
int digits_at(std::string_view text, std::size_t from, std::size_t count) {
    if (from + count > text.size()) return -1;
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (!is_digit(text[i])) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<Date> checked(Date d) {
    if (!is_valid_date(d)) return std::nullopt;
    return d;
}

std::string two_digits(int v) {
    std::string s = std::to_string(v);
    return s.size() < 2 ? "0" + s : s;
}

} // namespace

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap_year(year)) return 29;
    return days[month - 1];
}

bool is_valid_date(Date d) {
    return d.year >= 1 && d.year <= 9999 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

// Howard Hinnant's days_from_civil.
std::int64_t days_since_epoch(Date d) {
    const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (d.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date date_from_days_since_epoch(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

std::string format_iso_date(Date d) {
    std::string y = std::to_string(d.year);
    while (y.size() < 4)
        y.insert(0, "0");
    return y + "-" + two_digits(d.month) + "-" + two_digits(d.day);
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const int y = digits_at(text, 0, 4), m = digits_at(text, 5, 2), d = digits_at(text, 8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    return checked(Date{y, m, d});
}

std::optional<Date> parse_day_month_year_or_iso_date(std::string_view text) {
    if (text.find('-') != std::string_view::npos) return parse_iso_date(text);
    const auto first = text.find('/');
    if (first == std::string_view::npos) return std::nullopt;
    const auto second = text.find('/', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const std::size_t day_len = first, month_len = second - first - 1, year_len = text.size() - second - 1;
    if (day_len < 1 || day_len > 2 || month_len < 1 || month_len > 2 || year_len != 4) return std::nullopt;
    const int d = digits_at(text, 0, day_len), m = digits_at(text, first + 1, month_len),
              y = digits_at(text, second + 1, 4);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    return checked(Date{y, m, d});
}

std::optional<LocalDateTime> parse_local_date_time(std::string_view text) {
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    const auto date = parse_iso_date(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != ' ') || text[13] != ':') return std::nullopt;
    LocalDateTime t{*date, digits_at(text, 11, 2), digits_at(text, 14, 2), 0};
    if (text.size() == 19) {
        if (text[16] != ':') return std::nullopt;
        t.second = digits_at(text, 17, 2);
    }
    if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 59)
        return std::nullopt;
    return t;
}

std::string format_local_date_time(const LocalDateTime& t) {
    return format_iso_date(t.date) + " " + two_digits(t.hour) + ":" + two_digits(t.minute) + ":" +
           two_digits(t.second);
}

UnixSeconds unix_seconds_from_utc(const LocalDateTime& t) {
    return days_since_epoch(t.date) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

std::optional<UnixSeconds> unix_seconds_from_local(const LocalDateTime& t) {
    std::tm tm{};
    tm.tm_year = t.date.year - 1900;
    tm.tm_mon = t.date.month - 1;
    tm.tm_mday = t.date.day;
    tm.tm_hour = t.hour;
    tm.tm_min = t.minute;
    tm.tm_sec = t.second;
    tm.tm_isdst = -1;
    const std::time_t tt = std::mktime(&tm);
    if (tt == static_cast<std::time_t>(-1)) return std::nullopt;
    return static_cast<UnixSeconds>(tt);
}

Date utc_date_of(UnixSeconds t) {
    const std::int64_t days = (t >= 0 ? t : t - 86399) / 86400;
    return date_from_days_since_epoch(days);
}

Date local_date_of(UnixSeconds t) {
    const auto tt = static_cast<std::time_t>(t);
    const std::tm tm = os::local_calendar(tt);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

} // namespace rc
