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
