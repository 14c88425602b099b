#include "store/key_rotation.hpp"

#include "store/error.hpp"
#include "store/people_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::store {

struct KeyRotation::Keys {
    SecureBuffer old_data, old_coordinator, new_data, new_coordinator, passphrase;
    Blob old_public, new_public;
    std::optional<FieldCipher> before, after;
    UserId user = 0;
    KdfLimits limits;
};

namespace {

// Every table with an id and its `_enc` columns, on either engine.
std::vector<std::pair<std::string, std::vector<std::string>>> sealed_columns(Connection& db) {
    const bool server = db.engine() == Engine::Postgres;
    std::vector<std::string> tables;
    {
        auto st = db.cached(server ? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                     "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
                                   : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                     "'sqlite_%' ORDER BY name");
        while (st->step())
            tables.push_back(st->text_at(0));
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const std::string& t : tables) {
        std::vector<std::string> enc;
        bool has_id = false;
        auto st =
            db.cached(server ? "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                               "current_schema() AND table_name = ? ORDER BY ordinal_position"
                             : "SELECT name FROM pragma_table_info(?)");
        st->bind(1, t);
        while (st->step()) {
            std::string c = st->text_at(0);
            if (c == "id") has_id = true;
            if (c.size() > 4 && c.compare(c.size() - 4, 4, "_enc") == 0) enc.push_back(c);
        }
        st->reset();
        if (has_id) out.emplace_back(t, std::move(enc));
    }
    return out;
}

} // namespace

void KeyRotation::lock_out_other_desks() {
    Connection& db = store_.conn_;
    // The generation row, for update: this waits for every other desk's write under way (each holds
    // it FOR SHARE, Store::check_key_generation) to commit, and makes every later one wait for this
    // rotation to end and then find the new generation and refuse, so no value sealed under the old key
    // is committed after the rotation. First, before any table lock, so that no desk waits in a cycle.
    db.cached("INSERT INTO meta (key, value) VALUES ('data_key_generation', ?) ON CONFLICT (key) DO NOTHING")
        ->bind_all(std::int64_t{0})
        .run();
    auto st = db.cached("SELECT value FROM meta WHERE key = 'data_key_generation' FOR UPDATE");
    const std::int64_t generation = st->step() ? st->int64_at(0) : 0;
    st->reset();
    if (generation != store_.key_generation_)
        throw StoreError(ErrorKind::SignedOut, std::string(kKeyChangedMessage),
                         "Another desk rotated the data key a moment ago. Nothing was changed here.");
    new_generation_ = generation + 1;
}

KeyRotation::KeyRotation(Store& store) : store_(store), keys_(std::make_unique<Keys>()) {}

KeyRotation::~KeyRotation() {
    if (!committed_) {
        tx_.reset(); // rolls back, triggers and all
        if (keys_ && !keys_->old_data.empty()) spdlog::warn("store: data-key rotation rolled back");
    }
}

std::unique_ptr<KeyRotation> KeyRotation::begin(Store& store, std::string_view passphrase) {
    store.require_writable();
    store.require(Permission::ManageUsers);
    if (UnixSeconds wait = store.throttle_.seconds_to_wait(); wait > 0)
        throw StoreError(ErrorKind::NotPermitted,
                         "Too many wrong attempts. Wait " + std::to_string(wait) + " seconds.");
    auto row = store.user_row(*store.user_);
    std::optional<UserKeys> keys;
    if (row && !row->wrapped.sealed.empty())
        keys = unwrap_user_keys(row->wrapped, row->coordinator_sealed, passphrase, user_key_context(row->id));
    if (!keys) {
        store.throttle_.record_failure();
        throw StoreError(ErrorKind::InvalidInput, "The passphrase is not right. Nothing was changed.");
    }
    store.throttle_.record_success();
    if (!store.coordinator_public_key_.empty() && keys->coordinator_key.empty())
        throw StoreError(
            ErrorKind::NotPermitted,
            "Your passphrase does not hold the coordinator key, so the medical and referral notes "
            "could not be re-sealed. Nothing was changed.",
            "Ask another coordinator to rotate the key, or to reset your passphrase first.");

    std::unique_ptr<KeyRotation> r(new KeyRotation(store));
    Keys& k = *r->keys_;
    k.user = row->id;
    k.limits = row->wrapped.limits.valid() && row->wrapped.limits.at_least_floor() ? row->wrapped.limits
                                                                                   : store.passphrase_kdf_;
    k.passphrase = SecureBuffer(passphrase.size() + 1);
    std::copy(passphrase.begin(), passphrase.end(), k.passphrase.data());
    k.old_data = std::move(keys->data_key);
    k.old_coordinator = std::move(keys->coordinator_key);
    k.old_public = store.coordinator_public_key_;
    k.new_data = SecureBuffer::random(FieldCipher::key_size);
    if (store.has_coordinator_keys()) {
        k.new_coordinator = SecureBuffer::random(crypto_scalarmult_SCALARBYTES);
        k.new_public.assign(FieldCipher::coordinator_public_key_size, 0);
        crypto_scalarmult_base(k.new_public.data(), k.new_coordinator.data());
    }
    k.before.emplace(k.old_data, &k.old_public, k.old_coordinator.empty() ? nullptr : &k.old_coordinator);
    k.after.emplace(k.new_data, &k.new_public, k.new_coordinator.empty() ? nullptr : &k.new_coordinator);

    Connection& db = store.conn_;
    r->tx_.emplace(db);
    if (store.shared_centre()) r->lock_out_other_desks();
    // Every `_enc` column of every table with an id: the sealed values (column name without `_enc` is
    // the associated data's column, the convention every table follows).
    for (const auto& [t, enc] : sealed_columns(db)) {
        for (const std::string& c : enc) {
            r->columns_.push_back(Column{t, c, c.substr(0, c.size() - 4)});
            r->progress_.total += static_cast<std::size_t>(
                db.query_int("SELECT count(*) FROM \"" + t + "\" WHERE \"" + c + "\" IS NOT NULL"));
        }
    }
    // The append-only triggers refuse any change to sealed columns. On the file they are dropped for
    // the rotation and recreated, unchanged, before the commit (DDL is part of the transaction); on a
    // shared centre they are disabled and enabled again in the transaction (suspended_).
    if (store.shared_centre()) {
        for (const Column& c : r->columns_)
            if (std::find(r->suspended_.begin(), r->suspended_.end(), c.table) == r->suspended_.end())
                r->suspended_.push_back(c.table);
        r->suspended_.push_back("people"); // its tag index is computed again
        std::sort(r->suspended_.begin(), r->suspended_.end());
        r->suspended_.erase(std::unique(r->suspended_.begin(), r->suspended_.end()), r->suspended_.end());
        for (const std::string& t : r->suspended_)
            db.exec("ALTER TABLE \"" + t + "\" DISABLE TRIGGER USER");
    } else {
        {
            auto st =
                db.cached("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL");
            while (st->step())
                r->triggers_.emplace_back(st->text_at(0), st->text_at(1));
        }
        for (const auto& [name, sql] : r->triggers_)
            db.exec("DROP TRIGGER \"" + name + "\"");
    }
    spdlog::info("store: data-key rotation started by user #{} ({} sealed values)", k.user,
                 r->progress_.total);
    return r;
}

bool KeyRotation::step(std::size_t budget) {
    Connection& db = store_.conn_;
    Keys& k = *keys_;
    while (budget > 0 && current_ < columns_.size()) {
        Column& col = columns_[current_];
        auto read =
            db.cached("SELECT id, \"" + col.sql_column + "\" FROM \"" + col.table + "\" WHERE id > ? AND \"" +
                      col.sql_column + "\" IS NOT NULL ORDER BY id LIMIT ?");
        read->bind_all(col.last_id, static_cast<std::int64_t>(budget));
        std::vector<std::pair<std::int64_t, Blob>> rows;
        while (read->step())
            rows.emplace_back(read->int64_at(0), read->blob_at(1));
        read->reset();
        if (rows.empty()) {
            ++current_;
            continue;
        }
        auto write =
            db.cached("UPDATE \"" + col.table + "\" SET \"" + col.sql_column + "\" = ? WHERE id = ?");
        for (auto& [id, blob] : rows) {
            auto plain = k.before->open(col.table, col.column, id, blob);
            if (!plain)
                throw StoreError(
                    ErrorKind::Corrupt,
                    col.table + " #" + std::to_string(id) + " (" + col.column +
                        ") does not open under the current key, so the key was not rotated. "
                        "Nothing was changed.",
                    "Run `reception-console verify`, and restore a backup if the file is damaged.");
            write->bind_all(k.after->seal(col.table, col.column, id, *plain), id).run();
            write->reset();
            sodium_memzero(plain->data(), plain->size());
            col.last_id = id;
            ++progress_.done;
            --budget;
        }
    }
    return current_ >= columns_.size();
}

namespace {

// The tag's blind index is keyed by the data key: computed again under the new key, from the records
// already sealed again under it.
void recompute_tag_index(Connection& db, const FieldCipher& after) {
    std::vector<std::pair<std::int64_t, std::optional<Blob>>> rows;
    {
        auto read = db.cached("SELECT id, personal_enc FROM people ORDER BY id");
        while (read->step()) {
            const std::int64_t id = read->int64_at(0);
            const auto fields = open_personal(after, id, read->blob_at(1));
            if (!fields)
                throw StoreError(
                    ErrorKind::Corrupt,
                    "people #" + std::to_string(id) +
                        " does not open under the new key, so the key was not rotated. Nothing "
                        "was changed.",
                    "Run `reception-console verify`, and restore a backup if the file is damaged.");
            rows.emplace_back(id, tag_index(after, fields->tag));
        }
    }
    db.exec("UPDATE people SET tag_index = NULL");
    auto write = db.cached("UPDATE people SET tag_index = ? WHERE id = ?");
    for (const auto& [id, index] : rows) {
        write->bind_all(index, id).run();
        write->reset();
    }
}

} // namespace

RotationResult KeyRotation::commit() {
    while (!step(100000)) {
    }
    Connection& db = store_.conn_;
    Keys& k = *keys_;
    const std::string_view passphrase(reinterpret_cast<const char*>(k.passphrase.data()),
                                      k.passphrase.size() - 1);
    WrappedUserKeys wrapped =
        wrap_user_keys(k.new_data, k.new_coordinator.empty() ? nullptr : &k.new_coordinator, passphrase,
                       k.limits, user_key_context(k.user));
    db.cached(
          "UPDATE users SET kdf_salt = ?, kdf_opslimit = ?, kdf_memlimit = ?, wrapped_key = ? WHERE id = ?")
        ->bind_all(wrapped.data.salt, static_cast<std::int64_t>(wrapped.data.limits.opslimit),
                   static_cast<std::int64_t>(wrapped.data.limits.memlimit), wrapped.data.sealed, k.user)
        .run();
    RotationResult result;
    result.values_resealed = progress_.done;
    result.users_needing_reset = static_cast<std::size_t>(
        db.query_int("SELECT count(*) FROM users WHERE id <> " + std::to_string(k.user)));
    // Everyone else's copies of the old key go: a coordinator resets their passphrases.
    db.cached("UPDATE users SET wrapped_key = ? WHERE id <> ?")->bind_all(Blob{}, k.user).run();
    if (store_.has_coordinator_keys()) {
        db.cached("UPDATE users SET coordinator_key = NULL WHERE id <> ?")->bind_all(k.user).run();
        db.cached("UPDATE users SET coordinator_key = ? WHERE id = ?")
            ->bind_all(wrapped.coordinator_sealed, k.user)
            .run();
        db.cached("INSERT INTO meta (key, value) VALUES ('coordinator_public_key', ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            ->bind_all(k.new_public)
            .run();
    }
    const UnixSeconds now = store_.clock_.now();
    db.exec("DELETE FROM meta WHERE key = 'rotation_advised_since'");
    db.cached("INSERT INTO meta (key, value) VALUES ('data_key_rotated_at', ?) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        ->bind_all(now)
        .run();
    recompute_tag_index(db, *k.after);
    for (const auto& [name, sql] : triggers_)
        db.exec(sql);
    if (store_.shared_centre()) {
        for (const std::string& t : suspended_)
            db.exec("ALTER TABLE \"" + t + "\" ENABLE TRIGGER USER");
        db.cached("UPDATE meta SET value = ? WHERE key = 'data_key_generation'")
            ->bind_all(new_generation_)
            .run();
        // Delivered to every other desk at the commit (never for a rollback): they sign out at once.
        db.exec("NOTIFY rc_change, 'data_key:" + std::to_string(new_generation_) + "'");
    }
    AuditChanges c;
    c.value("data_key", "rotated")
        .value("values_resealed", static_cast<std::int64_t>(result.values_resealed))
        .value("users_needing_reset", static_cast<std::int64_t>(result.users_needing_reset));
    insert_audit_row(db, now, k.user, "rotate_data_key", "database", std::nullopt, c);
    tx_->commit();
    committed_ = true;
    db.clear_cache();

    store_.keyring_.unlock(std::move(k.new_data), std::move(k.new_coordinator));
    store_.coordinator_public_key_ = k.new_public;
    ++store_.data_version_;
    if (store_.shared_centre()) store_.key_generation_ = new_generation_;
    store_.wipe_wal();
    store_.refresh_user_cache();
    spdlog::info("store: data key rotated by user #{} ({} values re-sealed; {} users need a reset)", k.user,
                 result.values_resealed, result.users_needing_reset);
    return result;
}

RotationResult KeyRotation::run(Store& store, std::string_view passphrase,
                                const std::function<void(const RotationProgress&)>& on_progress) {
    auto r = begin(store, passphrase);
    if (on_progress) on_progress(r->progress());
    while (!r->step(5000))
        if (on_progress) on_progress(r->progress());
    if (on_progress) on_progress(r->progress());
    return r->commit();
}

} // namespace rc::store
