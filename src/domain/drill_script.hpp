#pragma once
// A drill: a scripted exercise, the way a local resilience forum rehearses a reception, written as a TOML
// file (docs/drills.md). It names the operation, when it starts and ends on a simulated clock, and lists
// events (an arrivals roll imported, a person checked in, a decision, a referral, a departure, staff
// signing in and out, stock moving, the tier raised), each at a time after the start or at a local date
// and time. This file reads and checks the whole drill before anything touches a database: every problem
// is reported as file:line:column, and a drill with any problem is not run at all.
//
// Each event kind is one alternative of DrillAction and one entry in the loader's table of kinds
// (drill_script.cpp); the replay (app/drill_runner.cpp) has one function per alternative.
#include "domain/centre.hpp"
#include "domain/clock.hpp"
#include "domain/diagnostic.hpp"
#include "domain/journey.hpp"
#include "domain/person.hpp"
#include "domain/procedure.hpp"
#include "domain/procedure_rules.hpp"
#include "domain/referral_record.hpp"
#include "domain/site_function.hpp"
#include "domain/stock_ledger.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rc {

// ---- The event kinds -------------------------------------------------------------------------------

// import_roll = "roll.csv": a nominal roll, all rows or none (the file is read and checked when the
// drill is loaded, with "now" at the event's time).
struct DrillImportRoll {
    std::filesystem::path file; // as resolved against the drill file's folder
    std::string text;           // the file's contents, read once
    std::size_t people = 0;
};

// check_in = "T020": one person checked in now, with what the desk learned.
struct DrillCheckIn {
    Person person; // tag and the given fields; no reference, no journey
};

// register_group = 12: placeholders for a group that arrived together, tags from first_tag counting up.
struct DrillRegisterGroup {
    int count = 0;
    std::string group;
    std::string first_tag;
};

// step = "welfare_check_done" | "interviewed" | "temporary_exit" | "returned" for `tag`.
struct DrillJourneyStep {
    std::string tag;
    JourneyStep step = JourneyStep::WelfareCheckDone;
};

// decision = "yes" | "no" | "undecided" for `tag`: the adult's NRM decision (yes and no also record the
// journey's "decision recorded" step, as the Arrivals form does).
struct DrillDecision {
    std::string tag;
    NrmConsent consent = NrmConsent::Undecided;
};

// referral = "nrm" (any referral type id) for `tag`, with by, status, consent, receiving, reference.
struct DrillReferral {
    std::string tag;
    Referral referral;
};

// depart = "home" (any destination id) for `tag`.
struct DrillDepart {
    std::string tag;
    Destination destination = Destination::Other;
};

// staff_in = "Name": a member of staff or a volunteer signs in, with the functions they perform here.
struct DrillStaffIn {
    std::string name;
    std::string partner_id; // a partner of the pinned procedure, or empty
    std::string organisation;
    std::string role;
    bool awareness_trained = false;
    SiteFunctions functions;            // what they may do here (NRM referrals, interpreting, ...)
    std::vector<std::string> languages; // ISO 639 codes they interpret (with the interpreter function)
};

// staff_out = "Name": the person of that name on site signs out.
struct DrillStaffOut {
    std::string name;
};

// stock = "receive" | "issue" | "write_off": bags into a store, one bag to each of `tags`, or written off.
enum class DrillStockAction { Receive, Issue, WriteOff };
struct DrillStock {
    DrillStockAction action = DrillStockAction::Receive;
    std::string bag_kind;
    int quantity = 1;                             // receive, write_off
    std::string store = "centre";                 // the stock store's code
    std::string supplier;                         // receive
    WriteOffReason reason = WriteOffReason::Lost; // write_off
    std::vector<std::string> tags;                // issue: one bag each
};

// raise_tier = "medium" | "large", with a reason.
struct DrillRaiseTier {
    Tier tier = Tier::Medium;
    std::string reason;
};

// action = "act-take-call" (or a list of ids): procedure actions recorded done, or not applicable with
// a reason.
struct DrillProcedureAction {
    std::vector<std::string> ids;
    ActionOutcome outcome = ActionOutcome::Done;
    std::string reason;
};

// revise_expected = 31: the number of people expected, revised, with an optional reason.
struct DrillReviseExpected {
    int expected = 0;
    std::string reason;
};

using DrillAction = std::variant<DrillImportRoll, DrillCheckIn, DrillRegisterGroup, DrillJourneyStep,
                                 DrillDecision, DrillReferral, DrillDepart, DrillStaffIn, DrillStaffOut,
                                 DrillStock, DrillRaiseTier, DrillProcedureAction, DrillReviseExpected>;

// The key that names an event's kind in the file ("import_roll", "depart", ...).
std::string_view drill_action_key(const DrillAction& action);

struct DrillEvent {
    UnixSeconds at = 0;
    std::uint32_t line = 0; // where the [[events]] table starts, for messages during the replay
    std::uint32_t column = 0;
    std::string when; // as written ("+01:30", "2026-03-14T07:30")
    DrillAction action;
};

struct DrillScript {
    std::filesystem::path file; // the drill file, as named
    std::string name;           // the operation's name
    UnixSeconds start = 0;
    UnixSeconds end = 0;
    int expected = 0;
    std::optional<Tier> tier;             // empty: the tier the procedure proposes
    std::filesystem::path procedure_file; // empty: the built-in procedure
    std::string procedure_text;           // the procedure to activate under
    std::string procedure_source;         // what to call it in messages
    std::shared_ptr<const Procedure> procedure;
    std::vector<DrillEvent> events; // by time; events at the same time keep the file's order
};

struct DrillLoadResult {
    std::optional<DrillScript> script;   // set exactly when there are no diagnostics
    std::vector<Diagnostic> diagnostics; // sorted by position
    bool ok() const { return script.has_value(); }
};

// Reads and checks the drill at `path` (its rolls and procedure are read relative to its folder).
DrillLoadResult load_drill_file(const std::filesystem::path& path);

// The same for drill text already read; `folder` is where relative paths in it start.
DrillLoadResult parse_drill(std::string_view text, std::string_view source_name,
                            const std::filesystem::path& folder);

// "+01:30" (minutes after `start`, hours may exceed 24) or a local "YYYY-MM-DDTHH:MM[:SS]".
std::optional<UnixSeconds> parse_drill_time(std::string_view text, UnixSeconds start);

} // namespace rc
