// Procedure files: [[partners]] and [[actions]] (with their due times).
#include "domain/procedure_checker.hpp"

namespace rc::procedure_detail {

void Checker::parse_partners(const toml::table& root, Procedure& p) {
    const toml::array* a = section_blocks(root, "partners", "one [[partners]] block per organisation");
    if (!a) return;
    each_block(
        *a, "partners", "partner", "partner", "red_cross",
        [&](const toml::table* t, const std::string& where, std::string id) {
            Partner partner;
            partner.id = std::move(id);
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
        });
    if (a->empty()) error(*root.get("partners"), "[[partners]]: no partners are defined");
    for (const Partner& partner : p.partners)
        if (!partner.id.empty() && !partner_index_.count(partner.id)) {
            partner_index_.emplace(partner.id, &partner);
            partner_id_list_.push_back(partner.id);
        }
    partners_ok_ = true;
}

const Partner* Checker::partner_ref(const Located& ref, std::string_view where, std::string_view what) {
    auto it = partner_index_.find(ref.value);
    if (it != partner_index_.end()) return it->second;
    if (partners_ok_)
        error(*ref.node, std::string(where) + ": " + std::string(what) + " " + show(ref.value) +
                             " is not a partner defined in [[partners]]" +
                             did_you_mean(ref.value, partner_id_list_) +
                             " (partners: " + join(partner_id_list_) + ")");
    return nullptr;
}

void Checker::parse_actions(const toml::table& root, Procedure& p) {
    const toml::array* a = section_blocks(root, "actions", "one [[actions]] block per step of the procedure");
    if (!a) return;
    if (a->empty()) error(*root.get("actions"), "[[actions]]: no actions are defined");
    const auto phases = phase_ids();
    each_block(
        *a, "actions", "action", "action", "rec-check-in",
        [&](const toml::table* t, const std::string& where, std::string id) {
            ProcedureAction act;
            act.id = std::move(id);
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
        });
}

void Checker::parse_due(const toml::table& t, const std::string& where, ProcedureAction& act) {
    const toml::node* after_node = t.get("due_after");
    const toml::node* minutes_node = t.get("due_minutes");
    if (!after_node && !minutes_node) return; // no fixed time
    if (!after_node || !minutes_node) {
        const toml::node& present = after_node ? *after_node : *minutes_node;
        error(present, where + ": give both due_after and due_minutes (e.g. due_after = \"first_arrival\", "
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
                error(*minutes_node, where + ": due_minutes is " + std::to_string(*v) +
                                         ": an action cannot be due before the moment it counts from; use 0 "
                                         "for 'at once'");
            else if (*v > max_due_minutes)
                error(*minutes_node, where + ": due_minutes is " + std::to_string(*v) + " (" +
                                         std::to_string(*v / (24 * 60)) +
                                         " days), more than 7 days (10080 minutes); a reception centre does "
                                         "not run that long; check the number");
            else
                minutes = static_cast<int>(*v);
        }
    }
    if (anchor && minutes) act.due = DueRule{*anchor, *minutes};
}

} // namespace rc::procedure_detail
