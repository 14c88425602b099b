#pragma once
// The functions a reception centre needs someone on site to perform, whatever organisation they come
// from: one council volunteer does not make an NRM referral possible, a first responder on site does.
// The procedure names the functions each tier needs ([functions]); staff sign-in records which ones a
// person performs (and, for an interpreter, which languages).
#include "domain/person.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace rc {

enum class SiteFunction {
    NrmFirstResponder,     // (nrm_first_responder) may make an NRM referral for their organisation
    DutyToNotify,          // (duty_to_notify) may make a Duty to Notify report (MS1)
    ChildrensSocialWorker, // (childrens_social_worker) children's services social worker
    Medical,               // (medical) medical screening and urgent care
    Interpreter,           // (interpreter) for the languages recorded with the sign-in
};
inline constexpr std::array<SiteFunction, 5> all_site_functions{
    SiteFunction::NrmFirstResponder, SiteFunction::DutyToNotify, SiteFunction::ChildrensSocialWorker,
    SiteFunction::Medical, SiteFunction::Interpreter};
using SiteFunctions = EnumSet<SiteFunction>;

std::string_view site_function_id(SiteFunction f);    // "childrens_social_worker"
std::string_view site_function_label(SiteFunction f); // "Children's social worker"
std::optional<SiteFunction> site_function_from_id(std::string_view id);

// "nrm_first_responder;interpreter" (empty for none) and back; unknown ids are left out.
std::string site_functions_text(SiteFunctions functions);
SiteFunctions site_functions_from_text(std::string_view text);

} // namespace rc
