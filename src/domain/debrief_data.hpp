#pragma once
// The debrief of one operation as plain data: what every export format (workbook, report, CSV, JSON)
// is written from. Pseudonymised by default: people are codes random to the export ("P-7KQ2"), ages are
// bands, and nothing that names or describes a person in free text is filled in. The fields marked
// "identifiable only" stay empty unless a coordinator asked for an identifiable export with a reason.
// Medical notes, diet, property held and phone numbers are never part of a debrief in either mode.
#include "domain/alert.hpp"
#include "domain/centre.hpp"
#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/journey.hpp"
#include "domain/person.hpp"
#include "domain/procedure.hpp"
#include "domain/procedure_rules.hpp"
#include "domain/referral.hpp"
#include "domain/referral_record.hpp"
#include "domain/stock_ledger.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

enum class DebriefMode {
    Pseudonymised, // (pseudonymised) the default: safe to share with the partnership
    Identifiable,  // (identifiable) names and free text: a coordinator, with a reason, audited
};
std::string_view debrief_mode_id(DebriefMode m);
std::string_view debrief_mode_label(DebriefMode m); // "Pseudonymised"
std::optional<DebriefMode> debrief_mode_from_id(std::string_view id);

// Counts below this are shown as "<3" in the summary when small counts are suppressed.
inline constexpr int kSmallCountThreshold = 3;

enum class FigureUnit {
    Count,   // (count) people, referrals, bags
    Minutes, // (minutes) a duration
    Hours,   // (hours) e.g. person-hours on site
    Percent, // (percent) 0..100
    Ratio,   // (ratio) e.g. bags per person
};
std::string_view figure_unit_id(FigureUnit u);

// One line of the summary. A suppressed count carries no value at all, so no writer can leak it.
struct Figure {
    std::string key;   // stable: "people_received", "nrm_by_organisation.police"
    std::string group; // "People", "Time", "Procedure", "Referrals", "Outcomes", "Stock", "Partners"
    std::string label; // "People received"
    FigureUnit unit = FigureUnit::Count;
    std::optional<double> value; // empty when not available or suppressed
    bool suppressed = false;
    std::string display; // "12", "<3", "1 h 20 min", "85%", "not recorded"
};

struct TimelineEvent {
    UnixSeconds at = 0;
    std::string kind; // activation, tier_change, callout, partner_on_site, first_arrival, wave, last_arrival,
                      // last_departure, standing_down, reopened, closed
    std::string text; // a sentence without names
};

// One required referral and when the procedure wanted it by.
struct DebriefReferralDue {
    ReferralType type = ReferralType::Other;
    std::optional<UnixSeconds> due_at; // none: the procedure sets no time for it
    bool made = false;                 // made or accepted
    bool made_late = false;            // made after due_at
    bool overdue = false;              // not made, and due_at had passed when the export was measured
};

struct DebriefPerson {
    std::string code; // "P-7KQ2" (pseudonymised) or the centre reference (identifiable)
    // Identifiable only.
    std::string reference;
    std::string tag;
    std::string name;       // as written
    std::string latin_name; // in Latin letters, when recorded
    std::string alias;
    std::optional<Date> date_of_birth;
    // Both modes.
    Sex sex = Sex::Unknown;
    AgeBand age_band = AgeBand::Unknown;             // on the arrival date
    ChildStatus child_status = ChildStatus::Unknown; // on the arrival date
    std::string nationality;
    std::vector<std::string> languages;
    std::optional<bool> interpreter_needed;
    ExploitationTypes exploitation;
    NrmConsentAnswer nrm_consent;
    std::optional<UnixSeconds> arrived_at;
    std::optional<UnixSeconds> welfare_check_at;
    std::optional<UnixSeconds> interviewed_at;
    std::optional<UnixSeconds> decision_at;
    std::optional<UnixSeconds> departed_at;
    std::optional<Destination> destination;
    bool on_site = false;           // at the time of the export (temporary exits count)
    UnixSeconds time_in_centre = 0; // to departure, else to the close or the export
    int bags = 0;                   // bags held: issued less returned and reversed
    bool referrals_checked = false; // false before activation (no rules to check against)
    std::vector<ReferralType> referrals_required;
    std::vector<ReferralType> referrals_recommended;
    std::vector<ReferralType> referrals_made;
    std::vector<ReferralType> referrals_missing;
    std::vector<ReferralType> referrals_overdue;
    std::vector<DebriefReferralDue> referrals_due; // each required referral with its due time
};

struct DebriefReferral {
    std::string person_code;
    ReferralType type = ReferralType::Other;
    std::string making_partner;      // procedure partner id
    std::string making_organisation; // the partner's name (or the id when unknown)
    std::string receiving_organisation;
    ReferralStatus status = ReferralStatus::ToDo;
    ReferralConsent consent = ReferralConsent::Pending;
    bool consent_explained = false;
    std::string interpreter_language;
    UnixSeconds status_at = 0;
    std::optional<UnixSeconds> made_at;
    std::optional<UnixSeconds> outcome_at;
    bool identifying = false;
    // Identifiable only.
    std::string made_by;
    std::string external_reference;
    std::string reason;
    std::string notes;
};

// How an action went against the procedure.
enum class Compliance {
    OnTime,        // (on_time) done by its due time
    Late,          // (late) done after its due time
    Missed,        // (missed) not done and past its due time
    NotApplicable, // (not_applicable) skipped, with a reason
    Done,          // (done) done; the action has no due time
    Open,          // (open) not done, not yet due (or no due time)
};
std::string_view compliance_id(Compliance c);
std::string_view compliance_label(Compliance c); // "On time"
Compliance compliance_of(const ActionState& s);

struct DebriefAction {
    std::string action_id;
    std::string title;
    Phase phase = Phase::Activation;
    std::string lead; // the lead partner's name
    bool mandatory = true;
    std::optional<UnixSeconds> due_at;
    std::optional<UnixSeconds> recorded_at; // when it was done or marked not applicable
    ActionStatus status = ActionStatus::ToDo;
    Compliance compliance = Compliance::Open;
    UnixSeconds late_by = 0; // seconds past due: done late, or still open when missed
    // Identifiable only: free text and who did it.
    std::string skip_reason;
    std::string done_by;
};

struct ComplianceCounts {
    int on_time = 0;
    int late = 0;
    int missed = 0;
    int not_applicable = 0;
    int done_without_due_time = 0;
    int open = 0;
    // On time among the actions that had a due time and came due (on time, late, missed); empty when
    // none did.
    std::optional<double> share_on_time() const;
};

struct DebriefCallout {
    std::string contact_id;
    std::string organisation;
    std::string role; // the contact's job title in the procedure, not a person
    std::string status;
    std::optional<UnixSeconds> first_called_at;
    std::optional<UnixSeconds> confirmed_at;
    std::optional<UnixSeconds> on_site_at;
    int attempts = 0;
    std::optional<int> people;
};

struct DebriefStaff {
    std::string organisation;
    std::string partner_id;
    std::string role_at_centre;
    bool awareness_trained = false;
    std::string functions; // "nrm_first_responder;interpreter" (site_functions_text)
    std::string languages; // interpreted: "ti;ar"
    UnixSeconds time_in = 0;
    std::optional<UnixSeconds> time_out;
    UnixSeconds on_site_seconds = 0; // to the time out, else to the close or the export
    std::int64_t person_key = 0;     // the same for one person's returns (a number, not the record id)
    std::string name;                // identifiable only
};

struct PartnerAttendance {
    std::string organisation;
    std::string partner_id;
    int records = 0; // sign-ins
    int people = 0;  // different people
    std::optional<UnixSeconds> first_in;
    std::optional<UnixSeconds> last_out; // empty while anyone is still signed in
    double person_hours = 0;
    bool awareness_trained_all = false;
};

struct DebriefMovement {
    StockMovementId id = 0;
    UnixSeconds at = 0;
    MovementKind kind = MovementKind::Received;
    std::string bag_kind;
    std::string bag_kind_name;
    int quantity = 0;
    std::string from_store; // names
    std::string to_store;
    std::string person_code;
    std::optional<WriteOffReason> write_off;
    std::string supplier; // an organisation
    std::optional<StockMovementId> reverses;
    bool reversed = false;
    std::string note; // identifiable only
};

struct DebriefBalance {
    std::string bag_kind;
    std::string bag_kind_name;
    std::string store;
    int on_hand = 0;
};

struct StockKindSummary {
    std::string bag_kind;
    std::string bag_kind_name;
    int received = 0;
    int issued = 0; // to people, net of returns and reversals
    int written_off = 0;
    int adjusted = 0; // net stocktake corrections
    int on_hand = 0;  // at the end, every store
};

struct DebriefLogEntry {
    std::int64_t id = 0;
    UnixSeconds at = 0;
    bool automatic = true;
    std::string text;
};

struct DebriefAlert {
    AlertSeverity severity = AlertSeverity::Warning;
    AlertKind kind = AlertKind::Other;
    std::string message; // references replaced by the export's codes when pseudonymised
    AlertTargetKind target_kind = AlertTargetKind::Centre;
    std::string target; // the label: a person's code, an action id, a bag kind
    std::optional<UnixSeconds> since;
};

struct CountByName {
    std::string key; // a stable id (partner id, destination id)
    std::string name;
    int count = 0;
};

struct ReferralOutcomeRow {
    ReferralType type = ReferralType::Other;
    int to_do = 0;
    int in_progress = 0;
    int made = 0;
    int accepted = 0;
    int declined = 0;
    int withdrawn = 0;
    int total() const { return to_do + in_progress + made + accepted + declined + withdrawn; }
};

struct HourCount {
    UnixSeconds hour_start = 0;
    int count = 0;
};

struct OnSitePoint {
    UnixSeconds at = 0;
    int on_site = 0; // after the changes at `at`
};

struct DebriefData {
    // ---- the export itself
    DebriefMode mode = DebriefMode::Pseudonymised;
    std::string reason; // identifiable only
    UnixSeconds generated_at = 0;
    bool small_counts_suppressed = true;
    std::optional<UnixSeconds> purged_at; // personal fields were purged for retention then
    std::optional<std::int64_t>
        export_record; // the audited record of this export (store/debrief_exports.hpp)

    // ---- the operation
    std::string centre_name;
    std::string centre_code;
    std::string venue;
    Tier tier = Tier::Small;
    CentreStatus status = CentreStatus::Standby;
    int expected_people = 0;
    std::optional<UnixSeconds> activated_at;
    std::optional<UnixSeconds> first_arrival_at;
    std::optional<UnixSeconds> stood_down_at;
    std::optional<UnixSeconds> closed_at;
    UnixSeconds measured_until = 0; // the close, else the export: open stays are counted to it
    std::string procedure_name;
    std::string procedure_version;
    std::string procedure_sha256;

    // ---- rows
    std::vector<TimelineEvent> timeline;
    std::vector<DebriefPerson> people; // in arrival order
    std::vector<DebriefReferral> referrals;
    std::vector<DebriefAction> actions;
    std::vector<DebriefCallout> callouts;
    std::vector<DebriefStaff> staff;
    std::vector<PartnerAttendance> attendance;
    std::vector<DebriefMovement> movements;
    std::vector<DebriefBalance> balances;
    std::vector<StockKindSummary> stock;
    std::vector<DebriefLogEntry> log; // automatic entries only when pseudonymised
    int manual_log_entries = 0;       // in the database, whether exported or not
    int automatic_log_entries = 0;
    std::vector<DebriefAlert> alerts; // open at the time of the export, most urgent first

    // ---- figures (debrief_figures.hpp computes them from the rows)
    ComplianceCounts compliance;
    std::vector<CountByName> nrm_by_organisation;
    std::vector<CountByName> ms1_by_organisation;
    std::vector<CountByName> outcomes_by_destination;
    std::vector<ReferralOutcomeRow> referral_outcomes;
    std::vector<HourCount> arrivals_per_hour;
    std::vector<OnSitePoint> people_on_site;
    std::vector<Figure> summary;
};

} // namespace rc
