// The Stock screen: its tabs, shortcuts and cached rows, and the summary line. Each tab is drawn in a
// file of its own (stock_screen_<tab>.cpp).
#include "ui/screens/stock_screen.hpp"

#include "ui/item_probe.hpp"
#include "ui/keys.hpp"
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

// ---- frame ------------------------------------------------------------------------------------------

void StockScreen::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || io.KeyAlt || io.KeyShift) return;
    const auto key = [](char c) { return ImGui::IsKeyPressed(keys::A + (c - 'A'), false); };
    const std::pair<char, Tab> shortcuts[] = {{'O', Tab::Overview},
                                              {'R', Tab::Record},
                                              {'T', Tab::Stocktake},
                                              {'M', Tab::Movements},
                                              {'I', Tab::Delivery}};
    for (const auto& [letter, which] : shortcuts)
        if (key(letter)) {
            requested_tab_ = which;
            focus_tab_ = which; // its first field takes the keyboard once it is drawn
        }
}

bool StockScreen::take_focus(Tab which) {
    if (focus_tab_ != which) return false;
    focus_tab_.reset();
    ImGui::SetKeyboardFocusHere();
    return true;
}

void StockScreen::report(const app::EditResult& r) {
    message_ = r.ok && r.message.empty() ? "Saved." : r.message;
    message_is_error_ = !r.ok;
}

bool StockScreen::tab(const char* label, Tab which) {
    const ImGuiTabItemFlags flags = requested_tab_ == which ? ImGuiTabItemFlags_SetSelected : 0;
    const bool open = ImGui::BeginTabItem(label, nullptr, flags);
    probe_last_item(label);
    if (open) tab_ = which;
    return open;
}

void StockScreen::refresh_caches(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    if (s.version == cached_version_) return;
    cached_version_ = s.version;
    const StockForecast& f = s.forecast;
    int at_centre = 0;
    for (const KindForecast& k : f.kinds)
        at_centre += k.at_centre;
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "%d bag%s in %zu store%s, %d at the centre. %d %s on site waiting for a bag; %d still "
                  "expected (%d expected in all, %s centre).",
                  s.total_on_hand, s.total_on_hand == 1 ? "" : "s", s.stores.size(),
                  s.stores.size() == 1 ? "" : "s", at_centre, f.waiting_for_bag,
                  f.waiting_for_bag == 1 ? "person" : "people", f.still_expected, f.expected_people,
                  to_lower_ascii(tier_label(f.tier)).c_str());
    summary_ = buf;
    shortfall_line_.clear();
    below_minimum_line_.clear();
    for (const KindForecast& k : f.kinds) {
        if (k.shortfall > 0)
            shortfall_line_ +=
                (shortfall_line_.empty() ? "" : ", ") + k.name + " " + std::to_string(k.shortfall);
        if (k.below_minimum)
            below_minimum_line_ += (below_minimum_line_.empty() ? "" : ", ") + k.name + " " +
                                   std::to_string(k.at_centre) + " of " + std::to_string(k.min_stock);
    }
    if (!shortfall_line_.empty()) shortfall_line_ = "Will run short, order: " + shortfall_line_ + ".";
    if (!below_minimum_line_.empty())
        below_minimum_line_ = "Below the tier's minimum at the centre: " + below_minimum_line_ + ".";
    chart_ticks_.clear();
    const app::StockChart& c = s.chart;
    const std::size_t n = c.buckets();
    if (n > 0) {
        const std::size_t ticks = std::min<std::size_t>(n, 6);
        for (std::size_t i = 0; i < ticks; ++i) {
            const std::size_t b = ticks == 1 ? 0 : i * (n - 1) / (ticks - 1);
            chart_ticks_.push_back(
                format_local_time(c.start + static_cast<UnixSeconds>(b) * c.bucket_seconds, "%a %H:%M"));
        }
    }
    // A form's store or kind that no longer exists falls back to the first.
    if (!s.stores.empty()) {
        if (!s.find_store(from_store_)) from_store_ = s.stores.front().id;
        if (!s.find_store(to_store_)) to_store_ = s.stores.front().id;
    }
    if (std::none_of(s.kinds.begin(), s.kinds.end(),
                     [&](const app::BagKindView& k) { return k.id == kind_; }))
        kind_ = s.kinds.empty() ? std::string() : s.kinds.front().id;
}

void StockScreen::draw(ScreenContext& ctx) {
    handle_shortcuts();
    refresh_caches(ctx);
    heading(title());
    const app::StockSnapshot& s = ctx.session.stock();
    if (!s.loaded) {
        paragraph_disabled("No stock record is open: sign in to a centre database to see its support bags.");
        return;
    }
    draw_summary(ctx);
    result_message(message_, message_is_error_);
    if (ImGui::BeginTabBar("stock_tabs")) {
        if (tab(kTabOverview, Tab::Overview)) {
            draw_overview(ctx);
            ImGui::EndTabItem();
        }
        if (tab(kTabRecord, Tab::Record)) {
            draw_record(ctx);
            ImGui::EndTabItem();
        }
        if (tab(kTabStocktake, Tab::Stocktake)) {
            draw_stocktake(ctx);
            ImGui::EndTabItem();
        }
        if (tab(kTabMovements, Tab::Movements)) {
            draw_movements(ctx);
            ImGui::EndTabItem();
        }
        if (tab(kTabDelivery, Tab::Delivery)) {
            draw_delivery(ctx);
            ImGui::EndTabItem();
        }
        if (tab(kTabStores, Tab::Stores)) {
            draw_stores(ctx);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    requested_tab_.reset();
    draw_reverse_dialog(ctx);
}

void StockScreen::draw_summary(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    paragraph(summary_.c_str());
    // One line per kind of alert (a line per kind and alert would push the tables off a small screen);
    // each kind's full sentence on hover.
    const auto alert_line = [&](const std::string& line, StockAlertKind kind, const float* c) {
        if (line.empty()) return;
        ImGui::PushStyleColor(ImGuiCol_Text, colour(c));
        ImGui::Bullet();
        paragraph(line.c_str());
        ImGui::PopStyleColor();
        if (!ImGui::IsItemHovered()) return;
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(36.0f));
        for (const StockAlert& a : s.forecast.alerts)
            if (a.kind == kind) ImGui::TextUnformatted(a.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    };
    alert_line(shortfall_line_, StockAlertKind::Shortfall, palette().danger);
    alert_line(below_minimum_line_, StockAlertKind::BelowMinimum, palette().warning);
}

} // namespace rc::ui
