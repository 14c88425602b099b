// Procedure files: [referrals], the rules that say which referrals each person needs and by when.
#include "domain/procedure_checker.hpp"

namespace rc::procedure_detail {

void Checker::parse_referrals(const toml::table& root, Procedure& p) {
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
                              did_you_mean(k.str(), categories) + " (categories: " + join(categories) + ")");
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

std::vector<ReferralType> Checker::referral_list(const toml::table& t, std::string_view key,
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
void Checker::parse_referral_rule(const toml::table& t, const std::string& where, std::string_view category,
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
            error(pos("required"), where + ": an adult must consent to an NRM referral, so 'nrm' cannot be "
                                           "required here");
        if (category == "adult_declines" && has(rule.recommended, ReferralType::Nrm))
            error(pos("recommended"),
                  where + ": the adult has declined the NRM, so 'nrm' cannot be recommended here");
        if (category == "adult_declines" && !has(rule.required, ReferralType::DutyToNotify))
            error(pos("required"), where + ": when an adult does not consent, the Duty to Notify (MS1) is "
                                           "required; add 'duty_to_notify' to 'required'");
        if (!has(rule.no_identifying_data, ReferralType::DutyToNotify))
            error(pos("no_identifying_data"),
                  where + ": an MS1 for an adult who has not consented must carry no identifying details; "
                          "add 'duty_to_notify' to 'no_identifying_data'");
    }
    // Once the lists themselves are wrong, which types need a time is not known: say nothing more.
    parse_referral_due(t, where, category, rule, diags_.size() == problems_before);
}

// due_minutes = { nrm = 720 }: how long each required referral may take under this rule. Every required
// type needs one, and adult_undecided needs one for the MS1 owed when an undecided adult leaves; a
// time for a type the rule does not require would never be used, so it is refused as a mistake.
void Checker::parse_referral_due(const toml::table& t, const std::string& where, std::string_view category,
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
                error(k.source(), at + ": '" + key +
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
        if (std::any_of(rule.due.begin(), rule.due.end(), [&](const ReferralDue& d) { return d.type == x; }))
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

} // namespace rc::procedure_detail
