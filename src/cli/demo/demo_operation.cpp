#include "cli/demo/demo_operation.hpp"

#include "cli/demo/demo_people.hpp"
#include "domain/clock.hpp"
#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"
#include "store/store.hpp"
#include "store/venues.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace rc::cli::demo {

namespace st = rc::store;

namespace {

// Things happen in time order, each with the store's clock set to its minute.
class Timeline {
public:
    void at(int minute, std::function<void()> action) { events_.push_back({minute, std::move(action)}); }
    void run(ManualClock& clock, UnixSeconds start) {
        // Stable: events of the same minute keep the order they were added in.
        std::stable_sort(events_.begin(), events_.end(),
                         [](const Event& a, const Event& b) { return a.minute < b.minute; });
        for (Event& e : events_) {
            clock.set(start + e.minute * 60);
            e.action();
        }
    }

private:
    struct Event {
        int minute;
        std::function<void()> action;
    };
    std::vector<Event> events_;
};

Referral make_referral(ReferralType type, const char* making_partner, const char* made_by,
                       const char* receiving, ReferralConsent consent, ReferralStatus status,
                       const std::string& language = {}) {
    Referral r;
    r.type = type;
    r.making_partner = making_partner;
    r.made_by = made_by;
    r.receiving_organisation = receiving;
    r.consent = consent;
    r.consent_explained = consent != ReferralConsent::NotNeeded;
    r.interpreter_language = language;
    r.status = status;
    return r;
}

st::StaffDetails staff_member(const char* name, const char* phone, const char* partner, const char* role,
                              bool trained) {
    st::StaffDetails s;
    s.name = name;
    s.phone = phone;
    s.partner_id = partner;
    s.role_at_centre = role;
    s.awareness_trained = trained;
    return s;
}

} // namespace

DemoSummary build_demo(rc::store::Store& store, ManualClock& clock, UnixSeconds start) {
    Timeline t;
    std::map<std::string, st::PersonId> ids;
    std::map<std::string, Person> details;
    std::map<std::string, std::string> references;
    std::map<std::string, StockStoreId> stock_stores;
    std::vector<st::ReferralId> to_accept;
    DemoSummary summary;

    // ---- before the call: the venue register, a second user, the stores bags are kept in
    t.at(-30, [&] {
        st::VenueDetails hall;
        hall.name = "Matlock Leisure Centre (main hall)";
        hall.address = "Bakewell Road, Matlock";
        hall.capacity = 40;
        hall.facilities = {true, true, true, true, true};
        hall.keyholder_name = "Duty manager";
        hall.keyholder_phone = "07700 900114";
        st::add_venue(store, hall);
        st::VenueDetails room;
        room.name = "Wirksworth Town Hall";
        room.address = "Coldwell Street, Wirksworth";
        room.capacity = 12;
        room.facilities = {false, false, true, true, false};
        st::add_venue(store, room);
        store.add_user(st::NewUser{kDemoVolunteer, UserRole::Volunteer, kDemoVolunteerPassphrase, ""});
        st::Settings settings = store.settings();
        settings.backup_folder = "demo-backups"; // beside the demo database, apart from a real centre's
        store.update_settings(settings);
        stock_stores["police"] =
            st::add_stock_store(store, {"matlock-police", "Matlock police station", StockStoreKind::Police});
        stock_stores["depot"] =
            st::add_stock_store(store, {"county-depot", "County Hall depot", StockStoreKind::Depot});
    });

    // ---- activation and the call-out cascade
    t.at(0, [&] {
        st::ActivationRequest a;
        a.name = "Operation Larch (demo)";
        a.expected_people = 24;
        a.expected_arrival_at = start + 60 * 60;
        a.venue = "Matlock Leisure Centre (main hall)";
        a.procedure_text = std::string(default_procedure_text());
        a.procedure_source = std::string(default_procedure_name);
        st::activate(store, a);
        store.append_log("Call from the police operation lead: about 24 people from a farm and a car wash, "
                         "first coach in about an hour.");
    });
    const auto callout = [&](int minute, const char* contact, CalloutStatus status, std::optional<int> people,
                             std::optional<int> arrival_minute, const char* notes = nullptr) {
        t.at(minute, [&, contact, status, people, arrival_minute, notes] {
            st::CalloutDetails d;
            d.status = status;
            d.people = people;
            if (arrival_minute) d.expected_arrival_at = start + *arrival_minute * 60;
            if (notes) d.notes = notes;
            st::record_callout(store, contact, d);
        });
    };
    callout(6, "police-101", CalloutStatus::Called, {}, {});
    callout(8, "mshtu-advice", CalloutStatus::NoAnswer, {}, {});
    callout(12, "police-101", CalloutStatus::Confirmed, 4, 45, "Centre police lead and three officers");
    callout(15, "call-derbyshire", CalloutStatus::Called, {}, {});
    callout(16, "derby-city-council", CalloutStatus::Called, {}, {});
    callout(22, "call-derbyshire", CalloutStatus::Confirmed, 2, 60, "Children's and adults' safeguarding");
    callout(24, "mshtu-advice", CalloutStatus::Called, {}, {});
    callout(30, "mshtu-advice", CalloutStatus::Confirmed, 2, 90);
    callout(40, "derby-city-council", CalloutStatus::StoodDown, {}, {},
            "Not needed: nobody from the city sites");
    callout(48, "police-101", CalloutStatus::OnSite, 4, {});
    callout(65, "call-derbyshire", CalloutStatus::OnSite, 2, {});
    callout(95, "mshtu-advice", CalloutStatus::OnSite, 2, {});

    // ---- the procedure's steps: done on time, one late, one not applicable
    const auto done = [&](int minute, const char* action, const char* by = "") {
        t.at(minute, [&, action, by] { st::record_action(store, action, ActionOutcome::Done, {}, by); });
    };
    done(8, "act-take-call");
    done(10, "act-choose-tier");
    done(18, "act-choose-venue");
    done(25, "act-call-out");
    done(28, "act-police-lead", "Police lead");
    done(35, "act-welfare-partners");
    done(40, "act-interpreters");
    done(45, "act-bag-stock");
    done(55, "act-health");
    done(58, "act-support-ngos");
    done(70, "act-safeguarding-alert"); // due 45 minutes after the call: late
    done(40, "set-staff-sign-in");
    done(50, "set-console");
    done(60, "set-open-venue", "Leisure centre duty manager");
    done(65, "set-security", "Police lead");
    done(66, "set-bags-counted-in");
    done(68, "set-refreshments", "Salvation Army team");
    done(75, "set-welfare-area", "Red Cross team lead");
    done(80, "set-zones");
    done(85, "set-briefing");
    t.at(70, [&] {
        st::record_action(store, "set-medical-room", ActionOutcome::NotApplicable,
                          "The venue has no private room: the NHS nurse screens in the first-aid room.");
    });
    done(78, "rec-welcome");
    done(82, "rec-urgent-needs");
    done(95, "rec-children");
    done(96, "rec-check-in");
    done(95, "wel-food-drink", "Salvation Army team");
    done(110, "wel-first-aid-clothes", "Red Cross team lead");
    done(125, "rec-property", "Police lead");
    done(125, "wel-support-bags");
    done(128, "rec-roll-reconcile", "Police lead");
    done(230, "wel-health-screening", "NHS nurse");
    done(240, "int-explain-nrm", "Police lead");

    // ---- staff from the partners
    struct StaffPlan {
        int in;
        int out;
        st::StaffDetails details;
    };
    const std::vector<StaffPlan> staff_plan = {
        {14, -1, staff_member("Helen Marsh", "07700 900201", "council", "Centre manager", true)},
        {30, 240, staff_member("Gareth Pryce", "07700 900202", "council", "Check-in desk", true)},
        {32, -1, staff_member("Aisha Rahman", "07700 900203", "council", "Check-in desk", false)},
        {33, -1, staff_member("Tom Whitfield", "07700 900204", "council", "Children's safeguarding", true)},
        {45, -1, staff_member("Sgt Claire Dunn", "07700 900205", "police", "Centre police lead", true)},
        {45, -1, staff_member("PC Jamie Lowe", "07700 900206", "police", "Security", true)},
        {50, -1, staff_member("Ruth Ellis", "07700 900207", "red_cross", "Welfare", true)},
        {50, -1, staff_member("David Okoro", "07700 900208", "red_cross", "First aid", true)},
        {52, -1, staff_member("Major Ann Beck", "07700 900209", "salvation_army", "Refreshments", true)},
        {62, -1,
         staff_member("Elena Munteanu", "07700 900210", "interpreters", "Interpreter (Romanian)", true)},
        {64, -1, staff_member("Quang Le", "07700 900211", "interpreters", "Interpreter (Vietnamese)", true)},
        {66, -1, staff_member("Besa Gjoka", "07700 900212", "interpreters", "Interpreter (Albanian)", false)},
        {80, -1, staff_member("Priya Nair", "07700 900213", "nhs", "Nurse, medical screening", true)},
        {96, -1, staff_member("DC Sam Ortiz", "07700 900214", "police", "Victim interviews", true)},
        {120, -1, staff_member("Joanna Pike", "07700 900215", "rebuild_em", "Pre-NRM support worker", true)},
        {150, -1,
         staff_member("Mehari Kidane", "07700 900216", "interpreters", "Interpreter (Tigrinya)", false)},
    };
    std::vector<std::pair<std::size_t, st::StaffId>> staff_ids;
    for (std::size_t i = 0; i < staff_plan.size(); ++i) {
        t.at(staff_plan[i].in,
             [&, i] { staff_ids.emplace_back(i, st::sign_in_staff(store, staff_plan[i].details)); });
        if (staff_plan[i].out >= 0)
            t.at(staff_plan[i].out, [&, i] {
                for (const auto& [plan, id] : staff_ids)
                    if (plan == i) st::sign_out_staff(store, id);
            });
    }

    // ---- bag stock: deliveries to the depot and the police station, then to the centre
    t.at(42, [&] {
        st::record_movement(store, receipt("adult_female", 40, stock_stores["depot"], "Mothers' Union"));
        st::record_movement(store, receipt("adult_male", 40, stock_stores["depot"], "Mothers' Union"));
        st::record_movement(store, receipt("child", 12, stock_stores["depot"], "The Clewer Initiative"));
        st::record_movement(store, receipt("infant", 4, stock_stores["depot"], "The Clewer Initiative"));
        st::record_movement(store,
                            receipt("adult_male", 10, stock_stores["police"], "Derbyshire Constabulary"));
    });
    t.at(64, [&] {
        st::record_movement(store,
                            transfer("adult_female", 28, stock_stores["depot"], st::kCentreStockStore));
        st::record_movement(store, transfer("adult_male", 30, stock_stores["depot"], st::kCentreStockStore));
        st::record_movement(store, transfer("child", 6, stock_stores["depot"], st::kCentreStockStore));
        st::record_movement(store, transfer("infant", 3, stock_stores["depot"], st::kCentreStockStore));
    });
    t.at(100, [&] {
        st::record_movement(store, transfer("adult_male", 6, stock_stores["police"], st::kCentreStockStore));
    });
    t.at(150, [&] {
        st::record_movement(store, write_off("adult_female", 1, st::kCentreStockStore,
                                             WriteOffReason::Damaged, "Bag torn, contents wet"));
    });

    // ---- log entries
    const auto log = [&](int minute, std::string text) {
        t.at(minute, [&, text] { store.append_log(text); });
    };
    log(47, "Police lead on site; entrances controlled from now.");
    log(70, "Bus 1 arrived with 12 people and a police escort of two.");
    log(115, "Van arrived with 9 people from the car wash.");
    log(118, "Telephone interpreting booked for Tigrinya and Pashto until interpreters arrive.");
    log(220, "Car arrived with a woman and two young children: children's area opened.");
    log(242, "A family of three left for safe accommodation with the Salvation Army.");
    log(250, "Coach booked for the remaining people going to safe accommodation, in about two hours.");

    // ---- the people: check-in, journey, decisions, referrals, bags
    for (const DemoWave& wave : demo_waves()) {
        const int arrives = wave.arrives;
        for (std::size_t i = 0; i < wave.people.size(); ++i) {
            const DemoPerson& d = wave.people[i];
            const std::string tag = d.tag;
            const int checked_in = arrives + 2 + static_cast<int>(i) * 2;
            t.at(checked_in, [&, d, tag, arrives, group = std::string(wave.group)] {
                Person p;
                p.tag = tag;
                p.name = d.name;
                p.sex = d.sex;
                if (d.age >= 0) p.claimed_age = d.age;
                if (d.age_disputed) p.stated_child = ChildStatus::AgeDisputed;
                p.nationality = d.nationality;
                p.languages = d.languages;
                p.interpreter_needed = d.interpreter;
                p.medical_needs = d.medical;
                p.diet = d.diet;
                p.arrival_group = group;
                p.exploitation = d.exploitation;
                p.indicators = d.indicators;
                p.property_held = d.property;
                const st::CheckedIn in = st::check_in(store, p, start + arrives * 60);
                ids[tag] = in.id;
                details[tag] = p;
                references[tag] = in.reference;
            });
            const bool child = d.age_disputed || (d.age >= 0 && d.age < adult_age);
            if (tag == "B1-04") {
                // Out to hospital for insulin, back before the interview.
                t.at(arrives + 10, [&, tag] {
                    st::record_journey_step(store, ids[tag], JourneyStep::TemporaryExit, clock.now(),
                                            std::nullopt, "Royal Derby Hospital for insulin, police escort");
                    store.append_log(references[tag] +
                                     " taken to hospital for urgent medication with a police "
                                     "escort; expected back within two hours.");
                });
                t.at(arrives + 80, [&, tag] {
                    st::record_journey_step(store, ids[tag], JourneyStep::Returned, clock.now());
                    st::add_referral(store, ids[tag],
                                     make_referral(ReferralType::Medical, "nhs", "NHS nurse",
                                                   "Royal Derby Hospital diabetes clinic",
                                                   ReferralConsent::Given, ReferralStatus::Made, "ro"));
                });
            }
            if (d.welfare >= 0)
                t.at(arrives + d.welfare + (tag == "B1-04" ? 80 : 0), [&, d, tag] {
                    st::record_journey_step(store, ids[tag], JourneyStep::WelfareCheckDone, clock.now());
                    if (!d.bag) return;
                    const auto record = st::person(store, ids[tag]);
                    st::issue_bag(store, ids[tag], st::suggest_bag_for(store, *record).bag_kind);
                });
            if (child)
                // Children are referred to children's services as soon as they are known, without consent.
                t.at(arrives + std::max(d.welfare, 0) + 5, [&, tag, arrives] {
                    const bool early = arrives < 200;
                    const auto cs = st::add_referral(
                        store, ids[tag],
                        make_referral(
                            ReferralType::ChildrensServices, "council", "Children's safeguarding lead",
                            "Starting Point (Derbyshire children's services)", ReferralConsent::NotNeeded,
                            early ? ReferralStatus::Made : ReferralStatus::InProgress));
                    if (early) to_accept.push_back(cs);
                    st::add_referral(store, ids[tag],
                                     make_referral(ReferralType::Nrm, "police", "Sgt Claire Dunn",
                                                   "Home Office (Single Competent Authority)",
                                                   ReferralConsent::NotNeeded,
                                                   early ? ReferralStatus::Made : ReferralStatus::ToDo));
                });
            if (d.interview >= 0)
                t.at(arrives + d.interview, [&, tag] {
                    st::record_journey_step(store, ids[tag], JourneyStep::Interviewed, clock.now());
                });
            if (d.decision >= 0)
                t.at(arrives + d.decision, [&, d, tag, child] {
                    Person p = details[tag];
                    p.nrm_consent = d.consent;
                    st::update_person(store, ids[tag], p);
                    details[tag] = p;
                    st::record_journey_step(store, ids[tag], JourneyStep::DecisionRecorded, clock.now());
                    const std::string language = d.languages.empty() ? std::string() : d.languages.front();
                    if (child) return;
                    if (d.consent == NrmConsent::Yes) {
                        to_accept.push_back(st::add_referral(
                            store, ids[tag],
                            make_referral(ReferralType::Nrm, "police", "DC Sam Ortiz",
                                          "Home Office (Single Competent Authority)", ReferralConsent::Given,
                                          ReferralStatus::Made, language)));
                        st::add_referral(
                            store, ids[tag],
                            make_referral(ReferralType::SalvationArmyVictimCare, "council", "Helen Marsh",
                                          "The Salvation Army (Victim Care Contract)", ReferralConsent::Given,
                                          ReferralStatus::InProgress, language));
                    } else if (d.consent == NrmConsent::No) {
                        Referral ms1 = make_referral(ReferralType::DutyToNotify, "police", "DC Sam Ortiz",
                                                     "Home Office (Duty to Notify)",
                                                     ReferralConsent::NotNeeded, ReferralStatus::Made);
                        ms1.notes =
                            "Adult declined the NRM after advice; MS1 sent without identifying details.";
                        st::add_referral(store, ids[tag], ms1);
                        st::add_referral(store, ids[tag],
                                         make_referral(ReferralType::PreNrmSupport, "council", "Helen Marsh",
                                                       "Rebuild East Midlands", ReferralConsent::Given,
                                                       ReferralStatus::Made, language));
                    } else {
                        st::add_referral(store, ids[tag],
                                         make_referral(ReferralType::PreNrmSupport, "council", "Helen Marsh",
                                                       "Rebuild East Midlands", ReferralConsent::Pending,
                                                       ReferralStatus::ToDo, language));
                    }
                });
            if (d.departed >= 0)
                t.at(arrives + d.departed, [&, d, tag] {
                    if (d.destination == Destination::SafeAccommodation) {
                        const auto id = st::add_referral(
                            store, ids[tag],
                            make_referral(ReferralType::SafeAccommodation, "salvation_army", "Major Ann Beck",
                                          "Salvation Army safe house (East Midlands)", ReferralConsent::Given,
                                          ReferralStatus::Made, d.languages.front()));
                        st::set_referral_status(store, id, ReferralStatus::Accepted);
                    }
                    st::record_journey_step(store, ids[tag], JourneyStep::Departed, clock.now(),
                                            d.destination);
                });
        }
    }
    // The receiving organisations' answers, shortly before now.
    t.at(255, [&] {
        for (const st::ReferralId id : to_accept)
            st::set_referral_status(store, id, ReferralStatus::Accepted);
    });

    t.run(clock, start);

    const Date today = local_date_of(clock.now());
    for (const st::PersonRecord& r : st::people(store)) {
        ++summary.people;
        if (treated_as_child(child_status(r.person, today))) ++summary.children;
        if (r.journey.on_site || r.journey.temporarily_out) ++summary.on_site;
        if (r.journey.departed) ++summary.departed;
        summary.bags += st::bags_held_by(store, r.id);
    }
    summary.referrals = static_cast<int>(st::referrals(store).size());
    summary.staff_on_site = static_cast<int>(st::on_site_staff(store).size());
    return summary;
}

} // namespace rc::cli::demo
