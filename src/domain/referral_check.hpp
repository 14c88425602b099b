#pragma once
// One person's referrals against the pinned procedure's rules: which are required or recommended, which
// required ones are missing or overdue, and which records contradict the rules (an NRM made for an adult
// who declined it, an MS1 carrying identifying details, a child referred elsewhere without children's
// services, an NRM made by an organisation that is not a first responder, an MS1 by one without the
// duty). An undecided adult is a reminder, not a failure. An age not established is presumed a child
// (the child rule applies) and flagged until someone records an age. Every due time is the pinned
// procedure's, counted from the moment its rule says (arrival, the consent decision, the decline, the
// departure). A departure runs the same check at that moment: what is still missing is named with what
// to do now. Age is worked out on the date of arrival. Pure functions: times and dates come in as
// arguments. Messages never name the person.
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

// How a person left the centre for good (a temporary exit is not a departure).
struct PersonExit {
    UnixSeconds at = 0;
    Destination destination = Destination::Other;
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
    std::optional<UnixSeconds> due_at; // required: the anchor + the procedure's minutes (none: no time set)
    bool overdue = false;              // required, not made or accepted, and now > due_at
    bool made_late = false;            // made after due_at
};

enum class ReferralFindingKind {
    Missing,                 // (missing) required, nothing in progress or made
    Overdue,                 // (overdue) required, not made within the procedure's time
    Contradictory,           // (contradictory) a record that contradicts the rules
    Undecided,               // (undecided) an adult has not decided about the NRM: a reminder, not a failure
    ConsentNotAsked,         // (consent_not_asked) the NRM has not been explained and asked about: a reminder
    AgeNotEstablished,       // (age_not_established) no age recorded: presumed a child until someone does
    DepartedWithoutReferral, // (departed_without_referral) left with a required referral not yet made
    ReportedMissing,         // (reported_missing) left to an unknown place: report a missing person now
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
    bool urgent = false; // act now: a child who left without referrals, an age still unknown after the
                         // welfare check time, a person reported missing
};

struct PersonReferralCheck {
    ChildStatus child_status = ChildStatus::Unknown; // on the arrival date
    std::optional<PersonCategory> category;          // the rule followed (an unknown age: AgeDisputed)
    std::vector<ReferralRequirement> requirements;   // required in rule order, then recommended
    std::vector<ReferralType> required;
    std::vector<ReferralType> recommended;
    std::vector<ReferralType> made;    // types with a referral made or accepted (needed or not)
    std::vector<ReferralType> missing; // required, nothing in progress or made
    std::vector<ReferralType> overdue; // required, not made in time
    // Contradictions first (in referral order), then overdue, missing, and the flags and reminders.
    std::vector<ReferralFinding> findings;
    int contradictions = 0;
    bool age_not_established = false; // presumed a child until someone records an age
    // The procedure's welfare check time has passed with the age still not established.
    bool age_not_established_urgent = false;
    std::optional<UnixSeconds> age_due_at;  // arrival + the procedure's welfare_check_minutes
    bool undecided = false;                 // an adult who has not decided (on site)
    bool consent_not_asked = false;         // an adult who has not been asked (on site)
    std::optional<PersonExit> departure;    // left for good
    bool departed_without_referral = false; // left with a required referral missing
    bool reported_missing = false;          // left to "missing"
    // The earliest time still ahead of now at which something turns: a due time, the welfare check time.
    std::optional<UnixSeconds> next_due_at;
    // Anything a coordinator must act on (contradictions, missing or overdue referrals, no age recorded,
    // a person reported missing).
    bool needs_action() const {
        return contradictions > 0 || !missing.empty() || !overdue.empty() || age_not_established ||
               reported_missing;
    }
};

// One person's check. `arrival_date` is the date the person arrived (in the centre's time zone): age is
// worked out on it. `arrived_at` anchors a child's due times; `person.nrm_consent_at` an adult's (the
// arrival when it is not recorded). An adult whose consent has not been asked follows the undecided
// rule; once they leave, the MS1 the undecided rule times becomes required, anonymous, due from the
// departure. `departure` is how the person left; nullopt: the departure in `person.journey`, if any.
PersonReferralCheck check_person_referrals(const Procedure& p, const Person& person, Date arrival_date,
                                           UnixSeconds arrived_at, std::span<const Referral> referrals,
                                           UnixSeconds now,
                                           std::optional<PersonExit> departure = std::nullopt);

// The person's category on the arrival date (an age not established counts as AgeDisputed: the child
// rule applies).
std::optional<PersonCategory> referral_category(const Person& person, Date arrival_date);

// What recording an exit would leave undone, worked out before it is recorded, so that the desk can ask
// for confirmation and say what is still missing.
struct DepartureGate {
    bool temporary = false;          // a temporary exit: stays on the roll, nothing is raised
    bool needs_confirmation = false; // a required referral would be missing, or the person is missing
    bool child = false;              // treated as a child (under 18 on arrival, disputed, or not established)
    bool critical = false;           // what the alert would be
    std::vector<ReferralType> missing; // required referrals not made (including an MS1 the exit makes due)
    bool ms1_becomes_required = false; // an adult leaving undecided or never asked
    std::optional<UnixSeconds> ms1_due_at;
    std::string first_step; // what to do now, in a sentence
    std::string summary;    // "Still missing: children's services, NRM."
};
DepartureGate departure_gate(const Procedure& p, const Person& person, Date arrival_date,
                             UnixSeconds arrived_at, std::span<const Referral> referrals,
                             Destination destination, UnixSeconds at);

// The first thing to do when this person has left to `destination` with referrals missing (or is
// missing): a child who left alone or went missing needs the police on 999 first.
std::string departure_first_step(bool child, Destination destination, bool referrals_missing);

// "NRM", "Duty to Notify (MS1)", "children's services": for the middle of a sentence.
std::string referral_type_phrase(ReferralType t);

// Whether a referral of type `t` for this person must carry no identifying details: always for an MS1;
// otherwise what the procedure says for the person's category (for an unknown age, any category's rule).
bool referral_must_be_anonymous(const Procedure& p, const Person& person, Date arrival_date, ReferralType t);

// "1 h 20 min", "45 min", "2 days 3 h": for messages about time.
std::string format_duration(UnixSeconds seconds);

} // namespace rc
