#pragma once
// The agreed procedure: who does what, when, at small, medium and large reception centres, as plain
// data loaded from a TOML file the partnership writes (see procedures/README.md for the format and
// domain/procedure_loader.hpp for loading it; domain/procedure_rules.hpp for the rules over it).
#include "domain/centre.hpp"
#include "domain/referral.hpp"
#include "domain/site_function.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

inline constexpr std::array<Tier, 3> all_tiers{Tier::Small, Tier::Medium, Tier::Large};
constexpr std::size_t tier_index(Tier t) {
    return static_cast<std::size_t>(t);
}

// The phases of a reception centre's life, in order. Ids in parentheses.
enum class Phase {
    Activation, // (activation) the call, choosing the tier and venue, calling partners out
    SetUp,      // (set_up)
    Reception,  // (reception) arrivals checked in, often in waves
    Welfare,    // (welfare) food, first aid, clothes, the support bag, rest
    Interviews, // (interviews) interviews and decisions: interpreters, the NRM explained, consent
    Referrals,  // (referrals) referrals and onward movement
    StandDown,  // (stand_down)
    Debrief,    // (debrief)
};
inline constexpr std::array<Phase, 8> all_phases{Phase::Activation, Phase::SetUp,      Phase::Reception,
                                                 Phase::Welfare,    Phase::Interviews, Phase::Referrals,
                                                 Phase::StandDown,  Phase::Debrief};
std::string_view phase_id(Phase p);    // "interviews"
std::string_view phase_label(Phase p); // "Interviews and decisions"
std::optional<Phase> phase_from_id(std::string_view id);

// A partner's role at a centre of one tier.
enum class PartnerRole { Lead, Support };
std::string_view partner_role_id(PartnerRole r); // "lead", "support"
std::string_view partner_role_label(PartnerRole r);
std::optional<PartnerRole> partner_role_from_id(std::string_view id);

// What an action's due time counts from.
enum class DueAnchor { Activation, FirstArrival };
std::string_view due_anchor_id(DueAnchor a); // "activation", "first_arrival"
std::string_view due_anchor_label(DueAnchor a);
std::optional<DueAnchor> due_anchor_from_id(std::string_view id);

// Limits the loader enforces; screens may use them for their own inputs.
inline constexpr int max_due_minutes = 7 * 24 * 60; // an action due more than 7 days on is a mistake
inline constexpr int max_people = 100000;           // tier thresholds above this are a mistake

// ---- The procedure ------------------------------------------------------------------------------

struct ProcedureInfo {
    std::string name;
    std::string version;
    std::string owner;
    bool is_template = true; // "template — adapt before use" until the partnership has agreed it
    std::string notes;
    int on_site_warning_hours = 12;     // people on site longer than this stand out
    int staff_shift_warning_hours = 12; // staff on shift longer than this stand out
    // Each arrival's welfare check, which establishes their age, is due this many minutes after they
    // arrive ([warnings] welfare_check_minutes); an age still not established then is critical.
    int welfare_check_minutes = 60;
};

// Everyone from `from_people` to `to_people` (inclusive) expected at the centre; no `to_people` means
// no upper limit. A valid procedure's tiers cover 1..infinity without gaps or overlaps.
struct TierRange {
    Tier tier = Tier::Small;
    int from_people = 1;
    std::optional<int> to_people;
    std::string notes;
};

struct TierRole {
    PartnerRole role = PartnerRole::Support;
    bool on_site = false; // the role must be filled by someone at the centre (not by phone)
};

struct Partner {
    std::string id; // e.g. "red_cross"
    std::string name;
    std::string duties;                           // what the partner does, in a sentence or two
    bool first_responder = false;                 // may make NRM referrals
    bool duty_to_notify = false;                  // a public authority with the section 52 duty (MS1)
    std::array<std::optional<TierRole>, 3> roles; // by tier_index; empty: not involved at that tier
};

struct DueRule {
    DueAnchor after = DueAnchor::Activation;
    int minutes = 0; // 0..max_due_minutes
};

struct ProcedureAction {
    std::string id; // e.g. "rec-check-in"
    Phase phase = Phase::Activation;
    std::string title;
    std::string lead;                 // partner id
    std::vector<std::string> support; // partner ids
    std::vector<Tier> tiers;          // the tiers it applies to (never empty)
    std::optional<DueRule> due;       // none: no fixed time (e.g. stand-down steps)
    bool mandatory = true;
    std::string notes;
};

// How long a required referral may take, in minutes, counted from the moment the rule's category says
// (referral_due_anchor in procedure_rules.hpp): a child's from arrival, an adult's NRM from the consent,
// an MS1 from the decline or the departure.
struct ReferralDue {
    ReferralType type = ReferralType::Nrm;
    int minutes = 0; // 1..max_due_minutes
};

struct ReferralRule {
    std::vector<ReferralType> required;
    std::vector<ReferralType> recommended;
    std::vector<ReferralType> no_identifying_data; // referrals that must carry no identifying details
    // One per required type (and, for adult_undecided, the MS1 owed when the adult leaves undecided), in
    // file order: the file's due_minutes.
    std::vector<ReferralDue> due;
};

struct ReferralRules {
    ReferralRule child; // also for people whose age is disputed
    ReferralRule adult_consents;
    ReferralRule adult_declines;
    ReferralRule adult_undecided;
};

struct BagKind {
    std::string id; // e.g. "adult_female"
    std::string name;
};

struct BagPlanLine {
    std::string kind;        // bag kind id
    double per_person = 0.0; // bags of this kind planned per person expected (0.5: one for every two)
    int min_stock = 0;       // bags of this kind to hold before the centre opens
};

struct Contact {
    std::string id;
    std::string organisation;
    std::string role;
    std::string phone;
    std::string hours;
    std::optional<int> order; // step in the call-out cascade (1 first); none: a reference number only
    std::string partner;      // partner id, or empty
    std::string notes;
};

// An organisation that may lawfully make an NRM referral or a Duty to Notify report (MS1) without being
// a partner in this procedure: the GLAA, the NCA, Immigration Enforcement, a neighbouring council.
struct AuthorisedOrganisation {
    std::string id; // e.g. "glaa"
    std::string name;
    bool first_responder = false; // may make NRM referrals
    bool duty_to_notify = false;  // has the section 52 duty (MS1)
    std::string notes;
};

// Who a referral may name as making it: a partner, or an authorised organisation.
struct ReferralMaker {
    std::string id;
    std::string name;
    bool first_responder = false;
    bool duty_to_notify = false;
    bool partner = true; // false: an authorised organisation from outside the partnership
};

struct Procedure {
    ProcedureInfo info;
    std::array<TierRange, 3> tiers;       // by tier_index
    std::vector<Partner> partners;        // in file order
    std::vector<ProcedureAction> actions; // in file order
    ReferralRules referrals;
    std::vector<BagKind> bag_kinds;                    // in file order
    std::array<std::vector<BagPlanLine>, 3> bag_plans; // by tier_index, lines in bag_kinds order
    std::vector<Contact> contacts;                     // in file order
    // The functions someone on site must perform, by tier_index ([functions]; empty: none named).
    std::array<std::vector<SiteFunction>, 3> functions;
    std::vector<AuthorisedOrganisation> authorised_organisations; // in file order
    std::string source_sha256; // procedure_hash() of the exact text it was parsed from
};

// Look-ups by id; nullptr when absent. Pointers are valid while the procedure is unchanged.
const Partner* find_partner(const Procedure& p, std::string_view id);
const ProcedureAction* find_action(const Procedure& p, std::string_view id);
const BagKind* find_bag_kind(const Procedure& p, std::string_view id);
const Contact* find_contact(const Procedure& p, std::string_view id);
const AuthorisedOrganisation* find_authorised_organisation(const Procedure& p, std::string_view id);
// A partner first, then an authorised organisation; empty when the id is neither.
std::optional<ReferralMaker> find_referral_maker(const Procedure& p, std::string_view id);
// Everyone who may make an NRM referral (first_responder) or an MS1 (!first_responder): partners in
// file order, then authorised organisations.
std::vector<ReferralMaker> referral_makers(const Procedure& p, bool first_responder);

} // namespace rc
