// The database layer in a build without libpq (the Windows build until libpq is cross-built): a
// shared centre's connection line is still recognised (postgres_target.cpp), and connecting to it is
// refused with a sentence saying so, before anything is read or written. No other function here can
// be reached, since no PostgreSQL connection ever exists in this build.
#include "store/error.hpp"
#include "store/pg_engine.hpp"

namespace rc::store::detail {

namespace {

[[noreturn]] void not_in_this_build() {
    throw StoreError(ErrorKind::NotFound,
                     "A shared centre is not available in this build of Reception Console (it was built "
                     "without the PostgreSQL client library).",
                     "Use a centre file on this laptop (--db with a file path), or a build with the shared "
                     "centre (docs/shared-centre.md).");
}

} // namespace

PgStatement::~PgStatement() = default;

pg_conn* pg_connect(std::string_view target, bool read_only) {
    (void)target;
    (void)read_only;
    not_in_this_build();
}
void pg_close(pg_conn* conn) noexcept {
    (void)conn;
}
bool pg_reset(pg_conn* conn, bool read_only) {
    (void)conn;
    (void)read_only;
    return false;
}
bool pg_connected(const pg_conn* conn) {
    (void)conn;
    return false;
}
void pg_exec(Connection& db, std::string_view sql) {
    (void)db;
    (void)sql;
    not_in_this_build();
}
bool pg_in_transaction(const pg_conn* conn) {
    (void)conn;
    return false;
}
std::unique_ptr<PgStatement> pg_prepare(Connection& db, int& names, std::string_view sql, bool cached) {
    (void)db;
    (void)names;
    (void)sql;
    (void)cached;
    not_in_this_build();
}
void pg_bind_text(PgStatement& s, int index, std::string_view text) {
    (void)s;
    (void)index;
    (void)text;
    not_in_this_build();
}
void pg_bind_blob(PgStatement& s, int index, std::span<const unsigned char> blob) {
    (void)s;
    (void)index;
    (void)blob;
    not_in_this_build();
}
void pg_bind_null(PgStatement& s, int index) {
    (void)s;
    (void)index;
    not_in_this_build();
}
bool pg_step(Connection& db, PgStatement& s, int& changes) {
    (void)db;
    (void)s;
    (void)changes;
    not_in_this_build();
}
void pg_reset(PgStatement& s) noexcept {
    (void)s;
}
int pg_column_count(const PgStatement& s) {
    (void)s;
    not_in_this_build();
}
bool pg_is_null(const PgStatement& s, int column) {
    (void)s;
    (void)column;
    not_in_this_build();
}
std::int64_t pg_int64_at(const PgStatement& s, int column) {
    (void)s;
    (void)column;
    not_in_this_build();
}
double pg_double_at(const PgStatement& s, int column) {
    (void)s;
    (void)column;
    not_in_this_build();
}
std::string pg_text_at(const PgStatement& s, int column) {
    (void)s;
    (void)column;
    not_in_this_build();
}
Blob pg_blob_at(const PgStatement& s, int column) {
    (void)s;
    (void)column;
    not_in_this_build();
}

} // namespace rc::store::detail
