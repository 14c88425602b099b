#include "domain/debrief_data.hpp"

namespace rc {

std::string_view debrief_mode_id(DebriefMode m) {
    return m == DebriefMode::Identifiable ? "identifiable" : "pseudonymised";
}

std::string_view debrief_mode_label(DebriefMode m) {
    return m == DebriefMode::Identifiable ? "Identifiable" : "Pseudonymised";
}

std::optional<DebriefMode> debrief_mode_from_id(std::string_view id) {
    if (id == "pseudonymised") return DebriefMode::Pseudonymised;
    if (id == "identifiable") return DebriefMode::Identifiable;
    return std::nullopt;
}

std::string_view figure_unit_id(FigureUnit u) {
    switch (u) {
    case FigureUnit::Count:
        return "count";
    case FigureUnit::Minutes:
        return "minutes";
    case FigureUnit::Hours:
        return "hours";
    case FigureUnit::Percent:
        return "percent";
    case FigureUnit::Ratio:
        return "ratio";
    }
    return "count";
}

std::string_view compliance_id(Compliance c) {
    switch (c) {
    case Compliance::OnTime:
        return "on_time";
    case Compliance::Late:
        return "late";
    case Compliance::Missed:
        return "missed";
    case Compliance::NotApplicable:
        return "not_applicable";
    case Compliance::Done:
        return "done";
    case Compliance::Open:
        return "open";
    }
    return "open";
}

std::string_view compliance_label(Compliance c) {
    switch (c) {
    case Compliance::OnTime:
        return "On time";
    case Compliance::Late:
        return "Late";
    case Compliance::Missed:
        return "Missed";
    case Compliance::NotApplicable:
        return "Not applicable";
    case Compliance::Done:
        return "Done (no due time)";
    case Compliance::Open:
        return "Not yet due";
    }
    return "Not yet due";
}

Compliance compliance_of(const ActionState& s) {
    switch (s.status) {
    case ActionStatus::NotApplicable:
        return Compliance::NotApplicable;
    case ActionStatus::Overdue:
        return Compliance::Missed;
    case ActionStatus::Done:
        if (s.due.kind != DueKind::At) return Compliance::Done;
        return s.done_late ? Compliance::Late : Compliance::OnTime;
    case ActionStatus::ToDo:
        return Compliance::Open;
    }
    return Compliance::Open;
}

std::optional<double> ComplianceCounts::share_on_time() const {
    const int due = on_time + late + missed;
    if (due == 0) return std::nullopt;
    return 100.0 * on_time / due;
}

} // namespace rc
