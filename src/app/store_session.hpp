#pragma once
// The AppSession over the centre database: the gate (first run, sign-in, lock) drives rc::store::Store,
// the snapshots are refreshed from it only when its data version changes (never per frame), and the
// loop's tick() runs the idle lock and the automatic backups.
#include "app/app_session.hpp"
#include "store/error.hpp"
#include "store/key_rotation.hpp"
#include "store/key_wrap.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace rc::store {
class Store;
class BackupScheduler;
class SharedCentreLink;
struct RecordChange;
} // namespace rc::store

namespace rc::app {

// "HH:MM" today (or the day before, if that time is still to come), or now when empty; nullopt with
// `problem` saying how to write it.
std::optional<UnixSeconds> arrival_time(std::string_view text, UnixSeconds now, std::string& problem);
// "HH:MM" on the local day of `now`; nullopt when it is not a time of day.
std::optional<UnixSeconds> clock_time_on_day_of(std::string_view hhmm, UnixSeconds now);

class StoreSession final : public AppSession {
public:
    struct Options {
        // Argon2id limits for new users' passphrases and PINs (tests use the minimum).
        store::KdfLimits passphrase_kdf = store::KdfLimits::moderate();
        store::KdfLimits pin_kdf = store::KdfLimits::interactive();
        // The procedure to activate under; empty: the one built into the program.
        std::filesystem::path procedure_file;
        // Where a shared centre's desk keeps its offline roll; empty: the data directory.
        std::filesystem::path offline_roll_dir;
    };

    // Opens the database at `path` if it exists (refusing a damaged or foreign one: Unavailable);
    // otherwise the gate offers to create it.
    StoreSession(std::filesystem::path path, const Clock& clock);
    StoreSession(std::filesystem::path path, const Clock& clock, Options options);
    ~StoreSession() override;
    StoreSession(const StoreSession&) = delete;
    StoreSession& operator=(const StoreSession&) = delete;

    GateState gate_state() const override;
    bool can_lock() const override;
    void lock() override;

    const StatusSnapshot& status() const override { return status_; }
    const LogSnapshot& log() const override { return log_; }
    EditResult add_log_entry(std::string_view text) override;

    std::string gate_problem() const override { return problem_; }
    EditResult create_centre(const NewCentreForm& form) override;
    EditResult sign_in(std::string_view name, std::string_view passphrase) override;
    EditResult unlock_with_pin(std::string_view name, std::string_view pin) override;
    bool pin_unlock_available() const override;
    void sign_out() override;
    std::optional<SignedInUser> signed_in_user() const override;
    bool can(Permission permission) const override;

    const OperationSnapshot& operation() const override { return operation_; }
    ActivationPreview preview_activation(int expected_people) const override;
    EditResult activate(const ActivationForm& form) override;
    EditResult record_action(std::string_view action_id, ActionOutcome outcome,
                             std::string_view reason) override;
    EditResult reopen_action(std::string_view action_id) override;
    EditResult raise_tier(Tier tier, std::string_view reason) override;
    EditResult revise_expected(int expected_people, std::string_view reason) override;
    EditResult set_centre_status(CentreStatus status) override;
    SaveResult<VenueForm> save_venue(std::optional<std::int64_t> id, const VenueForm& form,
                                     std::optional<std::int64_t> started_from = std::nullopt) override;
    EditResult remove_venue(std::int64_t id,
                            std::optional<std::int64_t> started_from = std::nullopt) override;
    EditResult import_venues(const std::filesystem::path& file) override;

    const PeopleSnapshot& people() const override { return people_; }
    CheckInResult check_in(const Person& person, std::string_view arrived_at) override;
    CheckInResult register_group(int count, std::string_view group, std::string_view arrived_at,
                                 std::string_view first_tag) override;
    CheckInResult update_person(std::int64_t id, const Person& person,
                                std::optional<std::int64_t> started_from) override;
    EditResult record_journey_step(std::int64_t id, JourneyStep step,
                                   std::optional<Destination> destination) override;
    std::vector<std::string> duplicate_warnings(const Person& person,
                                                std::optional<std::int64_t> id) const override;
    RollPreview preview_roll(const std::filesystem::path& file,
                             const std::vector<std::string>& column_choices = {}) const override;
    bool offline_roll_offered() const override;
    CheckInResult save_offline(const Person& person, std::string_view arrived_at) override;
    RollPreview preview_offline_roll() override;
    EditResult import_offline_roll() override;
    EditResult import_roll(const std::filesystem::path& file,
                           const std::vector<std::string>& column_choices = {}) override;

    const PartnersSnapshot& partners() const override { return partners_; }
    EditResult record_callout(std::string_view contact_id, const CalloutForm& form) override;
    EditResult sign_in_staff(const StaffForm& form) override;
    EditResult quick_sign_in(std::int64_t previous) override;
    EditResult sign_out_staff(std::int64_t id) override;
    SaveResult<DirectoryForm>
    save_directory_entry(std::optional<std::int64_t> id, const DirectoryForm& form,
                         std::optional<std::int64_t> started_from = std::nullopt) override;
    EditResult remove_directory_entry(std::int64_t id,
                                      std::optional<std::int64_t> started_from = std::nullopt) override;

    const ReferralsSnapshot& referrals() const override { return referrals_; }
    const AlertsSnapshot& alerts() const override { return alerts_; }
    CheckInResult add_referral(std::int64_t person_id, const Referral& referral) override;
    SaveResult<Referral> update_referral(std::int64_t referral_id, const Referral& referral,
                                         std::optional<std::int64_t> started_from = std::nullopt) override;
    EditResult set_referral_status(std::int64_t referral_id, ReferralStatus status,
                                   std::string_view reason) override;
    std::optional<PromptSheet> prompt_sheet(std::int64_t referral_id) const override;

    const StockSnapshot& stock() const override { return stock_; }
    EditResult receive_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                             std::string_view supplier, std::string_view note) override;
    EditResult transfer_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                              StockStoreId to) override;
    EditResult return_stock(std::string_view bag_kind, int quantity, StockStoreId to,
                            std::optional<std::int64_t> person, std::string_view note) override;
    EditResult write_off_stock(std::string_view bag_kind, int quantity, StockStoreId from,
                               WriteOffReason reason, std::string_view note) override;
    EditResult reverse_stock_movement(StockMovementId id, std::string_view reason) override;
    EditResult apply_stocktake(const std::vector<StockCount>& counts, std::string_view note) override;
    BagKindSuggestion suggest_bag(std::int64_t person) const override;
    EditResult issue_bag(std::int64_t person, std::string_view bag_kind, StockStoreId from) override;
    SaveResult<StockStoreForm>
    save_stock_store(std::optional<StockStoreId> id, const StockStoreForm& form,
                     std::optional<std::int64_t> started_from = std::nullopt) override;
    StockImportPreview preview_stock_import(const std::filesystem::path& file) const override;
    EditResult import_stock(const std::filesystem::path& file) override;

    EditResult export_debrief(const DebriefExportForm& form) override;
    std::string purge_problem(bool force_before_period) const override;
    EditResult purge_personal_data(bool force_before_period) override;

    EditResult backup_now() override;
    std::vector<BackupChoice> backups() const override;
    EditResult restore_backup(const std::filesystem::path& file) override;
    void on_exit() override;

    void note_activity() override;
    bool tick() override;
    std::optional<double> seconds_until_due() const override;
    int wake_socket() const override;
    // How many times the people snapshot was read in full (a change by another desk, or this desk's
    // own edit, re-reads only the people it touched): for tests and the benchmark.
    std::uint64_t full_people_reads() const { return full_people_reads_; }
    // What tick() does when time passes (actions and referrals turning overdue, follow-ups due), without
    // the idle lock and the automatic backups: for a replay that moves the clock itself (drills).
    bool follow_clock();

    // The store behind the session (null before a centre exists or when it was refused). For the
    // app layer's own services; screens never reach it.
    store::Store* store() { return store_.get(); }

    std::string rotation_advice() const override;
    EditResult start_key_rotation(std::string_view passphrase) override;
    std::optional<double> rotation_progress() const override;
    std::string rotation_result() const override { return rotation_result_; }

private:
    void open_existing();
    void after_sign_in();
    EditResult sign_in_failed(const store::StoreError& e);
    // Re-reads what changed since the last refresh; true if a snapshot changed.
    bool refresh();
    // Reads the snapshots in `parts` again (people: only those in people_patch_ when it is not empty).
    void read_parts(unsigned parts, bool signed_in);
    void refresh_log(bool signed_in);

    // ---- a shared centre (store_session_shared.cpp)
    void start_link();
    // Other desks' changes, the heartbeat, a lost connection and the reconnect; true if anything
    // visible changed.
    bool tick_link();
    bool apply_remote_changes(const std::vector<store::RecordChange>& changes);
    void connection_lost(const std::string& why);
    // Another desk rotated the centre's data key: this desk signs out (its key is the old one) and
    // the status bar says why. True when `e` says so (after a refused write).
    void key_changed_elsewhere();
    bool key_changed_elsewhere(const store::StoreError& e);
    bool step_reconnect();
    bool heartbeat(); // true when a desk came or went
    double link_seconds_until_due() const;
    void clear_personal_snapshots();
    void refresh_operation(bool signed_in);
    void refresh_people(bool signed_in);
    void patch_people();
    void refresh_referrals(bool signed_in);
    // The dashboard's list from every snapshot (cheap: no database work).
    void refresh_alerts();
    // Alerts about the centre as a whole: the tier exceeded, functions nobody on site performs, and
    // children who arrived with an unrelated adult (from the snapshots; no database work).
    void add_centre_alerts(std::vector<Alert>& all) const;
    void refresh_partners(bool signed_in);
    // The stock snapshot: the ledger is read again only after a stock edit or a full refresh
    // (`everything`); a people edit only recounts the forecast from the people snapshot.
    void refresh_stock(bool signed_in, bool everything);
    void rebuild_stock_forecast();
    // A stock write: the ledger is read again after it.
    EditResult stock_edit(const std::function<void()>& write, unsigned parts = kStockPart);
    // Re-evaluates the actions against the clock (an action turned overdue); true if any changed.
    bool reevaluate_actions();
    // Runs a store write, turning a refusal into a message; refreshes the snapshots after.
    // The snapshots an edit may change (refresh() reads only those after it).
    static constexpr unsigned kOperationPart = 1, kPeoplePart = 2, kPartnersPart = 4, kLogPart = 8,
                              kStockPart = 16, kReferralsPart = 32, kAllParts = 63;
    EditResult guarded(const std::function<void()>& write, unsigned parts = kAllParts);
    // An edit that states the version it started from (store_session_versioned.hpp): refused because
    // another desk changed the record meanwhile, the result carries both versions, not a failure.
    template <class Form, class Record>
    SaveResult<Form> versioned(const std::function<std::int64_t()>& write, unsigned parts, const Form& mine,
                               Form (*form_of)(const Record&));
    // The procedure text to activate under, and what to call it in messages.
    bool read_procedure(std::string& text, std::string& source, std::string& problem) const;
    EditResult failed(const std::string& message);
    // A data-key rotation under way: stepped by tick().
    std::unique_ptr<store::KeyRotation> rotation_;
    bool rotation_advised_ = false; // a user was disabled since the last rotation (read by refresh())
    std::string rotation_result_;
    void step_rotation();
    // The words for a refused or failed edit. A failure of the disk or the database (full, I/O error)
    // also turns the status bar to "Not saved" with the reason; the caller keeps the form as typed.
    std::string not_saved(const store::StoreError& e);
    static std::string message_of(const store::StoreError& e) {
        return e.advice().empty() ? e.problem() : e.problem() + " " + e.advice();
    }

    std::filesystem::path path_;
    const Clock& clock_;
    Options options_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<store::BackupScheduler> backups_;
    std::string problem_;
    std::optional<SignedInUser> user_;
    std::uint64_t seen_data_version_ = ~std::uint64_t{0};
    bool seen_signed_in_ = false;
    StatusSnapshot status_;
    LogSnapshot log_;
    OperationSnapshot operation_;
    PeopleSnapshot people_;
    bool people_loaded_ = false;
    std::optional<unsigned> edit_parts_;     // set by an edit just before refresh(); empty: everything
    std::vector<std::int64_t> people_patch_; // people this session just edited: re-read only them
    PartnersSnapshot partners_;
    ReferralsSnapshot referrals_;
    AlertsSnapshot alerts_;
    std::vector<Alert> referral_alerts_; // from the referral overview (per person, time on site)
    std::vector<Alert> extra_alerts_;    // from parts that build their own (stock)
    std::string pinned_hash_; // of the procedure in operation_ (parse it again only when it changes)
    StockSnapshot stock_;
    bool stock_stale_ = true; // the ledger changed since stock_ was read
    std::uint64_t full_people_reads_ = 0;

    // A shared centre: the link to the other desks and the times (steady clock, seconds) of its work.
    std::unique_ptr<store::SharedCentreLink> link_;
    double next_heartbeat_ = 0;
    double next_reconnect_ = 0; // while not connected: the next attempt
    bool reconnecting_ = false; // an attempt is under way (non-blocking)
    bool link_lost_ = false;    // the server was lost and is not back yet

    // ---- imports tried again (store_session.cpp)
    // The attempt key of an import of `file` (kind: "roll", "stock", "venues"), made at its first try
    // and kept until the store answered: an import whose connection broke during its commit is tried
    // again under the same key, which finds it if it was made (store::SaveKey::of_contents).
    store::SaveKey import_attempt(std::string_view kind, const std::filesystem::path& file);
    // The store answered (imported, already imported, or refused): the next import is a new one.
    void import_settled(std::string_view kind, const std::filesystem::path& file);
    std::map<std::string, store::SaveKey> import_attempts_;

    // ---- the offline roll (store_session_offline.cpp)
    // The file for this centre (known once connected: the centre's name names it); empty before.
    std::filesystem::path offline_roll_file_;
    void find_offline_roll(); // at start_link: the file's path, and how many it holds
    void count_offline_roll();
};

} // namespace rc::app
