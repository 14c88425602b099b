#include "domain/site_function.hpp"

#include "domain/text_match.hpp"

namespace rc {

std::string_view site_function_id(SiteFunction f) {
    switch (f) {
    case SiteFunction::NrmFirstResponder:
        return "nrm_first_responder";
    case SiteFunction::DutyToNotify:
        return "duty_to_notify";
    case SiteFunction::ChildrensSocialWorker:
        return "childrens_social_worker";
    case SiteFunction::Medical:
        return "medical";
    case SiteFunction::Interpreter:
        return "interpreter";
    }
    return "medical";
}

std::string_view site_function_label(SiteFunction f) {
    switch (f) {
    case SiteFunction::NrmFirstResponder:
        return "NRM first responder";
    case SiteFunction::DutyToNotify:
        return "Duty to Notify holder";
    case SiteFunction::ChildrensSocialWorker:
        return "Children's social worker";
    case SiteFunction::Medical:
        return "Medical";
    case SiteFunction::Interpreter:
        return "Interpreter";
    }
    return "Medical";
}

std::optional<SiteFunction> site_function_from_id(std::string_view id) {
    for (SiteFunction f : all_site_functions)
        if (site_function_id(f) == id) return f;
    return std::nullopt;
}

std::string site_functions_text(SiteFunctions functions) {
    std::string out;
    for (SiteFunction f : all_site_functions)
        if (functions.contains(f)) {
            if (!out.empty()) out += ';';
            out += site_function_id(f);
        }
    return out;
}

SiteFunctions site_functions_from_text(std::string_view text) {
    SiteFunctions out;
    for (std::string_view id : split_list(text, ';'))
        if (const auto f = site_function_from_id(id)) out.insert(*f);
    return out;
}

} // namespace rc
