#include "domain/role_coverage.hpp"

#include "domain/procedure_rules.hpp"

#include <algorithm>
#include <numeric>

namespace rc {

namespace {

std::string lower(std::string_view label) {
    std::string s(label);
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string missing_message(const PartnerAtTier& p, Tier tier) {
    const std::string centre = "a " + lower(tier_label(tier)) + " centre.";
    if (p.role == PartnerRole::Lead)
        return "No one from " + p.name + " is on site: the procedure needs them on site to lead " + centre;
    return "No one from " + p.name + " is on site: the procedure needs them on site at " + centre;
}

// Indices of `on_site` ordered by time in, then as given.
std::vector<std::size_t> by_time_in(std::span<const StaffOnSite> on_site) {
    std::vector<std::size_t> order(on_site.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return on_site[a].time_in < on_site[b].time_in; });
    return order;
}

UnixSeconds shift_threshold_seconds(const Procedure& p) {
    return static_cast<UnixSeconds>(std::max(p.info.staff_shift_warning_hours, 0)) * 3600;
}

} // namespace

std::string_view coverage_status_id(CoverageStatus s) {
    switch (s) {
    case CoverageStatus::OnSite:
        return "on_site";
    case CoverageStatus::Missing:
        return "missing";
    case CoverageStatus::NotNeededOnSite:
        return "not_needed_on_site";
    }
    return "missing";
}

std::string_view coverage_status_label(CoverageStatus s) {
    switch (s) {
    case CoverageStatus::OnSite:
        return "On site";
    case CoverageStatus::Missing:
        return "Missing on site";
    case CoverageStatus::NotNeededOnSite:
        return "By phone";
    }
    return "Missing on site";
}

RolesMatrix role_coverage(const Procedure& p, Tier tier, std::span<const StaffOnSite> on_site) {
    RolesMatrix m;
    m.tier = tier;
    const std::vector<std::size_t> order = by_time_in(on_site);
    std::vector<bool> matched(on_site.size(), false);
    for (const PartnerAtTier& partner : partners_for_tier(p, tier)) {
        RoleCoverage row;
        row.partner_id = partner.partner_id;
        row.partner_name = partner.name;
        row.role = partner.role;
        row.on_site_required = partner.on_site;
        for (std::size_t i : order)
            if (on_site[i].partner_id == partner.partner_id) {
                row.filled_by.push_back(i);
                matched[i] = true;
            }
        if (!row.filled_by.empty())
            row.status = CoverageStatus::OnSite;
        else if (partner.on_site) {
            row.status = CoverageStatus::Missing;
            m.alerts.push_back(
                CoverageAlert{partner.partner_id, partner.role, missing_message(partner, tier)});
        } else
            row.status = CoverageStatus::NotNeededOnSite;
        m.roles.push_back(std::move(row));
    }
    for (std::size_t i : order)
        if (!matched[i]) m.others.push_back(i);
    return m;
}

std::vector<ShiftWarning> long_shifts(const Procedure& p, std::span<const StaffOnSite> on_site,
                                      UnixSeconds now) {
    std::vector<ShiftWarning> out;
    for (std::size_t i = 0; i < on_site.size(); ++i)
        if (shift_too_long(p, on_site[i].time_in, now))
            out.push_back(ShiftWarning{i, now - on_site[i].time_in});
    std::stable_sort(out.begin(), out.end(),
                     [](const ShiftWarning& a, const ShiftWarning& b) { return a.on_shift > b.on_shift; });
    return out;
}

std::optional<UnixSeconds> next_long_shift_at(const Procedure& p, std::span<const StaffOnSite> on_site,
                                              UnixSeconds now) {
    std::optional<UnixSeconds> next;
    const UnixSeconds threshold = shift_threshold_seconds(p);
    for (const StaffOnSite& s : on_site) {
        if (shift_too_long(p, s.time_in, now)) continue;
        // shift_too_long is strict: the warning starts one second after the threshold.
        const UnixSeconds at = s.time_in + threshold + 1;
        if (at > now && (!next || at < *next)) next = at;
    }
    return next;
}

} // namespace rc
