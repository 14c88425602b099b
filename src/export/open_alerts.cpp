#include "export/open_alerts.hpp"

#include "domain/referral_check.hpp"
#include "domain/role_coverage.hpp"
#include "store/partners.hpp"
#include "store/stock.hpp"

namespace rc::exports {

std::vector<Alert> open_alerts(const store::Store& store, const Procedure* procedure,
                               const store::ReferralOverview& overview, std::span<const ActionState> actions,
                               UnixSeconds now) {
    std::vector<Alert> out = overview.alerts;
    if (procedure) {
        for (const ActionState& s : actions) {
            if (s.status != ActionStatus::Overdue) continue;
            const ProcedureAction& a = procedure->actions[s.action_index];
            Alert alert;
            alert.severity = a.mandatory ? AlertSeverity::Critical : AlertSeverity::Warning;
            alert.kind = AlertKind::ActionOverdue;
            alert.message = a.title + ": overdue by " + format_duration(s.overdue_seconds);
            alert.target = AlertTarget{AlertTargetKind::Action, 0, a.id, std::nullopt, a.id};
            if (s.due.kind == DueKind::At) alert.since = s.due.at;
            alert.key = "action_overdue/" + a.id;
            out.push_back(std::move(alert));
        }
    }

    const store::Centre centre = store.centre();
    const bool running = centre.status == CentreStatus::Open || centre.status == CentreStatus::StandingDown;
    if (running && procedure) {
        if (const auto roles = store::roles_matrix(store)) {
            for (const CoverageAlert& c : roles->matrix.alerts) {
                const Partner* partner = find_partner(*procedure, c.partner_id);
                Alert alert;
                alert.kind = AlertKind::RoleUncovered;
                alert.message = c.message;
                alert.target = AlertTarget{AlertTargetKind::Partner, 0, c.partner_id, std::nullopt,
                                           partner ? partner->name : c.partner_id};
                alert.key = "role_uncovered/" + c.partner_id;
                out.push_back(std::move(alert));
            }
            for (const ShiftWarning& w : long_shifts(*procedure, roles->on_site, now)) {
                const StaffOnSite& who = roles->on_site[w.staff];
                Alert alert;
                alert.kind = AlertKind::ShiftTooLong;
                const std::string what =
                    who.organisation + (who.role_at_centre.empty() ? "" : " (" + who.role_at_centre + ")");
                alert.message = what + ": on shift for " + format_duration(w.on_shift);
                alert.target =
                    AlertTarget{AlertTargetKind::Staff, who.id, "", std::nullopt, who.organisation};
                alert.since = who.time_in;
                alert.key = "shift_too_long/staff/" + std::to_string(who.id);
                out.push_back(std::move(alert));
            }
        }
    }
    if (running) {
        for (const StockAlert& s : store::stock_forecast(store).alerts) {
            Alert alert;
            alert.severity =
                s.kind == StockAlertKind::Shortfall ? AlertSeverity::Critical : AlertSeverity::Warning;
            alert.kind = AlertKind::LowStock;
            alert.message = s.message;
            alert.target = AlertTarget{AlertTargetKind::Stock, 0, s.bag_kind, std::nullopt, s.bag_kind};
            alert.key = "low_stock/" + std::string(stock_alert_kind_id(s.kind)) + "/" + s.bag_kind;
            out.push_back(std::move(alert));
        }
    }
    sort_alerts(out);
    return out;
}

} // namespace rc::exports
