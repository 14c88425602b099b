#include "domain/csv_reader.hpp"
#include "domain/nominal_roll.hpp"
#include "roll_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using rc::test::all_problems;
using rc::test::roll_options;

namespace {

bool has_error(const NominalRoll& roll, std::uint32_t line, std::string_view column) {
    return std::any_of(roll.errors.begin(), roll.errors.end(),
                       [&](const RollProblem& p) { return p.line == line && p.column == column; });
}

const PersonDraft& row_with_tag(const NominalRoll& roll, std::string_view tag) {
    const auto it = std::find_if(roll.rows.begin(), roll.rows.end(),
                                 [&](const PersonDraft& d) { return d.person.tag == tag; });
    REQUIRE_MESSAGE(it != roll.rows.end(), "no row with tag " << tag);
    return *it;
}

} // namespace

TEST_CASE("the sample roll is rejected for line 15, column consent_nrm, and nothing else") {
    const std::string text = rc::test::read_file(std::string(RC_TEST_DATA_DIR) + "/sample-roll.csv");
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    REQUIRE(roll.errors.size() == 1);
    CHECK(format_roll_problem(roll.errors[0]) ==
          "line 15, column consent_nrm: 'maybe' is not one of yes, no, undecided");
    CHECK(roll.rows.empty());
    CHECK(roll.warnings.empty());
}

TEST_CASE("the sample roll with T014's consent corrected reads every person as written") {
    std::string text = rc::test::read_file(std::string(RC_TEST_DATA_DIR) + "/sample-roll.csv");
    const auto at = text.rfind(",maybe");
    REQUIRE(at != std::string::npos);
    text.replace(at, 6, ",undecided");
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    REQUIRE(roll.ok());
    REQUIRE(roll.rows.size() == 14);
    const Date arrival{2026, 3, 14};

    const PersonDraft& t001 = row_with_tag(roll, "T001");
    CHECK(t001.line == 2);
    CHECK(t001.person.name == "Andrei Popescu");
    CHECK(t001.person.sex == Sex::Male);
    CHECK(t001.person.date_of_birth == Date{1994, 3, 12});
    CHECK(t001.person.nationality == "RO");
    CHECK(t001.person.languages == std::vector<std::string>{"ro"});
    CHECK(t001.person.interpreter_needed == true);
    CHECK(t001.arrived_at == unix_seconds_from_utc({arrival, 6, 40, 0}));
    CHECK(t001.person.arrival_group == "Bus 1");
    CHECK(t001.person.exploitation == ExploitationTypes{ExploitationType::Labour});
    CHECK(t001.person.nrm_consent == NrmConsent::Yes);
    CHECK(child_status(t001.person, arrival) == ChildStatus::Adult);

    const Person& t002 = row_with_tag(roll, "T002").person;
    CHECK(t002.name.empty());
    CHECK(t002.alias == "Mihai");
    CHECK(t002.claimed_age == 31);
    CHECK(t002.nationality == "RO");                         // "Romania"
    CHECK(t002.languages == std::vector<std::string>{"ro"}); // "Romanian"
    CHECK(t002.medical_needs == "cut on left hand");
    CHECK(t002.nrm_consent == NrmConsent::Undecided);

    const Person& t003 = row_with_tag(roll, "T003").person;
    CHECK(t003.date_of_birth == Date{1999, 7, 2}); // 02/07/1999 is day/month/year
    CHECK(t003.nationality == "RO");               // "ROU"
    CHECK(t003.languages == std::vector<std::string>{"ro", "en"});
    CHECK(t003.nrm_consent == NrmConsent::No);

    const Person& t004 = row_with_tag(roll, "T004").person;
    CHECK(t004.name == "Nguyễn Văn Ánh");
    CHECK(child_status(t004, arrival) == ChildStatus::Child); // age 16
    CHECK_FALSE(t004.nrm_consent.has_value());                // not asked

    const Person& t005 = row_with_tag(roll, "T005").person;
    CHECK(t005.stated_child == ChildStatus::AgeDisputed);
    CHECK(treated_as_child(child_status(t005, arrival)));
    CHECK(t005.nationality == "VN");                         // "Vietnam"
    CHECK(t005.languages == std::vector<std::string>{"vi"}); // "vie"
    CHECK(t005.exploitation == ExploitationTypes{ExploitationType::Criminal, ExploitationType::Sexual});

    CHECK(row_with_tag(roll, "T006").person.interpreter_needed == false);
    CHECK(row_with_tag(roll, "T007").arrived_at == unix_seconds_from_utc({arrival, 7, 15, 0}));

    const Person& t008 = row_with_tag(roll, "T008").person;
    CHECK(t008.nationality.empty());
    CHECK(t008.languages.empty());
    CHECK_FALSE(t008.interpreter_needed.has_value());
    CHECK(t008.exploitation == ExploitationTypes{ExploitationType::Unknown});
    CHECK(child_status(t008, arrival) == ChildStatus::Unknown);

    const Person& t009 = row_with_tag(roll, "T009").person;
    CHECK(t009.nationality == "AL");
    CHECK(t009.languages == std::vector<std::string>{"sq"});
    CHECK(child_status(t009, arrival) == ChildStatus::Child); // born 2009-01-20: 17

    CHECK(row_with_tag(roll, "T010").person.languages == std::vector<std::string>{"bg", "ru"});
    CHECK(row_with_tag(roll, "T011").person.nationality == "ER");
    CHECK(row_with_tag(roll, "T011").person.languages == std::vector<std::string>{"ti", "ar"});
    CHECK(row_with_tag(roll, "T011").person.exploitation ==
          ExploitationTypes{ExploitationType::DomesticServitude});
    CHECK(row_with_tag(roll, "T012").person.languages == std::vector<std::string>{"ti"}); // "Tigrinya"
    CHECK(row_with_tag(roll, "T013").person.name == "O'Brien, Patrick");
    CHECK(row_with_tag(roll, "T014").person.nationality == "HU");
}

TEST_CASE("a roll with several bad rows lists every bad row with its line and column") {
    const std::string text = "tag,name,sex,dob,age,child,nationality,languages,interpreter,arrived_at,"
                             "exploitation,consent_nrm,departed_at,destination\n"
                             "T1,A,F,1990-01-01,,,PL,pl,yes,2026-03-14T06:40,labour,yes,,\n"
                             "T2,B,W,31/02/1990,,,Narnia,pl;klingon,perhaps,2026-03-14 6:40,slavery,maybe,,\n"
                             "T3,C,M,,abc,sometimes,,,,2026-03-15T06:40,,,,\n"
                             "T4,D,M,2030-01-01,,,,,,,,,,\n"
                             "T5,E,M,2000-01-01,30,,,,,2026-03-14T06:40,,,2026-03-14T06:00,hospital\n"
                             "T6,F,M,,,,,,,2026-03-14T06:40,,,2026-03-14T08:00,\n"
                             "T7,G,M,,,,,,,2026-03-14T06:40,,,,abroad\n"
                             "T8,H,M,,17,no,,,,,,,,\n"
                             "T9,I\n";
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    CHECK_FALSE(roll.ok());
    CHECK(roll.rows.empty());
    CHECK(roll.errors.size() == 19); // each listed below, and no more
    // Line 2 is fine.
    CHECK(std::none_of(roll.errors.begin(), roll.errors.end(),
                       [](const RollProblem& p) { return p.line == 2; }));
    for (std::string_view column : {"sex", "dob", "nationality", "languages", "interpreter", "arrived_at",
                                    "exploitation", "consent_nrm"})
        CHECK_MESSAGE(has_error(roll, 3, column), column);
    CHECK(has_error(roll, 4, "age"));
    CHECK(has_error(roll, 4, "child"));
    CHECK(has_error(roll, 4, "arrived_at"));  // in the future
    CHECK(has_error(roll, 5, "dob"));         // in the future
    CHECK(has_error(roll, 6, "age"));         // 30 but born 2000-01-01: 26
    CHECK(has_error(roll, 6, "departed_at")); // before arrival
    CHECK(has_error(roll, 7, "destination")); // departed, but to where?
    CHECK(has_error(roll, 8, "destination")); // not a destination
    CHECK(has_error(roll, 8, "departed_at")); // a destination without a time
    CHECK(has_error(roll, 9, "child"));       // says adult, age 17
    CHECK(has_error(roll, 10, ""));           // too few cells
    // Both bad languages are reported, not just the first.
    CHECK(std::count_if(roll.errors.begin(), roll.errors.end(),
                        [](const RollProblem& p) { return p.line == 3 && p.column == "languages"; }) == 1);
    CHECK(format_roll_problem(roll.errors.front()).starts_with("line 3, column "));
    // Personal values are not repeated in messages.
    for (const RollProblem& p : roll.errors)
        CHECK(p.message.find("31/02/1990") == std::string::npos);
}

TEST_CASE("quoted fields with commas and line breaks, a byte-order mark, CRLF, columns in any order") {
    const std::string text = "\xEF\xBB\xBF"
                             "Medical,NAME,Tag\r\n"
                             "\"asthma, uses an inhaler\nand a cut hand\",\"O'Brien, Patrick\",T1\r\n"
                             "\"\",\"Said \"\"Bob\"\"\",T2\r\n";
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    REQUIRE(roll.ok());
    REQUIRE(roll.rows.size() == 2);
    CHECK(roll.rows[0].person.medical_needs == "asthma, uses an inhaler\nand a cut hand");
    CHECK(roll.rows[0].person.name == "O'Brien, Patrick");
    CHECK(roll.rows[0].person.tag == "T1");
    CHECK(roll.rows[1].line == 4); // the first row spans lines 2 and 3
    CHECK(roll.rows[1].person.name == "Said \"Bob\"");
}

TEST_CASE("a 500-row roll parses") {
    static constexpr const char* sexes[] = {"F", "M", "X", "U", "female", "male"};
    static constexpr const char* nationalities[] = {"Vietnam", "RO",    "Albania", "POL",
                                                    "Eritrea", "Sudan", "gb"};
    static constexpr const char* languages[] = {"vi", "Romanian", "sq;en", "pl", "ti;ar", "ar", "en"};
    static constexpr const char* exploitation[] = {
        "labour", "sexual", "criminal", "domestic_servitude", "forced_marriage;labour", "other", "unknown"};
    static constexpr const char* consent[] = {"yes", "no", "undecided", ""};
    std::string text =
        "tag,name,alias,sex,dob,age,age_band,child,nationality,languages,interpreter,arrived_at,group,"
        "exploitation,medical,consent_nrm,departed_at,destination\n";
    for (int i = 0; i < 500; ++i) {
        std::vector<std::string> f;
        f.push_back("T" + std::to_string(1000 + i));
        f.push_back(i % 7 == 0 ? "" : "Person " + std::to_string(i) + ", of group " + std::to_string(i / 12));
        f.push_back(i % 5 == 0 ? "Alias \"" + std::to_string(i) + "\"" : "");
        f.push_back(sexes[i % 6]);
        const int year = 1950 + i % 60;
        const bool with_dob = i % 3 == 0;
        f.push_back(
            with_dob ? (i % 2 == 0 ? std::to_string(year) + "-06-15" : "15/06/" + std::to_string(year)) : "");
        f.push_back(!with_dob && i % 3 == 1 ? std::to_string(10 + i % 60) : "");
        f.push_back(!with_dob && i % 3 == 2 ? "25-34" : "");
        f.push_back(i % 50 == 0 ? "disputed" : "");
        f.push_back(nationalities[i % 7]);
        f.push_back(languages[i % 7]);
        f.push_back(i % 2 == 0 ? "yes" : "no");
        f.push_back("2026-03-14T0" + std::to_string(i % 10) + ":" + std::to_string(10 + i % 50));
        f.push_back("Bus " + std::to_string(i / 12 + 1));
        f.push_back(exploitation[i % 7]);
        f.push_back(i % 11 == 0 ? "needs insulin,\ntwice a day" : "");
        f.push_back(consent[i % 4]);
        const bool departed = i % 9 == 0;
        f.push_back(departed ? "2026-03-14 11:30" : "");
        f.push_back(departed ? "Safe accommodation" : "");
        text += format_csv_record(f) + "\r\n";
    }
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    REQUIRE(roll.ok());
    CHECK(roll.warnings.empty());
    REQUIRE(roll.rows.size() == 500);
    CHECK(roll.rows[0].person.stated_child == ChildStatus::AgeDisputed);
    CHECK(roll.rows[0].destination == Destination::SafeAccommodation);
    CHECK(roll.rows[0].departed_at == unix_seconds_from_utc({{2026, 3, 14}, 11, 30, 0}));
    CHECK(roll.rows[3].person.date_of_birth == Date{1953, 6, 15});
    CHECK(roll.rows[499].person.tag == "T1499");
    const auto journey = draft_journey(roll.rows[0], 0);
    CHECK_FALSE(journey_problem(journey).has_value());
    CHECK(journey.size() == 2);
    for (std::size_t i = 1; i < roll.rows.size(); ++i)
        CHECK(roll.rows[i].line > roll.rows[i - 1].line);
}

TEST_CASE("a column with data that fills no field stops the roll, naming it; an empty one is left out") {
    const std::string text = "tag,name,dob,shoe_size,,Languages,notes\n"
                             "T1,Ana,1990-01-01,38,x,pl,\n"
                             "t1,Ana,01/01/1990,39,,pl,\n"
                             ",,,,,,\n";
    NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    REQUIRE(roll.errors.size() == 2);
    CHECK(
        format_roll_problem(roll.errors[0]) ==
        "line 1: column 4 'shoe_size' holds data but fills no field: choose the field it fills, or leave it "
        "out (on the command line --map \"shoe_size=ignore\")");
    CHECK(format_roll_problem(roll.errors[1]).starts_with("line 1: cell 5 of the header (empty) holds data"));
    CHECK(roll.rows.empty());
    REQUIRE(roll.mapping.size() == 7);
    CHECK(roll.mapping[3].field.empty());
    CHECK(roll.mapping[5].field == "languages");

    // Left out on purpose (by header, and by number for the column without one): the roll goes in.
    NominalRollOptions o = roll_options();
    o.column_choices = {"shoe_size=ignore", "5=ignore"};
    roll = parse_nominal_roll(text, o);
    INFO(all_problems(roll));
    REQUIRE(roll.ok());
    CHECK(roll.rows.size() == 2);
    REQUIRE(roll.warnings.size() == 3);
    CHECK(format_roll_problem(roll.warnings[0]) ==
          "line 1: column 7 'notes' is empty and fills no field: it is left out");
    CHECK(roll.warnings[1].line == 3);
    CHECK(roll.warnings[1].column == "tag");
    CHECK(roll.warnings[2].column == "name");
    CHECK(roll.warnings[2].message.find("line 2") != std::string::npos);
}

TEST_CASE("a roll in another layout imports through the mapping with every value in place") {
    const std::string text = "Surname,Forename,D.O.B.,Country,Language spoken,Arrival time\n"
                             "Popescu,Andrei,12/03/1994,Romania,Romanian,2026-03-14 06:40\n"
                             "Wiśniewski,Łukasz,1980-11-30,PL,pl,2026-03-14T07:15\n"
                             "Hoxha,,,Albania,Albanian,\n";
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    REQUIRE(roll.ok());
    CHECK(roll.warnings.empty());
    REQUIRE(roll.mapping.size() == 6);
    const std::vector<std::string> fields = {"surname",     "forename",  "dob",
                                             "nationality", "languages", "arrived_at"};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        CAPTURE(roll.mapping[i].header);
        CHECK(roll.mapping[i].field == fields[i]);
        CHECK(roll.mapping[i].match == (i < 3 ? ColumnMatch::Exact : ColumnMatch::Synonym));
    }
    REQUIRE(roll.rows.size() == 3);
    const Person& andrei = roll.rows[0].person;
    CHECK(andrei.name == "Andrei Popescu");
    CHECK(andrei.date_of_birth == Date{1994, 3, 12});
    CHECK(andrei.nationality == "RO");
    CHECK(andrei.languages == std::vector<std::string>{"ro"});
    CHECK(roll.rows[0].arrived_at == unix_seconds_from_utc({{2026, 3, 14}, 6, 40, 0}));
    CHECK(roll.rows[1].person.name == "Łukasz Wiśniewski");
    CHECK(roll.rows[1].person.date_of_birth == Date{1980, 11, 30});
    CHECK(roll.rows[1].person.nationality == "PL");
    CHECK(roll.rows[1].arrived_at == unix_seconds_from_utc({{2026, 3, 14}, 7, 15, 0}));
    CHECK(roll.rows[2].person.name == "Hoxha"); // a surname alone
    CHECK(roll.rows[2].person.nationality == "AL");
}

TEST_CASE("header matching ignores case, spacing and punctuation; the user can change any match") {
    CHECK(header_key(" D.O.B. ") == "dob");
    CHECK(header_key("Arrived-At") == "arrivedat");
    CHECK(header_key("Prénom") == "prenom");
    CHECK(field_for_header("ARRIVED AT")->first == "arrived_at");
    CHECK(field_for_header("ARRIVED AT")->second == ColumnMatch::Exact);
    CHECK(field_for_header("Date of Birth")->first == "dob");
    CHECK(field_for_header("First name")->first == "forename");
    CHECK(field_for_header("Full name")->first == "name");
    CHECK(field_for_header("nom")->first == "surname");
    CHECK(field_for_header("Nationality")->first == "nationality");
    CHECK_FALSE(field_for_header("Shoe size"));

    RollMapping m = suggest_roll_mapping({"Name", "Country", "Hair"});
    const auto problems =
        apply_roll_choices(m, {"country=ignore", "HAIR=medical", "Eyes=alias", "Name=colour", "nonsense"});
    REQUIRE(problems.size() == 3);
    CHECK(problems[0] == "the file has no column 'Eyes'");
    CHECK(problems[1].starts_with("'colour' is not a field; the fields are name, latin_name, tag, alias"));
    CHECK(problems[2].starts_with("'nonsense' is not a choice"));
    CHECK(m[0].field == "name");
    CHECK(m[1].field == "ignore");
    CHECK(m[2].field == "medical");
    CHECK(m[2].match == ColumnMatch::Chosen);
    CHECK(chosen_roll_columns(m) == std::vector<std::string>{"Country=ignore", "Hair=medical"});
    CHECK(header_signature({"Surname", " FORENAME ", "D.O.B."}) == "surname|forename|dob");

    // A name column with surname and forename columns is one too many.
    const NominalRoll both = parse_nominal_roll("name,surname\nAna,Pop\n", roll_options());
    REQUIRE(both.errors.size() == 1);
    CHECK(both.errors[0].message.starts_with("the file has a name column and a surname"));
}

TEST_CASE("files that are not a roll") {
    NominalRoll roll = parse_nominal_roll("", roll_options());
    REQUIRE(roll.errors.size() == 1);
    CHECK(format_roll_problem(roll.errors[0]).starts_with("the file is empty"));
    roll = parse_nominal_roll("T1,Ana,F\nT2,Bo,M\n", roll_options());
    REQUIRE(roll.errors.size() == 1);
    CHECK(roll.errors[0].message.starts_with("the first row is not a header"));
    roll = parse_nominal_roll("tag,name,tag\nT1,A,T1\n", roll_options());
    REQUIRE(roll.errors.size() == 1);
    CHECK(format_roll_problem(roll.errors[0]).starts_with("line 1, column tag: two columns fill it"));
    roll = parse_nominal_roll("tag,name\n", roll_options());
    CHECK(roll.ok());
    CHECK(roll.warnings.size() == 1);
    roll = parse_nominal_roll("tag,name\nT1,\"Ana\n", roll_options());
    CHECK_FALSE(roll.ok());
    CHECK(roll.errors[0].line == 2);
}

TEST_CASE("the time zone conversion is the caller's") {
    NominalRollOptions options = roll_options();
    options.to_unix_seconds = [](const LocalDateTime& t) -> std::optional<UnixSeconds> {
        return unix_seconds_from_utc(t) - 3600; // an hour ahead of UTC
    };
    NominalRoll roll = parse_nominal_roll("tag,arrived_at\nT1,2026-03-14T06:40:30\n", options);
    REQUIRE(roll.ok());
    CHECK(roll.rows[0].arrived_at == unix_seconds_from_utc({{2026, 3, 14}, 5, 40, 30}));
    options.to_unix_seconds = [](const LocalDateTime&) -> std::optional<UnixSeconds> { return std::nullopt; };
    roll = parse_nominal_roll("tag,arrived_at\nT1,2026-03-14T06:40\n", options);
    CHECK(has_error(roll, 2, "arrived_at"));
}

TEST_CASE("too many problems are summarised") {
    NominalRollOptions options = roll_options();
    options.max_problems = 5;
    std::string text = "tag,sex\n";
    for (int i = 0; i < 20; ++i)
        text += "T" + std::to_string(i) + ",Q\n";
    const NominalRoll roll = parse_nominal_roll(text, options);
    REQUIRE(roll.errors.size() == 6);
    CHECK(format_roll_problem(roll.errors.back()) == "15 more problems are not listed");
}

TEST_CASE("rows that look like the same person are warned about, saying why") {
    const std::string text = "tag,name,dob,age\n"
                             "T1,Łukasz Wiśniewski,1980-11-30,\n"
                             "T2,Lukasz Wisniewski,1980-11-30,\n"
                             "T3,Lukasz Wisniewski,1980-11-29,\n"
                             "T4,Mihai Ionescu,,31\n"
                             "T5,MIHAI IONESCU,,33\n"
                             "T6,Mihai Ionescu,,52\n";
    const NominalRoll roll = parse_nominal_roll(text, roll_options());
    INFO(all_problems(roll));
    REQUIRE(roll.ok());
    REQUIRE(roll.warnings.size() == 2);
    CHECK(format_roll_problem(roll.warnings[0]) ==
          "line 3, column name: the same name apart from accents or capitals and the same date of birth as "
          "line 2: is this the same person twice?");
    CHECK(
        format_roll_problem(roll.warnings[1]) ==
        "line 6, column name: the same name and age band (25-34) as line 5: is this the same person twice?");
}
