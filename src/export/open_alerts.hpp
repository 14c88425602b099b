#pragma once
// Every alert open at one moment, from every part of the console, in one sorted list: the referral
// overview's (missing, overdue and contradictory referrals, unknown ages, pending decisions, people on
// site too long), overdue procedure actions, and, while the centre is running (open or standing down),
// roles nobody on site is filling, staff on shift too long and bag kinds short or below the minimum.
// Messages carry references and organisations, never names.
#include "domain/alert.hpp"
#include "domain/procedure.hpp"
#include "domain/procedure_rules.hpp"
#include "store/referrals.hpp"
#include "store/store.hpp"

#include <span>
#include <vector>

namespace rc::exports {

// `procedure` nullptr: before activation (only what needs no procedure). `actions`: the procedure's
// evaluated actions at `now`. Signed in, Permission::ViewOnSite.
std::vector<Alert> open_alerts(const store::Store& store, const Procedure* procedure,
                               const store::ReferralOverview& overview, std::span<const ActionState> actions,
                               UnixSeconds now);

} // namespace rc::exports
