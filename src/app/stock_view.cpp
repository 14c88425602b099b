#include "app/stock_view.hpp"

#include "domain/date.hpp"
#include "domain/procedure_rules.hpp"

#include <algorithm>

namespace rc::app {

namespace {

constexpr UnixSeconds kChartBucket = 3600;
constexpr std::size_t kChartMaxBuckets = 14 * 24; // two weeks of hours: older levels fold into the first

// Local "Tue 14:05", reusing the text while consecutive movements share a minute.
class MinuteText {
public:
    const std::string& operator()(UnixSeconds at) {
        if (at / 60 != minute_ || text_.empty()) {
            minute_ = at / 60;
            text_ = format_local_time(at, "%a %H:%M");
        }
        return text_;
    }

private:
    UnixSeconds minute_ = 0;
    std::string text_;
};

StockMovementRow movement_row(StockMovementInput&& r, const StockNames& names, MinuteText& minute) {
    StockMovementRow row;
    const StockMovement& m = r.movement;
    row.id_text = "#" + std::to_string(m.id);
    row.at_text = minute(m.at);
    row.kind_text = m.kind == MovementKind::Reversal && m.reverses
                        ? "Reversal of #" + std::to_string(*m.reverses)
                        : std::string(movement_kind_label(m.kind));
    row.bag_text = names.bag_kind(m.bag_kind);
    row.person_reference = r.person_reference;
    if (m.person && row.person_reference.empty())
        row.person_reference = "person #" + std::to_string(*m.person);
    if (m.from_store)
        row.from_text = names.store(*m.from_store);
    else if (m.person)
        row.from_text = row.person_reference;
    else if (m.kind == MovementKind::Received)
        row.from_text = m.supplier;
    if (m.to_store)
        row.to_text = names.store(*m.to_store);
    else if (m.person)
        row.to_text = row.person_reference;
    if (m.write_off) row.detail = std::string(write_off_reason_label(*m.write_off));
    row.reversed_by = r.reversed_by;
    if (r.reversed_by) {
        if (!row.detail.empty()) row.detail += "; ";
        row.detail += "reversed by #" + std::to_string(*r.reversed_by);
    }
    row.reversible = m.kind != MovementKind::Reversal && !r.reversed_by;
    row.movement = std::move(r.movement);
    return row;
}

// The hourly series on one time axis, so that the lines can share a chart.
StockChart make_chart(const std::vector<StockSeries>& series, const std::vector<BagKindView>& kinds) {
    StockChart chart;
    chart.bucket_seconds = kChartBucket;
    UnixSeconds first = 0, last = 0;
    bool any = false;
    for (const StockSeries& s : series) {
        if (s.points.empty()) continue;
        first = any ? std::min(first, s.points.front().at) : s.points.front().at;
        last = any ? std::max(last, s.points.back().at) : s.points.back().at;
        any = true;
    }
    if (!any) return chart;
    std::size_t buckets = static_cast<std::size_t>((last - first) / kChartBucket) + 1;
    if (buckets > kChartMaxBuckets) {
        first = last - static_cast<UnixSeconds>(kChartMaxBuckets - 1) * kChartBucket;
        buckets = kChartMaxBuckets;
    }
    chart.start = first;
    for (const BagKindView& k : kinds) {
        const auto s = std::find_if(series.begin(), series.end(),
                                    [&](const StockSeries& x) { return x.bag_kind == k.id; });
        if (s == series.end() || s->points.empty()) continue;
        std::vector<float> line(buckets, 0.0f);
        int level = 0;
        std::size_t next = 0;
        for (std::size_t b = 0; b < buckets; ++b) {
            const UnixSeconds bucket_at = first + static_cast<UnixSeconds>(b) * kChartBucket;
            while (next < s->points.size() && s->points[next].at <= bucket_at)
                level = s->points[next++].on_hand;
            line[b] = static_cast<float>(level);
            chart.max_level = std::max(chart.max_level, level);
        }
        chart.bag_kinds.push_back(k.id);
        chart.lines.push_back(std::move(line));
    }
    return chart;
}

} // namespace

StockSnapshot build_stock_snapshot(std::span<const BagKind> kinds, std::vector<StockStoreView> stores,
                                   std::vector<StockMovementInput> movements) {
    StockSnapshot s;
    s.stores = std::move(stores);
    for (const StockStoreView& st : s.stores)
        s.names.stores.emplace(st.id, st.name);
    for (const BagKind& k : kinds) {
        s.kinds.push_back({k.id, k.name, true});
        s.names.bag_kinds.emplace(k.id, k.name);
    }
    std::vector<StockMovement> in_order;
    in_order.reserve(movements.size());
    s.movements.reserve(movements.size());
    MinuteText minute;
    for (StockMovementInput& r : movements) {
        const StockMovement& m = r.movement;
        s.balances.apply(m);
        if (m.person) s.held_by_person[*m.person] += bags_to_person(m);
        StockMovement plain = m;
        plain.note.clear(); // the chart needs no notes
        in_order.push_back(std::move(plain));
        s.movements.push_back(movement_row(std::move(r), s.names, minute));
    }
    std::reverse(s.movements.begin(), s.movements.end());
    for (std::size_t i = 0; i < s.movements.size(); ++i)
        if (const auto& p = s.movements[i].movement.person) s.person_movements[*p].push_back(i);
    std::erase_if(s.held_by_person, [](const auto& e) { return e.second == 0; });
    for (const std::string& id : s.balances.bag_kinds())
        if (std::none_of(s.kinds.begin(), s.kinds.end(), [&](const BagKindView& k) { return k.id == id; }))
            s.kinds.push_back({id, s.names.bag_kind(id), false});
    s.on_hand.assign(s.kinds.size() * s.stores.size(), 0);
    s.kind_totals.assign(s.kinds.size(), 0);
    for (std::size_t k = 0; k < s.kinds.size(); ++k) {
        for (std::size_t st = 0; st < s.stores.size(); ++st)
            s.on_hand[k * s.stores.size() + st] = s.balances.on_hand(s.kinds[k].id, s.stores[st].id);
        s.kind_totals[k] = s.balances.total(s.kinds[k].id);
        s.total_on_hand += s.kind_totals[k];
    }
    s.series = rc::stock_over_time(in_order, kChartBucket);
    s.chart = make_chart(s.series, s.kinds);
    s.loaded = true;
    return s;
}

StockForecast forecast_for(const StockSnapshot& stock, const Procedure& procedure, Tier tier,
                           int expected_people, const PeopleSnapshot& people, UnixSeconds now) {
    StockForecastInput in;
    in.tier = tier;
    in.kinds = procedure.bag_kinds;
    in.plan = bag_plan(procedure, tier);
    in.expected_people = expected_people;
    in.received_people = static_cast<int>(people.rows.size());
    for (const StockStoreView& s : stock.stores)
        if (s.kind == StockStoreKind::Centre) in.centre_stores.push_back(s.id);
    for (const PersonRow& row : people.rows) {
        if (!(row.journey.on_site || row.journey.temporarily_out)) continue;
        if (stock.held_by(row.id) > 0) continue;
        const BagKindSuggestion s = suggest_bag_kind(
            row.person, local_date_of(row.journey.arrived_at.value_or(now)), procedure.bag_kinds);
        if (!s.bag_kind.empty()) ++in.waiting[s.bag_kind];
    }
    return forecast_stock(in, stock.balances, stock.names);
}

} // namespace rc::app
