// The preview session: in memory, nothing saved, the activity log with its version.
#include "app/preview_session.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace rc;
using namespace rc::app;

TEST_CASE("the preview session is open, shows no centre and cannot save") {
    ManualClock clock{1795000000};
    PreviewSession s("/tmp/x/centre.sqlite", clock);
    CHECK(s.gate_state() == GateState::Open);
    CHECK_FALSE(s.can_lock());
    CHECK(s.status().centre_name == "No centre open");
    CHECK(s.status().database_path == "/tmp/x/centre.sqlite");
    CHECK(s.status().save_state == SaveState::NoDatabase);
}

TEST_CASE("log entries are trimmed, dated, newest first, and bump the version") {
    ManualClock clock{1795000000};
    PreviewSession s("/tmp/x/centre.sqlite", clock);
    const auto v0 = s.log().version;
    CHECK(s.add_log_entry("  First  ").ok);
    clock.advance(60);
    CHECK(s.add_log_entry("Second").ok);
    REQUIRE(s.log().entries.size() == 2);
    CHECK(s.log().entries[0].text == "Second");
    CHECK(s.log().entries[1].text == "First");
    CHECK(s.log().entries[0].at == clock.now());
    CHECK(s.log().version == v0 + 2);
}

TEST_CASE("bad log entries are refused with a sentence and change nothing") {
    ManualClock clock{1795000000};
    PreviewSession s("/tmp/x/centre.sqlite", clock);
    const auto v0 = s.log().version;
    for (const std::string& bad : {std::string("   "), std::string(kMaxLogEntryBytes + 1, 'x'),
                                   std::string("bad \xC3 byte"), std::string("bidi \u202E override")}) {
        const EditResult r = s.add_log_entry(bad);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.message.empty());
    }
    CHECK(s.log().entries.empty());
    CHECK(s.log().version == v0);
}
