#pragma once
// The key figures of a debrief, worked out from its rows: people received, times from arrival to each
// milestone, procedure compliance, referrals by organisation, outcomes by destination, bags per person,
// partner attendance; arrival waves and the series the report charts. Pure functions over
// debrief_data.hpp's plain values, so that every export format shows the same numbers.
#include "domain/clock.hpp"
#include "domain/debrief_data.hpp"
#include "domain/journey.hpp"

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace rc {

// ---- counts and durations ---------------------------------------------------------------------------

struct DurationStats {
    int count = 0;
    std::optional<UnixSeconds> median; // the lower middle value for an even count (a real stay)
    std::optional<UnixSeconds> max;
};
DurationStats duration_stats(std::vector<UnixSeconds> samples);

// A count as the summary shows it: "<3" for 1 and 2 when suppressing. Zero is shown: it identifies
// nobody, and hiding it would hide that, say, no MS1 was made.
bool count_is_suppressed(int n, bool suppress);
std::string count_display(int n, bool suppress);

Figure count_figure(std::string key, std::string group, std::string label, int n, bool suppress);
// Minutes, shown as "1 h 20 min"; "not recorded" when empty.
Figure duration_figure(std::string key, std::string group, std::string label, std::optional<UnixSeconds> s);
Figure percent_figure(std::string key, std::string group, std::string label, std::optional<double> percent);
Figure number_figure(std::string key, std::string group, std::string label, FigureUnit unit,
                     std::optional<double> value, int decimals);

// ---- arrivals and presence --------------------------------------------------------------------------

// Arrivals closer together than this belong to one wave (a coach unloading, a van, a family).
inline constexpr UnixSeconds kWaveGapSeconds = 20 * 60;

struct ArrivalWave {
    UnixSeconds first_at = 0;
    UnixSeconds last_at = 0;
    int people = 0;
};
// Arrival times (any order) grouped into waves: a gap longer than `gap` starts a new one.
std::vector<ArrivalWave> arrival_waves(std::vector<UnixSeconds> arrivals, UnixSeconds gap = kWaveGapSeconds);

// One bucket per hour (UTC hour boundaries, which are local ones in whole-hour zones) from the first
// arrival's hour to the last's, empty hours included.
std::vector<HourCount> arrivals_per_hour(std::span<const UnixSeconds> arrivals);

// +1 when a person comes in (arrival, return), -1 when they go out (temporary exit, departure while in).
std::vector<std::pair<UnixSeconds, int>> presence_changes(const std::vector<JourneyEvent>& events);
// The number on site after each moment anything changed, by time; starts from 0.
std::vector<OnSitePoint> people_on_site_series(std::vector<std::pair<UnixSeconds, int>> changes);
int peak_on_site(std::span<const OnSitePoint> series);

// ---- the figures ------------------------------------------------------------------------------------

ComplianceCounts count_compliance(std::span<const DebriefAction> actions);
// Referrals of `type` that reached the receiving organisation (made, accepted or declined), by the
// organisation that made them, most first.
std::vector<CountByName> made_by_organisation(std::span<const DebriefReferral> referrals, ReferralType type);
// Where people went: each destination (in all_destinations order, zeros left out), then those still on
// site or out for a while.
std::vector<CountByName> outcomes_by_destination(std::span<const DebriefPerson> people);
// Each referral type that has any referral, in all_referral_types order, by status.
std::vector<ReferralOutcomeRow> referral_outcomes(std::span<const DebriefReferral> referrals);

// Fills the figure fields of `data` (compliance, by organisation, by destination, outcomes, the series
// and the summary) from its rows. Counts below kSmallCountThreshold are suppressed in the summary when
// data.small_counts_suppressed is set.
void compute_debrief_figures(DebriefData& data);

// The summary line with this key, or nullptr.
const Figure* find_figure(std::span<const Figure> summary, std::string_view key);

} // namespace rc
