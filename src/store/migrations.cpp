#include "store/migrations.hpp"

#include "store/error.hpp"
#include "store/migration_dialect.hpp"
#include "store/migrations_internal.hpp"
#include "store/sqlite_db.hpp"

#include <string>
#include <vector>

namespace rc::store {

namespace {

const std::vector<Migration>& all_migrations() {
    static const std::vector<Migration> all = [] {
        std::vector<Migration> out;
        for (auto part : {migrations_v1_v5(), migrations_v6_v9(), migrations_v10_v13(), migrations_v14_v17()})
            out.insert(out.end(), part.begin(), part.end());
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i].version != static_cast<int>(i) + 1)
                throw StoreError(ErrorKind::Sql, "the schema history is out of order (a programming error)");
        return out;
    }();
    return all;
}

} // namespace

std::span<const Migration> schema_migrations() {
    return all_migrations();
}

int latest_schema_version() {
    return all_migrations().back().version;
}

int version_reachable_without_key(int from) {
    int reached = from;
    for (const Migration& m : all_migrations()) {
        if (m.version <= from) continue;
        if (m.with_key) break;
        reached = m.version;
    }
    return reached;
}

bool migrations_need_key(int from, int to) {
    for (const Migration& m : all_migrations())
        if (m.version > from && m.version <= to && m.with_key) return true;
    return false;
}

void apply_migrations(Connection& db, int from, int to, const FieldCipher* cipher) {
    if (!db.in_transaction())
        throw StoreError(ErrorKind::Sql, "migrations must run inside a transaction (a programming error)");
    const bool postgres = db.engine() == Engine::Postgres;
    const auto& migrations = all_migrations();
    static const std::vector<PostgresMigration> postgres_sql = postgres_migrations(migrations);
    if (postgres && from == 0) db.exec(postgres_schema_preamble());
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        const Migration& m = migrations[i];
        if (m.version <= from || m.version > to) continue;
        const std::string_view sql = postgres ? std::string_view(postgres_sql[i].sql) : m.sql;
        if (!m.with_key) {
            db.exec(sql);
            continue;
        }
        if (!cipher)
            throw StoreError(ErrorKind::Sql, "migration " + std::to_string(m.version) +
                                                 " needs the data key (a programming error)");
        m.with_key(db, *cipher, sql, postgres ? std::string_view(postgres_sql[i].sql_after) : m.sql_after);
    }
    if (postgres) db.exec(postgres_identity_sync());
    db.set_schema_version(to);
}

} // namespace rc::store
