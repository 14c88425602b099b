#pragma once
// A centre created (and activated) in a scratch folder, with a manual clock and settings, for the screen
// tests that need a real StoreSession behind the window.
#include "app/settings.hpp"
#include "app/store_session.hpp"
#include "store/test_support.hpp"

#include <doctest/doctest.h>
#include <string>

namespace rc::ui::test {

// A centre created (not yet activated) in a scratch folder, its coordinator signed in.
struct CreatedCentre {
    explicit CreatedCentre(const std::string& folder)
        : dir(folder), session(dir / "centre.sqlite", clock, options()) {
        app::NewCentreForm form;
        form.centre_name = "Matlock Hall";
        form.centre_code = "OP-0042";
        form.coordinator_name = "Anna Kowalska";
        form.passphrase = form.passphrase_again = "correct horse battery";
        REQUIRE(session.create_centre(form).ok);
    }
    static app::StoreSession::Options options() {
        app::StoreSession::Options o;
        o.passphrase_kdf = store::KdfLimits::minimum();
        o.pin_kdf = store::KdfLimits::minimum();
        return o;
    }
    store::Store& db() { return *session.store(); }

    store::test::TempDir dir;
    ManualClock clock{1795000000}; // November 2026
    app::Settings settings;
    app::StoreSession session;
};

struct ActivatedCentre : CreatedCentre {
    ActivatedCentre(const std::string& folder, int expected, const std::string& operation = "Operation Larch")
        : CreatedCentre(folder) {
        app::ActivationForm a;
        a.name = operation;
        a.expected_people = expected;
        REQUIRE(session.activate(a).ok);
    }
};

} // namespace rc::ui::test
