// Procedure files: [[bag_kinds]] and [bag_plan], [[contacts]], [functions] and
// [[authorised_organisations]].
#include "domain/procedure_checker.hpp"

namespace rc::procedure_detail {

void Checker::parse_bag_kinds(const toml::table& root, Procedure& p) {
    const toml::array* a =
        section_blocks(root, "bag_kinds", "one [[bag_kinds]] block per kind of support bag");
    if (!a) return;
    if (a->empty()) error(*root.get("bag_kinds"), "[[bag_kinds]]: no bag kinds are defined");
    each_block(*a, "bag_kinds", "bag kind", "bag kind", "adult_female",
               [&](const toml::table* t, const std::string& where, std::string id) {
                   BagKind kind;
                   kind.id = std::move(id);
                   check_keys(*t, {"id", "name"}, where);
                   if (auto v = text(*t, "name", where, true, "e.g. name = \"Adult (female)\""))
                       kind.name = *v;
                   if (!kind.id.empty()) {
                       bag_kind_ids_.insert(kind.id);
                       bag_kind_id_list_.push_back(kind.id);
                   }
                   p.bag_kinds.push_back(std::move(kind));
               });
}

void Checker::parse_bag_plan(const toml::table& root, Procedure& p) {
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
            if (auto m =
                    bounded(lt, "min_stock", lwhere, true, "bags to hold before opening, e.g. 6", 0, 100000))
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

void Checker::parse_contacts(const toml::table& root, Procedure& p) {
    const toml::array* a =
        section_blocks(root, "contacts", "one [[contacts]] block per number in the call-out");
    if (!a) return;
    if (a->empty()) error(*root.get("contacts"), "[[contacts]]: no contacts are defined");
    each_block(
        *a, "contacts", "contact", "contact", "call-derbyshire",
        [&](const toml::table* t, const std::string& where, std::string id) {
            Contact c;
            c.id = std::move(id);
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
        });
}

// The functions someone on site must perform at each tier. Optional: a procedure without it names
// none, and coverage is then by partner only.
void Checker::parse_functions(const toml::table& root, Procedure& p) {
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

// Organisations outside the partnership that may lawfully make an NRM referral or an MS1, so that a
// referral they make is not reported as made by an unknown organisation. Optional.
void Checker::parse_authorised_organisations(const toml::table& root, Procedure& p) {
    const toml::node* section = root.get("authorised_organisations");
    if (!section) return;
    const toml::array* a = section_blocks(root, "authorised_organisations",
                                          "one [[authorised_organisations]] block per organisation");
    if (!a) return;
    each_block(
        *a, "authorised_organisations", "organisation", "authorised organisation", "glaa",
        [&](const toml::table* t, const std::string& where, std::string id) {
            AuthorisedOrganisation o;
            o.id = std::move(id);
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
        });
}

} // namespace rc::procedure_detail
