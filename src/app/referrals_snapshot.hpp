#pragma once
// Referrals as the Referrals screen and the dashboard see them: per person, what the pinned procedure's
// rules require or recommend, what has been made, what is missing, overdue or contradictory; and the
// dashboard's alert list, gathered from every part of the console. Rebuilt when data change or when a
// due time passes, never per frame.
#include "domain/alert.hpp"
#include "domain/referral_check.hpp"
#include "domain/referral_record.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rc::app {

struct ReferralRow {
    std::int64_t id = 0;
    Referral referral; // decrypted (coordinator only: volunteers see the overview without it)
    UnixSeconds updated_at = 0;
};

struct PersonReferrals {
    std::int64_t person_id = 0;
    std::string reference;
    std::string name_text; // personal
    bool in_centre = false;
    std::optional<UnixSeconds> arrived_at;
    PersonReferralCheck check;
    std::vector<ReferralRow> referrals;
};

struct ReferralsSnapshot {
    std::uint64_t version = 0;
    bool procedure_pinned = false;
    std::vector<PersonReferrals> people; // check-in order
    int people_with_missing = 0;
    int missing = 0;
    int overdue = 0;
    int contradictions = 0;
    int age_not_established = 0;       // presumed children
    int departed_without_referral = 0; // left with a required referral missing
    int undecided = 0;
    int made = 0; // referrals made, accepted or in progress
    std::optional<UnixSeconds> next_change_at;
    std::vector<std::pair<std::string, std::string>> first_responders; // partner id, name
    std::vector<std::pair<std::string, std::string>> duty_holders;     // MS1
};

struct AlertsSnapshot {
    std::uint64_t version = 0;
    std::vector<Alert> alerts; // most urgent first
    AlertCounts counts;
};

} // namespace rc::app
