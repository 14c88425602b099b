#pragma once
// One person's referrals against the pinned procedure's rules: which are required or recommended, which
// required ones are missing or overdue, and which records contradict the rules (an NRM made for an adult
// who declined it, an MS1 carrying identifying details, a child referred elsewhere without children's
// services, an NRM made by an organisation that is not a first responder, an MS1 by one without the
// duty). An undecided adult is a reminder, not a failure; an unknown age is flagged so that someone asks
// or arranges an age assessment. Age is worked out on the date of arrival. Pure functions: times and
// dates come in as arguments. Messages never name the person.
#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/procedure.hpp"
#include "domain/referral.hpp"
#include "domain/referral_record.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// A required referral not made this many hours after arrival is overdue. The procedure file has no
// value for it yet; a screen or setting may pass another.
inline constexpr int default_referral_overdue_hours = 4;

struct ReferralCheckOptions {
    int overdue_after_hours = default_referral_overdue_hours; // clamped to 0..168
};

enum class ReferralNeed { Required, Recommended };
std::string_view referral_need_id(ReferralNeed n); // "required", "recommended"

// Where one required or recommended referral stands.
struct ReferralRequirement {
    ReferralType type = ReferralType::Other;
    ReferralNeed need = ReferralNeed::Required;
    bool anonymous = false; // must carry no identifying details (procedure's no_identifying_data, or MS1)
    // The referral of this type that counts (index into the referrals checked): the one furthest along
    // (accepted, made, in progress, to do, declined, withdrawn; the later one on a tie).
    std::optional<std::size_t> referral;
    std::optional<ReferralStatus> status; // that referral's status
    bool missing = true;                  // nothing in progress, made or accepted
    std::optional<UnixSeconds> due_at;    // required: arrival + the overdue hours
    bool overdue = false;                 // required, not made or accepted, and now > due_at
    bool made_late = false;               // made after due_at
};

enum class ReferralFindingKind {
    Missing,         // (missing) required, nothing in progress or made
    Overdue,         // (overdue) required, not made within the hours allowed after arrival
    Contradictory,   // (contradictory) a record that contradicts the rules
    AgeUnknown,      // (age_unknown) nothing says child or adult: ask, or arrange an age assessment
    Undecided,       // (undecided) an adult has not decided about the NRM: a reminder, not a failure
    ConsentNotAsked, // (consent_not_asked) the NRM has not been explained and asked about: a reminder
};
std::string_view referral_finding_kind_id(ReferralFindingKind k);

enum class Contradiction {
    NrmWithoutConsent,             // (nrm_without_consent) an NRM acted on for an adult who has not consented
    NrmConsentNotExplained,        // (nrm_consent_not_explained) an adult's NRM made with no record of the
                                   // consent being explained
    ConsentDeclinedButMade,        // (consent_declined_but_made) the referral's consent is declined, yet it
                                   // was acted on
    NrmNotByFirstResponder,        // (nrm_not_by_first_responder)
    Ms1NotByDutyHolder,            // (ms1_not_by_duty_holder) an MS1 by an organisation without the duty
    IdentifyingOnAnonymous,        // (identifying_on_anonymous) an MS1 (or another anonymous referral)
                                   // carrying identifying details
    Ms1ForChild,                   // (ms1_for_child) children are referred into the NRM, not notified by MS1
    ChildWithoutChildrensServices, // (child_without_childrens_services) a child referred elsewhere with no
                                   // children's services referral under way
};
std::string_view contradiction_id(Contradiction c);

struct ReferralFinding {
    ReferralFindingKind kind = ReferralFindingKind::Missing;
    std::optional<ReferralType> type;
    std::optional<std::size_t> referral; // index into the referrals checked
    std::optional<Contradiction> contradiction;
    std::string message; // a sentence without names: "NRM marked made for an adult who declined the NRM"
};

struct PersonReferralCheck {
    ChildStatus child_status = ChildStatus::Unknown; // on the arrival date
    std::optional<PersonCategory> category;          // nullopt when the age is unknown
    std::vector<ReferralRequirement> requirements;   // required in rule order, then recommended
    std::vector<ReferralType> required;
    std::vector<ReferralType> recommended;
    std::vector<ReferralType> made;    // types with a referral made or accepted (needed or not)
    std::vector<ReferralType> missing; // required, nothing in progress or made
    std::vector<ReferralType> overdue; // required, not made in time
    // Contradictions first (in referral order), then overdue, missing, and the flags and reminders.
    std::vector<ReferralFinding> findings;
    int contradictions = 0;
    bool age_unknown = false;
    bool undecided = false;         // an adult who has not decided
    bool consent_not_asked = false; // an adult who has not been asked
    // The earliest due time of a missing required referral still ahead of now: when to check again.
    std::optional<UnixSeconds> next_due_at;
    // Anything a coordinator must act on (contradictions, missing or overdue referrals, unknown age).
    bool needs_action() const {
        return contradictions > 0 || !missing.empty() || !overdue.empty() || age_unknown;
    }
};

// One person's check. `arrival_date` is the date the person arrived (in the centre's time zone): age is
// worked out on it. `arrived_at` anchors the overdue times. An adult whose consent has not been asked
// follows the undecided rule.
PersonReferralCheck check_person_referrals(const Procedure& p, const Person& person, Date arrival_date,
                                           UnixSeconds arrived_at, std::span<const Referral> referrals,
                                           UnixSeconds now, const ReferralCheckOptions& options = {});

// The person's category on the arrival date, or nullopt when the age is unknown.
std::optional<PersonCategory> referral_category(const Person& person, Date arrival_date);

// Whether a referral of type `t` for this person must carry no identifying details: always for an MS1;
// otherwise what the procedure says for the person's category (for an unknown age, any category's rule).
bool referral_must_be_anonymous(const Procedure& p, const Person& person, Date arrival_date, ReferralType t);

// "1 h 20 min", "45 min", "2 days 3 h": for messages about time.
std::string format_duration(UnixSeconds seconds);

} // namespace rc
