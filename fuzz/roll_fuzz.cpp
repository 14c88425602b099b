// libFuzzer target for the CSV reader and the nominal roll parser: any bytes in, never a crash, a leak or
// undefined behaviour, and what comes out holds their promises (checked below; a broken promise aborts).
// Build and run: fuzz/README.md.
#include "domain/csv_reader.hpp"
#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"
#include "domain/nominal_roll.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "roll_fuzz: broken promise: %s\n", what);
    std::abort();
}

void check_csv(std::string_view text) {
    const rc::CsvReadResult csv = rc::read_csv(text);
    for (std::size_t i = 1; i < csv.records.size(); ++i)
        check(csv.records[i].line > csv.records[i - 1].line, "records start on increasing lines");
    for (const rc::CsvProblem& p : csv.problems)
        check(!p.message.empty(), "every problem says what is wrong");
    if (!csv.ok()) return;
    // What reads cleanly can be written and read back to the same fields.
    std::string again = "\xEF\xBB\xBF";
    for (const rc::CsvRecord& r : csv.records) {
        for (const std::string& f : r.fields)
            check(f.find('\r') == std::string::npos, "no CR inside a field");
        again += rc::format_csv_record(r.fields) + "\r\n";
    }
    const rc::CsvReadResult reread = rc::read_csv(again);
    check(reread.ok(), "written records read back without problems");
    check(reread.records.size() == csv.records.size(), "as many records read back");
    for (std::size_t i = 0; i < csv.records.size(); ++i)
        check(reread.records[i].fields == csv.records[i].fields, "the same fields read back");
}

void check_roll(std::string_view text) {
    rc::NominalRollOptions options;
    options.today = rc::Date{2026, 3, 14};
    options.now = rc::unix_seconds_from_utc({options.today, 12, 0, 0});
    options.to_unix_seconds = [](const rc::LocalDateTime& t) -> std::optional<rc::UnixSeconds> {
        return rc::unix_seconds_from_utc(t);
    };
    const rc::NominalRoll roll = rc::parse_nominal_roll(text, options);
    check(roll.ok() == roll.errors.empty(), "a roll is ok exactly when there are no errors");
    check(roll.ok() || roll.rows.empty(), "no rows from a rejected roll");
    for (const rc::RollProblem& p : roll.errors)
        check(!p.message.empty() && !rc::format_roll_problem(p).empty(), "every error says what is wrong");
    for (std::size_t i = 0; i < roll.rows.size(); ++i) {
        const rc::PersonDraft& d = roll.rows[i];
        check(d.line >= 2, "rows come after the header");
        check(i == 0 || d.line > roll.rows[i - 1].line, "rows in file order");
        check(d.person.nationality.empty() || rc::find_country_by_code(d.person.nationality) != nullptr,
              "nationality is a stored code");
        for (const std::string& code : d.person.languages)
            check(rc::find_language_by_code(code) != nullptr, "languages are stored codes");
        check(d.departed_at.has_value() == d.destination.has_value(), "a departure has a destination");
        check(!d.arrived_at || *d.arrived_at <= options.now, "no arrival in the future");
        check(!d.departed_at || !d.arrived_at || *d.departed_at >= *d.arrived_at,
              "no departure before arrival");
        check(!rc::journey_problem(rc::draft_journey(d, options.now)), "the journey is in order");
        const auto arrival =
            d.arrived_at ? std::optional<rc::Date>(rc::utc_date_of(*d.arrived_at)) : std::nullopt;
        check(rc::validate_person(d.person, options.today, arrival).empty(), "accepted rows validate");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_csv(text);
    check_roll(text);
    return 0;
}
