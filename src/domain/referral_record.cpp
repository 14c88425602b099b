#include "domain/referral_record.hpp"

#include "domain/iso_languages.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"

#include <algorithm>

namespace rc {

namespace {

void check_text(std::vector<FieldProblem>& out, std::string_view field, std::string_view text,
                std::size_t max_chars, bool multi_line) {
    std::size_t chars = 0;
    bool bad_utf8 = false, control = false;
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        if (!c.valid) {
            bad_utf8 = true;
        } else if (c.code_point == U'\n' || c.code_point == U'\t') {
            control = control || !multi_line;
        } else if (is_unsafe_to_show(c.code_point) && c.code_point != 0x200E && c.code_point != 0x200F) {
            control = true;
        }
        ++chars;
        i += c.length;
    }
    const std::string name(field);
    if (bad_utf8) out.push_back({name, "not valid UTF-8 text"});
    if (control)
        out.push_back({name, multi_line
                                 ? "contains control characters"
                                 : "contains a line break or control characters: keep it to one line"});
    if (chars > max_chars)
        out.push_back({name, "too long: " + std::to_string(chars) + " characters, at most " +
                                 std::to_string(max_chars)});
}

// Letters, digits and any byte of a multi-byte UTF-8 character count as part of a word.
bool word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

// `needle` in `haystack` as a whole word (or words), ignoring ASCII case.
bool contains_word(std::string_view haystack, std::string_view needle) {
    if (needle.empty() || needle.size() > haystack.size()) return false;
    const std::string h = to_lower_ascii(haystack);
    const std::string n = to_lower_ascii(needle);
    for (std::size_t at = h.find(n); at != std::string::npos; at = h.find(n, at + 1)) {
        const bool starts = at == 0 || !word_byte(h[at - 1]) || !word_byte(n.front());
        const std::size_t end = at + n.size();
        const bool ends = end == h.size() || !word_byte(h[end]) || !word_byte(n.back());
        if (starts && ends) return true;
    }
    return false;
}

// The whole name, or one of its longer words, in the text.
bool mentions_name(std::string_view text, std::string_view name) {
    name = trim_space(name);
    if (name.size() < 2) return false;
    if (contains_word(text, name)) return true;
    std::size_t i = 0;
    while (i < name.size()) {
        while (i < name.size() && !word_byte(name[i]))
            ++i;
        std::size_t j = i;
        while (j < name.size() && word_byte(name[j]))
            ++j;
        if (j - i >= 4 && contains_word(text, name.substr(i, j - i))) return true;
        i = j;
    }
    return false;
}

std::string two_digits(int n) {
    return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

} // namespace

std::string_view referral_status_id(ReferralStatus s) {
    switch (s) {
    case ReferralStatus::ToDo:
        return "to_do";
    case ReferralStatus::InProgress:
        return "in_progress";
    case ReferralStatus::Made:
        return "made";
    case ReferralStatus::Accepted:
        return "accepted";
    case ReferralStatus::Declined:
        return "declined";
    case ReferralStatus::Withdrawn:
        return "withdrawn";
    }
    return "to_do";
}

std::string_view referral_status_label(ReferralStatus s) {
    switch (s) {
    case ReferralStatus::ToDo:
        return "To do";
    case ReferralStatus::InProgress:
        return "In progress";
    case ReferralStatus::Made:
        return "Made";
    case ReferralStatus::Accepted:
        return "Accepted";
    case ReferralStatus::Declined:
        return "Declined";
    case ReferralStatus::Withdrawn:
        return "Withdrawn";
    }
    return "To do";
}

std::optional<ReferralStatus> referral_status_from_id(std::string_view id) {
    for (ReferralStatus s : all_referral_statuses)
        if (referral_status_id(s) == id) return s;
    return std::nullopt;
}

bool referral_status_active(ReferralStatus s) {
    return s == ReferralStatus::InProgress || s == ReferralStatus::Made || s == ReferralStatus::Accepted;
}

bool referral_status_made(ReferralStatus s) {
    return s == ReferralStatus::Made || s == ReferralStatus::Accepted || s == ReferralStatus::Declined;
}

bool referral_status_acted_on(ReferralStatus s) {
    return s == ReferralStatus::InProgress || referral_status_made(s);
}

bool referral_status_needs_reason(ReferralStatus s) {
    return s == ReferralStatus::Declined || s == ReferralStatus::Withdrawn;
}

bool referral_transition_allowed(ReferralStatus from, ReferralStatus to) {
    using S = ReferralStatus;
    switch (from) {
    case S::ToDo:
        return to == S::InProgress || to == S::Made || to == S::Withdrawn;
    case S::InProgress:
        return to == S::ToDo || to == S::Made || to == S::Withdrawn;
    case S::Made:
        return to == S::Accepted || to == S::Declined || to == S::Withdrawn;
    case S::Accepted:
        return to == S::Withdrawn;
    case S::Declined:
    case S::Withdrawn:
        return false;
    }
    return false;
}

std::vector<ReferralStatus> allowed_referral_statuses(ReferralStatus from) {
    std::vector<ReferralStatus> out;
    for (ReferralStatus to : all_referral_statuses)
        if (referral_transition_allowed(from, to)) out.push_back(to);
    return out;
}

bool referral_initial_status_allowed(ReferralStatus s) {
    return s == ReferralStatus::ToDo || s == ReferralStatus::InProgress || s == ReferralStatus::Made;
}

std::string_view referral_consent_id(ReferralConsent c) {
    switch (c) {
    case ReferralConsent::Pending:
        return "pending";
    case ReferralConsent::Given:
        return "given";
    case ReferralConsent::Declined:
        return "declined";
    case ReferralConsent::NotNeeded:
        return "not_needed";
    }
    return "pending";
}

std::string_view referral_consent_label(ReferralConsent c) {
    switch (c) {
    case ReferralConsent::Pending:
        return "Pending";
    case ReferralConsent::Given:
        return "Given";
    case ReferralConsent::Declined:
        return "Declined";
    case ReferralConsent::NotNeeded:
        return "Not needed";
    }
    return "Pending";
}

std::optional<ReferralConsent> referral_consent_from_id(std::string_view id) {
    for (ReferralConsent c : all_referral_consents)
        if (referral_consent_id(c) == id) return c;
    return std::nullopt;
}

bool referral_type_always_anonymous(ReferralType t) {
    return t == ReferralType::DutyToNotify;
}

std::vector<std::string> identifying_details_in(std::string_view text, const Person& person) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    if (mentions_name(text, person.name)) out.emplace_back("name");
    if (mentions_name(text, person.alias)) out.emplace_back("alias");
    if (const std::string_view tag = trim_space(person.tag); !tag.empty() && contains_word(text, tag))
        out.emplace_back("tag");
    if (person.date_of_birth) {
        const Date d = *person.date_of_birth;
        const std::string year = std::to_string(d.year);
        const std::string forms[] = {format_iso_date(d),
                                     two_digits(d.day) + "/" + two_digits(d.month) + "/" + year,
                                     std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + year};
        for (const std::string& form : forms)
            if (contains_word(text, form)) {
                out.emplace_back("dob");
                break;
            }
    }
    return out;
}

std::vector<FieldProblem> validate_referral(const Referral& r, const Procedure& procedure, bool anonymous,
                                            const Person* person) {
    std::vector<FieldProblem> out;
    const bool nrm_or_ms1 = r.type == ReferralType::Nrm || r.type == ReferralType::DutyToNotify;
    if (!r.making_partner.empty() && !find_referral_maker(procedure, r.making_partner))
        out.push_back({"making_partner", "'" + safe_to_show(r.making_partner, 40) +
                                             "' is neither a partner nor an authorised organisation in "
                                             "the pinned procedure"});
    else if (nrm_or_ms1 && r.making_partner.empty() && referral_status_made(r.status))
        out.push_back(
            {"making_partner", "say which organisation made the " +
                                   std::string(r.type == ReferralType::Nrm ? "NRM referral" : "MS1")});
    check_text(out, "made_by", r.made_by, max_made_by_chars, false);
    check_text(out, "receiving_organisation", r.receiving_organisation, max_organisation_chars, false);
    if (!r.interpreter_language.empty() && !find_language_by_code(r.interpreter_language))
        out.push_back({"interpreter_language",
                       "'" + safe_to_show(r.interpreter_language, 12) + "' is not an ISO 639 language code"});
    check_text(out, "reason", r.reason, max_referral_note_chars, true);
    if (referral_status_needs_reason(r.status) && trim_space(r.reason).empty())
        out.push_back({"reason", "say why it was " + std::string(referral_status_id(r.status))});
    check_text(out, "external_reference", r.external_reference, max_external_reference_chars, false);
    check_text(out, "notes", r.notes, max_referral_note_chars, true);

    if (anonymous || referral_type_always_anonymous(r.type)) {
        const std::string what = r.type == ReferralType::DutyToNotify
                                     ? "a Duty to Notify (MS1) carries no identifying details"
                                     : "this referral must carry no identifying details";
        if (r.identifying) out.push_back({"identifying", what});
        if (person) {
            const std::pair<const char*, const std::string*> texts[] = {
                {"reason", &r.reason}, {"external_reference", &r.external_reference}, {"notes", &r.notes}};
            for (const auto& [field, text] : texts) {
                const auto found = identifying_details_in(*text, *person);
                if (found.empty()) continue;
                std::string which;
                for (const std::string& f : found)
                    which += (which.empty() ? "" : ", ") + (f == "dob" ? std::string("date of birth") : f);
                out.push_back({field, "mentions the person's " + which + ": " + what});
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const FieldProblem& a, const FieldProblem& b) {
        static constexpr std::string_view order[] = {"type",
                                                     "making_partner",
                                                     "made_by",
                                                     "receiving_organisation",
                                                     "interpreter_language",
                                                     "reason",
                                                     "external_reference",
                                                     "notes",
                                                     "identifying"};
        const auto rank = [](const std::string& f) {
            return std::find(std::begin(order), std::end(order), f) - std::begin(order);
        };
        return rank(a.field) < rank(b.field);
    });
    return out;
}

} // namespace rc
