#pragma once
// The throwaway PostgreSQL server ctest starts for the suite (support/pg_throwaway.sh, a ctest
// fixture): tests that run on both engines take a fresh database on it, dropped afterwards.
#include "os/process.hpp"
#include "store/sqlite_db.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

namespace rc::test {

// The server's connection line, or nullopt when this run has no server (a test binary started by
// hand without RC_TEST_PG_CONNINFO_FILE). A missing file when the variable is set means the fixture
// failed to start it: that throws, so the test fails rather than passing on SQLite alone.
inline std::optional<std::string> test_pg_conninfo() {
    const char* file = std::getenv("RC_TEST_PG_CONNINFO_FILE");
    if (!file || !*file) return std::nullopt;
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line) || line.empty())
        throw std::runtime_error(std::string("the test PostgreSQL server did not start (no ") + file + ")");
    return line;
}

// A fresh, empty database on the test server for one test; dropped when it goes.
class PgTestDatabase {
public:
    PgTestDatabase(const std::string& server, const std::string& label) : server_(server) {
        static std::atomic<int> counter{0};
        name_ = "rc_" + label + "_" + std::to_string(os::process_id()) + "_" + std::to_string(counter++);
        admin().exec("DROP DATABASE IF EXISTS " + name_);
        admin().exec("CREATE DATABASE " + name_);
    }
    ~PgTestDatabase() {
        try {
            admin().exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } catch (...) {
        }
    }
    PgTestDatabase(const PgTestDatabase&) = delete;
    PgTestDatabase& operator=(const PgTestDatabase&) = delete;
    // What --db takes (libpq uses the last dbname given).
    std::string target() const { return server_ + " dbname=" + name_; }
    const std::string& name() const { return name_; }
    // Closes every connection to this database, as a dropped network or a restarted server would;
    // with keep_out, none is let back in until let_in().
    void cut_connections(bool keep_out) const {
        if (keep_out) admin().exec("ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS false");
        admin().exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name_ +
                     "'");
    }
    void let_in() const { admin().exec("ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS true"); }

private:
    store::Connection admin() const {
        return store::Connection::open_postgres(server_, store::AccessMode::ReadWrite);
    }
    std::string server_;
    std::string name_;
};

} // namespace rc::test
