#include "domain/nominal_roll.hpp"

#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"
#include "domain/name_likeness.hpp"
#include "domain/roll_mapping.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace rc {

namespace {

enum class Column {
    Tag,
    Name,
    Alias,
    Sex,
    Dob,
    Age,
    AgeBand,
    Child,
    Nationality,
    Languages,
    Interpreter,
    ArrivedAt,
    Group,
    Exploitation,
    Medical,
    ConsentNrm,
    DepartedAt,
    Destination,
    LatinName,
};
constexpr std::size_t column_count = nominal_roll_columns.size();

std::string column_name(Column c) {
    return std::string(nominal_roll_columns[static_cast<std::size_t>(c)]);
}

// A value from the file, quoted and made safe to show in a message.
std::string quoted(std::string_view value) {
    return "'" + safe_to_show(value, 40) + "'";
}

std::string list_of(std::string_view what, auto ids) {
    std::string out(what);
    bool first = true;
    for (const auto& id : ids) {
        out += first ? " " : ", ";
        out += id;
        first = false;
    }
    return out;
}

std::optional<bool> parse_yes_no(std::string_view text) {
    if (equals_ignore_case(text, "yes") || equals_ignore_case(text, "y")) return true;
    if (equals_ignore_case(text, "no") || equals_ignore_case(text, "n")) return false;
    return std::nullopt;
}

class RollParser {
public:
    RollParser(std::string_view text, const NominalRollOptions& options) : text_(text), options_(options) {}

    NominalRoll run() {
        const CsvReadResult csv = read_csv(text_, options_.limits);
        for (const CsvProblem& p : csv.problems)
            error(p.line, "",
                  p.column > 0 ? "at character " + std::to_string(p.column) + ", " + p.message : p.message);
        if (csv.records.empty()) {
            if (csv.problems.empty())
                error(0, "", "the file is empty: a roll needs a header row, then one row for each person");
            return finish();
        }
        if (!read_header(csv.records.front(), csv.records)) return finish();
        for (std::size_t i = 1; i < csv.records.size(); ++i) {
            // A record the reader already found wrong is not checked further: its cells are in doubt, and
            // the same fault would be reported twice.
            const std::uint32_t next_line = i + 1 < csv.records.size()
                                                ? csv.records[i + 1].line
                                                : std::numeric_limits<std::uint32_t>::max();
            const bool read_badly =
                std::any_of(csv.problems.begin(), csv.problems.end(), [&](const CsvProblem& p) {
                    return p.line >= csv.records[i].line && p.line < next_line;
                });
            if (!read_badly) read_row(csv.records[i]);
        }
        if (roll_.rows.empty() && roll_.errors.empty()) warning(0, "", "the roll has no people in it");
        check_duplicates();
        return finish();
    }

    bool read_header(const CsvRecord& header, const std::vector<CsvRecord>& records) {
        roll_.mapping = suggest_roll_mapping(header.fields);
        for (const std::string& problem : apply_roll_choices(roll_.mapping, options_.column_choices))
            error(header.line, "", problem);
        std::map<std::string, std::size_t> seen;
        std::vector<std::size_t> unmatched;
        bool any_known = false;
        for (std::size_t i = 0; i < roll_.mapping.size(); ++i) {
            const RollColumn& col = roll_.mapping[i];
            if (col.field == kIgnoreField) continue;
            if (col.field.empty()) {
                unmatched.push_back(i);
                continue;
            }
            any_known = true;
            const auto [it, inserted] = seen.emplace(col.field, i);
            if (!inserted) {
                error(header.line, col.field,
                      "two columns fill it (cells " + std::to_string(it->second + 1) + " " +
                          quoted(header.fields[it->second]) + " and " + std::to_string(i + 1) + " " +
                          quoted(header.fields[i]) + "): leave one out");
                continue;
            }
            if (col.field == kSurnameField)
                surname_at_ = i;
            else if (col.field == kForenameField)
                forename_at_ = i;
            else {
                const auto known =
                    std::find(nominal_roll_columns.begin(), nominal_roll_columns.end(), col.field);
                column_at_[static_cast<std::size_t>(known - nominal_roll_columns.begin())] = i;
            }
        }
        if (column_at_[static_cast<std::size_t>(Column::Name)] && (surname_at_ || forename_at_))
            error(header.line, "name",
                  "the file has a name column and a surname or forename column: leave one out (map it to "
                  "ignore)");
        header_size_ = header.fields.size();
        if (any_known)
            for (std::size_t i : unmatched)
                check_unmatched_column(header, records, i);
        if (!any_known) {
            error(
                header.line, "",
                list_of("the first row is not a header: none of its cells is a column name; the columns are",
                        nominal_roll_columns));
            return false;
        }
        return true;
    }

    // A column that fills no field: fine when it is empty throughout; an error when it holds data, so
    // that nothing is dropped unseen (the user maps it or leaves it out on purpose).
    void check_unmatched_column(const CsvRecord& header, const std::vector<CsvRecord>& records,
                                std::size_t i) {
        const std::string& name = header.fields[i];
        const bool holds_data = std::any_of(records.begin() + 1, records.end(), [&](const CsvRecord& r) {
            return i < r.fields.size() && !trim_space(r.fields[i]).empty();
        });
        const std::string where = trim_space(name).empty()
                                      ? "cell " + std::to_string(i + 1) + " of the header (empty)"
                                      : "column " + std::to_string(i + 1) + " " + quoted(name);
        if (!holds_data) {
            warning(header.line, "", where + " is empty and fills no field: it is left out");
            return;
        }
        error(header.line, "",
              where +
                  " holds data but fills no field: choose the field it fills, or leave it out (on the "
                  "command line --map \"" +
                  safe_to_show(trim_space(name).empty() ? std::to_string(i + 1) : name, 40) + "=ignore\")");
    }

    // The trimmed cell for a column, empty when the file has no such column.
    std::string_view cell(const CsvRecord& r, Column c) const {
        const auto at = column_at_[static_cast<std::size_t>(c)];
        if (!at || *at >= r.fields.size()) return {};
        return trim_space(r.fields[*at]);
    }

    // "Forename Surname" from the two columns (either may be missing or empty).
    std::string joined_name(const CsvRecord& r) const {
        const auto at = [&](std::optional<std::size_t> i) -> std::string_view {
            return i && *i < r.fields.size() ? trim_space(r.fields[*i]) : std::string_view();
        };
        std::string name(at(forename_at_));
        const std::string_view surname = at(surname_at_);
        if (!name.empty() && !surname.empty()) name += ' ';
        name += surname;
        return name;
    }

    void read_row(const CsvRecord& r) {
        const bool blank = std::all_of(r.fields.begin(), r.fields.end(),
                                       [](const std::string& f) { return trim_space(f).empty(); });
        if (blank) return; // spreadsheets export empty rows as ",,,,"
        if (r.fields.size() != header_size_) {
            const bool only_empty_extra =
                r.fields.size() > header_size_ &&
                std::all_of(r.fields.begin() + static_cast<std::ptrdiff_t>(header_size_), r.fields.end(),
                            [](const std::string& f) { return trim_space(f).empty(); });
            if (!only_empty_extra) {
                error(r.line, "",
                      "has " + std::to_string(r.fields.size()) + " cells but the header has " +
                          std::to_string(header_size_) +
                          (r.fields.size() > header_size_ ? ": is a value with a comma missing its quotes?"
                                                          : ": is a cell missing?"));
                return;
            }
        }
        const std::size_t errors_before = roll_.errors.size();
        PersonDraft d;
        d.line = r.line;
        Person& p = d.person;
        p.tag = std::string(cell(r, Column::Tag));
        p.name = std::string(cell(r, Column::Name));
        if (surname_at_ || forename_at_) p.name = joined_name(r);
        p.alias = std::string(cell(r, Column::Alias));
        p.latin_name = std::string(cell(r, Column::LatinName));
        p.arrival_group = std::string(cell(r, Column::Group));
        p.medical_needs = std::string(cell(r, Column::Medical));

        if (const auto v = cell(r, Column::Sex); !v.empty()) {
            if (const auto sex = parse_sex(v))
                p.sex = *sex;
            else
                error(r.line, Column::Sex,
                      quoted(v) + " is not one of female, male, other, unknown (or F, M, X, U)");
        }
        if (const auto v = cell(r, Column::Dob); !v.empty()) {
            if (const auto dob = parse_day_month_year_or_iso_date(v))
                p.date_of_birth = *dob;
            else
                error(r.line, Column::Dob,
                      "not a date: write YYYY-MM-DD or DD/MM/YYYY with a four-digit year (1990-02-28, "
                      "28/02/1990)");
        }
        if (const auto v = cell(r, Column::Age); !v.empty()) {
            if (const auto age = parse_age(v))
                p.claimed_age = *age;
            else
                error(r.line, Column::Age, quoted(v) + " is not a whole number of years");
        }
        if (const auto v = cell(r, Column::AgeBand); !v.empty()) {
            if (const auto band = parse_age_band(v))
                p.age_band = *band;
            else {
                std::vector<std::string_view> ids;
                for (AgeBand b : all_age_bands)
                    ids.push_back(age_band_id(b));
                error(r.line, Column::AgeBand, quoted(v) + list_of(" is not an age band: use", ids));
            }
        }
        if (const auto v = cell(r, Column::Child); !v.empty()) {
            if (const auto yes = parse_yes_no(v))
                p.stated_child = *yes ? ChildStatus::Child : ChildStatus::Adult;
            else if (equals_ignore_case(v, "disputed"))
                p.stated_child = ChildStatus::AgeDisputed;
            else
                error(r.line, Column::Child, quoted(v) + " is not one of yes, no, disputed");
        }
        if (const auto v = cell(r, Column::Nationality); !v.empty()) {
            if (const Country* c = find_country(v))
                p.nationality = std::string(c->alpha2);
            else
                error(r.line, Column::Nationality,
                      quoted(v) + " is not a country name or ISO 3166 code" + country_suggestions(v));
        }
        if (const auto v = cell(r, Column::Languages); !v.empty()) {
            for (std::string_view item : split_list(v, ';')) {
                const Language* l = find_language(item);
                if (!l) {
                    error(r.line, Column::Languages,
                          quoted(item) + " is not a language name or ISO 639 code" +
                              language_suggestions(item));
                    continue;
                }
                if (std::find(p.languages.begin(), p.languages.end(), l->code) == p.languages.end())
                    p.languages.emplace_back(l->code);
            }
        }
        if (const auto v = cell(r, Column::Interpreter); !v.empty()) {
            if (const auto yes = parse_yes_no(v))
                p.interpreter_needed = *yes;
            else
                error(r.line, Column::Interpreter, quoted(v) + " is not yes or no");
        }
        const auto arrived_local = read_time(r, Column::ArrivedAt, d.arrived_at);
        read_time(r, Column::DepartedAt, d.departed_at);
        if (const auto v = cell(r, Column::Exploitation); !v.empty()) {
            for (std::string_view item : split_list(v, ';')) {
                if (const auto t = parse_exploitation_type(item))
                    p.exploitation.insert(*t);
                else {
                    std::vector<std::string_view> ids;
                    for (ExploitationType t2 : all_exploitation_types)
                        ids.push_back(exploitation_type_id(t2));
                    error(r.line, Column::Exploitation,
                          quoted(item) + list_of(" is not a type of exploitation: use", ids));
                }
            }
        }
        if (const auto v = cell(r, Column::ConsentNrm); !v.empty()) {
            const std::string id = to_lower_ascii(v);
            if (const auto consent = nrm_consent_from_id(id))
                p.nrm_consent = *consent;
            else if (id != "not asked" && id != "not_asked")
                error(r.line, Column::ConsentNrm, quoted(v) + " is not one of yes, no, undecided");
        }
        const std::string_view destination_text = cell(r, Column::Destination);
        if (!destination_text.empty()) {
            if (const auto dest = parse_destination(destination_text))
                d.destination = *dest;
            else
                error(r.line, Column::Destination,
                      quoted(destination_text) + list_of(" is not a destination: use", destination_ids()));
        }
        if (d.arrived_at && d.departed_at && *d.departed_at < *d.arrived_at)
            error(r.line, Column::DepartedAt, "is before arrived_at");
        if (!cell(r, Column::DepartedAt).empty() && destination_text.empty())
            error(
                r.line, Column::Destination,
                list_of("is empty but departed_at is given: say where the person went:", destination_ids()));
        if (!destination_text.empty() && cell(r, Column::DepartedAt).empty())
            error(r.line, Column::DepartedAt,
                  "is empty but a destination is given: add the time the person left");

        const std::optional<Date> arrival_date =
            arrived_local ? std::optional<Date>(arrived_local->date) : std::nullopt;
        for (const FieldProblem& fp : validate_person(p, options_.today, arrival_date))
            error(r.line, fp.field, fp.message);
        if (roll_.errors.size() == errors_before) roll_.rows.push_back(std::move(d));
    }

    // Digits only; more than three digits read as 1000, which validation then calls implausible.
    static std::optional<int> parse_age(std::string_view v) {
        if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        if (v.size() > 3) return 1000;
        int age = 0;
        for (char c : v)
            age = age * 10 + (c - '0');
        return age;
    }

    static std::vector<std::string_view> destination_ids() {
        std::vector<std::string_view> ids;
        for (Destination x : all_destinations)
            ids.push_back(destination_id(x));
        return ids;
    }

    // Reads a local time column into `out`; returns the wall-clock time when the cell holds one.
    std::optional<LocalDateTime> read_time(const CsvRecord& r, Column c, std::optional<UnixSeconds>& out) {
        const auto v = cell(r, c);
        if (v.empty()) return std::nullopt;
        const auto local = parse_local_date_time(v);
        if (!local) {
            error(r.line, c,
                  quoted(v) + " is not a local time: write YYYY-MM-DDTHH:MM, with :SS if needed, or a space "
                              "for the T (2026-03-14T06:40)");
            return std::nullopt;
        }
        const auto& convert = options_.to_unix_seconds ? options_.to_unix_seconds : unix_seconds_from_local;
        const auto t = convert(*local);
        if (!t) {
            error(r.line, c, quoted(v) + " cannot be converted to a time in this time zone");
            return std::nullopt;
        }
        if (*t > options_.now) {
            error(r.line, c, quoted(v) + " is in the future");
            return local;
        }
        out = *t;
        return local;
    }

    static std::string country_suggestions(std::string_view v) {
        if (v.size() < 3) return "";
        std::vector<std::string_view> names;
        for (const Country* c : search_countries(v, 3))
            names.push_back(c->name);
        return names.empty() ? "" : list_of(" (did you mean", names) + "?)";
    }

    static std::string language_suggestions(std::string_view v) {
        if (v.size() < 3) return "";
        std::vector<std::string_view> names;
        for (const Language* l : search_languages(v, 3))
            names.push_back(l->name);
        return names.empty() ? "" : list_of(" (did you mean", names) + "?)";
    }

    void check_duplicates() {
        std::map<std::string, std::uint32_t> tags;
        for (const PersonDraft& d : roll_.rows) {
            const Person& p = d.person;
            if (p.tag.empty()) continue;
            const auto [it, inserted] = tags.emplace(to_lower_ascii(p.tag), d.line);
            if (!inserted)
                warning(d.line, "tag",
                        "the same tag " + quoted(p.tag) + " is on line " + std::to_string(it->second));
        }
        check_people_alike();
    }

    // Two rows that look like the same person (NameLikeness). Rows are compared within a date of birth
    // in full; rows with an age band only are compared by their folded name, so a roll of thousands
    // of adults stays quick.
    void check_people_alike() {
        std::map<Date, std::vector<const PersonDraft*>> by_birth;
        std::map<std::pair<AgeBand, std::string>, const PersonDraft*> by_band_and_name;
        for (const PersonDraft& d : roll_.rows) {
            const Person& p = d.person;
            if (trim_space(p.name).empty()) continue;
            const NameLikeness likeness(p, options_.today);
            if (p.date_of_birth) {
                std::vector<const PersonDraft*>& earlier = by_birth[*p.date_of_birth];
                for (const PersonDraft* e : earlier)
                    if (const auto why = likeness.why_alike(e->person)) {
                        warning(d.line, "name",
                                *why + " as line " + std::to_string(e->line) +
                                    ": is this the same person twice?");
                        break;
                    }
                earlier.push_back(&d);
                continue;
            }
            const AgeBand band = effective_age_band(p, options_.today);
            if (band == AgeBand::Unknown) continue;
            const auto [it, inserted] = by_band_and_name.emplace(std::pair{band, likeness.key()}, &d);
            if (inserted) continue;
            if (const auto why = likeness.why_alike(it->second->person))
                warning(d.line, "name",
                        *why + " as line " + std::to_string(it->second->line) +
                            ": is this the same person twice?");
        }
    }

    void error(std::uint32_t line, Column c, std::string message) {
        error(line, column_name(c), std::move(message));
    }

    void error(std::uint32_t line, std::string column, std::string message) {
        if (roll_.errors.size() >= options_.max_problems) {
            ++errors_not_listed_;
            return;
        }
        roll_.errors.push_back({line, std::move(column), std::move(message)});
    }

    void warning(std::uint32_t line, std::string column, std::string message) {
        if (roll_.warnings.size() >= options_.max_problems) return;
        roll_.warnings.push_back({line, std::move(column), std::move(message)});
    }

    NominalRoll finish() {
        const auto by_line = [](const RollProblem& a, const RollProblem& b) { return a.line < b.line; };
        std::stable_sort(roll_.errors.begin(), roll_.errors.end(), by_line);
        std::stable_sort(roll_.warnings.begin(), roll_.warnings.end(), by_line);
        if (errors_not_listed_ > 0)
            roll_.errors.push_back(
                {0, "", std::to_string(errors_not_listed_) + " more problems are not listed"});
        if (!roll_.errors.empty()) roll_.rows.clear();
        return std::move(roll_);
    }

    std::string_view text_;
    const NominalRollOptions& options_;
    NominalRoll roll_;
    std::array<std::optional<std::size_t>, column_count> column_at_{};
    std::optional<std::size_t> surname_at_, forename_at_; // joined into the name
    std::size_t header_size_ = 0;
    std::size_t errors_not_listed_ = 0;
};

} // namespace

std::vector<JourneyEvent> draft_journey(const PersonDraft& draft, UnixSeconds checked_in_at) {
    std::vector<JourneyEvent> events;
    events.push_back({JourneyStep::Arrived, draft.arrived_at.value_or(checked_in_at), std::nullopt, {}});
    if (draft.departed_at)
        events.push_back({JourneyStep::Departed, *draft.departed_at, draft.destination, {}});
    return events;
}

std::string format_roll_problem(const RollProblem& p) {
    if (p.line == 0) return p.message;
    std::string out = "line " + std::to_string(p.line);
    if (!p.column.empty()) out += ", column " + p.column;
    return out + ": " + p.message;
}

NominalRoll parse_nominal_roll(std::string_view text, const NominalRollOptions& options) {
    return RollParser(text, options).run();
}

} // namespace rc
