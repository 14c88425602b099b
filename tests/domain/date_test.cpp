#include "domain/clock.hpp"
#include "domain/date.hpp"

#include <doctest/doctest.h>

using namespace rc;

TEST_CASE("dates of birth in the two forms rolls use") {
    CHECK(parse_day_month_year_or_iso_date("1999-07-02") == Date{1999, 7, 2});
    CHECK(parse_day_month_year_or_iso_date("02/07/1999") == Date{1999, 7, 2});
    CHECK(parse_day_month_year_or_iso_date("2/7/1999") == Date{1999, 7, 2});
    CHECK(parse_day_month_year_or_iso_date("29/02/2024") == Date{2024, 2, 29});
    CHECK_FALSE(parse_day_month_year_or_iso_date("29/02/2023"));
    CHECK_FALSE(parse_day_month_year_or_iso_date("31/04/2000"));
    CHECK_FALSE(parse_day_month_year_or_iso_date("02/07/99"));
    CHECK_FALSE(parse_day_month_year_or_iso_date("1999-7-2"));
    CHECK_FALSE(parse_day_month_year_or_iso_date("1999-13-01"));
    CHECK_FALSE(parse_day_month_year_or_iso_date("0000-01-01"));
    CHECK_FALSE(parse_day_month_year_or_iso_date("12.03.1990"));
    CHECK_FALSE(parse_day_month_year_or_iso_date(""));
    CHECK(format_iso_date(Date{1999, 7, 2}) == "1999-07-02");
}

TEST_CASE("local times as rolls write them") {
    CHECK(parse_local_date_time("2026-03-14T06:40") == LocalDateTime{{2026, 3, 14}, 6, 40, 0});
    CHECK(parse_local_date_time("2026-03-14 06:40:59") == LocalDateTime{{2026, 3, 14}, 6, 40, 59});
    CHECK_FALSE(parse_local_date_time("2026-03-14T24:00"));
    CHECK_FALSE(parse_local_date_time("2026-03-14T6:40"));
    CHECK_FALSE(parse_local_date_time("2026-03-14"));
    CHECK_FALSE(parse_local_date_time("2026-03-14T06:40Z"));
    CHECK_FALSE(parse_local_date_time("2026-02-30T06:40"));
    CHECK(format_local_date_time({{2026, 3, 14}, 6, 4, 0}) == "2026-03-14 06:04:00");
}

TEST_CASE("days since the epoch and UTC conversion agree with known instants") {
    CHECK(days_since_epoch(Date{1970, 1, 1}) == 0);
    CHECK(days_since_epoch(Date{2000, 3, 1}) == 11017);
    CHECK(unix_seconds_from_utc({{2026, 3, 14}, 6, 40, 0}) == 1773470400);
    for (std::int64_t d : {-800000LL, -1LL, 0LL, 1LL, 20526LL, 2900000LL})
        CHECK(days_since_epoch(date_from_days_since_epoch(d)) == d);
    CHECK(utc_date_of(1773470400) == Date{2026, 3, 14});
    CHECK(utc_date_of(-1) == Date{1969, 12, 31});
}

TEST_CASE("parse_local_time is parse_local_date_time in the machine's zone: strict about what it takes") {
    UnixSeconds at = 0;
    CHECK(parse_local_time("2026-03-14T06:40", at));
    CHECK(at == *unix_seconds_from_local({{2026, 3, 14}, 6, 40, 0}));
    CHECK(parse_local_time("2026-03-14 06:40:30", at));
    CHECK(at == *unix_seconds_from_local({{2026, 3, 14}, 6, 40, 30}));
    CHECK_FALSE(parse_local_time("2026-03-14T06:40:60", at));       // no leap second
    CHECK_FALSE(parse_local_time("2026-03-14T06:40 tomorrow", at)); // trailing text
    CHECK_FALSE(parse_local_time("2026-02-31T06:40", at));
    CHECK_FALSE(parse_local_time("2026-03-14T24:00", at));
    CHECK_FALSE(parse_local_time("14/03/2026 06:40", at));
}
