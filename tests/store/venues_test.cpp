// The venue register: editing with audit rows, keyholders sealed, and the CSV import that writes all
// rows or none, with a `line N, column NAME` message for each problem.
#include "store/error.hpp"
#include "store/venues.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

bool in_files(const std::filesystem::path& db, const std::string& needle) {
    std::filesystem::path wal = db;
    wal += "-wal";
    return file_contains(db, needle) || (std::filesystem::exists(wal) && file_contains(wal, needle));
}

std::vector<std::string> messages(const VenueImportResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.problems)
        out.push_back(format_venue_import_problem("venues.csv", p));
    return out;
}

bool has_message(const VenueImportResult& r, const std::string& text) {
    for (const auto& m : messages(r))
        if (m.find(text) != std::string::npos) return true;
    return false;
}

std::string all_messages(const VenueImportResult& r) {
    std::string s;
    for (const auto& m : messages(r))
        s += m + "\n";
    return s;
}

const char* kGoodCsv =
    "Name,Address,Capacity,Private interview rooms,Showers,Kitchen,Step-free access,Parking,"
    "Keyholder name,Keyholder phone,Notes\r\n"
    "Matlock Community Hall,\"Bank Road, Matlock DE4 3NN\",60,yes,no,yes,yes,yes,Pat Keyholder,"
    "07700 900123,\"Alarm panel behind the kitchen door;\r\nsay \"\"reception centre\"\"\"\r\n"
    "\r\n"
    "Small Room,Town Hall,12,,,,,,,,\r\n";

} // namespace

TEST_CASE("venues: add, update, list and remove, with audit rows and sealed keyholders") {
    TempDir dir("venues");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);

    VenueDetails d;
    d.name = "Wirksworth Leisure Centre";
    d.address = "Hannage Way, Wirksworth";
    d.capacity = 80;
    d.facilities = VenueFacilities{true, true, false, true, true};
    d.keyholder_name = "Sam Caretaker";
    d.keyholder_phone = "07700 900456";
    d.notes = "Code 4471 for the side door";
    const VenueId id = add_venue(*s, d);

    auto list = venues(*s);
    REQUIRE(list.size() == 1);
    CHECK(list[0].id == id);
    CHECK(list[0].details == d);
    CHECK(list[0].created_at == kT0);
    CHECK(find_venue(*s, "wirksworth leisure centre"));
    CHECK_FALSE(find_venue(*s, "Elsewhere"));

    // Names are unique, ignoring case; bad details are refused.
    VenueDetails same = d;
    same.name = "WIRKSWORTH Leisure Centre";
    CHECK_THROWS_AS(add_venue(*s, same), StoreError);
    VenueDetails bad = d;
    bad.name = "Other";
    bad.capacity = 0;
    CHECK_THROWS_AS(add_venue(*s, bad), StoreError);
    bad.capacity = 10;
    bad.name = "  ";
    CHECK_THROWS_AS(add_venue(*s, bad), StoreError);

    clock.advance(60);
    VenueDetails changed = d;
    changed.capacity = 90;
    changed.keyholder_phone = "07700 900789";
    update_venue(*s, id, changed);
    CHECK(venue(*s, id)->details.capacity == 90);
    CHECK(venue(*s, id)->updated_at == kT0 + 60);
    auto audit = s->audit_entries(5);
    REQUIRE_FALSE(audit.empty());
    CHECK(audit[0].table == "venues");
    CHECK(audit[0].changes.find("\"capacity\":{\"from\":80,\"to\":90}") != std::string::npos);
    CHECK(audit[0].changes.find("\"keyholder_phone\":\"(personal, not recorded)\"") != std::string::npos);
    CHECK(audit[0].changes.find("900789") == std::string::npos);

    // The keyholder and notes are sealed in the file; the venue's name is not personal.
    CHECK_FALSE(in_files(db, "Sam Caretaker"));
    CHECK_FALSE(in_files(db, "900456"));
    CHECK_FALSE(in_files(db, "4471"));
    CHECK(in_files(db, "Wirksworth Leisure Centre"));

    // A volunteer may see the register but not change it.
    s->add_user(NewUser{"Val Volunteer", UserRole::Volunteer, "volunteer pass words", ""});
    REQUIRE(s->sign_in("Val Volunteer", "volunteer pass words").ok());
    CHECK(venues(*s).size() == 1);
    CHECK_THROWS_AS(remove_venue(*s, id), StoreError);
    CHECK_THROWS_AS(import_venues_csv_text(*s, kGoodCsv), StoreError);
    s->lock();
    CHECK_THROWS_AS(venues(*s), StoreError); // keyholders need the key
    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());

    remove_venue(*s, id);
    CHECK(venues(*s).empty());
    CHECK_THROWS_AS(remove_venue(*s, id), StoreError);
    CHECK(s->audit_entries(1)[0].action == "delete");
}

TEST_CASE("venues: a CSV import adds and updates venues in one go") {
    TempDir dir("venues");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    VenueDetails existing;
    existing.name = "small room";
    existing.capacity = 8;
    add_venue(*s, existing);

    const auto file = dir / "venues.csv";
    write_file(file, std::string("\xEF\xBB\xBF") + kGoodCsv);
    VenueImportResult r = import_venues_csv(*s, file);
    REQUIRE_MESSAGE(r.ok(), all_messages(r));
    CHECK(r.added == 1);
    CHECK(r.updated == 1);

    auto list = venues(*s);
    REQUIRE(list.size() == 2);
    const Venue& m = list[0];
    CHECK(m.details.name == "Matlock Community Hall");
    CHECK(m.details.address == "Bank Road, Matlock DE4 3NN");
    CHECK(m.details.capacity == 60);
    CHECK(m.details.facilities == VenueFacilities{true, false, true, true, true});
    CHECK(m.details.keyholder_name == "Pat Keyholder");
    CHECK(m.details.notes == "Alarm panel behind the kitchen door;\nsay \"reception centre\"");
    CHECK(list[1].details.name == "Small Room"); // the existing venue, updated under the file's spelling
    CHECK(list[1].details.capacity == 12);

    // Importing the same file again changes nothing.
    VenueImportResult again = import_venues_csv(*s, file);
    REQUIRE(again.ok());
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 2);

    auto fit = venues_that_fit(venues(*s), 20);
    REQUIRE(fit.size() == 1);
    CHECK(fit[0].details.name == "Matlock Community Hall");
}

TEST_CASE("venues: a CSV import with any problem writes nothing and says where each one is") {
    TempDir dir("venues");
    ManualClock clock(kT0);
    auto s = make_store(dir / "centre.sqlite", clock);
    const auto v0 = s->data_version();
    const auto audit0 = s->connection_for_reading().query_int("SELECT count(*) FROM audit");

    const std::string csv = "name,capacity,showers,keyholder_phone\n"
                            "Good Hall,40,yes,01629 000000\n" // line 2: fine
                            "Bad Number Hall,forty,no,\n"     // line 3
                            "Shower Hall,30,sometimes,\n"     // line 4
                            ",25,no,\n"                       // line 5
                            "good hall,10,no,\n"              // line 6: duplicate name
                            "\"Multi\nLine Hall\",10,no,\n"   // lines 7-8
                            "Too Many,10,no,,extra\n"         // line 9
                            "Huge Hall,200000,no,\n";         // line 10
    VenueImportResult r = import_venues_csv_text(*s, csv);
    CHECK_FALSE(r.ok());
    CHECK(r.added == 0);
    INFO(all_messages(r));
    CHECK(has_message(r, "venues.csv: line 3, column capacity: 'forty' is not a whole number"));
    CHECK(has_message(r, "venues.csv: line 4, column showers: 'sometimes' is not yes or no"));
    CHECK(has_message(r, "venues.csv: line 5, column name: every venue needs a name"));
    CHECK(has_message(r, "venues.csv: line 6, column name: 'good hall' is already on line 2"));
    CHECK(has_message(r, "venues.csv: line 9: has 5 values but the header names 4 columns"));
    CHECK(has_message(r, "venues.csv: line 10, column capacity: the capacity must be from 1 to 100000"));
    CHECK(r.problems.size() == 6); // the quoted two-line name on lines 7-8 is fine

    CHECK(venues(*s).empty());
    CHECK(s->data_version() == v0);
    CHECK(s->connection_for_reading().query_int("SELECT count(*) FROM audit") == audit0);

    // Header problems.
    VenueImportResult h = import_venues_csv_text(*s, "name,capacty,kitchen,kitchen\nA,1,no,no\n");
    INFO(all_messages(h));
    CHECK(
        has_message(h, "venues.csv: line 1, column capacty: unknown column; the columns are name, address"));
    CHECK(has_message(h, "venues.csv: line 1, column kitchen: the column appears twice"));
    CHECK(has_message(h, "venues.csv: line 1, column capacity: the header has no such column"));

    // Broken quoting, an empty file, a file that is not there.
    VenueImportResult q = import_venues_csv_text(*s, "name,capacity\n\"Open Hall,10\nOther,5\n");
    CHECK(has_message(q, "venues.csv: line 2: a quoted field starts here and is never closed"));
    CHECK(has_message(import_venues_csv_text(*s, "\n\n"), "venues.csv: the file is empty"));
    VenueImportResult missing = import_venues_csv(*s, dir / "nothing.csv");
    REQUIRE(missing.problems.size() == 1);
    CHECK(missing.problems[0].message.find("cannot open") != std::string::npos);
    CHECK(venues(*s).empty());
}
