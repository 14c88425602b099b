#include "store/sqlite_db.hpp"

#include "store/error.hpp"

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

Statement::Statement(Connection& db, std::string_view sql) : db_(&db) {
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
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::span<const unsigned char> blob) {
    // A zero-length blob is still a blob, not NULL: bind zeroblob(0) rather than a null pointer.
    int rc = blob.empty() ? sqlite3_bind_zeroblob(stmt_, index, 0)
                          : sqlite3_bind_blob64(stmt_, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
    return *this;
}

bool Statement::step() {
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
    if (!stmt_) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const {
    return sqlite3_column_count(stmt_);
}
bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t Statement::int64_at(int column) const {
    return sqlite3_column_int64(stmt_, column);
}
double Statement::double_at(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::text_at(int column) const {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    int n = sqlite3_column_bytes(stmt_, column);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

Blob Statement::blob_at(int column) const {
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

Connection::~Connection() {
    close();
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), mode_(other.mode_), path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
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
}

void Connection::clear_cache() noexcept {
    cache_.clear();
}

void Connection::fail(int rc, std::string_view what) const {
    throw_sqlite_error(rc, what, db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc), path_);
}

void Connection::exec(std::string_view sql) {
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
        auto stmt = std::make_unique<Statement>(*this, sql);
        it = cache_.emplace(std::string(sql), std::move(stmt)).first;
    }
    return CachedStatement(*it->second);
}

std::int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}
int Connection::changes() const {
    return sqlite3_changes(db_);
}
bool Connection::in_transaction() const {
    return db_ && sqlite3_get_autocommit(db_) == 0;
}
std::string Connection::error_message() const {
    return db_ ? sqlite3_errmsg(db_) : "";
}

// -------------------------------------------------------------------------------------------- Transaction

Transaction::Transaction(Connection& db, Kind kind) : db_(db) {
    if (db.in_transaction())
        throw StoreError(ErrorKind::Sql,
                         "a transaction was started inside another one (a programming error)");
    db_.cached(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")->run();
    open_ = true;
}

Transaction::~Transaction() {
    if (!open_) return;
    // Roll back whatever the failed step left; errors here cannot be reported and SQLite has already
    // rolled back automatically for the errors where ROLLBACK itself would fail.
    if (db_.in_transaction()) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.cached("COMMIT")->run();
    open_ = false;
}

} // namespace rc::store
