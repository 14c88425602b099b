#pragma once
// The prompt sheet for an NRM or Duty to Notify (MS1) referral: the answers the Home Office online form
// asks for, gathered from the person's record, as plain question-and-answer lines to print or copy.
// The MS1 sheet is built only from anonymous_facts(), so it cannot carry a name, alias, date of birth,
// tag, centre reference, language or contact detail, whatever the record holds.
#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/procedure.hpp"
#include "domain/referral_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rc {

struct PromptLine {
    std::string question;
    std::string answer;
    bool operator==(const PromptLine&) const = default;
};

struct PromptSheet {
    ReferralType type = ReferralType::Nrm;
    bool anonymous = false; // MS1: nothing that identifies the person
    std::string title;
    std::vector<PromptLine> lines;
};

// What an anonymous MS1 may say about a person, and nothing else.
struct AnonymousFacts {
    Sex sex = Sex::Unknown;
    AgeBand age_band = AgeBand::Unknown;             // on the arrival date
    ChildStatus child_status = ChildStatus::Unknown; // on the arrival date
    std::string nationality;                         // ISO 3166 code
    ExploitationTypes exploitation;
    ForcedLabourIndicators indicators;
    NrmConsentAnswer nrm_consent; // why there is no NRM referral
};
AnonymousFacts anonymous_facts(const Person& person, Date arrival_date);

// The sheet for an NRM or MS1 referral; nullopt for other types. `arrival_date` is when the person was
// encountered (and what ages are worked out on).
std::optional<PromptSheet> referral_prompt_sheet(const Procedure& p, const Person& person, Date arrival_date,
                                                 const Referral& referral);

// "Title\n\nQuestion: answer\n..." for printing or the clipboard.
std::string format_prompt_sheet(const PromptSheet& sheet);

} // namespace rc
