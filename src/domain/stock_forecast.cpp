#include "domain/stock_forecast.hpp"

#include "domain/procedure_rules.hpp"

#include <algorithm>
#include <set>

namespace rc {

// ---- the kind of bag for a person -------------------------------------------------------------------

namespace {

struct Wanted {
    std::string id;
    bool sure = true; // a match is the kind made for this person, not the nearest one
};

std::string sex_suffix(Sex s) {
    if (s == Sex::Female) return "_female";
    if (s == Sex::Male) return "_male";
    return {};
}

} // namespace

BagKindSuggestion suggest_bag_kind(const Person& p, Date arrival_date, std::span<const BagKind> kinds) {
    if (kinds.empty()) return {};
    const AgeBand band = effective_age_band(p, arrival_date);
    const ChildStatus status = child_status(p, arrival_date);
    const std::string sex = sex_suffix(p.sex);

    std::vector<Wanted> wanted;
    bool known = true; // what the suggestion rests on was recorded
    if (band == AgeBand::From0To4) {
        wanted = {{"infant", true}, {"child", false}};
    } else if (treated_as_child(status) && age_established(status)) {
        if (!sex.empty()) wanted.push_back({"child" + sex, true});
        wanted.push_back({"child", true});
    } else {
        known = status != ChildStatus::Unknown && !sex.empty();
        if (!sex.empty()) wanted.push_back({"adult" + sex, true});
        wanted.push_back({"adult", sex.empty()});
    }

    for (const Wanted& w : wanted)
        for (const BagKind& k : kinds)
            if (k.id == w.id) return {k.id, w.sure && known};
    // A procedure with sizes ("adult_female_m"): the first size is a guess.
    for (const Wanted& w : wanted)
        for (const BagKind& k : kinds)
            if (k.id.starts_with(w.id)) return {k.id, false};
    return {kinds.front().id, false};
}

// ---- forecast ---------------------------------------------------------------------------------------

std::string_view stock_alert_kind_id(StockAlertKind k) {
    return k == StockAlertKind::Shortfall ? "shortfall" : "below_minimum";
}

bool StockForecast::has_shortfall() const {
    return std::any_of(kinds.begin(), kinds.end(), [](const KindForecast& k) { return k.shortfall > 0; });
}

const KindForecast* StockForecast::find(std::string_view bag_kind) const {
    for (const KindForecast& k : kinds)
        if (k.bag_kind == bag_kind) return &k;
    return nullptr;
}

namespace {

std::string people(int n) {
    return std::to_string(n) + (n == 1 ? " person" : " people");
}

std::string shortfall_message(const KindForecast& k, int still_expected) {
    std::string why;
    if (k.for_waiting > 0) why = std::to_string(k.for_waiting) + " for people on site without a bag";
    if (k.for_expected > 0) {
        if (!why.empty()) why += ", ";
        why += std::to_string(k.for_expected) + " for the " + people(still_expected) + " still expected";
    }
    return k.name + ": " + std::to_string(k.needed) + " needed (" + why + "); " + std::to_string(k.on_hand) +
           " in stock: order " + std::to_string(k.shortfall) + " more.";
}

std::string below_minimum_message(const KindForecast& k, Tier tier,
                                  const std::vector<StockBalance>& elsewhere, const StockNames& names) {
    std::string tier_name(tier_label(tier));
    for (char& c : tier_name)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::string m = k.name + ": " + std::to_string(k.at_centre) + " at the centre, below the minimum of " +
                    std::to_string(k.min_stock) + " for a " + tier_name + " centre.";
    if (elsewhere.empty()) return m + " No other store holds any: order a delivery.";
    m += " Transfer some from ";
    for (std::size_t i = 0; i < elsewhere.size(); ++i) {
        if (i > 0) m += ", ";
        m += names.store(elsewhere[i].store) + " (" + std::to_string(elsewhere[i].on_hand) + ")";
    }
    return m + ".";
}

} // namespace

StockForecast forecast_stock(const StockForecastInput& in, const StockBalances& balances,
                             const StockNames& names) {
    StockForecast f;
    f.tier = in.tier;
    f.expected_people = std::max(in.expected_people, 0);
    f.received_people = std::max(in.received_people, 0);
    f.still_expected = std::max(f.expected_people - f.received_people, 0);
    for (const auto& [kind, n] : in.waiting)
        f.waiting_for_bag += std::max(n, 0);

    // The procedure's kinds first, then anything planned, awaited or held that it does not name.
    std::vector<std::string> order;
    std::set<std::string, std::less<>> seen;
    const auto note = [&](const std::string& id) {
        if (seen.insert(id).second) order.push_back(id);
    };
    for (const BagKind& k : in.kinds)
        note(k.id);
    for (const BagPlanLine& line : in.plan)
        note(line.kind);
    for (const auto& [kind, n] : in.waiting)
        note(kind);
    for (const std::string& kind : balances.bag_kinds())
        note(kind);

    const bool whole_stock_at_centre = in.centre_stores.empty();
    const auto at_centre = [&](StockStoreId s) {
        return std::find(in.centre_stores.begin(), in.centre_stores.end(), s) != in.centre_stores.end();
    };

    std::vector<std::vector<StockBalance>> elsewhere_by_kind;
    for (const std::string& id : order) {
        KindForecast k;
        k.bag_kind = id;
        k.name = names.bag_kind(id);
        for (const BagKind& b : in.kinds)
            if (b.id == id && !b.name.empty()) k.name = b.name;
        k.on_hand = std::max(balances.total(id), 0);
        k.stores = balances.holders(id);
        std::vector<StockBalance> elsewhere;
        if (whole_stock_at_centre) {
            k.at_centre = k.on_hand;
        } else {
            for (const StockBalance& b : k.stores) {
                if (at_centre(b.store))
                    k.at_centre += b.on_hand;
                else
                    elsewhere.push_back(b);
            }
        }
        if (const auto w = in.waiting.find(id); w != in.waiting.end()) k.for_waiting = std::max(w->second, 0);
        for (const BagPlanLine& line : in.plan)
            if (line.kind == id) {
                k.min_stock = std::max(line.min_stock, 0);
                BagPlanLine share = line;
                share.min_stock = 0;
                k.for_expected = f.still_expected > 0 ? bags_needed(share, f.still_expected) : 0;
            }
        k.needed = k.for_waiting + k.for_expected;
        k.shortfall = std::max(k.needed - k.on_hand, 0);
        const int held_elsewhere = std::max(k.on_hand - k.at_centre, 0);
        k.to_bring_in = std::min(held_elsewhere, std::max(k.needed - k.at_centre, 0));
        k.below_minimum = k.min_stock > 0 && k.at_centre < k.min_stock;
        f.kinds.push_back(std::move(k));
        elsewhere_by_kind.push_back(std::move(elsewhere));
    }

    for (const KindForecast& k : f.kinds)
        if (k.shortfall > 0)
            f.alerts.push_back(
                {StockAlertKind::Shortfall, k.bag_kind, shortfall_message(k, f.still_expected)});
    for (std::size_t i = 0; i < f.kinds.size(); ++i) {
        const KindForecast& k = f.kinds[i];
        if (k.below_minimum)
            f.alerts.push_back({StockAlertKind::BelowMinimum, k.bag_kind,
                                below_minimum_message(k, f.tier, elsewhere_by_kind[i], names)});
    }
    return f;
}

// ---- stock over time --------------------------------------------------------------------------------

std::vector<StockSeries> stock_over_time(std::span<const StockMovement> movements,
                                         UnixSeconds bucket_seconds) {
    struct Running {
        int on_hand = 0;
        StockSeries series;
    };
    std::map<std::string, Running, std::less<>> by_kind;
    for (const StockMovement& m : movements) {
        const int delta = (m.to_store ? m.quantity : 0) - (m.from_store ? m.quantity : 0);
        if (delta == 0) continue;
        auto it = by_kind.find(m.bag_kind);
        if (it == by_kind.end()) {
            it = by_kind.emplace(m.bag_kind, Running{}).first;
            it->second.series.bag_kind = m.bag_kind;
        }
        Running& r = it->second;
        r.on_hand += delta;
        UnixSeconds stamp = m.at;
        if (bucket_seconds > 0) {
            stamp = m.at / bucket_seconds * bucket_seconds;
            if (stamp > m.at) stamp -= bucket_seconds; // floor for times before 1970
        }
        std::vector<StockPoint>& points = r.series.points;
        // A clock set back never makes the line run backwards.
        if (!points.empty() && stamp <= points.back().at)
            points.back().on_hand = r.on_hand;
        else
            points.push_back({stamp, r.on_hand});
    }
    std::vector<StockSeries> out;
    out.reserve(by_kind.size());
    for (auto& [kind, r] : by_kind)
        out.push_back(std::move(r.series));
    return out;
}

} // namespace rc
