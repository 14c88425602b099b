#include "domain/procedure_loader.hpp"

#include "domain/did_you_mean.hpp"
#include "domain/toml_shield.hpp"
#include "domain/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sodium.h>
#include <span>
#include <toml++/toml.h>
#include <utility>

namespace rc {
namespace {

// ---- Text helpers for messages ---------------------------------------------------------------------

// Text from the file as it may appear in a message: control characters escaped (a key can hold any
// character once quoted), long text cut.
std::string printable(std::string_view s, std::size_t limit = 60) {
    return safe_to_show(s, limit);
}

std::string show(std::string_view s) {
    return "'" + printable(s) + "'";
}

template <class Range> std::string join(const Range& items, std::size_t max_items = 16) {
    std::string out;
    std::size_t n = 0;
    for (std::string_view s : items) {
        if (n == max_items) {
            out += ", ...";
            break;
        }
        if (n++ > 0) out += ", ";
        out += s;
    }
    return out;
}

std::string_view type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string:
        return "text";
    case toml::node_type::integer:
        return "a whole number";
    case toml::node_type::floating_point:
        return "a decimal number";
    case toml::node_type::boolean:
        return "true/false";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
        return "a date or time";
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "a list";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

bool is_blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Ids are how the file refers to its own parts and how the database stores them: keep them plain.
bool valid_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && !(i > 0 && (c == '-' || c == '_'))) return false;
    }
    return true;
}

bool valid_phone(std::string_view s) {
    int digits = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '-')
            return false;
    }
    return digits >= 3 && digits <= 20;
}

// A plain-words hint for the syntax errors planners make most often (toml++'s descriptions are exact
// but written for programmers).
std::string syntax_hint(std::string_view description) {
    const auto has = [&](std::string_view s) { return description.find(s) != std::string_view::npos; };
    if (has("parsing string") && (has("control characters") || has("end-of-file")))
        return " (is a closing quote missing?)";
    if (has("could not determine value type"))
        return " (text must be in quotes, e.g. lead = \"council\"; numbers and true/false need none)";
    if (has("inline table") && has("'\\n'")) return " (a { ... } table must be written on one line)";
    if (has("cannot redefine")) return " (the same key or section appears twice)";
    if (has("expected '='")) return " (each line is: key = value)";
    return {};
}

// The line and column (as toml++ counts: characters, a leading byte-order mark skipped) of a byte offset.
std::pair<std::uint32_t, std::uint32_t> line_and_column(std::string_view text, std::size_t offset) {
    std::uint32_t line = 1, column = 1;
    const std::size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    for (std::size_t i = start; i < offset && i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == '\n') {
            ++line;
            column = 1;
        } else if ((b & 0xC0U) != 0x80U) {
            ++column;
        }
    }
    return {line, column};
}

// A plain-words hint when a syntax error is at a character word processors put in: typographic quotes
// and unusual spaces look right on screen and are not TOML.
std::string character_hint(std::string_view text, std::uint32_t line, std::uint32_t column) {
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    for (std::uint32_t l = 1; l < line && i < text.size(); ++i)
        if (text[i] == '\n') ++l;
    for (std::uint32_t c = 1; c < column && i < text.size();) {
        if (text[i] == '\n') return {};
        i += decode_utf8(text, i).length;
        ++c;
    }
    if (i >= text.size()) return {};
    const char32_t cp = decode_utf8(text, i).code_point;
    if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x201E)
        return " (that is a typographic quote, as word processors make them: type a straight quote \" or ' "
               "instead)";
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 || cp == 0xFEFF)
        return " (that is an unusual space character: replace it with an ordinary space)";
    if (cp >= 0x80)
        return " (outside quotes only a-z, A-Z, 0-9, '-' and '_' may be used; put text in quotes)";
    return {};
}

// ---- The checker -----------------------------------------------------------------------------------

// One text or list element with the node it came from (for positions in later cross-checks).
struct Located {
    std::string value;
    const toml::node* node = nullptr;
};

constexpr std::array<std::string_view, 3> tier_ids{"small", "medium", "large"};
constexpr std::array<std::string_view, 2> anchor_ids{"activation", "first_arrival"};
constexpr std::array<std::string_view, 2> role_ids{"lead", "support"};

std::vector<std::string_view> phase_ids() {
    std::vector<std::string_view> out;
    for (Phase p : all_phases)
        out.push_back(phase_id(p));
    return out;
}

std::vector<std::string_view> referral_ids() {
    std::vector<std::string_view> out;
    for (ReferralType t : all_referral_types)
        out.push_back(referral_type_id(t));
    return out;
}

class Checker {
public:
    explicit Checker(std::string file) : file_(std::move(file)) {}

    std::vector<Diagnostic> take_diagnostics() { return std::move(diags_); }

    void check(const toml::table& root, Procedure& p) {
        check_keys(root,
                   {"procedure", "warnings", "tiers", "partners", "actions", "referrals", "bag_kinds",
                    "bag_plan", "contacts", "functions", "authorised_organisations"},
                   "top level", "section");
        parse_info(root, p);
        parse_warnings(root, p);
        parse_tiers(root, p);
        parse_partners(root, p);
        parse_actions(root, p);
        parse_referrals(root, p);
        parse_bag_kinds(root, p);
        parse_bag_plan(root, p);
        parse_contacts(root, p);
        check_tier_leads(p);
        parse_functions(root, p);
        parse_authorised_organisations(root, p);
    }

    void error_at(std::uint32_t line, std::uint32_t column, std::string message) {
        diags_.push_back(Diagnostic{file_, line, column, std::move(message)});
    }

private:
    std::string file_;
    std::vector<Diagnostic> diags_;

    // Partner ids defined (first definition wins for duplicates) and the node of each partner table.
    std::map<std::string, const Partner*, std::less<>> partner_index_;
    std::set<std::string, std::less<>> bag_kind_ids_;
    std::vector<std::string> partner_id_list_;
    std::vector<std::string> bag_kind_id_list_;
    const toml::node* tiers_node_ = nullptr;
    std::array<const toml::node*, 3> tier_nodes_{};
    bool partners_ok_ = false; // the partners section parsed (so undefined-partner errors are real)
    // Partner roles that were written but are invalid (already reported): checks that depend on them
    // are skipped rather than reported a second time.
    std::set<std::pair<std::string, Tier>> broken_roles_;

    // ---- reporting ----
    void error(const toml::source_region& r, std::string message) {
        error_at(r.begin.line, r.begin.column, std::move(message));
    }
    void error(const toml::node& n, std::string message) { error(n.source(), std::move(message)); }

    void missing_section(std::string_view section, std::string_view hint) {
        error_at(1, 1, "missing section " + std::string(section) + ": " + std::string(hint));
    }

    void check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                    std::string_view where, std::string_view what = "key") {
        for (auto&& [k, v] : t) {
            (void)v;
            if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
            error(k.source(), std::string(where) + ": unknown " + std::string(what) + " " +
                                  show(unshield_toml_text(k.str())) + did_you_mean(k.str(), allowed) +
                                  " (expected one of: " + join(allowed) + ")");
        }
    }

    // ---- typed fields ----
    // A key that looks like a misspelling of `key` ("leed" for "lead") is reported as unknown with a
    // suggestion; reporting `key` as missing as well would only repeat it.
    static bool has_near_miss(const toml::table& t, std::string_view key) {
        for (auto&& [k, v] : t) {
            (void)v;
            if (k.str() != key && !did_you_mean(k.str(), std::array<std::string_view, 1>{key}).empty())
                return true;
        }
        return false;
    }

    const toml::node* field(const toml::table& t, std::string_view key, std::string_view where, bool required,
                            std::string_view hint) {
        const toml::node* n = t.get(key);
        if (!n && required && !has_near_miss(t, key))
            error(t, std::string(where) + ": missing required field '" + std::string(key) + "' (" +
                         std::string(hint) + ")");
        return n;
    }

    void wrong_type(const toml::node& n, std::string_view key, std::string_view where,
                    std::string_view want) {
        error(n, std::string(where) + ": '" + std::string(key) + "' must be " + std::string(want) + ", not " +
                     std::string(type_name(n)));
    }

    std::optional<std::string> text(const toml::table& t, std::string_view key, std::string_view where,
                                    bool required, std::string_view hint) {
        const toml::node* n = field(t, key, where, required, hint);
        if (!n) return std::nullopt;
        if (!n->is_string()) {
            wrong_type(*n, key, where, "text in quotes (" + std::string(hint) + ")");
            return std::nullopt;
        }
        const std::string s = unshield_toml_text(n->as_string()->get());
        if (required && is_blank(s)) {
            error(*n,
                  std::string(where) + ": '" + std::string(key) + "' is empty (" + std::string(hint) + ")");
            return std::nullopt;
        }
        // Control characters would end up on screens and terminals (an escape sequence can rewrite what a
        // terminal shows); none has a use in a procedure except line breaks and tabs.
        for (std::size_t i = 0; i < s.size();) {
            const Utf8Char c = decode_utf8(s, i); // toml++ has checked that the text is UTF-8
            if (is_unsafe_to_show(c.code_point)) {
                static constexpr char hex[] = "0123456789ABCDEF";
                std::string code = "U+";
                for (int shift = 12; shift >= 0; shift -= 4)
                    code += hex[(c.code_point >> shift) & 0x0FU];
                error(*n, std::string(where) + ": '" + std::string(key) +
                              "' contains the control character " + code + "; remove it");
                return std::nullopt;
            }
            i += c.length;
        }
        return s;
    }

    std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, std::string_view where,
                                        bool required, std::string_view hint) {
        const toml::node* n = field(t, key, where, required, hint);
        if (!n) return std::nullopt;
        if (!n->is_integer()) {
            wrong_type(*n, key, where, "a whole number without quotes (" + std::string(hint) + ")");
            return std::nullopt;
        }
        return n->as_integer()->get();
    }

    // An integer within [lo, hi]; out of range is reported with `range_hint`.
    std::optional<int> bounded(const toml::table& t, std::string_view key, std::string_view where,
                               bool required, std::string_view hint, std::int64_t lo, std::int64_t hi) {
        auto v = integer(t, key, where, required, hint);
        if (!v) return std::nullopt;
        if (*v < lo || *v > hi) {
            error(*t.get(key), std::string(where) + ": '" + std::string(key) + "' is " + std::to_string(*v) +
                                   " but must be from " + std::to_string(lo) + " to " + std::to_string(hi));
            return std::nullopt;
        }
        return static_cast<int>(*v);
    }

    std::optional<bool> boolean(const toml::table& t, std::string_view key, std::string_view where,
                                bool required, std::string_view hint) {
        const toml::node* n = field(t, key, where, required, hint);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) {
            wrong_type(*n, key, where, "true or false without quotes (" + std::string(hint) + ")");
            return std::nullopt;
        }
        return n->as_boolean()->get();
    }

    // A list of text values; elements of the wrong type are reported and skipped.
    std::optional<std::vector<Located>> text_list(const toml::table& t, std::string_view key,
                                                  std::string_view where, bool required,
                                                  std::string_view hint) {
        const toml::node* n = field(t, key, where, required, hint);
        if (!n) return std::nullopt;
        const toml::array* a = n->as_array();
        if (!a) {
            wrong_type(*n, key, where, "a list in square brackets (" + std::string(hint) + ")");
            return std::nullopt;
        }
        std::vector<Located> out;
        for (const toml::node& el : *a) {
            if (!el.is_string()) {
                error(el, std::string(where) + ": every entry of '" + std::string(key) +
                              "' must be text in quotes, not " + std::string(type_name(el)));
                continue;
            }
            out.push_back(Located{unshield_toml_text(el.as_string()->get()), &el});
        }
        return out;
    }

    const toml::table* section_table(const toml::table& root, std::string_view name, std::string_view hint) {
        const toml::node* n = root.get(name);
        if (!n) {
            missing_section("[" + std::string(name) + "]", hint);
            return nullptr;
        }
        if (!n->is_table()) {
            error(*n, "'" + std::string(name) + "' must be a section written [" + std::string(name) +
                          "], not " + std::string(type_name(*n)));
            return nullptr;
        }
        return n->as_table();
    }

    // A list of [[name]] blocks; reports anything else.
    const toml::array* section_blocks(const toml::table& root, std::string_view name, std::string_view hint) {
        const toml::node* n = root.get(name);
        const std::string block = "[[" + std::string(name) + "]]";
        if (!n) {
            missing_section(block, hint);
            return nullptr;
        }
        if (n->is_table()) {
            error(*n, "'" + std::string(name) + "' must be written as " + block +
                          " blocks, one per entry, not [" + std::string(name) + "]");
            return nullptr;
        }
        if (!n->is_array()) {
            error(*n, "'" + std::string(name) + "' must be written as " + block + " blocks, not " +
                          std::string(type_name(*n)));
            return nullptr;
        }
        return n->as_array();
    }

    // The id of one block, checked for form and uniqueness; empty when unusable.
    std::string block_id(const toml::table& t, std::string_view where, std::string_view kind,
                         std::map<std::string, std::uint32_t, std::less<>>& seen, std::string_view example) {
        auto id = text(t, "id", where, true, "a short id such as \"" + std::string(example) + "\"");
        if (!id) return {};
        const toml::node& n = *t.get("id");
        if (!valid_id(*id)) {
            error(n,
                  std::string(where) + ": id " + show(*id) +
                      " may only use lower-case letters a-z, digits, '-' and '_' (up to 64, starting with a "
                      "letter or digit), e.g. \"" +
                      std::string(example) + "\"");
            return {};
        }
        auto [it, inserted] = seen.emplace(*id, n.source().begin.line);
        if (!inserted) {
            error(n, "duplicate " + std::string(kind) + " id " + show(*id) + ": already used at line " +
                         std::to_string(it->second) + "; every " + std::string(kind) + " needs its own id");
            return {};
        }
        return *id;
    }

    // ---- [procedure] ----
    void parse_info(const toml::table& root, Procedure& p) {
        const toml::table* t = section_table(root, "procedure", "name, version, owner and template");
        if (!t) return;
        const std::string where = "[procedure]";
        check_keys(*t, {"name", "version", "owner", "template", "notes", "format"}, where);
        if (auto v = text(*t, "name", where, true, "e.g. name = \"Derbyshire reception centre procedure\""))
            p.info.name = *v;
        if (auto v = text(*t, "version", where, true, "e.g. version = \"1.0\"")) p.info.version = *v;
        if (auto v = text(*t, "owner", where, true,
                          "who keeps this procedure, e.g. owner = \"Emergency Planning\""))
            p.info.owner = *v;
        if (auto v = boolean(*t, "template", where, true,
                             "template = true until the partnership has adapted and agreed it"))
            p.info.is_template = *v;
        if (auto v = text(*t, "notes", where, false, "free text")) p.info.notes = *v;
        if (auto v = integer(*t, "format", where, false, "format = 1"); v && *v != 1)
            error(*t->get("format"),
                  "[procedure]: format " + std::to_string(*v) +
                      " is not one this version of Reception Console reads (it reads format = 1)");
    }

    // ---- [warnings] ----
    void parse_warnings(const toml::table& root, Procedure& p) {
        const toml::node* n = root.get("warnings");
        if (!n) return; // optional: defaults apply
        if (!n->is_table()) {
            error(*n, "'warnings' must be a section written [warnings], not " + std::string(type_name(*n)));
            return;
        }
        const toml::table& t = *n->as_table();
        const std::string where = "[warnings]";
        check_keys(t, {"on_site_hours", "staff_shift_hours", "welfare_check_minutes"}, where);
        parse_welfare_check(t, where, p);
        if (auto v = bounded(t, "on_site_hours", where, false, "hours, e.g. on_site_hours = 12", 1, 168))
            p.info.on_site_warning_hours = *v;
        if (auto v =
                bounded(t, "staff_shift_hours", where, false, "hours, e.g. staff_shift_hours = 12", 1, 24))
            p.info.staff_shift_warning_hours = *v;
    }

    // When each arrival's welfare check (which establishes their age) is due; optional.
    void parse_welfare_check(const toml::table& t, const std::string& where, Procedure& p) {
        if (auto v =
                bounded(t, "welfare_check_minutes", where, false,
                        "minutes after each arrival, e.g. welfare_check_minutes = 60", 1, max_due_minutes))
            p.info.welfare_check_minutes = *v;
    }

    // ---- [tiers] ----
    void parse_tiers(const toml::table& root, Procedure& p) {
        const toml::table* t = section_table(
            root, "tiers",
            "small = { from = 1, to = 10 }, medium = { from = 11, to = 30 }, large = { from = 31 }");
        if (!t) return;
        tiers_node_ = root.get("tiers");
        check_keys(*t, {"small", "medium", "large"}, "[tiers]", "tier");

        struct Parsed {
            std::optional<int> from, to;
            const toml::table* table = nullptr;
        };
        std::array<Parsed, 3> parsed;
        bool all_present = true;
        for (Tier tier : all_tiers) {
            const std::string id(tier_id(tier));
            const std::string where = "tier '" + id + "'";
            const toml::node* n = t->get(id);
            if (!n) {
                error(*t, "[tiers]: tier '" + id +
                              "' is not defined; every procedure needs small, medium and large, e.g. " + id +
                              (tier == Tier::Small    ? " = { from = 1, to = 10 }"
                               : tier == Tier::Medium ? " = { from = 11, to = 30 }"
                                                      : " = { from = 31 }"));
                all_present = false;
                continue;
            }
            tier_nodes_[tier_index(tier)] = n;
            if (!n->is_table()) {
                error(*n, "[tiers]: " + id + " must be a table such as " + id +
                              (tier == Tier::Small    ? " = { from = 1, to = 10 }"
                               : tier == Tier::Medium ? " = { from = 11, to = 30 }"
                                                      : " = { from = 31 }") +
                              ", not " + std::string(type_name(*n)));
                all_present = false;
                continue;
            }
            const toml::table& tt = *n->as_table();
            check_keys(tt, {"from", "to", "notes"}, where);
            Parsed& pp = parsed[tier_index(tier)];
            pp.table = &tt;
            pp.from = bounded(tt, "from", where, true, "the smallest number of people, e.g. from = 11", 1,
                              max_people);
            pp.to =
                bounded(tt, "to", where, false, "the largest number of people, e.g. to = 30", 1, max_people);
            if (tt.get("to") && !pp.to) all_present = false; // reported; coverage checks would only repeat it
            TierRange& r = p.tiers[tier_index(tier)];
            r.tier = tier;
            if (pp.from) r.from_people = *pp.from;
            r.to_people = pp.to;
            if (auto v = text(tt, "notes", where, false, "free text")) r.notes = *v;
            if (pp.from && pp.to && *pp.to < *pp.from) {
                error(*tt.get("to"), where + ": 'to' (" + std::to_string(*pp.to) + ") is less than 'from' (" +
                                         std::to_string(*pp.from) + ")");
                all_present = false;
            }
            if (!pp.from) all_present = false;
        }
        if (!all_present) return;

        // Coverage: small starts at 1, each tier starts right after the one before, the last is open.
        const Parsed& first = parsed[0];
        if (*first.from != 1)
            error(*first.table->get("from"),
                  "tier 'small' starts at " + std::to_string(*first.from) +
                      " people, so smaller groups have no tier; set small from = 1");
        for (std::size_t i = 0; i + 1 < parsed.size(); ++i) {
            const Parsed& a = parsed[i];
            const Parsed& b = parsed[i + 1];
            const std::string an(tier_ids[i]), bn(tier_ids[i + 1]);
            if (!a.to) {
                error(*a.table, "tier '" + an + "' has no upper limit ('to') but '" + bn +
                                    "' comes after it; only 'large' may be open-ended, e.g. " + an +
                                    " = { from = " + std::to_string(*a.from) +
                                    ", to = " + std::to_string(*b.from - 1) + " }");
                continue;
            }
            const int expected_from = *a.to + 1;
            const toml::node& b_from = *b.table->get("from");
            if (*b.from > expected_from) {
                const std::string gap =
                    *b.from - 1 == expected_from
                        ? std::to_string(expected_from) + " people"
                        : std::to_string(expected_from) + " to " + std::to_string(*b.from - 1) + " people";
                error(b_from, "gap between tiers: no tier covers " + gap + " ('" + an + "' ends at " +
                                  std::to_string(*a.to) + ", '" + bn + "' starts at " +
                                  std::to_string(*b.from) + "); set " + bn +
                                  " from = " + std::to_string(expected_from));
            } else if (*b.from < expected_from) {
                error(b_from, "tiers overlap: '" + bn + "' starts at " + std::to_string(*b.from) + " but '" +
                                  an + "' already covers up to " + std::to_string(*a.to) + "; set " + bn +
                                  " from = " + std::to_string(expected_from) + " or lower " + an + "'s 'to'");
            }
        }
        const Parsed& last = parsed[2];
        if (last.to)
            error(*last.table->get("to"),
                  "tier 'large' must have no upper limit so that any number of people has "
                  "a tier; remove 'to = " +
                      std::to_string(*last.to) + "'");
    }

    // ---- [[partners]] ----
    void parse_partners(const toml::table& root, Procedure& p) {
        const toml::array* a = section_blocks(root, "partners", "one [[partners]] block per organisation");
        if (!a) return;
        std::map<std::string, std::uint32_t, std::less<>> seen;
        std::size_t index = 0;
        for (const toml::node& n : *a) {
            ++index;
            const toml::table* t = n.as_table();
            if (!t) {
                error(n, "[[partners]]: each partner must be a [[partners]] block, not " +
                             std::string(type_name(n)));
                continue;
            }
            std::string where = "[[partners]] block " + std::to_string(index);
            Partner partner;
            partner.id = block_id(*t, where, "partner", seen, "red_cross");
            if (!partner.id.empty()) where = "partner '" + partner.id + "'";
            check_keys(
                *t, {"id", "name", "duties", "first_responder", "duty_to_notify", "small", "medium", "large"},
                where);
            if (auto v = text(*t, "name", where, true, "e.g. name = \"British Red Cross\""))
                partner.name = *v;
            if (auto v = text(*t, "duties", where, false, "free text")) partner.duties = *v;
            if (auto v = boolean(*t, "first_responder", where, false,
                                 "first_responder = true if it may make NRM "
                                 "referrals"))
                partner.first_responder = *v;
            if (auto v = boolean(*t, "duty_to_notify", where, false,
                                 "duty_to_notify = true if it has the section 52 duty"))
                partner.duty_to_notify = *v;
            for (Tier tier : all_tiers) {
                const toml::node* rn = t->get(tier_id(tier));
                if (!rn) continue;
                const std::string rwhere = where + ", " + std::string(tier_id(tier));
                if (!rn->is_table()) {
                    error(*rn, rwhere +
                                   ": must be a table such as { role = \"support\", on_site = true }, not " +
                                   std::string(type_name(*rn)));
                    if (!partner.id.empty()) broken_roles_.insert({partner.id, tier});
                    continue;
                }
                const toml::table& rt = *rn->as_table();
                check_keys(rt, {"role", "on_site"}, rwhere);
                TierRole role;
                bool ok = true;
                if (auto v = text(rt, "role", rwhere, true, "role = \"lead\" or \"support\"")) {
                    if (auto r = partner_role_from_id(*v))
                        role.role = *r;
                    else {
                        error(*rt.get("role"), rwhere + ": role " + show(*v) +
                                                   " is not \"lead\" or \"support\"" +
                                                   did_you_mean(*v, role_ids));
                        ok = false;
                    }
                } else {
                    ok = false;
                }
                if (auto v = boolean(rt, "on_site", rwhere, true,
                                     "on_site = true if someone must be at the centre, false if by phone"))
                    role.on_site = *v;
                else
                    ok = false;
                if (ok)
                    partner.roles[tier_index(tier)] = role;
                else if (!partner.id.empty())
                    broken_roles_.insert({partner.id, tier});
            }
            p.partners.push_back(std::move(partner));
        }
        if (a->empty()) error(*root.get("partners"), "[[partners]]: no partners are defined");
        for (const Partner& partner : p.partners)
            if (!partner.id.empty() && !partner_index_.count(partner.id)) {
                partner_index_.emplace(partner.id, &partner);
                partner_id_list_.push_back(partner.id);
            }
        partners_ok_ = true;
    }

    const Partner* partner_ref(const Located& ref, std::string_view where, std::string_view what) {
        auto it = partner_index_.find(ref.value);
        if (it != partner_index_.end()) return it->second;
        if (partners_ok_)
            error(*ref.node, std::string(where) + ": " + std::string(what) + " " + show(ref.value) +
                                 " is not a partner defined in [[partners]]" +
                                 did_you_mean(ref.value, partner_id_list_) +
                                 " (partners: " + join(partner_id_list_) + ")");
        return nullptr;
    }

    // ---- [[actions]] ----
    void parse_actions(const toml::table& root, Procedure& p) {
        const toml::array* a =
            section_blocks(root, "actions", "one [[actions]] block per step of the procedure");
        if (!a) return;
        if (a->empty()) error(*root.get("actions"), "[[actions]]: no actions are defined");
        std::map<std::string, std::uint32_t, std::less<>> seen;
        const auto phases = phase_ids();
        std::size_t index = 0;
        for (const toml::node& n : *a) {
            ++index;
            const toml::table* t = n.as_table();
            if (!t) {
                error(n, "[[actions]]: each action must be an [[actions]] block, not " +
                             std::string(type_name(n)));
                continue;
            }
            std::string where = "[[actions]] block " + std::to_string(index);
            ProcedureAction act;
            act.id = block_id(*t, where, "action", seen, "rec-check-in");
            if (!act.id.empty()) where = "action '" + act.id + "'";
            check_keys(*t,
                       {"id", "phase", "title", "lead", "support", "tiers", "due_after", "due_minutes",
                        "mandatory", "notes"},
                       where);

            if (auto v = text(*t, "phase", where, true, "e.g. phase = \"reception\"")) {
                if (auto ph = phase_from_id(*v))
                    act.phase = *ph;
                else
                    error(*t->get("phase"), where + ": unknown phase " + show(*v) + did_you_mean(*v, phases) +
                                                " (phases: " + join(phases) + ")");
            }
            if (auto v = text(*t, "title", where, true, "what is to be done, in a short sentence"))
                act.title = *v;
            if (auto v = text(*t, "notes", where, false, "free text")) act.notes = *v;
            if (auto v = boolean(*t, "mandatory", where, false, "mandatory = true or false"))
                act.mandatory = *v;

            // Tiers first: the lead is checked against them.
            std::vector<const toml::node*> tier_refs;
            if (auto list = text_list(*t, "tiers", where, false, "e.g. tiers = [\"medium\", \"large\"]")) {
                if (list->empty())
                    error(*t->get("tiers"), where + ": 'tiers' is empty, so the action never applies; "
                                                    "list at least one tier or leave 'tiers' out for all");
                for (const Located& ref : *list) {
                    auto tier = tier_from_id(ref.value);
                    if (!tier) {
                        error(*ref.node, where + ": tier " + show(ref.value) + " is not defined" +
                                             did_you_mean(ref.value, tier_ids) +
                                             " (tiers: small, medium, large)");
                    } else if (std::find(act.tiers.begin(), act.tiers.end(), *tier) != act.tiers.end()) {
                        error(*ref.node, where + ": tier " + show(ref.value) + " is listed twice");
                    } else {
                        act.tiers.push_back(*tier);
                    }
                }
            } else if (!t->get("tiers")) {
                act.tiers.assign(all_tiers.begin(), all_tiers.end());
            }

            if (auto v = text(*t, "lead", where, true,
                              "the id of the partner who leads it, e.g. lead = \"council\"")) {
                const Located ref{*v, t->get("lead")};
                if (const Partner* lead = partner_ref(ref, where, "lead")) {
                    act.lead = *v;
                    for (Tier tier : act.tiers)
                        if (!lead->roles[tier_index(tier)] && !broken_roles_.count({*v, tier}))
                            error(*ref.node,
                                  where + ": lead " + show(*v) + " has no role at " +
                                      std::string(tier_id(tier)) + " centres; give the partner " +
                                      std::string(tier_id(tier)) +
                                      " = { role = ..., on_site = ... } or list only the tiers it works "
                                      "at in this action's 'tiers'");
                }
            }
            if (auto list =
                    text_list(*t, "support", where, false, "e.g. support = [\"police\", \"red_cross\"]"))
                for (const Located& ref : *list)
                    if (partner_ref(ref, where, "support partner")) act.support.push_back(ref.value);

            parse_due(*t, where, act);
            p.actions.push_back(std::move(act));
        }
    }

    void parse_due(const toml::table& t, const std::string& where, ProcedureAction& act) {
        const toml::node* after_node = t.get("due_after");
        const toml::node* minutes_node = t.get("due_minutes");
        if (!after_node && !minutes_node) return; // no fixed time
        if (!after_node || !minutes_node) {
            const toml::node& present = after_node ? *after_node : *minutes_node;
            error(present, where +
                               ": give both due_after and due_minutes (e.g. due_after = \"first_arrival\", "
                               "due_minutes = 30), or neither for a step with no fixed time");
            // Still check the one that is there.
        }
        std::optional<DueAnchor> anchor;
        if (after_node) {
            if (auto v = text(t, "due_after", where, true, "\"activation\" or \"first_arrival\"")) {
                anchor = due_anchor_from_id(*v);
                if (!anchor)
                    error(*after_node, where + ": due_after " + show(*v) +
                                           " is not a moment the console knows; use \"activation\" or "
                                           "\"first_arrival\"" +
                                           did_you_mean(*v, anchor_ids));
            }
        }
        std::optional<int> minutes;
        if (minutes_node) {
            if (auto v = integer(t, "due_minutes", where, true, "minutes, e.g. due_minutes = 30")) {
                if (*v < 0)
                    error(*minutes_node,
                          where + ": due_minutes is " + std::to_string(*v) +
                              ": an action cannot be due before the moment it counts from; use 0 "
                              "for 'at once'");
                else if (*v > max_due_minutes)
                    error(*minutes_node,
                          where + ": due_minutes is " + std::to_string(*v) + " (" +
                              std::to_string(*v / (24 * 60)) +
                              " days), more than 7 days (10080 minutes); a reception centre does "
                              "not run that long; check the number");
                else
                    minutes = static_cast<int>(*v);
            }
        }
        if (anchor && minutes) act.due = DueRule{*anchor, *minutes};
    }

    // ---- [referrals] ----
    void parse_referrals(const toml::table& root, Procedure& p) {
        const toml::table* t = section_table(root, "referrals",
                                             "[referrals.child], [referrals.adult_consents], "
                                             "[referrals.adult_declines] and [referrals.adult_undecided]");
        if (!t) return;
        for (auto&& [k, v] : *t) {
            (void)v;
            if (k.str() == "age_disputed")
                error(k.source(),
                      "[referrals]: there is no separate rule for age_disputed: a person whose age is "
                      "disputed is treated as a child until an age assessment says otherwise, so "
                      "[referrals.child] applies; remove [referrals.age_disputed]");
        }
        constexpr std::array<std::string_view, 4> categories{"child", "adult_consents", "adult_declines",
                                                             "adult_undecided"};
        for (auto&& [k, v] : *t) {
            (void)v;
            if (k.str() == "age_disputed" ||
                std::find(categories.begin(), categories.end(), k.str()) != categories.end())
                continue;
            error(k.source(), "[referrals]: unknown person category " + show(unshield_toml_text(k.str())) +
                                  did_you_mean(k.str(), categories) + " (categories: " + join(categories) +
                                  ")");
        }
        std::array<ReferralRule*, 4> rules{&p.referrals.child, &p.referrals.adult_consents,
                                           &p.referrals.adult_declines, &p.referrals.adult_undecided};
        for (std::size_t i = 0; i < categories.size(); ++i) {
            const std::string name(categories[i]);
            const std::string where = "[referrals." + name + "]";
            const toml::node* n = t->get(name);
            if (!n) {
                error(*t, "[referrals]: missing " + where +
                              " with the referrals required and recommended for this category");
                continue;
            }
            if (!n->is_table()) {
                error(*n, where + " must be a table, not " + std::string(type_name(*n)));
                continue;
            }
            parse_referral_rule(*n->as_table(), where, categories[i], *rules[i]);
        }
    }

    std::vector<ReferralType> referral_list(const toml::table& t, std::string_view key,
                                            const std::string& where) {
        std::vector<ReferralType> out;
        auto list = text_list(t, key, where, false, "e.g. [\"nrm\", \"childrens_services\"]");
        if (!list) return out;
        static const auto ids = referral_ids();
        for (const Located& ref : *list) {
            auto type = referral_type_from_id(ref.value);
            if (!type) {
                error(*ref.node, where + ": unknown referral type " + show(ref.value) +
                                     did_you_mean(ref.value, ids) + " (types: " + join(ids) + ")");
            } else if (std::find(out.begin(), out.end(), *type) != out.end()) {
                error(*ref.node,
                      where + ": " + show(ref.value) + " is listed twice in '" + std::string(key) + "'");
            } else {
                out.push_back(*type);
            }
        }
        return out;
    }

    // The law behind the rules (Modern Slavery Act 2015 and its statutory guidance) is not a local choice:
    // a file that breaks it is refused.
    void parse_referral_rule(const toml::table& t, const std::string& where, std::string_view category,
                             ReferralRule& rule) {
        check_keys(t, {"required", "recommended", "no_identifying_data", "due_minutes"}, where);
        const std::size_t problems_before = diags_.size();
        rule.required = referral_list(t, "required", where);
        rule.recommended = referral_list(t, "recommended", where);
        rule.no_identifying_data = referral_list(t, "no_identifying_data", where);
        auto has = [](const std::vector<ReferralType>& v, ReferralType x) {
            return std::find(v.begin(), v.end(), x) != v.end();
        };
        auto pos = [&](std::string_view key) -> const toml::node& {
            const toml::node* n = t.get(key);
            return n ? *n : static_cast<const toml::node&>(t);
        };
        for (ReferralType x : rule.required)
            if (has(rule.recommended, x))
                error(pos("recommended"), where + ": '" + std::string(referral_type_id(x)) +
                                              "' is both required and recommended; keep it in one list");
        if (category == "child") {
            for (ReferralType x : {ReferralType::Nrm, ReferralType::ChildrensServices})
                if (!has(rule.required, x))
                    error(pos("required"), where + ": children must always be referred to '" +
                                               std::string(referral_type_id(x)) +
                                               "' (no consent is needed); add it to 'required'");
        } else if (category == "adult_declines" || category == "adult_undecided") {
            if (has(rule.required, ReferralType::Nrm))
                error(pos("required"), where +
                                           ": an adult must consent to an NRM referral, so 'nrm' cannot be "
                                           "required here");
            if (category == "adult_declines" && has(rule.recommended, ReferralType::Nrm))
                error(pos("recommended"),
                      where + ": the adult has declined the NRM, so 'nrm' cannot be recommended here");
            if (category == "adult_declines" && !has(rule.required, ReferralType::DutyToNotify))
                error(pos("required"), where +
                                           ": when an adult does not consent, the Duty to Notify (MS1) is "
                                           "required; add 'duty_to_notify' to 'required'");
            if (!has(rule.no_identifying_data, ReferralType::DutyToNotify))
                error(pos("no_identifying_data"),
                      where +
                          ": an MS1 for an adult who has not consented must carry no identifying details; "
                          "add 'duty_to_notify' to 'no_identifying_data'");
        }
        // Once the lists themselves are wrong, which types need a time is not known: say nothing more.
        parse_referral_due(t, where, category, rule, diags_.size() == problems_before);
    }

    // due_minutes = { nrm = 720 }: how long each required referral may take under this rule. Every required
    // type needs one, and adult_undecided needs one for the MS1 owed when an undecided adult leaves; a
    // time for a type the rule does not require would never be used, so it is refused as a mistake.
    void parse_referral_due(const toml::table& t, const std::string& where, std::string_view category,
                            ReferralRule& rule, bool lists_ok) {
        const bool undecided = category == "adult_undecided";
        const std::string example =
            undecided ? "due_minutes = { duty_to_notify = 1440 }" : "due_minutes = { nrm = 720 }";
        const toml::node* n = t.get("due_minutes");
        std::vector<ReferralType> wanted = rule.required;
        if (undecided && std::find(wanted.begin(), wanted.end(), ReferralType::DutyToNotify) == wanted.end())
            wanted.push_back(ReferralType::DutyToNotify);
        if (!n) {
            if (!wanted.empty() && lists_ok)
                error(t, where + ": missing 'due_minutes', the time allowed for each required referral (" +
                             example + ")");
            return;
        }
        const toml::table* due = n->as_table();
        if (!due) {
            wrong_type(*n, "due_minutes", where, "a table of minutes by referral type (" + example + ")");
            return;
        }
        static const auto ids = referral_ids();
        const std::string at = where + " due_minutes";
        bool unknown_type = false; // a misspelt type: the time it was meant for is not missing as well
        for (auto&& [k, v] : *due) {
            const std::string key = unshield_toml_text(k.str());
            const auto type = referral_type_from_id(key);
            if (!type) {
                unknown_type = true;
                error(k.source(), at + ": unknown referral type " + show(key) + did_you_mean(key, ids) +
                                      " (types: " + join(ids) + ")");
                continue;
            }
            if (std::find(wanted.begin(), wanted.end(), *type) == wanted.end()) {
                if (lists_ok)
                    error(k.source(),
                          at + ": '" + key +
                              "' is not required by this rule, so it has no due time; remove it or "
                              "add it to 'required'");
                continue;
            }
            if (!v.is_integer()) {
                error(v, at + ": '" + key + "' must be a whole number of minutes without quotes, not " +
                             std::string(type_name(v)));
                continue;
            }
            const std::int64_t minutes = v.as_integer()->get();
            if (minutes < 1 || minutes > max_due_minutes) {
                error(v, at + ": '" + key + "' is " + std::to_string(minutes) + " but must be from 1 to " +
                             std::to_string(max_due_minutes) + " minutes (7 days)");
                continue;
            }
            rule.due.push_back(ReferralDue{*type, static_cast<int>(minutes)});
        }
        for (ReferralType x : wanted) {
            if (!lists_ok || unknown_type) break;
            if (std::any_of(rule.due.begin(), rule.due.end(),
                            [&](const ReferralDue& d) { return d.type == x; }))
                continue;
            const bool bad_entry = std::any_of(due->begin(), due->end(), [&](auto&& kv) {
                return unshield_toml_text(kv.first.str()) == referral_type_id(x);
            });
            if (bad_entry) continue; // already reported
            const std::string id(referral_type_id(x));
            error(*n, at + ": no time for '" + id + "'" +
                          (undecided && x == ReferralType::DutyToNotify
                               ? " (the MS1 owed when an undecided adult leaves)"
                               : std::string(", which this rule requires")) +
                          "; add " + id + " = <minutes>");
        }
    }

    // ---- [[bag_kinds]] and [bag_plan] ----
    void parse_bag_kinds(const toml::table& root, Procedure& p) {
        const toml::array* a =
            section_blocks(root, "bag_kinds", "one [[bag_kinds]] block per kind of support bag");
        if (!a) return;
        if (a->empty()) error(*root.get("bag_kinds"), "[[bag_kinds]]: no bag kinds are defined");
        std::map<std::string, std::uint32_t, std::less<>> seen;
        std::size_t index = 0;
        for (const toml::node& n : *a) {
            ++index;
            const toml::table* t = n.as_table();
            if (!t) {
                error(n, "[[bag_kinds]]: each bag kind must be a [[bag_kinds]] block, not " +
                             std::string(type_name(n)));
                continue;
            }
            std::string where = "[[bag_kinds]] block " + std::to_string(index);
            BagKind kind;
            kind.id = block_id(*t, where, "bag kind", seen, "adult_female");
            if (!kind.id.empty()) where = "bag kind '" + kind.id + "'";
            check_keys(*t, {"id", "name"}, where);
            if (auto v = text(*t, "name", where, true, "e.g. name = \"Adult (female)\"")) kind.name = *v;
            if (!kind.id.empty()) {
                bag_kind_ids_.insert(kind.id);
                bag_kind_id_list_.push_back(kind.id);
            }
            p.bag_kinds.push_back(std::move(kind));
        }
    }

    void parse_bag_plan(const toml::table& root, Procedure& p) {
        const toml::table* t = section_table(root, "bag_plan",
                                             "[bag_plan.small], [bag_plan.medium] and [bag_plan.large], each "
                                             "with one line per bag kind");
        if (!t) return;
        check_keys(*t, {"small", "medium", "large"}, "[bag_plan]", "tier");
        for (Tier tier : all_tiers) {
            const std::string id(tier_id(tier));
            const std::string where = "[bag_plan." + id + "]";
            const toml::node* n = t->get(id);
            if (!n) {
                error(*t, "[bag_plan]: missing " + where +
                              " (one line per bag kind, e.g. adult_female = { "
                              "per_person = 0.6, min_stock = 6 })");
                continue;
            }
            if (!n->is_table()) {
                error(*n, where + " must be a table, not " + std::string(type_name(*n)));
                continue;
            }
            const toml::table& tt = *n->as_table();
            std::map<std::string, BagPlanLine, std::less<>> lines;
            for (auto&& [k, v] : tt) {
                const std::string kind = unshield_toml_text(k.str());
                if (!bag_kind_ids_.count(kind)) {
                    if (!bag_kind_id_list_.empty() || root.get("bag_kinds"))
                        error(k.source(), where + ": bag kind " + show(kind) +
                                              " is not defined in [[bag_kinds]]" +
                                              did_you_mean(kind, bag_kind_id_list_) +
                                              " (bag kinds: " + join(bag_kind_id_list_) + ")");
                    continue;
                }
                const std::string lwhere = where + " " + kind;
                if (!v.is_table()) {
                    error(v, lwhere + ": must be a table such as { per_person = 0.6, min_stock = 6 }, not " +
                                 std::string(type_name(v)));
                    continue;
                }
                const toml::table& lt = *v.as_table();
                check_keys(lt, {"per_person", "min_stock"}, lwhere);
                BagPlanLine line;
                line.kind = kind;
                bool ok = true;
                const toml::node* pp =
                    field(lt, "per_person", lwhere, true, "bags per person expected, e.g. 0.6");
                if (pp) {
                    if (!pp->is_number()) {
                        wrong_type(*pp, "per_person", lwhere, "a number such as 0.6");
                        ok = false;
                    } else {
                        const double x = pp->is_integer() ? static_cast<double>(pp->as_integer()->get())
                                                          : pp->as_floating_point()->get();
                        if (!std::isfinite(x) || x < 0.0 || x > 10.0) {
                            error(*pp, lwhere + ": per_person must be from 0 to 10 bags per person");
                            ok = false;
                        } else {
                            line.per_person = x;
                        }
                    }
                } else {
                    ok = false;
                }
                if (auto m = bounded(lt, "min_stock", lwhere, true, "bags to hold before opening, e.g. 6", 0,
                                     100000))
                    line.min_stock = *m;
                else
                    ok = false;
                if (ok) lines.emplace(kind, line);
            }
            // In the order the kinds were defined.
            for (const std::string& kind : bag_kind_id_list_) {
                auto it = lines.find(kind);
                if (it != lines.end()) p.bag_plans[tier_index(tier)].push_back(it->second);
            }
        }
    }

    // ---- [[contacts]] ----
    void parse_contacts(const toml::table& root, Procedure& p) {
        const toml::array* a =
            section_blocks(root, "contacts", "one [[contacts]] block per number in the call-out");
        if (!a) return;
        if (a->empty()) error(*root.get("contacts"), "[[contacts]]: no contacts are defined");
        std::map<std::string, std::uint32_t, std::less<>> seen;
        std::size_t index = 0;
        for (const toml::node& n : *a) {
            ++index;
            const toml::table* t = n.as_table();
            if (!t) {
                error(n, "[[contacts]]: each contact must be a [[contacts]] block, not " +
                             std::string(type_name(n)));
                continue;
            }
            std::string where = "[[contacts]] block " + std::to_string(index);
            Contact c;
            c.id = block_id(*t, where, "contact", seen, "call-derbyshire");
            if (!c.id.empty()) where = "contact '" + c.id + "'";
            check_keys(*t, {"id", "organisation", "role", "phone", "hours", "order", "partner", "notes"},
                       where);
            if (auto v = text(*t, "organisation", where, true, "e.g. organisation = \"Call Derbyshire\""))
                c.organisation = *v;
            if (auto v = text(*t, "role", where, true, "who answers and what for")) c.role = *v;
            if (auto v =
                    text(*t, "phone", where, true, "the number to dial, e.g. phone = \"01629 533190\"")) {
                if (valid_phone(*v))
                    c.phone = *v;
                else
                    error(*t->get("phone"), where + ": phone " + show(*v) +
                                                " is not a number to dial: use digits, spaces, '+', '-' and "
                                                "brackets only (put instructions in 'notes')");
            }
            if (auto v = text(*t, "hours", where, true, "when it answers, e.g. hours = \"24 hours\""))
                c.hours = *v;
            c.order = bounded(*t, "order", where, false, "step in the call-out, 1 first", 1, 99);
            if (auto v = text(*t, "notes", where, false, "free text")) c.notes = *v;
            if (auto v = text(*t, "partner", where, false, "a partner id")) {
                if (partner_ref(Located{*v, t->get("partner")}, where, "partner")) c.partner = *v;
            }
            p.contacts.push_back(std::move(c));
        }
    }

    // ---- [functions] ----
    // The functions someone on site must perform at each tier. Optional: a procedure without it names
    // none, and coverage is then by partner only.
    void parse_functions(const toml::table& root, Procedure& p) {
        const toml::node* n = root.get("functions");
        if (!n) return;
        if (!n->is_table()) {
            error(*n, "'functions' must be a section written [functions] with one list per tier, e.g. "
                      "small = [\"nrm_first_responder\", \"interpreter\"], not " +
                          std::string(type_name(*n)));
            return;
        }
        const toml::table& t = *n->as_table();
        const std::string where = "[functions]";
        check_keys(t, {"small", "medium", "large"}, where, "tier");
        std::vector<std::string_view> ids;
        for (SiteFunction f : all_site_functions)
            ids.push_back(site_function_id(f));
        for (Tier tier : all_tiers) {
            const std::string id(tier_id(tier));
            auto list = text_list(t, id, where, false,
                                  "the functions needed on site at a " + id + " centre, e.g. " + id +
                                      " = [\"nrm_first_responder\", \"medical\"]");
            if (!list) continue;
            std::vector<SiteFunction>& out = p.functions[tier_index(tier)];
            for (const Located& ref : *list) {
                const auto f = site_function_from_id(ref.value);
                if (!f)
                    error(*ref.node, where + " " + id + ": unknown function " + show(ref.value) +
                                         did_you_mean(ref.value, ids) + " (functions: " + join(ids) + ")");
                else if (std::find(out.begin(), out.end(), *f) != out.end())
                    error(*ref.node, where + " " + id + ": function " + show(ref.value) + " is listed twice");
                else
                    out.push_back(*f);
            }
        }
    }

    // ---- [[authorised_organisations]] ----
    // Organisations outside the partnership that may lawfully make an NRM referral or an MS1, so that a
    // referral they make is not reported as made by an unknown organisation. Optional.
    void parse_authorised_organisations(const toml::table& root, Procedure& p) {
        const toml::node* section = root.get("authorised_organisations");
        if (!section) return;
        const toml::array* a = section_blocks(root, "authorised_organisations",
                                              "one [[authorised_organisations]] block per organisation");
        if (!a) return;
        std::map<std::string, std::uint32_t, std::less<>> seen;
        std::size_t index = 0;
        for (const toml::node& n : *a) {
            ++index;
            const toml::table* t = n.as_table();
            if (!t) {
                error(
                    n,
                    "[[authorised_organisations]]: each organisation must be an [[authorised_organisations]] "
                    "block, not " +
                        std::string(type_name(n)));
                continue;
            }
            std::string where = "[[authorised_organisations]] block " + std::to_string(index);
            AuthorisedOrganisation o;
            o.id = block_id(*t, where, "authorised organisation", seen, "glaa");
            if (!o.id.empty()) where = "authorised organisation '" + o.id + "'";
            check_keys(*t, {"id", "name", "first_responder", "duty_to_notify", "notes"}, where);
            if (!o.id.empty() && partner_index_.count(o.id)) {
                error(*t->get("id"), where + ": id " + show(o.id) +
                                         " is already a partner's id; a partner is authorised by its own "
                                         "first_responder and duty_to_notify, so leave it out here");
                o.id.clear();
            }
            if (auto v = text(*t, "name", where, true,
                              "e.g. name = \"Gangmasters and Labour Abuse Authority (GLAA)\""))
                o.name = *v;
            if (auto v = boolean(*t, "first_responder", where, false,
                                 "first_responder = true if it may make NRM referrals"))
                o.first_responder = *v;
            if (auto v = boolean(*t, "duty_to_notify", where, false,
                                 "duty_to_notify = true if it has the section 52 duty"))
                o.duty_to_notify = *v;
            if (auto v = text(*t, "notes", where, false, "free text")) o.notes = *v;
            const auto typed = [&](std::string_view key) {
                const toml::node* v = t->get(key);
                return !v || v->is_boolean(); // a wrong type is reported already
            };
            if (!o.first_responder && !o.duty_to_notify && typed("first_responder") &&
                typed("duty_to_notify"))
                error(*t, where + ": it may make neither an NRM referral nor an MS1; set first_responder = "
                                  "true (NRM referrals), duty_to_notify = true (MS1), or both");
            p.authorised_organisations.push_back(std::move(o));
        }
    }

    // ---- cross-checks ----
    void check_tier_leads(const Procedure& p) {
        if (!partners_ok_ || !tiers_node_) return;
        for (Tier tier : all_tiers) {
            const bool led = std::any_of(p.partners.begin(), p.partners.end(), [&](const Partner& partner) {
                const auto& r = partner.roles[tier_index(tier)];
                return r && r->role == PartnerRole::Lead;
            });
            const bool unknown = std::any_of(broken_roles_.begin(), broken_roles_.end(),
                                             [&](const auto& broken) { return broken.second == tier; });
            if (led || unknown) continue;
            const toml::node* at =
                tier_nodes_[tier_index(tier)] ? tier_nodes_[tier_index(tier)] : tiers_node_;
            error(*at, "no partner leads a " + std::string(tier_id(tier)) +
                           " centre; give at least one partner " + std::string(tier_id(tier)) +
                           " = { role = \"lead\", on_site = true }");
        }
    }
};

} // namespace

ProcedureLoadResult parse_procedure(std::string_view text, std::string_view source_name) {
    ProcedureLoadResult result;
    result.text = std::string(text);
    Checker checker{std::string(source_name)};
    if (text.size() > max_procedure_bytes) {
        checker.error_at(0, 0,
                         "the file is larger than " + std::to_string(max_procedure_bytes / 1024) +
                             " KiB; a procedure is a few dozen KiB, so this is probably the wrong file");
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    // toml++ 3.3 must not see some characters as they are (see toml_shield.hpp).
    std::size_t conflict_at = 0;
    const std::optional<std::string> shielded = shield_toml_text(text, &conflict_at);
    if (!shielded) {
        const auto [line, column] = line_and_column(text, conflict_at);
        checker.error_at(line, column,
                         "the file contains a private-use character (U+E000..U+EBFF), which a procedure has "
                         "no use for; remove it");
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    toml::table root;
    try {
        root = toml::parse(*shielded, std::string_view{source_name});
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        const std::string description = unshield_toml_text(e.description());
        std::string hint = description.find("string") == std::string::npos
                               ? character_hint(text, at.line, at.column)
                               : std::string();
        if (hint.empty()) hint = syntax_hint(description);
        checker.error_at(at.line, at.column, "TOML syntax error: " + printable(description, 400) + hint);
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    Procedure p;
    checker.check(root, p);
    result.diagnostics = checker.take_diagnostics();
    sort_diagnostics(result.diagnostics);
    if (result.diagnostics.size() > max_procedure_diagnostics) {
        const std::size_t more = result.diagnostics.size() - max_procedure_diagnostics;
        result.diagnostics.resize(max_procedure_diagnostics);
        result.diagnostics.push_back(
            Diagnostic{std::string(source_name), 0, 0,
                       std::to_string(more) + " more problems not shown; fix these first"});
    }
    if (result.diagnostics.empty()) {
        p.source_sha256 = procedure_hash(text);
        result.procedure = std::move(p);
    }
    return result;
}

ProcedureLoadResult load_procedure_file(const std::filesystem::path& path) {
    const std::string name = path.string();
    auto fail = [&](std::string message) {
        ProcedureLoadResult r;
        r.diagnostics.push_back(Diagnostic{name, 0, 0, std::move(message)});
        return r;
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return fail("is a folder, not a procedure file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot open the file (does it exist, and may you read it?)");
    std::string text;
    char buf[16384];
    while (in) {
        in.read(buf, sizeof buf);
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_procedure_bytes)
            return fail("the file is larger than " + std::to_string(max_procedure_bytes / 1024) +
                        " KiB; a procedure is a few dozen KiB, so this is probably the wrong file");
    }
    if (in.bad()) return fail("reading the file failed");
    return parse_procedure(text, name);
}

std::string procedure_hash(std::string_view text) {
    static const int init = sodium_init(); // idempotent; SHA-256 itself needs no random source
    (void)init;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

} // namespace rc
