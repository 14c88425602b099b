#pragma once
// One referral of one person: its type, the organisation making it and who made it, the receiving
// organisation, how consent was explained and answered, where it stands (with times), the external
// reference and notes. Plain data and the rules for changing it; which referrals a person needs is in
// referral_check.hpp. made_by, reason, external_reference and notes may be personal: never log them.
#include "domain/clock.hpp"
#include "domain/person.hpp"
#include "domain/procedure.hpp"
#include "domain/referral.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// Ids in parentheses are stable (database).
enum class ReferralStatus {
    ToDo,       // (to_do) planned, nothing done yet
    InProgress, // (in_progress) being prepared or submitted
    Made,       // (made) the receiving organisation has it
    Accepted,   // (accepted) the receiving organisation took it on
    Declined,   // (declined) the receiving organisation turned it down (with a reason)
    Withdrawn,  // (withdrawn) withdrawn by the centre or at the person's wish (with a reason)
};
inline constexpr std::array<ReferralStatus, 6> all_referral_statuses{
    ReferralStatus::ToDo,     ReferralStatus::InProgress, ReferralStatus::Made,
    ReferralStatus::Accepted, ReferralStatus::Declined,   ReferralStatus::Withdrawn};
std::string_view referral_status_id(ReferralStatus s);    // "in_progress"
std::string_view referral_status_label(ReferralStatus s); // "In progress"
std::optional<ReferralStatus> referral_status_from_id(std::string_view id);

// In progress, made or accepted: the need is being met.
bool referral_status_active(ReferralStatus s);
// Made, accepted or declined: it reached the receiving organisation.
bool referral_status_made(ReferralStatus s);
// Anything past to do, withdrawn aside: someone acted on it (what the consent rules look at).
bool referral_status_acted_on(ReferralStatus s);
// Declined and withdrawn need a reason.
bool referral_status_needs_reason(ReferralStatus s);

// to do -> in progress, made, withdrawn; in progress -> to do (paused), made, withdrawn;
// made -> accepted, declined, withdrawn; accepted -> withdrawn. Declined and withdrawn are final: a new
// attempt is a new referral, so the history of the first stays as it was.
bool referral_transition_allowed(ReferralStatus from, ReferralStatus to);
// In all_referral_statuses order (what a screen offers).
std::vector<ReferralStatus> allowed_referral_statuses(ReferralStatus from);
// The statuses a new referral may start at: to do, in progress, or made (recorded after the fact).
bool referral_initial_status_allowed(ReferralStatus s);

// The person's answer about this referral.
enum class ReferralConsent {
    Pending,   // (pending) not given or declined yet
    Given,     // (given)
    Declined,  // (declined)
    NotNeeded, // (not_needed) a child's NRM and children's services referral; an anonymous MS1
};
inline constexpr std::array<ReferralConsent, 4> all_referral_consents{
    ReferralConsent::Pending, ReferralConsent::Given, ReferralConsent::Declined, ReferralConsent::NotNeeded};
std::string_view referral_consent_id(ReferralConsent c);
std::string_view referral_consent_label(ReferralConsent c); // "Not needed"
std::optional<ReferralConsent> referral_consent_from_id(std::string_view id);

struct Referral {
    ReferralType type = ReferralType::Other;
    std::string making_partner;         // the procedure partner (id) making it; empty: not decided yet
    std::string made_by;                // who made it: a name or a staff reference (personal)
    std::string receiving_organisation; // "Home Office (Single Competent Authority)", "Starting Point"
    bool consent_explained = false;
    std::string interpreter_language; // ISO 639 code it was explained in through an interpreter; empty: none
    ReferralConsent consent = ReferralConsent::Pending;
    ReferralStatus status = ReferralStatus::ToDo;
    UnixSeconds status_at = 0;             // when the status was last set
    std::optional<UnixSeconds> made_at;    // when it reached the receiving organisation
    std::optional<UnixSeconds> outcome_at; // accepted, declined or withdrawn
    std::string reason;                    // why declined or withdrawn (may be personal)
    std::string external_reference;        // the receiving organisation's reference number
    std::string notes;                     // may be personal
    bool identifying = false;              // carries details that identify the person
};

// Limits on text fields, in characters.
inline constexpr std::size_t max_made_by_chars = 200;
inline constexpr std::size_t max_organisation_chars = 200;
inline constexpr std::size_t max_external_reference_chars = 100;
inline constexpr std::size_t max_referral_note_chars = 2000; // notes, reason

// Referral types that never carry identifying details, whatever the procedure says: the Duty to Notify
// is anonymous unless the adult consents, and an adult who consents is referred into the NRM instead.
bool referral_type_always_anonymous(ReferralType t);

// Which of the person's identifying details appear in `text`, ignoring ASCII case: "name" or "alias"
// (the whole name, or any word of it of 4 characters or more, as a whole word), "tag" (as a whole word),
// "dob" (as YYYY-MM-DD, DD/MM/YYYY or D/M/YYYY). Empty when none.
std::vector<std::string> identifying_details_in(std::string_view text, const Person& person);

// Everything wrong with a referral before it is saved, in field order (ids: type, making_partner, made_by,
// receiving_organisation, interpreter_language, reason, external_reference, notes, identifying):
// text too long, not UTF-8 or with control characters; a partner not in the procedure; a language not in
// ISO 639; a declined or withdrawn status without a reason; an NRM or MS1 made without saying which
// organisation made it; identifying details on a referral that must be anonymous (`anonymous`: the
// procedure lists the type in no_identifying_data for this person, or the type is always anonymous),
// including free text that names the person (`person`, when given).
std::vector<FieldProblem> validate_referral(const Referral& r, const Procedure& procedure, bool anonymous,
                                            const Person* person = nullptr);

} // namespace rc
