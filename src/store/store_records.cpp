// Store: the centre, users, the activity log and the audit trail.
#include "store/error.hpp"
#include "store/store.hpp"
#include "store/store_internal.hpp"

#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

constexpr std::size_t kMaxLogText = 20000;

bool valid_code(std::string_view code) {
    if (code.empty() || code.size() > 32) return false;
    for (char c : code) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '/';
        if (!ok) return false;
    }
    return true;
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool allowed_transition(CentreStatus from, CentreStatus to) {
    using S = CentreStatus;
    switch (from) {
    case S::Standby:
        return to == S::Open || to == S::Closed;
    case S::Open:
        return to == S::StandingDown || to == S::Closed;
    case S::StandingDown:
        return to == S::Open || to == S::Closed;
    case S::Closed:
        return false;
    }
    return false;
}

} // namespace

Centre read_centre(Connection& db) {
    auto st = db.cached(
        "SELECT name, code, venue, tier, status, expected_people, created_at, activated_at, closed_at "
        "FROM centre WHERE id = 1");
    if (!st->step())
        throw StoreError(ErrorKind::Corrupt, db.path().string() + " has no centre record.",
                         restore_advice(db.path().string()));
    Centre c;
    c.name = st->text_at(0);
    c.code = st->text_at(1);
    c.venue = st->text_at(2);
    c.tier = tier_from_id(st->text_at(3)).value_or(Tier::Small);
    c.status = centre_status_from_id(st->text_at(4)).value_or(CentreStatus::Standby);
    c.expected_people = st->get<int>(5);
    c.created_at = st->int64_at(6);
    c.activated_at = st->get<std::optional<std::int64_t>>(7);
    c.closed_at = st->get<std::optional<std::int64_t>>(8);
    return c;
}

std::int64_t insert_log(WriteContext& w, std::string_view text, LogKind kind) {
    std::int64_t id = w.next_id("activity_log");
    Blob sealed = w.cipher.seal("activity_log", "text", id, text);
    w.db.cached("INSERT INTO activity_log (id, at, author_id, kind, text_enc) VALUES (?, ?, ?, ?, ?)")
        ->bind_all(id, w.now, w.user, log_kind_id(kind), sealed)
        .run();
    w.audit("insert", "activity_log", id, AuditChanges().value("kind", log_kind_id(kind)).personal("text"));
    return id;
}

std::optional<std::string> centre_details_problem(const CentreDetails& d) {
    if (blank(d.name)) return "The centre needs a name.";
    if (d.name.size() > 200) return "The centre's name is too long (more than 200 characters).";
    if (!valid_code(d.code))
        return "The operation code must be 1 to 32 letters, digits or dashes, like OP-0001.";
    if (d.venue.size() > 1000) return "The venue description is too long (more than 1000 characters).";
    if (d.expected_people < 0 || d.expected_people > 100000)
        return "The expected number of people must be between 0 and 100000.";
    return std::nullopt;
}

std::optional<std::string> user_name_problem(std::string_view name) {
    if (blank(name)) return "The user needs a name.";
    if (name.size() > 200) return "The name is too long (more than 200 characters).";
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------- centre

Centre Store::centre() const {
    return read_centre(conn_);
}

void Store::update_centre(const CentreDetails& d) {
    if (auto p = centre_details_problem(d)) throw StoreError(ErrorKind::InvalidInput, *p);
    write(Permission::ManageCentre, [&](WriteContext& w) {
        Centre before = read_centre(w.db);
        // Once open, the tier only goes up through raise_tier(), which keeps the reason and logs it.
        if (before.activated_at && before.tier != d.tier)
            throw StoreError(ErrorKind::InvalidInput,
                             "The tier of an activated centre cannot be edited here.",
                             "Use Raise tier, which records the reason in the log.");
        w.db.cached(
                "UPDATE centre SET name = ?, code = ?, venue = ?, tier = ?, expected_people = ? WHERE id = 1")
            ->bind_all(d.name, d.code, d.venue, tier_id(d.tier), d.expected_people)
            .run();
        AuditChanges c;
        if (before.name != d.name) c.change("name", before.name, d.name);
        if (before.code != d.code) c.change("code", before.code, d.code);
        if (before.venue != d.venue) c.change("venue", before.venue, d.venue);
        if (before.tier != d.tier) c.change("tier", tier_id(before.tier), tier_id(d.tier));
        if (before.expected_people != d.expected_people)
            c.change("expected_people", std::optional<std::int64_t>(before.expected_people),
                     std::optional<std::int64_t>(d.expected_people));
        w.audit("update", "centre", 1, c);
    });
}

void Store::set_centre_status(CentreStatus status) {
    write(Permission::ManageCentre, [&](WriteContext& w) {
        Centre before = read_centre(w.db);
        if (before.status == status) return;
        if (!allowed_transition(before.status, status))
            throw StoreError(ErrorKind::InvalidInput,
                             "The centre cannot go from " + std::string(centre_status_label(before.status)) +
                                 " to " + std::string(centre_status_label(status)) + ".");
        std::optional<UnixSeconds> activated = before.activated_at;
        std::optional<UnixSeconds> closed = before.closed_at;
        if (status == CentreStatus::Open && !activated) activated = w.now;
        if (status == CentreStatus::Closed) closed = w.now;
        w.db.cached("UPDATE centre SET status = ?, activated_at = ?, closed_at = ? WHERE id = 1")
            ->bind_all(centre_status_id(status), activated, closed)
            .run();
        AuditChanges c;
        c.change("status", centre_status_id(before.status), centre_status_id(status));
        if (activated != before.activated_at) c.change("activated_at", before.activated_at, activated);
        if (closed != before.closed_at) c.change("closed_at", before.closed_at, closed);
        w.audit("update", "centre", 1, c);
        insert_log(w, "Centre status: " + std::string(centre_status_label(status)), LogKind::Automatic);
    });
}

// ----------------------------------------------------------------------------------------------- users

std::int64_t Store::insert_user(WriteContext& w, const NewUser& u, KdfLimits pass_kdf, KdfLimits pin_kdf) {
    if (auto p = user_name_problem(u.name)) throw StoreError(ErrorKind::InvalidInput, *p);
    if (auto p = passphrase_problem(u.passphrase, u.name)) throw StoreError(ErrorKind::InvalidInput, *p);
    if (!u.pin.empty())
        if (auto p = pin_problem(u.pin)) throw StoreError(ErrorKind::InvalidInput, *p);
    Blob tag = user_name_tag(name_tag_key_, u.name);
    {
        auto st = w.db.cached("SELECT count(*) FROM users WHERE name_tag = ?");
        st->bind(1, tag);
        st->step();
        if (st->int64_at(0) != 0)
            throw StoreError(ErrorKind::InvalidInput, "A user with that name already exists.",
                             "Add something to tell them apart, such as an initial or their team.");
    }
    const UserId id = w.next_id("users");
    // A coordinator gets the coordinator key too (the one adding them holds it, being a coordinator).
    const SecureBuffer* coordinator_key =
        u.role == UserRole::Coordinator ? keyring_.coordinator_key() : nullptr;
    WrappedUserKeys wrapped =
        wrap_user_keys(keyring_.key(), coordinator_key, u.passphrase, pass_kdf, user_key_context(id));
    std::optional<std::string> pin_hash;
    if (!u.pin.empty()) pin_hash = hash_pin(u.pin, pin_kdf);
    w.db.cached("INSERT INTO users (id, name_tag, name_enc, role, kdf_salt, kdf_opslimit, kdf_memlimit, "
                "wrapped_key, "
                "pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(id, tag, w.cipher.seal("users", "name", id, u.name), user_role_id(u.role),
                   wrapped.data.salt, static_cast<std::int64_t>(wrapped.data.limits.opslimit),
                   static_cast<std::int64_t>(wrapped.data.limits.memlimit), wrapped.data.sealed, pin_hash,
                   w.now)
        .run();
    if (!wrapped.coordinator_sealed.empty())
        w.db.cached("UPDATE users SET coordinator_key = ? WHERE id = ?")
            ->bind_all(wrapped.coordinator_sealed, id)
            .run();
    AuditChanges c;
    c.personal("name").value("role", user_role_id(u.role)).value("pin", pin_hash ? "set" : "none");
    w.audit("insert", "users", id, c);
    return id;
}

UserId Store::add_user(const NewUser& u) {
    UserId id = write(Permission::ManageUsers,
                      [&](WriteContext& w) { return insert_user(w, u, passphrase_kdf_, pin_kdf_); });
    spdlog::info("store: user #{} added", id);
    refresh_user_cache();
    return id;
}

std::vector<UserSummary> Store::users() const {
    if (state_ != SessionState::SignedIn)
        throw StoreError(ErrorKind::SignedOut, "Nobody is signed in.", "Sign in first.");
    FieldCipher c = cipher();
    std::vector<UserSummary> out;
    auto st = conn_.cached(std::string("SELECT id, name_enc, role, pin_hash IS NOT NULL, created_at, "
                                       "disabled_at, length(wrapped_key) = 0, ") +
                           (has_coordinator_keys() ? "coordinator_key IS NOT NULL" : "0") +
                           " FROM users ORDER BY id");
    while (st->step()) {
        UserSummary u;
        u.id = st->int64_at(0);
        u.name = c.open("users", "name", u.id, st->blob_at(1)).value_or("(unreadable name)");
        u.role = user_role_from_id(st->text_at(2)).value_or(UserRole::Volunteer);
        u.has_pin = st->int64_at(3) != 0;
        u.created_at = st->int64_at(4);
        u.disabled_at = st->get<std::optional<std::int64_t>>(5);
        u.disabled = u.disabled_at.has_value();
        u.needs_reset = st->int64_at(6) != 0;
        u.has_coordinator_key = st->int64_at(7) != 0;
        out.push_back(std::move(u));
    }
    return out;
}

void Store::refresh_user_cache() {
    if (state_ != SessionState::SignedIn) return;
    user_cache_.clear();
    for (auto& u : users())
        if (!u.disabled) user_cache_.push_back(std::move(u));
}

namespace {
std::int64_t active_coordinators(Connection& db) {
    return db.query_int("SELECT count(*) FROM users WHERE role = 'coordinator' AND disabled_at IS NULL");
}
} // namespace

void Store::set_user_role(UserId id, UserRole role) {
    write(Permission::ManageUsers, [&](WriteContext& w) {
        auto row = user_row(id);
        if (!row) throw StoreError(ErrorKind::InvalidInput, "There is no user #" + std::to_string(id) + ".");
        if (row->role == role) return;
        if (row->role == UserRole::Coordinator && !row->disabled_at && active_coordinators(w.db) <= 1)
            throw StoreError(ErrorKind::InvalidInput, "This is the only active coordinator.",
                             "Make someone else a coordinator first.");
        w.db.cached("UPDATE users SET role = ? WHERE id = ?")->bind_all(user_role_id(role), id).run();
        // A volunteer keeps no copy of the coordinator key; a new coordinator gets one when a
        // coordinator resets their passphrase.
        if (role != UserRole::Coordinator && has_coordinator_keys())
            w.db.cached("UPDATE users SET coordinator_key = NULL WHERE id = ?")->bind_all(id).run();
        w.audit("update", "users", id,
                AuditChanges().change("role", user_role_id(row->role), user_role_id(role)));
    });
    if (user_ == id) role_ = role;
    refresh_user_cache();
}

void Store::set_user_disabled(UserId id, bool disabled) {
    write(Permission::ManageUsers, [&](WriteContext& w) {
        auto row = user_row(id);
        if (!row) throw StoreError(ErrorKind::InvalidInput, "There is no user #" + std::to_string(id) + ".");
        if (row->disabled_at.has_value() == disabled) return;
        if (disabled && id == w.user)
            throw StoreError(ErrorKind::InvalidInput, "You cannot disable yourself.",
                             "Ask another coordinator.");
        if (disabled && row->role == UserRole::Coordinator && active_coordinators(w.db) <= 1)
            throw StoreError(ErrorKind::InvalidInput, "This is the only active coordinator.",
                             "Make someone else a coordinator first.");
        std::optional<UnixSeconds> at = disabled ? std::optional<UnixSeconds>(w.now) : std::nullopt;
        w.db.cached("UPDATE users SET disabled_at = ? WHERE id = ?")->bind_all(at, id).run();
        AuditChanges c;
        c.change("disabled_at", row->disabled_at, at);
        if (disabled) {
            // Their copies of the keys go: their passphrase opens nothing in this file from now on.
            // (Older backups still hold them: rotating the data key makes those useless for new records.)
            // An empty key bound as a value: X'' is a bit string on PostgreSQL.
            w.db.cached("UPDATE users SET wrapped_key = ?, pin_hash = NULL WHERE id = ?")
                ->bind_all(Blob{}, id)
                .run();
            if (has_coordinator_keys())
                w.db.cached("UPDATE users SET coordinator_key = NULL WHERE id = ?")->bind_all(id).run();
            w.db.cached("INSERT INTO meta (key, value) VALUES ('rotation_advised_since', ?) "
                        "ON CONFLICT (key) DO NOTHING")
                ->bind_all(w.now)
                .run();
            c.value("keys", "removed");
        }
        w.audit("update", "users", id, c);
    });
    if (disabled) wipe_wal();
    refresh_user_cache();
}

void Store::reset_passphrase(UserId id, std::string_view new_passphrase) {
    write(Permission::ManageUsers, [&](WriteContext& w) {
        auto row = user_row(id);
        if (!row) throw StoreError(ErrorKind::InvalidInput, "There is no user #" + std::to_string(id) + ".");
        if (auto p = passphrase_problem(new_passphrase,
                                        cipher().open("users", "name", id, row->name_enc).value_or("")))
            throw StoreError(ErrorKind::InvalidInput, *p);
        if (row->disabled_at)
            throw StoreError(ErrorKind::InvalidInput, "This user is disabled.", "Enable them first.");
        const SecureBuffer* coordinator_key =
            row->role == UserRole::Coordinator ? keyring_.coordinator_key() : nullptr;
        WrappedUserKeys k = wrap_user_keys(keyring_.key(), coordinator_key, new_passphrase, passphrase_kdf_,
                                           user_key_context(id));
        w.db.cached("UPDATE users SET kdf_salt = ?, kdf_opslimit = ?, kdf_memlimit = ?, wrapped_key = ? "
                    "WHERE id = ?")
            ->bind_all(k.data.salt, static_cast<std::int64_t>(k.data.limits.opslimit),
                       static_cast<std::int64_t>(k.data.limits.memlimit), k.data.sealed, id)
            .run();
        if (has_coordinator_keys()) {
            std::optional<Blob> sealed;
            if (!k.coordinator_sealed.empty()) sealed = k.coordinator_sealed;
            w.db.cached("UPDATE users SET coordinator_key = ? WHERE id = ?")->bind_all(sealed, id).run();
        }
        w.audit("update", "users", id, AuditChanges().value("passphrase", "reset"));
    });
}

void Store::change_own_passphrase(std::string_view old_passphrase, std::string_view new_passphrase) {
    require_writable();
    if (state_ != SessionState::SignedIn)
        throw StoreError(ErrorKind::SignedOut, "Nobody is signed in.", "Sign in first.");
    if (UnixSeconds wait = throttle_.seconds_to_wait(); wait > 0)
        throw StoreError(ErrorKind::NotPermitted,
                         "Too many wrong attempts. Wait " + std::to_string(wait) + " seconds.");
    auto row = user_row(*user_);
    if (auto p = passphrase_problem(
            new_passphrase, row ? cipher().open("users", "name", row->id, row->name_enc).value_or("") : ""))
        throw StoreError(ErrorKind::InvalidInput, *p);
    std::optional<UserKeys> old_keys;
    if (row && !row->wrapped.sealed.empty())
        old_keys = unwrap_user_keys(row->wrapped, row->coordinator_sealed, old_passphrase,
                                    user_key_context(row->id));
    if (!old_keys) {
        throttle_.record_failure();
        throw StoreError(ErrorKind::InvalidInput,
                         "The current passphrase is not right. Nothing was changed.");
    }
    throttle_.record_success();
    const UserId id = *user_;
    const KdfLimits limits = row->wrapped.limits.valid() && row->wrapped.limits.at_least_floor()
                                 ? row->wrapped.limits
                                 : passphrase_kdf_;
    WriteScope scope(*this, Permission::WriteLog, false);
    WriteContext& w = scope.ctx();
    WrappedUserKeys k = wrap_user_keys(
        keyring_.key(), old_keys->coordinator_key.empty() ? nullptr : &old_keys->coordinator_key,
        new_passphrase, limits, user_key_context(id));
    w.db.cached(
            "UPDATE users SET kdf_salt = ?, kdf_opslimit = ?, kdf_memlimit = ?, wrapped_key = ? WHERE id = ?")
        ->bind_all(k.data.salt, static_cast<std::int64_t>(k.data.limits.opslimit),
                   static_cast<std::int64_t>(k.data.limits.memlimit), k.data.sealed, id)
        .run();
    if (!k.coordinator_sealed.empty())
        w.db.cached("UPDATE users SET coordinator_key = ? WHERE id = ?")
            ->bind_all(k.coordinator_sealed, id)
            .run();
    w.audit("update", "users", id, AuditChanges().value("passphrase", "changed"));
    scope.commit();
}

void Store::set_own_pin(std::string_view passphrase, std::string_view pin) {
    if (!pin.empty())
        if (auto p = pin_problem(pin)) throw StoreError(ErrorKind::InvalidInput, *p);
    require_writable();
    if (state_ != SessionState::SignedIn)
        throw StoreError(ErrorKind::SignedOut, "Nobody is signed in.", "Sign in first.");
    if (UnixSeconds wait = throttle_.seconds_to_wait(); wait > 0)
        throw StoreError(ErrorKind::NotPermitted,
                         "Too many wrong attempts. Wait " + std::to_string(wait) + " seconds.");
    // Whoever knows the PIN can unlock as this user: only the user (who knows the passphrase) sets it.
    auto row = user_row(*user_);
    if (!row || row->wrapped.sealed.empty() ||
        !unwrap_user_keys(row->wrapped, {}, passphrase, user_key_context(row->id))) {
        throttle_.record_failure();
        throw StoreError(ErrorKind::InvalidInput, "The passphrase is not right. The PIN was not changed.");
    }
    throttle_.record_success();
    WriteScope scope(*this, Permission::WriteLog, false);
    WriteContext& w = scope.ctx();
    std::optional<std::string> hash;
    if (!pin.empty()) hash = hash_pin(pin, pin_kdf_);
    w.db.cached("UPDATE users SET pin_hash = ? WHERE id = ?")->bind_all(hash, w.user).run();
    w.audit("update", "users", w.user, AuditChanges().value("pin", hash ? "set" : "cleared"));
    scope.commit();
    refresh_user_cache();
}

// ------------------------------------------------------------------------------------------ activity log

std::int64_t Store::append_log(std::string_view text, LogKind kind, const SaveKey& key) {
    if (blank(text)) throw StoreError(ErrorKind::InvalidInput, "The log entry is empty.");
    if (text.size() > kMaxLogText)
        throw StoreError(ErrorKind::InvalidInput, "The log entry is too long (more than 20000 characters).");
    return save(Permission::WriteLog, key, "log_entry",
                [&](WriteContext& w) { return std::vector<std::int64_t>{insert_log(w, text, kind)}; })
        .ids.at(0);
}

namespace {
LogEntry read_log_row(const Statement& st, const FieldCipher& c) {
    LogEntry e;
    e.id = st.int64_at(0);
    e.at = st.int64_at(1);
    e.author = st.get<std::optional<std::int64_t>>(2);
    e.kind = log_kind_from_id(st.text_at(3)).value_or(LogKind::Manual);
    auto text = c.open("activity_log", "text", e.id, st.blob_at(4));
    if (!text) spdlog::warn("store: activity_log #{} failed its integrity check", e.id);
    e.text = text.value_or("[unreadable: this entry failed its integrity check]");
    return e;
}
} // namespace

std::vector<LogEntry> Store::log_entries(std::size_t limit) const {
    FieldCipher c = cipher();
    std::vector<LogEntry> out;
    auto st =
        conn_.cached("SELECT id, at, author_id, kind, text_enc FROM activity_log ORDER BY id DESC LIMIT ?");
    st->bind(1, static_cast<std::int64_t>(limit));
    while (st->step())
        out.push_back(read_log_row(*st, c));
    return out;
}

std::optional<LogEntry> Store::log_entry(std::int64_t id) const {
    FieldCipher c = cipher();
    auto st = conn_.cached("SELECT id, at, author_id, kind, text_enc FROM activity_log WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_log_row(*st, c);
}

// ----------------------------------------------------------------------------------------- audit trail

std::vector<AuditEntry> Store::audit_entries(std::size_t limit) const {
    require(Permission::ViewAudit);
    std::vector<AuditEntry> out;
    auto st = conn_.cached(
        "SELECT id, at, user_id, action, table_name, record_id, changes FROM audit ORDER BY id DESC LIMIT ?");
    st->bind(1, static_cast<std::int64_t>(limit));
    while (st->step()) {
        AuditEntry e;
        std::tie(e.id, e.at, e.user, e.action, e.table, e.record, e.changes) =
            st->row<std::int64_t, std::int64_t, std::optional<std::int64_t>, std::string, std::string,
                    std::optional<std::int64_t>, std::string>();
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace rc::store
