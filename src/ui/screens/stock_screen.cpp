#include "ui/screens/stock_screen.hpp"

#include "domain/text_match.hpp"
#include "ui/item_probe.hpp"
#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <imgui.h>
#include <utility>

namespace rc::ui {

namespace {

ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

ImU32 tint(const float* c, float alpha) {
    return ImGui::GetColorU32(ImVec4(c[0], c[1], c[2], alpha));
}

void coloured_text(const float* c, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour(c));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void number(int n, const float* c = nullptr) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d", n);
    if (c)
        coloured_text(c, buf);
    else if (n == 0)
        ImGui::TextDisabled("0");
    else
        ImGui::TextUnformatted(buf);
}

// One colour per line of the chart, readable on both themes.
ImU32 line_colour(std::size_t i) {
    static constexpr float kColours[][3] = {{0.26f, 0.59f, 0.98f}, {0.95f, 0.55f, 0.15f},
                                            {0.30f, 0.70f, 0.35f}, {0.70f, 0.45f, 0.90f},
                                            {0.90f, 0.35f, 0.45f}, {0.20f, 0.70f, 0.70f}};
    const float* c = kColours[i % (sizeof kColours / sizeof kColours[0])];
    return ImGui::GetColorU32(ImVec4(c[0], c[1], c[2], 1.0f));
}

std::optional<int> parse_count(const std::string& text) {
    const std::string_view t = trim_space(text);
    int value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
    return value;
}

bool matches(const app::StockMovementRow& r, const std::string& search) {
    if (search.empty()) return true;
    for (const std::string* text :
         {&r.id_text, &r.kind_text, &r.bag_text, &r.from_text, &r.to_text, &r.detail, &r.person_reference})
        if (contains_ignore_case(*text, search)) return true;
    return false;
}

} // namespace

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

// ---- record a movement ------------------------------------------------------------------------------

bool StockScreen::kind_choice(ScreenContext& ctx, std::string& kind) {
    const app::StockSnapshot& s = ctx.session.stock();
    bool changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Kind");
    for (const app::BagKindView& k : s.kinds) {
        if (!k.in_procedure) continue;
        ImGui::SameLine();
        const std::string label = k.name + kind_radio(k.id);
        if (radio(label.c_str(), kind == k.id)) {
            kind = k.id;
            changed = true;
        }
    }
    return changed;
}

bool StockScreen::store_choice(ScreenContext& ctx, const char* role, std::int64_t& store) {
    const app::StockSnapshot& s = ctx.session.stock();
    bool changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s", role[0] == 'f' ? "From store" : "Into store");
    std::size_t kind_index = s.kinds.size();
    for (std::size_t k = 0; k < s.kinds.size(); ++k)
        if (s.kinds[k].id == kind_) kind_index = k;
    for (std::size_t st = 0; st < s.stores.size(); ++st) {
        ImGui::SameLine();
        const int held = kind_index < s.kinds.size() ? s.held_at(kind_index, st) : 0;
        const std::string label =
            s.stores[st].name + " (" + std::to_string(held) + ")" + store_radio(role, s.stores[st].id);
        if (radio(label.c_str(), store == s.stores[st].id)) {
            store = s.stores[st].id;
            changed = true;
        }
    }
    return changed;
}

void StockScreen::draw_record(ScreenContext& ctx) {
    const bool may_handle = ctx.session.can(Permission::HandleStock);
    const bool may_manage = ctx.session.can(Permission::ManageStock);
    if (!may_handle) {
        paragraph_disabled("Your role cannot record stock movements.");
        return;
    }
    paragraph_disabled("Bags issued to a person are recorded at the arrivals desk (select them, Ctrl+B). "
                       "Store names show what each holds of the chosen kind.");
    if (radio(kActionReceive, action_ == Action::Receive)) action_ = Action::Receive;
    ImGui::SameLine();
    if (radio(kActionTransfer, action_ == Action::Transfer)) action_ = Action::Transfer;
    ImGui::SameLine();
    if (radio(kActionReturn, action_ == Action::Return)) action_ = Action::Return;
    if (may_manage) {
        ImGui::SameLine();
        if (radio(kActionWriteOff, action_ == Action::WriteOff)) action_ = Action::WriteOff;
    } else if (action_ == Action::WriteOff) {
        action_ = Action::Receive;
    }
    ImGui::Spacing();
    kind_choice(ctx, kind_);
    ImGui::SetNextItemWidth(em(5.0f));
    take_focus(Tab::Record);
    bool enter = false;
    input_int(kQuantity, &quantity_);
    enter |= ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(keys::Enter, false);
    const float w = em(18.0f);
    switch (action_) {
    case Action::Receive:
        store_choice(ctx, "to", to_store_);
        ImGui::SetNextItemWidth(w);
        enter |=
            input_text(kSupplier, "e.g. Mothers' Union", supplier_, ImGuiInputTextFlags_EnterReturnsTrue);
        break;
    case Action::Transfer:
        store_choice(ctx, "from", from_store_);
        store_choice(ctx, "to", to_store_);
        break;
    case Action::Return:
        store_choice(ctx, "to", to_store_);
        ImGui::SetNextItemWidth(em(10.0f));
        enter |=
            input_text(kReturnPerson, "OP-0001-017", person_reference_, ImGuiInputTextFlags_EnterReturnsTrue);
        break;
    case Action::WriteOff:
        store_choice(ctx, "from", from_store_);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Reason");
        for (WriteOffReason r : all_write_off_reasons) {
            ImGui::SameLine();
            const std::string label =
                std::string(write_off_reason_label(r)) + "##reason_" + std::string(write_off_reason_id(r));
            if (radio(label.c_str(), write_off_reason_ == r)) write_off_reason_ = r;
        }
        break;
    }
    if (action_ != Action::Transfer) {
        ImGui::SetNextItemWidth(w);
        enter |= input_text(kNote, action_ == Action::WriteOff ? "what happened" : "optional", note_,
                            ImGuiInputTextFlags_EnterReturnsTrue);
    }
    if (!(button(kRecord) || enter)) return;

    app::EditResult r;
    switch (action_) {
    case Action::Receive:
        r = ctx.session.receive_stock(kind_, quantity_, to_store_, supplier_, note_);
        break;
    case Action::Transfer:
        if (from_store_ == to_store_) {
            r = {false, "Choose two different stores to move bags between."};
            break;
        }
        r = ctx.session.transfer_stock(kind_, quantity_, from_store_, to_store_);
        break;
    case Action::Return: {
        std::optional<std::int64_t> person;
        const std::string_view typed = trim_space(person_reference_);
        if (!typed.empty()) {
            for (const app::PersonRow& p : ctx.session.people().rows)
                if (equals_ignore_case(p.person.reference, typed)) person = p.id;
            if (!person) {
                r = {false, "Nobody has the reference '" + std::string(typed) +
                                "': check it on the Arrivals screen, or leave it empty for bags found."};
                break;
            }
        }
        r = ctx.session.return_stock(kind_, quantity_, to_store_, person, note_);
        break;
    }
    case Action::WriteOff:
        r = ctx.session.write_off_stock(kind_, quantity_, from_store_, write_off_reason_, note_);
        break;
    }
    report(r);
    if (r.ok) {
        note_.clear();
        person_reference_.clear();
        focus_tab_ = Tab::Record;
    }
}

// ---- stocktake --------------------------------------------------------------------------------------

void StockScreen::draw_stocktake(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    if (!ctx.session.can(Permission::ManageStock)) {
        paragraph_disabled("Only a coordinator records a stocktake.");
        return;
    }
    const std::size_t cells = s.kinds.size() * s.stores.size();
    if (counts_.size() != cells) counts_.assign(cells, std::string());
    paragraph_disabled("Count what each store holds and type the numbers (leave a field empty for what "
                       "was not counted). Preview the differences, then confirm: each becomes an adjustment "
                       "in the ledger.");
    // Sized to its rows, and never to the preview below it: the buttons stay where they are.
    const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
    const float rows_h = row_h * static_cast<float>(cells + 1) + ImGui::GetStyle().ItemSpacing.y;
    const float table_h = std::clamp(ImGui::GetContentRegionAvail().y - em(12.0f), em(6.0f), rows_h);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    bool edited = false;
    if (ImGui::BeginTable("stocktake", 5, flags,
                          ImVec2(std::min(em(40.0f), ImGui::GetContentRegionAvail().x), table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Store", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("On record", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Counted", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn("Difference", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableHeadersRow();
        for (std::size_t k = 0; k < s.kinds.size(); ++k)
            for (std::size_t st = 0; st < s.stores.size(); ++st) {
                const std::size_t i = k * s.stores.size() + st;
                const int held = s.held_at(k, st);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(s.kinds[k].name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.stores[st].name.c_str());
                ImGui::TableNextColumn();
                number(held);
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-1.0f);
                if (i == 0) take_focus(Tab::Stocktake);
                const std::string field = count_field(s.kinds[k].id, s.stores[st].id);
                edited |= input_text(field.c_str(), "", counts_[i], ImGuiInputTextFlags_CharsDecimal);
                ImGui::TableNextColumn();
                if (const auto counted = parse_count(counts_[i])) {
                    const int diff = *counted - held;
                    char buf[16];
                    std::snprintf(buf, sizeof buf, diff > 0 ? "+%d" : "%d", diff);
                    if (diff == 0)
                        ImGui::TextDisabled("0");
                    else
                        coloured_text(palette().warning, buf);
                }
            }
        ImGui::EndTable();
    }
    if (edited) stocktake_plan_.reset();
    ImGui::SetNextItemWidth(em(18.0f));
    input_text(kStocktakeNote, "e.g. end of day count", stocktake_note_);

    // The counts typed, as the ledger takes them; a field that is not a number is a problem.
    std::vector<StockCount> counts;
    std::vector<std::string> typing_problems;
    for (std::size_t k = 0; k < s.kinds.size(); ++k)
        for (std::size_t st = 0; st < s.stores.size(); ++st) {
            const std::string& text = counts_[k * s.stores.size() + st];
            if (trim_space(text).empty()) continue;
            if (const auto counted = parse_count(text))
                counts.push_back({s.kinds[k].id, s.stores[st].id, *counted});
            else
                typing_problems.push_back(s.kinds[k].name + " at " + s.stores[st].name + ": '" + text +
                                          "' is not a whole number.");
        }
    ImGui::BeginDisabled(counts.empty() && typing_problems.empty());
    if (button(kStocktakePreview)) {
        stocktake_plan_ = plan_stocktake(s.balances, counts, s.names, stocktake_note_);
        for (std::string& p : typing_problems)
            stocktake_plan_->problems.push_back(std::move(p));
        plan_version_ = s.version;
        message_.clear();
    }
    ImGui::EndDisabled();
    // Stock that moved since the preview needs a new one: the differences may have changed.
    if (stocktake_plan_ && plan_version_ != s.version) stocktake_plan_.reset();
    ImGui::SameLine();
    ImGui::BeginDisabled(!stocktake_plan_ || !stocktake_plan_->ok());
    bool confirmed = false;
    if (button(kStocktakeConfirm)) {
        const app::EditResult r = ctx.session.apply_stocktake(counts, stocktake_note_);
        report(r);
        confirmed = r.ok;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (button(kStocktakeClear) || confirmed) {
        counts_.assign(cells, std::string());
        stocktake_plan_.reset();
        if (confirmed) stocktake_note_.clear();
    }
    if (!stocktake_plan_) return;
    const StockNames& names = s.names;
    if (stocktake_plan_->ok() && stocktake_plan_->adjustments.empty())
        paragraph("Every count matches the stock on record: confirming records the stocktake with no "
                  "adjustment.");
    for (const StockMovement& m : stocktake_plan_->adjustments) {
        const bool in = m.to_store.has_value();
        const StockStoreId store = in ? *m.to_store : m.from_store.value_or(0);
        ImGui::Bullet();
        ImGui::Text("%s at %s: %s%d (an adjustment %s the store)", names.bag_kind(m.bag_kind).c_str(),
                    names.store(store).c_str(), in ? "+" : "\u2212", m.quantity, in ? "into" : "out of");
    }
    for (const std::string& p : stocktake_plan_->problems) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Bullet();
        paragraph(p.c_str());
        ImGui::PopStyleColor();
    }
}

// ---- movements --------------------------------------------------------------------------------------

void StockScreen::draw_movements(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    ImGui::SetNextItemWidth(em(16.0f));
    take_focus(Tab::Movements);
    input_text(kMovementSearch, "Search: reference, kind, store, #id", movement_search_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(10.0f));
    const std::string kind_label =
        movement_kind_ ? std::string(movement_kind_label(*movement_kind_)) : std::string("Every movement");
    if (ImGui::BeginCombo("##movement_kind", kind_label.c_str())) {
        if (ImGui::Selectable("Every movement", !movement_kind_)) movement_kind_.reset();
        for (MovementKind k : all_movement_kinds)
            if (ImGui::Selectable(std::string(movement_kind_label(k)).c_str(), movement_kind_ == k))
                movement_kind_ = k;
        ImGui::EndCombo();
    }
    if (s.version != movements_version_ || movement_search_ != cached_search_ ||
        movement_kind_ != cached_kind_) {
        movement_order_.clear();
        const std::string search(trim_space(movement_search_));
        for (std::size_t i = 0; i < s.movements.size(); ++i) {
            const app::StockMovementRow& r = s.movements[i];
            if (movement_kind_ && r.movement.kind != *movement_kind_) continue;
            if (matches(r, search)) movement_order_.push_back(i);
        }
        movements_version_ = s.version;
        cached_search_ = movement_search_;
        cached_kind_ = movement_kind_;
        ++movement_rebuilds_;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu, newest first", movement_order_.size(), s.movements.size());
    if (s.movements.empty()) {
        paragraph_disabled(
            "No movements yet: record a delivery (Ctrl+R) or import a delivery note (Ctrl+I).");
        return;
    }
    const bool may_reverse = ctx.session.can(Permission::ManageStock);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("movements", 10, flags, ImVec2(0.0f, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Movement", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Qty", ImGuiTableColumnFlags_WidthStretch, 0.4f);
    ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("To", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(4.5f));
    ImGui::TableHeadersRow();
    std::optional<std::size_t> reverse;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(movement_order_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::size_t index = movement_order_[static_cast<std::size_t>(i)];
            const app::StockMovementRow& r = s.movements[index];
            ImGui::TableNextRow();
            const bool reversed = r.reversed_by.has_value() || r.movement.kind == MovementKind::Reversal;
            if (reversed)
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.id_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.at_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.kind_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.bag_text.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.movement.quantity);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.from_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.to_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.detail.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.movement.note.c_str());
            if (reversed) ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            if (may_reverse && r.reversible) {
                const std::string label = reverse_button(r.movement.id);
                if (small_button(label.c_str())) reverse = index;
            }
        }
    }
    ImGui::EndTable();
    if (reverse) {
        const app::StockMovementRow& r = s.movements[*reverse];
        reversing_ = r.movement.id;
        reverse_text_ = r.id_text + " " + r.at_text + ": " + r.kind_text + ", " +
                        std::to_string(r.movement.quantity) + " " + r.bag_text +
                        (r.from_text.empty() ? "" : ", from " + r.from_text) +
                        (r.to_text.empty() ? "" : ", to " + r.to_text) + ".";
        reverse_reason_.clear();
        open_reverse_ = true;
    }
}

void StockScreen::draw_reverse_dialog(ScreenContext& ctx) {
    if (open_reverse_) {
        ImGui::OpenPopup(kReverseDialog);
        open_reverse_ = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(em(36.0f), vp->WorkSize.x * 0.9f), 0.0f));
    if (!ImGui::BeginPopupModal(kReverseDialog, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    paragraph("History is never edited: reversing records a new movement that moves the same bags back. "
              "Say why.");
    ImGui::Spacing();
    paragraph(reverse_text_.c_str());
    ImGui::Spacing();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(em(22.0f));
    const bool enter = input_text(kReverseReason, "e.g. issued to the wrong person", reverse_reason_,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    const bool has_reason = !trim_space(reverse_reason_).empty();
    ImGui::BeginDisabled(!has_reason);
    if ((button(kReverseConfirm) || (enter && has_reason)) && reversing_) {
        report(ctx.session.reverse_stock_movement(*reversing_, reverse_reason_));
        reversing_.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (button("Cancel (Esc)##reverse_cancel") || ImGui::IsKeyPressed(keys::Escape, false)) {
        reversing_.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// ---- delivery note ----------------------------------------------------------------------------------

void StockScreen::draw_delivery(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    std::string kinds, stores;
    for (const app::BagKindView& k : s.kinds)
        if (k.in_procedure) kinds += (kinds.empty() ? "" : ", ") + k.id;
    for (const app::StockStoreView& st : s.stores)
        stores += (stores.empty() ? "" : ", ") + st.code;
    paragraph_disabled(
        "A delivery note: a CSV file (UTF-8, header row) with the columns kind, store, quantity "
        "and from, one row per kind and store. A file with any bad row is refused as a whole, "
        "with every problem listed.");
    ImGui::Text("Kinds: %s", kinds.c_str());
    ImGui::Text("Stores: %s", stores.c_str());
    if (!ctx.session.can(Permission::Import)) {
        paragraph_disabled("Only a coordinator imports files.");
        return;
    }
    ImGui::TextUnformatted("The file's full path");
    take_focus(Tab::Delivery);
    if (delivery_field_.draw(ctx.desktop, delivery_path_, em(40.0f))) delivery_preview_.reset();
    const bool enter = ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(keys::Enter, false);
    if (button(kDeliveryPreview) || enter) {
        delivery_preview_ = ctx.session.preview_stock_import(delivery_path_);
        message_.clear();
    }
    if (!delivery_preview_) return;
    const app::StockImportPreview& p = *delivery_preview_;
    for (const std::string& e : p.errors) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour(palette().danger));
        ImGui::Bullet();
        paragraph(e.c_str());
        ImGui::PopStyleColor();
    }
    for (const std::string& w : p.warnings) {
        ImGui::Bullet();
        paragraph(w.c_str());
    }
    if (!p.ok()) return;
    ImGui::Text("%zu line%s, %d bag%s, ready to import:", p.lines.size(), p.lines.size() == 1 ? "" : "s",
                p.bags, p.bags == 1 ? "" : "s");
    const float table_h =
        std::min(ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 1.5f,
                 ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(p.lines.size() + 2));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("delivery_lines", 5, flags, ImVec2(0.0f, std::max(em(4.0f), table_h)))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Line", ImGuiTableColumnFlags_WidthStretch, 0.4f);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Store", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Quantity", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(p.lines.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const DeliveryLine& l = p.lines[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%u", l.line);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.names.bag_kind(l.bag_kind).c_str());
                ImGui::TableNextColumn();
                std::string store_name = l.store;
                for (const app::StockStoreView& st : s.stores)
                    if (st.code == l.store) store_name = st.name;
                ImGui::TextUnformatted(store_name.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%d", l.quantity);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(l.from.c_str());
            }
        ImGui::EndTable();
    }
    if (button(kDeliveryImport)) {
        const app::EditResult r = ctx.session.import_stock(delivery_path_);
        report(r);
        if (r.ok) delivery_preview_.reset();
    }
}

// ---- stores -----------------------------------------------------------------------------------------

void StockScreen::draw_stores(ScreenContext& ctx) {
    const app::StockSnapshot& s = ctx.session.stock();
    const bool may = ctx.session.can(Permission::ManageStock);
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("stores", 5, flags,
                          ImVec2(std::min(em(44.0f), ImGui::GetContentRegionAvail().x), 0.0f))) {
        ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn("Bags", ImGuiTableColumnFlags_WidthStretch, 0.5f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(3.0f));
        ImGui::TableHeadersRow();
        std::optional<std::size_t> edit;
        for (std::size_t st = 0; st < s.stores.size(); ++st) {
            const app::StockStoreView& v = s.stores[st];
            int bags = 0;
            for (std::size_t k = 0; k < s.kinds.size(); ++k)
                bags += s.held_at(k, st);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(v.code.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(stock_store_kind_label(v.kind)).c_str());
            ImGui::TableNextColumn();
            number(bags);
            ImGui::TableNextColumn();
            if (may) {
                const std::string label = "Edit##store_edit_" + std::to_string(v.id);
                if (small_button(label.c_str())) edit = st;
            }
        }
        ImGui::EndTable();
        if (edit) {
            const app::StockStoreView& v = s.stores[*edit];
            store_editing_ = v.id;
            store_form_ = {v.code, v.name, v.kind};
        }
    }
    if (!may) {
        paragraph_disabled("Only a coordinator adds or changes stores.");
        return;
    }
    ImGui::Spacing();
    heading(store_editing_ ? "Change the store" : "Add a store");
    ImGui::SetNextItemWidth(em(10.0f));
    input_text(kStoreCode, "e.g. ripley-police", store_form_.code);
    ImGui::SetNextItemWidth(em(18.0f));
    input_text(kStoreName, "e.g. Ripley police station", store_form_.name);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Where");
    for (StockStoreKind k : all_stock_store_kinds) {
        ImGui::SameLine();
        const std::string label =
            std::string(stock_store_kind_label(k)) + "##store_kind_" + std::string(stock_store_kind_id(k));
        if (radio(label.c_str(), store_form_.kind == k)) store_form_.kind = k;
    }
    if (button(kStoreSave)) {
        const app::EditResult r = ctx.session.save_stock_store(store_editing_, store_form_);
        report(r);
        if (r.ok) {
            store_form_ = {};
            store_editing_.reset();
        }
    }
    if (store_editing_) {
        ImGui::SameLine();
        if (button("Add a new store instead##store_new")) {
            store_form_ = {};
            store_editing_.reset();
        }
    }
}

} // namespace rc::ui
