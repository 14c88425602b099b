#pragma once
// Coverage by function, not by organisation: which functions the procedure needs on site at the
// centre's tier ([functions]) that nobody on site performs now, given who is on site. A function is
// needed only while people are on site; a children's social worker only while a child (or someone
// whose age is disputed or not established) is on site; an interpreter for each language needed by
// someone on site who needs one. Each gap becomes one dashboard alert naming the function:
// "3 people need Tigrinya: no interpreter on site".
#include "domain/alert.hpp"
#include "domain/procedure.hpp"
#include "domain/role_coverage.hpp"
#include "domain/site_function.hpp"

#include <span>
#include <string>
#include <vector>

namespace rc {

// One person in the centre, as the coverage check sees them.
struct PersonOnSiteNeeds {
    bool child_or_presumed = false;     // a child, age disputed, or age not established
    bool interpreter_needed = false;    // recorded as needing one
    std::vector<std::string> languages; // ISO 639 codes, most useful first
};

struct FunctionGap {
    SiteFunction function = SiteFunction::Interpreter;
    std::string language; // for an interpreter: the ISO 639 code ("ti"); empty: not recorded
    int people = 0;       // people on site the gap affects
    std::string message;  // "3 people need Tigrinya: no interpreter on site"
};

// The gaps at `tier`, in the procedure's order of functions; interpreter gaps by most people first,
// then language name. Nothing when nobody is on site.
std::vector<FunctionGap> function_gaps(const Procedure& p, Tier tier, std::span<const StaffOnSite> staff,
                                       std::span<const PersonOnSiteNeeds> people);

// Whether someone on site interprets `language` (an ISO 639 code).
bool interpreter_on_site(std::span<const StaffOnSite> staff, std::string_view language);

// The dashboard alert for a gap (a warning; it opens the staff sign-in on Partners & staff).
Alert function_gap_alert(const FunctionGap& gap);

} // namespace rc
