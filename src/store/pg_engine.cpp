// The PostgreSQL engine of the database layer: libpq's C API, text results, bytea as binary
// parameters. See pg_engine.hpp and sqlite_db.hpp.
#include "store/pg_engine.hpp"

#include "store/error.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <libpq-fe.h>

namespace rc::store {

namespace detail {

namespace {

constexpr Oid kByteaOid = 17;
constexpr Oid kBoolOid = 16;

[[noreturn]] void throw_pg_error(const PGresult* r, const pg_conn* conn, std::string_view what) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    // The primary message only: the detail line can quote the row's values.
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : (conn ? PQerrorMessage(conn) : "no connection");
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    const std::string code = state ? state : "";
    const std::string problem = std::string(what) + " failed on the shared centre's server: " + message;
    // A broken connection, a server shutting down or starting up: the desk can reconnect and try again.
    // An error with no SQLSTATE was made by libpq itself ("server closed the connection unexpectedly"),
    // sometimes before the connection's status turns bad: the link, not the statement.
    if ((conn && PQstatus(conn) == CONNECTION_BAD) || code.empty() || code.starts_with("08") ||
        code == "57P01" || code == "57P02" || code == "57P03")
        throw StoreError(ErrorKind::Disconnected,
                         "Not connected to the shared centre's server: " + message + ".",
                         "Nothing was saved by this step. Check the network and that the server is "
                         "running, then try again.");
    if (code == "23505") {
        // Another desk saved the same unique value between this desk's check and its insert.
        const char* constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : nullptr;
        if (constraint && std::string_view(constraint) == "people_tag_index")
            throw StoreError(ErrorKind::InvalidInput,
                             "tag: another desk gave this tag to someone a moment ago. Nothing was saved.",
                             "Give another tag and save again.");
        throw StoreError(ErrorKind::InvalidInput, problem, "Another desk saved the same value a moment ago.");
    }
    if (code == "40001" || code == "40P01" || code == "55P03")
        throw StoreError(ErrorKind::Busy, problem, "Another desk was changing the same records. Try again.");
    if (code == "53100")
        throw StoreError(ErrorKind::DiskFull, problem, "The server's disk is full. Nothing was saved.");
    if (code == "25006") throw StoreError(ErrorKind::ReadOnly, problem, "This connection is read-only.");
    if (code == "42501")
        throw StoreError(ErrorKind::NotPermitted, problem,
                         "The database role this desk signs in with may not do this. Ask whoever set up "
                         "the server.");
    throw StoreError(ErrorKind::Sql, problem);
}

void check(PGresult* r, const pg_conn* conn, std::string_view what) {
    const auto status = PQresultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    struct Clear {
        PGresult* r;
        ~Clear() { PQclear(r); }
    } clear{r};
    throw_pg_error(r, conn, what);
}

void ignore_notice(void*, const char*) {}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// bytea in text results comes as `\x` and two hex digits per byte.
Blob decode_bytea(const char* p, std::size_t n) {
    Blob out;
    if (n >= 2 && p[0] == '\\' && p[1] == 'x') {
        out.reserve((n - 2) / 2);
        for (std::size_t i = 2; i + 1 < n; i += 2) {
            int hi = hex_value(p[i]), lo = hex_value(p[i + 1]);
            if (hi < 0 || lo < 0) throw StoreError(ErrorKind::Sql, "the server sent a malformed bytea value");
            out.push_back(static_cast<unsigned char>(hi * 16 + lo));
        }
        return out;
    }
    out.assign(p, p + n);
    return out;
}

const char* value_at(const PgStatement& s, int column) {
    if (!s.result || s.row < 0 || s.row >= s.rows)
        throw StoreError(ErrorKind::Sql, "a column was read with no current row (a programming error)");
    return PQgetvalue(s.result, s.row, column);
}

} // namespace

PgStatement::~PgStatement() {
    PQclear(result);
}

namespace {
void set_up_session(pg_conn* c, bool read_only) {
    PQsetNoticeProcessor(c, ignore_notice, nullptr);
    PGresult* r =
        PQexec(c, read_only ? "SET default_transaction_read_only = on; SET client_min_messages = warning"
                            : "SET client_min_messages = warning");
    check(r, c, "setting up the connection");
    PQclear(r);
}
} // namespace

pg_conn* pg_connect(std::string_view target, bool read_only) {
    const std::string t(target);
    // Keepalives: a desk whose network went quiet learns it within seconds, not hours, and a write
    // that the server never acknowledges gives up after 10 s instead of hanging the window.
    const char* keys[] = {"dbname",           "client_encoding",  "application_name",
                          "connect_timeout",  "keepalives_idle",  "keepalives_interval",
                          "keepalives_count", "tcp_user_timeout", nullptr};
    const char* values[] = {t.c_str(), "UTF8", "reception-console", "10", "5", "2", "3", "10000", nullptr};
    pg_conn* c = PQconnectdbParams(keys, values, 1);
    if (!c)
        throw StoreError(ErrorKind::Io, "Could not start a connection to the shared centre (out of memory).");
    if (PQstatus(c) != CONNECTION_OK) {
        std::string message = PQerrorMessage(c);
        PQfinish(c);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        const std::string where = redact_postgres_target(target);
        if (message.find("does not exist") != std::string::npos)
            throw StoreError(ErrorKind::NotFound,
                             "The shared centre " + where + " was not found: " + message + ".",
                             "Check the database name in the connection line, or create it with "
                             "`reception-console server setup`.");
        if (message.find("password") != std::string::npos ||
            message.find("authentication") != std::string::npos ||
            message.find("certificate") != std::string::npos || message.find("SSL") != std::string::npos)
            throw StoreError(ErrorKind::NotPermitted,
                             "The shared centre " + where + " refused this desk: " + message + ".",
                             "Check the desk's connection line, password and the centre's certificate.");
        throw StoreError(ErrorKind::Io, "Could not reach the shared centre " + where + ": " + message + ".",
                         "Check the network and that the server is running, then try again.");
    }
    set_up_session(c, read_only);
    return c;
}

bool pg_reset(pg_conn* conn, bool read_only) {
    PQreset(conn); // the same parameters, a new session: nothing prepared, no transaction
    if (PQstatus(conn) != CONNECTION_OK) return false;
    try {
        set_up_session(conn, read_only);
    } catch (const StoreError&) {
        return false;
    }
    return true;
}

bool pg_connected(const pg_conn* conn) {
    return conn && PQstatus(conn) == CONNECTION_OK;
}

void pg_close(pg_conn* conn) noexcept {
    PQfinish(conn);
}

void pg_exec(Connection& db, std::string_view sql) {
    PGresult* r = PQexec(db.pg_handle(), std::string(sql).c_str());
    check(r, db.pg_handle(), "running SQL");
    PQclear(r);
}

bool pg_in_transaction(const pg_conn* conn) {
    const auto s = PQtransactionStatus(conn);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

std::unique_ptr<PgStatement> pg_prepare(Connection& db, int& names, std::string_view sql, bool cached) {
    auto s = std::make_unique<PgStatement>();
    s->sql = number_placeholders(sql, s->parameters);
    s->values.resize(static_cast<std::size_t>(s->parameters));
    s->bound.assign(static_cast<std::size_t>(s->parameters), 0);
    s->formats.assign(static_cast<std::size_t>(s->parameters), 0);
    if (cached) {
        // Parameter types are left to the server, which infers them from where each one is used, as
        // SQLite lets any value go into any column.
        s->name = "rc" + std::to_string(++names);
        PGresult* r = PQprepare(db.pg_handle(), s->name.c_str(), s->sql.c_str(), 0, nullptr);
        check(r, db.pg_handle(), "preparing a statement");
        PQclear(r);
    }
    return s;
}

namespace {
std::size_t slot(PgStatement& s, int index) {
    if (index < 1 || index > s.parameters)
        throw StoreError(ErrorKind::Sql, "a value was bound to parameter " + std::to_string(index) +
                                             " of a statement with " + std::to_string(s.parameters) +
                                             " (a programming error)");
    return static_cast<std::size_t>(index - 1);
}
} // namespace

void pg_bind_text(PgStatement& s, int index, std::string_view text) {
    const auto i = slot(s, index);
    s.values[i].assign(text);
    s.bound[i] = 1;
    s.formats[i] = 0;
}

void pg_bind_blob(PgStatement& s, int index, std::span<const unsigned char> blob) {
    const auto i = slot(s, index);
    s.values[i].assign(reinterpret_cast<const char*>(blob.data()), blob.size());
    s.bound[i] = 1;
    s.formats[i] = 1; // bytea's binary form is its bytes
}

void pg_bind_null(PgStatement& s, int index) {
    const auto i = slot(s, index);
    s.values[i].clear();
    s.bound[i] = 0;
}

bool pg_step(Connection& db, PgStatement& s, int& changes) {
    if (!s.executed) {
        std::vector<const char*> values(s.values.size());
        std::vector<int> lengths(s.values.size());
        for (std::size_t i = 0; i < s.values.size(); ++i) {
            values[i] = s.bound[i] ? s.values[i].c_str() : nullptr;
            lengths[i] = static_cast<int>(s.values[i].size());
        }
        PGresult* r = s.name.empty() ? PQexecParams(db.pg_handle(), s.sql.c_str(), s.parameters, nullptr,
                                                    values.data(), lengths.data(), s.formats.data(), 0)
                                     : PQexecPrepared(db.pg_handle(), s.name.c_str(), s.parameters,
                                                      values.data(), lengths.data(), s.formats.data(), 0);
        check(r, db.pg_handle(), "running a statement");
        PQclear(s.result);
        s.result = r;
        s.executed = true;
        s.row = -1;
        s.rows = PQntuples(r);
        const char* n = PQcmdTuples(r);
        changes = n && *n ? std::atoi(n) : 0;
    }
    if (s.row < s.rows) ++s.row;
    return s.row < s.rows;
}

void pg_reset(PgStatement& s) noexcept {
    PQclear(s.result);
    s.result = nullptr;
    s.executed = false;
    s.row = -1;
    s.rows = 0;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
        s.values[i].clear();
        s.bound[i] = 0;
        s.formats[i] = 0;
    }
}

int pg_column_count(const PgStatement& s) {
    return s.result ? PQnfields(s.result) : 0;
}

bool pg_is_null(const PgStatement& s, int column) {
    value_at(s, column);
    return PQgetisnull(s.result, s.row, column) != 0;
}

std::int64_t pg_int64_at(const PgStatement& s, int column) {
    const char* p = value_at(s, column);
    std::size_t n = static_cast<std::size_t>(PQgetlength(s.result, s.row, column));
    const Oid type = PQftype(s.result, column);
    if (type == kBoolOid) return p[0] == 't' ? 1 : 0;
    std::string decoded;
    if (type == kByteaOid) { // a number kept in a bytea column (meta), as SQLite keeps any value anywhere
        Blob b = decode_bytea(p, n);
        decoded.assign(b.begin(), b.end());
        p = decoded.c_str();
        n = decoded.size();
    }
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(p, p + n, v);
    if (ec == std::errc() && end == p + n) return v;
    // numeric or double precision (avg, sums of bigint): truncated like SQLite's integer reading
    return static_cast<std::int64_t>(std::strtod(std::string(p, n).c_str(), nullptr));
}

double pg_double_at(const PgStatement& s, int column) {
    const char* p = value_at(s, column);
    if (PQftype(s.result, column) == kBoolOid) return p[0] == 't' ? 1.0 : 0.0;
    return std::strtod(p, nullptr);
}

std::string pg_text_at(const PgStatement& s, int column) {
    const char* p = value_at(s, column);
    const auto n = static_cast<std::size_t>(PQgetlength(s.result, s.row, column));
    if (PQftype(s.result, column) == kByteaOid) {
        Blob b = decode_bytea(p, n);
        return std::string(b.begin(), b.end());
    }
    return std::string(p, n);
}

Blob pg_blob_at(const PgStatement& s, int column) {
    const char* p = value_at(s, column);
    const auto n = static_cast<std::size_t>(PQgetlength(s.result, s.row, column));
    if (PQftype(s.result, column) == kByteaOid) return decode_bytea(p, n);
    return Blob(p, p + n);
}

} // namespace detail
} // namespace rc::store
