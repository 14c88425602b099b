#include "domain/function_coverage.hpp"

#include "domain/iso_languages.hpp"
#include "domain/text_match.hpp"

#include <algorithm>
#include <map>

namespace rc {

namespace {

bool performs(std::span<const StaffOnSite> staff, SiteFunction f) {
    return std::any_of(staff.begin(), staff.end(),
                       [&](const StaffOnSite& s) { return s.functions.contains(f); });
}

std::string language_name(std::string_view code) {
    const Language* l = find_language_by_code(code);
    return l ? std::string(l->name) : std::string(code);
}

std::string people_text(int n) {
    return std::to_string(n) + (n == 1 ? " person" : " people");
}

std::string lower_first(std::string_view label) {
    std::string s(label);
    // "NRM first responder" keeps its capitals; "Medical" reads as "medical".
    if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string function_message(SiteFunction f, int people, Tier tier) {
    switch (f) {
    case SiteFunction::ChildrensSocialWorker:
        return std::to_string(people) +
               (people == 1 ? " child (or presumed child)" : " children (or presumed children)") +
               " on site: no children's social worker on site";
    case SiteFunction::Medical:
        return "No one on site performs the medical function: " + people_text(people) +
               " on site, and the procedure needs medical cover at a " + lower_first(tier_label(tier)) +
               " centre";
    default:
        return "No " + std::string(site_function_label(f)) + " on site: " + people_text(people) +
               " on site, and the procedure needs one at a " + lower_first(tier_label(tier)) + " centre";
    }
}

} // namespace

bool interpreter_on_site(std::span<const StaffOnSite> staff, std::string_view language) {
    for (const StaffOnSite& s : staff) {
        if (!s.functions.contains(SiteFunction::Interpreter)) continue;
        for (const std::string& l : s.languages)
            if (equals_ignore_case(l, language)) return true;
    }
    return false;
}

std::vector<FunctionGap> function_gaps(const Procedure& p, Tier tier, std::span<const StaffOnSite> staff,
                                       std::span<const PersonOnSiteNeeds> people) {
    std::vector<FunctionGap> out;
    if (people.empty()) return out;
    const int on_site = static_cast<int>(people.size());
    for (SiteFunction f : p.functions[tier_index(tier)]) {
        if (f == SiteFunction::Interpreter) {
            // Each person counts once, under their first language nobody on site interprets.
            std::map<std::string, int> by_language;
            int without_language = 0;
            for (const PersonOnSiteNeeds& person : people) {
                if (!person.interpreter_needed) continue;
                if (person.languages.empty()) {
                    if (!performs(staff, SiteFunction::Interpreter)) ++without_language;
                    continue;
                }
                const bool covered =
                    std::any_of(person.languages.begin(), person.languages.end(),
                                [&](const std::string& l) { return interpreter_on_site(staff, l); });
                if (!covered) ++by_language[to_lower_ascii(person.languages.front())];
            }
            std::vector<FunctionGap> gaps;
            for (const auto& [language, n] : by_language)
                gaps.push_back({f, language, n,
                                people_text(n) + (n == 1 ? " needs " : " need ") + language_name(language) +
                                    ": no interpreter on site"});
            std::stable_sort(gaps.begin(), gaps.end(), [](const FunctionGap& a, const FunctionGap& b) {
                if (a.people != b.people) return a.people > b.people;
                return language_name(a.language) < language_name(b.language);
            });
            if (without_language > 0)
                gaps.push_back({f,
                                {},
                                without_language,
                                people_text(without_language) + (without_language == 1 ? " needs" : " need") +
                                    " an interpreter (language not recorded): no interpreter on site"});
            out.insert(out.end(), gaps.begin(), gaps.end());
            continue;
        }
        if (performs(staff, f)) continue;
        if (f == SiteFunction::ChildrensSocialWorker) {
            const int children =
                static_cast<int>(std::count_if(people.begin(), people.end(), [](const PersonOnSiteNeeds& n) {
                    return n.child_or_presumed;
                }));
            if (children > 0) out.push_back({f, {}, children, function_message(f, children, tier)});
            continue;
        }
        out.push_back({f, {}, on_site, function_message(f, on_site, tier)});
    }
    return out;
}

Alert function_gap_alert(const FunctionGap& gap) {
    Alert a;
    a.severity = AlertSeverity::Warning;
    a.kind = gap.function == SiteFunction::Interpreter ? AlertKind::InterpreterMissing
                                                       : AlertKind::FunctionMissing;
    a.message = gap.message;
    a.target.kind = AlertTargetKind::Partner;
    a.target.key = "function:" + std::string(site_function_id(gap.function));
    a.target.label = gap.function == SiteFunction::Interpreter && !gap.language.empty()
                         ? "Interpreter (" + language_name(gap.language) + ")"
                         : std::string(site_function_label(gap.function));
    a.key = std::string(alert_kind_id(a.kind)) + "/" + std::string(site_function_id(gap.function));
    if (!gap.language.empty()) a.key += "/" + gap.language;
    return a;
}

} // namespace rc
