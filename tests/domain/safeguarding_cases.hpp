#pragma once
// The safeguarding case table: one person's age, NRM answer, exit and referrals, the time the check
// runs, and what the rules say must follow (required, missing and overdue referrals, and every alert
// about the person). Written from the rules of issue 14 (items 1 to 3), not from the code's output, and
// kept as data so that the same cases can be replayed end to end (e.g. through `reception-console drill`):
// each case is one person arriving at minute 0, a decision, referrals and an exit at minutes after that,
// and a check at `clock_minute`.
//
// The times assume the built-in procedure (procedures/derbyshire-template.toml):
//   - a child's (and an age-disputed or age-not-established person's) NRM and children's services
//     referrals are due 240 minutes after arrival;
//   - an adult who consents: the NRM is due 720 minutes after the consent was recorded;
//   - an adult who declines: the anonymous MS1 is due 1440 minutes after the decline was recorded;
//   - an adult who leaves undecided or never asked: the anonymous MS1 is due 1440 minutes after leaving;
//   - the welfare check (which establishes the age) is due 60 minutes after arrival: an age still not
//     established then turns its alert from a warning into a critical one;
//   - people in the centre longer than 12 hours (on_site_hours) raise on_site_too_long.
// A due time is passed only strictly after it (at exactly 240 minutes a child's referrals are not yet
// overdue). The arrival is on 2026-03-14.
#include "domain/alert.hpp"
#include "domain/journey.hpp"
#include "domain/referral.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace rc::cases {

// What is recorded about the person's age.
enum class CaseAge {
    Child15,                // date of birth: 15 on the arrival date
    Turns18DayAfterArrival, // date of birth: 18 the day after arrival (a child on the arrival date)
    Adult30,                // date of birth: 30 on the arrival date
    AgeDisputed,            // no age; "age disputed — treat as child"
    NotEstablished,         // nothing recorded: presumed a child
    ClearlyAdult,           // no age; a coordinator's judgement "clearly an adult" with a reason
};

struct ExpectedAlert {
    AlertKind kind = AlertKind::Other;
    AlertSeverity severity = AlertSeverity::Warning;
};

struct SafeguardingCase {
    std::string_view name;             // what the case shows, in a phrase
    CaseAge age = CaseAge::Adult30;    // what is recorded about the age
    std::optional<NrmConsent> consent; // the NRM answer recorded; nullopt: never asked
    int decision_minute = 0; // when the answer was recorded (minutes after arrival); unused without one
    std::optional<Destination> exit; // how the person left: a departure, or hospital_temporary for a
                                     // temporary exit (they stay on the roll); nullopt: still on site
    int exit_minute = 0;             // when they left (minutes after arrival); unused without an exit
    // Referrals recorded as made (status made, by an organisation allowed to make them: the police for an
    // NRM or MS1, the council for children's services; an adult's NRM with consent given and explained,
    // an MS1 with no identifying details), all at `made_minute` after arrival.
    std::vector<ReferralType> made;
    int made_minute = 0;
    int clock_minute = 0; // when the check runs (minutes after arrival)
    // What the rules say, at clock_minute:
    std::vector<ReferralType> required; // in the rule's order
    std::vector<ReferralType> missing;  // required, not made
    std::vector<ReferralType> overdue;  // required, not made, and past the procedure's time
    std::vector<ExpectedAlert> alerts;  // every alert about the person (any order)
};

using enum CaseAge;
inline constexpr ReferralType NRM = ReferralType::Nrm;
inline constexpr ReferralType MS1 = ReferralType::DutyToNotify;
inline constexpr ReferralType CS = ReferralType::ChildrensServices;
inline constexpr AlertSeverity Critical = AlertSeverity::Critical;
inline constexpr AlertSeverity Warning = AlertSeverity::Warning;
inline constexpr AlertSeverity Reminder = AlertSeverity::Reminder;
inline constexpr AlertKind Missing = AlertKind::ReferralMissing;
inline constexpr AlertKind Overdue = AlertKind::ReferralOverdue;
inline constexpr AlertKind LeftWithout = AlertKind::DepartedWithoutReferral;
inline constexpr AlertKind NoAge = AlertKind::AgeNotEstablished;
inline constexpr AlertKind Gone = AlertKind::PersonMissing;
inline constexpr AlertKind Pending = AlertKind::DecisionPending;
inline constexpr AlertKind TooLong = AlertKind::OnSiteTooLong;

// clang-format off
inline const std::vector<SafeguardingCase> safeguarding_cases = {
    // ---- a child (15 on arrival)
    {"child on site, nothing made yet", Child15, {}, 0, {}, 0, {}, 0, 30,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}}},
    {"child on site past 4 h", Child15, {}, 0, {}, 0, {}, 0, 241,
     {NRM, CS}, {NRM, CS}, {NRM, CS}, {{Overdue, Critical}, {Overdue, Critical}}},
    {"child on site at exactly 4 h: not yet overdue", Child15, {}, 0, {}, 0, {}, 0, 240,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}}},
    {"child with both referrals made", Child15, {}, 0, {}, 0, {NRM, CS}, 100, 300,
     {NRM, CS}, {}, {}, {}},
    {"child goes home at 1 h without referrals", Child15, {}, 0, Destination::Home, 60, {}, 0, 61,
     {NRM, CS}, {NRM, CS}, {}, {{LeftWithout, Critical}}},
    {"child gone home, referrals now overdue too", Child15, {}, 0, Destination::Home, 60, {}, 0, 300,
     {NRM, CS}, {NRM, CS}, {NRM, CS}, {{LeftWithout, Critical}, {Overdue, Critical}, {Overdue, Critical}}},
    {"child leaves of own accord after both referrals", Child15, {}, 0, Destination::LeftOfOwnAccord, 30, {NRM, CS}, 20, 60,
     {NRM, CS}, {}, {}, {}},
    {"child goes missing without referrals", Child15, {}, 0, Destination::Missing, 45, {}, 0, 50,
     {NRM, CS}, {NRM, CS}, {}, {{Gone, Critical}, {LeftWithout, Critical}}},
    {"child goes missing after both referrals", Child15, {}, 0, Destination::Missing, 45, {NRM, CS}, 20, 50,
     {NRM, CS}, {}, {}, {{Gone, Critical}}},
    {"child to hospital (temporary): stays on the roll", Child15, {}, 0, Destination::HospitalTemporary, 30, {}, 0, 60,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}}},
    {"child into police protection with children's services only", Child15, {}, 0, Destination::PoliceProtection, 90, {CS}, 60, 120,
     {NRM, CS}, {NRM}, {}, {{LeftWithout, Critical}}},
    {"child to a children's services placement, NRM not made", Child15, {}, 0, Destination::ChildrensServicesPlacement, 120, {CS}, 100, 130,
     {NRM, CS}, {NRM}, {}, {{LeftWithout, Critical}}},
    {"child detained by immigration at once", Child15, {}, 0, Destination::DetainedImmigration, 30, {}, 0, 30,
     {NRM, CS}, {NRM, CS}, {}, {{LeftWithout, Critical}}},
    {"child arrested after both referrals", Child15, {}, 0, Destination::Arrested, 200, {NRM, CS}, 100, 250,
     {NRM, CS}, {}, {}, {}},

    // ---- 18 the day after arrival: a child, whatever today's date
    {"turns 18 tomorrow, on site", Turns18DayAfterArrival, {}, 0, {}, 0, {}, 0, 30,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}}},
    {"turns 18 tomorrow, declined, goes home: still a child", Turns18DayAfterArrival, NrmConsent::No, 10, Destination::Home, 60, {}, 0, 90,
     {NRM, CS}, {NRM, CS}, {}, {{LeftWithout, Critical}}},
    {"turns 18 tomorrow, still here the next day", Turns18DayAfterArrival, {}, 0, {}, 0, {}, 0, 1500,
     {NRM, CS}, {NRM, CS}, {NRM, CS}, {{Overdue, Critical}, {Overdue, Critical}, {TooLong, Warning}}},

    // ---- age disputed: treated as a child
    {"age disputed, on site", AgeDisputed, {}, 0, {}, 0, {}, 0, 30,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}}},
    {"age disputed, goes home without referrals", AgeDisputed, {}, 0, Destination::Home, 30, {}, 0, 40,
     {NRM, CS}, {NRM, CS}, {}, {{LeftWithout, Critical}}},
    {"age disputed, referred, to safe accommodation", AgeDisputed, {}, 0, Destination::SafeAccommodation, 90, {NRM, CS}, 60, 100,
     {NRM, CS}, {}, {}, {}},

    // ---- age not established: presumed a child
    {"no age, at 30 min: presumed child, warning", NotEstablished, {}, 0, {}, 0, {}, 0, 30,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}, {NoAge, Warning}}},
    {"no age, 1 min before the welfare check time", NotEstablished, {}, 0, {}, 0, {}, 0, 59,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}, {NoAge, Warning}}},
    {"no age at the welfare check time: critical", NotEstablished, {}, 0, {}, 0, {}, 0, 60,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}, {NoAge, Critical}}},
    {"no age, goes home at 30 min", NotEstablished, {}, 0, Destination::Home, 30, {}, 0, 35,
     {NRM, CS}, {NRM, CS}, {}, {{LeftWithout, Critical}, {NoAge, Warning}}},
    {"no age, goes missing", NotEstablished, {}, 0, Destination::Missing, 10, {}, 0, 90,
     {NRM, CS}, {NRM, CS}, {}, {{Gone, Critical}, {LeftWithout, Critical}, {NoAge, Critical}}},
    {"no age, referred as a child, age still open", NotEstablished, {}, 0, {}, 0, {NRM, CS}, 30, 120,
     {NRM, CS}, {}, {}, {{NoAge, Critical}}},
    {"no age, says yes to the NRM: still presumed a child", NotEstablished, NrmConsent::Yes, 10, {}, 0, {}, 0, 30,
     {NRM, CS}, {NRM, CS}, {}, {{Missing, Warning}, {Missing, Warning}, {NoAge, Warning}}},

    // ---- "clearly an adult" (a coordinator's judgement with a reason)
    {"clearly an adult, not asked yet", ClearlyAdult, {}, 0, {}, 0, {}, 0, 30,
     {}, {}, {}, {{Pending, Reminder}}},
    {"clearly an adult, never asked, goes home: MS1 owed", ClearlyAdult, {}, 0, Destination::Home, 60, {}, 0, 70,
     {MS1}, {MS1}, {}, {{LeftWithout, Warning}}},

    // ---- an adult (30)
    {"adult not asked yet", Adult30, {}, 0, {}, 0, {}, 0, 30,
     {}, {}, {}, {{Pending, Reminder}}},
    {"adult never asked, leaves of own accord: MS1 owed", Adult30, {}, 0, Destination::LeftOfOwnAccord, 120, {}, 0, 130,
     {MS1}, {MS1}, {}, {{LeftWithout, Warning}}},
    {"adult never asked, left, MS1 overdue 24 h after leaving", Adult30, {}, 0, Destination::Home, 120, {}, 0, 1561,
     {MS1}, {MS1}, {MS1}, {{LeftWithout, Warning}, {Overdue, Critical}}},
    {"adult never asked, left, MS1 made after", Adult30, {}, 0, Destination::Home, 120, {MS1}, 150, 200,
     {MS1}, {}, {}, {}},
    {"adult undecided, on site for 10 h", Adult30, NrmConsent::Undecided, 30, {}, 0, {}, 0, 600,
     {}, {}, {}, {{Pending, Reminder}}},
    {"adult undecided goes home: MS1 owed", Adult30, NrmConsent::Undecided, 30, Destination::Home, 300, {}, 0, 310,
     {MS1}, {MS1}, {}, {{LeftWithout, Warning}}},
    {"adult undecided, to hospital (temporary): nothing owed", Adult30, NrmConsent::Undecided, 30, Destination::HospitalTemporary, 300, {}, 0, 310,
     {}, {}, {}, {{Pending, Reminder}}},
    {"adult consents at 5 h: NRM counted from consent, not overdue", Adult30, NrmConsent::Yes, 300, {}, 0, {}, 0, 301,
     {NRM}, {NRM}, {}, {{Missing, Warning}}},
    {"adult consents at 5 h, exactly 12 h later", Adult30, NrmConsent::Yes, 300, {}, 0, {}, 0, 1020,
     {NRM}, {NRM}, {}, {{Missing, Warning}, {TooLong, Warning}}},
    {"adult consents at 5 h, NRM overdue after 12 h", Adult30, NrmConsent::Yes, 300, {}, 0, {}, 0, 1021,
     {NRM}, {NRM}, {NRM}, {{Overdue, Critical}, {TooLong, Warning}}},
    {"adult consents, referred, to safe accommodation", Adult30, NrmConsent::Yes, 60, Destination::SafeAccommodation, 180, {NRM}, 120, 200,
     {NRM}, {}, {}, {}},
    {"adult consents, goes home before the NRM", Adult30, NrmConsent::Yes, 60, Destination::Home, 90, {}, 0, 100,
     {NRM}, {NRM}, {}, {{LeftWithout, Warning}}},
    {"adult consents, referred, then goes missing", Adult30, NrmConsent::Yes, 60, Destination::Missing, 90, {NRM}, 80, 100,
     {NRM}, {}, {}, {{Gone, Critical}}},
    {"adult declines at 2 h: MS1 due", Adult30, NrmConsent::No, 120, {}, 0, {}, 0, 130,
     {MS1}, {MS1}, {}, {{Missing, Warning}}},
    {"adult declines at 2 h, MS1 overdue 24 h after the decline", Adult30, NrmConsent::No, 120, {}, 0, {}, 0, 1561,
     {MS1}, {MS1}, {MS1}, {{Overdue, Critical}, {TooLong, Warning}}},
    {"adult declines, arrested before the MS1", Adult30, NrmConsent::No, 120, Destination::Arrested, 150, {}, 0, 160,
     {MS1}, {MS1}, {}, {{LeftWithout, Warning}}},
    {"adult declines, MS1 made, goes home", Adult30, NrmConsent::No, 120, Destination::Home, 140, {MS1}, 130, 150,
     {MS1}, {}, {}, {}},
    {"adult undecided, detained, MS1 made after the fact", Adult30, NrmConsent::Undecided, 30, Destination::DetainedImmigration, 60, {MS1}, 70, 80,
     {MS1}, {}, {}, {}},
    {"adult never asked goes missing", Adult30, {}, 0, Destination::Missing, 20, {}, 0, 25,
     {MS1}, {MS1}, {}, {{Gone, Critical}, {LeftWithout, Warning}}},
};
// clang-format on

} // namespace rc::cases
