#include "ui/screens/screen_registry.hpp"

#include "ui/screens/arrivals_screen.hpp"
#include "ui/screens/dashboard_screen.hpp"
#include "ui/screens/debrief_screen.hpp"
#include "ui/screens/gate_screen.hpp"
#include "ui/screens/log_screen.hpp"
#include "ui/screens/partners_staff_screen.hpp"
#include "ui/screens/procedure_screen.hpp"
#include "ui/screens/referrals_screen.hpp"
#include "ui/screens/stock_screen.hpp"

namespace rc::ui {

std::vector<std::unique_ptr<Screen>> make_main_screens() {
    std::vector<std::unique_ptr<Screen>> screens;
    screens.push_back(std::make_unique<DashboardScreen>());
    screens.push_back(std::make_unique<ArrivalsScreen>());
    screens.push_back(std::make_unique<PartnersStaffScreen>());
    screens.push_back(std::make_unique<StockScreen>());
    screens.push_back(std::make_unique<ReferralsScreen>());
    screens.push_back(std::make_unique<ProcedureScreen>());
    screens.push_back(std::make_unique<LogScreen>());
    screens.push_back(std::make_unique<DebriefScreen>());
    return screens;
}

std::unique_ptr<Screen> make_gate_screen() {
    return std::make_unique<GateScreen>();
}

} // namespace rc::ui
