#include "domain/tier_capacity.hpp"

#include "domain/procedure_rules.hpp"

#include <string>

namespace rc {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

int people_over_tier(const Procedure& p, Tier tier, int received) {
    const TierRange& range = tier_range(p, tier);
    if (!range.to_people || received <= *range.to_people) return 0;
    return received - *range.to_people;
}

std::optional<Alert> tier_exceeded_alert(const Procedure& p, Tier tier, int received) {
    if (people_over_tier(p, tier, received) == 0) return std::nullopt;
    const TierRange& range = tier_range(p, tier);
    const Tier holds = propose_tier(p, received);
    Alert a;
    a.severity = AlertSeverity::Warning;
    a.kind = AlertKind::TierExceeded;
    a.message = std::to_string(received) + " people received: more than a " + lower(tier_label(tier)) +
                " centre is for (up to " + std::to_string(*range.to_people) + "). Raise the tier to " +
                lower(tier_label(holds)) +
                " (Ctrl+T on the dashboard) so its roles, actions and bag plan apply.";
    a.target.kind = AlertTargetKind::Centre;
    a.target.key = std::string(tier_id(holds)); // the tier to raise to
    a.target.label = "Raise the tier";
    a.key = "tier_exceeded";
    return a;
}

} // namespace rc
