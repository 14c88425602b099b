#include "store/inspect.hpp"

#include "os/utf8_path.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"

#include <array>
#include <cstdio>
#include <fstream>

namespace rc::store {

namespace {

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

std::string hex32(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", v);
    return buf;
}

std::string not_sqlite_advice(const std::string& where) {
    return "Check that --db names the centre database (usually centre.sqlite). If this was your centre's "
           "database, it is damaged. " +
           restore_advice(where);
}

DatabaseReport& fail(DatabaseReport& r, ErrorKind kind, std::string problem, std::string advice) {
    r.ok = false;
    r.problem_kind = kind;
    r.problem = std::move(problem);
    r.advice = std::move(advice);
    return r;
}

} // namespace

void DatabaseReport::throw_if_bad() const {
    if (!ok) throw StoreError(problem_kind, problem, advice);
}

namespace {

// A shared centre: the same questions asked of the server. Its pages are the server's to keep whole
// (WAL, checksums if the cluster has them); the full check reads every row of every table, so a page
// the server cannot read is reported here, before an export trusts it.
DatabaseReport inspect_shared(const std::string& target, CheckDepth depth) {
    DatabaseReport r;
    r.path = redact_postgres_target(target);
    const std::string where = r.path.string();
    try {
        Connection db = Connection::open_postgres(target, AccessMode::ReadOnly);
        r.application_id = db.application_id();
        r.schema_version = db.schema_version();
        if (r.application_id != static_cast<std::uint32_t>(kApplicationId))
            return fail(
                r, r.schema_version == 0 && !db.has_table("meta") ? ErrorKind::Empty : ErrorKind::NotOurs,
                "The database " + where + " holds no Reception Console centre.",
                "Check the connection line. To start a new shared centre there, use "
                "`reception-console init --db`.");
        if (r.schema_version > latest_schema_version())
            return fail(r, ErrorKind::NewerVersion,
                        where + " was made by a newer version of Reception Console (schema version " +
                            std::to_string(r.schema_version) + ").",
                        "Use the newer version of Reception Console on this desk.");
        if (depth == CheckDepth::Full) {
            Statement tables(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                 "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
            std::vector<std::string> names;
            while (tables.step())
                names.push_back(tables.text_at(0));
            for (const auto& t : names)
                db.query_int("SELECT count(*) FROM \"" + t + "\"");
        }
    } catch (const StoreError& e) {
        return fail(r, e.kind(), e.problem(), e.advice());
    }
    r.check_messages = {"ok"};
    r.ok = true;
    return r;
}

} // namespace

DatabaseReport inspect_database(const std::filesystem::path& path, CheckDepth depth) {
    if (is_postgres_target(os::path_to_utf8(path))) return inspect_shared(os::path_to_utf8(path), depth);
    DatabaseReport r;
    r.path = path;
    const std::string where = path.string();
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        return fail(r, ErrorKind::NotFound, "There is no database at " + where + ".",
                    "Check the path, or create a new centre database with `reception-console init --db " +
                        where + " --user NAME`.");
    if (!std::filesystem::is_regular_file(status))
        return fail(r, ErrorKind::NotOurs, where + " is not a file (it is a folder or a device).",
                    "Give the path of the centre database file, usually ending in .sqlite.");
    r.file_bytes = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    if (ec)
        return fail(r, ErrorKind::Io, "Could not read the size of " + where + ": " + ec.message() + ".", "");
    std::filesystem::path wal = path;
    wal += "-wal";
    r.has_wal = std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 0 && !ec;

    if (r.file_bytes == 0 && !r.has_wal)
        return fail(r, ErrorKind::Empty, where + " is empty (0 bytes): it holds no Reception Console data.",
                    "If this should be your centre's database, it was lost or cut short. " +
                        restore_advice(where));

    // The 100-byte header, read by hand: a clear message before SQLite says "file is not a database".
    std::array<unsigned char, 100> h{};
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return fail(r, ErrorKind::Io, "Could not open " + where + " to read it.",
                        "Check the file's permissions.");
        in.read(reinterpret_cast<char*>(h.data()), static_cast<std::streamsize>(h.size()));
        if (in.gcount() < static_cast<std::streamsize>(h.size()) && !r.has_wal) {
            static const char magic[] = "SQLite format 3";
            bool looks_sqlite = in.gcount() >= 15 && std::equal(magic, magic + 15, h.begin());
            if (looks_sqlite)
                return fail(r, ErrorKind::Truncated,
                            where + " is truncated: only " + std::to_string(r.file_bytes) +
                                " bytes are left of an SQLite database.",
                            restore_advice(where));
            return fail(r, ErrorKind::NotOurs,
                        where +
                            " is not a Reception Console database: it is not an SQLite database file at all.",
                        not_sqlite_advice(where));
        }
    }
    static const char magic[] = "SQLite format 3";
    if (r.file_bytes >= 100 && !std::equal(magic, magic + 16, h.begin()))
        return fail(r, ErrorKind::NotOurs,
                    where + " is not a Reception Console database: it is not an SQLite database file at all.",
                    not_sqlite_advice(where));
    if (r.file_bytes >= 100) {
        std::uint32_t page_size = (std::uint32_t{h[16]} << 8) | h[17];
        if (page_size == 1) page_size = 65536;
        if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
            return fail(r, ErrorKind::Corrupt,
                        where + " is damaged: its header gives an impossible page size.",
                        restore_advice(where));
        r.page_size = page_size;
        std::uint32_t change_counter = be32(&h[24]);
        std::uint32_t header_pages = be32(&h[28]);
        std::uint32_t valid_for = be32(&h[92]);
        // With a -wal beside it the main file may legitimately lag behind (a checkpoint was cut short;
        // SQLite finishes it from the WAL), so the size check only applies to a file that stands alone.
        if (!r.has_wal) {
            if (r.file_bytes % page_size != 0)
                return fail(r, ErrorKind::Truncated,
                            where + " is truncated: its size (" + std::to_string(r.file_bytes) +
                                " bytes) is not a whole number of " + std::to_string(page_size) +
                                "-byte pages.",
                            restore_advice(where));
            if (header_pages != 0 && change_counter == valid_for &&
                static_cast<std::int64_t>(header_pages) * page_size > r.file_bytes)
                return fail(r, ErrorKind::Truncated,
                            where + " is truncated: it holds " + std::to_string(r.file_bytes / page_size) +
                                " of the " + std::to_string(header_pages) + " pages its header lists.",
                            restore_advice(where));
        }
    }

    try {
        Connection db = Connection::open(path, AccessMode::ReadOnly);
        r.application_id = static_cast<std::uint32_t>(db.query_int("PRAGMA application_id"));
        r.schema_version = static_cast<int>(db.query_int("PRAGMA user_version"));
        if (r.application_id != static_cast<std::uint32_t>(kApplicationId)) {
            std::int64_t objects = db.query_int("SELECT count(*) FROM sqlite_schema");
            if (r.application_id == 0 && r.schema_version == 0 && objects == 0)
                return fail(r, ErrorKind::Empty,
                            where + " is an empty SQLite database: it holds no Reception Console data.",
                            "Check the path. To start a new centre database, use `reception-console init`.");
            return fail(
                r, ErrorKind::NotOurs,
                where + " is an SQLite database from another program" +
                    (r.application_id != 0 ? " (application id " + hex32(r.application_id) + ")"
                                           : std::string()) +
                    ", not a Reception Console database.",
                "Check that --db names the centre database (usually centre.sqlite). This file was not "
                "changed.");
        }
        if (r.schema_version > latest_schema_version())
            return fail(
                r, ErrorKind::NewerVersion,
                where + " was made by a newer version of Reception Console (schema version " +
                    std::to_string(r.schema_version) + "; this program knows up to version " +
                    std::to_string(latest_schema_version()) + ").",
                "Open it with the newer version of Reception Console, or restore a backup made by this "
                "version (" RC_VERSION "). This file was not changed.");
        if (r.schema_version < 1)
            return fail(
                r, ErrorKind::Corrupt,
                where + " is a Reception Console database whose creation never finished (no schema version).",
                restore_advice(where));
        r.page_size = db.query_int("PRAGMA page_size");
        r.page_count = db.query_int("PRAGMA page_count");
        if (depth != CheckDepth::Header) {
            r.check_messages = db.query_texts(depth == CheckDepth::Full ? "PRAGMA integrity_check(20)"
                                                                        : "PRAGMA quick_check(20)");
            if (r.check_messages.size() != 1 || r.check_messages[0] != "ok")
                return fail(
                    r, ErrorKind::Corrupt,
                    where + " is damaged: SQLite's " +
                        std::string(depth == CheckDepth::Full ? "integrity_check" : "quick_check") +
                        " found " + std::to_string(r.check_messages.size()) +
                        (r.check_messages.size() >= 20 ? " or more" : "") + " problem(s), the first: " +
                        (r.check_messages.empty() ? std::string("(none listed)") : r.check_messages[0]) + ".",
                    restore_advice(where));
        }
    } catch (const StoreError& e) {
        if (e.kind() == ErrorKind::Corrupt)
            return fail(r, ErrorKind::Corrupt, e.problem(), restore_advice(where));
        if (e.kind() == ErrorKind::Sql)
            return fail(r, ErrorKind::Corrupt,
                        where + " is damaged: SQLite cannot read it (" + e.problem() + ").",
                        restore_advice(where));
        return fail(r, e.kind(), e.problem(), e.advice());
    }
    r.ok = true;
    return r;
}

} // namespace rc::store
