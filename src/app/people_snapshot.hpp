#pragma once
// The people received, as the Arrivals screen and the dashboard see them: one row per person with
// what the table shows already worked out (child status, journey summary, display texts, a search
// key), rebuilt by the session only when the data change. Personal: cleared behind the lock screen.
#include "domain/journey.hpp"
#include "domain/person.hpp"
#include "domain/roll_mapping.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rc::app {

struct PersonRow {
    std::int64_t id = 0;
    Person person;            // the whole record, journey included
    std::int64_t version = 1; // of the details: an edit started from this row states it
    ChildStatus child = ChildStatus::Unknown;
    AgeBand age_band = AgeBand::Unknown;
    JourneySummary journey;
    std::string name_text;             // "Name (alias)", "Name — Latin letters", "alias", or "not given"
    std::string nationality_text;      // "Viet Nam", or ""
    std::string languages_text;        // "Vietnamese, English"
    std::string status_text;           // "Arrived", "Welfare check done", "Departed: hospital"
    std::string search_key;            // folded reference, tag, both names and alias, for search
    bool with_unrelated_adult = false; // a child who arrived with an unrelated adult (an indicator)
};

struct PeopleCounts {
    int total = 0;
    int on_site = 0;
    int children_on_site = 0;    // children or presumed: disputed ages and ages not established included
    int age_unknown_on_site = 0; // age not established (presumed children, also counted above)
    int interpreter_needed_on_site = 0;
    int awaiting_welfare = 0; // on site
    int awaiting_interview = 0;
    int awaiting_decision = 0;
    int departed = 0;
    int on_site_too_long = 0; // past the procedure's threshold
    int urgent_medical_on_site = 0;
    int with_unrelated_adult_on_site = 0; // children who arrived with an unrelated adult
};

struct PeopleSnapshot {
    std::uint64_t version = 0;
    std::vector<PersonRow> rows; // in check-in order
    PeopleCounts counts;
    std::vector<std::string> groups; // arrival groups seen, in first-seen order
    int on_site_warning_hours = 12;  // from the pinned procedure
    // For the dashboard's charts: one value per hour from the first arrival's hour (at most 72 hours).
    UnixSeconds chart_start = 0;
    std::vector<float> arrivals_per_hour;
    std::vector<float> on_site_per_hour; // at the end of each hour (now, for the current one)
};

// An edit refused because someone else changed the same person after the edit started: both
// versions, for the desk to choose between (keep mine, keep theirs, or merge field by field).
struct PersonConflict {
    Person mine;                    // what this desk tried to save
    Person theirs;                  // the record as it now is
    std::int64_t their_version = 0; // save again stating this version to keep mine (or a merge)
    bool medical_withheld = false;  // theirs has a medical note this role may not read
};

// The outcome of a check-in, a group arrival or an edit.
struct CheckInResult {
    bool ok = false;
    std::string message;                    // what is wrong (with the field) or what was done
    std::vector<FieldProblem> problems;     // beside the fields
    std::vector<std::string> references;    // the references given
    std::optional<std::int64_t> id;         // the (first) person saved
    std::optional<PersonConflict> conflict; // an edit refused: changed meanwhile; nothing was saved
    std::int64_t version = 0;               // an edit saved: the record's version now
};

// What importing a nominal roll would do, before anything is written.
struct RollPreview {
    std::string file;
    RollMapping mapping; // each column of the file beside the field it fills
    int rows = 0;
    std::vector<std::string> errors;   // "line 15, column consent_nrm: ..."; any: the file is refused
    std::vector<std::string> warnings; // unknown columns, duplicates in the file
    bool ok() const { return errors.empty() && rows > 0; }
};

} // namespace rc::app
