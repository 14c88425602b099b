#pragma once
// The demo operation written into a store: activation, the three waves and what happened to each
// person, referrals, bags, staff, call-outs, the procedure's steps and log entries, each at its minute.
#include "domain/clock.hpp"
#include "store/store.hpp"

namespace rc::cli::demo {

inline constexpr const char* kDemoUser = "Demo Coordinator";
inline constexpr const char* kDemoPassphrase = "demo passphrase 2026";
inline constexpr const char* kDemoVolunteer = "Demo Volunteer";
inline constexpr const char* kDemoVolunteerPassphrase = "practice shift 2026";
// How long ago the call came: long enough for three waves, decisions and the first departures.
inline constexpr int kMinutesSinceActivation = 270;

struct DemoSummary {
    int people = 0;
    int children = 0;
    int on_site = 0;
    int departed = 0;
    int referrals = 0;
    int bags = 0;
    int staff_on_site = 0;
};

// Builds the whole operation in `store` (just created, the coordinator signed in).
DemoSummary build_demo(rc::store::Store& store, ManualClock& clock, UnixSeconds start);

} // namespace rc::cli::demo
