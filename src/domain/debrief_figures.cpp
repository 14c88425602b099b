#include "domain/debrief_figures.hpp"

#include "domain/referral_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace rc {

namespace {

constexpr UnixSeconds kHour = 3600;

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

UnixSeconds hour_floor(UnixSeconds t) {
    const UnixSeconds r = t % kHour;
    return r < 0 ? t - r - kHour : t - r;
}

void add_duration_pair(std::vector<Figure>& out, const std::string& key, const std::string& what,
                       const std::vector<UnixSeconds>& samples) {
    const DurationStats s = duration_stats(samples);
    out.push_back(duration_figure(key + "_median", "Time", what + " (median)", s.median));
    out.push_back(duration_figure(key + "_max", "Time", what + " (longest)", s.max));
}

std::optional<UnixSeconds> since_arrival(const DebriefPerson& p, const std::optional<UnixSeconds>& at) {
    if (!p.arrived_at || !at || *at < *p.arrived_at) return std::nullopt;
    return *at - *p.arrived_at;
}

} // namespace

// ---- counts and durations ---------------------------------------------------------------------------

DurationStats duration_stats(std::vector<UnixSeconds> samples) {
    DurationStats s;
    s.count = static_cast<int>(samples.size());
    if (samples.empty()) return s;
    std::sort(samples.begin(), samples.end());
    s.median = samples[(samples.size() - 1) / 2];
    s.max = samples.back();
    return s;
}

bool count_is_suppressed(int n, bool suppress) {
    return suppress && n > 0 && n < kSmallCountThreshold;
}

std::string count_display(int n, bool suppress) {
    if (count_is_suppressed(n, suppress)) return "<" + std::to_string(kSmallCountThreshold);
    return std::to_string(n);
}

Figure count_figure(std::string key, std::string group, std::string label, int n, bool suppress) {
    Figure f{std::move(key), std::move(group), std::move(label), FigureUnit::Count, std::nullopt, false, {}};
    f.suppressed = count_is_suppressed(n, suppress);
    if (!f.suppressed) f.value = n;
    f.display = count_display(n, suppress);
    return f;
}

Figure duration_figure(std::string key, std::string group, std::string label, std::optional<UnixSeconds> s) {
    Figure f{
        std::move(key), std::move(group), std::move(label), FigureUnit::Minutes, std::nullopt, false, {}};
    if (s) {
        f.value = std::round(static_cast<double>(*s) / 6.0) / 10.0; // minutes, one decimal
        f.display = format_duration(*s);
    } else {
        f.display = "not recorded";
    }
    return f;
}

Figure percent_figure(std::string key, std::string group, std::string label, std::optional<double> percent) {
    Figure f{
        std::move(key), std::move(group), std::move(label), FigureUnit::Percent, std::nullopt, false, {}};
    if (percent) {
        f.value = std::round(*percent * 10.0) / 10.0;
        f.display = fixed(*percent, 0) + "%";
    } else {
        f.display = "not applicable";
    }
    return f;
}

Figure number_figure(std::string key, std::string group, std::string label, FigureUnit unit,
                     std::optional<double> value, int decimals) {
    Figure f{std::move(key), std::move(group), std::move(label), unit, std::nullopt, false, {}};
    if (value) {
        const double scale = std::pow(10.0, decimals);
        f.value = std::round(*value * scale) / scale;
        f.display = fixed(*value, decimals);
    } else {
        f.display = "not applicable";
    }
    return f;
}

// ---- arrivals and presence --------------------------------------------------------------------------

std::vector<ArrivalWave> arrival_waves(std::vector<UnixSeconds> arrivals, UnixSeconds gap) {
    std::sort(arrivals.begin(), arrivals.end());
    std::vector<ArrivalWave> out;
    for (UnixSeconds t : arrivals) {
        if (out.empty() || t - out.back().last_at > gap) out.push_back({t, t, 0});
        out.back().last_at = t;
        ++out.back().people;
    }
    return out;
}

std::vector<HourCount> arrivals_per_hour(std::span<const UnixSeconds> arrivals) {
    if (arrivals.empty()) return {};
    const auto [lo, hi] = std::minmax_element(arrivals.begin(), arrivals.end());
    const UnixSeconds first = hour_floor(*lo);
    const UnixSeconds last = hour_floor(*hi);
    std::vector<HourCount> out;
    for (UnixSeconds h = first; h <= last; h += kHour)
        out.push_back({h, 0});
    for (UnixSeconds t : arrivals)
        ++out[static_cast<std::size_t>((hour_floor(t) - first) / kHour)].count;
    return out;
}

std::vector<std::pair<UnixSeconds, int>> presence_changes(const std::vector<JourneyEvent>& events) {
    std::vector<std::pair<UnixSeconds, int>> out;
    bool in = false;
    for (const JourneyEvent& e : events) {
        switch (e.step) {
        case JourneyStep::Arrived:
        case JourneyStep::Returned:
            if (!in) out.emplace_back(e.at, +1);
            in = true;
            break;
        case JourneyStep::TemporaryExit:
        case JourneyStep::Departed:
            if (in) out.emplace_back(e.at, -1);
            in = false;
            break;
        default:
            break;
        }
    }
    return out;
}

std::vector<OnSitePoint> people_on_site_series(std::vector<std::pair<UnixSeconds, int>> changes) {
    std::stable_sort(changes.begin(), changes.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<OnSitePoint> out;
    int level = 0;
    for (const auto& [at, delta] : changes) {
        level += delta;
        if (!out.empty() && out.back().at == at)
            out.back().on_site = level;
        else
            out.push_back({at, level});
    }
    return out;
}

int peak_on_site(std::span<const OnSitePoint> series) {
    int peak = 0;
    for (const OnSitePoint& p : series)
        peak = std::max(peak, p.on_site);
    return peak;
}

// ---- the figures ------------------------------------------------------------------------------------

ComplianceCounts count_compliance(std::span<const DebriefAction> actions) {
    ComplianceCounts c;
    for (const DebriefAction& a : actions) {
        switch (a.compliance) {
        case Compliance::OnTime:
            ++c.on_time;
            break;
        case Compliance::Late:
            ++c.late;
            break;
        case Compliance::Missed:
            ++c.missed;
            break;
        case Compliance::NotApplicable:
            ++c.not_applicable;
            break;
        case Compliance::Done:
            ++c.done_without_due_time;
            break;
        case Compliance::Open:
            ++c.open;
            break;
        }
    }
    return c;
}

std::vector<CountByName> made_by_organisation(std::span<const DebriefReferral> referrals, ReferralType type) {
    std::map<std::string, CountByName> by_key;
    for (const DebriefReferral& r : referrals) {
        if (r.type != type || !referral_status_made(r.status)) continue;
        const std::string key = r.making_partner.empty() ? "unrecorded" : r.making_partner;
        CountByName& c = by_key[key];
        c.key = key;
        c.name = r.making_partner.empty() ? "Not recorded" : r.making_organisation;
        ++c.count;
    }
    std::vector<CountByName> out;
    for (auto& [key, c] : by_key)
        out.push_back(std::move(c));
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return out;
}

std::vector<CountByName> outcomes_by_destination(std::span<const DebriefPerson> people) {
    std::vector<CountByName> out;
    for (Destination d : all_destinations) {
        const int n =
            static_cast<int>(std::count_if(people.begin(), people.end(), [&](const DebriefPerson& p) {
                return p.departed_at && p.destination == d;
            }));
        if (n > 0) out.push_back({std::string(destination_id(d)), std::string(destination_label(d)), n});
    }
    const int on_site = static_cast<int>(
        std::count_if(people.begin(), people.end(), [](const DebriefPerson& p) { return !p.departed_at; }));
    if (on_site > 0) out.push_back({"not_departed", "Not departed", on_site});
    return out;
}

std::vector<ReferralOutcomeRow> referral_outcomes(std::span<const DebriefReferral> referrals) {
    std::vector<ReferralOutcomeRow> out;
    for (ReferralType t : all_referral_types) {
        ReferralOutcomeRow row;
        row.type = t;
        for (const DebriefReferral& r : referrals) {
            if (r.type != t) continue;
            switch (r.status) {
            case ReferralStatus::ToDo:
                ++row.to_do;
                break;
            case ReferralStatus::InProgress:
                ++row.in_progress;
                break;
            case ReferralStatus::Made:
                ++row.made;
                break;
            case ReferralStatus::Accepted:
                ++row.accepted;
                break;
            case ReferralStatus::Declined:
                ++row.declined;
                break;
            case ReferralStatus::Withdrawn:
                ++row.withdrawn;
                break;
            }
        }
        if (row.total() > 0) out.push_back(row);
    }
    return out;
}

void compute_debrief_figures(DebriefData& d) {
    const bool sup = d.small_counts_suppressed;
    d.compliance = count_compliance(d.actions);
    d.nrm_by_organisation = made_by_organisation(d.referrals, ReferralType::Nrm);
    d.ms1_by_organisation = made_by_organisation(d.referrals, ReferralType::DutyToNotify);
    d.outcomes_by_destination = outcomes_by_destination(d.people);
    d.referral_outcomes = referral_outcomes(d.referrals);
    std::vector<UnixSeconds> arrivals;
    for (const DebriefPerson& p : d.people)
        if (p.arrived_at) arrivals.push_back(*p.arrived_at);
    d.arrivals_per_hour = arrivals_per_hour(arrivals);

    std::vector<Figure>& s = d.summary;
    s.clear();
    const auto people_where = [&](auto pred) {
        return static_cast<int>(std::count_if(d.people.begin(), d.people.end(), pred));
    };

    // People
    s.push_back(
        count_figure("people_received", "People", "People received", static_cast<int>(d.people.size()), sup));
    const auto with_status = [&](ChildStatus c) {
        return people_where([c](const DebriefPerson& p) { return p.child_status == c; });
    };
    s.push_back(count_figure("adults", "People", "Adults", with_status(ChildStatus::Adult), sup));
    s.push_back(
        count_figure("children", "People", "Children (under 18)", with_status(ChildStatus::Child), sup));
    s.push_back(count_figure("age_disputed", "People", "Age disputed (treated as children)",
                             with_status(ChildStatus::AgeDisputed), sup));
    s.push_back(count_figure("age_unknown", "People", "Age not established (presumed children)",
                             with_status(ChildStatus::Unknown), sup));
    s.push_back(count_figure(
        "children_or_presumed", "People", "Children or presumed (referred as children)",
        people_where([](const DebriefPerson& p) { return treated_as_child(p.child_status); }), sup));
    s.push_back(
        count_figure("interpreter_needed", "People", "Needed an interpreter",
                     people_where([](const DebriefPerson& p) { return p.interpreter_needed == true; }), sup));
    s.push_back(count_figure("arrival_waves", "People", "Arrival waves",
                             static_cast<int>(arrival_waves(arrivals).size()), false));
    s.push_back(count_figure("peak_on_site", "People", "Most people on site at once",
                             peak_on_site(d.people_on_site), sup));

    // Time
    std::vector<UnixSeconds> stays, to_welfare, to_interview, to_decision;
    for (const DebriefPerson& p : d.people) {
        if (p.arrived_at) stays.push_back(p.time_in_centre);
        if (auto t = since_arrival(p, p.welfare_check_at)) to_welfare.push_back(*t);
        if (auto t = since_arrival(p, p.interviewed_at)) to_interview.push_back(*t);
        if (auto t = since_arrival(p, p.decision_at)) to_decision.push_back(*t);
    }
    add_duration_pair(s, "time_in_centre", "Time in centre", stays);
    add_duration_pair(s, "arrival_to_welfare_check", "Arrival to welfare check", to_welfare);
    add_duration_pair(s, "arrival_to_interview", "Arrival to interview", to_interview);
    add_duration_pair(s, "arrival_to_decision", "Arrival to a recorded decision", to_decision);
    s.push_back(count_figure("welfare_checks", "Time", "Welfare checks recorded",
                             static_cast<int>(to_welfare.size()), sup));
    s.push_back(count_figure("interviews", "Time", "Interviews recorded",
                             static_cast<int>(to_interview.size()), sup));
    s.push_back(
        count_figure("decisions", "Time", "Decisions recorded", static_cast<int>(to_decision.size()), sup));

    // Procedure (actions, not people: never suppressed)
    const ComplianceCounts& c = d.compliance;
    s.push_back(percent_figure("actions_on_time_share", "Procedure",
                               "Actions on time (of those that came due)", c.share_on_time()));
    s.push_back(count_figure("actions_on_time", "Procedure", "Actions done on time", c.on_time, false));
    s.push_back(count_figure("actions_late", "Procedure", "Actions done late", c.late, false));
    s.push_back(
        count_figure("actions_missed", "Procedure", "Actions missed (past due, not done)", c.missed, false));
    s.push_back(count_figure("actions_not_applicable", "Procedure", "Actions marked not applicable",
                             c.not_applicable, false));

    // Referrals
    const auto total_of = [](const std::vector<CountByName>& v) {
        int n = 0;
        for (const CountByName& c2 : v)
            n += c2.count;
        return n;
    };
    s.push_back(count_figure("nrm_referrals", "Referrals", "NRM referrals made",
                             total_of(d.nrm_by_organisation), sup));
    for (const CountByName& o : d.nrm_by_organisation)
        s.push_back(count_figure("nrm_referrals." + o.key, "Referrals", "NRM referrals made by " + o.name,
                                 o.count, sup));
    s.push_back(count_figure("ms1_reports", "Referrals", "Duty to Notify (MS1) reports",
                             total_of(d.ms1_by_organisation), sup));
    for (const CountByName& o : d.ms1_by_organisation)
        s.push_back(
            count_figure("ms1_reports." + o.key, "Referrals", "MS1 reports made by " + o.name, o.count, sup));
    const int childrens =
        static_cast<int>(std::count_if(d.referrals.begin(), d.referrals.end(), [](const auto& r) {
            return r.type == ReferralType::ChildrensServices && referral_status_made(r.status);
        }));
    s.push_back(count_figure("childrens_services_referrals", "Referrals",
                             "Children's services referrals made", childrens, sup));
    s.push_back(
        count_figure("people_with_missing_referrals", "Referrals", "People with a required referral missing",
                     people_where([](const DebriefPerson& p) { return !p.referrals_missing.empty(); }), sup));
    s.push_back(count_figure("nrm_undecided", "Referrals", "Adults undecided about the NRM",
                             people_where([](const DebriefPerson& p) {
                                 return p.child_status == ChildStatus::Adult &&
                                        p.nrm_consent.value_or(NrmConsent::Undecided) ==
                                            NrmConsent::Undecided;
                             }),
                             sup));

    // Outcomes
    for (const CountByName& o : d.outcomes_by_destination)
        s.push_back(count_figure("destination." + o.key, "Outcomes",
                                 o.key == "not_departed" ? o.name : "Went to: " + o.name, o.count, sup));

    // Stock (bags, not people)
    int issued = 0, written_off = 0, left = 0;
    for (const StockKindSummary& k : d.stock) {
        issued += k.issued;
        written_off += k.written_off;
        left += k.on_hand;
    }
    s.push_back(count_figure("bags_issued", "Stock", "Bags issued", issued, false));
    s.push_back(number_figure("bags_per_person", "Stock", "Bags issued per person", FigureUnit::Ratio,
                              d.people.empty() ? std::nullopt
                                               : std::optional<double>(static_cast<double>(issued) /
                                                                       static_cast<double>(d.people.size())),
                              2));
    s.push_back(
        count_figure("people_without_bag", "Stock", "People who left without a bag",
                     people_where([](const DebriefPerson& p) { return p.departed_at && p.bags <= 0; }), sup));
    s.push_back(count_figure("bags_written_off", "Stock", "Bags written off", written_off, false));
    s.push_back(count_figure("bags_left", "Stock", "Bags left in stock (every store)", left, false));

    // Partners
    std::set<std::int64_t> staff_people, trained_people;
    double person_hours = 0;
    for (const DebriefStaff& st : d.staff) {
        staff_people.insert(st.person_key);
        if (st.awareness_trained) trained_people.insert(st.person_key);
        person_hours += static_cast<double>(st.on_site_seconds) / 3600.0;
    }
    const int called = static_cast<int>(std::count_if(d.callouts.begin(), d.callouts.end(),
                                                      [](const auto& co) { return co.first_called_at; }));
    s.push_back(count_figure("partners_called", "Partners", "Partners called out", called, false));
    s.push_back(count_figure("organisations_on_site", "Partners", "Organisations that signed people in",
                             static_cast<int>(d.attendance.size()), false));
    s.push_back(count_figure("staff_sign_ins", "Partners", "Staff sign-ins", static_cast<int>(d.staff.size()),
                             false));
    s.push_back(count_figure("staff_people", "Partners", "Staff and volunteers",
                             static_cast<int>(staff_people.size()), false));
    s.push_back(count_figure("staff_awareness_trained", "Partners",
                             "Of whom trained in modern slavery awareness",
                             static_cast<int>(trained_people.size()), false));
    s.push_back(number_figure("person_hours", "Partners", "Person-hours on site", FigureUnit::Hours,
                              person_hours, 1));
}

const Figure* find_figure(std::span<const Figure> summary, std::string_view key) {
    for (const Figure& f : summary)
        if (f.key == key) return &f;
    return nullptr;
}

} // namespace rc
