// Store: opening, creating, upgrading, settings, backups and restore. The session is in
// store_session.cpp; the centre, users, log and audit trail in store_records.cpp.
#include "store/store.hpp"

#include "os/file_io.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/inspect.hpp"
#include "store/migrations.hpp"
#include "store/server_move.hpp"
#include "store/shared_backup.hpp"
#include "store/store_internal.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

constexpr const char* kSettingKeys[] = {"backup_folder", "backup_interval_minutes", "backups_kept",
                                        "idle_lock_minutes"};

int parse_int_or(const std::string& text, int fallback) {
    try {
        std::size_t used = 0;
        int v = std::stoi(text, &used);
        return used == text.size() ? v : fallback;
    } catch (...) {
        return fallback;
    }
}

void remove_database_files(const std::filesystem::path& path) {
    for (const char* s : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::path p = path;
        p += s;
        std::error_code ec;
        std::filesystem::remove(p, ec);
    }
}

} // namespace

// ------------------------------------------------------------------------------------------ WriteContext

void WriteContext::audit(std::string_view action, std::string_view table, std::optional<std::int64_t> record,
                         const AuditChanges& changes) {
    insert_audit_row(db, now, user, action, table, record, changes);
}

std::int64_t WriteContext::next_id(std::string_view table) {
    if (db.engine() == Engine::Postgres) {
        // The server numbers rows: an id taken here is never handed to another desk.
        auto st = db.cached("SELECT nextval(pg_get_serial_sequence('" + std::string(table) + "', 'id'))");
        st->step();
        return st->int64_at(0);
    }
    auto st = db.cached("SELECT coalesce(max(id), 0) + 1 FROM " + std::string(table));
    st->step();
    return st->int64_at(0);
}

void insert_audit_row(Connection& db, UnixSeconds at, std::optional<UserId> user, std::string_view action,
                      std::string_view table, std::optional<std::int64_t> record,
                      const AuditChanges& changes) {
    auto st = db.cached("INSERT INTO audit (at, user_id, action, table_name, record_id, changes) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
    st->bind_all(at, user, action, table, record,
                 audit_names_only(table) && record ? changes.names_only().json() : changes.json())
        .run();
}

// ---------------------------------------------------------------------------------------------- WriteScope

namespace {
const SecureBuffer& checked_key(const Store& store, const Keyring& keyring, Permission needed,
                                bool needs_permission) {
    if (store.read_only())
        throw StoreError(ErrorKind::ReadOnly, "This database is open read-only: nothing can be changed.",
                         "Close it and open it normally to make changes.");
    if (!store.signed_in())
        throw StoreError(ErrorKind::SignedOut, "Nobody is signed in.", "Sign in to make changes.");
    if (needs_permission && !store.can(needed))
        throw StoreError(ErrorKind::NotPermitted,
                         "Only a coordinator can " + std::string(permission_label(needed)) + ".",
                         "Ask the coordinator on duty.");
    return keyring.key();
}
} // namespace

Store::WriteScope::WriteScope(Store& store, Permission needed, bool needs_permission)
    : store_(store), cipher_(checked_key(store, store.keyring_, needed, needs_permission),
                             &store.coordinator_public_key_, store.keyring_.coordinator_key()),
      tx_(store.conn_),
      ctx_(std::in_place, WriteContext{store.conn_, cipher_, *store.user_, store.clock_.now()}) {
    if (store.shared_centre()) store.check_key_generation();
}

void Store::WriteScope::commit() {
    tx_.commit();
    ++store_.data_version_;
    store_.last_activity_ = store_.clock_.now();
}

// ------------------------------------------------------------------------------------------ open / create

Store::Store(const std::filesystem::path& path, const Clock& clock)
    : path_(path), clock_(clock), throttle_(clock) {}

Store::~Store() {
    keyring_.forget();
    conn_.close();
    lock_.release();
}

void Store::configure_connection() {
    // A shared centre's server is configured once, by whoever set it up (durability is its default).
    if (conn_.engine() == Engine::Postgres) return;
    conn_.exec("PRAGMA busy_timeout = 5000");
    conn_.exec("PRAGMA foreign_keys = ON");
    if (read_only_) return;
    if (conn_.query_text("PRAGMA journal_mode = WAL") != "wal")
        throw StoreError(
            ErrorKind::Io, "Could not switch " + path_.string() + " to write-ahead logging.",
            "The file system may not support it (a network drive?). Keep the database on a local disk.");
    // FULL: a commit is on disk before it is acknowledged, also across a power cut.
    conn_.exec("PRAGMA synchronous = FULL");
    // Deleted personal data is overwritten, not left in free pages.
    conn_.exec("PRAGMA secure_delete = ON");
}

void Store::load_meta() {
    coordinator_public_key_.clear();
    auto st = conn_.cached("SELECT key, value FROM meta");
    std::uint64_t pops = 0, pinops = 0;
    std::size_t pmem = 0, pinmem = 0;
    while (st->step()) {
        std::string key = st->text_at(0);
        if (key == "name_tag_key")
            name_tag_key_ = st->blob_at(1);
        else if (key == "coordinator_public_key")
            coordinator_public_key_ = st->blob_at(1);
        else if (key == "passphrase_opslimit")
            pops = static_cast<std::uint64_t>(st->int64_at(1));
        else if (key == "passphrase_memlimit")
            pmem = static_cast<std::size_t>(st->int64_at(1));
        else if (key == "pin_opslimit")
            pinops = static_cast<std::uint64_t>(st->int64_at(1));
        else if (key == "pin_memlimit")
            pinmem = static_cast<std::size_t>(st->int64_at(1));
    }
    if (!coordinator_public_key_.empty() &&
        coordinator_public_key_.size() != FieldCipher::coordinator_public_key_size)
        throw StoreError(ErrorKind::Corrupt,
                         path_.string() + " is damaged: its coordinator key is malformed.",
                         restore_advice(path_.string()));
    if (name_tag_key_.size() != 32)
        throw StoreError(ErrorKind::Corrupt, path_.string() + " is damaged: its user index key is missing.",
                         restore_advice(path_.string()));
    KdfLimits p{pops, pmem}, q{pinops, pinmem};
    // Limits read from the file never go below the floor (MODERATE): a file edited to ask for less
    // gets the floor instead.
    passphrase_kdf_ = p.valid() && p.at_least_floor() ? p : kdf_floor();
    if (q.valid()) pin_kdf_ = q;
}

void Store::load_settings() {
    Settings s;
    auto st = conn_.cached("SELECT key, value FROM settings");
    while (st->step()) {
        std::string key = st->text_at(0), value = st->text_at(1);
        if (key == "backup_folder")
            s.backup_folder = value;
        else if (key == "backup_interval_minutes")
            s.backup_interval_minutes = parse_int_or(value, s.backup_interval_minutes);
        else if (key == "backups_kept")
            s.backups_kept = parse_int_or(value, s.backups_kept);
        else if (key == "idle_lock_minutes")
            s.idle_lock_minutes = parse_int_or(value, s.idle_lock_minutes);
    }
    if (settings_problem(s)) s = Settings{}; // a file edited by hand falls back to safe defaults
    settings_ = s;
}

std::filesystem::path Store::backup_directory() const {
    if (settings_.backup_folder.empty()) return default_backup_dir(path_);
    std::filesystem::path folder = settings_.backup_folder;
    // A relative folder is taken relative to the database (a shared centre: the desk's data folder),
    // never to wherever the program was started.
    return folder.is_absolute() ? folder : default_backup_dir(path_).parent_path() / folder;
}

std::unique_ptr<Store> Store::open_shared(std::string_view target, const OpenOptions& options,
                                          const Clock& clock) {
    std::unique_ptr<Store> s(new Store(redact_postgres_target(target), clock));
    s->read_only_ = options.mode == OpenMode::ReadOnly;
    s->conn_ =
        Connection::open_postgres(target, s->read_only_ ? AccessMode::ReadOnly : AccessMode::ReadWrite);
    const std::string where = s->path_.string();
    if (s->conn_.application_id() != static_cast<std::uint32_t>(kApplicationId))
        throw StoreError(
            ErrorKind::NotOurs, "The database " + where + " holds no Reception Console centre.",
            "Check the connection line, or create a centre there with `reception-console init --db`.");
    const int version = s->conn_.schema_version();
    if (version > latest_schema_version())
        throw StoreError(ErrorKind::NewerVersion,
                         "The shared centre " + where +
                             " was made by a newer Reception Console (schema version " +
                             std::to_string(version) + ").",
                         "Install the newer version on this desk.");
    if (s->read_only_ && version < latest_schema_version())
        throw StoreError(ErrorKind::ReadOnly,
                         where + " uses an older schema (version " + std::to_string(version) +
                             ") that must be upgraded before it can be read.",
                         "Open it normally once from one desk: it is upgraded in one transaction.");
    s->schema_version_ = version;
    s->load_settings();
    if (!s->read_only_) s->upgrade_if_needed(options);
    s->load_meta();
    spdlog::info("store: opened shared centre {} (schema v{}, {})", where, s->schema_version_,
                 s->read_only_ ? "read-only" : "read-write");
    return s;
}

std::unique_ptr<Store> Store::open(const std::filesystem::path& path, const OpenOptions& options,
                                   const Clock& clock) {
    ensure_sodium();
    if (is_postgres_target(os::path_to_utf8(path)))
        return open_shared(os::path_to_utf8(path), options, clock);
    std::unique_ptr<Store> s(new Store(std::filesystem::absolute(path), clock));
    s->read_only_ = options.mode == OpenMode::ReadOnly;
    // A missing, foreign, newer or non-SQLite file is refused before anything (even a lock file) is
    // created beside it.
    if (DatabaseReport first = inspect_database(s->path_, CheckDepth::Header); !first.ok) {
        spdlog::warn("store: refused to open {}: {}", s->path_.string(), error_kind_id(first.problem_kind));
        first.throw_if_bad();
    }
    // A centre moved onto a server (server_move.hpp) lives there now; its old file is only looked at.
    if (!s->read_only_)
        if (auto where = moved_to(s->path_))
            throw StoreError(
                ErrorKind::ReadOnly,
                "This centre moved to the shared centre " + *where + "; " + s->path_.string() +
                    " is kept read-only as it was at the move, and nothing more is written to it.",
                "Open the shared centre instead: reception-console --db '" + *where + "'.");
    // Lock first, so that nobody writes while we look; then look read-only before writing anything.
    if (!s->read_only_) s->lock_ = WriterLock::acquire(s->path_);
    DatabaseReport report = inspect_database(s->path_, CheckDepth::Quick);
    if (!report.ok) {
        spdlog::warn("store: refused to open {}: {}", s->path_.string(), error_kind_id(report.problem_kind));
        report.throw_if_bad();
    }
    if (s->read_only_ && report.schema_version < latest_schema_version())
        throw StoreError(ErrorKind::ReadOnly,
                         s->path_.string() + " uses an older schema (version " +
                             std::to_string(report.schema_version) +
                             ") that must be upgraded before it can be read.",
                         "Open it normally and sign in once: it is backed up, then upgraded.");
    s->conn_ = Connection::open(s->path_, s->read_only_ ? AccessMode::ReadOnly : AccessMode::ReadWrite);
    s->conn_.exec("PRAGMA busy_timeout = 5000");
    // Check again on the connection we will use (the file could have been swapped in between), before
    // the pragmas below write anything.
    if (s->conn_.application_id() != static_cast<std::uint32_t>(kApplicationId) ||
        s->conn_.schema_version() != report.schema_version)
        throw StoreError(ErrorKind::NotOurs, s->path_.string() + " changed while it was being opened.",
                         "Make sure no other program is writing to it, and try again.");
    s->configure_connection();
    s->schema_version_ = report.schema_version;
    s->load_settings();
    if (!s->read_only_) s->upgrade_if_needed(options);
    s->load_meta();
    spdlog::info("store: opened {} (schema v{}, {})", s->path_.string(), s->schema_version_,
                 s->read_only_ ? "read-only" : "read-write");
    return s;
}

std::unique_ptr<Store> Store::create(const CreateOptions& o, const Clock& clock) {
    ensure_sodium();
    const int version = o.schema_version == 0 ? latest_schema_version() : o.schema_version;
    if (version < 1 || version > latest_schema_version())
        throw StoreError(ErrorKind::InvalidInput, "Unknown schema version " + std::to_string(version) + ".");
    if (auto p = centre_details_problem(
            CentreDetails{o.centre_name, o.centre_code, o.venue, o.tier, o.expected_people}))
        throw StoreError(ErrorKind::InvalidInput, *p);
    if (auto p = user_name_problem(o.coordinator_name)) throw StoreError(ErrorKind::InvalidInput, *p);
    if (auto p = passphrase_problem(o.passphrase, o.coordinator_name))
        throw StoreError(ErrorKind::InvalidInput, *p);
    if (!o.pin.empty())
        if (auto p = pin_problem(o.pin)) throw StoreError(ErrorKind::InvalidInput, *p);
    if (!o.passphrase_kdf.valid() || !o.pin_kdf.valid())
        throw StoreError(ErrorKind::InvalidInput, "The key-derivation limits are out of range.");
    if (!o.passphrase_kdf.at_least_floor())
        throw StoreError(ErrorKind::InvalidInput,
                         "The passphrase key-derivation limits are below libsodium's MODERATE, the least "
                         "this console accepts.");

    const bool shared = is_postgres_target(os::path_to_utf8(o.path));
    const auto path = shared ? o.path : std::filesystem::absolute(o.path);
    auto exists_any = [&] {
        std::filesystem::path wal = path;
        wal += "-wal";
        return std::filesystem::exists(path) || std::filesystem::exists(wal);
    };
    std::unique_ptr<Store> s;
    if (shared) {
        s.reset(new Store(redact_postgres_target(os::path_to_utf8(path)), clock));
        s->conn_ = Connection::open_postgres(os::path_to_utf8(path), AccessMode::Create);
        if (s->conn_.has_table("meta") || s->conn_.has_table("rc_schema"))
            throw StoreError(ErrorKind::AlreadyExists,
                             "There is already a centre in the database " + s->path_.string() + ".",
                             "Open it instead, or name another database. Nothing was changed.");
    } else if (exists_any()) {
        throw StoreError(
            ErrorKind::AlreadyExists, "There is already a file at " + path.string() + ".",
            "Choose another path with --db, or open the existing database. Nothing was changed.");
    }
    if (!shared) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        s.reset(new Store(path, clock));
        s->lock_ = WriterLock::acquire(path);
    }
    if (!shared && exists_any())
        throw StoreError(ErrorKind::AlreadyExists, "There is already a file at " + path.string() + ".",
                         "Choose another path with --db. Nothing was changed.");
    const UnixSeconds now = clock.now();
    try {
        if (!shared) {
            s->conn_ = Connection::open(path, AccessMode::Create);
            os::make_owner_only(path);
        }
        s->configure_connection();
        s->schema_version_ = version;
        SecureBuffer coordinator_secret;
        if (s->has_coordinator_keys()) {
            coordinator_secret = SecureBuffer::random(crypto_scalarmult_SCALARBYTES);
            s->coordinator_public_key_.assign(FieldCipher::coordinator_public_key_size, 0);
            crypto_scalarmult_base(s->coordinator_public_key_.data(), coordinator_secret.data());
        }
        s->keyring_.unlock(SecureBuffer::random(FieldCipher::key_size), std::move(coordinator_secret));
        s->name_tag_key_.resize(32);
        {
            SecureBuffer r = SecureBuffer::random(32);
            std::copy(r.data(), r.data() + 32, s->name_tag_key_.begin());
        }
        s->passphrase_kdf_ = o.passphrase_kdf;
        s->pin_kdf_ = o.pin_kdf;
        FieldCipher cipher = s->cipher();
        Transaction tx(s->conn_);
        s->conn_.set_application_id(static_cast<std::uint32_t>(kApplicationId));
        apply_migrations(s->conn_, 0, version, &cipher);
        auto meta = s->conn_.cached("INSERT INTO meta (key, value) VALUES (?, ?)");
        meta->bind_all("name_tag_key", s->name_tag_key_).run();
        meta->reset();
        meta->bind_all("passphrase_opslimit", static_cast<std::int64_t>(o.passphrase_kdf.opslimit)).run();
        meta->reset();
        meta->bind_all("passphrase_memlimit", static_cast<std::int64_t>(o.passphrase_kdf.memlimit)).run();
        meta->reset();
        meta->bind_all("pin_opslimit", static_cast<std::int64_t>(o.pin_kdf.opslimit)).run();
        meta->reset();
        meta->bind_all("pin_memlimit", static_cast<std::int64_t>(o.pin_kdf.memlimit)).run();
        if (!s->coordinator_public_key_.empty()) {
            meta->reset();
            meta->bind_all("coordinator_public_key", s->coordinator_public_key_).run();
        }

        WriteContext w{s->conn_, cipher, 1, now};
        UserId id = s->insert_user(w, NewUser{o.coordinator_name, UserRole::Coordinator, o.passphrase, o.pin},
                                   o.passphrase_kdf, o.pin_kdf);
        w.user = id;
        s->conn_
            .cached("INSERT INTO centre (id, name, code, venue, tier, status, expected_people, created_at) "
                    "VALUES (1, ?, ?, ?, ?, 'standby', ?, ?)")
            ->bind_all(o.centre_name, o.centre_code, o.venue, tier_id(o.tier), o.expected_people, now)
            .run();
        AuditChanges c;
        c.value("name", o.centre_name).value("code", o.centre_code).value("tier", tier_id(o.tier));
        c.value("status", "standby").value("schema_version", version);
        w.audit("create", "centre", 1, c);
        tx.commit();
        s->schema_version_ = version;
        s->load_settings();
        s->state_ = SessionState::SignedIn;
        s->user_ = id;
        s->role_ = UserRole::Coordinator;
        s->last_activity_ = now;
        s->data_version_ = 1;
        s->refresh_user_cache();
    } catch (...) {
        s->keyring_.forget();
        s->conn_.close(); // on a server, the transaction rolled back: nothing was made
        if (!shared) remove_database_files(path);
        throw;
    }
    spdlog::info("store: created {} (schema v{})", s->path_.string(), version);
    return s;
}

// -------------------------------------------------------------------------------------------- settings

void Store::update_settings(const Settings& next) {
    if (auto p = settings_problem(next)) throw StoreError(ErrorKind::InvalidInput, *p);
    const Settings before = settings_;
    write(Permission::ManageSettings, [&](WriteContext& w) {
        auto put = w.db.cached("INSERT INTO settings (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        AuditChanges c;
        auto set_text = [&](const char* key, const std::string& from, const std::string& to) {
            if (from == to) return;
            put->bind_all(key, to).run();
            put->reset();
            c.change(key, from, to);
        };
        auto set_int = [&](const char* key, int from, int to) {
            if (from == to) return;
            put->bind_all(key, std::to_string(to)).run();
            put->reset();
            c.change(key, std::optional<std::int64_t>(from), std::optional<std::int64_t>(to));
        };
        set_text(kSettingKeys[0], before.backup_folder, next.backup_folder);
        set_int(kSettingKeys[1], before.backup_interval_minutes, next.backup_interval_minutes);
        set_int(kSettingKeys[2], before.backups_kept, next.backups_kept);
        set_int(kSettingKeys[3], before.idle_lock_minutes, next.idle_lock_minutes);
        if (!c.empty()) w.audit("update", "settings", std::nullopt, c);
    });
    settings_ = next;
}

std::optional<std::string> settings_problem(const Settings& s) {
    if (s.backup_interval_minutes < 1 || s.backup_interval_minutes > 1440)
        return "The backup interval must be between 1 and 1440 minutes.";
    if (s.backups_kept < 1 || s.backups_kept > 1000)
        return "The number of backups kept must be between 1 and 1000.";
    if (s.idle_lock_minutes < 1 || s.idle_lock_minutes > 240)
        return "The idle lock must be between 1 and 240 minutes.";
    if (s.backup_folder.size() > 4096) return "The backup folder path is too long.";
    return std::nullopt;
}

// -------------------------------------------------------------------------------------------- backups

BackupResult Store::backup_now(BackupKind kind) {
    const UnixSeconds now = clock_.now();
    const auto dir = backup_directory();
    const auto dest = backup_file_path(dir, path_, kind, now);
    // A shared centre is dumped with pg_dump over this desk's connection (shared_backup.hpp).
    BackupResult r = shared_centre() ? write_shared_backup(conn_, dest, now) : write_backup(conn_, dest, now);
    record_backup_copy(r.file, kind);
    if (kind == BackupKind::Automatic) prune_backups(dir, path_, settings_.backups_kept);
    return r;
}

namespace {
const char* backup_kind_id(BackupKind kind) {
    switch (kind) {
    case BackupKind::Automatic:
        return "automatic";
    case BackupKind::Manual:
        return "manual";
    case BackupKind::BeforeUpgrade:
        return "before_upgrade";
    case BackupKind::BeforeRestore:
        return "before_restore";
    }
    return "manual";
}
} // namespace

void Store::record_backup_copy(const std::filesystem::path& file, BackupKind kind) {
    if (read_only_ || !has_coordinator_keys()) return;
    // Never stops a backup: a copy the record misses is reported by the purge's folder scan instead.
    try {
        Transaction tx(conn_);
        conn_
            .cached("INSERT INTO backup_copies (path, kind, written_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (path) DO UPDATE SET written_at = excluded.written_at, removed_at = NULL")
            ->bind_all(std::filesystem::absolute(file).lexically_normal().string(), backup_kind_id(kind),
                       clock_.now())
            .run();
        tx.commit(); // not a change anyone sees: data_version stays, so no backup is due for it
    } catch (const StoreError& e) {
        spdlog::warn("store: could not record a backup copy: {}", error_kind_id(e.kind()));
    }
}

std::vector<std::filesystem::path> Store::recorded_backup_copies() const {
    std::vector<std::filesystem::path> out;
    if (!has_coordinator_keys()) return out;
    auto st = conn_.cached("SELECT path FROM backup_copies WHERE removed_at IS NULL ORDER BY id");
    while (st->step())
        out.emplace_back(st->text_at(0));
    return out;
}

std::optional<UnixSeconds> Store::rotation_advised() const {
    auto st = conn_.cached("SELECT value FROM meta WHERE key = 'rotation_advised_since'");
    if (!st->step()) return std::nullopt;
    return st->int64_at(0);
}

void Store::wipe_wal() {
    if (shared_centre()) return; // no write-ahead log file on a desk
    // Removed keys must not linger in older WAL frames: copy everything into the file and empty the WAL.
    try {
        conn_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const StoreError& e) {
        spdlog::warn("store: could not empty the write-ahead log: {}", error_kind_id(e.kind()));
    }
}

RestoreResult Store::restore_from(const std::filesystem::path& backup_file) {
    require_writable();
    require(Permission::Restore);
    if (shared_centre()) return restore_shared(backup_file);
    DatabaseReport source = inspect_database(backup_file, CheckDepth::Quick);
    if (!source.ok)
        throw StoreError(source.problem_kind, "The backup cannot be restored: " + source.problem,
                         "Choose another backup. Nothing was changed.");
    const UnixSeconds now = clock_.now();
    RestoreResult result;
    result.restored_from = backup_file;
    result.schema_version = source.schema_version;
    BackupResult aside = write_backup(conn_,
                                      backup_file_path(std::filesystem::absolute(path_).parent_path(), path_,
                                                       BackupKind::BeforeRestore, now),
                                      now);
    result.kept_aside = aside.file;
    const UserId by = *user_;
    sign_out();
    restore_into(conn_, backup_file);
    schema_version_ = conn_.schema_version();
    {
        Transaction tx(conn_);
        AuditChanges c;
        c.value("from", backup_file.filename().string()).value("kept_aside", aside.file.filename().string());
        c.value("by_user_before_restore", by);
        insert_audit_row(conn_, now, std::nullopt, "restore", "database", std::nullopt, c);
        tx.commit();
    }
    ++data_version_;
    load_settings();
    upgrade_backup_.clear(); // an older backup is upgraded after a backup of its own
    upgrade_if_needed(OpenOptions{});
    load_meta();
    record_backup_copy(aside.file, BackupKind::BeforeRestore);
    user_cache_.clear();
    spdlog::info("store: restored {} from {}", path_.string(), backup_file.string());
    return result;
}

RestoreResult Store::restore_shared(const std::filesystem::path& backup_file) {
    // Over the live centre, which every desk is using: the window asks for that to be confirmed first.
    sign_out();
    const SharedRestoreResult r = replace_shared_centre(conn_, backup_file, backup_directory(), clock_);
    RestoreResult result;
    result.restored_from = r.restored_from;
    result.kept_aside = r.kept_aside;
    result.schema_version = r.schema_version;
    schema_version_ = conn_.schema_version();
    ++data_version_;
    load_settings();
    upgrade_if_needed(OpenOptions{});
    load_meta();
    record_backup_copy(r.kept_aside, BackupKind::BeforeRestore);
    user_cache_.clear();
    return result;
}

void Store::require_writable() const {
    if (read_only_)
        throw StoreError(ErrorKind::ReadOnly, "This database is open read-only: nothing can be changed.",
                         "Close it and open it normally to make changes.");
}

void Store::require(Permission permission) const {
    if (state_ != SessionState::SignedIn)
        throw StoreError(ErrorKind::SignedOut, "Nobody is signed in.", "Sign in first.");
    if (!can(permission))
        throw StoreError(ErrorKind::NotPermitted,
                         "Only a coordinator can " + std::string(permission_label(permission)) + ".",
                         "Ask the coordinator on duty.");
}

} // namespace rc::store
