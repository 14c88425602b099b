#include "domain/referral.hpp"

namespace rc {

std::string_view referral_type_id(ReferralType t) {
    switch (t) {
    case ReferralType::Nrm:
        return "nrm";
    case ReferralType::DutyToNotify:
        return "duty_to_notify";
    case ReferralType::ChildrensServices:
        return "childrens_services";
    case ReferralType::AdultSafeguarding:
        return "adult_safeguarding";
    case ReferralType::PreNrmSupport:
        return "pre_nrm_support";
    case ReferralType::SalvationArmyVictimCare:
        return "salvation_army_victim_care";
    case ReferralType::SafeAccommodation:
        return "safe_accommodation";
    case ReferralType::Medical:
        return "medical";
    case ReferralType::Refuge:
        return "refuge";
    case ReferralType::LegalAdvice:
        return "legal_advice";
    case ReferralType::FamilyTracing:
        return "family_tracing";
    case ReferralType::Other:
        return "other";
    }
    return "other";
}

std::string_view referral_type_label(ReferralType t) {
    switch (t) {
    case ReferralType::Nrm:
        return "National Referral Mechanism (NRM)";
    case ReferralType::DutyToNotify:
        return "Duty to Notify (MS1)";
    case ReferralType::ChildrensServices:
        return "Children's services";
    case ReferralType::AdultSafeguarding:
        return "Adult safeguarding";
    case ReferralType::PreNrmSupport:
        return "Pre-NRM support";
    case ReferralType::SalvationArmyVictimCare:
        return "Salvation Army victim care";
    case ReferralType::SafeAccommodation:
        return "Safe accommodation";
    case ReferralType::Medical:
        return "Medical";
    case ReferralType::Refuge:
        return "Refuge";
    case ReferralType::LegalAdvice:
        return "Legal and immigration advice";
    case ReferralType::FamilyTracing:
        return "Family tracing";
    case ReferralType::Other:
        return "Other";
    }
    return "Other";
}

std::optional<ReferralType> referral_type_from_id(std::string_view id) {
    for (ReferralType t : all_referral_types)
        if (referral_type_id(t) == id) return t;
    return std::nullopt;
}

std::string_view nrm_consent_id(NrmConsent c) {
    switch (c) {
    case NrmConsent::Undecided:
        return "undecided";
    case NrmConsent::Yes:
        return "yes";
    case NrmConsent::No:
        return "no";
    }
    return "undecided";
}

std::optional<NrmConsent> nrm_consent_from_id(std::string_view id) {
    for (NrmConsent c : {NrmConsent::Undecided, NrmConsent::Yes, NrmConsent::No})
        if (nrm_consent_id(c) == id) return c;
    return std::nullopt;
}

std::string_view person_category_id(PersonCategory c) {
    switch (c) {
    case PersonCategory::Child:
        return "child";
    case PersonCategory::AgeDisputed:
        return "age_disputed";
    case PersonCategory::AdultConsents:
        return "adult_consents";
    case PersonCategory::AdultDeclines:
        return "adult_declines";
    case PersonCategory::AdultUndecided:
        return "adult_undecided";
    }
    return "child";
}

std::string_view person_category_label(PersonCategory c) {
    switch (c) {
    case PersonCategory::Child:
        return "Child";
    case PersonCategory::AgeDisputed:
        return "Age disputed (treated as a child)";
    case PersonCategory::AdultConsents:
        return "Adult who consents to the NRM";
    case PersonCategory::AdultDeclines:
        return "Adult who declines the NRM";
    case PersonCategory::AdultUndecided:
        return "Adult who has not decided";
    }
    return "Child";
}

std::optional<PersonCategory> person_category_from_id(std::string_view id) {
    for (PersonCategory c : all_person_categories)
        if (person_category_id(c) == id) return c;
    return std::nullopt;
}

PersonCategory person_category(AgeStatus age, NrmConsent consent) {
    if (age == AgeStatus::Child) return PersonCategory::Child;
    if (age == AgeStatus::Disputed) return PersonCategory::AgeDisputed;
    switch (consent) {
    case NrmConsent::Yes:
        return PersonCategory::AdultConsents;
    case NrmConsent::No:
        return PersonCategory::AdultDeclines;
    case NrmConsent::Undecided:
        return PersonCategory::AdultUndecided;
    }
    return PersonCategory::AdultUndecided;
}

} // namespace rc
