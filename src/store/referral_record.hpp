#pragma once
// The sealed records of a referral (referrals.referral_enc: its type, organisations, consent, status
// and whether it identifies the person) and of a change to one (referral_events.event_enc: the action,
// the statuses and the names of the fields that changed). Not for use outside src/store.
#include "domain/referral_record.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::store {

// The attributes of `r` that referral_enc holds (not the times, not the separately sealed free text).
std::string encode_referral(const Referral& r);
// Fills those attributes of `r`; false when the record does not decode.
bool decode_referral(std::string_view plain, Referral& r);

struct ReferralEventFacts {
    std::string action; // created, updated, status
    std::optional<ReferralStatus> from_status;
    ReferralStatus to_status = ReferralStatus::ToDo;
    std::string fields; // ';'-separated field ids
};
std::string encode_referral_event(const ReferralEventFacts& e);
std::optional<ReferralEventFacts> decode_referral_event(std::string_view plain);

} // namespace rc::store
