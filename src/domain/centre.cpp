#include "domain/centre.hpp"

namespace rc {

std::string_view tier_id(Tier t) {
    switch (t) {
    case Tier::Small:
        return "small";
    case Tier::Medium:
        return "medium";
    case Tier::Large:
        return "large";
    }
    return "small";
}

std::string_view tier_label(Tier t) {
    switch (t) {
    case Tier::Small:
        return "Small";
    case Tier::Medium:
        return "Medium";
    case Tier::Large:
        return "Large";
    }
    return "Small";
}

std::optional<Tier> tier_from_id(std::string_view id) {
    for (Tier t : {Tier::Small, Tier::Medium, Tier::Large})
        if (tier_id(t) == id) return t;
    return std::nullopt;
}

std::string_view centre_status_id(CentreStatus s) {
    switch (s) {
    case CentreStatus::Standby:
        return "standby";
    case CentreStatus::Open:
        return "open";
    case CentreStatus::StandingDown:
        return "standing_down";
    case CentreStatus::Closed:
        return "closed";
    }
    return "standby";
}

std::string_view centre_status_label(CentreStatus s) {
    switch (s) {
    case CentreStatus::Standby:
        return "Standby";
    case CentreStatus::Open:
        return "Open";
    case CentreStatus::StandingDown:
        return "Standing down";
    case CentreStatus::Closed:
        return "Closed";
    }
    return "Standby";
}

std::optional<CentreStatus> centre_status_from_id(std::string_view id) {
    for (CentreStatus s :
         {CentreStatus::Standby, CentreStatus::Open, CentreStatus::StandingDown, CentreStatus::Closed})
        if (centre_status_id(s) == id) return s;
    return std::nullopt;
}

std::string_view user_role_id(UserRole r) {
    return r == UserRole::Coordinator ? "coordinator" : "volunteer";
}
std::string_view user_role_label(UserRole r) {
    return r == UserRole::Coordinator ? "Coordinator" : "Volunteer";
}
std::optional<UserRole> user_role_from_id(std::string_view id) {
    if (id == "coordinator") return UserRole::Coordinator;
    if (id == "volunteer") return UserRole::Volunteer;
    return std::nullopt;
}

} // namespace rc
