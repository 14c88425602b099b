#pragma once
// Looks for a person's facts in clear in a database file (or its WAL, or a backup): in the raw bytes,
// beyond what the file's non-personal text (the pinned procedure, the schema) holds anyway, and, for
// values too short to look for in raw bytes (a nationality code), among the values of every table.
#include "store/sqlite_db.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace rc::store::test {

inline std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

// The file's text that is not about anyone: the schema and the pinned procedure.
inline std::string non_personal_text(const std::filesystem::path& db) {
    Connection c = Connection::open(db, AccessMode::ReadOnly);
    std::string out;
    for (const std::string& s : c.query_texts("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
        out += s + '\n';
    if (c.query_int("SELECT count(*) FROM sqlite_master WHERE name = 'pinned_procedure'") > 0)
        for (const std::string& s : c.query_texts("SELECT text FROM pinned_procedure"))
            out += s + '\n';
    return out;
}

// The needles found in `file`'s bytes more often than in `baseline`.
inline std::vector<std::string> raw_leaks(const std::filesystem::path& file,
                                          const std::vector<std::string>& needles,
                                          const std::string& baseline) {
    const std::string bytes = read_file(file);
    std::vector<std::string> out;
    for (const std::string& n : needles)
        if (count_of(bytes, n) > count_of(baseline, n)) out.push_back(n);
    return out;
}

// The values of `values` that some text column of some table of `db` holds exactly.
inline std::vector<std::string> value_leaks(const std::filesystem::path& db,
                                            const std::vector<std::string>& values) {
    Connection c = Connection::open(db, AccessMode::ReadOnly);
    std::vector<std::string> out;
    for (const std::string& table :
         c.query_texts("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                       "AND name NOT IN ('pinned_procedure')")) {
        for (const std::string& column :
             c.query_texts("SELECT name FROM pragma_table_info('" + table + "')")) {
            auto st = c.cached("SELECT DISTINCT \"" + column + "\" FROM \"" + table + "\" WHERE typeof(\"" +
                               column + "\") = 'text'");
            while (st->step()) {
                const std::string v = st->text_at(0);
                for (const std::string& wanted : values)
                    if (v == wanted) out.push_back(table + "." + column + " = " + v);
            }
        }
    }
    return out;
}

// The sample roll (/work/shared/scenarios/sample-roll.csv, tests/data/sample-roll.csv) as the file
// would show it in clear: tags, languages as stored, exploitation ids, and the consent words and
// destinations the tests record.
inline std::vector<std::string> sample_roll_needles() {
    std::vector<std::string> out;
    for (int i = 1; i <= 14; ++i)
        out.push_back((i < 10 ? "T00" : "T0") + std::to_string(i));
    for (const char* s :
         {"labour", "sexual", "criminal", "domestic_servitude", "undecided", "police_protection",
          "safe_accommodation", "hospital", "Hope House", "ro;en", "Starting Point"})
        out.emplace_back(s);
    return out;
}

// Whole values that would be a fact in clear: nationality codes, consent answers, sexes, statuses.
inline std::vector<std::string> sample_roll_values() {
    return {"RO",
            "VN",
            "AL",
            "PL",
            "BG",
            "ER",
            "IE",
            "HU",
            "yes",
            "no",
            "undecided",
            "male",
            "female",
            "departed",
            "temporarily_out",
            "on_site",
            "home",
            "hospital",
            "police_protection",
            "nrm",
            "childrens_services",
            "made",
            "in_progress"};
}

} // namespace rc::store::test
