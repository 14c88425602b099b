#pragma once
// The operation as screens see it: the centre's status and tier, the pinned procedure and the state
// of each of its actions, the venue register. Rebuilt by the session when data change or when an
// action's due time passes, never per frame.
#include "domain/centre.hpp"
#include "domain/clock.hpp"
#include "domain/procedure.hpp"
#include "domain/procedure_rules.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rc::app {

struct VenueForm {
    std::string name;
    std::string address;
    int capacity = 0;
    bool interview_rooms = false;
    bool showers = false;
    bool kitchen = false;
    bool step_free_access = false;
    bool parking = false;
    std::string keyholder_name;
    std::string keyholder_phone;
    std::string notes;
};

struct VenueView {
    std::int64_t id = 0;
    std::string name;
    std::string address;
    int capacity = 0;
    std::string facilities;   // "interview rooms, showers, step-free access"
    std::string keyholder;    // "name, phone" (personal: only while signed in)
    VenueForm form;           // every field as the edit form holds it (personal: only while signed in)
    std::int64_t version = 1; // an edit or a removal states the version it started from
};

struct TierChangeView {
    UnixSeconds at = 0;
    Tier from = Tier::Small;
    Tier to = Tier::Small;
    std::string reason;
};

// One action of the pinned procedure at the current tier, ready to draw.
struct ActionView {
    ActionState state;
    std::string id;
    std::string title;
    Phase phase = Phase::Activation;
    std::string lead;     // the lead partner's name
    std::string due_text; // "06:40", "after the first arrival", "no fixed time"
    bool mandatory = true;
    std::string by;          // who recorded it done / not applicable
    std::string reason;      // why not applicable
    std::string status_text; // "Done 06:52 by Anna Kowalska, 12 min late"
};

struct OperationSnapshot {
    std::uint64_t version = 0;
    CentreStatus status = CentreStatus::Standby;
    Tier tier = Tier::Small;
    std::string name;
    int expected_people = 0;
    std::optional<UnixSeconds> activated_at;
    std::optional<UnixSeconds> first_arrival_at;
    std::string venue_name;

    // The procedure pinned at activation (null before).
    std::shared_ptr<const Procedure> procedure;
    std::string procedure_label;     // "Derbyshire template v0.3 (sha256 1a2b3c4d…), pinned 06:12"
    std::vector<ActionView> actions; // phase order, then due time
    ActionCounts counts;
    std::optional<UnixSeconds> next_due; // when an open action next turns overdue
    std::vector<TierChangeView> tier_changes;

    std::vector<VenueView> venues;
};

// The coordinator's activation form.
struct ActivationForm {
    std::string name;
    int expected_people = 0;
    std::string expected_arrival; // "HH:MM" today (or tomorrow if already past), or empty
    std::string venue;            // a venue's name, or empty
    std::optional<Tier> tier;     // empty: the proposed tier
};

// What activating would do, shown before the coordinator confirms.
struct ActivationPreview {
    std::string procedure_source;      // where the procedure was read from
    std::vector<std::string> problems; // file:line:column messages; any: activation is refused
    std::optional<Tier> proposed_tier;
    std::vector<std::string> venues_that_fit; // names, closest fit first
};

// A venue as the register form edits it.

} // namespace rc::app
