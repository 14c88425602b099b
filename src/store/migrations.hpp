#pragma once
// The numbered schema history. Version N is reached by running migrations 1..N in order, each once;
// the file's `PRAGMA user_version` says which have run. To change the schema, append an entry to the
// list in migrations.cpp with the next number (never edit one that has shipped): opening an older file
// then backs it up and runs the new migrations in one transaction.
#include <span>
#include <string_view>

namespace rc::store {

class Connection;

struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
};

// "RCON": written to `PRAGMA application_id` so that the console recognises its own files.
constexpr int kApplicationId = 0x52434F4E;

std::span<const Migration> schema_migrations();
int latest_schema_version();

// Runs migrations from+1..to and sets user_version = to. The caller holds the transaction.
void apply_migrations(Connection& db, int from, int to);

} // namespace rc::store
