#include "store/error.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {
UserId add_volunteer(Store& s, const std::string& name, const std::string& pin = "1357") {
    return s.add_user(NewUser{name, UserRole::Volunteer, "volunteer passphrase", pin});
}
} // namespace

TEST_CASE("session: sign in with name and passphrase; wrong attempts back off on the clock") {
    TempDir dir("session");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    { make_store(db, clock); }
    auto s = Store::open(db, {}, clock);

    auto r = s->sign_in(kCoordinator, "wrong passphrase");
    CHECK(r.status == SignInStatus::WrongCredentials);
    CHECK(r.retry_after_seconds == 1);
    CHECK(r.message.find(kCoordinator) == std::string::npos);
    // Too soon: refused without even looking at the passphrase.
    r = s->sign_in(kCoordinator, kPassphrase);
    CHECK(r.status == SignInStatus::WaitBeforeRetry);
    clock.advance(1);
    r = s->sign_in("Nobody Known", kPassphrase); // an unknown name fails the same way
    CHECK(r.status == SignInStatus::WrongCredentials);
    CHECK(r.retry_after_seconds == 2);
    clock.advance(2);
    CHECK(s->sign_in(kCoordinator, "wrong again").status == SignInStatus::WrongCredentials);
    CHECK(s->seconds_until_sign_in_allowed() == 4);
    clock.advance(4);
    r = s->sign_in("  test COORDINATOR ", kPassphrase); // names match however they are typed
    CHECK(r.ok());
    CHECK(s->signed_in());
    CHECK(s->seconds_until_sign_in_allowed() == 0);
    CHECK(s->can(Permission::ManageUsers));

    // The failures are in the audit trail, with no name typed.
    auto audit = s->audit_entries(20);
    int failed = 0;
    for (auto& a : audit)
        if (a.action == "sign_in_failed") ++failed;
    CHECK(failed == 3);
}

TEST_CASE("session: lock wipes the key; a PIN brings it back only while the program runs") {
    TempDir dir("session");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    UserId vol = 0;
    {
        auto s = make_store(db, clock);
        vol = add_volunteer(*s, "Volunteer One");
        s->append_log("before lock");
        CHECK(s->lock_screen_users().size() == 2);
        s->lock();
        CHECK(s->session().state == SessionState::Locked);
        CHECK_THROWS_AS(s->cipher(), StoreError);
        CHECK_THROWS_AS(s->log_entries(), StoreError);
        CHECK_THROWS_AS(s->append_log("while locked"), StoreError);
        CHECK(s->pin_unlock_available());
        CHECK(s->lock_screen_users().size() == 2); // the lock screen can still offer the names

        // Hand-over: the volunteer unlocks with their own PIN and gets the volunteer role.
        CHECK(s->unlock_with_pin("Volunteer One", "0000").status == SignInStatus::WrongCredentials);
        clock.advance(1);
        auto r = s->unlock_with_pin("Volunteer One", "1357");
        REQUIRE(r.ok());
        CHECK(s->session().user == vol);
        CHECK(s->session().role == UserRole::Volunteer);
        CHECK(s->log_entries().size() == 1);
        s->append_log("volunteer entry");
        CHECK_FALSE(s->can(Permission::ManageUsers));
        CHECK_THROWS_AS(s->add_user(NewUser{"X Y", UserRole::Volunteer, "a passphrase", ""}), StoreError);
        CHECK_THROWS_AS(s->audit_entries(), StoreError);
        CHECK_THROWS_AS(s->update_settings(s->settings()), StoreError);
        CHECK_THROWS_AS(s->set_centre_status(CentreStatus::Open), StoreError);
        // A PIN does not work while signed in or signed out.
        CHECK(s->unlock_with_pin("Volunteer One", "1357").status == SignInStatus::PinNotAvailable);
        s->sign_out();
        CHECK(s->unlock_with_pin("Volunteer One", "1357").status == SignInStatus::PinNotAvailable);
    }
    // A new process (a stolen laptop): a PIN alone opens nothing.
    auto s = Store::open(db, {}, clock);
    CHECK(s->unlock_with_pin("Volunteer One", "1357").status == SignInStatus::PinNotAvailable);
    CHECK(s->unlock_with_pin(kCoordinator, "2468").status == SignInStatus::PinNotAvailable);
    CHECK_THROWS_AS(s->log_entries(), StoreError);
    CHECK(s->sign_in("Volunteer One", "volunteer passphrase").ok());
    CHECK(s->log_entries().size() == 2);
}

TEST_CASE("session: five wrong PINs turn PIN unlock off until a passphrase sign-in") {
    TempDir dir("session");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    s->lock();
    for (int i = 0; i < Store::kMaxPinFailures; ++i) {
        clock.advance(AttemptThrottle::kMaxDelaySeconds);
        auto r = s->unlock_with_pin(kCoordinator, "9999");
        CHECK_FALSE(r.ok());
    }
    clock.advance(AttemptThrottle::kMaxDelaySeconds);
    CHECK_FALSE(s->pin_unlock_available());
    CHECK(s->unlock_with_pin(kCoordinator, "2468").status == SignInStatus::PinNotAvailable);
    CHECK(s->sign_in(kCoordinator, kPassphrase).ok());
    s->lock();
    CHECK(s->pin_unlock_available());
    CHECK(s->unlock_with_pin(kCoordinator, "2468").ok());
}

TEST_CASE("session: the idle lock follows the setting and the injected clock") {
    TempDir dir("session");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    CHECK(s->seconds_until_idle_lock() == 5 * 60);
    clock.advance(4 * 60);
    CHECK_FALSE(s->lock_if_idle());
    s->note_activity();
    clock.advance(4 * 60 + 59);
    CHECK_FALSE(s->lock_if_idle());
    CHECK(s->seconds_until_idle_lock() == 1);
    clock.advance(1);
    CHECK(s->lock_if_idle());
    CHECK(s->session().state == SessionState::Locked);
    CHECK_FALSE(s->seconds_until_idle_lock());
    CHECK(s->unlock_with_pin(kCoordinator, "2468").ok());
    Settings st = s->settings();
    st.idle_lock_minutes = 1;
    s->update_settings(st); // a write counts as activity
    clock.advance(59);
    CHECK_FALSE(s->lock_if_idle());
    clock.advance(1);
    CHECK(s->lock_if_idle());
}

TEST_CASE("users: roles, disabling, passphrases and PINs") {
    TempDir dir("session");
    ManualClock clock(kT0);
    auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    UserId coordinator = *s->session().user;
    UserId vol = add_volunteer(*s, "Volunteer Two", "");
    CHECK_THROWS_AS(add_volunteer(*s, "volunteer  two"), StoreError); // same name
    auto users = s->users();
    REQUIRE(users.size() == 2);
    CHECK(users[1].name == "Volunteer Two");
    CHECK(users[1].role == UserRole::Volunteer);
    CHECK_FALSE(users[1].has_pin);

    // The only coordinator cannot be demoted or disabled.
    CHECK_THROWS_AS(s->set_user_role(coordinator, UserRole::Volunteer), StoreError);
    CHECK_THROWS_AS(s->set_user_disabled(coordinator, true), StoreError);
    s->set_user_role(vol, UserRole::Coordinator);
    s->set_user_role(vol, UserRole::Volunteer);

    s->reset_passphrase(vol, "a brand new passphrase");
    s->set_user_disabled(vol, true);
    CHECK(s->sign_in("Volunteer Two", "a brand new passphrase").status == SignInStatus::UserDisabled);
    clock.advance(10);
    CHECK(s->sign_in(kCoordinator, kPassphrase).ok());
    s->set_user_disabled(vol, false);
    // Disabling removed their keys: enabled again, they need a passphrase reset first.
    clock.advance(10);
    CHECK(s->sign_in("Volunteer Two", "a brand new passphrase").status == SignInStatus::ResetNeeded);
    clock.advance(20);
    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    s->reset_passphrase(vol, "a brand new passphrase");
    CHECK(s->sign_in("Volunteer Two", "a brand new passphrase").ok());
    // Setting a PIN needs the passphrase.
    CHECK_THROWS_AS(s->set_own_pin("wrong passphrase here", "8642"), StoreError);
    clock.advance(10);
    s->set_own_pin("a brand new passphrase", "8642");
    s->change_own_passphrase("a brand new passphrase", "my own secret words");
    CHECK_THROWS_AS(s->change_own_passphrase("not it", "another secret"), StoreError);
    clock.advance(10);
    s->sign_out();
    CHECK(s->sign_in("Volunteer Two", "my own secret words").ok());
    s->lock();
    CHECK(s->unlock_with_pin("Volunteer Two", "8642").ok());

    auto audit = (s->sign_in(kCoordinator, kPassphrase), s->audit_entries(200));
    for (auto& a : audit) {
        CHECK(a.changes.find("Volunteer") == std::string::npos);
        CHECK(a.changes.find("passphrase\":\"a brand") == std::string::npos);
    }
}
