// Importing the venue register from a CSV file (a spreadsheet saved as "CSV UTF-8"): every row is
// checked first, and the rows are written in one transaction only when none has a problem.
#include "domain/csv_reader.hpp"
#include "domain/utf8.hpp"
#include "store/error.hpp"
#include "store/store_internal.hpp"
#include "store/venues.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <map>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

constexpr std::size_t kMaxFileBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxVenues = 5000;
constexpr std::size_t kMaxProblems = 100;

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

// The file's records as rc::read_csv reads every CSV the console takes (RFC 4180, UTF-8, a byte-order
// mark skipped), each value trimmed of spaces and blank lines left out.
std::vector<CsvRecord> split_csv(std::string_view text, std::vector<VenueImportProblem>& problems) {
    CsvReadResult csv = read_csv(text);
    for (const CsvProblem& p : csv.problems)
        problems.push_back({p.line, {}, p.message});
    std::vector<CsvRecord> records;
    for (CsvRecord& r : csv.records) {
        bool blank = true;
        for (std::string& f : r.fields) {
            f = trim(f);
            blank = blank && f.empty();
        }
        if (!blank) records.push_back(std::move(r));
    }
    return records;
}

std::string header_key(std::string_view raw) {
    std::string k;
    for (char c : trim(raw)) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == ' ' || c == '-') c = '_';
        k += c;
    }
    return k;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::optional<std::string> text_problem(std::string_view s) {
    for (std::size_t at = 0; at < s.size();) {
        const Utf8Char ch = decode_utf8(s, at);
        if (!ch.valid) return "is not UTF-8 text; save the file as \"CSV UTF-8\"";
        if (ch.code_point != '\n' && is_unsafe_to_show(ch.code_point))
            return "holds a control character; retype the value";
        at += ch.length;
    }
    return std::nullopt;
}

std::optional<bool> parse_yes_no(std::string_view raw) {
    const std::string v = header_key(raw);
    if (v.empty() || v == "no" || v == "n" || v == "false" || v == "0") return false;
    if (v == "yes" || v == "y" || v == "true" || v == "1") return true;
    return std::nullopt;
}

struct Column {
    const char* name;
    bool required;
    std::size_t max_bytes;
    // Sets the field from the value; returns what is wrong with it, if anything.
    std::function<std::optional<std::string>(VenueDetails&, const std::string&)> set;
};

std::optional<std::string> set_flag(bool& flag, const std::string& value) {
    auto v = parse_yes_no(value);
    if (!v)
        return "'" + safe_to_show(value, 20) + "' is not yes or no; write yes, no, or leave it empty for no";
    flag = *v;
    return std::nullopt;
}

const std::vector<Column>& columns() {
    static const std::vector<Column> cols = {
        {"name", true, 200,
         [](VenueDetails& d, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "every venue needs a name";
             d.name = v;
             return std::nullopt;
         }},
        {"address", false, 1000,
         [](VenueDetails& d, const std::string& v) -> std::optional<std::string> {
             d.address = v;
             return std::nullopt;
         }},
        {"capacity", true, 20,
         [](VenueDetails& d, const std::string& v) -> std::optional<std::string> {
             int n = 0;
             auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
             if (v.empty()) return "the capacity is missing; write the number of people the venue can hold";
             if (ec != std::errc() || end != v.data() + v.size())
                 return "'" + safe_to_show(v, 20) +
                        "' is not a whole number; write the number of people the venue can hold, e.g. 40";
             if (n < 1 || n > kMaxVenueCapacity)
                 return "the capacity must be from 1 to " + std::to_string(kMaxVenueCapacity) + " people";
             d.capacity = n;
             return std::nullopt;
         }},
        {"private_interview_rooms", false, 20,
         [](VenueDetails& d, const std::string& v) { return set_flag(d.facilities.interview_rooms, v); }},
        {"showers", false, 20,
         [](VenueDetails& d, const std::string& v) { return set_flag(d.facilities.showers, v); }},
        {"kitchen", false, 20,
         [](VenueDetails& d, const std::string& v) { return set_flag(d.facilities.kitchen, v); }},
        {"step_free_access", false, 20,
         [](VenueDetails& d, const std::string& v) { return set_flag(d.facilities.step_free_access, v); }},
        {"parking", false, 20,
         [](VenueDetails& d, const std::string& v) { return set_flag(d.facilities.parking, v); }},
        {"keyholder_name", false, 200,
         [](VenueDetails& d, const std::string& v) -> std::optional<std::string> {
             d.keyholder_name = v;
             return std::nullopt;
         }},
        {"keyholder_phone", false, 100,
         [](VenueDetails& d, const std::string& v) -> std::optional<std::string> {
             d.keyholder_phone = v;
             return std::nullopt;
         }},
        {"notes", false, 5000,
         [](VenueDetails& d, const std::string& v) -> std::optional<std::string> {
             d.notes = v;
             return std::nullopt;
         }},
    };
    return cols;
}

std::string known_columns() {
    std::string s;
    for (const Column& c : columns()) {
        if (!s.empty()) s += ", ";
        s += c.name;
    }
    return s;
}

struct ParsedVenue {
    std::uint32_t line = 0;
    VenueDetails details;
};

std::vector<ParsedVenue> parse_venues(std::string_view text, std::vector<VenueImportProblem>& problems) {
    std::vector<ParsedVenue> out;
    if (text.size() > kMaxFileBytes) {
        problems.push_back({0,
                            {},
                            "the file is larger than 4 MiB; a venue register is far smaller, so this is "
                            "probably the wrong file"});
        return out;
    }
    std::vector<CsvRecord> records = split_csv(text, problems);
    if (!problems.empty()) return out;
    if (records.empty()) {
        problems.push_back(
            {0, {}, "the file is empty; its first line must name the columns, e.g. " + known_columns()});
        return out;
    }

    // The header: which known column each position holds.
    const CsvRecord& header = records.front();
    std::vector<const Column*> at(header.fields.size(), nullptr);
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string key = header_key(header.fields[i]);
        if (key.empty()) {
            problems.push_back(
                {header.line, {}, "column " + std::to_string(i + 1) + " has no name in the header"});
            continue;
        }
        const Column* col = nullptr;
        for (const Column& c : columns())
            if (key == c.name ||
                (key == "interview_rooms" && std::string_view(c.name) == "private_interview_rooms"))
                col = &c;
        if (!col) {
            problems.push_back({header.line, safe_to_show(header.fields[i], 40),
                                "unknown column; the columns are " + known_columns()});
            continue;
        }
        if (auto [it, fresh] = seen.emplace(col->name, i); !fresh) {
            problems.push_back({header.line, col->name,
                                "the column appears twice (columns " + std::to_string(it->second + 1) +
                                    " and " + std::to_string(i + 1) + ")"});
            continue;
        }
        at[i] = col;
    }
    for (const Column& c : columns())
        if (c.required && !seen.contains(c.name))
            problems.push_back(
                {header.line, c.name, "the header has no such column, and every venue needs one"});
    if (!problems.empty()) return out;
    if (records.size() - 1 > kMaxVenues) {
        problems.push_back({0, {}, "the file holds more than " + std::to_string(kMaxVenues) + " venues"});
        return out;
    }

    std::map<std::string, std::uint32_t> names; // lower-case name -> line
    for (std::size_t r = 1; r < records.size() && problems.size() < kMaxProblems; ++r) {
        const CsvRecord& rec = records[r];
        ParsedVenue v;
        v.line = rec.line;
        bool row_ok = true;
        auto problem = [&](std::string column, std::string message) {
            problems.push_back({rec.line, std::move(column), std::move(message)});
            row_ok = false;
        };
        if (rec.fields.size() > at.size()) {
            bool extra = false;
            for (std::size_t i = at.size(); i < rec.fields.size(); ++i)
                if (!rec.fields[i].empty()) extra = true;
            if (extra) {
                problem({}, "has " + std::to_string(rec.fields.size()) + " values but the header names " +
                                std::to_string(at.size()) +
                                " columns; put a value that holds a comma in double quotes");
                continue;
            }
        }
        for (std::size_t i = 0; i < at.size(); ++i) {
            if (!at[i]) continue;
            const std::string value = i < rec.fields.size() ? rec.fields[i] : std::string();
            if (auto p = text_problem(value)) {
                problem(at[i]->name, "the value " + *p);
                continue;
            }
            if (value.size() > at[i]->max_bytes) {
                problem(at[i]->name, "the value is too long (more than " + std::to_string(at[i]->max_bytes) +
                                         " characters)");
                continue;
            }
            if (auto p = at[i]->set(v.details, value)) problem(at[i]->name, *p);
        }
        if (!row_ok) continue;
        if (auto p = venue_details_problem(v.details)) {
            problem({}, *p);
            continue;
        }
        std::string lower = ascii_lower(v.details.name);
        if (auto [it, fresh] = names.emplace(lower, rec.line); !fresh) {
            problem("name", "'" + safe_to_show(v.details.name) + "' is already on line " +
                                std::to_string(it->second) + "; each venue once");
            continue;
        }
        out.push_back(std::move(v));
    }
    if (problems.size() >= kMaxProblems)
        problems.push_back(
            {0, {}, "stopped after " + std::to_string(kMaxProblems) + " problems; fix these first"});
    return out;
}

} // namespace

std::string format_venue_import_problem(std::string_view source_name, const VenueImportProblem& p) {
    std::string s(source_name);
    s += ": ";
    if (p.line > 0) {
        s += "line " + std::to_string(p.line);
        if (!p.column.empty()) s += ", column " + p.column;
        s += ": ";
    } else if (!p.column.empty()) {
        s += "column " + p.column + ": ";
    }
    return s + p.message;
}

VenueImportResult import_venues_csv_text(Store& store, std::string_view text, const SaveKey& attempt) {
    if (!store.signed_in()) throw StoreError(ErrorKind::SignedOut, "Nobody is signed in.", "Sign in first.");
    if (!store.can(Permission::Import))
        throw StoreError(ErrorKind::NotPermitted,
                         "Only a coordinator can " + std::string(permission_label(Permission::Import)) + ".",
                         "Ask the coordinator on duty.");
    VenueImportResult result;
    std::vector<ParsedVenue> parsed = parse_venues(text, result.problems);
    if (!result.problems.empty()) return result;

    // The save records the venues added by id and those updated by minus their id, so that a retry
    // can report the first attempt's counts; the rest of the file was unchanged.
    const SaveOutcome saved =
        store.save(Permission::Import, SaveKey::of_contents(attempt.text(), text), "import_venues",
                   [&](WriteContext& w) {
                       result.added = result.updated = result.unchanged =
                           0; // a retry inside save() starts afresh
                       std::vector<std::int64_t> ids;
                       std::vector<Venue> existing = venues(store);
                       for (const ParsedVenue& p : parsed) {
                           const Venue* match = nullptr;
                           for (const Venue& e : existing)
                               if (ascii_lower(e.details.name) == ascii_lower(p.details.name)) match = &e;
                           if (!match) {
                               ids.push_back(insert_venue(w, p.details));
                               ++result.added;
                           } else if (!(match->details == p.details)) {
                               replace_venue(w, *match, p.details);
                               ids.push_back(-match->id);
                               ++result.updated;
                           } else {
                               ++result.unchanged;
                           }
                       }
                       w.audit("import", "venues", std::nullopt,
                               AuditChanges()
                                   .value("added", result.added)
                                   .value("updated", result.updated)
                                   .value("unchanged", result.unchanged));
                       return ids;
                   });
    if (saved.replayed) {
        result.already_imported = true;
        result.added = static_cast<int>(
            std::count_if(saved.ids.begin(), saved.ids.end(), [](auto id) { return id > 0; }));
        result.updated = static_cast<int>(saved.ids.size()) - result.added;
        result.unchanged = static_cast<int>(parsed.size()) - result.added - result.updated;
        spdlog::info("store: this venue file was already imported under its key ({} added, {} updated)",
                     result.added, result.updated);
        return result;
    }
    spdlog::info("store: venues imported ({} added, {} updated, {} unchanged)", result.added, result.updated,
                 result.unchanged);
    return result;
}

VenueImportResult import_venues_csv(Store& store, const std::filesystem::path& file, const SaveKey& attempt) {
    std::error_code ec;
    auto fail = [](std::string message) {
        VenueImportResult r;
        r.problems.push_back({0, {}, std::move(message)});
        return r;
    };
    if (std::filesystem::is_directory(file, ec)) return fail("is a folder, not a CSV file");
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail("cannot open the file (does it exist, and may you read it?)");
    std::string text;
    char buf[16384];
    while (in) {
        in.read(buf, sizeof buf);
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxFileBytes) break;
    }
    if (in.bad()) return fail("reading the file failed");
    return import_venues_csv_text(store, text, attempt);
}

} // namespace rc::store
