#pragma once
// Whether the centre has received more people than its tier is for: 31 people at a centre activated
// as medium (up to 30) should say "raise the tier" rather than leave the roles and the bag plan of a
// smaller centre in force.
#include "domain/alert.hpp"
#include "domain/procedure.hpp"

#include <optional>

namespace rc {

// How many more people than the tier's upper bound have been received; 0 when within it (or the tier
// has no upper bound).
int people_over_tier(const Procedure& p, Tier tier, int received);

// A warning when `received` exceeds the tier's upper bound: it names the bound, the tier that holds
// the number, and the key that opens "raise the tier" on the dashboard (Ctrl+T). Empty otherwise.
std::optional<Alert> tier_exceeded_alert(const Procedure& p, Tier tier, int received);

} // namespace rc
