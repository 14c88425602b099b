#include "cli/demo/demo_people.hpp"

namespace rc::cli::demo {

namespace {

DemoPerson person(std::string tag, std::string name, Sex sex, int age, std::string nationality,
                  std::string language, ForcedLabourIndicators indicators = {}) {
    DemoPerson p;
    p.tag = std::move(tag);
    p.name = std::move(name);
    p.sex = sex;
    p.age = age;
    p.nationality = std::move(nationality);
    p.languages.push_back(std::move(language));
    p.indicators = indicators;
    return p;
}

} // namespace

std::vector<DemoWave> demo_waves() {
    using Ex = ExploitationType;
    using Indicator = ForcedLabourIndicator;
    const ForcedLabourIndicators farm{Indicator::WithholdingOfWages, Indicator::DebtBondage,
                                      Indicator::RetentionOfDocuments};
    const ForcedLabourIndicators wash{Indicator::WithholdingOfWages, Indicator::RestrictionOfMovement,
                                      Indicator::ThreatsOrHarm};
    const NrmConsentAnswer yes = NrmConsent::Yes, no = NrmConsent::No, undecided = NrmConsent::Undecided;
    const Sex male = Sex::Male, female = Sex::Female;
    const Destination safe = Destination::SafeAccommodation;

    // A bus from the farm: a family, and adults from five countries.
    DemoWave bus{"Bus 1", 70, {}};
    auto& b = bus.people;
    b.push_back(person("B1-01", "Ionuț Popa", male, 34, "RO", "ro", farm)
                    .seen(25, 95, 110, yes)
                    .leaves(170, safe)
                    .holds("Phone (held by police)"));
    b.push_back(person("B1-02", "Mihaela Popa", female, 31, "RO", "ro", farm)
                    .seen(28, 100, 112, yes)
                    .leaves(170, safe));
    b.push_back(
        person("B1-03", "Andrei Popa", male, 13, "RO", "ro").speaks_english().seen(30).leaves(170, safe));
    b.push_back(person("B1-04", "Gheorghe Lungu", male, 52, "MD", "ro", farm)
                    .needs("Insulin-dependent diabetes: needs insulin today", "Diabetic")
                    .seen(5, 120, 200, undecided));
    b.back().languages.push_back("ru");
    b.push_back(person("B1-05", "Валентин Димитров", male, 45, "BG", "bg", farm)
                    .seen(35, 105, 125, no)
                    .leaves(160, Destination::Other));
    b.push_back(person("B1-06", "Стефка Иванова", female, 39, "BG", "bg", farm)
                    .eats("Vegetarian")
                    .seen(38, 130, 150, undecided));
    b.push_back(person("B1-07", "Arben Hoxha", male, 28, "AL", "sq", farm)
                    .eats("Halal")
                    .holds("Passport recovered at the site (held by police)")
                    .seen(40, 135, 160, yes));
    b.push_back(person("B1-08", "Dritan Kola", male, 24, "AL", "sq", farm)
                    .speaks_english()
                    .eats("Halal")
                    .seen(42, 110, 130, no)
                    .leaves(135, Destination::LeftOfOwnAccord));
    b.push_back(person("B1-09", "Nguyễn Văn Hùng", male, 22, "VN", "vi", farm).seen(45, 140, 165, yes));
    b.push_back(person("B1-10", "Trần Thị Lan", female, 26, "VN", "vi")
                    .exploited({Ex::Labour, Ex::Sexual}, farm)
                    .seen(48, 145, 170, yes));
    b.push_back(person("B1-11", "Marek Kowalczyk", male, 58, "PL", "pl", farm)
                    .speaks_english()
                    .needs("Uses a walking stick: ground floor only")
                    .seen(50, 115, 128, yes)
                    .leaves(190, safe));
    b.push_back(
        person("B1-12", "Ana-Maria Stan", female, 19, "RO", "ro", farm).seen(52, 150, 175, undecided));

    // A van from the car wash: two young people (one whose age is disputed) and seven adults.
    DemoWave van{"Van", 115, {}};
    auto& v = van.people;
    v.push_back(person("V-01", "Phạm Minh Tuấn", male, 16, "VN", "vi")
                    .exploited({Ex::Labour, Ex::Criminal}, wash)
                    .seen(15));
    v.push_back(person("V-02", "Lê Văn Đức", male, 19, "VN", "vi", wash).disputed().seen(18));
    v.push_back(
        person("V-03", "Erion Shehu", male, 30, "AL", "sq", wash).eats("Halal").seen(25, 70, 90, yes));
    v.push_back(person("V-04", "Klodian Marku", male, 27, "AL", "sq", wash)
                    .eats("Halal")
                    .seen(28, 80, 100, undecided));
    v.back().languages.push_back("it");
    v.push_back(person("V-05", "Rebar Ahmed", male, 33, "IQ", "ckb", wash)
                    .eats("Halal")
                    .seen(30, 85, 105, no)
                    .leaves(135, Destination::Other));
    v.back().languages.push_back("ar");
    v.push_back(person("V-06", "Dawit Tesfay", male, 25, "ER", "ti", wash).seen(35, 120));
    v.push_back(person("V-07", "Yonas Haile", male, 21, "ER", "ti", wash).seen(38));
    v.back().languages.push_back("am");
    v.push_back(person("V-08", "Bilal Ahmadzai", male, 29, "AF", "ps", wash)
                    .needs("Painful hand injury: seen by the nurse", "Halal")
                    .seen(60)
                    .no_bag_yet());
    v.back().languages.push_back("prs");
    v.push_back(person("V-09", "Олена Коваль", female, 42, "UA", "uk")
                    .exploited({Ex::DomesticServitude},
                               {Indicator::RetentionOfDocuments, Indicator::ThreatsOfDenunciation})
                    .seen(40, 95, 115, yes));
    v.back().languages.push_back("ru");

    // A car with a mother and her two young children, under an hour ago.
    DemoWave car{"Car", 220, {}};
    auto& c = car.people;
    c.push_back(person("C-01", "Florentina Dumitru", female, 27, "RO", "ro")
                    .exploited({Ex::Sexual}, {Indicator::ThreatsOrHarm, Indicator::RestrictionOfMovement})
                    .seen(20));
    c.push_back(
        person("C-02", "Denisa Dumitru", female, 7, "RO", "ro").exploited({Ex::Unknown}, {}).seen(22));
    c.push_back(person("C-03", "Luca Dumitru", male, 3, "RO", "ro")
                    .exploited({Ex::Unknown}, {})
                    .needs("Mild asthma: inhaler with his mother")
                    .seen(22));
    c[1].interpreter = c[2].interpreter = false;
    return {bus, van, car};
}

} // namespace rc::cli::demo
