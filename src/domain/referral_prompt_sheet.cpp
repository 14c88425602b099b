#include "domain/referral_prompt_sheet.hpp"

#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"

namespace rc {

namespace {

constexpr std::string_view kNotHeld = "Not held by the console: ";

std::string or_text(const std::string& value, std::string_view otherwise) {
    return value.empty() ? std::string(otherwise) : value;
}

std::string nationality_text(const std::string& code) {
    if (code.empty()) return "Not known";
    if (const Country* c = find_country_by_code(code)) return std::string(c->name) + " (" + code + ")";
    return code;
}

std::string languages_text(const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& code : codes) {
        if (!out.empty()) out += ", ";
        const Language* l = find_language_by_code(code);
        out += l ? std::string(l->name) : code;
    }
    return out.empty() ? "Not recorded" : out;
}

std::string exploitation_text(ExploitationTypes types) {
    std::string out;
    for (ExploitationType t : all_exploitation_types)
        if (types.contains(t)) out += (out.empty() ? "" : ", ") + std::string(exploitation_type_label(t));
    return out.empty() ? "Not recorded" : out;
}

std::string indicators_text(ForcedLabourIndicators indicators) {
    std::string out;
    for (ForcedLabourIndicator i : all_forced_labour_indicators)
        if (indicators.contains(i))
            out += (out.empty() ? "" : "; ") + std::string(forced_labour_indicator_label(i));
    return out.empty() ? "None recorded" : out;
}

std::string yes_no_not_asked(std::optional<bool> b) {
    if (!b) return "Not asked";
    return *b ? "Yes" : "No";
}

std::string partner_text(const Procedure& p, const std::string& id, std::string_view missing) {
    if (id.empty()) return std::string(missing);
    const std::optional<ReferralMaker> maker = find_referral_maker(p, id);
    return maker ? maker->name : id;
}

std::string consent_explained_text(const Referral& r) {
    if (!r.consent_explained) return "Not recorded";
    if (r.interpreter_language.empty()) return "Yes, without an interpreter";
    const Language* l = find_language_by_code(r.interpreter_language);
    return "Yes, through an interpreter (" + (l ? std::string(l->name) : r.interpreter_language) + ")";
}

std::string age_text(const Person& person, Date arrival_date) {
    if (person.date_of_birth && is_valid_date(*person.date_of_birth))
        return std::to_string(age_on(*person.date_of_birth, arrival_date));
    if (person.claimed_age) return std::to_string(*person.claimed_age) + " (as the person said)";
    if (person.age_band != AgeBand::Unknown)
        return std::string(age_band_label(person.age_band)) + " (age band)";
    return "Not known";
}

PromptSheet nrm_sheet(const Procedure& p, const Person& person, Date arrival_date, const Referral& r) {
    PromptSheet s;
    s.type = ReferralType::Nrm;
    s.title = "NRM referral: answers for the Home Office online form";
    const ChildStatus child = child_status(person, arrival_date);
    auto& l = s.lines;
    l.push_back({"First responder organisation",
                 partner_text(p, r.making_partner, "Not chosen yet: it must be a first responder")});
    l.push_back({"Completed by", or_text(r.made_by, "Not recorded")});
    l.push_back({"Receiving organisation", or_text(r.receiving_organisation, "Not recorded")});
    l.push_back({"Child or adult", std::string(child_status_label(child))});
    l.push_back({"Consent to the referral",
                 treated_as_child(child)
                     ? std::string("Not needed: under 18, or treated as a child while the age is disputed")
                     : std::string(nrm_consent_answer_label(person.nrm_consent)) +
                           " (on this referral: " + std::string(referral_consent_label(r.consent)) + ")"});
    l.push_back({"NRM and consent explained", consent_explained_text(r)});
    l.push_back({"Name", or_text(person.name, "Not given")});
    l.push_back({"Other names used", or_text(person.alias, "None given")});
    l.push_back(
        {"Date of birth", person.date_of_birth ? format_iso_date(*person.date_of_birth) : "Not known"});
    l.push_back({"Age on arrival", age_text(person, arrival_date)});
    l.push_back({"Sex", std::string(sex_label(person.sex))});
    l.push_back({"Nationality", nationality_text(person.nationality)});
    l.push_back({"Languages", languages_text(person.languages)});
    l.push_back({"Interpreter needed", yes_no_not_asked(person.interpreter_needed)});
    l.push_back({"Type of exploitation", exploitation_text(person.exploitation)});
    l.push_back({"Indicators seen", indicators_text(person.indicators)});
    l.push_back({"Date encountered", format_iso_date(arrival_date) + " (received at the reception centre)"});
    l.push_back({"Contact details and current address",
                 std::string(kNotHeld) + "ask the person, or give the safe accommodation once known"});
    l.push_back(
        {"Where the exploitation happened", std::string(kNotHeld) + "from the police or the interview"});
    l.push_back({"The person's account", std::string(kNotHeld) + "from the interview"});
    return s;
}

PromptSheet ms1_sheet(const Procedure& p, const AnonymousFacts& f, Date arrival_date, const Referral& r) {
    PromptSheet s;
    s.type = ReferralType::DutyToNotify;
    s.anonymous = true;
    s.title = "Duty to Notify (MS1): answers for the Home Office online form (anonymous)";
    auto& l = s.lines;
    l.push_back({"Anonymous", "Do not add the person's name, date of birth, contact details or anything "
                              "else that identifies them"});
    l.push_back({"Public authority notifying",
                 partner_text(p, r.making_partner, "Not chosen yet: it must have the duty to notify")});
    l.push_back({"Completed by", or_text(r.made_by, "Not recorded")});
    l.push_back({"Child or adult", std::string(child_status_label(f.child_status))});
    l.push_back({"Age band", std::string(age_band_label(f.age_band))});
    l.push_back({"Sex", std::string(sex_label(f.sex))});
    l.push_back({"Nationality", nationality_text(f.nationality)});
    l.push_back({"Type of exploitation", exploitation_text(f.exploitation)});
    l.push_back({"Indicators seen", indicators_text(f.indicators)});
    l.push_back({"Date encountered", format_iso_date(arrival_date)});
    std::string why = "Consent has not been asked yet";
    if (f.nrm_consent == NrmConsent::No)
        why = "The adult did not consent to an NRM referral";
    else if (f.nrm_consent == NrmConsent::Undecided)
        why = "The adult has not decided about an NRM referral";
    else if (f.nrm_consent == NrmConsent::Yes)
        why = "The adult consented: make an NRM referral instead";
    l.push_back({"Why there is no NRM referral", why});
    return s;
}

} // namespace

AnonymousFacts anonymous_facts(const Person& person, Date arrival_date) {
    AnonymousFacts f;
    f.sex = person.sex;
    f.age_band = effective_age_band(person, arrival_date);
    f.child_status = child_status(person, arrival_date);
    f.nationality = person.nationality;
    f.exploitation = person.exploitation;
    f.indicators = person.indicators;
    f.nrm_consent = person.nrm_consent;
    return f;
}

std::optional<PromptSheet> referral_prompt_sheet(const Procedure& p, const Person& person, Date arrival_date,
                                                 const Referral& referral) {
    if (referral.type == ReferralType::Nrm) return nrm_sheet(p, person, arrival_date, referral);
    if (referral.type == ReferralType::DutyToNotify)
        return ms1_sheet(p, anonymous_facts(person, arrival_date), arrival_date, referral);
    return std::nullopt;
}

std::string format_prompt_sheet(const PromptSheet& sheet) {
    std::string out = sheet.title + "\n\n";
    for (const PromptLine& line : sheet.lines)
        out += line.question + ": " + line.answer + "\n";
    return out;
}

} // namespace rc
