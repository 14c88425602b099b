#include "store/referral_record.hpp"

#include "store/sealed_record.hpp"

namespace rc::store {

namespace {

constexpr char kReferralFormat = 1;
// Field numbers: never renumber; a new field takes the next number.
enum ReferralField : std::uint8_t {
    kType = 1,
    kMakingPartner = 2,
    kReceivingOrganisation = 3,
    kConsentExplained = 4,
    kInterpreterLanguage = 5,
    kConsent = 6,
    kStatus = 7,
    kIdentifying = 8,
};

constexpr char kEventFormat = 1;
enum EventField : std::uint8_t { kAction = 1, kFromStatus = 2, kToStatus = 3, kFields = 4 };

} // namespace

std::string encode_referral(const Referral& r) {
    return SealedRecordWriter(std::string(1, kReferralFormat))
        .field(kType, referral_type_id(r.type))
        .field(kMakingPartner, r.making_partner)
        .field(kReceivingOrganisation, r.receiving_organisation)
        .field(kConsentExplained, r.consent_explained ? "yes" : "no")
        .field(kInterpreterLanguage, r.interpreter_language)
        .field(kConsent, referral_consent_id(r.consent))
        .field(kStatus, referral_status_id(r.status))
        .field(kIdentifying, r.identifying ? "yes" : "no")
        .finish();
}

bool decode_referral(std::string_view in, Referral& r) {
    if (in.empty() || in[0] != kReferralFormat) return false;
    const auto f = read_sealed_fields(in, 1);
    if (!f) return false;
    const auto type = referral_type_from_id(sealed_text(*f, kType));
    const auto consent = referral_consent_from_id(sealed_text(*f, kConsent));
    const auto status = referral_status_from_id(sealed_text(*f, kStatus));
    if (!type || !consent || !status) return false;
    r.type = *type;
    r.making_partner = sealed_text(*f, kMakingPartner);
    r.receiving_organisation = sealed_text(*f, kReceivingOrganisation);
    r.consent_explained = sealed_text(*f, kConsentExplained) == "yes";
    r.interpreter_language = sealed_text(*f, kInterpreterLanguage);
    r.consent = *consent;
    r.status = *status;
    r.identifying = sealed_text(*f, kIdentifying) == "yes";
    return true;
}

std::string encode_referral_event(const ReferralEventFacts& e) {
    SealedRecordWriter w(std::string(1, kEventFormat));
    w.field(kAction, e.action).field(kToStatus, referral_status_id(e.to_status)).field(kFields, e.fields);
    if (e.from_status) w.field(kFromStatus, referral_status_id(*e.from_status));
    return w.finish();
}

std::optional<ReferralEventFacts> decode_referral_event(std::string_view in) {
    if (in.empty() || in[0] != kEventFormat) return std::nullopt;
    const auto f = read_sealed_fields(in, 1);
    if (!f) return std::nullopt;
    ReferralEventFacts e;
    e.action = sealed_text(*f, kAction);
    const auto to = referral_status_from_id(sealed_text(*f, kToStatus));
    if (e.action.empty() || !to) return std::nullopt;
    e.to_status = *to;
    if (const std::string from = sealed_text(*f, kFromStatus); !from.empty()) {
        e.from_status = referral_status_from_id(from);
        if (!e.from_status) return std::nullopt;
    }
    e.fields = sealed_text(*f, kFields);
    return e;
}

} // namespace rc::store
