#pragma once
// What the store tests that run on both engines share: a run on a new SQLite file and then on a new
// PostgreSQL database (when the suite has its throwaway server), an activated centre on the default
// procedure, and a row count.
#include "domain/default_procedure.hpp"
#include "store/operation.hpp"
#include "store/store.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <functional>
#include <string>

namespace rc::store::test {

// Runs `body` on a new SQLite file, then on a new PostgreSQL database when the suite has its server.
inline void on_both_engines(const std::string& label,
                            const std::function<void(const std::filesystem::path&)>& body) {
    {
        INFO("engine: SQLite");
        TempDir dir(label);
        body(dir / "centre.sqlite");
    }
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): the PostgreSQL half was skipped");
        return;
    }
    INFO("engine: PostgreSQL");
    rc::test::PgTestDatabase db(*server, label);
    body(db.target());
}

inline void activate_default(Store& s) {
    ActivationRequest a;
    a.name = "Operation Larch";
    a.expected_people = 20;
    a.procedure_text = std::string(default_procedure_text());
    a.procedure_source = std::string(default_procedure_name);
    activate(s, a);
}

inline std::int64_t rows_in(const Store& s, const std::string& table) {
    return s.connection_for_reading().query_int("SELECT count(*) FROM " + table);
}

} // namespace rc::store::test
