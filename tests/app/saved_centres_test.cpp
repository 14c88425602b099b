// The sign-in screen's saved shared centres: connection lines only, never one with a password.
#include "app/saved_centres.hpp"
#include "store/test_support.hpp"

#include <doctest/doctest.h>

using rc::store::test::TempDir;

TEST_CASE("saved centres: connection lines kept in order; passwords, files and comments left out") {
    TempDir dir("saved-centres");
    const auto file = dir / "shared-centres.conf";
    CHECK(rc::app::load_saved_centres(file).lines.empty()); // no file: nothing, no problem
    CHECK(rc::app::load_saved_centres(file).problems.empty());
    rc::store::test::write_file(file, "# desks of Operation Larch\n"
                                      "postgresql://desk1@centre-laptop.local/centre?sslmode=verify-full\n"
                                      "\n"
                                      "  host=/tmp/pg dbname=trial  \n"
                                      "postgresql://desk2:hunter2@centre-laptop.local/centre\n"
                                      "host=centre-laptop.local dbname=centre password=hunter2\n"
                                      "/home/anna/centre.sqlite\n");
    const rc::app::SavedCentres saved = rc::app::load_saved_centres(file);
    REQUIRE(saved.lines.size() == 2);
    CHECK(saved.lines[0] == "postgresql://desk1@centre-laptop.local/centre?sslmode=verify-full");
    CHECK(saved.lines[1] == "host=/tmp/pg dbname=trial");
    CHECK(saved.names == std::vector<std::string>{"centre", "trial"});
    REQUIRE(saved.problems.size() == 3);
    CHECK(saved.problems[0].find("line 5: holds a password") != std::string::npos);
    CHECK(saved.problems[1].find("line 6: holds a password") != std::string::npos);
    CHECK(saved.problems[2].find("line 7: not a connection line") != std::string::npos);
    for (const std::string& p : saved.problems)
        CHECK(p.find("hunter2") == std::string::npos);
}
