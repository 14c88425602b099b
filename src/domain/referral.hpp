#pragma once
// Referral types and the categories of person that the referral rules are written for.
#include <array>
#include <optional>
#include <string_view>

namespace rc {

// Stable ids (used in the procedure file and the database) in parentheses.
enum class ReferralType {
    Nrm,                     // (nrm) National Referral Mechanism; adults must consent
    DutyToNotify,            // (duty_to_notify) form MS1, anonymous unless the adult consents
    ChildrensServices,       // (childrens_services) always, for every child
    AdultSafeguarding,       // (adult_safeguarding)
    PreNrmSupport,           // (pre_nrm_support) e.g. Rebuild East Midlands
    SalvationArmyVictimCare, // (salvation_army_victim_care) Modern Slavery Victim Care Contract
    SafeAccommodation,       // (safe_accommodation)
    Medical,                 // (medical)
    Refuge,                  // (refuge) domestic abuse
    LegalAdvice,             // (legal_advice) legal and immigration advice
    FamilyTracing,           // (family_tracing) e.g. British Red Cross
    Other,                   // (other)
};
inline constexpr std::array<ReferralType, 12> all_referral_types{ReferralType::Nrm,
                                                                 ReferralType::DutyToNotify,
                                                                 ReferralType::ChildrensServices,
                                                                 ReferralType::AdultSafeguarding,
                                                                 ReferralType::PreNrmSupport,
                                                                 ReferralType::SalvationArmyVictimCare,
                                                                 ReferralType::SafeAccommodation,
                                                                 ReferralType::Medical,
                                                                 ReferralType::Refuge,
                                                                 ReferralType::LegalAdvice,
                                                                 ReferralType::FamilyTracing,
                                                                 ReferralType::Other};
std::string_view referral_type_id(ReferralType t);    // "duty_to_notify"
std::string_view referral_type_label(ReferralType t); // "Duty to Notify (MS1)"
std::optional<ReferralType> referral_type_from_id(std::string_view id);

// The adult's decision about an NRM referral. Undecided is a legitimate state, not a missing value.
enum class NrmConsent { Undecided, Yes, No };
std::string_view nrm_consent_id(NrmConsent c); // "undecided", "yes", "no"
std::optional<NrmConsent> nrm_consent_from_id(std::string_view id);

// Whether the person is a child. A disputed age is treated as a child until an age assessment says
// otherwise.
enum class AgeStatus { Adult, Child, Disputed };

// Who the referral rules are written for.
enum class PersonCategory {
    Child,          // (child) under 18
    AgeDisputed,    // (age_disputed) follows the child rules
    AdultConsents,  // (adult_consents) consents to an NRM referral
    AdultDeclines,  // (adult_declines) does not consent
    AdultUndecided, // (adult_undecided) has not decided yet
};
inline constexpr std::array<PersonCategory, 5> all_person_categories{
    PersonCategory::Child, PersonCategory::AgeDisputed, PersonCategory::AdultConsents,
    PersonCategory::AdultDeclines, PersonCategory::AdultUndecided};
std::string_view person_category_id(PersonCategory c);
std::string_view person_category_label(PersonCategory c);
std::optional<PersonCategory> person_category_from_id(std::string_view id);

// The category for a person: children and disputed ages first (consent does not matter for them).
PersonCategory person_category(AgeStatus age, NrmConsent consent);

} // namespace rc
