#pragma once
// Which field each column of a nominal roll fills. Police and partners send rolls in their own layouts
// ("Surname", "Forename", "D.O.B.", "Country", "Language spoken"); a header cell is matched to a field
// without regard to case, spacing or punctuation, then through common synonyms. The user can change any
// match (in the import preview, or `--map "Header=field"` on the command line). A column that holds data
// but fills no field stops the import (parse_nominal_roll says which), so nothing is dropped unseen:
// the user maps it, or marks it "ignore".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// Fields a column may fill besides the roll's own columns: surname and forename are joined into the
// name ("Forename Surname"); "ignore" leaves a column out on purpose.
inline constexpr std::string_view kSurnameField = "surname";
inline constexpr std::string_view kForenameField = "forename";
inline constexpr std::string_view kIgnoreField = "ignore";

// Every field a column may fill, in the order a picker shows them: the roll's columns (name, tag, ...),
// then surname, forename, and ignore.
std::vector<std::string_view> roll_fields();
// A short description for a picker: "dob" -> "Date of birth".
std::string_view roll_field_label(std::string_view field);

enum class ColumnMatch {
    Exact,      // the header is the field's name ("dob", "Arrived at")
    Synonym,    // a common other name ("D.O.B.", "Surname", "Language spoken")
    Chosen,     // the user chose it (or chose "ignore")
    Remembered, // chosen for the same header row before
    None,       // fills nothing (yet)
};
std::string_view column_match_label(ColumnMatch m); // "same name", "synonym", "chosen", ...

struct RollColumn {
    std::string header; // as in the file
    std::string field;  // one of roll_fields(); empty: fills nothing
    ColumnMatch match = ColumnMatch::None;
};
using RollMapping = std::vector<RollColumn>; // one per header cell, in file order

// "D.O.B." -> "dob", " Arrival time " -> "arrivaltime": lower-case ASCII letters and digits only.
std::string header_key(std::string_view cell);
// The field a header names, and how it was matched (Exact or Synonym); nullopt when none.
std::optional<std::pair<std::string_view, ColumnMatch>> field_for_header(std::string_view cell);
// Each header cell matched by name and synonyms.
RollMapping suggest_roll_mapping(const std::vector<std::string>& header);

// Applies the user's choices "Header=field" (the header as written or as header_key folds it; the
// field one of roll_fields()). Returns what is wrong with each choice that cannot apply; the others
// still apply.
std::vector<std::string> apply_roll_choices(RollMapping& mapping, const std::vector<std::string>& choices);

// Identifies a header row for remembering its mapping: the header keys joined with '|'.
std::string header_signature(const std::vector<std::string>& header);

// "Header=field" for each column the user chose (or that was remembered), to store and apply again.
std::vector<std::string> chosen_roll_columns(const RollMapping& mapping);

} // namespace rc
