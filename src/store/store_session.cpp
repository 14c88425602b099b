// Store: sign-in, PIN unlock, lock, idle lock. Logs name user ids, never names.
#include "store/error.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "store/store_internal.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {
std::string wait_message(UnixSeconds seconds) {
    return "Too many wrong attempts. Wait " + std::to_string(seconds) + " second" +
           (seconds == 1 ? "" : "s") + " before trying again.";
}
} // namespace

std::optional<Store::UserRow> Store::find_user(std::string_view name) const {
    Blob tag = user_name_tag(name_tag_key_, name);
    auto st = conn_.cached("SELECT id FROM users WHERE name_tag = ?");
    st->bind(1, tag);
    if (!st->step()) return std::nullopt;
    return user_row(st->int64_at(0));
}

std::optional<Store::UserRow> Store::user_row(UserId id) const {
    auto st =
        conn_.cached(std::string("SELECT id, name_enc, role, kdf_salt, kdf_opslimit, kdf_memlimit, "
                                 "wrapped_key, pin_hash, created_at, disabled_at, ") +
                     (has_coordinator_keys() ? "coordinator_key" : "NULL") + " FROM users WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    UserRow r;
    r.id = st->int64_at(0);
    r.name_enc = st->blob_at(1);
    r.role = user_role_from_id(st->text_at(2)).value_or(UserRole::Volunteer);
    r.wrapped.salt = st->blob_at(3);
    r.wrapped.limits.opslimit = static_cast<std::uint64_t>(st->int64_at(4));
    r.wrapped.limits.memlimit = static_cast<std::size_t>(st->int64_at(5));
    r.wrapped.sealed = st->blob_at(6);
    r.pin_hash = st->get<std::optional<std::string>>(7);
    r.created_at = st->int64_at(8);
    r.disabled_at = st->get<std::optional<std::int64_t>>(9);
    if (!st->is_null(10)) r.coordinator_sealed = st->blob_at(10);
    return r;
}

void Store::system_audit(std::string_view action, std::string_view table, std::optional<std::int64_t> record,
                         const AuditChanges& changes, std::optional<UserId> user) {
    if (read_only_) return;
    // Access events must never stop a lock or a sign-in: a failure to record one is logged instead.
    try {
        Transaction tx(conn_);
        insert_audit_row(conn_, clock_.now(), user, action, table, record, changes);
        tx.commit();
        ++data_version_;
    } catch (const StoreError& e) {
        spdlog::warn("store: could not record '{}' in the audit trail: {}", action, error_kind_id(e.kind()));
    }
}

SignInResult Store::refuse(SignInStatus status, std::string message) {
    SignInResult r;
    r.status = status;
    r.message = std::move(message);
    r.retry_after_seconds = throttle_.seconds_to_wait();
    return r;
}

void Store::finish_sign_in(const UserRow& user, UserKeys keys, std::string_view method) {
    keyring_.unlock(std::move(keys.data_key),
                    user.role == UserRole::Coordinator ? std::move(keys.coordinator_key) : SecureBuffer{});
    state_ = SessionState::SignedIn;
    user_ = user.id;
    role_ = user.role;
    last_activity_ = clock_.now();
    throttle_.record_success();
    AuditChanges c;
    c.value("method", method).value("role", user_role_id(user.role));
    system_audit("sign_in", "users", user.id, c, user.id);
    spdlog::info("store: user #{} signed in ({})", user.id, method);
    refresh_user_cache();
}

SignInResult Store::sign_in(std::string_view name, std::string_view passphrase) {
    if (UnixSeconds wait = throttle_.seconds_to_wait(); wait > 0)
        return refuse(SignInStatus::WaitBeforeRetry, wait_message(wait));
    load_key_generation(); // before the key: a rotation committed in between is caught at the first write
    std::optional<UserRow> row = find_user(name);
    // A disabled user, or one whose keys a rotation removed, is refused before anything is unwrapped
    // (they have nothing left to unwrap; the same Argon2id time is spent, so timing says no more).
    const bool disabled = row && row->disabled_at;
    const bool reset_needed = row && !disabled && row->wrapped.sealed.empty();
    std::optional<UserKeys> keys;
    if (row && !disabled && !reset_needed) {
        keys = unwrap_user_keys(row->wrapped, row->coordinator_sealed, passphrase, user_key_context(row->id));
    } else {
        // Spend the same effort for an unknown name, so the time taken does not tell who exists.
        WrappedKey dummy;
        dummy.salt.assign(crypto_pwhash_SALTBYTES, 0);
        dummy.limits = passphrase_kdf_;
        dummy.sealed.assign(
            crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + 32 + crypto_aead_xchacha20poly1305_ietf_ABYTES, 0);
        (void)unwrap_data_key(dummy, passphrase, "users:0");
    }
    if (disabled) {
        throttle_.record_failure();
        system_audit("sign_in_refused", "users", row->id, AuditChanges().value("reason", "disabled"),
                     std::nullopt);
        return refuse(SignInStatus::UserDisabled, "This user has been disabled. Ask a coordinator.");
    }
    if (reset_needed) {
        throttle_.record_failure();
        system_audit("sign_in_refused", "users", row->id, AuditChanges().value("reason", "reset_needed"),
                     std::nullopt);
        return refuse(SignInStatus::ResetNeeded,
                      "The data key was changed since this user's passphrase was set. Ask a coordinator to "
                      "reset the passphrase.");
    }
    if (!keys) {
        throttle_.record_failure();
        AuditChanges c;
        c.value("method", "passphrase");
        system_audit("sign_in_failed", "users", row ? std::optional<std::int64_t>(row->id) : std::nullopt, c,
                     std::nullopt);
        spdlog::warn("store: sign-in failed ({} consecutive)", throttle_.consecutive_failures());
        return refuse(SignInStatus::WrongCredentials,
                      "That name and passphrase do not match. Check both (and Caps Lock) and try again.");
    }
    pin_failures_ = 0;
    finish_sign_in(*row, std::move(*keys), "passphrase");
    if (schema_version_ < latest_schema_version() && !read_only_) {
        try {
            upgrade_with_key();
        } catch (...) {
            sign_out(); // nothing may be read or written in a file left at the older schema
            throw;
        }
    }
    if (row->role == UserRole::Coordinator && coordinator_public_key_.empty() && has_coordinator_keys() &&
        !read_only_)
        create_coordinator_key(*row, passphrase);
    return SignInResult{SignInStatus::Ok, 0, "Signed in."};
}

SignInResult Store::unlock_with_pin(std::string_view name, std::string_view pin) {
    if (state_ != SessionState::Locked || !keyring_.has_sealed_key())
        return refuse(
            SignInStatus::PinNotAvailable,
            "A PIN works only to unlock a console someone has signed in to since it started. Sign in "
            "with your passphrase.");
    if (pin_failures_ >= kMaxPinFailures)
        return refuse(SignInStatus::PinNotAvailable,
                      "Too many wrong PINs: PIN unlock is off until someone signs in with a passphrase.");
    if (UnixSeconds wait = throttle_.seconds_to_wait(); wait > 0)
        return refuse(SignInStatus::WaitBeforeRetry, wait_message(wait));
    std::optional<UserRow> row = find_user(name);
    bool ok = row && row->pin_hash && verify_pin(*row->pin_hash, pin);
    if (!ok) {
        throttle_.record_failure();
        ++pin_failures_;
        AuditChanges c;
        c.value("method", "pin");
        system_audit("sign_in_failed", "users", row ? std::optional<std::int64_t>(row->id) : std::nullopt, c,
                     std::nullopt);
        spdlog::warn("store: PIN unlock failed ({} in a row)", pin_failures_);
        if (pin_failures_ >= kMaxPinFailures)
            return refuse(SignInStatus::PinNotAvailable,
                          "Too many wrong PINs: PIN unlock is off until someone signs in with a passphrase.");
        return refuse(SignInStatus::WrongCredentials, "That name and PIN do not match.");
    }
    if (row->disabled_at || row->wrapped.sealed.empty()) {
        throttle_.record_failure();
        return refuse(SignInStatus::UserDisabled, "This user has been disabled. Ask a coordinator.");
    }
    if (!keyring_.restore())
        return refuse(SignInStatus::PinNotAvailable,
                      "The console cannot unlock with a PIN now. Sign in with your passphrase.");
    // The coordinator key stays in memory only while a coordinator holds the console.
    if (row->role != UserRole::Coordinator) keyring_.drop_coordinator_key();
    pin_failures_ = 0;
    state_ = SessionState::SignedIn;
    user_ = row->id;
    role_ = row->role;
    last_activity_ = clock_.now();
    throttle_.record_success();
    AuditChanges c;
    c.value("method", "pin").value("role", user_role_id(row->role));
    system_audit("sign_in", "users", row->id, c, row->id);
    spdlog::info("store: user #{} unlocked with a PIN", row->id);
    return SignInResult{SignInStatus::Ok, 0, "Unlocked."};
}

void Store::lock() {
    if (state_ != SessionState::SignedIn) return;
    keyring_.lock();
    state_ = SessionState::Locked;
    system_audit("lock", "users", user_, AuditChanges(), user_);
    spdlog::info("store: locked (user #{})", user_.value_or(0));
}

void Store::load_key_generation() {
    if (!shared_centre()) return;
    if (!read_only_)
        conn_
            .cached("INSERT INTO meta (key, value) VALUES ('data_key_generation', ?) ON CONFLICT (key) DO "
                    "NOTHING")
            ->bind_all(std::int64_t{0})
            .run();
    auto st = conn_.cached("SELECT value FROM meta WHERE key = 'data_key_generation'");
    key_generation_ = st->step() ? st->int64_at(0) : 0;
    st->reset();
}

void Store::check_key_generation() {
    auto st = conn_.cached("SELECT value FROM meta WHERE key = 'data_key_generation' FOR SHARE");
    const std::int64_t on_server = st->step() ? st->int64_at(0) : 0;
    st->reset();
    if (on_server == key_generation_) return;
    spdlog::warn("store: the centre's data key was rotated on another desk; signing out");
    keyring_.forget(); // never seal anything more under the old key
    state_ = SessionState::SignedOut;
    user_.reset();
    role_.reset();
    user_cache_.clear();
    throw StoreError(ErrorKind::SignedOut, std::string(kKeyChangedMessage),
                     "A coordinator rotated the centre's data key on another desk, so nothing was saved "
                     "here. Sign in again and save once more (anyone but that coordinator needs a new "
                     "passphrase from them first).");
}

void Store::sign_out() {
    if (state_ == SessionState::SignedOut) return;
    keyring_.forget();
    std::optional<UserId> who = user_;
    state_ = SessionState::SignedOut;
    user_.reset();
    role_.reset();
    user_cache_.clear();
    system_audit("sign_out", "users", who, AuditChanges(), who);
    spdlog::info("store: signed out");
}

SessionInfo Store::session() const {
    return SessionInfo{state_, user_, role_};
}

bool Store::can(Permission permission) const {
    return state_ == SessionState::SignedIn && role_ && rc::can(*role_, permission);
}

bool Store::pin_unlock_available() const {
    return state_ == SessionState::Locked && keyring_.has_sealed_key() && pin_failures_ < kMaxPinFailures;
}

void Store::note_activity() {
    if (state_ == SessionState::SignedIn) last_activity_ = clock_.now();
}

bool Store::lock_if_idle() {
    auto left = seconds_until_idle_lock();
    if (!left || *left > 0) return false;
    lock();
    return true;
}

std::optional<UnixSeconds> Store::seconds_until_idle_lock() const {
    if (state_ != SessionState::SignedIn) return std::nullopt;
    UnixSeconds due = last_activity_ + UnixSeconds{settings_.idle_lock_minutes} * 60;
    UnixSeconds now = clock_.now();
    return due > now ? due - now : 0;
}

} // namespace rc::store
