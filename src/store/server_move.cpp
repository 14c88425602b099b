// Moving a centre from its file onto a shared centre's server (server_move.hpp).
#include "store/server_move.hpp"

#include "store/audit.hpp"
#include "store/error.hpp"
#include "store/field_cipher.hpp"
#include "store/inspect.hpp"
#include "store/migration_dialect.hpp"
#include "store/migrations.hpp"
#include "store/secure_memory.hpp"
#include "store/sqlite_db.hpp"
#include "store/store_internal.hpp"
#include "store/writer_lock.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace rc::store {

namespace {

// The file's tables, each after the tables its foreign keys point at.
std::vector<std::string> tables_in_copy_order(Connection& file) {
    std::vector<std::string> names;
    {
        Statement st(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                           "ORDER BY name");
        while (st.step())
            names.push_back(st.text_at(0));
    }
    std::map<std::string, std::set<std::string>> needs;
    for (const std::string& t : names) {
        Statement fk(file, "SELECT \"table\" FROM pragma_foreign_key_list(?)");
        fk.bind(1, t);
        while (fk.step())
            if (fk.text_at(0) != t) needs[t].insert(fk.text_at(0));
    }
    std::vector<std::string> order;
    std::set<std::string> placed;
    while (order.size() < names.size()) {
        bool progressed = false;
        for (const std::string& t : names) {
            if (placed.count(t)) continue;
            const auto& deps = needs[t];
            if (std::all_of(deps.begin(), deps.end(),
                            [&](const std::string& d) { return placed.count(d) > 0; })) {
                order.push_back(t);
                placed.insert(t);
                progressed = true;
            }
        }
        if (!progressed)
            throw StoreError(ErrorKind::Corrupt,
                             "The file's tables point at each other in a circle; it cannot be moved.");
    }
    return order;
}

std::vector<std::string> columns_of(Connection& file, const std::string& table) {
    std::vector<std::string> cols;
    Statement st(file, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, table);
    while (st.step())
        cols.push_back(st.text_at(0));
    return cols;
}

std::string quoted(const std::string& name) {
    return "\"" + name + "\"";
}

// Copies every row of `table`, each value bound as the file holds it (as the store itself binds them).
std::int64_t copy_table(Connection& file, Connection& server, const std::string& table) {
    const std::vector<std::string> cols = columns_of(file, table);
    std::string list, marks;
    for (const std::string& c : cols) {
        list += (list.empty() ? "" : ", ") + quoted(c);
        marks += marks.empty() ? "?" : ", ?";
    }
    const bool has_id = std::find(cols.begin(), cols.end(), "id") != cols.end();
    Statement read(file, "SELECT " + list + " FROM " + quoted(table) + (has_id ? " ORDER BY id" : ""));
    Statement write(server, "INSERT INTO " + quoted(table) + " (" + list + ") VALUES (" + marks + ")");
    std::int64_t rows = 0;
    while (read.step()) {
        for (int i = 0; i < static_cast<int>(cols.size()); ++i) {
            switch (sqlite3_column_type(read.handle(), i)) {
            case SQLITE_NULL:
                write.bind(i + 1, nullptr);
                break;
            case SQLITE_INTEGER:
                write.bind(i + 1, read.int64_at(i));
                break;
            case SQLITE_FLOAT:
                write.bind(i + 1, read.double_at(i));
                break;
            case SQLITE_BLOB:
                write.bind(i + 1, read.blob_at(i));
                break;
            default:
                write.bind(i + 1, read.text_at(i));
                break;
            }
        }
        write.run();
        write.reset();
        ++rows;
    }
    return rows;
}

std::int64_t count_rows(Connection& db, const std::string& table) {
    return db.query_int("SELECT count(*) FROM " + quoted(table));
}

} // namespace

std::optional<std::string> moved_to(const std::filesystem::path& file) {
    try {
        Connection db = Connection::open(file, AccessMode::ReadOnly);
        if (!db.has_table("meta")) return std::nullopt;
        Statement st(db, "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'moved_to'");
        if (st.step()) return st.text_at(0);
    } catch (const StoreError&) {
    }
    return std::nullopt;
}

MoveResult move_to_server(const std::filesystem::path& file_in, std::string_view target, const Clock& clock) {
    const std::filesystem::path file = std::filesystem::absolute(file_in);
    if (!is_postgres_target(target))
        throw StoreError(ErrorKind::InvalidInput,
                         "--to must name a PostgreSQL database (postgresql://... or host=... dbname=...).");
    if (auto where = moved_to(file))
        throw StoreError(ErrorKind::AlreadyExists,
                         "This centre already moved to the shared centre " + *where + ".",
                         "Open it there: reception-console --db '" + *where + "'.");
    DatabaseReport report = inspect_database(file, CheckDepth::Full);
    if (!report.ok)
        throw StoreError(report.problem_kind, report.problem + " Nothing was moved.", report.advice);
    if (report.schema_version != latest_schema_version())
        throw StoreError(ErrorKind::InvalidInput,
                         file.string() + " uses schema version " + std::to_string(report.schema_version) +
                             "; this console writes version " + std::to_string(latest_schema_version()) + ".",
                         "Open it once with this version of the console and sign in (that upgrades it), then "
                         "move it. Nothing was moved.");
    // Nobody writes to the file while it moves: a console that has it open holds this lock.
    WriterLock lock = WriterLock::acquire(file);
    Connection source = Connection::open(file, AccessMode::ReadOnly);
    const std::vector<std::string> order = tables_in_copy_order(source);

    MoveResult result;
    result.target = redact_postgres_target(target);
    Connection server = Connection::open_postgres(target, AccessMode::ReadWrite);
    if (server.query_int(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()") > 0)
        throw StoreError(ErrorKind::AlreadyExists,
                         "The database " + result.target + " is not empty" +
                             (server.application_id() == static_cast<std::uint32_t>(kApplicationId)
                                  ? ": it already holds a centre."
                                  : "."),
                         "Move into a fresh, empty database owned by the centre's role. Nothing was moved.");
    {
        Transaction tx(server);
        server.set_application_id(static_cast<std::uint32_t>(kApplicationId));
        // The schema from the same migrations; the keyed one has nothing to seal in empty tables.
        const SecureBuffer scratch_key = SecureBuffer::random(FieldCipher::key_size);
        const FieldCipher scratch(scratch_key);
        apply_migrations(server, 0, latest_schema_version(), &scratch);
        // Rows the migrations seed (the centre's own stock store) come from the file instead.
        for (auto it = order.rbegin(); it != order.rend(); ++it)
            if (*it != "rc_schema" && count_rows(server, *it) > 0) server.exec("DELETE FROM " + quoted(*it));
        for (const std::string& t : order) {
            TableCount c{t, copy_table(source, server, t)};
            const std::int64_t on_server = count_rows(server, t);
            if (on_server != c.rows || on_server != count_rows(source, t))
                throw StoreError(ErrorKind::Backup,
                                 "The table " + t + " has " + std::to_string(count_rows(source, t)) +
                                     " rows in the file but " + std::to_string(on_server) +
                                     " on the server; the move was rolled back.",
                                 "Nothing was moved. Run `reception-console verify` on the file.");
            result.total_rows += c.rows;
            result.tables.push_back(c);
        }
        server.exec(postgres_identity_sync());
        tx.commit();
    }
    source.close();
    spdlog::info("store: moved {} tables ({} rows) from {} to a shared centre", result.tables.size(),
                 result.total_rows, file.filename().string());

    // The file says where the centre went, becomes one self-contained file, and is made read-only.
    {
        Connection db = Connection::open(file, AccessMode::ReadWrite);
        db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL");
        const UnixSeconds now = clock.now();
        Transaction tx(db);
        auto put = db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        put->bind_all("moved_to", result.target).run();
        put->reset();
        put->bind_all("moved_at", now).run();
        insert_audit_row(db, now, std::nullopt, "move", "database", std::nullopt,
                         AuditChanges().value("to", result.target).value("rows", result.total_rows));
        tx.commit();
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        db.exec("PRAGMA journal_mode = DELETE");
    }
    // Read-only (0400; the read-only attribute on Windows): the moved file is kept, not written again.
    std::error_code ec;
    std::filesystem::permissions(file, std::filesystem::perms::owner_read,
                                 std::filesystem::perm_options::replace, ec);
    return result;
}

} // namespace rc::store
