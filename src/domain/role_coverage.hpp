#pragma once
// Which partner roles the procedure gives for the centre's tier, who is filling each one now, and which
// roles that must be filled on site nobody is filling (alerts for the board and the dashboard). Also
// staff on shift longer than the procedure's threshold. Pure functions over plain values.
#include "domain/clock.hpp"
#include "domain/procedure.hpp"
#include "domain/site_function.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rc {

// Someone signed in at the centre and not signed out.
struct StaffOnSite {
    std::int64_t id = 0;        // the staff record
    std::string name;           // personal: shown on screen, never logged
    std::string partner_id;     // the procedure partner they come from; empty: another organisation
    std::string organisation;   // as shown (the partner's name, or free text)
    std::string role_at_centre; // e.g. "Welfare", "Interpreter (Romanian)"
    UnixSeconds time_in = 0;
    SiteFunctions functions;            // what they may do here (NRM referrals, interpreting, ...)
    std::vector<std::string> languages; // ISO 639 codes they interpret (with SiteFunction::Interpreter)
};

enum class CoverageStatus {
    OnSite,          // (on_site) someone from the partner is on site
    Missing,         // (missing) the role must be filled on site and nobody from the partner is here
    NotNeededOnSite, // (not_needed_on_site) nobody here, and the procedure allows by phone
};
std::string_view coverage_status_id(CoverageStatus s);
std::string_view coverage_status_label(CoverageStatus s); // "Missing on site"

// One row of the roles matrix.
struct RoleCoverage {
    std::string partner_id;
    std::string partner_name;
    PartnerRole role = PartnerRole::Support;
    bool on_site_required = false;
    std::vector<std::size_t> filled_by; // indices into the staff passed in, by time in
    CoverageStatus status = CoverageStatus::NotNeededOnSite;
};

struct CoverageAlert {
    std::string partner_id;
    PartnerRole role = PartnerRole::Support;
    // "No one from British Red Cross is on site: the procedure needs them on site at a large centre."
    std::string message;
};

struct RolesMatrix {
    Tier tier = Tier::Small;
    std::vector<RoleCoverage> roles;   // partners_for_tier order: leads first, then support
    std::vector<CoverageAlert> alerts; // one per Missing row, in the same order
    std::vector<std::size_t> others;   // staff on site from no partner at this tier, by time in
};

// The matrix for `tier`, from the staff on site now (anyone signed out must not be passed in).
RolesMatrix role_coverage(const Procedure& p, Tier tier, std::span<const StaffOnSite> on_site);

// ---- Long shifts -------------------------------------------------------------------------------------

struct ShiftWarning {
    std::size_t staff = 0;    // index into the staff passed in
    UnixSeconds on_shift = 0; // seconds since time in
};
// Staff on shift longer than the procedure's staff_shift_warning_hours, longest first.
std::vector<ShiftWarning> long_shifts(const Procedure& p, std::span<const StaffOnSite> on_site,
                                      UnixSeconds now);
// When the next person still under the threshold crosses it (for the screen's next wake-up).
std::optional<UnixSeconds> next_long_shift_at(const Procedure& p, std::span<const StaffOnSite> on_site,
                                              UnixSeconds now);

} // namespace rc
