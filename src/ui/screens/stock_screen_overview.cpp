// The Stock screen's first tab: bags on hand per store, and the forecast with its chart.
#include "ui/item_probe.hpp"
#include "ui/keys.hpp"
#include "ui/screens/stock_screen.hpp"
#include "ui/screens/stock_screen_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <imgui.h>
#include <utility>

namespace rc::ui {

using namespace stock_parts;

// ---- stock and forecast -----------------------------------------------------------------------------

void StockScreen::draw_overview(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    if (s.kinds.empty()) {
        paragraph_disabled("The procedure names no bag kinds.");
        return;
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail > em(52.0f);
    const float gap = em(1.0f);
    const float half = side_by_side ? (avail - gap) * 0.5f : avail;
    // Each table in a child of its own height, so the two can stand side by side.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_h = ImGui::GetTextLineHeight() + style.CellPadding.y * 2.0f;
    const float table_h = ImGui::GetTextLineHeightWithSpacing() +
                          row_h * static_cast<float>(s.kinds.size() + 1) + style.ItemSpacing.y * 2.0f;
    ImGui::BeginChild("##stock_on_hand", ImVec2(half, table_h), false, ImGuiWindowFlags_NoScrollbar);
    draw_on_hand(ctx);
    ImGui::EndChild();
    if (side_by_side) ImGui::SameLine(0.0f, gap);
    ImGui::BeginChild("##stock_forecast", ImVec2(half, table_h), false, ImGuiWindowFlags_NoScrollbar);
    draw_forecast(ctx);
    ImGui::EndChild();
    ImGui::Spacing();
    draw_chart(ctx, std::max(em(9.0f), ImGui::GetContentRegionAvail().y));
}

void StockScreen::draw_on_hand(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    ImGui::TextUnformatted("On hand");
    const int columns = static_cast<int>(s.stores.size()) + 2;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (columns > 64 || !ImGui::BeginTable("on_hand", columns, flags)) return;
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    for (const app::StockStoreView& st : s.stores)
        ImGui::TableSetupColumn(st.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Total", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableHeadersRow();
    for (std::size_t k = 0; k < s.kinds.size(); ++k) {
        const KindForecast* f = s.forecast.find(s.kinds[k].id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.kinds[k].name.c_str());
        for (std::size_t st = 0; st < s.stores.size(); ++st) {
            ImGui::TableNextColumn();
            const bool low = f && f->below_minimum && s.stores[st].kind == StockStoreKind::Centre;
            number(s.held_at(k, st), low ? palette().warning : nullptr);
        }
        ImGui::TableNextColumn();
        number(k < s.kind_totals.size() ? s.kind_totals[k] : 0,
               f && f->shortfall > 0 ? palette().danger : nullptr);
    }
    ImGui::EndTable();
}

void StockScreen::draw_forecast(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    ImGui::TextUnformatted("Forecast for the people on site and still expected");
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("forecast", 7, flags)) return;
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("At centre", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Minimum", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Needed", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Bring in", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Order", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Waiting", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    static constexpr const char* kTips[] = {
        nullptr,
        "Held by the stores at the centre, which bags are issued from",
        "The tier's minimum to hold at the centre",
        "For the people on site without a bag and the plan's share for those still expected",
        "Needed beyond the centre's stock that other stores hold: transfer them",
        "Needed beyond what every store holds: order them",
        "People on site without a bag who need this kind"};
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < 7; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        if (kTips[c] && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kTips[c]);
    }
    for (const KindForecast& k : s.forecast.kinds) {
        ImGui::TableNextRow();
        if (k.shortfall > 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, tint(palette().danger, 0.18f));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.name.c_str());
        ImGui::TableNextColumn();
        number(k.at_centre, k.below_minimum ? palette().warning : nullptr);
        ImGui::TableNextColumn();
        number(k.min_stock);
        ImGui::TableNextColumn();
        number(k.needed);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%d for people on site without a bag, %d for the people still expected",
                              k.for_waiting, k.for_expected);
        ImGui::TableNextColumn();
        number(k.to_bring_in, k.to_bring_in > 0 ? palette().warning : nullptr);
        ImGui::TableNextColumn();
        number(k.shortfall, k.shortfall > 0 ? palette().danger : nullptr);
        ImGui::TableNextColumn();
        number(k.for_waiting);
    }
    ImGui::EndTable();
}

void StockScreen::draw_chart(ScreenContext& ctx, float height) {
    const app::StockSnapshot& s = ctx.session.stock();
    const app::StockChart& c = s.chart;
    ImGui::TextUnformatted("Stock over time");
    ImGui::SameLine();
    ImGui::TextDisabled("(every store together, by the hour)");
    const std::size_t n = c.buckets();
    if (n == 0) {
        paragraph_disabled("No movements yet: the chart starts with the first delivery.");
        return;
    }
    // The legend: each kind with its level now.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        if (i > 0) ImGui::SameLine(0.0f, em(1.0f));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float box = ImGui::GetTextLineHeight() * 0.6f;
        const float y = at.y + (ImGui::GetTextLineHeight() - box) * 0.5f;
        dl->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + box, y + box), line_colour(i));
        ImGui::Dummy(ImVec2(box, ImGui::GetTextLineHeight()));
        ImGui::SameLine();
        ImGui::Text("%s %d", s.names.bag_kind(c.bag_kinds[i]).c_str(), static_cast<int>(c.lines[i].back()));
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x,
                      std::max(em(5.0f), height - ImGui::GetTextLineHeightWithSpacing() * 2.0f));
    ImGui::Dummy(size);
    const bool hovered = ImGui::IsItemHovered();
    const float label_w = em(2.5f);
    const float label_h = ImGui::GetTextLineHeight();
    const ImVec2 p0(origin.x + label_w, origin.y + label_h * 0.5f);
    const ImVec2 p1(origin.x + size.x - em(1.0f), origin.y + size.y - label_h * 1.5f);
    if (p1.x <= p0.x || p1.y <= p0.y) return;
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    // Four grid steps of a tidy size (1, 2, 5, 10, 20, 25, 50, ...) that hold the highest level.
    const int top = [&] {
        const int m = std::max(4, c.max_level);
        for (int scale = 1;; scale *= 10)
            for (const int step : {1, 2, 5, 10, 20, 25, 50})
                if (step * scale * 4 >= m) return step * scale * 4;
    }();
    for (int g = 0; g <= 4; ++g) {
        const float y = p1.y - (p1.y - p0.y) * static_cast<float>(g) / 4.0f;
        dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%d", top * g / 4);
        const float w = ImGui::CalcTextSize(buf).x;
        dl->AddText(ImVec2(p0.x - w - em(0.3f), y - label_h * 0.5f), text, buf);
    }
    const auto x_of = [&](std::size_t b) {
        return n == 1 ? p0.x : p0.x + (p1.x - p0.x) * static_cast<float>(b) / static_cast<float>(n - 1);
    };
    const auto y_of = [&](float level) { return p1.y - (p1.y - p0.y) * level / static_cast<float>(top); };
    for (std::size_t i = 0; i < chart_ticks_.size(); ++i) {
        const std::size_t b = chart_ticks_.size() == 1 ? 0 : i * (n - 1) / (chart_ticks_.size() - 1);
        const float w = ImGui::CalcTextSize(chart_ticks_[i].c_str()).x;
        const float x = std::clamp(x_of(b) - w * 0.5f, origin.x, origin.x + size.x - w);
        dl->AddText(ImVec2(x, p1.y + label_h * 0.25f), text, chart_ticks_[i].c_str());
    }
    // Steps: a level holds until the next bucket changes it.
    std::vector<ImVec2> points;
    points.reserve(n * 2 + 1);
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        const std::vector<float>& line = c.lines[i];
        points.clear();
        if (n == 1) {
            points.push_back(ImVec2(p0.x, y_of(line[0])));
            points.push_back(ImVec2(p1.x, y_of(line[0])));
        }
        for (std::size_t b = 0; b < n && n > 1; ++b) {
            if (b > 0) points.push_back(ImVec2(x_of(b), y_of(line[b - 1])));
            points.push_back(ImVec2(x_of(b), y_of(line[b])));
        }
        dl->AddPolyline(points.data(), static_cast<int>(points.size()), line_colour(i), 0, em(0.12f));
    }
    if (hovered && n > 1) {
        const float mx = ImGui::GetIO().MousePos.x;
        const float t = std::clamp((mx - p0.x) / (p1.x - p0.x), 0.0f, 1.0f);
        const std::size_t b = static_cast<std::size_t>(std::lround(t * static_cast<float>(n - 1)));
        dl->AddLine(ImVec2(x_of(b), p0.y), ImVec2(x_of(b), p1.y), text);
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(
            format_local_time(c.start + static_cast<UnixSeconds>(b) * c.bucket_seconds, "%a %H:%M").c_str());
        for (std::size_t i = 0; i < c.lines.size(); ++i)
            ImGui::Text("%s: %d", s.names.bag_kind(c.bag_kinds[i]).c_str(), static_cast<int>(c.lines[i][b]));
        ImGui::EndTooltip();
    }
}

} // namespace rc::ui
