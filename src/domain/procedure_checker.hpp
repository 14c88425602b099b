#pragma once
// The procedure file checker: text helpers for its messages, the typed-field readers every section
// uses, and one parser per section, defined by concept in procedure_loader*.cpp (the file and its
// tiers; partners and actions; referrals; bags, contacts, functions and authorised organisations).
// Not for use outside src/domain.
#include "domain/did_you_mean.hpp"
#include "domain/procedure_loader.hpp"
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

namespace rc::procedure_detail {

// ---- Text helpers for messages ---------------------------------------------------------------------

// Text from the file as it may appear in a message: control characters escaped (a key can hold any
// character once quoted), long text cut.
inline std::string printable(std::string_view s, std::size_t limit = 60) {
    return safe_to_show(s, limit);
}

inline std::string show(std::string_view s) {
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

inline std::string_view type_name(const toml::node& n) {
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

inline bool is_blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Ids are how the file refers to its own parts and how the database stores them: keep them plain.
inline bool valid_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && !(i > 0 && (c == '-' || c == '_'))) return false;
    }
    return true;
}

inline bool valid_phone(std::string_view s) {
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
inline std::string syntax_hint(std::string_view description) {
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
inline std::pair<std::uint32_t, std::uint32_t> line_and_column(std::string_view text, std::size_t offset) {
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
inline std::string character_hint(std::string_view text, std::uint32_t line, std::uint32_t column) {
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

inline constexpr std::array<std::string_view, 3> tier_ids{"small", "medium", "large"};
inline constexpr std::array<std::string_view, 2> anchor_ids{"activation", "first_arrival"};
inline constexpr std::array<std::string_view, 2> role_ids{"lead", "support"};

inline std::vector<std::string_view> phase_ids() {
    std::vector<std::string_view> out;
    for (Phase p : all_phases)
        out.push_back(phase_id(p));
    return out;
}

inline std::vector<std::string_view> referral_ids() {
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

    // Each block of an array-of-tables section ([[partners]], [[actions]], [[bag_kinds]], [[contacts]],
    // [[authorised_organisations]]) with the id it declares (block_id: checked, unique) and the words
    // that name it in messages ("partner 'red_cross'", or "[[partners]] block 3" without an id). An
    // element that is not a table is reported ("each `element` must be a [[section]] block").
    template <class EachBlock>
    void each_block(const toml::array& blocks, std::string_view section, std::string_view element,
                    std::string_view kind, std::string_view example_id, EachBlock each) {
        const std::string name = "[[" + std::string(section) + "]]";
        const char* article =
            std::string_view("aeiou").find(section.front()) != std::string_view::npos ? "an" : "a";
        std::map<std::string, std::uint32_t, std::less<>> seen;
        std::size_t index = 0;
        for (const toml::node& n : blocks) {
            ++index;
            const toml::table* t = n.as_table();
            if (!t) {
                error(n, name + ": each " + std::string(element) + " must be " + article + " " + name +
                             " block, not " + std::string(type_name(n)));
                continue;
            }
            std::string where = name + " block " + std::to_string(index);
            std::string id = block_id(*t, where, kind, seen, example_id);
            if (!id.empty()) where = std::string(kind) + " '" + id + "'";
            each(t, where, std::move(id));
        }
    }

    // ---- [procedure] ----
    void parse_info(const toml::table& root, Procedure& p);

    // ---- [warnings] ----
    void parse_warnings(const toml::table& root, Procedure& p);

    // When each arrival's welfare check (which establishes their age) is due; optional.
    void parse_welfare_check(const toml::table& t, const std::string& where, Procedure& p);

    // ---- [tiers] ----
    void parse_tiers(const toml::table& root, Procedure& p);

    // ---- [[partners]] ----
    void parse_partners(const toml::table& root, Procedure& p);

    const Partner* partner_ref(const Located& ref, std::string_view where, std::string_view what);

    // ---- [[actions]] ----
    void parse_actions(const toml::table& root, Procedure& p);

    void parse_due(const toml::table& t, const std::string& where, ProcedureAction& act);

    // ---- [referrals] ----
    void parse_referrals(const toml::table& root, Procedure& p);

    std::vector<ReferralType> referral_list(const toml::table& t, std::string_view key,
                                            const std::string& where);

    // The law behind the rules (Modern Slavery Act 2015 and its statutory guidance) is not a local choice:
    // a file that breaks it is refused.
    void parse_referral_rule(const toml::table& t, const std::string& where, std::string_view category,
                             ReferralRule& rule);

    // due_minutes = { nrm = 720 }: how long each required referral may take under this rule. Every required
    // type needs one, and adult_undecided needs one for the MS1 owed when an undecided adult leaves; a
    // time for a type the rule does not require would never be used, so it is refused as a mistake.
    void parse_referral_due(const toml::table& t, const std::string& where, std::string_view category,
                            ReferralRule& rule, bool lists_ok);

    // ---- [[bag_kinds]] and [bag_plan] ----
    void parse_bag_kinds(const toml::table& root, Procedure& p);

    void parse_bag_plan(const toml::table& root, Procedure& p);

    // ---- [[contacts]] ----
    void parse_contacts(const toml::table& root, Procedure& p);

    // ---- [functions] ----
    // The functions someone on site must perform at each tier. Optional: a procedure without it names
    // none, and coverage is then by partner only.
    void parse_functions(const toml::table& root, Procedure& p);

    // ---- [[authorised_organisations]] ----
    // Organisations outside the partnership that may lawfully make an NRM referral or an MS1, so that a
    // referral they make is not reported as made by an unknown organisation. Optional.
    void parse_authorised_organisations(const toml::table& root, Procedure& p);

    // ---- cross-checks ----
    void check_tier_leads(const Procedure& p);
};

} // namespace rc::procedure_detail
