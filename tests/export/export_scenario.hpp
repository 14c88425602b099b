#pragma once
// A small operation for the export tests, run through the real store: activation, a tier raise,
// call-outs, staff, stock, two waves of arrivals with journeys, referrals, procedure records, log
// entries, standing down and closing. Every personal value is a distinctive word that must never appear
// in a pseudonymised export (kSecrets).
#include "../store/test_support.hpp"
#include "domain/default_procedure.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"

#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace rc::exports::test {

using namespace rc::store::test;

constexpr UnixSeconds kMinute = 60;
constexpr UnixSeconds kHour = 3600;

// Everything personal the scenario stores: none may appear in a pseudonymised export.
inline const std::vector<std::string> kSecrets = {
    "Zyxwaldo",   "Quimbleton",   "Frobisher",   "Kettleby",     "TQX-991",      "TQX-992",
    "Myxoquartz", "Vantablack",   "Xanadu",      "Vexillant",    "Quillfeather", "NRM-ZZ-777",
    "Narwhalic",  "Glimmerfrost", "Quorvath",    "Pemberton",    "Oddlyfield",   "07700 900123",
    "Blarnstone", "1990-02-03",   "Snorkelwick", "Wobblethorpe", "OP-0001-0"};

struct Scenario {
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<store::Store> store;
    std::vector<store::PersonId> people; // p1 adult woman, p2 adult man, p3 child, p4 age unknown, then bus 2
    int nrm_made = 0;
    int ms1_made = 0;
};

inline Person named_adult() {
    Person p;
    p.tag = "TQX-991";
    p.name = "Zyxwaldo Quimbleton";
    p.alias = "Frobisher Kettleby";
    p.sex = Sex::Female;
    p.date_of_birth = Date{1990, 2, 3};
    p.nationality = "RO";
    p.languages = {"ro"};
    p.interpreter_needed = true;
    p.medical_needs = "Myxoquartz allergy";
    p.property_held = "Vantablack wallet";
    p.arrival_group = "Bus Xanadu";
    p.exploitation = {ExploitationType::Labour};
    p.nrm_consent = NrmConsent::Yes;
    return p;
}

// `bus_two`: how many placeholders arrive in the second wave.
inline Scenario make_scenario(const std::filesystem::path& db, int bus_two = 8, bool close = true) {
    Scenario sc;
    sc.clock = std::make_unique<ManualClock>(kT0);
    ManualClock& clock = *sc.clock;
    sc.store = make_store(db, clock);
    store::Store& s = *sc.store;

    store::ActivationRequest r;
    r.name = "Operation Larch";
    r.expected_people = 8; // the small tier; raised to medium when the second coach is announced
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "derbyshire.toml";
    store::activate(s, r);

    clock.advance(5 * kMinute);
    store::record_action(s, "act-take-call", ActionOutcome::Done);
    store::record_action(s, "act-choose-venue", ActionOutcome::NotApplicable, "Glimmerfrost hall pre-booked",
                         "Pemberton Oddlyfield");
    clock.advance(5 * kMinute);
    store::raise_tier(s, Tier::Medium, "Quorvath coach diverted to us");
    store::record_callout(s, "police-101", store::CalloutDetails{CalloutStatus::Called, {}, {}, {}, {}});
    clock.advance(5 * kMinute);
    store::record_callout(s, "police-101",
                          store::CalloutDetails{CalloutStatus::Confirmed,
                                                3,
                                                clock.now() + 30 * kMinute,
                                                std::string("Ask for Snorkelwick at the door"),
                                                {}});
    clock.advance(10 * kMinute);
    store::StaffDetails staff;
    staff.name = "Pemberton Oddlyfield";
    staff.phone = "07700 900123";
    staff.partner_id = "red_cross";
    staff.role_at_centre = "Welfare";
    staff.awareness_trained = true;
    staff.functions = {SiteFunction::Medical, SiteFunction::Interpreter};
    staff.languages = {"ro"};
    store::sign_in_staff(s, staff);
    store::record_movement(s, receipt("adult_female", 40, store::kCentreStockStore, "Mothers' Union"));
    store::record_movement(s, receipt("adult_male", 40, store::kCentreStockStore, "Mothers' Union"));
    store::record_movement(s, receipt("child", 10, store::kCentreStockStore, "Clewer Initiative"));
    clock.advance(10 * kMinute);
    store::record_callout(s, "police-101", store::CalloutDetails{CalloutStatus::OnSite, 3, {}, {}, {}});

    // Wave 1 at T0+1h: four people.
    const UnixSeconds wave1 = kT0 + kHour;
    clock.set(wave1 + 5 * kMinute);
    sc.people.push_back(store::check_in(s, named_adult(), wave1).id);
    Person man;
    man.tag = "TQX-992";
    man.name = "Wobblethorpe Snorkelwick";
    man.sex = Sex::Male;
    man.claimed_age = 41;
    man.nrm_consent = NrmConsent::No;
    sc.people.push_back(store::check_in(s, man, wave1 + 2 * kMinute).id);
    Person child;
    child.sex = Sex::Female;
    child.date_of_birth = Date{2012, 5, 6};
    sc.people.push_back(store::check_in(s, child, wave1 + 3 * kMinute).id);
    sc.people.push_back(store::check_in(s, Person{}, wave1 + 4 * kMinute).id);

    // Journeys, bags and referrals for wave 1.
    clock.set(kT0 + kHour + 30 * kMinute);
    store::record_journey_step(s, sc.people[0], JourneyStep::WelfareCheckDone, wave1 + 10 * kMinute);
    store::record_journey_step(s, sc.people[1], JourneyStep::WelfareCheckDone, wave1 + 20 * kMinute);
    store::record_journey_step(s, sc.people[2], JourneyStep::WelfareCheckDone, wave1 + 15 * kMinute);
    store::issue_bag(s, sc.people[0], "adult_female");
    store::issue_bag(s, sc.people[1], "adult_male");
    store::issue_bag(s, sc.people[2], "child");
    store::record_movement(s, write_off("adult_female", 1, store::kCentreStockStore, WriteOffReason::Lost,
                                        "Blarnstone left it on the bus"));
    s.append_log("Spoke with Zyxwaldo Quimbleton about Frobisher", store::LogKind::Manual);

    // Wave 2 at T0+2h30.
    clock.set(kT0 + 2 * kHour + 30 * kMinute);
    if (bus_two > 0) {
        for (const store::CheckedIn& c : store::register_group(s, bus_two, "Bus Xanadu 2", clock.now()))
            sc.people.push_back(c.id);
    }

    clock.set(kT0 + 3 * kHour);
    store::record_journey_step(s, sc.people[0], JourneyStep::Interviewed, kT0 + kHour + 40 * kMinute);
    store::record_journey_step(s, sc.people[0], JourneyStep::DecisionRecorded, kT0 + 2 * kHour);

    Referral nrm;
    nrm.type = ReferralType::Nrm;
    nrm.making_partner = "police";
    nrm.made_by = "PC Quillfeather";
    nrm.receiving_organisation = "Home Office (Single Competent Authority)";
    nrm.consent_explained = true;
    nrm.interpreter_language = "ro";
    nrm.consent = ReferralConsent::Given;
    nrm.status = ReferralStatus::Made;
    nrm.external_reference = "NRM-ZZ-777";
    nrm.notes = "Narwhalic notes";
    store::add_referral(s, sc.people[0], nrm);
    ++sc.nrm_made;

    Referral ms1;
    ms1.type = ReferralType::DutyToNotify;
    ms1.making_partner = "council";
    ms1.made_by = "Council duty officer";
    ms1.receiving_organisation = "Home Office";
    ms1.consent = ReferralConsent::NotNeeded;
    ms1.status = ReferralStatus::Made;
    store::add_referral(s, sc.people[1], ms1);
    ++sc.ms1_made;

    Referral childrens;
    childrens.type = ReferralType::ChildrensServices;
    childrens.making_partner = "council";
    childrens.receiving_organisation = "Starting Point";
    childrens.consent = ReferralConsent::NotNeeded;
    childrens.status = ReferralStatus::Made;
    store::add_referral(s, sc.people[2], childrens);
    Referral child_nrm = nrm;
    child_nrm.consent = ReferralConsent::NotNeeded;
    child_nrm.made_by = "PC Quillfeather";
    child_nrm.external_reference = "";
    child_nrm.notes = "";
    child_nrm.interpreter_language = "";
    store::add_referral(s, sc.people[2], child_nrm);
    ++sc.nrm_made;

    clock.set(kT0 + 4 * kHour);
    store::record_journey_step(s, sc.people[0], JourneyStep::Departed, kT0 + 3 * kHour + 30 * kMinute,
                               Destination::SafeAccommodation, "Vexillant note");
    store::record_journey_step(s, sc.people[1], JourneyStep::Departed, kT0 + 3 * kHour + 40 * kMinute,
                               Destination::Hospital);
    store::record_journey_step(s, sc.people[2], JourneyStep::Departed, kT0 + 3 * kHour + 50 * kMinute,
                               Destination::WithPolice);
    if (close) {
        clock.set(kT0 + 5 * kHour);
        s.set_centre_status(CentreStatus::StandingDown);
        clock.set(kT0 + 6 * kHour);
        s.set_centre_status(CentreStatus::Closed);
    }
    clock.set(kT0 + 7 * kHour);
    return sc;
}

// Runs a shell command, returning what it wrote on stdout (and its exit status).
struct CommandOutput {
    int status = -1;
    std::string out;
};
inline CommandOutput run_command(const std::string& command) {
    CommandOutput r;
    std::FILE* p = ::popen(command.c_str(), "r");
    if (!p) return r;
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.out.append(buf, n);
    r.status = ::pclose(p);
    return r;
}

inline std::string quoted(const std::filesystem::path& p) {
    std::string out = "'";
    for (char c : p.string())
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Every entry of a zip file, uncompressed and concatenated (unzip -p).
inline std::string unzipped(const std::filesystem::path& xlsx) {
    return run_command("unzip -p " + quoted(xlsx)).out;
}

inline std::string pdf_text(const std::filesystem::path& pdf) {
    return run_command("pdftotext -q -enc UTF-8 " + quoted(pdf) + " -").out;
}

// Every file of a folder (CSV exports), concatenated.
inline std::string folder_bytes(const std::filesystem::path& dir) {
    std::string all;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) all += read_file(e.path());
    return all;
}

} // namespace rc::exports::test
