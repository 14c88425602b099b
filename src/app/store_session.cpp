#include "app/store_session.hpp"

#include "domain/utf8.hpp"
#include "os/utf8_path.hpp"
#include "store/backup.hpp"
#include "store/backup_scheduler.hpp"
#include "store/error.hpp"
#include "store/shared_centre_link.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <cstdio>
#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::app {

namespace {

std::string error_text(const store::StoreError& e) {
    if (e.advice().empty()) return e.problem();
    return e.problem() + " " + e.advice();
}

std::string size_text(std::uintmax_t bytes) {
    char buf[32];
    if (bytes >= 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%ju KB", (bytes + 1023) / 1024);
    return buf;
}

} // namespace

StoreSession::StoreSession(std::filesystem::path path, const Clock& clock)
    : StoreSession(std::move(path), clock, Options{}) {}

StoreSession::StoreSession(std::filesystem::path path, const Clock& clock, Options options)
    : path_(std::move(path)), clock_(clock), options_(options) {
    status_.database_path = store::is_postgres_target(os::path_to_utf8(path_))
                                ? store::redact_postgres_target(os::path_to_utf8(path_))
                                : path_.string();
    status_.shared_centre = store::is_postgres_target(os::path_to_utf8(path_));
    status_.centre_name = "No centre open";
    // A shared centre (a PostgreSQL connection line) has no file to look for: try the server.
    if (store::is_postgres_target(os::path_to_utf8(path_)) || std::filesystem::exists(path_)) open_existing();
    refresh();
}

StoreSession::~StoreSession() {
    link_.reset(); // says goodbye to the other desks before the store closes
}

void StoreSession::open_existing() {
    try {
        store_ = store::Store::open(path_, {}, clock_);
        backups_ = std::make_unique<store::BackupScheduler>(*store_, clock_);
        problem_.clear();
        if (store_->upgraded_from())
            spdlog::info("session: database upgraded from schema {} (backup kept)", *store_->upgraded_from());
        start_link();
    } catch (const store::StoreError& e) {
        store_.reset();
        backups_.reset();
        problem_ = error_text(e);
        spdlog::warn("session: database refused: {}", store::error_kind_id(e.kind()));
    }
}

GateState StoreSession::gate_state() const {
    if (!problem_.empty()) return GateState::Unavailable;
    if (!store_) return GateState::NoCentre;
    switch (store_->session().state) {
    case store::SessionState::SignedIn:
        return GateState::Open;
    case store::SessionState::Locked:
        return GateState::Locked;
    case store::SessionState::SignedOut:
        break;
    }
    return GateState::SignedOut;
}

bool StoreSession::can_lock() const {
    // Not while a rotation runs: its transaction holds the new key until it commits.
    return store_ && store_->signed_in() && !rotation_;
}

void StoreSession::lock() {
    if (!can_lock()) return;
    store_->lock();
    clear_personal_snapshots();
    refresh();
}

void StoreSession::sign_out() {
    if (!store_) return;
    store_->sign_out();
    user_.reset();
    clear_personal_snapshots();
    try {
        refresh();
    } catch (const store::StoreError& e) {
        // Signed out all the same (the keys are gone); the sign-in screen says the server is away.
        if (!link_ || e.kind() == store::ErrorKind::Crypto) throw;
        connection_lost(e.problem());
    }
}

void StoreSession::clear_personal_snapshots() {
    // Nothing personal stays in memory behind the lock screen.
    for (LogEntryView& e : log_.entries)
        sodium_memzero(e.text.data(), e.text.size());
    log_.entries.clear();
    ++log_.version;
}

EditResult StoreSession::failed(const std::string& message) {
    if (link_ && !link_->connected()) {
        connection_lost(message);
        return {false, "Not connected: not saved. " + message};
    }
    status_.save_state = SaveState::Failed;
    status_.save_problem = message;
    ++status_.version;
    return {false, message};
}

std::string StoreSession::not_saved(const store::StoreError& e) {
    const std::string text = e.advice().empty() ? e.problem() : e.problem() + " " + e.advice();
    if (key_changed_elsewhere(e)) return text;
    if (link_ && !link_->connected()) {
        // The server went away during the write: nothing is saved until it is back.
        connection_lost(e.problem());
        return "Not connected: not saved. " + text;
    }
    switch (e.kind()) {
    case store::ErrorKind::DiskFull:
    case store::ErrorKind::Io:
    case store::ErrorKind::Disconnected:
    case store::ErrorKind::Sql:
    case store::ErrorKind::Busy:
    case store::ErrorKind::Corrupt:
        spdlog::warn("session: an edit was not saved ({})", store::error_kind_id(e.kind()));
        failed(e.problem());
        return "Not saved: " + text;
    default:
        return text;
    }
}

EditResult StoreSession::create_centre(const NewCentreForm& form) {
    if (store_) return {false, "This console already has a centre database."};
    if (form.passphrase != form.passphrase_again)
        return {false, "The two passphrases are not the same: type the passphrase again in both fields."};
    store::CreateOptions o;
    o.path = path_;
    o.centre_name = form.centre_name;
    o.centre_code = form.centre_code;
    o.venue = form.venue;
    o.coordinator_name = form.coordinator_name;
    o.passphrase = form.passphrase;
    o.pin = form.pin;
    o.passphrase_kdf = options_.passphrase_kdf;
    o.pin_kdf = options_.pin_kdf;
    try {
        store_ = store::Store::create(o, clock_);
    } catch (const store::StoreError& e) {
        return {false, error_text(e)};
    }
    backups_ = std::make_unique<store::BackupScheduler>(*store_, clock_);
    problem_.clear();
    spdlog::info("session: centre database created");
    start_link();
    after_sign_in();
    return {true, {}};
}

EditResult StoreSession::sign_in(std::string_view name, std::string_view passphrase) {
    if (!store_) return {false, "There is no centre database to sign in to."};
    try {
        const store::SignInResult r = store_->sign_in(name, passphrase);
        if (!r.ok()) return {false, r.message};
        after_sign_in();
    } catch (const store::StoreError& e) {
        return sign_in_failed(e);
    }
    return {true, {}};
}

EditResult StoreSession::unlock_with_pin(std::string_view name, std::string_view pin) {
    if (!store_) return {false, "There is no centre database to unlock."};
    try {
        const store::SignInResult r = store_->unlock_with_pin(name, pin);
        if (!r.ok()) return {false, r.message};
        after_sign_in();
    } catch (const store::StoreError& e) {
        return sign_in_failed(e);
    }
    return {true, {}};
}

EditResult StoreSession::sign_in_failed(const store::StoreError& e) {
    // A shared centre's server out of reach is not the end of the program: the sign-in screen says so
    // and the desk keeps trying to reconnect; anything else is as serious as it was before.
    if (e.kind() != store::ErrorKind::Disconnected) throw;
    if (store_->signed_in()) store_->sign_out(); // signed in, but nothing could be read: not half in
    user_.reset();
    connection_lost(e.problem());
    return {false, "Not connected to the shared centre's server, so you are not signed in. Check the "
                   "network and that the server is running, then sign in again."};
}

bool StoreSession::pin_unlock_available() const {
    return store_ && store_->pin_unlock_available();
}

void StoreSession::after_sign_in() {
    user_.reset();
    const store::SessionInfo info = store_->session();
    for (const store::UserSummary& u : store_->users())
        if (info.user && u.id == *info.user) user_ = SignedInUser{u.name, u.role};
    seen_data_version_ = ~std::uint64_t{0}; // force a full refresh
    refresh();
}

std::optional<SignedInUser> StoreSession::signed_in_user() const {
    if (!store_ || !store_->signed_in()) return std::nullopt;
    return user_;
}

bool StoreSession::can(Permission permission) const {
    return store_ && store_->can(permission);
}

EditResult StoreSession::add_log_entry(std::string_view text) {
    std::string trimmed;
    EditResult checked = check_log_entry_text(text, trimmed);
    if (!checked.ok) return checked;
    if (!store_) return {false, "No centre database is open."};
    try {
        edit_parts_ = kLogPart;
        const std::int64_t id = store_->append_log(trimmed, store::LogKind::Manual);
        spdlog::debug("activity log: entry {} added", id);
    } catch (const store::StoreError& e) {
        return failed(error_text(e));
    }
    refresh();
    return {true, {}};
}

EditResult StoreSession::backup_now() {
    if (!store_) return {false, "No centre database is open."};
    if (!store_->can(Permission::Backup)) return {false, "Your role may not take backups."};
    try {
        const store::BackupResult r = store_->backup_now(store::BackupKind::Manual);
        return {true, "Backed up to " + r.file.string() + " (" +
                          size_text(static_cast<std::uintmax_t>(r.bytes)) + ", checked)."};
    } catch (const store::StoreError& e) {
        return {false, error_text(e)};
    }
}

std::vector<BackupChoice> StoreSession::backups() const {
    std::vector<BackupChoice> out;
    if (!store_) return out;
    std::error_code ec;
    const std::filesystem::path dir = store_->backup_directory();
    // A shared centre's backups are .dump files named after its database.
    const std::string stem = store::backup_stem(store_->path()) + "-";
    const std::string ext = store::backup_extension(store_->path());
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::filesystem::path& p = entry.path();
        const std::string name = p.filename().string();
        if (p.extension() != ext || name.rfind(stem, 0) != 0) continue;
        const std::string rest = name.substr(stem.size());
        std::string kind = "Automatic";
        if (rest.rfind("manual-", 0) == 0) kind = "Made by hand";
        if (rest.rfind("before-upgrade", 0) == 0) kind = "Before an upgrade";
        if (rest.rfind("before-restore", 0) == 0) kind = "Before a restore";
        out.push_back(BackupChoice{p, kind + ", " + name + " (" + size_text(entry.file_size(ec)) + ")"});
    }
    // Newest first: the names end in a UTC timestamp.
    const auto stamp = [](const BackupChoice& c) {
        const std::string name = c.file.stem().string();
        return name.size() < 15 ? name : name.substr(name.size() - 15);
    };
    std::sort(out.begin(), out.end(),
              [&](const BackupChoice& a, const BackupChoice& b) { return stamp(a) > stamp(b); });
    return out;
}

EditResult StoreSession::restore_backup(const std::filesystem::path& file) {
    if (!store_) return {false, "No centre database is open."};
    if (!store_->can(Permission::Restore)) return {false, "Only a coordinator may restore a backup."};
    try {
        const store::RestoreResult r = store_->restore_from(file);
        user_.reset();
        clear_personal_snapshots();
        backups_ = std::make_unique<store::BackupScheduler>(*store_, clock_);
        refresh();
        return {true, "Restored. The data from before were kept in " + r.kept_aside.filename().string() +
                          ". Sign in again."};
    } catch (const store::StoreError& e) {
        return {false, error_text(e)};
    }
}

void StoreSession::on_exit() {
    if (!backups_) return;
    if (const auto r = backups_->backup_on_exit()) spdlog::info("session: exit backup written");
    if (backups_->last_error()) spdlog::warn("session: exit backup failed: {}", *backups_->last_error());
}

void StoreSession::note_activity() {
    if (store_) store_->note_activity();
}

std::string StoreSession::rotation_advice() const {
    if (!store_ || !store_->signed_in() || !store_->can(Permission::ManageUsers) || rotation_) return {};
    // The shell asks every frame: answered from what refresh() read when the data last changed.
    if (!rotation_advised_) return {};
    return "A user was disabled: rotate the data key so that copies they may hold open nothing new.";
}

EditResult StoreSession::start_key_rotation(std::string_view passphrase) {
    if (!store_) return {false, "No centre database is open."};
    if (rotation_) return {false, "The data key is already being rotated."};
    try {
        rotation_ = store::KeyRotation::begin(*store_, passphrase);
        rotation_result_.clear();
        spdlog::info("session: data-key rotation started");
        return {true, "Re-sealing everything under a new key..."};
    } catch (const store::StoreError& e) {
        return {false, e.advice().empty() ? e.problem() : e.problem() + " " + e.advice()};
    }
}

std::optional<double> StoreSession::rotation_progress() const {
    if (!rotation_) return std::nullopt;
    return rotation_->progress().fraction();
}

void StoreSession::step_rotation() {
    try {
        if (!rotation_->step(3000)) return;
        const store::RotationResult r = rotation_->commit();
        rotation_.reset();
        rotation_result_ = "The data key was rotated: " + std::to_string(r.values_resealed) +
                           " values re-sealed. " + std::to_string(r.users_needing_reset) +
                           " other user(s) need a passphrase reset by a coordinator before they can sign in. "
                           "Take a fresh backup and delete older ones.";
    } catch (const store::StoreError& e) {
        rotation_.reset(); // rolled back: nothing changed
        rotation_result_ = "The data key was not rotated: " + e.problem() + " Nothing was changed.";
    }
    refresh();
}

bool StoreSession::tick() {
    if (!store_) return false;
    if (rotation_) {
        // One transaction across frames: nothing else writes (or locks) until it is done.
        step_rotation();
        return true;
    }
    bool changed = false;
    try {
        changed = link_ && tick_link();
        if (store_->lock_if_idle()) {
            spdlog::info("session: locked after {} idle minutes", store_->settings().idle_lock_minutes);
            clear_personal_snapshots();
            changed = true;
        }
        if (backups_ && store_->signed_in()) {
            const auto before = backups_->last_error();
            backups_->tick();
            if (backups_->last_error() != before) {
                if (backups_->last_error()) failed("The automatic backup failed: " + *backups_->last_error());
                changed = true;
            }
        }
        return follow_clock() || changed;
    } catch (const store::StoreError& e) {
        // Work the clock called for (the idle lock's audit row, an action turning overdue) found the
        // shared centre's server gone: the desk says so and reconnects, it does not end.
        if (!link_ || e.kind() == store::ErrorKind::Crypto) throw;
        connection_lost(e.problem());
        return true;
    }
}

bool StoreSession::follow_clock() {
    if (!store_) return false;
    bool changed = false;
    if (operation_.next_due && clock_.now() >= *operation_.next_due) {
        changed |= reevaluate_actions();
        refresh_alerts();
    }
    if (referrals_.next_change_at && clock_.now() >= *referrals_.next_change_at && store_->signed_in()) {
        refresh_referrals(true); // a referral turned overdue
        refresh_alerts();
        changed = true;
    }
    if (partners_.next_follow_up && clock_.now() >= *partners_.next_follow_up) {
        partners_.next_follow_up =
            next_follow_up(partners_, clock_.now()); // the board compares with the clock
        ++partners_.version;
        changed = true;
    }
    return refresh() || changed;
}

std::optional<double> StoreSession::seconds_until_due() const {
    if (!store_) return std::nullopt;
    if (rotation_) return 0.0;
    std::optional<double> due;
    if (const auto lock = store_->seconds_until_idle_lock()) due = static_cast<double>(*lock);
    if (backups_ && store_->signed_in())
        if (const auto b = backups_->seconds_until_due())
            due = due ? std::min(*due, static_cast<double>(*b)) : static_cast<double>(*b);
    for (const std::optional<UnixSeconds>& at :
         {operation_.next_due, partners_.next_follow_up, referrals_.next_change_at}) {
        if (!at) continue;
        const double to_due = static_cast<double>(*at - clock_.now());
        due = due ? std::min(*due, to_due) : to_due;
    }
    if (link_) {
        const double to_link = link_seconds_until_due();
        due = due ? std::min(*due, to_link) : to_link;
    }
    return due;
}

bool StoreSession::refresh() {
    const bool signed_in = store_ && store_->signed_in();
    const std::uint64_t version = store_ ? store_->data_version() : 0;
    const unsigned parts = (signed_in != seen_signed_in_ || !edit_parts_) ? kAllParts : *edit_parts_;
    edit_parts_.reset();
    if (version == seen_data_version_ && signed_in == seen_signed_in_) return false;
    const bool version_moved = version != seen_data_version_;
    seen_data_version_ = version;
    seen_signed_in_ = signed_in;

    if (store_) {
        const store::Centre c = store_->centre();
        status_.centre_name = c.code + " " + c.name;
        rotation_advised_ = signed_in && store_->rotation_advised().has_value();
        // A committed write (the version moved) clears an earlier failure.
        if (version_moved) {
            status_.save_state = SaveState::Saved;
            status_.save_problem.clear();
            status_.last_saved_at = clock_.now();
        }
    } else {
        status_.centre_name = "No centre open";
        status_.save_state = SaveState::NoDatabase;
    }
    ++status_.version;

    // Only what the last edit touched is read again (a full reload of a large centre is not free).
    if (store_) read_parts(parts, signed_in);
    return true;
}

void StoreSession::read_parts(unsigned parts, bool signed_in) {
    if (parts & kOperationPart) refresh_operation(signed_in);
    if (parts & kPeoplePart) refresh_people(signed_in);
    if (parts & kPartnersPart) refresh_partners(signed_in);
    if (parts & kStockPart) refresh_stock(signed_in, parts == kAllParts);
    if (parts & (kReferralsPart | kPeoplePart | kOperationPart)) refresh_referrals(signed_in);
    refresh_alerts();
    if (parts & kLogPart) refresh_log(signed_in);
}

void StoreSession::refresh_log(bool signed_in) {
    if (!signed_in) return;
    clear_personal_snapshots();
    std::vector<store::UserSummary> users;
    try {
        users = store_->users();
    } catch (const store::StoreError&) {
    }
    const auto author = [&](const std::optional<store::UserId>& id) -> std::string {
        if (!id) return {};
        for (const store::UserSummary& u : users)
            if (u.id == *id) return u.name;
        return "user #" + std::to_string(*id);
    };
    try {
        for (store::LogEntry& e : store_->log_entries(1000))
            log_.entries.push_back(LogEntryView{e.id, e.at, std::move(e.text), author(e.author),
                                                e.kind == store::LogKind::Automatic});
    } catch (const store::StoreError& e) {
        failed(message_of(e));
    }
    ++log_.version;
}

namespace {
std::string import_attempt_name(std::string_view kind, const std::filesystem::path& file) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(file, ec);
    return std::string(kind) + "\n" + (ec ? file : absolute).lexically_normal().string();
}
} // namespace

store::SaveKey StoreSession::import_attempt(std::string_view kind, const std::filesystem::path& file) {
    return import_attempts_.try_emplace(import_attempt_name(kind, file), store::SaveKey::make())
        .first->second;
}

void StoreSession::import_settled(std::string_view kind, const std::filesystem::path& file) {
    import_attempts_.erase(import_attempt_name(kind, file));
}

} // namespace rc::app
