// Version-checked edits of the records a form edits besides a person: referrals, staff records,
// directory entries, venues and stock stores. An edit states the version it started from; a save over a
// record another desk changed meanwhile is refused with the record as it now is, and keep mine, keep
// theirs and a merge field by field each end as chosen. Two desks (two Store objects) on one PostgreSQL
// database; on an SQLite file, where one console is the only writer, the same console stands in for
// the other desk (a form left open while the record changed).
#include "both_engines.hpp"
#include "domain/default_procedure.hpp"
#include "store/edit_conflict.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"
#include "store/venues.hpp"
#include "support/pg_test_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <functional>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr const char* kSecondLead = "Second Desk Lead";
constexpr const char* kSecondPassphrase = "river lantern orchard quietly";

// One kind of record as the test drives it: two text fields that two desks change.
template <class Record, class Details> struct RecordKind {
    std::function<std::int64_t(Store&)> create;
    std::function<Record(const Store&, std::int64_t)> read;
    std::function<Details(const Record&)> details;
    std::function<std::int64_t(Store&, std::int64_t, const Details&, std::optional<std::int64_t>)> update;
    std::function<void(Store&, std::int64_t, std::optional<std::int64_t>)> remove; // empty: not removed
    std::function<std::string&(Details&)> a, b;                                    // two fields
};

template <class Record, class Details>
Record refused(const RecordKind<Record, Details>& k, Store& desk, std::int64_t id, const Details& d,
               std::int64_t started) {
    try {
        k.update(desk, id, d, started);
    } catch (const EditConflict<Record>& e) {
        CHECK(e.kind() == ErrorKind::Conflict);
        CHECK(e.problem().find("was changed at another desk while you were editing it. Nothing was saved.") !=
              std::string::npos);
        return e.current();
    }
    FAIL("the save over another desk's change was not refused");
    return {};
}

// desk1 and desk2 may be the same Store (one SQLite file: a form left open on an older version).
template <class Record, class Details>
void two_desks(const RecordKind<Record, Details>& k, Store& desk1, Store& desk2) {
    const std::int64_t id = k.create(desk1);
    const Record opened1 = k.read(desk1, id);
    const Record opened2 = k.read(desk2, id);
    REQUIRE(opened1.version == opened2.version);
    const std::int64_t v = opened1.version;

    // Desk 1 saves first; desk 2, still on the version it opened, is refused with desk 1's values.
    Details theirs = k.details(opened1);
    k.a(theirs) = "Changed at desk one";
    CHECK(k.update(desk1, id, theirs, v) == v + 1);
    Details mine = k.details(opened2);
    k.b(mine) = "changed-at-desk-two";
    const Record current = refused(k, desk2, id, mine, v);
    CHECK(current.version == v + 1);
    CHECK(k.details(current) == theirs);
    CHECK(k.details(k.read(desk1, id)) == theirs); // nothing of desk 2's was written

    // The same values as the record now holds, from the old version: nothing to save, no conflict.
    CHECK(k.update(desk2, id, theirs, v) == v + 1);

    // Keep mine: saved over theirs, stating their version.
    CHECK(k.update(desk2, id, mine, current.version) == v + 2);
    CHECK(k.details(k.read(desk1, id)) == mine);

    // Keep theirs: desk 1, still on v + 1, is now refused; it drops its edit and the record stays.
    Details late = theirs;
    k.a(late) = "A later change at desk one";
    const Record now = refused(k, desk1, id, late, v + 1);
    CHECK(now.version == v + 2);
    CHECK(k.details(k.read(desk2, id)) == mine);

    // Merge field by field: desk 2 changes a; desk 1, on v + 2, changes b; the merge takes both.
    Details two = k.details(now);
    k.a(two) = "Desk two's a";
    CHECK(k.update(desk2, id, two, v + 2) == v + 3);
    Details one = k.details(now);
    k.b(one) = "desk-one-b";
    const Record merge_from = refused(k, desk1, id, one, v + 2);
    Details merged = k.details(merge_from);
    k.b(merged) = k.b(one);
    CHECK(k.update(desk1, id, merged, merge_from.version) == v + 4);
    const Details ended = k.details(k.read(desk2, id));
    CHECK(Details(ended) == merged);

    // Without a version (the command line, imports): the version read in the edit's own transaction.
    Details plain = ended;
    k.a(plain) = "Without a version";
    CHECK(k.update(desk2, id, plain, std::nullopt) == v + 5);

    if (k.remove) {
        // A removal chosen on an older version is refused too, with the record as it is.
        try {
            k.remove(desk1, id, v + 4);
            FAIL("the removal over another desk's change was not refused");
        } catch (const EditConflict<Record>& e) {
            CHECK(e.problem().find("after you chose to remove it. Nothing was removed.") !=
                  std::string::npos);
            CHECK(e.current().version == v + 5);
        }
        k.remove(desk1, id, v + 5);
        CHECK_THROWS_AS(k.read(desk2, id), std::bad_optional_access);
    }
}

RecordKind<Venue, VenueDetails> venue_kind() {
    RecordKind<Venue, VenueDetails> k;
    k.create = [](Store& s) {
        VenueDetails d;
        d.name = "Ripley community hall";
        d.address = "Derby Road";
        d.capacity = 40;
        d.notes = "Alarm code with the keyholder";
        return add_venue(s, d);
    };
    k.read = [](const Store& s, std::int64_t id) { return venue(s, id).value(); };
    k.details = [](const Venue& v) { return v.details; };
    k.update = [](Store& s, std::int64_t id, const VenueDetails& d, std::optional<std::int64_t> from) {
        return update_venue(s, id, d, from);
    };
    k.remove = [](Store& s, std::int64_t id, std::optional<std::int64_t> from) { remove_venue(s, id, from); };
    k.a = [](VenueDetails& d) -> std::string& { return d.address; };
    k.b = [](VenueDetails& d) -> std::string& { return d.notes; };
    return k;
}

RecordKind<DirectoryEntry, DirectoryEntryDetails> directory_kind() {
    RecordKind<DirectoryEntry, DirectoryEntryDetails> k;
    k.create = [](Store& s) {
        DirectoryEntryDetails d;
        d.organisation = "Derbyshire County Council";
        d.role = "Emergency planning duty officer";
        d.phone = "01629 000000";
        return add_directory_entry(s, d);
    };
    k.read = [](const Store& s, std::int64_t id) { return directory_entry(s, id).value(); };
    k.details = [](const DirectoryEntry& e) { return e.details; };
    k.update = [](Store& s, std::int64_t id, const DirectoryEntryDetails& d,
                  std::optional<std::int64_t> from) { return update_directory_entry(s, id, d, from); };
    k.remove = [](Store& s, std::int64_t id, std::optional<std::int64_t> from) {
        remove_directory_entry(s, id, from);
    };
    k.a = [](DirectoryEntryDetails& d) -> std::string& { return d.role; };
    k.b = [](DirectoryEntryDetails& d) -> std::string& { return d.notes; };
    return k;
}

RecordKind<StockStore, StockStoreDetails> stock_store_kind() {
    RecordKind<StockStore, StockStoreDetails> k;
    k.create = [](Store& s) { return add_stock_store(s, {"depot", "Council depot", StockStoreKind::Depot}); };
    k.read = [](const Store& s, std::int64_t id) { return stock_store(s, id).value(); };
    k.details = [](const StockStore& st) { return st.details; };
    k.update = [](Store& s, std::int64_t id, const StockStoreDetails& d, std::optional<std::int64_t> from) {
        return update_stock_store(s, id, d, from);
    };
    k.remove = [](Store& s, std::int64_t id, std::optional<std::int64_t> from) {
        remove_stock_store(s, id, from);
    };
    k.a = [](StockStoreDetails& d) -> std::string& { return d.name; };
    k.b = [](StockStoreDetails& d) -> std::string& { return d.code; };
    return k;
}

// A referral's details as the edit form holds them (equal when the fields a form edits are).
struct ReferralDetails {
    Referral r;
    bool operator==(const ReferralDetails& o) const {
        return r.making_partner == o.r.making_partner && r.made_by == o.r.made_by &&
               r.receiving_organisation == o.r.receiving_organisation &&
               r.external_reference == o.r.external_reference && r.notes == o.r.notes &&
               r.consent == o.r.consent && r.identifying == o.r.identifying;
    }
};

RecordKind<ReferralRecord, ReferralDetails> referral_kind() {
    RecordKind<ReferralRecord, ReferralDetails> k;
    k.create = [](Store& s) {
        Person p;
        p.tag = "T001";
        p.name = "Ionela Quixotescu";
        p.sex = Sex::Female;
        p.date_of_birth = Date{1991, 5, 2};
        p.nationality = "RO";
        p.languages = {"ro"};
        p.interpreter_needed = true;
        p.exploitation = {ExploitationType::Labour};
        p.indicators = {ForcedLabourIndicator::DebtBondage};
        p.nrm_consent = NrmConsent::Yes;
        const CheckedIn in = check_in(s, p, kT0 - 60);
        Referral r;
        r.type = ReferralType::Nrm;
        r.making_partner = "police";
        r.made_by = "PC 1234 Okafor";
        r.receiving_organisation = "Home Office (Single Competent Authority)";
        r.consent_explained = true;
        r.interpreter_language = "ro";
        r.consent = ReferralConsent::Given;
        return add_referral(s, in.id, r);
    };
    k.read = [](const Store& s, std::int64_t id) { return referral(s, id).value(); };
    k.details = [](const ReferralRecord& r) { return ReferralDetails{r.referral}; };
    k.update = [](Store& s, std::int64_t id, const ReferralDetails& d, std::optional<std::int64_t> from) {
        return update_referral(s, id, d.r, from);
    };
    k.a = [](ReferralDetails& d) -> std::string& { return d.r.notes; };
    k.b = [](ReferralDetails& d) -> std::string& { return d.r.external_reference; };
    return k;
}

StaffDetails staff_details(const StaffRecord& r) {
    StaffDetails d;
    d.name = r.name;
    d.phone = r.phone;
    d.partner_id = r.partner_id;
    d.organisation = r.organisation;
    d.role_at_centre = r.role_at_centre;
    d.awareness_trained = r.awareness_trained;
    d.functions = r.functions;
    d.languages = r.languages;
    return d;
}

struct StaffForm {
    StaffDetails d;
    bool operator==(const StaffForm& o) const {
        return d.name == o.d.name && d.phone == o.d.phone && d.role_at_centre == o.d.role_at_centre &&
               d.organisation == o.d.organisation;
    }
};

RecordKind<StaffRecord, StaffForm> staff_kind() {
    RecordKind<StaffRecord, StaffForm> k;
    k.create = [](Store& s) {
        StaffDetails d;
        d.name = "Morag Ellison";
        d.phone = "07700 900456";
        d.partner_id = "red_cross";
        d.role_at_centre = "Welfare";
        return sign_in_staff(s, d);
    };
    k.read = [](const Store& s, std::int64_t id) { return staff_record(s, id).value(); };
    k.details = [](const StaffRecord& r) { return StaffForm{staff_details(r)}; };
    k.update = [](Store& s, std::int64_t id, const StaffForm& f, std::optional<std::int64_t> from) {
        return update_staff(s, id, f.d, from);
    };
    k.a = [](StaffForm& f) -> std::string& { return f.d.role_at_centre; };
    k.b = [](StaffForm& f) -> std::string& { return f.d.phone; };
    return k;
}

// Each kind on an SQLite file (one store standing in for both desks) and, when the test server is
// there, on PostgreSQL with two desks signed in as two coordinators.
template <class Record, class Details>
void on_both_engines(const char* label, const RecordKind<Record, Details>& k) {
    {
        INFO("engine: SQLite");
        TempDir dir(std::string("record_versions_") + label);
        ManualClock clock(kT0);
        auto s = make_store((dir / "centre.sqlite").string(), clock);
        activate_default(*s);
        two_desks(k, *s, *s);
    }
    const auto server = rc::test::test_pg_conninfo();
    if (!server) {
        MESSAGE("no test PostgreSQL server (RC_TEST_PG_CONNINFO_FILE): the shared centre part skipped");
        return;
    }
    INFO("engine: PostgreSQL, two desks");
    rc::test::PgTestDatabase db(*server, std::string("record_versions_") + label);
    ManualClock clock(kT0);
    auto desk1 = make_store(db.target(), clock);
    activate_default(*desk1);
    desk1->add_user(NewUser{kSecondLead, UserRole::Coordinator, kSecondPassphrase, ""});
    auto desk2 = Store::open(db.target(), {}, clock);
    REQUIRE(desk2->sign_in(kSecondLead, kSecondPassphrase).ok());
    two_desks(k, *desk1, *desk2);
}

} // namespace

TEST_CASE("record versions: a venue edited at two desks") {
    on_both_engines("venue", venue_kind());
}

TEST_CASE("record versions: a partner directory entry edited at two desks") {
    on_both_engines("directory", directory_kind());
}

TEST_CASE("record versions: a stock store edited at two desks") {
    on_both_engines("stock_store", stock_store_kind());
}

TEST_CASE("record versions: a referral edited at two desks") {
    on_both_engines("referral", referral_kind());
}

TEST_CASE("record versions: a staff record edited at two desks") {
    on_both_engines("staff", staff_kind());
}

TEST_CASE(
    "record versions: a referral's status moves are checked against its status, and change its version") {
    TempDir dir("record_versions_status");
    ManualClock clock(kT0);
    auto s = make_store((dir / "centre.sqlite").string(), clock);
    activate_default(*s);
    const auto k = referral_kind();
    const std::int64_t id = k.create(*s);
    const ReferralRecord opened = *referral(*s, id);
    clock.advance(60);
    set_referral_status(*s, id, ReferralStatus::InProgress);
    CHECK(referral(*s, id)->version == opened.version + 1);
    // A form opened before the move is refused; the conflict carries the status as it is now.
    Referral edit = opened.referral;
    edit.notes = "Interpreter booked";
    try {
        update_referral(*s, id, edit, opened.version);
        FAIL("not refused");
    } catch (const EditConflict<ReferralRecord>& e) {
        CHECK(e.current().referral.status == ReferralStatus::InProgress);
    }
    // Keep mine keeps the status another desk set (the form does not carry it).
    CHECK(update_referral(*s, id, edit, opened.version + 1) == opened.version + 2);
    CHECK(referral(*s, id)->referral.status == ReferralStatus::InProgress);
    CHECK(referral(*s, id)->referral.notes == "Interpreter booked");
}
