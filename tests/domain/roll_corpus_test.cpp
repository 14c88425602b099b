// Replays the nominal roll fuzzer's seed corpus (tests/data/roll_corpus) and the sample roll through the
// CSV reader and the roll parser, as an ordinary test: whatever the fuzzer once found stays fixed, and
// under the sanitizer build any memory or UB error fails the suite. The checks are the fuzz target's.
#include "domain/csv_reader.hpp"
#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"
#include "domain/nominal_roll.hpp"
#include "roll_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <vector>

using namespace rc;

namespace {

std::vector<std::filesystem::path> corpus_files() {
    std::vector<std::filesystem::path> files{std::string(RC_TEST_DATA_DIR) + "/sample-roll.csv"};
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(RC_TEST_DATA_DIR) + "/roll_corpus"))
        if (entry.is_regular_file() && entry.path().extension() != ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// What fuzz/roll_fuzz.cpp does with each input.
void exercise(const std::string& text) {
    const CsvReadResult csv = read_csv(text);
    for (std::size_t i = 1; i < csv.records.size(); ++i)
        CHECK(csv.records[i].line > csv.records[i - 1].line);
    for (const CsvProblem& p : csv.problems)
        CHECK(!p.message.empty());
    if (csv.ok()) {
        std::string again = "\xEF\xBB\xBF";
        for (const CsvRecord& r : csv.records)
            again += format_csv_record(r.fields) + "\n";
        const CsvReadResult reread = read_csv(again);
        CHECK(reread.ok());
        REQUIRE(reread.records.size() == csv.records.size());
        for (std::size_t i = 0; i < csv.records.size(); ++i)
            CHECK(reread.records[i].fields == csv.records[i].fields);
    }

    const NominalRollOptions options = rc::test::roll_options();
    const NominalRoll roll = parse_nominal_roll(text, options);
    CHECK(roll.ok() == roll.errors.empty());
    if (!roll.ok()) CHECK(roll.rows.empty());
    for (const RollProblem& p : roll.errors) {
        CHECK(!p.message.empty());
        CHECK(!format_roll_problem(p).empty());
    }
    for (const PersonDraft& d : roll.rows) {
        CHECK(d.line >= 2);
        const auto arrival = d.arrived_at ? std::optional<Date>(utc_date_of(*d.arrived_at)) : std::nullopt;
        CHECK(validate_person(d.person, options.today, arrival).empty());
        CHECK(d.person.reference.empty());
        if (!d.person.nationality.empty()) CHECK(find_country_by_code(d.person.nationality) != nullptr);
        for (const std::string& code : d.person.languages)
            CHECK(find_language_by_code(code) != nullptr);
        CHECK(d.departed_at.has_value() == d.destination.has_value());
        CHECK_FALSE(journey_problem(draft_journey(d, options.now)).has_value());
    }
}

} // namespace

TEST_CASE("the roll fuzz corpus replays cleanly") {
    const auto files = corpus_files();
    CHECK(files.size() >= 11);
    int parsed = 0;
    for (const auto& path : files) {
        INFO(path.string());
        const std::string text = rc::test::read_file(path.string());
        exercise(text);
        if (parse_nominal_roll(text, rc::test::roll_options()).ok()) ++parsed;
    }
    CHECK(parsed >= 3); // minimal, the header only, all columns
}
