#pragma once
// Helpers shared by the arrivals tests: reading test files and fixed options for the nominal roll
// (14 March 2026, times as UTC so that results do not depend on the machine's time zone).
#include "domain/date.hpp"
#include "domain/nominal_roll.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include <string>

namespace rc::test {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline constexpr Date roll_today{2026, 3, 14};

inline NominalRollOptions roll_options() {
    NominalRollOptions o;
    o.today = roll_today;
    o.now = unix_seconds_from_utc({roll_today, 12, 0, 0});
    o.to_unix_seconds = [](const LocalDateTime& t) -> std::optional<UnixSeconds> {
        return unix_seconds_from_utc(t);
    };
    return o;
}

inline std::string all_problems(const NominalRoll& roll) {
    std::string out;
    for (const RollProblem& p : roll.errors)
        out += format_roll_problem(p) + "\n";
    return out;
}

} // namespace rc::test
