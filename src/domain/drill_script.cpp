#include "domain/drill_script.hpp"

#include "domain/default_procedure.hpp"
#include "domain/did_you_mean.hpp"
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

namespace rc {

namespace {

constexpr std::size_t max_drill_bytes = 1024 * 1024;
constexpr std::size_t max_roll_bytes = 16u * 1024u * 1024u;
constexpr std::size_t max_drill_events = 20000;
constexpr std::size_t max_drill_diagnostics = 200;

namespace fs = std::filesystem;

// ---- Text helpers for messages ---------------------------------------------------------------------

std::string show(std::string_view s) {
    return "'" + safe_to_show(s, 60) + "'";
}

std::string join(const std::vector<std::string_view>& items) {
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

std::string csv_quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

bool read_file(const fs::path& path, std::size_t limit, std::string& text, std::string& problem) {
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
const std::vector<std::string_view> check_in_fields{
    "name",        "alias",     "sex",         "dob",   "age",          "age_band", "child",
    "nationality", "languages", "interpreter", "group", "exploitation", "medical",  "consent_nrm"};
// The keys a check_in event takes: the roll's columns, and a coordinator's "clearly an adult" reason.
const std::vector<std::string_view> check_in_keys = [] {
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

const std::vector<EventKind>& DrillChecker::kinds() {
    static const std::vector<EventKind> table{
        {"import_roll", {}, &DrillChecker::parse_import_roll},
        {"check_in", check_in_keys, &DrillChecker::parse_check_in},
        {"register_group", {"group", "first_tag"}, &DrillChecker::parse_register_group},
        {"step", {"tag"}, &DrillChecker::parse_step},
        {"decision", {"tag"}, &DrillChecker::parse_decision},
        {"referral",
         {"tag", "by", "status", "consent", "explained", "receiving", "reference", "made_by"},
         &DrillChecker::parse_referral},
        {"depart", {"tag"}, &DrillChecker::parse_depart},
        {"staff_in",
         {"partner", "organisation", "role", "trained", "functions", "languages"},
         &DrillChecker::parse_staff_in},
        {"staff_out", {}, &DrillChecker::parse_staff_out},
        {"stock",
         {"kind", "quantity", "store", "supplier", "reason", "tag", "tags"},
         &DrillChecker::parse_stock},
        {"raise_tier", {"reason"}, &DrillChecker::parse_raise_tier},
        {"action", {"outcome", "reason"}, &DrillChecker::parse_procedure_action},
        {"revise_expected", {"reason"}, &DrillChecker::parse_revise_expected},
    };
    return table;
}

// ---- [drill] ---------------------------------------------------------------------------------------

const toml::table* DrillChecker::header(const toml::table& root, DrillScript& s) {
    const toml::node* n = root.get("drill");
    if (!n || !n->is_table()) {
        error_at(1, 1,
                 "missing section [drill]: give the exercise's name, start, end and expected number "
                 "(see docs/drills.md)");
        return nullptr;
    }
    const toml::table& d = *n->as_table();
    check_keys(d, {"name", "start", "end", "expected", "tier", "procedure"}, "[drill]");
    if (auto name = text(d, "name", "[drill]", true)) {
        if (trim_space(*name).empty()) error(*d.get("name"), "[drill]: the name is empty");
        s.name = std::string(trim_space(*name));
    }
    bool times_ok = false;
    if (const toml::node* start = d.get("start")) {
        if (const auto at = local_time(*start, "[drill] start")) {
            s.start = start_ = *at;
            times_ok = true;
        }
    } else {
        error(d, "[drill]: missing 'start', the local date and time the drill begins, e.g. "
                 "start = \"2026-03-14T06:00\"");
    }
    if (const toml::node* end = d.get("end")) {
        std::string written;
        if (times_ok) {
            if (const auto at = drill_time(*end, "[drill] end", written)) {
                s.end = *at;
                if (s.end <= s.start) error(*end, "[drill] end: the end must come after the start");
            }
        }
    } else {
        error(d, "[drill]: missing 'end', when the alerts and the debrief are taken, e.g. end = \"+04:00\"");
    }
    if (const auto expected = whole_number(d, "expected", "[drill]", 1, max_people, true))
        s.expected = static_cast<int>(*expected);
    if (const auto tier = text(d, "tier", "[drill]", false)) {
        s.tier = tier_from_id(*tier);
        if (!s.tier) error(*d.get("tier"), "[drill] tier: " + show(*tier) + " is not small, medium or large");
    }
    load_procedure(d, s);
    return &d;
}

bool DrillChecker::load_procedure(const toml::table& drill, DrillScript& s) {
    ProcedureLoadResult loaded;
    if (const auto file = text(drill, "procedure", "[drill]", false)) {
        s.procedure_file = folder_ / *file;
        s.procedure_source = s.procedure_file.string();
        loaded = load_procedure_file(s.procedure_file);
        if (!loaded.ok()) {
            error(*drill.get("procedure"),
                  "[drill] procedure: " + show(*file) + " has problems (listed below)");
            add(std::move(loaded.diagnostics));
            return false;
        }
    } else {
        s.procedure_source = std::string(default_procedure_name);
        loaded = parse_procedure(default_procedure_text(), default_procedure_name);
        if (!loaded.ok()) {
            add(std::move(loaded.diagnostics));
            return false;
        }
    }
    s.procedure_text = std::move(loaded.text);
    procedure_ = std::make_shared<const Procedure>(std::move(*loaded.procedure));
    s.procedure = procedure_;
    return true;
}

// ---- [[events]] ------------------------------------------------------------------------------------

void DrillChecker::event(const toml::table& t, std::size_t index, DrillScript& s) {
    const std::string where = "event " + std::to_string(index + 1);
    std::vector<const EventKind*> found;
    for (const EventKind& k : kinds())
        if (t.contains(k.key)) found.push_back(&k);
    std::vector<std::string_view> all_keys{"at"};
    for (const EventKind& k : kinds())
        all_keys.push_back(k.key);
    if (found.size() != 1) {
        if (found.empty()) {
            check_keys(t, all_keys, where);
            error(t, where + ": say what happens with one of: " +
                         join(std::vector<std::string_view>(all_keys.begin() + 1, all_keys.end())));
        } else {
            error(t, where + ": one event per [[events]] table, but this one has both '" +
                         std::string(found[0]->key) + "' and '" + std::string(found[1]->key) + "'");
        }
        return;
    }
    const EventKind& kind = *found.front();
    std::vector<std::string_view> allowed{"at", kind.key};
    allowed.insert(allowed.end(), kind.fields.begin(), kind.fields.end());
    check_keys(t, allowed, where + " (" + std::string(kind.key) + ")");

    DrillEvent e;
    e.line = t.source().begin.line;
    e.column = t.source().begin.column;
    bool ok = true;
    if (const toml::node* at = t.get("at")) {
        if (const auto when = drill_time(*at, where + " at", e.when)) {
            e.at = *when;
            if (s.end > s.start && (e.at < s.start || e.at > s.end)) {
                error(*at, where + " at: " + show(e.when) + " is outside the drill (" +
                               format_local_time(s.start) + " to " + format_local_time(s.end) + ")");
                ok = false;
            }
        } else {
            ok = false;
        }
    } else {
        error(t, where + ": missing 'at', the time it happens, e.g. at = \"+00:40\"");
        ok = false;
    }
    if (!ok || !procedure_) return; // the kind's checks need the time (rolls) and the procedure
    if (!(this->*kind.parse)(t, *t.get(kind.key), e)) return;
    s.events.push_back(std::move(e));
    event_tables_.push_back(&t);
}

bool DrillChecker::parse_import_roll(const toml::table& t, const toml::node& value, DrillEvent& e) {
    (void)t;
    const auto name = value.value<std::string>();
    if (!name || name->empty()) {
        error(value, "import_roll: give the roll's file name in quotes, relative to the drill file");
        return false;
    }
    DrillImportRoll roll;
    roll.file = folder_ / unshield_toml_text(*name);
    std::string problem;
    if (!read_file(roll.file, max_roll_bytes, roll.text, problem)) {
        error(value, "import_roll: " + roll.file.string() + " " + problem);
        return false;
    }
    NominalRollOptions o;
    o.today = local_date_of(e.at);
    o.now = e.at;
    const NominalRoll parsed = parse_nominal_roll(roll.text, o);
    if (!parsed.ok()) {
        for (const RollProblem& p : parsed.errors)
            error(value, "import_roll: " + roll.file.filename().string() + ": " + format_roll_problem(p) +
                             (p.message.find("future") != std::string::npos
                                  ? " (the drill's clock reads " + format_local_time(e.at) +
                                        " here: import the roll after its arrivals)"
                                  : std::string()));
        return false;
    }
    if (parsed.rows.empty()) {
        error(value, "import_roll: " + roll.file.filename().string() + " has nobody on it");
        return false;
    }
    roll.people = parsed.rows.size();
    e.action = std::move(roll);
    return true;
}

bool DrillChecker::parse_check_in(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto tag = tag_field(value, "check_in");
    if (!tag) return false;
    // The fields are the roll's columns: read them with the roll's parser, as a one-row roll.
    std::string header = "tag,arrived_at",
                row = csv_quoted(*tag) + "," + csv_quoted(format_local_time(e.at, "%Y-%m-%dT%H:%M:%S"));
    std::map<std::string, const toml::node*, std::less<>> nodes;
    for (std::string_view field : check_in_fields) {
        const toml::node* n = t.get(field);
        if (!n) continue;
        std::string v;
        if (const auto s = n->value<std::string>())
            v = unshield_toml_text(*s);
        else if (const auto i = n->value_exact<std::int64_t>())
            v = std::to_string(*i);
        else if (const auto b = n->value_exact<bool>())
            v = *b ? "yes" : "no";
        else if (const auto* list = n->as_array()) {
            for (const toml::node& item : *list) {
                const auto item_text = item.value<std::string>();
                if (!item_text) {
                    error(item, "check_in " + std::string(field) + ": each item must be text in quotes");
                    return false;
                }
                v += (v.empty() ? "" : ";") + unshield_toml_text(*item_text);
            }
        } else {
            error(*n, "check_in " + std::string(field) + ": write it as text, a number or true/false");
            return false;
        }
        header += "," + std::string(field);
        row += "," + csv_quoted(v);
        nodes.emplace(std::string(field), n);
    }
    NominalRollOptions o;
    o.today = local_date_of(e.at);
    o.now = e.at;
    NominalRoll parsed = parse_nominal_roll(header + "\n" + row + "\n", o);
    for (const RollProblem& p : parsed.errors) {
        const auto n = nodes.find(p.column);
        const std::string field = p.column.empty() ? std::string("check_in") : "check_in " + p.column;
        error(n != nodes.end() ? *n->second : (p.column == "tag" ? value : static_cast<const toml::node&>(t)),
              field + ": " + p.message);
    }
    if (!parsed.ok() || parsed.rows.size() != 1) return false;
    DrillCheckIn in;
    in.person = std::move(parsed.rows.front().person);
    // No age, but a coordinator judges the person clearly an adult: the reason makes it count.
    if (const auto judgement = text(t, "adult_judgement", "check_in", false);
        judgement && !judgement->empty()) {
        in.person.adult_judgement = *judgement;
        in.person.stated_child = ChildStatus::Adult;
    }
    e.action = std::move(in);
    return true;
}

bool DrillChecker::parse_register_group(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto count = value.value_exact<std::int64_t>();
    if (!count || *count < 1 || *count > 500) {
        error(value, "register_group: the number of people who arrived, from 1 to 500");
        return false;
    }
    DrillRegisterGroup g;
    g.count = static_cast<int>(*count);
    g.group = text(t, "group", "register_group", false).value_or("");
    g.first_tag = text(t, "first_tag", "register_group", false).value_or("");
    if (!g.first_tag.empty() && !next_tag(g.first_tag)) {
        error(*t.get("first_tag"), "register_group first_tag: " + show(g.first_tag) +
                                       " must end in a number, e.g. \"T101\", so the others can follow it");
        return false;
    }
    e.action = std::move(g);
    return true;
}

bool DrillChecker::parse_step(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const std::vector<std::string_view> steps{"welfare_check_done", "interviewed", "temporary_exit",
                                              "returned"};
    const auto id = value.value<std::string>();
    const auto step = id ? journey_step_from_id(*id) : std::nullopt;
    if (!step || std::find(steps.begin(), steps.end(), *id) == steps.end()) {
        error(value, "step: " + (id ? show(*id) + " is not" : std::string("write")) + " one of " +
                         join(steps) + (id ? did_you_mean(*id, steps) : "") +
                         " (arrival comes with check_in or import_roll, departure with depart, the "
                         "decision with decision)");
        return false;
    }
    const auto tag = subject_tag(t, "step");
    if (!tag) return false;
    e.action = DrillJourneyStep{*tag, *step};
    return true;
}

bool DrillChecker::parse_decision(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto id = value.value<std::string>();
    const auto consent = id ? nrm_consent_from_id(*id) : std::nullopt;
    if (!consent) {
        error(value, "decision: the adult's NRM decision is one of yes, no, undecided");
        return false;
    }
    const auto tag = subject_tag(t, "decision");
    if (!tag) return false;
    e.action = DrillDecision{*tag, *consent};
    return true;
}

std::string default_receiver(ReferralType t) {
    switch (t) {
    case ReferralType::Nrm:
        return "Home Office (Single Competent Authority)";
    case ReferralType::DutyToNotify:
        return "Home Office (Duty to Notify)";
    case ReferralType::ChildrensServices:
        return "Children's services";
    case ReferralType::AdultSafeguarding:
        return "Adult safeguarding";
    default:
        return {};
    }
}

bool DrillChecker::parse_referral(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto types = ids_of(all_referral_types, referral_type_id);
    const auto id = value.value<std::string>();
    const auto type = id ? referral_type_from_id(*id) : std::nullopt;
    if (!type) {
        error(value,
              "referral: " + (id ? show(*id) + " is not a referral type" : std::string("write the type")) +
                  (id ? did_you_mean(*id, types) : "") + " (one of: " + join(types) + ")");
        return false;
    }
    bool ok = true;
    const auto tag = subject_tag(t, "referral");
    ok &= tag.has_value();
    DrillReferral r;
    r.referral.type = *type;
    r.referral.status = ReferralStatus::Made;
    r.referral.consent_explained = true;
    r.referral.consent = (*type == ReferralType::ChildrensServices || *type == ReferralType::DutyToNotify)
                             ? ReferralConsent::NotNeeded
                             : ReferralConsent::Given;
    r.referral.receiving_organisation = default_receiver(*type);
    r.referral.made_by = "Drill";
    if (const auto by = text(t, "by", "referral", false)) {
        if (!find_partner(*procedure_, *by)) {
            const auto partners =
                ids_of(procedure_->partners, [](const Partner& p) { return std::string_view(p.id); });
            error(*t.get("by"), "referral by: " + show(*by) + " is not a partner in the procedure" +
                                    did_you_mean(*by, partners) + " (one of: " + join(partners) + ")");
            ok = false;
        }
        r.referral.making_partner = *by;
    }
    if (const auto status = text(t, "status", "referral", false)) {
        const auto s = referral_status_from_id(*status);
        if (!s || !referral_initial_status_allowed(*s)) {
            error(*t.get("status"), "referral status: a new referral is to_do, in_progress or made");
            ok = false;
        } else {
            r.referral.status = *s;
        }
    }
    if (const auto consent = text(t, "consent", "referral", false)) {
        const auto c = referral_consent_from_id(*consent);
        if (!c) {
            error(*t.get("consent"), "referral consent: one of pending, given, declined, not_needed");
            ok = false;
        } else {
            r.referral.consent = *c;
        }
    }
    if (const toml::node* n = t.get("explained")) {
        if (const auto b = n->value_exact<bool>())
            r.referral.consent_explained = *b;
        else {
            error(*n, "referral explained: true or false");
            ok = false;
        }
    }
    if (const auto receiving = text(t, "receiving", "referral", false))
        r.referral.receiving_organisation = *receiving;
    if (const auto reference = text(t, "reference", "referral", false))
        r.referral.external_reference = *reference;
    if (const auto made_by = text(t, "made_by", "referral", false)) r.referral.made_by = *made_by;
    if (!ok) return false;
    const bool anonymous = referral_type_always_anonymous(*type);
    for (const FieldProblem& p : validate_referral(r.referral, *procedure_, anonymous)) {
        const std::map<std::string_view, std::string_view> key_of{{"making_partner", "by"},
                                                                  {"receiving_organisation", "receiving"},
                                                                  {"external_reference", "reference"},
                                                                  {"made_by", "made_by"}};
        const auto k = key_of.find(p.field);
        const toml::node* n = k != key_of.end() ? t.get(k->second) : nullptr;
        error(n ? *n : value,
              "referral " + (k != key_of.end() ? std::string(k->second) : p.field) + ": " + p.message);
        ok = false;
    }
    if (!ok) return false;
    r.tag = *tag;
    e.action = std::move(r);
    return true;
}

bool DrillChecker::parse_depart(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto destinations = ids_of(all_destinations, destination_id);
    const auto id = value.value<std::string>();
    const auto d = id ? parse_destination(*id) : std::nullopt;
    if (!d) {
        error(value,
              "depart: " + (id ? show(*id) + " is not a destination" : std::string("write the destination")) +
                  (id ? did_you_mean(*id, destinations) : "") + " (one of: " + join(destinations) + ")");
        return false;
    }
    const auto tag = subject_tag(t, "depart");
    if (!tag) return false;
    e.action = DrillDepart{*tag, *d};
    return true;
}

bool DrillChecker::parse_staff_in(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto name = value.value<std::string>();
    if (!name || trim_space(*name).empty()) {
        error(value, "staff_in: the name of the person signing in, in quotes");
        return false;
    }
    DrillStaffIn s;
    s.name = std::string(trim_space(unshield_toml_text(*name)));
    bool ok = true;
    if (const auto partner = text(t, "partner", "staff_in", false)) {
        if (!find_partner(*procedure_, *partner)) {
            const auto partners =
                ids_of(procedure_->partners, [](const Partner& p) { return std::string_view(p.id); });
            error(*t.get("partner"),
                  "staff_in partner: " + show(*partner) + " is not a partner in the procedure" +
                      did_you_mean(*partner, partners) + " (one of: " + join(partners) + ")");
            ok = false;
        }
        s.partner_id = *partner;
    }
    s.organisation = text(t, "organisation", "staff_in", false).value_or("");
    s.role = text(t, "role", "staff_in", false).value_or("");
    if (const toml::node* n = t.get("trained")) {
        if (const auto b = n->value_exact<bool>())
            s.awareness_trained = *b;
        else {
            error(*n, "staff_in trained: true or false (has had the introduction to modern slavery)");
            ok = false;
        }
    }
    if (const toml::node* n = t.get("functions")) {
        const auto ids = ids_of(all_site_functions, site_function_id);
        const auto list =
            text_list(*n, "staff_in functions", [&](const toml::node& item, const std::string& id) {
                const auto f = site_function_from_id(id);
                if (!f) {
                    error(item, "staff_in functions: " + show(id) + " is not a function" +
                                    did_you_mean(id, ids) + " (one of: " + join(ids) + ")");
                    return false;
                }
                s.functions.insert(*f);
                return true;
            });
        ok &= list.has_value();
    }
    if (const toml::node* n = t.get("languages")) {
        const auto list =
            text_list(*n, "staff_in languages", [&](const toml::node& item, const std::string& l) {
                const Language* language = find_language(l);
                if (!language) {
                    error(item, "staff_in languages: " + show(l) +
                                    " is not a language (an ISO 639 code such as "
                                    "\"ti\", or its name)");
                    return false;
                }
                s.languages.emplace_back(language->code);
                return true;
            });
        ok &= list.has_value();
        if (list && !s.functions.contains(SiteFunction::Interpreter)) {
            error(*n, "staff_in languages: only an interpreter interprets; add \"interpreter\" to functions");
            ok = false;
        }
    }
    if (s.partner_id.empty() && s.organisation.empty()) {
        error(t, "staff_in: say who they are with: partner = \"council\" (a partner id) or organisation = "
                 "\"...\"");
        ok = false;
    }
    if (!ok) return false;
    e.action = std::move(s);
    return true;
}

bool DrillChecker::parse_staff_out(const toml::table& t, const toml::node& value, DrillEvent& e) {
    (void)t;
    const auto name = value.value<std::string>();
    if (!name || trim_space(*name).empty()) {
        error(value, "staff_out: the name of the person signing out, as they signed in");
        return false;
    }
    e.action = DrillStaffOut{std::string(trim_space(unshield_toml_text(*name)))};
    return true;
}

bool DrillChecker::parse_stock(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const std::vector<std::string_view> actions{"receive", "issue", "write_off"};
    const auto id = value.value<std::string>();
    DrillStock s;
    if (id && *id == "receive")
        s.action = DrillStockAction::Receive;
    else if (id && *id == "issue")
        s.action = DrillStockAction::Issue;
    else if (id && *id == "write_off")
        s.action = DrillStockAction::WriteOff;
    else {
        error(value, "stock: one of " + join(actions) + (id ? did_you_mean(*id, actions) : ""));
        return false;
    }
    bool ok = true;
    const auto kinds = ids_of(procedure_->bag_kinds, [](const BagKind& k) { return std::string_view(k.id); });
    if (const auto kind = text(t, "kind", "stock", true)) {
        if (!find_bag_kind(*procedure_, *kind)) {
            error(*t.get("kind"), "stock kind: " + show(*kind) + " is not a bag kind in the procedure" +
                                      did_you_mean(*kind, kinds) + " (one of: " + join(kinds) + ")");
            ok = false;
        }
        s.bag_kind = *kind;
    } else {
        ok = false;
    }
    if (const auto store = text(t, "store", "stock", false)) s.store = to_lower_ascii(*store);
    if (s.action == DrillStockAction::Issue) {
        if (t.contains("quantity")) {
            error(*t.get("quantity"), "stock issue: one bag to each person; list them in tags = [...]");
            ok = false;
        }
        if (const auto tag = text(t, "tag", "stock", false)) s.tags.push_back(*tag);
        if (const toml::node* n = t.get("tags")) {
            const toml::array* list = n->as_array();
            if (!list) {
                error(*n, "stock tags: a list of tags, e.g. tags = [\"T001\", \"T002\"]");
                ok = false;
            } else {
                for (const toml::node& item : *list) {
                    if (const auto tg = item.value<std::string>())
                        s.tags.push_back(unshield_toml_text(*tg));
                    else {
                        error(item, "stock tags: each tag in quotes");
                        ok = false;
                    }
                }
            }
        }
        if (ok && s.tags.empty()) {
            error(t, "stock issue: say who gets a bag with tag = \"T001\" or tags = [...]");
            ok = false;
        }
    } else {
        if (t.contains("tag") || t.contains("tags")) {
            error(t.contains("tag") ? *t.get("tag") : *t.get("tags"), "stock: tags are for issue only");
            ok = false;
        }
        if (const auto q = whole_number(t, "quantity", "stock", 1, max_movement_quantity, true))
            s.quantity = static_cast<int>(*q);
        else
            ok = false;
    }
    if (const auto supplier = text(t, "supplier", "stock", false)) {
        if (s.action != DrillStockAction::Receive) {
            error(*t.get("supplier"), "stock: a supplier is for receive only");
            ok = false;
        }
        s.supplier = *supplier;
    }
    if (const auto reason = text(t, "reason", "stock", false)) {
        const auto r = write_off_reason_from_id(*reason);
        if (s.action != DrillStockAction::WriteOff || !r) {
            const auto reasons = ids_of(all_write_off_reasons, write_off_reason_id);
            error(*t.get("reason"), "stock reason: for write_off, one of " + join(reasons));
            ok = false;
        } else {
            s.reason = *r;
        }
    }
    if (!ok) return false;
    e.action = std::move(s);
    return true;
}

bool DrillChecker::parse_raise_tier(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto id = value.value<std::string>();
    const auto tier = id ? tier_from_id(*id) : std::nullopt;
    if (!tier || *tier == Tier::Small) {
        error(value, "raise_tier: medium or large");
        return false;
    }
    const auto reason = text(t, "reason", "raise_tier", true);
    if (!reason) return false;
    if (trim_space(*reason).empty()) {
        error(*t.get("reason"), "raise_tier reason: say why, e.g. \"31 people arrived\"");
        return false;
    }
    e.action = DrillRaiseTier{*tier, *reason};
    return true;
}

bool DrillChecker::parse_procedure_action(const toml::table& t, const toml::node& value, DrillEvent& e) {
    DrillProcedureAction a;
    const auto ids =
        ids_of(procedure_->actions, [](const ProcedureAction& pa) { return std::string_view(pa.id); });
    bool ok = true;
    const auto take = [&](const toml::node& n) {
        const auto id = n.value<std::string>();
        if (!id || !find_action(*procedure_, *id)) {
            error(n,
                  "action: " + (id ? show(*id) + " is not an action of the procedure" + did_you_mean(*id, ids)
                                   : std::string("write the action's id in quotes, e.g. \"act-take-call\"")));
            ok = false;
            return;
        }
        a.ids.push_back(*id);
    };
    if (const toml::array* list = value.as_array())
        for (const toml::node& item : *list)
            take(item);
    else
        take(value);
    if (ok && a.ids.empty()) {
        error(value, "action: name at least one action");
        ok = false;
    }
    if (const auto outcome = text(t, "outcome", "action", false)) {
        if (*outcome == "not_applicable")
            a.outcome = ActionOutcome::NotApplicable;
        else if (*outcome != "done") {
            error(*t.get("outcome"), "action outcome: done or not_applicable");
            ok = false;
        }
    }
    a.reason = text(t, "reason", "action", false).value_or("");
    if (a.outcome == ActionOutcome::NotApplicable && trim_space(a.reason).empty()) {
        error(t, "action: not_applicable needs reason = \"...\" saying why it does not apply");
        ok = false;
    }
    if (!ok) return false;
    e.action = std::move(a);
    return true;
}

bool DrillChecker::parse_revise_expected(const toml::table& t, const toml::node& value, DrillEvent& e) {
    const auto n = value.value_exact<std::int64_t>();
    if (!n || *n < 1 || *n > max_people) {
        error(value,
              "revise_expected: the number of people now expected, from 1 to " + std::to_string(max_people));
        return false;
    }
    e.action =
        DrillReviseExpected{static_cast<int>(*n), text(t, "reason", "revise_expected", false).value_or("")};
    return true;
}

std::optional<std::vector<std::string>>
DrillChecker::text_list(const toml::node& n, std::string_view where,
                        const std::function<bool(const toml::node&, const std::string&)>& check) {
    std::vector<std::string> out;
    bool ok = true;
    const auto take = [&](const toml::node& item) {
        const auto v = item.value<std::string>();
        if (!v) {
            error(item, std::string(where) + ": each item is text in quotes");
            ok = false;
            return;
        }
        std::string value = unshield_toml_text(*v);
        if (check(item, value))
            out.push_back(std::move(value));
        else
            ok = false;
    };
    if (const toml::array* list = n.as_array())
        for (const toml::node& item : *list)
            take(item);
    else
        take(n);
    if (!ok) return std::nullopt;
    return out;
}

// ---- The replay in miniature: who is known and where, so that the drill is refused before it runs --

void DrillChecker::simulate(DrillScript& s) {
    std::map<std::string, std::vector<JourneyEvent>> journeys; // by tag
    std::map<std::string, std::uint32_t> first_seen;           // by tag: the line that brought them
    std::set<std::string> staff_on_site;
    Tier tier = s.tier.value_or(propose_tier(*procedure_, s.expected));
    std::set<std::string> actions_recorded;

    for (const DrillEvent& e : s.events) {
        const auto at_line = [&](std::string message) { error_at(e.line, e.column, std::move(message)); };
        const auto arrive = [&](const std::string& tag, std::vector<JourneyEvent> journey) {
            if (tag.empty()) return;
            if (const auto seen = first_seen.find(tag); seen != first_seen.end()) {
                at_line("tag " + show(tag) + " is already in the centre (from the event at line " +
                        std::to_string(seen->second) + "): each person needs their own tag");
                return;
            }
            first_seen.emplace(tag, e.line);
            journeys.emplace(tag, std::move(journey));
        };
        // The person's journey so far, or nullptr (reported) when the tag has not arrived yet.
        const auto journey_of = [&](const std::string& tag) -> std::vector<JourneyEvent>* {
            const auto it = journeys.find(tag);
            if (it != journeys.end()) return &it->second;
            at_line(std::string(drill_action_key(e.action)) + ": nobody with tag " + show(tag) +
                    " has arrived by " + format_local_time(e.at) +
                    " (check the tag, or move the event after their arrival)");
            return nullptr;
        };
        const auto step = [&](const std::string& tag, JourneyStep st, std::optional<Destination> d) {
            std::vector<JourneyEvent>* j = journey_of(tag);
            if (!j) return;
            const JourneyEvent next{st, e.at, d, {}};
            if (const auto problem = journey_step_problem(*j, next)) {
                at_line(std::string(drill_action_key(e.action)) + " " + show(tag) + ": " + *problem);
                return;
            }
            j->push_back(next);
        };

        std::visit(
            [&](const auto& a) {
                using T = std::decay_t<decltype(a)>;
                if constexpr (std::is_same_v<T, DrillImportRoll>) {
                    NominalRollOptions o;
                    o.today = local_date_of(e.at);
                    o.now = e.at;
                    for (const PersonDraft& d : parse_nominal_roll(a.text, o).rows)
                        arrive(d.person.tag, draft_journey(d, e.at));
                } else if constexpr (std::is_same_v<T, DrillCheckIn>) {
                    arrive(a.person.tag, {JourneyEvent{JourneyStep::Arrived, e.at, std::nullopt, {}}});
                } else if constexpr (std::is_same_v<T, DrillRegisterGroup>) {
                    std::string tag = a.first_tag;
                    for (int i = 0; i < a.count && !tag.empty(); ++i) {
                        arrive(tag, {JourneyEvent{JourneyStep::Arrived, e.at, std::nullopt, {}}});
                        tag = next_tag(tag).value_or("");
                    }
                } else if constexpr (std::is_same_v<T, DrillJourneyStep>) {
                    step(a.tag, a.step, std::nullopt);
                } else if constexpr (std::is_same_v<T, DrillDepart>) {
                    step(a.tag,
                         destination_is_temporary(a.destination) ? JourneyStep::TemporaryExit
                                                                 : JourneyStep::Departed,
                         a.destination);
                } else if constexpr (std::is_same_v<T, DrillDecision>) {
                    if (std::vector<JourneyEvent>* j = journey_of(a.tag)) {
                        const JourneySummary sum = summarise_journey(*j);
                        if (a.consent != NrmConsent::Undecided && sum.on_site && !sum.decision_recorded)
                            j->push_back({JourneyStep::DecisionRecorded, e.at, std::nullopt, {}});
                    }
                } else if constexpr (std::is_same_v<T, DrillReferral>) {
                    journey_of(a.tag);
                } else if constexpr (std::is_same_v<T, DrillStaffIn>) {
                    if (!staff_on_site.insert(a.name).second)
                        at_line("staff_in: " + show(a.name) + " is already signed in");
                } else if constexpr (std::is_same_v<T, DrillStaffOut>) {
                    if (staff_on_site.erase(a.name) == 0)
                        at_line("staff_out: nobody called " + show(a.name) +
                                " is signed in at this time (the name must be as they signed in)");
                } else if constexpr (std::is_same_v<T, DrillStock>) {
                    for (const std::string& tag : a.tags)
                        if (std::vector<JourneyEvent>* j = journey_of(tag);
                            j && !summarise_journey(*j).on_site)
                            at_line("stock issue: " + show(tag) + " is not in the centre at this time");
                } else if constexpr (std::is_same_v<T, DrillProcedureAction>) {
                    for (const std::string& id : a.ids)
                        if (!actions_recorded.insert(id).second)
                            at_line("action: " + show(id) + " is already recorded by an earlier event");
                } else if constexpr (std::is_same_v<T, DrillReviseExpected>) {
                    (void)a; // any number from 1 up may be expected at any time after activation
                } else if constexpr (std::is_same_v<T, DrillRaiseTier>) {
                    if (static_cast<int>(a.tier) <= static_cast<int>(tier))
                        at_line("raise_tier: the centre is already " + std::string(tier_label(tier)) +
                                " at this time; a tier can only go up");
                    else
                        tier = a.tier;
                }
            },
            e.action);
        if (diags_.size() > max_drill_diagnostics) return;
    }
}

std::optional<DrillScript> DrillChecker::check(const toml::table& root) {
    DrillScript s;
    check_keys(root, {"drill", "events"}, "top level");
    if (!header(root, s)) return std::nullopt;
    const toml::node* events = root.get("events");
    const toml::array* list = events ? events->as_array() : nullptr;
    if (!list || list->empty()) {
        error_at(events ? events->source().begin.line : 1, events ? events->source().begin.column : 1,
                 "no events: add [[events]] tables, each with at = \"+HH:MM\" and what happens");
        return std::nullopt;
    }
    if (list->size() > max_drill_events) {
        error(*events, "more than " + std::to_string(max_drill_events) + " events; split the drill");
        return std::nullopt;
    }
    if (!diags_.empty() && !procedure_) return std::nullopt;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const toml::node& n = *list->get(i);
        if (const toml::table* t = n.as_table())
            event(*t, i, s);
        else
            error(n, "event " + std::to_string(i + 1) + ": write each event as an [[events]] table");
    }
    if (!diags_.empty()) return std::nullopt;
    std::stable_sort(s.events.begin(), s.events.end(),
                     [](const DrillEvent& a, const DrillEvent& b) { return a.at < b.at; });
    simulate(s);
    if (!diags_.empty()) return std::nullopt;
    return s;
}

} // namespace

std::string_view drill_action_key(const DrillAction& action) {
    return std::visit(
        [](const auto& a) -> std::string_view {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, DrillImportRoll>) return "import_roll";
            if constexpr (std::is_same_v<T, DrillCheckIn>) return "check_in";
            if constexpr (std::is_same_v<T, DrillRegisterGroup>) return "register_group";
            if constexpr (std::is_same_v<T, DrillJourneyStep>) return "step";
            if constexpr (std::is_same_v<T, DrillDecision>) return "decision";
            if constexpr (std::is_same_v<T, DrillReferral>) return "referral";
            if constexpr (std::is_same_v<T, DrillDepart>) return "depart";
            if constexpr (std::is_same_v<T, DrillStaffIn>) return "staff_in";
            if constexpr (std::is_same_v<T, DrillStaffOut>) return "staff_out";
            if constexpr (std::is_same_v<T, DrillStock>) return "stock";
            if constexpr (std::is_same_v<T, DrillRaiseTier>) return "raise_tier";
            if constexpr (std::is_same_v<T, DrillProcedureAction>) return "action";
            if constexpr (std::is_same_v<T, DrillReviseExpected>) return "revise_expected";
        },
        action);
}

std::optional<UnixSeconds> parse_drill_time(std::string_view text, UnixSeconds start) {
    if (!text.empty() && text[0] == '+') {
        const std::string t(text.substr(1));
        int h = -1, m = -1, used = 0;
        if (std::sscanf(t.c_str(), "%d:%d%n", &h, &m, &used) != 2 ||
            static_cast<std::size_t>(used) != t.size() || h < 0 || h > 24 * 14 || m < 0 || m > 59 ||
            t.find(':') < 1 || t.size() - t.find(':') != 3)
            return std::nullopt;
        return start + (static_cast<UnixSeconds>(h) * 60 + m) * 60;
    }
    UnixSeconds at = 0;
    if (!parse_local_time(std::string(text), at)) return std::nullopt;
    return at;
}

DrillLoadResult parse_drill(std::string_view text, std::string_view source_name, const fs::path& folder) {
    DrillLoadResult result;
    DrillChecker checker{std::string(source_name), folder};
    if (text.size() > max_drill_bytes) {
        checker.error_at(
            0, 0, "the file is larger than 1 MiB; a drill is a few KiB, so this is probably the wrong file");
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    std::size_t conflict_at = 0;
    const std::optional<std::string> shielded = shield_toml_text(text, &conflict_at);
    if (!shielded) {
        checker.error_at(0, 0, "the file contains a private-use character (U+E000..U+EBFF); remove it");
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    toml::table root;
    try {
        root = toml::parse(*shielded, std::string_view{source_name});
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        checker.error_at(at.line, at.column,
                         "TOML syntax error: " + safe_to_show(unshield_toml_text(e.description()), 400));
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    std::optional<DrillScript> script = checker.check(root);
    result.diagnostics = checker.take_diagnostics();
    sort_diagnostics(result.diagnostics);
    if (result.diagnostics.empty() && script) {
        script->file = fs::path(std::string(source_name));
        result.script = std::move(script);
    }
    return result;
}

DrillLoadResult load_drill_file(const fs::path& path) {
    std::string text, problem;
    if (!read_file(path, max_drill_bytes, text, problem)) {
        DrillLoadResult r;
        r.diagnostics.push_back(Diagnostic{path.string(), 0, 0, problem});
        return r;
    }
    return parse_drill(text, path.string(), path.parent_path());
}

} // namespace rc
