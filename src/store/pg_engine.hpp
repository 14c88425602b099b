#pragma once
// The PostgreSQL side of the database layer (sqlite_db.hpp): libpq's C API behind the same
// Connection / Statement / Transaction. Internal to src/store: sqlite_db.cpp calls these when a
// connection is on PostgreSQL.
#include "store/sqlite_db.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct pg_result;

namespace rc::store::detail {

struct PgStatement {
    std::string sql;  // with $1..$n for the `?` placeholders
    std::string name; // the server-side prepared statement; empty: run unnamed (one round trip)
    int parameters = 0;
    std::vector<std::string> values;
    std::vector<char> bound;  // 0: NULL
    std::vector<int> formats; // 0: text, 1: binary (bytea)
    pg_result* result = nullptr;
    int row = -1;
    int rows = 0;
    bool executed = false;

    PgStatement() = default;
    PgStatement(const PgStatement&) = delete;
    PgStatement& operator=(const PgStatement&) = delete;
    ~PgStatement();
};

// `?` placeholders (outside quotes and comments) numbered $1..$n; `count` gets n.
std::string number_placeholders(std::string_view sql, int& count);

pg_conn* pg_connect(std::string_view target, bool read_only);
void pg_close(pg_conn* conn) noexcept;
// Connects again with the same parameters (PQreset); false when the server is still out of reach.
bool pg_reset(pg_conn* conn, bool read_only);
bool pg_connected(const pg_conn* conn);
void pg_exec(Connection& db, std::string_view sql); // one or more statements, no parameters
bool pg_in_transaction(const pg_conn* conn);

std::unique_ptr<PgStatement> pg_prepare(Connection& db, int& names, std::string_view sql, bool cached);
void pg_bind_text(PgStatement& s, int index, std::string_view text);
void pg_bind_blob(PgStatement& s, int index, std::span<const unsigned char> blob);
void pg_bind_null(PgStatement& s, int index);
// Runs the statement on its first call; then moves to the next row. `changes` gets the rows changed.
bool pg_step(Connection& db, PgStatement& s, int& changes);
void pg_reset(PgStatement& s) noexcept;

int pg_column_count(const PgStatement& s);
bool pg_is_null(const PgStatement& s, int column);
std::int64_t pg_int64_at(const PgStatement& s, int column);
double pg_double_at(const PgStatement& s, int column);
std::string pg_text_at(const PgStatement& s, int column);
Blob pg_blob_at(const PgStatement& s, int column);

} // namespace rc::store::detail
