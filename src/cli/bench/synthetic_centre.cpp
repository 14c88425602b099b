#include "cli/bench/synthetic_centre.hpp"

#include "app/people_view.hpp"

#include <random>

namespace rc::cli::bench {

SyntheticCentre::SyntheticCentre(std::size_t count, UnixSeconds now) {
    status_.version = 1;
    status_.centre_name = "OP-0099 Benchmark centre";
    status_.database_path = "/tmp/benchmark.sqlite";
    status_.save_state = app::SaveState::Saved;
    operation_.version = 1;
    operation_.status = CentreStatus::Open;
    operation_.tier = Tier::Large;
    operation_.name = "Benchmark";

    static const char* const kNames[] = {"Nguyễn Văn Ánh", "Łukasz Nowak",   "Иван Петров",
                                         "Ștefan Popescu", "Ana Silva",      "Mihai Ionescu",
                                         "Tran Thi Mai",   "Olena Kovalenko"};
    static const char* const kCountries[] = {"VN", "PL", "RO", "UA", "AL", "GB", "ER", "SD"};
    static const char* const kCountryNames[] = {"Vietnam", "Poland",         "Romania", "Ukraine",
                                                "Albania", "United Kingdom", "Eritrea", "Sudan"};
    std::mt19937 rng(42);
    people_.version = 1;
    people_.rows.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        app::PersonRow r;
        r.id = static_cast<std::int64_t>(i + 1);
        char ref[32];
        std::snprintf(ref, sizeof ref, "OP-0099-%05zu", i + 1);
        r.person.reference = ref;
        r.person.tag = "T" + std::to_string(1000 + i);
        r.person.name = std::string(kNames[rng() % 8]) + " " + std::to_string(i);
        const std::size_t c = rng() % 8;
        r.person.nationality = kCountries[c];
        r.nationality_text = kCountryNames[c];
        r.person.sex = (rng() % 2) ? Sex::Female : Sex::Male;
        r.age_band = all_age_bands[rng() % 9];
        r.child = age_band_is_child(r.age_band).value_or(false) ? ChildStatus::Child : ChildStatus::Adult;
        r.person.arrival_group = "Bus " + std::to_string(1 + i / 40);
        r.person.interpreter_needed = (rng() % 3) != 0;
        const UnixSeconds arrived = now - static_cast<UnixSeconds>(rng() % (30 * 3600));
        r.person.journey.push_back({JourneyStep::Arrived, arrived, std::nullopt, {}});
        if (rng() % 2)
            r.person.journey.push_back({JourneyStep::WelfareCheckDone, arrived + 600, std::nullopt, {}});
        if (rng() % 5 == 0)
            r.person.journey.push_back(
                {JourneyStep::Departed, arrived + 7200, Destination::SafeAccommodation, {}});
        r.journey = summarise_journey(r.person.journey);
        r.name_text = r.person.name;
        r.languages_text = "Vietnamese, English";
        r.status_text = r.journey.departed
                            ? "Departed"
                            : (r.journey.welfare_check_done ? "Welfare check done" : "Arrived");
        r.search_key = app::search_folded(r.person.reference + "\n" + r.person.tag + "\n" + r.person.name);
        if (r.journey.on_site) ++people_.counts.on_site;
        ++people_.counts.total;
        people_.rows.push_back(std::move(r));
    }
    for (int g = 1; g <= static_cast<int>(count / 40) + 1; ++g)
        people_.groups.push_back("Bus " + std::to_string(g));
}

} // namespace rc::cli::bench

namespace rc::cli::bench {

void SyntheticCentre::add_referrals(int per_person, UnixSeconds now) {
    referrals_ = {};
    referrals_.version = 1;
    referrals_.procedure_pinned = true;
    alerts_ = {};
    alerts_.version = 1;
    const ReferralType types[] = {ReferralType::Nrm, ReferralType::ChildrensServices,
                                  ReferralType::PreNrmSupport, ReferralType::SafeAccommodation};
    for (const app::PersonRow& row : people_.rows) {
        app::PersonReferrals p;
        p.person_id = row.id;
        p.reference = row.person.reference;
        p.name_text = row.name_text;
        p.in_centre = row.journey.on_site;
        p.arrived_at = row.journey.arrived_at;
        p.check.category =
            treated_as_child(row.child) ? PersonCategory::Child : PersonCategory::AdultConsents;
        p.check.required = {ReferralType::Nrm};
        for (int i = 0; i < per_person; ++i) {
            app::ReferralRow r;
            r.id = row.id * 10 + i;
            r.referral.type = types[static_cast<std::size_t>(i) % 4];
            r.referral.status = i == 0 && row.id % 3 == 0 ? ReferralStatus::ToDo : ReferralStatus::Made;
            p.referrals.push_back(r);
            p.check.made.push_back(r.referral.type);
        }
        if (row.id % 3 == 0) {
            p.check.missing = {ReferralType::Nrm};
            ++referrals_.missing;
            ++referrals_.people_with_missing;
            Alert a;
            a.severity = row.id % 9 == 0 ? AlertSeverity::Critical : AlertSeverity::Warning;
            a.kind = row.id % 9 == 0 ? AlertKind::ReferralOverdue : AlertKind::ReferralMissing;
            a.message = row.person.reference + ": NRM referral not made yet";
            a.target = AlertTarget{AlertTargetKind::Person, row.id, {}, row.id, row.person.reference};
            a.since = now - 3600;
            a.key = std::string(alert_kind_id(a.kind)) + "/person/" + std::to_string(row.id);
            alerts_.alerts.push_back(std::move(a));
        }
        referrals_.made += per_person;
        referrals_.people.push_back(std::move(p));
    }
    sort_alerts(alerts_.alerts);
    alerts_.counts = count_alerts(alerts_.alerts);
    people_.arrivals_per_hour.assign(30, 0.0f);
    people_.on_site_per_hour.assign(30, 0.0f);
    people_.chart_start = now - 29 * 3600;
    for (std::size_t h = 0; h < 30; ++h) {
        people_.arrivals_per_hour[h] = static_cast<float>(people_.rows.size() / 30);
        people_.on_site_per_hour[h] = static_cast<float>((h + 1) * people_.rows.size() / 30);
    }
}

} // namespace rc::cli::bench
