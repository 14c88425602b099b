#pragma once
// The centre database: the one service API through which everything is read and written.
//
//   auto store = Store::open(path, {}, clock);          // refuses foreign/newer/truncated/corrupt files
//   store->sign_in("Anna Kowalska", passphrase);        // unwraps the data key
//   store->append_log("Coach of 12 arrived", LogKind::Manual);
//   store->lock();  store->unlock_with_pin("Ben", "4821");
//
// Every write runs in one transaction with its audit row; screens never run SQL. Personal fields are
// sealed with the FieldCipher under the data key, which exists only in memory while someone is signed
// in (see docs/security.md). One Store per file per machine: the writer lock refuses a second copy.
// Not thread-safe: use it from one thread (the app's main loop).
#include "domain/centre.hpp"
#include "domain/clock.hpp"
#include "domain/permissions.hpp"
#include "store/attempt_throttle.hpp"
#include "store/audit.hpp"
#include "store/backup.hpp"
#include "store/field_cipher.hpp"
#include "store/key_wrap.hpp"
#include "store/keyring.hpp"
#include "store/records.hpp"
#include "store/save_key.hpp"
#include "store/sqlite_db.hpp"
#include "store/writer_lock.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace rc::store {

enum class OpenMode {
    ReadWrite, // takes the writer lock; upgrades an older file (after a backup)
    ReadOnly   // no lock, no writes, no upgrade: for looking while another copy writes, or at a backup
};

struct OpenOptions {
    OpenMode mode = OpenMode::ReadWrite;
    // Where the backup taken before a schema upgrade goes. Empty: the backup folder from the file's
    // settings, else `backups` beside the database.
    std::filesystem::path upgrade_backup_dir;
};

struct CreateOptions {
    std::filesystem::path path;
    std::string centre_name;
    std::string centre_code = "OP-0001";
    std::string venue;
    Tier tier = Tier::Small;
    int expected_people = 0;
    std::string coordinator_name;                     // the first user, a coordinator
    std::string passphrase;                           // theirs
    std::string pin;                                  // optional
    KdfLimits passphrase_kdf = KdfLimits::moderate(); // stored; new users get the same
    KdfLimits pin_kdf = KdfLimits::interactive();
    // For tests that build a file at an earlier schema version: 0 means the latest.
    int schema_version = 0;
};

// Everything a write needs, inside its transaction. Later tables (people, staff, stock) add their
// service functions on top of Store::write().
class WriteContext {
public:
    Connection& db;
    const FieldCipher& cipher;
    UserId user;
    UnixSeconds now;

    // Appends the audit row for this change (same transaction).
    void audit(std::string_view action, std::string_view table, std::optional<std::int64_t> record,
               const AuditChanges& changes);
    // The id the next row of `table` will get (we are the only writer, inside BEGIN IMMEDIATE), so a
    // personal field can be sealed with its row id before the INSERT.
    std::int64_t next_id(std::string_view table);
    // The next number of a counter (`counters` table; "people": the sequence in a person's reference).
    // The counter's row stays locked until the transaction ends, so desks of a shared centre take
    // numbers one after another and never the same one; gapless, as a rolled-back save returns it.
    std::int64_t next_number(std::string_view counter);
};

// A shared centre's desk that finds, at a write, that another desk rotated the data key since it signed
// in: the problem of the StoreError (SignedOut) it gets, and of the notice the other desks receive.
inline constexpr std::string_view kKeyChangedMessage = "The centre's key was changed: sign in again.";

// What Store::save() did: the ids of the rows the save made, in order, and whether they came from an
// earlier attempt under the same save key (nothing was written this time).
struct SaveOutcome {
    std::vector<std::int64_t> ids;
    bool replayed = false;
};

class Store {
public:
    // Creates a new centre database with its first coordinator, who is then signed in.
    // Refuses a path that exists. Throws StoreError.
    static std::unique_ptr<Store> create(const CreateOptions& options, const Clock& clock);
    // `options.path` may also name a PostgreSQL database (is_postgres_target): an empty one on a server.
    // Opens an existing database: inspects it read-only first (header, application_id, user_version,
    // quick_check) and refuses anything not healthy and ours without writing a byte; takes the writer
    // lock; upgrades an older schema after a backup. Signed out until sign_in(). Throws StoreError.
    static std::unique_ptr<Store> open(const std::filesystem::path& path, const OpenOptions& options,
                                       const Clock& clock);

    ~Store(); // wipes the keys, releases the lock
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // ---- the file
    // The file, or for a shared centre its connection line (any password shown as ***).
    const std::filesystem::path& path() const { return path_; }
    // True when the data are on a PostgreSQL server shared by several desks (--db postgresql://...).
    bool shared_centre() const { return conn_.engine() == Engine::Postgres; }
    bool read_only() const { return read_only_; }
    int schema_version() const { return schema_version_; }
    std::optional<int> upgraded_from() const { return upgraded_from_; }
    const std::filesystem::path& upgrade_backup() const { return upgrade_backup_; }
    // Goes up by one after every committed write: snapshots compare it to know when to refresh.
    std::uint64_t data_version() const { return data_version_; }
    // The clock the store stamps writes with (reads that depend on today's date use it too).
    const Clock& clock() const { return clock_; }

    // ---- the session
    // Name + passphrase: unwraps the data key. Works from any state (also to switch user).
    SignInResult sign_in(std::string_view name, std::string_view passphrase);
    // Name + PIN: only while locked, in this process, after someone signed in with a passphrase;
    // refused after kMaxPinFailures wrong PINs in a row until a passphrase sign-in.
    SignInResult unlock_with_pin(std::string_view name, std::string_view pin);
    // Wipes the plaintext key, keeping it sealed under the in-process session key (PIN can restore).
    void lock();
    // Wipes every copy of the key: only a passphrase opens the data again.
    void sign_out();
    SessionInfo session() const;
    bool signed_in() const { return state_ == SessionState::SignedIn; }
    bool can(Permission permission) const; // false unless signed in with a role that may
    bool pin_unlock_available() const;
    // Seconds before another sign-in attempt is accepted (back-off after wrong attempts).
    UnixSeconds seconds_until_sign_in_allowed() const { return throttle_.seconds_to_wait(); }
    static constexpr int kMaxPinFailures = 5;

    // ---- idle lock (the UI calls note_activity() on input and lock_if_idle() from its loop)
    void note_activity();
    // Locks when signed in and idle for the setting's minutes; true if it locked now.
    bool lock_if_idle();
    // Seconds until the idle lock (for the loop's next wake-up); nullopt when not signed in.
    std::optional<UnixSeconds> seconds_until_idle_lock() const;

    // ---- the centre (readable while locked: it holds nothing personal)
    Centre centre() const;
    void update_centre(const CentreDetails& details); // ManageCentre
    // standby -> open -> standing_down -> closed (standing_down -> open allowed); ManageCentre.
    void set_centre_status(CentreStatus status);

    // ---- users (names are personal: sealed in the file)
    std::vector<UserSummary> users() const; // signed in
    UserId add_user(const NewUser& user);   // ManageUsers
    void set_user_role(UserId id, UserRole role);
    // Disabling removes the user's wrapped keys and PIN from the file (so their passphrase opens
    // nothing any more) and advises a data-key rotation (rotation_advised()); enabling again needs a
    // passphrase reset.
    void set_user_disabled(UserId id, bool disabled);
    // Wraps the data key (and, for a coordinator, the coordinator key) under a new passphrase.
    void reset_passphrase(UserId id, std::string_view new_passphrase); // ManageUsers
    void change_own_passphrase(std::string_view old_passphrase, std::string_view new_passphrase);
    // Needs the signed-in user's passphrase: a PIN lets whoever knows it unlock as them.
    void set_own_pin(std::string_view passphrase, std::string_view pin); // empty pin clears it
    // Set when a user was disabled since the last data-key rotation (when, UTC); see key_rotation.hpp.
    std::optional<UnixSeconds> rotation_advised() const;
    // Whether this session holds the coordinator key (reads medical and referral notes).
    bool holds_coordinator_key() const { return keyring_.coordinator_key() != nullptr; }
    // Names shown on the lock screen, cached when the users were last read while signed in.
    const std::vector<UserSummary>& lock_screen_users() const { return user_cache_; }

    // ---- settings (readable while locked)
    const Settings& settings() const { return settings_; }
    void update_settings(const Settings& settings); // ManageSettings
    std::filesystem::path backup_directory() const;

    // ---- activity log
    // WriteLog. `key`: the form's save key (save_key.hpp); a retry under it returns the first entry.
    std::int64_t append_log(std::string_view text, LogKind kind = LogKind::Manual,
                            const SaveKey& key = SaveKey::make());
    std::vector<LogEntry> log_entries(std::size_t limit = 200) const; // newest first; signed in
    std::optional<LogEntry> log_entry(std::int64_t id) const;

    // ---- audit trail (ViewAudit)
    std::vector<AuditEntry> audit_entries(std::size_t limit = 200) const; // newest first

    // ---- backups
    BackupResult backup_now(BackupKind kind = BackupKind::Automatic); // + prunes automatic ones
    // Replaces the data with a backup (coordinator; the current data are kept aside first). Signs out:
    // the restored file has its own users. On a shared centre this replaces the centre every desk is
    // using (a .dump, through pg_restore in one transaction): the caller confirms that first.
    RestoreResult restore_from(const std::filesystem::path& backup_file);

    // ---- a shared centre's connection (a file is always connected)
    // False once the connection to the server broke (noticed by the statement that failed).
    bool connected() const { return conn_.connected(); }
    // Connects to the server again now; true when connected. Every write also does this first, so a
    // desk recovers on its own once the server is back; the app calls it to retry in the background.
    bool reconnect();

    // ---- for later store code (people, staff, stock): one audited transaction
    // On a shared centre whose connection broke, it reconnects first; a write that loses the
    // connection throws StoreError(Disconnected) and is not tried again (it has no save key).
    template <class F> auto write(Permission needed, F&& f);
    // A write that creates rows, under a save key made on the desk: `make_rows` writes them (with their
    // audit rows) and returns their ids, which are recorded under the key in the same transaction. A
    // key already saved (a retry after a lost acknowledgement) writes nothing and returns the first
    // attempt's ids (`replayed`). When the connection to a shared centre breaks during the save, the
    // desk reconnects and runs it once more under the same key: nothing is made twice, and nothing
    // acknowledged is lost. Throws StoreError(Disconnected) when the server is still out of reach.
    SaveOutcome save(Permission needed, const SaveKey& key, std::string_view action,
                     const std::function<std::vector<std::int64_t>(WriteContext&)>& make_rows);
    // A cipher for reading personal fields; throws StoreError(SignedOut) while locked.
    FieldCipher cipher() const {
        return FieldCipher(keyring_.key(), &coordinator_public_key_, keyring_.coordinator_key());
    }
    // Records a backup file written from this database (the purge finds every copy through it).
    void record_backup_copy(const std::filesystem::path& file, BackupKind kind);
    // Every backup file recorded and not yet removed by a purge.
    std::vector<std::filesystem::path> recorded_backup_copies() const;
    // Read-only access to the connection for store code that reads (never for screens).
    Connection& connection_for_reading() const { return conn_; }

private:
    Store(const std::filesystem::path& path, const Clock& clock);
    static std::unique_ptr<Store> open_shared(std::string_view target, const OpenOptions& options,
                                              const Clock& clock);

    struct UserRow;
    class WriteScope {
    public:
        WriteScope(Store& store, Permission needed, bool needs_permission);
        void commit();
        WriteContext& ctx() { return *ctx_; }

    private:
        Store& store_;
        FieldCipher cipher_;
        Transaction tx_;
        std::optional<WriteContext> ctx_;
    };
    friend class WriteScope;
    friend class KeyRotation;

    void configure_connection();
    // A shared centre: the data key's generation on the server ("data_key_generation" in meta, made
    // by the first desk that signs in), read before the key is unwrapped at sign-in.
    void load_key_generation();
    // Inside a write's transaction on a shared centre: the generation row is read FOR SHARE, so a
    // rotation under way (which holds it for update) makes the write wait for its commit; a
    // generation other than the one this desk signed in under means another desk rotated the key:
    // this desk is signed out and the write refused (StoreError SignedOut), never sealed under the
    // old key.
    void check_key_generation();
    // Reconnects a shared centre whose connection broke; throws StoreError(Disconnected) when it cannot.
    void require_connection();
    std::int64_t key_generation_ = 0;
    SaveOutcome save_once(Permission needed, const SaveKey& key, std::string_view action,
                          const std::function<std::vector<std::int64_t>(WriteContext&)>& make_rows);
    void load_meta();
    void load_settings();
    // The migrations that need no key, at open (after a backup); those that need the data key (sealing
    // values) at the first sign-in, in one transaction (store_upgrade.cpp).
    void upgrade_if_needed(const OpenOptions& options);
    void upgrade_with_key();
    bool write_upgrade_backup(int from); // false when this open already wrote one
    void require_writable() const;
    void require(Permission permission) const;
    std::optional<UserRow> find_user(std::string_view name) const;
    std::optional<UserRow> user_row(UserId id) const;
    void refresh_user_cache();
    void finish_sign_in(const UserRow& user, UserKeys keys, std::string_view method);
    void system_audit(std::string_view action, std::string_view table, std::optional<std::int64_t> record,
                      const AuditChanges& changes, std::optional<UserId> user);
    SignInResult refuse(SignInStatus status, std::string message);
    std::int64_t insert_user(WriteContext& w, const NewUser& user, KdfLimits pass_kdf, KdfLimits pin_kdf);
    bool has_coordinator_keys() const { return schema_version_ >= 12; }
    // Makes the coordinator key pair for a database that has none (created before it existed): wraps
    // it for this coordinator and re-seals the coordinator-only notes to it, in one transaction.
    void create_coordinator_key(const UserRow& user, std::string_view passphrase);
    void wipe_wal();
    RestoreResult restore_shared(const std::filesystem::path& backup_file);
    std::filesystem::path path_;
    const Clock& clock_;
    WriterLock lock_;
    mutable Connection conn_;
    bool read_only_ = false;
    int schema_version_ = 0;
    std::optional<int> upgraded_from_;
    std::filesystem::path upgrade_backup_;
    std::filesystem::path upgrade_backup_dir_; // OpenOptions::upgrade_backup_dir
    std::uint64_t data_version_ = 0;

    Keyring keyring_;
    AttemptThrottle throttle_;
    int pin_failures_ = 0;
    SessionState state_ = SessionState::SignedOut;
    std::optional<UserId> user_;
    std::optional<UserRole> role_;
    UnixSeconds last_activity_ = 0;

    Blob name_tag_key_;
    Blob coordinator_public_key_; // empty until the database has a coordinator key
    KdfLimits passphrase_kdf_ = KdfLimits::moderate();
    KdfLimits pin_kdf_ = KdfLimits::interactive();
    Settings settings_;
    std::vector<UserSummary> user_cache_;
};

template <class F> auto Store::write(Permission needed, F&& f) {
    require_connection();
    WriteScope scope(*this, needed, true);
    if constexpr (std::is_void_v<decltype(f(scope.ctx()))>) {
        f(scope.ctx());
        scope.commit();
    } else {
        auto result = f(scope.ctx());
        scope.commit();
        return result;
    }
}

} // namespace rc::store
