#pragma once
// The drill file checker (drill_script.cpp: the file, [drill], the event list and the replay in
// miniature; drill_events.cpp: one parser per event kind). Not for use outside src/domain.
#include "domain/default_procedure.hpp"
#include "domain/did_you_mean.hpp"
#include "domain/drill_script.hpp"
#include "domain/iso_languages.hpp"
#include "domain/nominal_roll.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"
#include "domain/tag_sequence.hpp"
#include "domain/text_match.hpp"
#include "domain/toml_shield.hpp"
#include "domain/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <toml++/toml.h>

namespace rc::drill_detail {

inline constexpr std::size_t max_drill_bytes = 1024 * 1024;
inline constexpr std::size_t max_roll_bytes = 16u * 1024u * 1024u;
inline constexpr std::size_t max_drill_events = 20000;
inline constexpr std::size_t max_drill_diagnostics = 200;

namespace fs = std::filesystem;

// ---- Text helpers for messages ---------------------------------------------------------------------

inline std::string show(std::string_view s) {
    return "'" + safe_to_show(s, 60) + "'";
}

inline std::string join(const std::vector<std::string_view>& items) {
    std::string out;
    for (std::string_view s : items)
        out += (out.empty() ? "" : ", ") + std::string(s);
    return out;
}

template <class Range, class IdOf> std::vector<std::string_view> ids_of(const Range& values, IdOf id_of) {
    std::vector<std::string_view> out;
    for (const auto& v : values)
        out.push_back(id_of(v));
    return out;
}

inline std::string csv_quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

inline bool read_file(const fs::path& path, std::size_t limit, std::string& text, std::string& problem) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        problem = "is a folder, not a file";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem = "cannot be opened (does it exist, and may you read it?)";
        return false;
    }
    text.clear();
    char buf[16384];
    while (in) {
        in.read(buf, sizeof buf);
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limit) {
            problem =
                "is larger than " + std::to_string(limit / 1024) + " KiB, which is not what it should be";
            return false;
        }
    }
    if (in.bad()) {
        problem = "could not be read";
        return false;
    }
    return true;
}

// ---- The checker -----------------------------------------------------------------------------------

class DrillChecker;
using KindParser = bool (DrillChecker::*)(const toml::table&, const toml::node&, DrillEvent&);

// One event kind: the key that names it, the other fields it takes (besides `at`), and its parser.
struct EventKind {
    std::string_view key;
    std::vector<std::string_view> fields;
    KindParser parse;
};

// Check-in fields: the nominal roll's columns, read by the roll's own parser.
inline const std::vector<std::string_view> check_in_fields{
    "name",        "latin_name", "alias",       "sex",   "dob",          "age",     "age_band",   "child",
    "nationality", "languages",  "interpreter", "group", "exploitation", "medical", "consent_nrm"};
// The keys a check_in event takes: the roll's columns, and a coordinator's "clearly an adult" reason.
inline const std::vector<std::string_view> check_in_keys = [] {
    std::vector<std::string_view> keys = check_in_fields;
    keys.push_back("adult_judgement");
    return keys;
}();

class DrillChecker {
public:
    DrillChecker(std::string file, fs::path folder) : file_(std::move(file)), folder_(std::move(folder)) {}

    void error_at(std::uint32_t line, std::uint32_t column, std::string message) {
        diags_.push_back(Diagnostic{file_, line, column, std::move(message)});
    }
    std::vector<Diagnostic> take_diagnostics() { return std::move(diags_); }
    void add(std::vector<Diagnostic> more) {
        for (Diagnostic& d : more)
            diags_.push_back(std::move(d));
    }

    std::optional<DrillScript> check(const toml::table& root);

private:
    std::string file_;
    fs::path folder_;
    std::vector<Diagnostic> diags_;
    UnixSeconds start_ = 0;
    std::shared_ptr<const Procedure> procedure_;

    static const std::vector<EventKind>& kinds();

    // ---- reporting
    void error(const toml::source_region& r, std::string message) {
        error_at(r.begin.line, r.begin.column, std::move(message));
    }
    void error(const toml::node& n, std::string message) { error(n.source(), std::move(message)); }

    // ---- typed fields
    std::optional<std::string> text(const toml::table& t, std::string_view key, std::string_view where,
                                    bool required) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) error(t, std::string(where) + ": missing '" + std::string(key) + "'");
            return std::nullopt;
        }
        const auto v = n->value<std::string>();
        if (!v) {
            error(*n, std::string(where) + ": '" + std::string(key) + "' must be text in quotes");
            return std::nullopt;
        }
        return unshield_toml_text(*v); // toml++ has refused invalid UTF-8 already
    }

    std::optional<std::int64_t> whole_number(const toml::table& t, std::string_view key,
                                             std::string_view where, std::int64_t min, std::int64_t max,
                                             bool required) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) error(t, std::string(where) + ": missing '" + std::string(key) + "'");
            return std::nullopt;
        }
        const auto v = n->value_exact<std::int64_t>();
        if (!v || *v < min || *v > max) {
            error(*n, std::string(where) + ": '" + std::string(key) + "' must be a whole number from " +
                          std::to_string(min) + " to " + std::to_string(max));
            return std::nullopt;
        }
        return v;
    }

    // A local date and time: "2026-03-14T06:00" in quotes, or the same written as a TOML date-time.
    std::optional<UnixSeconds> local_time(const toml::node& n, std::string_view what) {
        std::optional<std::string> written;
        if (const auto s = n.value<std::string>()) written = *s;
        if (const auto* dt = n.as_date_time()) {
            if (dt->get().offset) {
                error(n, std::string(what) + ": write local time without a zone, e.g. 2026-03-14T06:00");
                return std::nullopt;
            }
            const toml::date_time& v = dt->get();
            char buf[32];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", static_cast<int>(v.date.year),
                          static_cast<int>(v.date.month), static_cast<int>(v.date.day),
                          static_cast<int>(v.time.hour), static_cast<int>(v.time.minute),
                          static_cast<int>(v.time.second));
            written = buf;
        }
        UnixSeconds at = 0;
        if (!written || !parse_local_time(*written, at)) {
            error(n, std::string(what) + ": write a local date and time, e.g. \"2026-03-14T06:00\"");
            return std::nullopt;
        }
        return at;
    }

    // "+HH:MM" after the start, or a local date and time.
    std::optional<UnixSeconds> drill_time(const toml::node& n, std::string_view what, std::string& written) {
        if (const auto s = n.value<std::string>(); s && !s->empty() && (*s)[0] == '+') {
            written = *s;
            if (const auto at = parse_drill_time(*s, start_)) return at;
            error(n, std::string(what) + ": " + show(*s) +
                         " is not a time after the start; write +HH:MM, e.g. \"+01:30\" for 90 minutes");
            return std::nullopt;
        }
        if (const auto s = n.value<std::string>()) written = *s;
        return local_time(n, what);
    }

    void check_keys(const toml::table& t, const std::vector<std::string_view>& allowed,
                    std::string_view where) {
        for (auto&& [k, v] : t) {
            (void)v;
            if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
            error(k.source(), std::string(where) + ": unknown key " + show(unshield_toml_text(k.str())) +
                                  did_you_mean(k.str(), allowed) + " (expected one of: " + join(allowed) +
                                  ")");
        }
    }

    const toml::table* header(const toml::table& root, DrillScript& s);
    bool load_procedure(const toml::table& drill, DrillScript& s);
    void event(const toml::table& t, std::size_t index, DrillScript& s);
    void simulate(DrillScript& s);

    std::optional<std::string> tag_field(const toml::node& value, std::string_view kind) {
        if (!value.is_string()) {
            error(value, std::string(kind) + ": write the person's tag in quotes, e.g. \"T004\"");
            return std::nullopt;
        }
        return unshield_toml_text(*value.value<std::string>());
    }

    // The event's subject when the kind names it in `tag = "..."`.
    std::optional<std::string> subject_tag(const toml::table& t, std::string_view kind) {
        return text(t, "tag", kind, true);
    }

    // ---- one parser per event kind
    bool parse_import_roll(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_check_in(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_register_group(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_step(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_decision(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_referral(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_depart(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_staff_in(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_staff_out(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_stock(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_raise_tier(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_procedure_action(const toml::table& t, const toml::node& value, DrillEvent& e);
    bool parse_revise_expected(const toml::table& t, const toml::node& value, DrillEvent& e);
    // A list of text in quotes (or one text), each checked by `check` (which reports and says false).
    std::optional<std::vector<std::string>>
    text_list(const toml::node& n, std::string_view where,
              const std::function<bool(const toml::node&, const std::string&)>& check);

    // Per event, the table it came from (for positions in the simulation's messages).
    std::vector<const toml::table*> event_tables_;
};

} // namespace rc::drill_detail
