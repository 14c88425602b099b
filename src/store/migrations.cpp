#include "store/migrations.hpp"

#include "store/error.hpp"
#include "store/sqlite_db.hpp"

#include <string>
#include <vector>

namespace rc::store {

namespace {

// Personal values are never stored in clear: columns ending in `_enc` hold FieldCipher blobs sealed
// with (table, column without `_enc`, id) as associated data.
const std::vector<Migration> kMigrations = {
    {1, "core: centre, users, audit trail, settings",
     R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE centre (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL,
    code            TEXT NOT NULL,
    venue           TEXT NOT NULL DEFAULT '',
    tier            TEXT NOT NULL CHECK (tier IN ('small', 'medium', 'large')),
    status          TEXT NOT NULL CHECK (status IN ('standby', 'open', 'standing_down', 'closed')),
    expected_people INTEGER NOT NULL DEFAULT 0 CHECK (expected_people >= 0),
    created_at      INTEGER NOT NULL,
    activated_at    INTEGER,
    closed_at       INTEGER
);

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    name_tag     BLOB NOT NULL UNIQUE,
    name_enc     BLOB NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('coordinator', 'volunteer')),
    kdf_salt     BLOB NOT NULL,
    kdf_opslimit INTEGER NOT NULL,
    kdf_memlimit INTEGER NOT NULL,
    wrapped_key  BLOB NOT NULL,
    pin_hash     TEXT,
    created_at   INTEGER NOT NULL,
    disabled_at  INTEGER
);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users (id),
    action     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  INTEGER,
    changes    TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
    {2, "activity log",
     R"sql(
CREATE TABLE activity_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    author_id INTEGER REFERENCES users (id),
    kind      TEXT NOT NULL CHECK (kind IN ('manual', 'automatic')),
    text_enc  BLOB NOT NULL
);
CREATE INDEX activity_log_at ON activity_log (at);
)sql"},
    {3, "audit trail: index by record",
     R"sql(
CREATE INDEX audit_record ON audit (table_name, record_id);
)sql"},
};

} // namespace

std::span<const Migration> schema_migrations() {
    return kMigrations;
}

int latest_schema_version() {
    return kMigrations.back().version;
}

void apply_migrations(Connection& db, int from, int to) {
    if (!db.in_transaction())
        throw StoreError(ErrorKind::Sql, "migrations must run inside a transaction (a programming error)");
    for (const Migration& m : kMigrations) {
        if (m.version <= from || m.version > to) continue;
        db.exec(m.sql);
    }
    db.exec("PRAGMA user_version = " + std::to_string(to));
}

} // namespace rc::store
