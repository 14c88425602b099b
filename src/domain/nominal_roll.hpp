#pragma once
// The nominal roll: the list of people the police hand over, or paper registration forms typed up
// later, as a UTF-8 CSV file with a header row. Columns are matched to fields by name (ignoring case,
// spacing and punctuation, any order, every one optional) and through common synonyms
// (roll_mapping.hpp): tag, name, latin_name (the name in Latin letters), alias, sex, dob, age, age_band,
// child, nationality, languages, interpreter, arrived_at, group, exploitation, medical, consent_nrm,
// departed_at, destination, and surname + forename joined into the name. A column with data that fills no
// field is an error. A roll is all or nothing: any problem rejects the whole file, and every problem is
// listed.
#include "domain/clock.hpp"
#include "domain/csv_reader.hpp"
#include "domain/date.hpp"
#include "domain/journey.hpp"
#include "domain/person.hpp"
#include "domain/roll_mapping.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

inline constexpr std::array<std::string_view, 19> nominal_roll_columns{
    "tag",     "name",        "alias",       "sex",         "dob",        "age",   "age_band",
    "child",   "nationality", "languages",   "interpreter", "arrived_at", "group", "exploitation",
    "medical", "consent_nrm", "departed_at", "destination", "latin_name"};

// One row, ready to check in. The person has no reference (assigned on saving) and no journey: the
// times are here, as on the roll.
struct PersonDraft {
    std::uint32_t line = 0; // where the row starts in the file
    Person person;
    std::optional<UnixSeconds> arrived_at;
    std::optional<UnixSeconds> departed_at;
    std::optional<Destination> destination; // set exactly when departed_at is
};

// The journey the draft describes: arrived at `arrived_at` (or `checked_in_at` when the roll has no
// time), then departed if the roll says so.
std::vector<JourneyEvent> draft_journey(const PersonDraft& draft, UnixSeconds checked_in_at);

// Converts a wall-clock time written on the roll to UnixSeconds in the centre's time zone.
using LocalTimeToUnixSeconds = std::function<std::optional<UnixSeconds>(const LocalDateTime&)>;

struct NominalRollOptions {
    Date today;          // the local date now: dates of birth after it are in the future
    UnixSeconds now = 0; // times on the roll after it are in the future
    LocalTimeToUnixSeconds to_unix_seconds = unix_seconds_from_local; // the machine's time zone
    CsvLimits limits;
    std::size_t max_problems = 500; // then one line says how many more there were
    // The user's choices of field for columns, "Header=field" (roll_mapping.hpp), applied over the
    // matches by name and synonym.
    std::vector<std::string> column_choices;
};

// A problem at a line and, where there is one, a column (the roll's column name, e.g. consent_nrm).
struct RollProblem {
    std::uint32_t line = 0; // 0: the whole file
    std::string column;     // empty: the whole line
    std::string message;
};
// "line 15, column consent_nrm: 'maybe' is not one of yes, no, undecided"; "line 3: ..."; the message
// alone for the whole file.
std::string format_roll_problem(const RollProblem& p);

struct NominalRoll {
    RollMapping mapping;               // each column of the file and the field it fills
    std::vector<PersonDraft> rows;     // empty whenever there are errors
    std::vector<RollProblem> errors;   // any error rejects the file; sorted by line
    std::vector<RollProblem> warnings; // empty unknown columns (left out), the same tag on two rows, two rows
                                       // that look like the same person, an empty roll
    bool ok() const { return errors.empty(); }
};

// Parses and checks the whole file. Values are read as the columns above describe: sex
// female/male/other/unknown or F/M/X/U; dob YYYY-MM-DD or DD/MM/YYYY; age a whole number; age_band as
// in age_band_id; child yes/no/disputed (y/n too); nationality a country name or ISO 3166 code; languages
// names or ISO 639 codes separated by semicolons; interpreter yes/no (y/n too); arrived_at and departed_at
// local time YYYY-MM-DDTHH:MM[:SS] (or a space for the T); exploitation ids separated by semicolons;
// consent_nrm yes/no/undecided ("not asked" reads as empty); destination an id or label. Each person is then
// checked with validate_person, ages on the arrival date.
NominalRoll parse_nominal_roll(std::string_view text, const NominalRollOptions& options);

} // namespace rc
