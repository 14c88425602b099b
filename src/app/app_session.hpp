#pragma once
// The seam between the window shell and the centre's data. The shell asks an AppSession whether the
// centre is open (or needs a gate: first run, sign-in, lock screen), reads in-memory snapshots to draw
// from, and sends edits through it. Screens never reach past it: no SQL, no store calls per frame.
//
// PreviewSession (preview_session.hpp) implements it in memory until the store is wired in; the store
// version will implement the same interface over rc::store::Store (sign_in, lock, append_log, ...).
#include "app/edit_conflict.hpp"
#include "app/edit_result.hpp"
#include "app/operation_snapshot.hpp"
#include "app/partners_snapshot.hpp"
#include "app/people_snapshot.hpp"
#include "app/referrals_snapshot.hpp"
#include "app/stock_snapshot.hpp"
#include "domain/centre.hpp"
#include "domain/clock.hpp"
#include "domain/permissions.hpp"
#include "domain/referral_prompt_sheet.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::app {

// What the shell shows: the main screens (Open) or a gate screen in their place. A gate screen shows
// no personal data.
enum class GateState {
    NoCentre,   // first run: no centre database yet; create it and the first coordinator
    SignedOut,  // a database is open but nobody is signed in
    Locked,     // someone was signed in and the console locked (idle or Ctrl+L)
    Open,       // signed in: the main screens
    Unavailable // the database was refused (damaged, newer, not ours, in use): gate_problem() says why
};

// The "saved" indicator in the status bar.
enum class SaveState {
    NoDatabase,   // nothing can be saved: no centre database is open
    Saved,        // every edit is committed (last_saved_at says when)
    Failed,       // the last edit could not be saved (problem says why)
    NotConnected, // a shared centre's server cannot be reached: nothing can be saved until it is back
    Reconnected,  // the server is back (problem says since when); forms that failed still need saving
    KeyChanged    // signed out: another desk rotated the centre's data key; nothing saved was lost
};

// Another desk of a shared centre, as the status bar lists it.
struct DeskStatus {
    std::string role;                 // the database role it connects as, e.g. "desk2"
    double seconds_since_contact = 0; // since its last heartbeat
    bool connected = false;           // heard from recently
    bool this_desk = false;
};

// What the status bar draws. `version` goes up whenever anything in it changes.
struct StatusSnapshot {
    std::uint64_t version = 0;
    std::string centre_name;   // "No centre open" when none
    std::string database_path; // as the user should read it (UTF-8)
    SaveState save_state = SaveState::NoDatabase;
    UnixSeconds last_saved_at = 0;
    std::string save_problem;
    // A shared centre (PostgreSQL): the desks heard from, this one among them.
    bool shared_centre = false;
    int desks_connected = 0;
    std::vector<DeskStatus> desks;
    // Check-ins in this desk's offline roll, not yet in the shared centre.
    int offline_roll = 0;
};

// One entry of the centre's activity log (ICS 214 style). Text may be personal: never log it.
struct LogEntryView {
    std::int64_t id = 0;
    UnixSeconds at = 0;
    std::string text;
    std::string author;     // the user who wrote it (personal: only while signed in)
    bool automatic = false; // written by the console for a key event (activation, tier change, ...)
};

// The activity log as screens see it, newest first. `version` goes up after every change.
struct LogSnapshot {
    std::uint64_t version = 0;
    std::vector<LogEntryView> entries;
};

// The first-run form: the centre and its first coordinator.
struct NewCentreForm {
    std::string centre_name;
    std::string centre_code = "OP-0001";
    std::string venue;
    std::string coordinator_name;
    std::string passphrase;
    std::string passphrase_again;
    std::string pin; // optional
};

// Who is signed in, for the status bar (a user's own name is shown only to them, while open).
struct SignedInUser {
    std::string name;
    UserRole role = UserRole::Volunteer;
};

// A backup the coordinator may restore from.
struct BackupChoice {
    std::filesystem::path file;
    std::string label; // "Automatic, Tue 24 Nov 14:05 (1.2 MB)"
};

class AppSession {
public:
    virtual ~AppSession() = default;

    // ---- the gate
    virtual GateState gate_state() const = 0;
    // Whether "Lock now" (Ctrl+L) is available (only when someone signed in can unlock again).
    virtual bool can_lock() const = 0;
    virtual void lock() = 0;

    // ---- snapshots the screens render from (cheap: references to in-memory data)
    virtual const StatusSnapshot& status() const = 0;
    virtual const LogSnapshot& log() const = 0;

    // ---- edits (each one transaction once the store is wired; the snapshot is refreshed after)
    virtual EditResult add_log_entry(std::string_view text) = 0;

    // ---- gate actions (defaults: no database behind this session)
    virtual std::string gate_problem() const { return {}; }
    virtual EditResult create_centre(const NewCentreForm& form);
    virtual EditResult sign_in(std::string_view name, std::string_view passphrase);
    virtual EditResult unlock_with_pin(std::string_view name, std::string_view pin);
    virtual bool pin_unlock_available() const { return false; }
    virtual void sign_out() {}
    virtual std::optional<SignedInUser> signed_in_user() const { return std::nullopt; }
    // What the signed-in role may do (screens hide what it may not; the store checks again).
    virtual bool can(Permission permission) const { return permission == Permission::WriteLog; }

    // ---- the operation (activation, the pinned procedure, venues)
    virtual const OperationSnapshot& operation() const;
    virtual ActivationPreview preview_activation(int expected_people) const;
    virtual EditResult activate(const ActivationForm& form);
    virtual EditResult record_action(std::string_view action_id, ActionOutcome outcome,
                                     std::string_view reason);
    virtual EditResult reopen_action(std::string_view action_id);
    virtual EditResult raise_tier(Tier tier, std::string_view reason);
    // The number of people now expected in total (audited, in the log); the bag forecast follows it.
    virtual EditResult revise_expected(int expected_people, std::string_view reason);
    virtual EditResult set_centre_status(CentreStatus status);
    // `started_from`: the version of the record the form opened (VenueView::version), for an edit or a
    // removal. A record changed since is not overwritten: the result carries both versions.
    virtual SaveResult<VenueForm> save_venue(std::optional<std::int64_t> id, const VenueForm& form,
                                             std::optional<std::int64_t> started_from = std::nullopt);
    virtual EditResult remove_venue(std::int64_t id, std::optional<std::int64_t> started_from = std::nullopt);
    virtual EditResult import_venues(const std::filesystem::path& file);

    // ---- people received (Arrivals)
    virtual const PeopleSnapshot& people() const;
    // Checks one person in now; `arrived_at` empty: now, else "HH:MM" today.
    virtual CheckInResult check_in(const Person& person, std::string_view arrived_at);
    // "12 people arrived on bus 1 at 06:40": placeholders with references (and tags from `first_tag`
    // counting up, when it ends in a number).
    virtual CheckInResult register_group(int count, std::string_view group, std::string_view arrived_at,
                                         std::string_view first_tag);
    // `started_from`: the version of the row the edit began with (PersonRow::version). A record changed
    // since is not overwritten: the result carries the conflict. Empty: the version read when saving.
    virtual CheckInResult update_person(std::int64_t id, const Person& person,
                                        std::optional<std::int64_t> started_from);
    virtual EditResult record_journey_step(std::int64_t id, JourneyStep step,
                                           std::optional<Destination> destination);
    // What recording this exit would leave undone (the departure gate), from the snapshots in memory: the
    // desk asks for confirmation with it before recording the departure.
    DepartureGate departure_gate(std::int64_t id, Destination destination, UnixSeconds now) const;
    // Warnings before saving: the same tag as someone else, or someone who looks like the same person
    // (a name alike with the same date of birth or age band), saying why.
    virtual std::vector<std::string> duplicate_warnings(const Person& person,
                                                        std::optional<std::int64_t> id) const;
    // `column_choices`: "Header=field" over the matches by name and synonym (roll_mapping.hpp).
    virtual RollPreview preview_roll(const std::filesystem::path& file,
                                     const std::vector<std::string>& column_choices = {}) const;
    virtual EditResult import_roll(const std::filesystem::path& file,
                                   const std::vector<std::string>& column_choices = {});
    // A shared centre whose server cannot be reached: check-in may go on into this desk's offline roll
    // (an encrypted file on the desk), imported into the centre once the server is back.
    virtual bool offline_roll_offered() const;
    // Saves a check-in to the offline roll (never "Saved": it is on this desk only).
    virtual CheckInResult save_offline(const Person& person, std::string_view arrived_at);
    // What importing the offline roll would do (the roll import's checks and duplicate warnings).
    virtual RollPreview preview_offline_roll();
    // Imports the whole offline roll in one transaction, or nobody; the file goes once it committed.
    virtual EditResult import_offline_roll();

    // ---- partners and staff
    virtual const PartnersSnapshot& partners() const;
    virtual EditResult record_callout(std::string_view contact_id, const CalloutForm& form);
    virtual EditResult sign_in_staff(const StaffForm& form);
    virtual EditResult quick_sign_in(std::int64_t previous);
    virtual EditResult sign_out_staff(std::int64_t id);
    // `started_from`: DirectoryRow::version, as save_venue.
    virtual SaveResult<DirectoryForm>
    save_directory_entry(std::optional<std::int64_t> id, const DirectoryForm& form,
                         std::optional<std::int64_t> started_from = std::nullopt);
    virtual EditResult remove_directory_entry(std::int64_t id,
                                              std::optional<std::int64_t> started_from = std::nullopt);

    // ---- referrals and alerts
    virtual const ReferralsSnapshot& referrals() const;
    virtual const AlertsSnapshot& alerts() const;
    // A new referral for a person; problems name the fields (e.g. identifying details on an MS1).
    virtual CheckInResult add_referral(std::int64_t person_id, const Referral& referral);
    // `started_from`: ReferralView's version, as save_venue (a status change moves it too).
    virtual SaveResult<Referral> update_referral(std::int64_t referral_id, const Referral& referral,
                                                 std::optional<std::int64_t> started_from = std::nullopt);
    virtual EditResult set_referral_status(std::int64_t referral_id, ReferralStatus status,
                                           std::string_view reason);
    // The answers the Home Office form asks for (the MS1 version carries no identifying data).
    virtual std::optional<PromptSheet> prompt_sheet(std::int64_t referral_id) const;

    // ---- stock (support bags): quantities are whole bags; kinds are the procedure's ids
    virtual const StockSnapshot& stock() const;
    virtual EditResult receive_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                                     std::string_view supplier, std::string_view note);
    virtual EditResult transfer_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                                      StockStoreId to);
    // Unused bags back into a store, from a person (optional) or found.
    virtual EditResult return_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                                    std::optional<std::int64_t> person, std::string_view note);
    virtual EditResult write_off_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                                       WriteOffReason reason, std::string_view note);
    virtual EditResult reverse_stock_movement(StockMovementId id, std::string_view reason);
    // Each count becomes an adjustment for its difference from what the store holds; all or nothing.
    virtual EditResult apply_stocktake(const std::vector<StockCount>& counts, std::string_view note);
    // The kind of bag that fits the person (what the arrivals desk offers).
    virtual BagKindSuggestion suggest_bag(std::int64_t person) const;
    // One bag to the person from a store: the arrivals desk's one keystroke.
    virtual EditResult issue_bag(std::int64_t person, std::string_view bag_kind, StockStoreId from);
    // `started_from`: StockStoreView::version, as save_venue.
    virtual SaveResult<StockStoreForm>
    save_stock_store(std::optional<StockStoreId> id, const StockStoreForm& form,
                     std::optional<std::int64_t> started_from = std::nullopt);
    virtual StockImportPreview preview_stock_import(const std::filesystem::path& file) const;
    virtual EditResult import_stock(const std::filesystem::path& file);

    // ---- the debrief and retention
    struct DebriefExportForm {
        bool xlsx = true, pdf = true, csv = false, json = false;
        std::string out_dir;
        bool identifiable = false;
        std::string reason; // required when identifiable
    };
    // Writes the chosen formats; the message lists the files written (or says what is wrong).
    virtual EditResult export_debrief(const DebriefExportForm& form);
    // Whether the retention purge may run now, in a sentence; empty when it may.
    virtual std::string purge_problem(bool force_before_period) const;
    virtual EditResult purge_personal_data(bool force_before_period);

    // ---- the database file
    virtual EditResult backup_now();
    virtual std::vector<BackupChoice> backups() const { return {}; }
    // Replaces the data with a backup; the current data are kept aside first. Signs everyone out.
    virtual EditResult restore_backup(const std::filesystem::path& file);
    // ---- taking access away (a coordinator): rotating the data key
    // Why a rotation is advised now (a user was disabled since the last one); empty when it is not.
    virtual std::string rotation_advice() const { return {}; }
    // Starts re-sealing everything under a new data key (checks the coordinator's passphrase); the work
    // goes on in tick(), a few thousand values at a time, with rotation_progress() in [0, 1].
    virtual EditResult start_key_rotation(std::string_view passphrase);
    virtual std::optional<double> rotation_progress() const { return std::nullopt; }
    // The outcome of the last rotation, once finished (empty before).
    virtual std::string rotation_result() const { return {}; }

    // Called once after the window closes: the exit backup.
    virtual void on_exit() {}

    // ---- the main loop
    // Called on any user input (the idle lock counts from the last one).
    virtual void note_activity() = 0;
    // Called once per loop iteration: idle lock, scheduled backups. True if anything visible changed.
    virtual bool tick() = 0;
    // Seconds until tick() has timed work to do (idle lock, backup), so the loop can sleep until then.
    virtual std::optional<double> seconds_until_due() const = 0;
    // A socket the loop may wait on (readable: tick() has news from other desks), or -1 for none.
    virtual int wake_socket() const { return -1; }
};

// Longest activity-log entry accepted, in bytes of UTF-8.
inline constexpr std::size_t kMaxLogEntryBytes = 2000;

// The passphrase rule in a phrase, for the hint beside every passphrase field (the rule itself is the
// store's, checked wherever a passphrase is set).
std::string passphrase_rule_hint();

// Trims the text and checks it as a log entry: empty, too long or invalid UTF-8 gives a message.
EditResult check_log_entry_text(std::string_view text, std::string& trimmed);

} // namespace rc::app
