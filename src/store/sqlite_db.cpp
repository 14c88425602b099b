#include "store/sqlite_db.hpp"

#include "store/error.hpp"
#include "store/pg_engine.hpp"

#include <cstdio>
#include <sqlite3.h>

namespace rc::store {

namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

} // namespace

std::string sqlite_uri(const std::filesystem::path& path, std::string_view query) {
    // Forward slashes on every system; a Windows drive path becomes "/C:/...", which SQLite accepts.
    std::string abs = std::filesystem::absolute(path).lexically_normal().generic_string();
    if (abs.size() > 1 && abs[1] == ':') abs.insert(abs.begin(), '/');
    std::string uri = "file:";
    for (unsigned char c : abs) {
        if (is_unreserved(c)) {
            uri += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            uri += buf;
        }
    }
    if (!query.empty()) {
        uri += '?';
        uri += query;
    }
    return uri;
}

void throw_sqlite_error(int rc, std::string_view what, std::string_view detail,
                        const std::filesystem::path& path) {
    std::string where = path.empty() ? std::string("the database") : path.string();
    std::string problem = std::string(what) + " failed on " + where + ": " + std::string(detail);
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        throw StoreError(ErrorKind::Corrupt,
                         where + " is damaged: SQLite reports \"" + std::string(detail) + "\".",
                         restore_advice(path.string()));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw StoreError(ErrorKind::Busy, problem,
                         "Another program is using the database. Close it and try again.");
    case SQLITE_FULL:
        throw StoreError(ErrorKind::DiskFull, problem,
                         "The disk is full. Nothing was saved by this step. Free some space and try again.");
    case SQLITE_READONLY:
        throw StoreError(ErrorKind::ReadOnly, problem,
                         "The database was opened read-only, or the file cannot be written. Check its "
                         "permissions, or open it normally.");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        throw StoreError(
            ErrorKind::Io, problem,
            "The file could not be read or written. Check that the drive is present and that the "
            "file's permissions allow it.");
    default:
        throw StoreError(ErrorKind::Sql, problem);
    }
}

// ---------------------------------------------------------------------------------------------- Statement

Statement::Statement(Connection& db, std::string_view sql) : Statement(db, sql, false) {}

Statement::Statement(Connection& db, std::string_view sql, bool cached) : db_(&db) {
    if (db.pg_) {
        pg_ = detail::pg_prepare(db, db.pg_statement_names_, sql, cached);
        return;
    }
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt_, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        db.fail(rc, "preparing a statement");
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)),
      pg_(std::move(other.pg_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
        pg_ = std::move(other.pg_);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (pg_) {
        detail::pg_bind_text(*pg_, index, std::to_string(value));
        return *this;
    }
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (pg_) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", value);
        detail::pg_bind_text(*pg_, index, buf);
        return *this;
    }
    int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (pg_) {
        detail::pg_bind_text(*pg_, index, text);
        return *this;
    }
    int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::span<const unsigned char> blob) {
    if (pg_) {
        detail::pg_bind_blob(*pg_, index, blob);
        return *this;
    }
    // A zero-length blob is still a blob, not NULL: bind zeroblob(0) rather than a null pointer.
    int rc = blob.empty() ? sqlite3_bind_zeroblob(stmt_, index, 0)
                          : sqlite3_bind_blob64(stmt_, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (pg_) {
        detail::pg_bind_null(*pg_, index);
        return *this;
    }
    int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

bool Statement::step() {
    if (pg_) return detail::pg_step(*db_, *pg_, db_->pg_changes_);
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    db_->fail(rc, "running a statement");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() noexcept {
    if (pg_) {
        detail::pg_reset(*pg_);
        return;
    }
    if (!stmt_) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const {
    if (pg_) return detail::pg_column_count(*pg_);
    return sqlite3_column_count(stmt_);
}
bool Statement::is_null(int column) const {
    if (pg_) return detail::pg_is_null(*pg_, column);
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t Statement::int64_at(int column) const {
    if (pg_) return detail::pg_int64_at(*pg_, column);
    return sqlite3_column_int64(stmt_, column);
}
double Statement::double_at(int column) const {
    if (pg_) return detail::pg_double_at(*pg_, column);
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::text_at(int column) const {
    if (pg_) return detail::pg_text_at(*pg_, column);
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    int n = sqlite3_column_bytes(stmt_, column);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

Blob Statement::blob_at(int column) const {
    if (pg_) return detail::pg_blob_at(*pg_, column);
    const void* p = sqlite3_column_blob(stmt_, column);
    int n = sqlite3_column_bytes(stmt_, column);
    if (!p || n <= 0) return {};
    const auto* b = static_cast<const unsigned char*>(p);
    return Blob(b, b + n);
}

// --------------------------------------------------------------------------------------------- Connection

Connection Connection::open(const std::filesystem::path& path, AccessMode mode) {
    Connection c;
    c.path_ = path;
    c.mode_ = mode;
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_FULLMUTEX;
    std::string uri;
    switch (mode) {
    case AccessMode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        uri = sqlite_uri(path, "mode=ro");
        break;
    case AccessMode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        uri = sqlite_uri(path, "mode=rw");
        break;
    case AccessMode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        uri = sqlite_uri(path, "mode=rwc");
        break;
    }
    int rc = sqlite3_open_v2(uri.c_str(), &c.db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = c.db_ ? sqlite3_errmsg(c.db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(c.db_);
        c.db_ = nullptr;
        throw_sqlite_error(rc, "opening the database", detail, path);
    }
    sqlite3_extended_result_codes(c.db_, 1);
    // Hardening: no writable_schema tricks, no functions with side effects from the schema.
    sqlite3_db_config(c.db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(c.db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    return c;
}

Connection Connection::open_postgres(std::string_view target, AccessMode mode) {
    Connection c;
    c.path_ = redact_postgres_target(target);
    c.mode_ = mode;
    c.pg_ = detail::pg_connect(target, mode == AccessMode::ReadOnly);
    return c;
}

Connection::~Connection() {
    close();
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), pg_(std::exchange(other.pg_, nullptr)),
      pg_changes_(other.pg_changes_), pg_statement_names_(other.pg_statement_names_), mode_(other.mode_),
      path_(std::move(other.path_)), cache_(std::move(other.cache_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        pg_ = std::exchange(other.pg_, nullptr);
        pg_changes_ = other.pg_changes_;
        pg_statement_names_ = other.pg_statement_names_;
        mode_ = other.mode_;
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

void Connection::close() noexcept {
    clear_cache();
    if (db_) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
    }
    if (pg_) {
        detail::pg_close(pg_);
        pg_ = nullptr;
    }
}

bool Connection::connected() const {
    return !pg_ || detail::pg_connected(pg_);
}

bool Connection::reconnect() {
    if (!pg_) return true;
    cache_.clear(); // named statements belonged to the old session: nothing to DEALLOCATE
    pg_statement_names_ = 0;
    pg_changes_ = 0;
    return detail::pg_reset(pg_, mode_ == AccessMode::ReadOnly);
}

void Connection::lock_row(std::string_view table, std::int64_t id) {
    if (!pg_) return;
    auto st = cached("SELECT id FROM " + std::string(table) + " WHERE id = ? FOR UPDATE");
    st->bind(1, id);
    st->step();
}

void Connection::clear_cache() noexcept {
    cache_.clear();
    if (pg_) {
        try {
            detail::pg_exec(*this, "DEALLOCATE ALL");
        } catch (...) { // a lost connection has no statements left to forget
        }
    }
}

void Connection::fail(int rc, std::string_view what) const {
    throw_sqlite_error(rc, what, db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc), path_);
}

void Connection::exec(std::string_view sql) {
    if (pg_) {
        detail::pg_exec(*this, sql);
        return;
    }
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string detail = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw_sqlite_error(rc, "running SQL", detail, path_);
    }
}

std::int64_t Connection::query_int(std::string_view sql) {
    Statement s(*this, sql);
    if (!s.step()) throw StoreError(ErrorKind::Sql, "a query returned no row: " + std::string(sql));
    return s.int64_at(0);
}

std::string Connection::query_text(std::string_view sql) {
    Statement s(*this, sql);
    if (!s.step()) throw StoreError(ErrorKind::Sql, "a query returned no row: " + std::string(sql));
    return s.text_at(0);
}

std::vector<std::string> Connection::query_texts(std::string_view sql) {
    Statement s(*this, sql);
    std::vector<std::string> out;
    while (s.step())
        out.push_back(s.text_at(0));
    return out;
}

CachedStatement Connection::cached(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
        auto stmt = std::unique_ptr<Statement>(new Statement(*this, sql, true));
        it = cache_.emplace(std::string(sql), std::move(stmt)).first;
    }
    return CachedStatement(*it->second);
}

std::int64_t Connection::last_insert_rowid() const {
    if (pg_) return const_cast<Connection*>(this)->query_int("SELECT lastval()");
    return sqlite3_last_insert_rowid(db_);
}
int Connection::changes() const {
    if (pg_) return pg_changes_;
    return sqlite3_changes(db_);
}
bool Connection::in_transaction() const {
    if (pg_) return detail::pg_in_transaction(pg_);
    return db_ && sqlite3_get_autocommit(db_) == 0;
}
std::string Connection::error_message() const {
    return db_ ? sqlite3_errmsg(db_) : "";
}

// On PostgreSQL the version and the console's mark live in a one-row table made with the schema.
int Connection::schema_version() {
    if (!pg_) return static_cast<int>(query_int("PRAGMA user_version"));
    if (!has_table("rc_schema")) return 0;
    Statement s(*this, "SELECT version FROM rc_schema WHERE id = 1");
    return s.step() ? static_cast<int>(s.int64_at(0)) : 0;
}

void Connection::set_schema_version(int version) {
    if (!pg_) {
        exec("PRAGMA user_version = " + std::to_string(version));
        return;
    }
    exec("CREATE TABLE IF NOT EXISTS rc_schema (id INTEGER PRIMARY KEY CHECK (id = 1), "
         "application_id BIGINT NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 0)");
    Statement(*this, "INSERT INTO rc_schema (id, version) VALUES (1, ?) "
                     "ON CONFLICT (id) DO UPDATE SET version = excluded.version")
        .bind(1, static_cast<std::int64_t>(version))
        .run();
}

std::uint32_t Connection::application_id() {
    if (!pg_) return static_cast<std::uint32_t>(query_int("PRAGMA application_id"));
    if (!has_table("rc_schema")) return 0;
    Statement s(*this, "SELECT application_id FROM rc_schema WHERE id = 1");
    return s.step() ? static_cast<std::uint32_t>(s.int64_at(0)) : 0;
}

void Connection::set_application_id(std::uint32_t id) {
    if (!pg_) {
        exec("PRAGMA application_id = " + std::to_string(static_cast<std::int32_t>(id)));
        return;
    }
    exec("CREATE TABLE IF NOT EXISTS rc_schema (id INTEGER PRIMARY KEY CHECK (id = 1), "
         "application_id BIGINT NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 0)");
    Statement(*this, "INSERT INTO rc_schema (id, application_id) VALUES (1, ?) "
                     "ON CONFLICT (id) DO UPDATE SET application_id = excluded.application_id")
        .bind(1, static_cast<std::int64_t>(id))
        .run();
}

bool Connection::has_table(std::string_view name) {
    Statement s(*this, pg_ ? "SELECT count(*) FROM information_schema.tables "
                             "WHERE table_schema = current_schema() AND table_name = ?"
                           : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, name);
    return s.step() && s.int64_at(0) > 0;
}

// -------------------------------------------------------------------------------------------- Transaction

Transaction::Transaction(Connection& db, Kind kind) : db_(db) {
    if (db.in_transaction())
        throw StoreError(ErrorKind::Sql,
                         "a transaction was started inside another one (a programming error)");
    if (db.engine() == Engine::Postgres)
        db_.cached("BEGIN")->run(); // row locks and constraints do what IMMEDIATE does for SQLite
    else
        db_.cached(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")->run();
    open_ = true;
}

Transaction::~Transaction() {
    if (!open_) return;
    // Roll back whatever the failed step left; errors here cannot be reported and SQLite has already
    // rolled back automatically for the errors where ROLLBACK itself would fail.
    if (!db_.in_transaction()) return;
    if (db_.engine() == Engine::Postgres) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) { // the connection is gone: the server rolled back when it went
        }
        return;
    }
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    try {
        db_.cached("COMMIT")->run();
    } catch (const StoreError& e) {
        if (e.kind() != ErrorKind::Disconnected) throw;
        // The server may have committed before the connection went: only a save key can tell.
        throw StoreError(ErrorKind::Disconnected,
                         "The connection to the shared centre's server was lost while saving: the server "
                         "may or may not have kept this change.",
                         "A save made under a save key is checked when it is tried again, so nothing is "
                         "made twice; check any other change once connected.");
    }
    open_ = false;
}

} // namespace rc::store
