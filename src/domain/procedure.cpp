#include "domain/procedure.hpp"

#include <algorithm>

namespace rc {

std::string_view phase_id(Phase p) {
    switch (p) {
    case Phase::Activation:
        return "activation";
    case Phase::SetUp:
        return "set_up";
    case Phase::Reception:
        return "reception";
    case Phase::Welfare:
        return "welfare";
    case Phase::Interviews:
        return "interviews";
    case Phase::Referrals:
        return "referrals";
    case Phase::StandDown:
        return "stand_down";
    case Phase::Debrief:
        return "debrief";
    }
    return "activation";
}

std::string_view phase_label(Phase p) {
    switch (p) {
    case Phase::Activation:
        return "Activation";
    case Phase::SetUp:
        return "Set-up";
    case Phase::Reception:
        return "Reception";
    case Phase::Welfare:
        return "Welfare";
    case Phase::Interviews:
        return "Interviews and decisions";
    case Phase::Referrals:
        return "Referrals and onward movement";
    case Phase::StandDown:
        return "Stand-down";
    case Phase::Debrief:
        return "Debrief";
    }
    return "Activation";
}

std::optional<Phase> phase_from_id(std::string_view id) {
    for (Phase p : all_phases)
        if (phase_id(p) == id) return p;
    return std::nullopt;
}

std::string_view partner_role_id(PartnerRole r) {
    return r == PartnerRole::Lead ? "lead" : "support";
}
std::string_view partner_role_label(PartnerRole r) {
    return r == PartnerRole::Lead ? "Lead" : "Support";
}
std::optional<PartnerRole> partner_role_from_id(std::string_view id) {
    if (id == "lead") return PartnerRole::Lead;
    if (id == "support") return PartnerRole::Support;
    return std::nullopt;
}

std::string_view due_anchor_id(DueAnchor a) {
    return a == DueAnchor::Activation ? "activation" : "first_arrival";
}
std::string_view due_anchor_label(DueAnchor a) {
    return a == DueAnchor::Activation ? "after activation" : "after the first arrival";
}
std::optional<DueAnchor> due_anchor_from_id(std::string_view id) {
    if (id == "activation") return DueAnchor::Activation;
    if (id == "first_arrival") return DueAnchor::FirstArrival;
    return std::nullopt;
}

namespace {
template <class T> const T* find_by_id(const std::vector<T>& items, std::string_view id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}
} // namespace

const Partner* find_partner(const Procedure& p, std::string_view id) {
    return find_by_id(p.partners, id);
}
const ProcedureAction* find_action(const Procedure& p, std::string_view id) {
    return find_by_id(p.actions, id);
}
const BagKind* find_bag_kind(const Procedure& p, std::string_view id) {
    return find_by_id(p.bag_kinds, id);
}
const Contact* find_contact(const Procedure& p, std::string_view id) {
    return find_by_id(p.contacts, id);
}
const AuthorisedOrganisation* find_authorised_organisation(const Procedure& p, std::string_view id) {
    return find_by_id(p.authorised_organisations, id);
}

std::optional<ReferralMaker> find_referral_maker(const Procedure& p, std::string_view id) {
    if (const Partner* partner = find_partner(p, id))
        return ReferralMaker{partner->id, partner->name, partner->first_responder, partner->duty_to_notify,
                             true};
    if (const AuthorisedOrganisation* o = find_authorised_organisation(p, id))
        return ReferralMaker{o->id, o->name, o->first_responder, o->duty_to_notify, false};
    return std::nullopt;
}

std::vector<ReferralMaker> referral_makers(const Procedure& p, bool first_responder) {
    std::vector<ReferralMaker> out;
    for (const Partner& partner : p.partners)
        if (first_responder ? partner.first_responder : partner.duty_to_notify)
            out.push_back({partner.id, partner.name, partner.first_responder, partner.duty_to_notify, true});
    for (const AuthorisedOrganisation& o : p.authorised_organisations)
        if (first_responder ? o.first_responder : o.duty_to_notify)
            out.push_back({o.id, o.name, o.first_responder, o.duty_to_notify, false});
    return out;
}

} // namespace rc
