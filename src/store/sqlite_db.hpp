#pragma once
// The project's own thin layer over the database: an RAII connection with a prepared-statement cache,
// RAII statements with typed binding and row reading, and RAII transactions. No ORM.
//
// Two engines sit below the same API: SQLite (the laptop file, the default) and PostgreSQL through
// libpq's C API (a shared centre; pg_db.cpp). Store code writes SQLite-flavoured SQL with `?`
// placeholders; on PostgreSQL they become `$1..$n` and the values travel as typed parameters. What
// differs between the engines beyond that (schema version, identifiers, checks, the write-ahead log)
// is asked through the engine-neutral calls on Connection, never with a PRAGMA above this layer.
//
// Only code inside src/store runs SQL. This header deliberately does not include sqlite3.h or
// libpq-fe.h (the handles are forward-declared) so that including store headers never drags a
// database library into a screen.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;

namespace rc::store {

using Blob = std::vector<unsigned char>;

class Connection;

enum class Engine {
    Sqlite,  // one file on this laptop
    Postgres // a shared centre on a PostgreSQL server
};

// True when `target` names a PostgreSQL database rather than a file: a `postgresql://` or
// `postgres://` URI, or a libpq keyword string such as `service=centre` or `host=... dbname=...`.
bool is_postgres_target(std::string_view target);
// The target as it may be shown and logged: any password in it replaced by `***`.
std::string redact_postgres_target(std::string_view target);

namespace detail {
struct PgStatement; // parameters and the current result of a statement on PostgreSQL (pg_db.cpp)
}

class Statement {
public:
    Statement() = default;
    // Prepares one SQL statement; throws StoreError when the SQL is wrong or the file is damaged.
    Statement(Connection& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are numbered from 1, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::span<const unsigned char> blob);
    Statement& bind(int index, const Blob& blob) { return bind(index, std::span<const unsigned char>(blob)); }
    Statement& bind(int index, std::nullptr_t);
    template <class T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    // bind_all(a, b, c) binds parameters 1, 2, 3.
    template <class... A> Statement& bind_all(const A&... values) {
        int i = 0;
        (bind(++i, values), ...);
        return *this;
    }

    // Advances one row: true when a row is ready to read, false when the statement is done.
    bool step();
    // Runs the statement to completion (for INSERT, UPDATE, DELETE, DDL).
    void run();
    // Resets the statement and clears its bindings so that it can run again.
    void reset() noexcept;

    int column_count() const;
    bool is_null(int column) const;
    std::int64_t int64_at(int column) const;
    double double_at(int column) const;
    std::string text_at(int column) const;
    Blob blob_at(int column) const;

    // Typed reading: get<std::int64_t>(0), get<std::optional<std::string>>(2), row<int, std::string>().
    template <class T> T get(int column) const;
    template <class... T> std::tuple<T...> row() const {
        return row_impl<T...>(std::index_sequence_for<T...>{});
    }

    bool valid() const { return stmt_ != nullptr || pg_ != nullptr; }
    sqlite3_stmt* handle() const { return stmt_; }

private:
    friend class Connection;
    // Statements from the connection's cache are prepared on the server once, by name; others run
    // as one unnamed parse+bind+execute round trip.
    Statement(Connection& db, std::string_view sql, bool cached);
    template <class... T, std::size_t... I> std::tuple<T...> row_impl(std::index_sequence<I...>) const {
        return std::tuple<T...>(get<T>(static_cast<int>(I))...);
    }

    Connection* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    std::unique_ptr<detail::PgStatement> pg_;
};

namespace detail {
template <class T> struct ColumnReader;
template <> struct ColumnReader<std::int64_t> {
    static std::int64_t read(const Statement& s, int c) { return s.int64_at(c); }
};
template <> struct ColumnReader<int> {
    static int read(const Statement& s, int c) { return static_cast<int>(s.int64_at(c)); }
};
template <> struct ColumnReader<bool> {
    static bool read(const Statement& s, int c) { return s.int64_at(c) != 0; }
};
template <> struct ColumnReader<double> {
    static double read(const Statement& s, int c) { return s.double_at(c); }
};
template <> struct ColumnReader<std::string> {
    static std::string read(const Statement& s, int c) { return s.text_at(c); }
};
template <> struct ColumnReader<Blob> {
    static Blob read(const Statement& s, int c) { return s.blob_at(c); }
};
template <class T> struct ColumnReader<std::optional<T>> {
    static std::optional<T> read(const Statement& s, int c) {
        if (s.is_null(c)) return std::nullopt;
        return ColumnReader<T>::read(s, c);
    }
};
} // namespace detail

template <class T> T Statement::get(int column) const {
    return detail::ColumnReader<T>::read(*this, column);
}

// A statement borrowed from the connection's cache; reset (and its bindings cleared) when it goes out
// of scope, so the next user finds it clean.
class CachedStatement {
public:
    explicit CachedStatement(Statement& s) : s_(&s) {}
    ~CachedStatement() { s_->reset(); }
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    Statement* operator->() const { return s_; }
    Statement& operator*() const { return *s_; }

private:
    Statement* s_;
};

enum class AccessMode {
    ReadOnly,  // opened through a `file:...?mode=ro` URI: SQLite will not write to the file
    ReadWrite, // the file must exist
    Create     // read-write, creating the file when it is missing
};

class Connection {
public:
    // Opens the file (no pragmas are set here; the Store sets them). Throws StoreError.
    static Connection open(const std::filesystem::path& path, AccessMode mode);
    // Connects to a PostgreSQL database (a URI or libpq keyword string; see is_postgres_target).
    // Throws StoreError saying whether the server could not be reached or refused us.
    static Connection open_postgres(std::string_view target, AccessMode mode);

    Connection() = default;
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one or more statements that return no rows (DDL, pragmas that set).
    void exec(std::string_view sql);
    // First column of the first row; throws when there is no row.
    std::int64_t query_int(std::string_view sql);
    std::string query_text(std::string_view sql);
    // Every row's first column as text (for pragmas such as quick_check that return a list).
    std::vector<std::string> query_texts(std::string_view sql);

    // A prepared statement from the cache (prepared on first use).
    CachedStatement cached(std::string_view sql);
    // Finalizes every cached statement (before closing, or before a backup restores into this file).
    void clear_cache() noexcept;

    Engine engine() const { return pg_ ? Engine::Postgres : Engine::Sqlite; }

    // ---- a shared centre's connection (always true / a no-op on SQLite)
    // False once the server connection broke (noticed by the statement that failed).
    bool connected() const;
    // Connects again with the same parameters; the statement cache starts empty (the server forgot
    // what was prepared). False when the server is still out of reach. Never inside a transaction.
    bool reconnect();
    // Holds `table`'s row `id` until the transaction ends, so that another desk's transaction that
    // asks for the same row waits and then reads what this one committed (PostgreSQL: SELECT ... FOR
    // UPDATE). On SQLite a no-op: the write transaction already holds the whole file.
    void lock_row(std::string_view table, std::int64_t id);

    // ---- engine-neutral calls for what SQLite keeps in PRAGMAs
    // The schema version the migrations reached (SQLite: user_version; PostgreSQL: rc_schema).
    int schema_version();
    void set_schema_version(int version);
    // The console's mark on its databases (SQLite: application_id; PostgreSQL: rc_schema).
    std::uint32_t application_id();
    void set_application_id(std::uint32_t id);
    // Whether a table of that name exists (in the connection's schema on PostgreSQL).
    bool has_table(std::string_view name);

    std::int64_t last_insert_rowid() const;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    int changes() const;
    bool in_transaction() const;
    bool read_only() const { return mode_ == AccessMode::ReadOnly; }
    std::string error_message() const;
    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_; }
    pg_conn* pg_handle() const { return pg_; }
    bool is_open() const { return db_ != nullptr || pg_ != nullptr; }

    // Closes now (also done by the destructor). Never throws.
    void close() noexcept;

    // Throws a StoreError for an SQLite result code that is not OK/ROW/DONE.
    [[noreturn]] void fail(int rc, std::string_view what) const;

private:
    friend class Statement;
    sqlite3* db_ = nullptr;
    pg_conn* pg_ = nullptr;
    int pg_changes_ = 0;         // rows the last statement changed (PostgreSQL)
    int pg_statement_names_ = 0; // names prepared statements on the server: rc1, rc2, ...
    AccessMode mode_ = AccessMode::ReadOnly;
    std::filesystem::path path_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN ... COMMIT; rolled back by the destructor unless commit() succeeded.
class Transaction {
public:
    enum class Kind { Deferred, Immediate };
    explicit Transaction(Connection& db, Kind kind = Kind::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();
    Connection& connection() const { return db_; }

private:
    Connection& db_;
    bool open_ = false;
};

// `file:` URI for a path, percent-encoded, with the given query (e.g. "mode=ro").
std::string sqlite_uri(const std::filesystem::path& path, std::string_view query);

// Maps an SQLite result code to an error kind and a plain-words message.
[[noreturn]] void throw_sqlite_error(int rc, std::string_view what, std::string_view detail,
                                     const std::filesystem::path& path);

} // namespace rc::store
