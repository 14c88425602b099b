#pragma once
// The reception centre (an "operation"): its size tier and where it is in its life.
#include "domain/clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace rc {

// Size tiers come from the agreed procedure; these are their stable ids in the database.
enum class Tier { Small, Medium, Large };
std::string_view tier_id(Tier t);    // "small", "medium", "large"
std::string_view tier_label(Tier t); // "Small", "Medium", "Large"
std::optional<Tier> tier_from_id(std::string_view id);

enum class CentreStatus { Standby, Open, StandingDown, Closed };
std::string_view centre_status_id(CentreStatus s);
std::string_view centre_status_label(CentreStatus s);
std::optional<CentreStatus> centre_status_from_id(std::string_view id);

// Roles of the people who use the console (not partner roles at the centre).
enum class UserRole { Coordinator, Volunteer };
std::string_view user_role_id(UserRole r);
std::string_view user_role_label(UserRole r);
std::optional<UserRole> user_role_from_id(std::string_view id);

} // namespace rc
