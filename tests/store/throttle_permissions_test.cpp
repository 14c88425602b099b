#include "domain/permissions.hpp"
#include "store/attempt_throttle.hpp"

#include <doctest/doctest.h>

using rc::can;
using rc::ManualClock;
using rc::Permission;
using rc::UserRole;
using rc::store::AttemptThrottle;

TEST_CASE("back-off: each wrong attempt doubles the wait, on the injected clock") {
    CHECK(AttemptThrottle::delay_after(0) == 0);
    CHECK(AttemptThrottle::delay_after(1) == 1);
    CHECK(AttemptThrottle::delay_after(2) == 2);
    CHECK(AttemptThrottle::delay_after(5) == 16);
    CHECK(AttemptThrottle::delay_after(9) == 256);
    CHECK(AttemptThrottle::delay_after(10) == AttemptThrottle::kMaxDelaySeconds);
    CHECK(AttemptThrottle::delay_after(1000) == AttemptThrottle::kMaxDelaySeconds);

    ManualClock clock(1000);
    AttemptThrottle t(clock);
    CHECK(t.seconds_to_wait() == 0);
    t.record_failure();
    t.record_failure();
    t.record_failure();
    CHECK(t.seconds_to_wait() == 4);
    clock.advance(3);
    CHECK(t.seconds_to_wait() == 1);
    clock.advance(1);
    CHECK(t.seconds_to_wait() == 0);
    t.record_success();
    CHECK(t.consecutive_failures() == 0);
    CHECK(t.seconds_to_wait() == 0);
}

TEST_CASE("permissions: volunteers check in and see who is on site; coordinators do everything") {
    for (Permission p : {Permission::CheckIn, Permission::ViewOnSite, Permission::WriteLog}) {
        CHECK(can(UserRole::Volunteer, p));
        CHECK(can(UserRole::Coordinator, p));
    }
    for (Permission p : {Permission::ViewMedicalNotes, Permission::Export, Permission::Import,
                         Permission::Purge, Permission::ManageUsers, Permission::ManageCentre,
                         Permission::ManageSettings, Permission::Restore, Permission::ViewAudit}) {
        CHECK_FALSE(can(UserRole::Volunteer, p));
        CHECK(can(UserRole::Coordinator, p));
    }
}
