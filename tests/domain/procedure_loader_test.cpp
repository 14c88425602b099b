// The procedure loader: the default file loads with everything in it, and every kind of mistake gives
// its own file:line:column message, all of them in one pass.
#include "domain/default_procedure.hpp"
#include "domain/procedure_loader.hpp"
#include "domain/procedure_rules.hpp"
#include "procedure_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <vector>

using namespace rc;
using rc::test::default_procedure_file;
using rc::test::load_default;
using rc::test::with_edit;

namespace {

std::string all_messages(const ProcedureLoadResult& r) {
    std::string out;
    for (const Diagnostic& d : r.diagnostics)
        out += format_diagnostic(d) + "\n";
    return out;
}

// Parses `text` and expects exactly one problem at line:column whose message contains `fragment`.
void expect_one_problem(const std::string& text, std::uint32_t line, std::uint32_t column,
                        const std::string& fragment) {
    const ProcedureLoadResult r = parse_procedure(text, "edited.toml");
    INFO(all_messages(r));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == line);
    CHECK(r.diagnostics[0].column == column);
    CHECK(r.diagnostics[0].message.find(fragment) != std::string::npos);
}

} // namespace

TEST_CASE("the default procedure loads with everything the console needs") {
    const Procedure p = load_default();
    CHECK(p.info.name == "Emergency reception centre procedure (Derbyshire-style template)");
    CHECK(p.info.version == "0.1");
    CHECK(p.info.is_template);
    CHECK(p.info.on_site_warning_hours == 12);
    CHECK(p.info.staff_shift_warning_hours == 12);

    CHECK(p.tiers[0].from_people == 1);
    CHECK(p.tiers[0].to_people == 10);
    CHECK(p.tiers[1].from_people == 11);
    CHECK(p.tiers[1].to_people == 30);
    CHECK(p.tiers[2].from_people == 31);
    CHECK_FALSE(p.tiers[2].to_people.has_value());

    CHECK(p.partners.size() == 11);
    const Partner* police = find_partner(p, "police");
    REQUIRE(police);
    CHECK(police->first_responder);
    CHECK(police->duty_to_notify);
    for (Tier t : all_tiers) {
        REQUIRE(police->roles[tier_index(t)].has_value());
        CHECK(police->roles[tier_index(t)]->role == PartnerRole::Lead);
        CHECK(police->roles[tier_index(t)]->on_site);
    }
    const Partner* emsou = find_partner(p, "emsou");
    REQUIRE(emsou);
    CHECK_FALSE(emsou->roles[tier_index(Tier::Small)].has_value());
    CHECK(emsou->roles[tier_index(Tier::Large)]->on_site);
    for (const char* id : {"council", "red_cross", "salvation_army", "nhs", "interpreters", "rebuild_em",
                           "justice_and_care", "refuge", "barnardos"})
        CHECK_MESSAGE(find_partner(p, id) != nullptr, id);

    CHECK(p.actions.size() >= 30);
    CHECK(p.actions.size() <= 50);
    for (Phase ph : all_phases) {
        const bool any =
            std::any_of(p.actions.begin(), p.actions.end(), [&](const auto& a) { return a.phase == ph; });
        CHECK_MESSAGE(any, "no action in phase " << phase_id(ph));
    }
    const ProcedureAction* checkin = find_action(p, "rec-check-in");
    REQUIRE(checkin);
    CHECK(checkin->phase == Phase::Reception);
    CHECK(checkin->lead == "council");
    REQUIRE(checkin->due.has_value());
    CHECK(checkin->due->after == DueAnchor::FirstArrival);
    CHECK(checkin->due->minutes == 30);
    CHECK(checkin->mandatory);
    CHECK(checkin->tiers.size() == 3);
    const ProcedureAction* welfare = find_action(p, "act-welfare-partners");
    REQUIRE(welfare);
    CHECK(welfare->tiers == std::vector<Tier>{Tier::Medium, Tier::Large});
    CHECK(welfare->support == std::vector<std::string>{"red_cross", "salvation_army"});
    const ProcedureAction* standdown = find_action(p, "sd-agree");
    REQUIRE(standdown);
    CHECK_FALSE(standdown->due.has_value());

    CHECK(p.referrals.child.required ==
          std::vector<ReferralType>{ReferralType::Nrm, ReferralType::ChildrensServices});
    CHECK(p.referrals.adult_declines.no_identifying_data ==
          std::vector<ReferralType>{ReferralType::DutyToNotify});

    REQUIRE(p.bag_kinds.size() == 4);
    CHECK(p.bag_kinds[0].id == "adult_female");
    REQUIRE(p.bag_plans[tier_index(Tier::Medium)].size() == 4);
    CHECK(p.bag_plans[tier_index(Tier::Medium)][0].kind == "adult_female");
    CHECK(p.bag_plans[tier_index(Tier::Medium)][0].min_stock == 20);
    CHECK(p.bag_plans[tier_index(Tier::Medium)][3].kind == "infant");

    const Contact* call_derbyshire = find_contact(p, "call-derbyshire");
    REQUIRE(call_derbyshire);
    CHECK(call_derbyshire->phone == "01629 533190");
    CHECK(call_derbyshire->order == 2);
    CHECK(call_derbyshire->partner == "council");
    for (const char* phone :
         {"999", "01332 640777", "101", "0300 122 8057", "08000 121 700", "0808 2000 247"}) {
        const bool any = std::any_of(p.contacts.begin(), p.contacts.end(),
                                     [&](const Contact& c) { return c.phone == phone; });
        CHECK_MESSAGE(any, "missing the number " << phone);
    }
    CHECK(p.source_sha256 == procedure_hash(default_procedure_file()));
}

TEST_CASE("load_procedure_file reads the default from disk and the built-in copy is the same text") {
    const auto r = load_procedure_file(std::string(RC_PROCEDURES_DIR) + "/derbyshire-template.toml");
    INFO(all_messages(r));
    REQUIRE(r.ok());
    CHECK(r.text == default_procedure_file());
    CHECK(default_procedure_text() == default_procedure_file());
    CHECK(parse_procedure(default_procedure_text(), default_procedure_name).ok());
}

TEST_CASE("procedure_hash is the SHA-256 of the exact text") {
    CHECK(procedure_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(procedure_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string edited = default_procedure_file() + "# a comment\n";
    CHECK(procedure_hash(edited) != procedure_hash(default_procedure_file()));
    CHECK(parse_procedure(edited, "x").procedure->source_sha256 == procedure_hash(edited));
}

TEST_CASE("format_diagnostic writes file:line:column: message") {
    CHECK(format_diagnostic(Diagnostic{"p.toml", 12, 7, "what is wrong"}) == "p.toml:12:7: what is wrong");
    CHECK(format_diagnostic(Diagnostic{"p.toml", 0, 0, "cannot open"}) == "p.toml: cannot open");
}

// ---- The broken copies in tests/data/procedure_errors (made by make_variants.py) -------------------

namespace {
struct Expected {
    std::uint32_t line;
    std::uint32_t column;
    const char* fragment;
};

void check_error_file(const std::string& name, const std::vector<Expected>& expected) {
    const std::string path = std::string(RC_TEST_DATA_DIR) + "/procedure_errors/" + name;
    const ProcedureLoadResult r = load_procedure_file(path);
    INFO(name << ":\n" << all_messages(r));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Diagnostic& d = r.diagnostics[i];
        CHECK(d.file == path);
        CHECK(d.line == expected[i].line);
        CHECK(d.column == expected[i].column);
        CHECK(d.message.find(expected[i].fragment) != std::string::npos);
        const std::string prefix =
            path + ":" + std::to_string(expected[i].line) + ":" + std::to_string(expected[i].column) + ": ";
        CHECK(format_diagnostic(d).rfind(prefix, 0) == 0);
    }
}
} // namespace

TEST_CASE("each kind of mistake gives its own precise file:line:column message") {
    SUBCASE("syntax error") {
        check_error_file("syntax_error.toml", {{386, 42, "TOML syntax error: Error while parsing string"}});
        check_error_file("syntax_error.toml", {{386, 42, "(is a closing quote missing?)"}});
    }
    SUBCASE("unknown key, with a suggestion and no second message about the missing key") {
        check_error_file("unknown_key.toml",
                         {{165, 1, "action 'act-choose-venue': unknown key 'leed'; did you mean 'lead'?"}});
    }
    SUBCASE("missing field, at the block's header") {
        check_error_file("missing_field.toml",
                         {{373, 1, "action 'rec-property': missing required field 'title'"}});
    }
    SUBCASE("wrong types") {
        check_error_file(
            "wrong_type.toml",
            {{16, 11,
              "[procedure]: 'version' must be text in quotes (e.g. version = \"1.0\"), not a "
              "decimal number"},
             {354, 15, "action 'rec-check-in': 'due_minutes' must be a whole number without quotes"}});
    }
    SUBCASE("duplicate action id") {
        check_error_file("duplicate_action_id.toml",
                         {{340, 6, "duplicate action id 'rec-welcome': already used at line 331"}});
    }
    SUBCASE("undefined partners") {
        check_error_file(
            "undefined_partner.toml",
            {{228, 26, "action 'act-support-ngos': support partner 'justice_care' is not a partner defined"},
             {306, 8,
              "action 'set-welfare-area': lead 'redcross' is not a partner defined in [[partners]]; did "
              "you mean 'red_cross'?"}});
    }
    SUBCASE("undefined phase") {
        check_error_file("undefined_phase.toml",
                         {{253, 9, "action 'set-security': unknown phase 'setup'; did you mean 'set_up'?"}});
    }
    SUBCASE("undefined tier") {
        check_error_file("undefined_tier.toml",
                         {{324, 10,
                           "action 'set-medical-room': tier 'mediun' is not defined; did you mean "
                           "'medium'?"}});
    }
    SUBCASE("impossible timings") {
        check_error_file(
            "impossible_timing_negative.toml",
            {{150, 15, "action 'act-take-call': due_minutes is -15: an action cannot be due before"}});
        check_error_file(
            "impossible_timing_too_late.toml",
            {{580, 15, "action 'deb-multi-agency': due_minutes is 20160 (14 days), more than 7 days"}});
        check_error_file("impossible_timing_anchor.toml",
                         {{336, 13,
                           "action 'rec-welcome': due_after 'arrival' is not a moment the console knows; "
                           "use \"activation\" or \"first_arrival\""}});
    }
    SUBCASE("overlapping tiers") {
        check_error_file("tiers_overlap.toml",
                         {{36, 19,
                           "tiers overlap: 'medium' starts at 9 but 'small' already covers up to 10; set "
                           "medium from = 11"}});
    }
    SUBCASE("a gap between tiers") {
        check_error_file("tiers_gap.toml", {{37, 18,
                                             "gap between tiers: no tier covers 31 to 40 people ('medium' "
                                             "ends at 30, 'large' starts at 41); set large from = 31"}});
    }
    SUBCASE("tiers that do not reach infinity, or a tier missing") {
        check_error_file("tiers_not_open_ended.toml",
                         {{37, 27,
                           "tier 'large' must have no upper limit so that any number of people has a "
                           "tier; remove 'to = 100'"}});
        check_error_file("tiers_missing.toml", {{34, 1, "[tiers]: tier 'large' is not defined"}});
    }
    SUBCASE("duplicate partner id (and the partner it hid is then undefined)") {
        check_error_file("duplicate_partner_id.toml",
                         {{128, 6, "duplicate partner id 'refuge': already used at line 120"},
                          {481, 12, "support partner 'barnardos' is not a partner defined"}});
    }
    SUBCASE("undefined bag kind") {
        check_error_file("undefined_bag_kind.toml",
                         {{646, 1,
                           "[bag_plan.medium]: bag kind 'adult_mal' is not defined in [[bag_kinds]]; did "
                           "you mean 'adult_male'?"}});
    }
    SUBCASE("undefined referral type, and the law on consent") {
        check_error_file(
            "undefined_referral_type.toml",
            {{597, 13, "[referrals.adult_consents]: unknown referral type 'nrn'; did you mean 'nrm'?"},
             {610, 12, "[referrals.adult_undecided]: an adult must consent to an NRM referral"}});
        check_error_file("child_rule_without_nrm.toml",
                         {{592, 12, "[referrals.child]: children must always be referred to 'nrm'"}});
    }
    SUBCASE("every problem is reported in one pass") {
        check_error_file("many_errors.toml", {{16, 11, "'version' must be text in quotes"},
                                              {36, 19, "gap between tiers: no tier covers 11 people"},
                                              {253, 9, "unknown phase 'setup'"},
                                              {417, 15, "due_minutes is 100000 (69 days)"},
                                              {552, 6, "duplicate action id 'sd-property'"},
                                              {654, 30, "unknown key 'min_stok'; did you mean 'min_stock'?"},
                                              {692, 9, "phone 'ask the operator' is not a number to dial"}});
    }
}

// ---- Further mistakes, made by editing the default text in the test ---------------------------------

TEST_CASE("mistakes made by editing the default text") {
    const std::string& text = default_procedure_file();
    // A section appended after a blank line starts on this line.
    const auto appended_line = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n')) + 2;

    SUBCASE("an unknown section with a suggestion") {
        expect_one_problem(text + "\n[contact]\nid = \"x\"\n", appended_line, 2,
                           "unknown section 'contact'; did you mean "
                           "'contacts'?");
    }
    SUBCASE("due_after without due_minutes") {
        expect_one_problem(
            with_edit(text, "due_after = \"activation\"\ndue_minutes = 4320", "due_after = \"activation\""),
            569, 13, "give both due_after and due_minutes");
    }
    SUBCASE("an id with capitals and spaces") {
        expect_one_problem(with_edit(text, "id = \"sd-stock\"", "id = \"SD stock\""), 551, 6,
                           "id 'SD stock' may only use lower-case letters");
    }
    SUBCASE("a lead with no role at a tier the action applies to") {
        expect_one_problem(
            with_edit(text,
                      "title = \"Count the support bags left; record write-offs and reorder "
                      "to the minimum stock\"\nlead = \"council\"",
                      "title = \"Count the support bags left; record write-offs and reorder to the "
                      "minimum stock\"\nlead = \"emsou\""),
            554, 8, "lead 'emsou' has no role at small centres");
    }
    SUBCASE("a middle tier with no upper limit") {
        expect_one_problem(with_edit(text, "medium = { from = 11, to = 30, ", "medium = { from = 11, "), 35,
                           10, "tier 'medium' has no upper limit ('to') but 'large' comes after it");
    }
    SUBCASE("small not starting at 1") {
        expect_one_problem(with_edit(text, "small = { from = 1, to = 10,", "small = { from = 2, to = 10,"),
                           34, 18, "tier 'small' starts at 2 people");
    }
    SUBCASE("'to' below 'from'") {
        expect_one_problem(with_edit(text, "medium = { from = 11, to = 30,", "medium = { from = 11, to = 5,"),
                           35, 28, "'to' (5) is less than 'from' (11)");
    }
    SUBCASE("a separate age_disputed rule") {
        expect_one_problem(text + "\n[referrals.age_disputed]\nrequired = [\"nrm\"]\n", appended_line, 12,
                           "a person whose age is disputed is treated as a child");
    }
    SUBCASE("an MS1 that could identify an adult who declined") {
        expect_one_problem(
            with_edit(text,
                      "recommended = [\"pre_nrm_support\", \"adult_safeguarding\", \"medical\", "
                      "\"legal_advice\"]\nno_identifying_data = [\"duty_to_notify\"]",
                      "recommended = [\"pre_nrm_support\", \"adult_safeguarding\", \"medical\", "
                      "\"legal_advice\"]\nno_identifying_data = []"),
            604, 23, "must carry no identifying details");
    }
    SUBCASE("a bag share that is not a number") {
        expect_one_problem(with_edit(text, "infant = { per_person = 0.1, min_stock = 4 }",
                                     "infant = { per_person = nan, min_stock = 4 }"),
                           653, 25, "per_person must be from 0 to 10");
    }
    SUBCASE("a duplicate bag kind and a duplicate contact") {
        const std::string edited = with_edit(
            with_edit(text, "id = \"infant\"\nname = \"Infant\"", "id = \"child\"\nname = \"Infant\""),
            "id = \"emergency-999\"", "id = \"police-101\"");
        const auto r = parse_procedure(edited, "e.toml");
        INFO(all_messages(r));
        // The renamed "infant" is then undefined in each tier's plan: three more true problems.
        REQUIRE(r.diagnostics.size() == 5);
        CHECK(r.diagnostics[0].line == 634);
        CHECK(r.diagnostics[0].message.find("duplicate bag kind id 'child': already used at line 630") !=
              std::string::npos);
        CHECK(r.diagnostics[1].message.find("bag kind 'infant' is not defined") != std::string::npos);
        CHECK(r.diagnostics[4].line == 696);
        CHECK(r.diagnostics[4].message.find("duplicate contact id 'police-101': already used at line 661") !=
              std::string::npos);
    }
    SUBCASE("a contact that names an undefined partner") {
        expect_one_problem(
            with_edit(text, "partner = \"refuge\"", "partner = \"refugee\""), 715, 11,
            "partner 'refugee' is not a partner defined in [[partners]]; did you mean 'refuge'?");
    }
    SUBCASE("a newer format") {
        expect_one_problem(with_edit(text, "template = true\n", "template = true\nformat = 2\n"), 18, 10,
                           "format 2 is not one this version of Reception Console reads");
    }
    SUBCASE("[actions] written as a single table") {
        const auto r = parse_procedure("[actions]\nid = \"x\"\n", "t.toml");
        const bool found = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
            return d.line == 1 &&
                   d.message.find("must be written as [[actions]] blocks") != std::string::npos;
        });
        CHECK(found);
    }
    SUBCASE("control characters in text are refused") {
        expect_one_problem(with_edit(text, "version = \"0.1\"", "version = \"0.1\\u001b[2J\""), 15, 11,
                           "[procedure]: 'version' contains the control character U+001B; remove it");
        expect_one_problem(with_edit(text, "version = \"0.1\"", "version = \"0.1\\u009b\""), 15, 11,
                           "contains the control character U+009B");
    }
    SUBCASE("control characters in a key are shown escaped") {
        const auto r = parse_procedure(text + "\n\"bad\\u0007key\" = 1\n", "t.toml");
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].message.find("'bad\\x07key'") != std::string::npos);
        const auto c1 = parse_procedure(text + "\n\"bad\\u009bkey\" = 1\n", "t.toml");
        REQUIRE(c1.diagnostics.size() == 1);
        CHECK(c1.diagnostics[0].message.find("'bad\\u009bkey'") != std::string::npos);
    }
}

TEST_CASE("an empty file reports every missing section") {
    const auto r = parse_procedure("", "empty.toml");
    CHECK_FALSE(r.ok());
    CHECK(r.diagnostics.size() ==
          8); // procedure, tiers, partners, actions, referrals, bag_kinds, bag_plan, contacts
    for (const Diagnostic& d : r.diagnostics) {
        CHECK(d.line == 1);
        CHECK(d.message.rfind("missing section", 0) == 0);
    }
}

TEST_CASE("too many problems are summarised") {
    std::string text;
    for (int i = 0; i < 300; ++i)
        text += "unknown_" + std::to_string(i) + " = 1\n";
    const auto r = parse_procedure(text, "many.toml");
    REQUIRE(r.diagnostics.size() == max_procedure_diagnostics + 1);
    CHECK(r.diagnostics.back().line == 0);
    CHECK(r.diagnostics.back().message.find("more problems not shown") != std::string::npos);
}

TEST_CASE("files that cannot be read") {
    const std::string missing = std::string(RC_TEST_DATA_DIR) + "/no-such-procedure.toml";
    auto r = load_procedure_file(missing);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 0);
    CHECK(format_diagnostic(r.diagnostics[0]) ==
          missing + ": cannot open the file (does it exist, and may you read it?)");

    r = load_procedure_file(RC_TEST_DATA_DIR);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "is a folder, not a procedure file");

    r = parse_procedure(std::string(max_procedure_bytes + 1, '#'), "big.toml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("larger than 1024 KiB") != std::string::npos);
}

TEST_CASE("referral due times: read per rule, and every mistake reported at its file:line:column") {
    const std::string& text = default_procedure_file();
    const Procedure p = rc::test::load_default();
    CHECK(p.info.welfare_check_minutes == 60);
    CHECK(referral_due_minutes(p, PersonCategory::Child, ReferralType::Nrm) == 240);
    CHECK(referral_due_minutes(p, PersonCategory::AgeDisputed, ReferralType::ChildrensServices) == 240);
    CHECK(referral_due_minutes(p, PersonCategory::AdultConsents, ReferralType::Nrm) == 720);
    CHECK(referral_due_minutes(p, PersonCategory::AdultDeclines, ReferralType::DutyToNotify) == 1440);
    CHECK(referral_due_minutes(p, PersonCategory::AdultUndecided, ReferralType::DutyToNotify) == 1440);
    CHECK_FALSE(referral_due_minutes(p, PersonCategory::AdultConsents, ReferralType::Medical));

    SUBCASE("a time in quotes") {
        expect_one_problem(with_edit(text, "due_minutes = { nrm = 720 }", "due_minutes = { nrm = \"12 h\" }"),
                           598, 23,
                           "[referrals.adult_consents] due_minutes: 'nrm' must be a whole number of minutes");
    }
    SUBCASE("a time out of range") {
        expect_one_problem(with_edit(text, "due_minutes = { nrm = 720 }", "due_minutes = { nrm = 0 }"), 598,
                           23, "'nrm' is 0 but must be from 1 to 10080 minutes");
    }
    SUBCASE("a required referral with no time") {
        expect_one_problem(with_edit(text, "due_minutes = { nrm = 240, childrens_services = 240 }",
                                     "due_minutes = { nrm = 240 }"),
                           593, 15, "[referrals.child] due_minutes: no time for 'childrens_services'");
    }
    SUBCASE("a time for a referral the rule does not require") {
        expect_one_problem(
            with_edit(text, "due_minutes = { nrm = 720 }", "due_minutes = { nrm = 720, medical = 60 }"), 598,
            28, "'medical' is not required by this rule");
    }
    SUBCASE("an unknown referral type, with a suggestion") {
        expect_one_problem(with_edit(text, "due_minutes = { nrm = 720 }", "due_minutes = { nrn = 720 }"), 598,
                           17, "unknown referral type 'nrn'; did you mean 'nrm'?");
    }
    SUBCASE("no due_minutes at all") {
        expect_one_problem(with_edit(text, "due_minutes = { nrm = 720 }\n", ""), 595, 1,
                           "[referrals.adult_consents]: missing 'due_minutes'");
    }
    SUBCASE("the MS1 owed when an undecided adult leaves needs a time") {
        const std::string edited = with_edit(text,
                                             "# MS1 becomes required, due this long after they "
                                             "leave.\ndue_minutes = { duty_to_notify = 1440 }\n",
                                             "# MS1 becomes required, due this long after they leave.\n");
        const ProcedureLoadResult r = parse_procedure(edited, "edited.toml");
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].message.find("[referrals.adult_undecided]: missing 'due_minutes'") !=
              std::string::npos);
    }
    SUBCASE("the welfare check time") {
        expect_one_problem(with_edit(text, "welfare_check_minutes = 60", "welfare_check_minutes = -5"), 28,
                           25, "'welfare_check_minutes' is -5 but must be from 1 to 10080");
    }
}
