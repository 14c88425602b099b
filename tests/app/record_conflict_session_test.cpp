// The session's saves of records a form edits besides a person: a save stating a version another
// desk (here, the store itself, as a second writer would) has moved past is refused with both versions
// and no "Not saved" failure in the status bar; the snapshot shows the record as it now is; a removal
// chosen on an older version is refused with a clear message.
#include "app/store_session.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"
#include "store/venues.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::app;
using rc::store::test::TempDir;

namespace {

StoreSession::Options quick_keys() {
    StoreSession::Options o;
    o.passphrase_kdf = store::KdfLimits::minimum();
    o.pin_kdf = store::KdfLimits::minimum();
    return o;
}

} // namespace

TEST_CASE("session: a venue saved over another desk's change gives both versions, not a failure") {
    TempDir dir("record_conflict_session");
    ManualClock clock{1773500000};
    StoreSession session(dir / "centre.sqlite", clock, quick_keys());
    NewCentreForm form;
    form.centre_name = "Matlock Hall";
    form.coordinator_name = "Anna Kowalska";
    form.passphrase = form.passphrase_again = "correct horse battery";
    REQUIRE(session.create_centre(form).ok);

    VenueForm venue;
    venue.name = "Ripley community hall";
    venue.address = "Derby Road";
    venue.capacity = 40;
    venue.notes = "Alarm code with the keyholder";
    REQUIRE(session.save_venue(std::nullopt, venue).ok);
    const VenueView opened = session.operation().venues.at(0);
    CHECK(opened.version == 1);
    CHECK(opened.form.notes == "Alarm code with the keyholder"); // the whole record, for the form

    // Another writer changes the capacity.
    store::VenueDetails theirs = store::venue(*session.store(), opened.id)->details;
    theirs.capacity = 60;
    store::update_venue(*session.store(), opened.id, theirs, opened.version);

    VenueForm mine = opened.form;
    mine.address = "Derby Road, Ripley DE5";
    const SaveResult<VenueForm> r = session.save_venue(opened.id, mine, opened.version);
    CHECK_FALSE(r.ok);
    REQUIRE(r.conflict);
    CHECK(r.conflict->mine.address == "Derby Road, Ripley DE5");
    CHECK(r.conflict->theirs.capacity == 60);
    CHECK(r.conflict->theirs.address == "Derby Road");
    CHECK(r.conflict->their_version == 2);
    CHECK(r.message.find("was changed at another desk while you were editing it") != std::string::npos);
    CHECK(session.status().save_state != SaveState::Failed);
    // The snapshot shows the venue as it now is.
    CHECK(session.operation().venues.at(0).capacity == 60);
    CHECK(session.operation().venues.at(0).version == 2);

    // Keep mine: saved at their version.
    const SaveResult<VenueForm> kept = session.save_venue(opened.id, mine, r.conflict->their_version);
    REQUIRE_MESSAGE(kept.ok, kept.message);
    CHECK(kept.version == 3);
    CHECK(session.operation().venues.at(0).address == "Derby Road, Ripley DE5");

    // A removal chosen on version 2 is refused, saying why; on version 3 it goes.
    const EditResult refused = session.remove_venue(opened.id, 2);
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.find("after you chose to remove it. Nothing was removed.") != std::string::npos);
    CHECK(session.operation().venues.size() == 1);
    CHECK(session.status().save_state != SaveState::Failed);
    REQUIRE(session.remove_venue(opened.id, 3).ok);
    CHECK(session.operation().venues.empty());
}
