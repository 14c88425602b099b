// Procedure files (TOML) read and checked as a whole: every problem reported with its line and column,
// the [procedure], [warnings] and [tiers] sections, and the cross-checks between sections. The other
// sections are read in procedure_loader_partners.cpp, _referrals.cpp and _resources.cpp.
#include "domain/procedure_checker.hpp"

namespace rc {

namespace procedure_detail {

void Checker::parse_info(const toml::table& root, Procedure& p) {
    const toml::table* t = section_table(root, "procedure", "name, version, owner and template");
    if (!t) return;
    const std::string where = "[procedure]";
    check_keys(*t, {"name", "version", "owner", "template", "notes", "format"}, where);
    if (auto v = text(*t, "name", where, true, "e.g. name = \"Derbyshire reception centre procedure\""))
        p.info.name = *v;
    if (auto v = text(*t, "version", where, true, "e.g. version = \"1.0\"")) p.info.version = *v;
    if (auto v =
            text(*t, "owner", where, true, "who keeps this procedure, e.g. owner = \"Emergency Planning\""))
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

void Checker::parse_warnings(const toml::table& root, Procedure& p) {
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
    if (auto v = bounded(t, "staff_shift_hours", where, false, "hours, e.g. staff_shift_hours = 12", 1, 24))
        p.info.staff_shift_warning_hours = *v;
}

// When each arrival's welfare check (which establishes their age) is due; optional.
void Checker::parse_welfare_check(const toml::table& t, const std::string& where, Procedure& p) {
    if (auto v = bounded(t, "welfare_check_minutes", where, false,
                         "minutes after each arrival, e.g. welfare_check_minutes = 60", 1, max_due_minutes))
        p.info.welfare_check_minutes = *v;
}

void Checker::parse_tiers(const toml::table& root, Procedure& p) {
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
        pp.from =
            bounded(tt, "from", where, true, "the smallest number of people, e.g. from = 11", 1, max_people);
        pp.to = bounded(tt, "to", where, false, "the largest number of people, e.g. to = 30", 1, max_people);
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
        error(*first.table->get("from"), "tier 'small' starts at " + std::to_string(*first.from) +
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
                              std::to_string(*a.to) + ", '" + bn + "' starts at " + std::to_string(*b.from) +
                              "); set " + bn + " from = " + std::to_string(expected_from));
        } else if (*b.from < expected_from) {
            error(b_from, "tiers overlap: '" + bn + "' starts at " + std::to_string(*b.from) + " but '" + an +
                              "' already covers up to " + std::to_string(*a.to) + "; set " + bn +
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

void Checker::check_tier_leads(const Procedure& p) {
    if (!partners_ok_ || !tiers_node_) return;
    for (Tier tier : all_tiers) {
        const bool led = std::any_of(p.partners.begin(), p.partners.end(), [&](const Partner& partner) {
            const auto& r = partner.roles[tier_index(tier)];
            return r && r->role == PartnerRole::Lead;
        });
        const bool unknown = std::any_of(broken_roles_.begin(), broken_roles_.end(),
                                         [&](const auto& broken) { return broken.second == tier; });
        if (led || unknown) continue;
        const toml::node* at = tier_nodes_[tier_index(tier)] ? tier_nodes_[tier_index(tier)] : tiers_node_;
        error(*at, "no partner leads a " + std::string(tier_id(tier)) +
                       " centre; give at least one partner " + std::string(tier_id(tier)) +
                       " = { role = \"lead\", on_site = true }");
    }
}

} // namespace procedure_detail

using namespace procedure_detail;

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
