// The session over a real database: signing in, search that understands names as people write them,
// edits that refresh only the snapshots they touch, and the lock that wipes what was personal.
#include "app/people_view.hpp"
#include "app/settings.hpp"
#include "app/store_session.hpp"
#include "desk_support.hpp"
#include "store/test_support.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using namespace rc::app;
using namespace rc::app::test;
using rc::store::test::TempDir;

namespace {

struct Centre {
    explicit Centre(const std::string& name)
        : dir(name), session(dir / "centre.sqlite", clock, quick_keys()) {
        NewCentreForm form;
        form.centre_name = "Matlock Hall";
        form.centre_code = "OP-0042";
        form.coordinator_name = kCoordinator;
        form.passphrase = form.passphrase_again = kPassphrase;
        form.pin = "2468";
        REQUIRE(session.create_centre(form).ok);
    }
    // The sample roll with its one deliberate mistake corrected.
    void import_sample_roll() {
        std::string text = store::test::read_file(RC_TEST_DATA_DIR "/sample-roll.csv");
        const auto at = text.find(",maybe");
        REQUIRE(at != std::string::npos);
        text.replace(at, 6, ",undecided");
        const auto file = dir / "roll.csv";
        store::test::write_file(file, text);
        const EditResult r = session.import_roll(file);
        REQUIRE_MESSAGE(r.ok, r.message);
    }
    std::vector<std::string> found(const std::string& query) const {
        PeopleFilter filter;
        filter.search = query;
        std::vector<std::string> tags;
        for (std::size_t i : filter_and_sort(session.people(), filter, {}, clock.now()))
            tags.push_back(session.people().rows[i].person.tag);
        return tags;
    }
    TempDir dir;
    ManualClock clock{1773500000}; // 2026-03-14, after the roll's arrivals
    StoreSession session;
};

} // namespace

TEST_CASE("store session: sign-in opens the gate; a wrong passphrase says so and leaves it shut") {
    Centre c("session-sign-in");
    CHECK(c.session.gate_state() == GateState::Open);
    REQUIRE(c.session.signed_in_user());
    CHECK(c.session.signed_in_user()->name == kCoordinator);

    c.session.sign_out();
    CHECK(c.session.gate_state() == GateState::SignedOut);
    CHECK_FALSE(c.session.signed_in_user());
    const EditResult wrong = c.session.sign_in(kCoordinator, "not the passphrase");
    CHECK_FALSE(wrong.ok);
    CHECK_FALSE(wrong.message.empty());
    CHECK(c.session.gate_state() == GateState::SignedOut);

    c.clock.advance(60); // past the back-off after a wrong attempt
    const EditResult right = c.session.sign_in(kCoordinator, kPassphrase);
    REQUIRE_MESSAGE(right.ok, right.message);
    CHECK(c.session.gate_state() == GateState::Open);
    CHECK(c.session.can(Permission::ViewOnSite));
}

TEST_CASE("store session: the sample roll's names are found without accents and in capitals") {
    Centre c("session-search");
    c.import_sample_roll();
    REQUIRE(c.session.people().rows.size() == 14);

    // Each named person on the roll, typed as someone on an English keyboard with caps lock would.
    const std::vector<std::pair<std::string, std::string>> typed = {
        {"ANDREI POPESCU", "T001"}, {"IOANA DUMITRU", "T003"},     {"NGUYEN VAN ANH", "T004"},
        {"TRAN THI HOA", "T005"},   {"LUKASZ WISNIEWSKI", "T006"}, {"ELIRA HOXHA", "T007"},
        {"ARDIT KRASNIQI", "T009"}, {"ИВАН ПЕТРОВ", "T010"},       {"AMINA YUSUF", "T011"},
        {"DAWIT TESFAYE", "T012"},  {"O'BRIEN, PATRICK", "T013"},  {"ZOLTAN KOVACS", "T014"},
    };
    for (const auto& [query, tag] : typed) {
        CAPTURE(query);
        CHECK(c.found(query) == std::vector<std::string>{tag});
    }
    // And in small letters, and by a part of the name.
    CHECK(c.found("nguyen van anh") == std::vector<std::string>{"T004"});
    CHECK(c.found("wisniew") == std::vector<std::string>{"T006"});
    CHECK(c.found("kovacs") == std::vector<std::string>{"T014"});
    // The alias too ("Mihai" has no name).
    CHECK(c.found("MIHAI") == std::vector<std::string>{"T002"});
}

TEST_CASE("store session: an edit refreshes only the snapshots it touches") {
    Centre c("session-refresh");
    c.import_sample_roll();
    const auto people = c.session.people().version;
    const auto stock = c.session.stock().version;
    const auto partners = c.session.partners().version;
    const auto log = c.session.log().version;

    REQUIRE(c.session.add_log_entry("Bus 2 expected at 11:00").ok);
    CHECK(c.session.log().version > log);
    CHECK(c.session.log().entries.front().text == "Bus 2 expected at 11:00");
    CHECK(c.session.people().version == people);
    CHECK(c.session.stock().version == stock);
    CHECK(c.session.partners().version == partners);

    Person p;
    p.tag = "T015";
    p.name = "Ştefan Ţurcanu";
    const CheckInResult r = c.session.check_in(p, "");
    REQUIRE_MESSAGE(r.ok, r.message);
    CHECK(c.session.people().version > people);
    CHECK(c.session.people().rows.size() == 15);
    CHECK(c.session.stock().version > stock); // the bag forecast counts who is waiting for a bag
    CHECK(c.session.partners().version == partners);
    CHECK(c.found("STEFAN TURCANU") == std::vector<std::string>{"T015"});

    // Nothing changed: nothing to refresh.
    const auto now_people = c.session.people().version;
    CHECK_FALSE(c.session.tick());
    CHECK(c.session.people().version == now_people);
}

TEST_CASE("store session: locking wipes the personal snapshots; the PIN brings them back") {
    Centre c("session-lock");
    c.import_sample_roll();
    REQUIRE(c.session.add_log_entry("Interpreter for Vietnamese on the way").ok);
    REQUIRE_FALSE(c.session.people().rows.empty());
    REQUIRE_FALSE(c.session.log().entries.empty());

    c.session.lock();
    CHECK(c.session.gate_state() == GateState::Locked);
    CHECK(c.session.people().rows.empty());
    CHECK(c.session.log().entries.empty());
    CHECK(c.session.referrals().people.empty());
    CHECK(c.found("POPESCU").empty());
    CHECK(c.session.duplicate_warnings(Person{}, std::nullopt).empty());

    const EditResult r = c.session.unlock_with_pin(kCoordinator, "2468");
    REQUIRE_MESSAGE(r.ok, r.message);
    CHECK(c.session.people().rows.size() == 14);
    CHECK(c.found("POPESCU") == std::vector<std::string>{"T001"});
}

TEST_CASE("store session: a roll in another layout is previewed column by column, mapped, and remembered") {
    Centre c("session-roll-mapping");
    const auto file = c.dir / "partner-roll.csv";
    store::test::write_file(file, "Surname,Forename,D.O.B.,Country,Language spoken,Arrival time,Shoe size\n"
                                  "Popescu,Andrei,12/03/1994,Romania,Romanian,2026-03-14 06:40,42\n"
                                  "Wiśniewski,Łukasz,1980-11-30,PL,pl,2026-03-14T07:15,\n");
    // Stops at the preview, naming the column that would be dropped.
    RollPreview preview = c.session.preview_roll(file);
    CHECK_FALSE(preview.ok());
    REQUIRE(preview.errors.size() == 1);
    CHECK(preview.errors[0].find("column 7 'Shoe size' holds data but fills no field") != std::string::npos);
    REQUIRE(preview.mapping.size() == 7);
    CHECK(preview.mapping[0].field == "surname");
    CHECK(preview.mapping[4].field == "languages");
    CHECK(preview.mapping[6].field.empty());
    CHECK_FALSE(c.session.import_roll(file).ok);
    CHECK(c.session.people().rows.empty());

    // Left out on purpose: every value lands in its place.
    const std::vector<std::string> choices = {"Shoe size=ignore"};
    preview = c.session.preview_roll(file, choices);
    CHECK(preview.ok());
    CHECK(preview.rows == 2);
    const EditResult r = c.session.import_roll(file, choices);
    REQUIRE_MESSAGE(r.ok, r.message);
    REQUIRE(c.session.people().rows.size() == 2);
    const Person& andrei = c.session.people().rows[0].person;
    CHECK(andrei.name == "Andrei Popescu");
    CHECK(andrei.date_of_birth == Date{1994, 3, 12});
    CHECK(andrei.nationality == "RO");
    CHECK(andrei.languages == std::vector<std::string>{"ro"});
    CHECK(c.session.people().rows[1].person.name == "Łukasz Wiśniewski");

    // Remembered per header row, in the settings file, and applied to the next file with that header.
    Settings settings;
    const std::string signature = header_signature(
        {"Surname", "Forename", "D.O.B.", "Country", "Language spoken", "Arrival time", "Shoe size"});
    remember_roll_choices(settings, signature, choices);
    const auto conf = c.dir / "settings.conf";
    std::string problem;
    REQUIRE(save_settings(settings, conf, problem));
    const LoadedSettings loaded = load_settings(conf);
    CHECK(loaded.problems.empty());
    CHECK(remembered_roll_choices(loaded.settings, signature) == choices);
    CHECK(remembered_roll_choices(loaded.settings, "tag|name").empty());
    remember_roll_choices(settings, signature, {});
    CHECK(remembered_roll_choices(settings, signature).empty());
}

TEST_CASE("the name in Latin letters: search finds it, and Arrivals shows it beside a name the report "
          "cannot print") {
    Centre c("session-latin-name");
    Person ethiopic;
    ethiopic.tag = "E1";
    ethiopic.name = "ዳዊት ተስፋይ";
    ethiopic.latin_name = "Dawit Tesfay";
    REQUIRE(c.session.check_in(ethiopic, "").ok);
    Person greek;
    greek.tag = "G1";
    greek.name = "Ελένη Παπαδοπούλου";
    greek.latin_name = "Eleni Papadopoulou";
    REQUIRE(c.session.check_in(greek, "").ok);

    CHECK(c.found("dawit") == std::vector<std::string>{"E1"});
    CHECK(c.found("TESFAY") == std::vector<std::string>{"E1"});
    CHECK(c.found("ዳዊት") == std::vector<std::string>{"E1"});
    CHECK(c.found("papadopoulou") == std::vector<std::string>{"G1"});
    CHECK(c.found("ελενη") == std::vector<std::string>{"G1"});

    const auto& rows = c.session.people().rows;
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].name_text == "ዳዊት ተስፋይ \u2014 Dawit Tesfay"); // Ethiopic does not print: both
    CHECK(rows[1].name_text == "Ελένη Παπαδοπούλου");           // Greek prints: as written
}
