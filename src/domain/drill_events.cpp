// A drill's event kinds, one parser each: what each kind takes and how it reads, checked as the
// console would check the same input (the roll's parser for a check-in, the procedure for actions).
#include "domain/drill_checker.hpp"

namespace rc::drill_detail {

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

} // namespace rc::drill_detail
