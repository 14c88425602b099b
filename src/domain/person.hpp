#pragma once
// A person received at the centre, as plain data, and the rules about them: age on a date, the age band,
// whether they are treated as a child, and what is wrong with a record before it is saved.
// Everything here except the centre reference, the tag and the codes is personal: never log it.
#include "domain/date.hpp"
#include "domain/journey.hpp"
#include "domain/referral.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rc {

// ---- Sets of enum values --------------------------------------------------------------------------

// A small set of enum values (at most 32), stored as bits; iteration follows the enum's order.
template <class Enum> class EnumSet {
public:
    EnumSet() = default;
    EnumSet(std::initializer_list<Enum> values) {
        for (Enum v : values)
            insert(v);
    }
    void insert(Enum v) { bits_ |= bit(v); }
    void erase(Enum v) { bits_ &= ~bit(v); }
    bool contains(Enum v) const { return (bits_ & bit(v)) != 0; }
    bool empty() const { return bits_ == 0; }
    std::uint32_t bits() const { return bits_; }
    static EnumSet from_bits(std::uint32_t bits) {
        EnumSet s;
        s.bits_ = bits;
        return s;
    }
    bool operator==(const EnumSet&) const = default;

private:
    static std::uint32_t bit(Enum v) { return std::uint32_t{1} << static_cast<unsigned>(v); }
    std::uint32_t bits_ = 0;
};

// ---- Sex -------------------------------------------------------------------------------------------

enum class Sex { Unknown, Female, Male, Other };
inline constexpr std::array<Sex, 4> all_sexes{Sex::Female, Sex::Male, Sex::Other, Sex::Unknown};
std::string_view sex_id(Sex s);    // "female", "male", "other", "unknown"
std::string_view sex_label(Sex s); // "Female"
// "female|male|other|unknown" or "F|M|X|U", case-insensitive.
std::optional<Sex> parse_sex(std::string_view text);

// ---- Age -------------------------------------------------------------------------------------------

enum class AgeBand {
    Unknown,
    From0To4,
    From5To11,
    From12To15,
    From16To17,
    From18To24,
    From25To34,
    From35To49,
    From50To64,
    From65,
};
inline constexpr std::array<AgeBand, 10> all_age_bands{
    AgeBand::From0To4,   AgeBand::From5To11,  AgeBand::From12To15, AgeBand::From16To17, AgeBand::From18To24,
    AgeBand::From25To34, AgeBand::From35To49, AgeBand::From50To64, AgeBand::From65,     AgeBand::Unknown};
std::string_view age_band_id(AgeBand b);    // "0-4", ..., "65+", "unknown"
std::string_view age_band_label(AgeBand b); // "0-4", ..., "65+", "Unknown"
// An id, case-insensitive ("65+", "16-17", "unknown"); an en dash counts as a hyphen.
std::optional<AgeBand> parse_age_band(std::string_view text);
AgeBand age_band_for_age(int age); // Unknown for a negative age
// Whether everyone in the band is under 18; nullopt for Unknown.
std::optional<bool> age_band_is_child(AgeBand b);

inline constexpr int adult_age = 18;
inline constexpr int max_plausible_age = 120;

// Completed years on `on`. Someone whose 18th birthday is tomorrow is 17 today; someone born on
// 29 February has their birthday on 1 March in other years. Negative when `on` is before `dob`.
int age_on(Date dob, Date on);

// Whether the person is a child, as the rules see it.
enum class ChildStatus {
    Unknown,     // (unknown) age not established: presumed a child until someone records an age
    Child,       // (child) under 18
    Adult,       // (adult) 18 or over
    AgeDisputed, // (age_disputed) "age disputed — treat as child" until an age assessment says otherwise
};
inline constexpr std::array<ChildStatus, 4> all_child_statuses{
    ChildStatus::Child, ChildStatus::Adult, ChildStatus::AgeDisputed, ChildStatus::Unknown};
std::string_view child_status_id(ChildStatus c);
std::string_view child_status_label(ChildStatus c); // "Age disputed — treat as child"
std::optional<ChildStatus> child_status_from_id(std::string_view id);
// Children, disputed ages and ages not established are treated as children (for referrals, rooms and
// counts: "children or presumed"): the law presumes a child where the person may be under 18.
bool treated_as_child(ChildStatus c);
// The referral rules' view: an age not established follows the child rule, like a disputed one.
AgeStatus age_status_for_referrals(ChildStatus c);
// Whether an age has been established (anything but Unknown).
bool age_established(ChildStatus c);

// ---- Exploitation and indicators ------------------------------------------------------------------

enum class ExploitationType {
    Labour,            // (labour)
    Sexual,            // (sexual)
    Criminal,          // (criminal) e.g. county lines, cuckooing
    DomesticServitude, // (domestic_servitude)
    ForcedMarriage,    // (forced_marriage)
    Other,             // (other)
    Unknown,           // (unknown) suspected, type not known; not combined with the others
};
inline constexpr std::array<ExploitationType, 7> all_exploitation_types{
    ExploitationType::Labour,         ExploitationType::Sexual,
    ExploitationType::Criminal,       ExploitationType::DomesticServitude,
    ExploitationType::ForcedMarriage, ExploitationType::Other,
    ExploitationType::Unknown};
using ExploitationTypes = EnumSet<ExploitationType>;
std::string_view exploitation_type_id(ExploitationType t);
std::string_view exploitation_type_label(ExploitationType t); // "Domestic servitude"
// An id or label, case-insensitive; spaces and hyphens count as underscores.
std::optional<ExploitationType> parse_exploitation_type(std::string_view text);

// The ILO indicators of forced labour (DOMAIN.md).
enum class ForcedLabourIndicator {
    ThreatsOrHarm,         // (threats_or_harm) threats or actual harm
    RestrictionOfMovement, // (restriction_of_movement) or confinement
    WithholdingOfWages,    // (withholding_of_wages) or excessive deductions
    DebtBondage,           // (debt_bondage)
    RetentionOfDocuments,  // (retention_of_documents) passports and identity documents
    ThreatsOfDenunciation, // (threats_of_denunciation) to the authorities
};
inline constexpr std::array<ForcedLabourIndicator, 6> all_forced_labour_indicators{
    ForcedLabourIndicator::ThreatsOrHarm,        ForcedLabourIndicator::RestrictionOfMovement,
    ForcedLabourIndicator::WithholdingOfWages,   ForcedLabourIndicator::DebtBondage,
    ForcedLabourIndicator::RetentionOfDocuments, ForcedLabourIndicator::ThreatsOfDenunciation};
using ForcedLabourIndicators = EnumSet<ForcedLabourIndicator>;
std::string_view forced_labour_indicator_id(ForcedLabourIndicator i);
std::string_view forced_labour_indicator_label(ForcedLabourIndicator i);
std::optional<ForcedLabourIndicator> forced_labour_indicator_from_id(std::string_view id);

// ---- NRM consent -----------------------------------------------------------------------------------

// nullopt means the question has not been asked yet; undecided is an answer.
using NrmConsentAnswer = std::optional<NrmConsent>;
std::string_view nrm_consent_answer_label(NrmConsentAnswer c); // "Not asked", "Undecided", "Yes", "No"

// ---- People who belong together --------------------------------------------------------------------

// How the adult a child arrived with is related to them.
enum class CompanionRelation {
    Parent,         // (parent)
    OtherRelative,  // (other_relative)
    UnrelatedAdult, // (unrelated_adult) an indicator to share with children's services
};
inline constexpr std::array<CompanionRelation, 3> all_companion_relations{
    CompanionRelation::Parent, CompanionRelation::OtherRelative, CompanionRelation::UnrelatedAdult};
std::string_view companion_relation_id(CompanionRelation r);
std::string_view companion_relation_label(CompanionRelation r); // "Unrelated adult"
std::optional<CompanionRelation> companion_relation_from_id(std::string_view id);

// ---- The person -----------------------------------------------------------------------------------

struct Person {
    std::string reference; // "OP-0001-017", assigned at check-in; the only thing every record has
    std::string tag;       // tag or wristband number, unique within the operation
    std::string name;      // empty when not given
    std::string alias;     // empty when not given
    // The name in Latin letters, for a name written in a script the report cannot print (Arabic,
    // Ethiopic, Chinese, ...): "name as written" stays in `name`. Searched and compared like the name.
    std::string latin_name;
    Sex sex = Sex::Unknown;
    std::optional<Date> date_of_birth;
    std::optional<int> claimed_age;                  // the age the person gave, when no date of birth
    AgeBand age_band = AgeBand::Unknown;             // as recorded, when neither is known
    ChildStatus stated_child = ChildStatus::Unknown; // what was said or decided, e.g. "age disputed"
    std::string nationality;                         // ISO 3166-1 alpha-2 ("VN"), empty when unknown
    std::vector<std::string> languages;              // ISO 639 codes ("vi", "prs"), most useful first
    std::optional<bool> interpreter_needed;          // nullopt: not asked
    std::string medical_needs;                       // urgent medical or access needs
    bool urgent_medical = false;                     // needs medical attention now (counted, filterable)
    std::string arrived_with;                        // a child's adult on site: their centre reference
    std::optional<CompanionRelation> arrived_with_relation; // set together with arrived_with
    std::string diet;
    std::string arrival_group; // the vehicle or wave, or a family kept together ("Bus 1")
    ExploitationTypes exploitation;
    ForcedLabourIndicators indicators;
    std::string property_held;
    NrmConsentAnswer nrm_consent;
    // When the current NRM answer was recorded (the store sets it when the answer changes); an adult's NRM
    // and an MS1 after a decline are due from it.
    std::optional<UnixSeconds> nrm_consent_at;
    // A coordinator's judgement that the person is clearly an adult, with no age recorded: why. Personal
    // (sealed); setting it is audited and needs a coordinator.
    std::string adult_judgement;
    std::vector<JourneyEvent> journey;
};

// The best age band from what is recorded: date of birth (on `on`), then claimed age, then the band.
AgeBand effective_age_band(const Person& p, Date on);

// Child, adult or unknown from what is recorded, on the arrival date. A disputed age wins; otherwise
// anything recorded that says under 18 (date of birth, claimed age, band, or a "child" statement) makes
// the person a child, because a child wrongly treated as an adult is the worse mistake. An "adult"
// statement with no age counts only with a coordinator's judgement (adult_judgement): until then the
// age is not established and the person is presumed a child.
ChildStatus child_status(const Person& p, Date arrival_date);

// A child (or someone whose age is disputed or not established) who arrived with an adult unrelated to
// them: an indicator of trafficking to share with children's services.
bool child_with_unrelated_adult(const Person& p, Date arrival_date);

// Limits on text fields, in characters.
inline constexpr std::size_t max_reference_chars = 32;
inline constexpr std::size_t max_tag_chars = 32;
inline constexpr std::size_t max_name_chars = 200;
inline constexpr std::size_t max_group_chars = 100;
inline constexpr std::size_t max_diet_chars = 500;
inline constexpr std::size_t max_note_chars = 2000; // medical needs, property held
inline constexpr std::size_t max_judgement_chars = 500;

// A problem with one field, for the screen to show beside it. `field` is the field's id, the same as
// the nominal roll's column where there is one: reference, tag, name, latin_name, alias, sex, dob, age, age_band,
// child, nationality, languages, interpreter, medical, diet, group, exploitation, property, journey,
// arrived_with.
struct FieldProblem {
    std::string field;
    std::string message;
    bool operator==(const FieldProblem&) const = default;
};

// Everything wrong with the record, in field order: text that is too long, not UTF-8 or holds control
// characters; a date of birth that is not a real day, in the future or over 120 years ago; an age
// outside 0..120; a claimed age, band or "child"/"adult" statement that contradicts the date of birth
// (ages on `arrival_date`, or `today` when not given); codes that are not in the ISO tables; the
// journey's order. The reference is not required here: it is assigned when the person is saved.
std::vector<FieldProblem> validate_person(const Person& p, Date today,
                                          std::optional<Date> arrival_date = std::nullopt);

} // namespace rc
