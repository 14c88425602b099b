#pragma once
// The numbered schema history. Version N is reached by running migrations 1..N in order, each once;
// the file's `PRAGMA user_version` says which have run. To change the schema, append an entry with the
// next number (never edit one that has shipped) to the last of the migrations_v*.cpp files: opening an
// older file then backs it up and runs the new migrations in one transaction.
//
// A migration that must seal values (13: a person's facts) needs the data key, which exists only once
// someone has signed in: such a migration runs at the first sign-in after the file is opened
// (store_upgrade.cpp), and until then the file stays at the version before it.
#include <span>
#include <string_view>

namespace rc::store {

class Connection;
class FieldCipher;
struct Migration;

// Runs the parts of a migration that need the data key, in its own order: typically read what is to be
// sealed, run `sql`, write the sealed values, run `sql_after`. Inside the caller's transaction. The two
// texts are the migration's own, in the connection's dialect.
using KeyedMigrationStep = void (*)(Connection& db, const FieldCipher& cipher, std::string_view sql,
                                    std::string_view sql_after);

struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
    KeyedMigrationStep with_key = nullptr; // set: the migration needs the data key
    std::string_view sql_after = {};
    // Set only where SQLite's dialect cannot say the change the way PostgreSQL must make it (SQLite
    // rebuilds a table to drop columns; PostgreSQL drops them in place, keeping the keys that point
    // at the table). Used instead of translating `sql`; `sql_after` is still translated.
    std::string_view postgres_sql = {};
};

// "RCON": written to `PRAGMA application_id` so that the console recognises its own files.
constexpr int kApplicationId = 0x52434F4E;

std::span<const Migration> schema_migrations();
int latest_schema_version();
// The highest version reachable from `from` without the data key (`from` itself when the next
// migration needs it).
int version_reachable_without_key(int from);
// Whether any migration in from+1..to needs the data key; such a run also needs foreign keys off
// (set outside the transaction), since it rebuilds tables that others point at.
bool migrations_need_key(int from, int to);

// Runs migrations from+1..to and sets user_version = to. The caller holds the transaction. `cipher` is
// needed when a migration in the range needs the data key (a programming error otherwise).
void apply_migrations(Connection& db, int from, int to, const FieldCipher* cipher = nullptr);

} // namespace rc::store
