#pragma once
// The values the Store hands to the app layer and the screens. Plain data, no SQL.
#include "domain/centre.hpp"
#include "domain/clock.hpp"
#include "store/audit.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rc::store {

// The centre (the operation) this database belongs to; one per database file.
struct Centre {
    std::string name;  // "Matlock Community Hall reception centre"
    std::string code;  // "OP-0001"
    std::string venue; // free text about the venue (not about people)
    Tier tier = Tier::Small;
    CentreStatus status = CentreStatus::Standby;
    int expected_people = 0;
    UnixSeconds created_at = 0;
    std::optional<UnixSeconds> activated_at; // set when it first opens
    std::optional<UnixSeconds> closed_at;    // set when it closes
};

// What a coordinator may edit about the centre (its status moves through set_centre_status).
struct CentreDetails {
    std::string name;
    std::string code;
    std::string venue;
    Tier tier = Tier::Small;
    int expected_people = 0;
};

struct Settings {
    std::string backup_folder;        // empty: the `backups` folder beside the database
    int backup_interval_minutes = 10; // 1..1440
    int backups_kept = 24;            // 1..1000 (automatic backups; manual ones are never pruned)
    int idle_lock_minutes = 5;        // 1..240
};

struct UserSummary {
    UserId id = 0;
    std::string name; // decrypted (personal: never log it)
    UserRole role = UserRole::Volunteer;
    bool has_pin = false;
    bool disabled = false;
    bool needs_reset = false;     // no key wrapped for them (disabled, or a rotation since): reset first
    bool has_coordinator_key = false; // a coordinator who can read coordinator-only notes
    UnixSeconds created_at = 0;
    std::optional<UnixSeconds> disabled_at;
};

struct NewUser {
    std::string name;
    UserRole role = UserRole::Volunteer;
    std::string passphrase; // the coordinator tells it to the user, who should change it
    std::string pin;        // optional: empty for none
};

enum class LogKind { Manual, Automatic };
std::string_view log_kind_id(LogKind kind); // "manual", "automatic"
std::optional<LogKind> log_kind_from_id(std::string_view id);

struct LogEntry {
    std::int64_t id = 0;
    UnixSeconds at = 0;
    std::optional<UserId> author;
    LogKind kind = LogKind::Manual;
    std::string text; // decrypted (personal: never log it)
};

enum class SessionState {
    SignedOut, // no key in memory: only a passphrase opens it
    SignedIn,  // the data key is in memory, a user is at the keyboard
    Locked     // the key is sealed in memory: a PIN (or a passphrase) unlocks
};

struct SessionInfo {
    SessionState state = SessionState::SignedOut;
    std::optional<UserId> user; // the signed-in user, or the last one while locked
    std::optional<UserRole> role;
};

enum class SignInStatus {
    Ok,
    WrongCredentials, // name and passphrase/PIN do not match (never says which)
    WaitBeforeRetry,  // too many wrong attempts: wait retry_after_seconds
    PinNotAvailable,  // no PIN unlock now: sign in with a passphrase
    UserDisabled,
    ResetNeeded // the user's keys were removed (a data-key rotation): a coordinator must reset the passphrase
};

struct SignInResult {
    SignInStatus status = SignInStatus::WrongCredentials;
    UnixSeconds retry_after_seconds = 0; // with WaitBeforeRetry, and after a failure (the next wait)
    std::string message;                 // for the screen; never contains the name typed
    bool ok() const { return status == SignInStatus::Ok; }
};

// Validation the screens can call before submitting (the Store checks again). Each returns what is
// wrong in a sentence, or nothing.
std::optional<std::string> settings_problem(const Settings& settings);
std::optional<std::string> centre_details_problem(const CentreDetails& details);
std::optional<std::string> user_name_problem(std::string_view name);

} // namespace rc::store
