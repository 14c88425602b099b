#pragma once
// What the Stock screen's tabs share (stock_screen*.cpp): colours, counts, the movement search.
// Not for use outside the Stock screen.
#include "app/stock_snapshot.hpp"
#include "domain/text_match.hpp"
#include "ui/theme.hpp"

#include <charconv>
#include <cstdio>
#include <imgui.h>
#include <optional>
#include <string>

namespace rc::ui::stock_parts {

inline ImVec4 colour(const float* c) {
    return ImVec4(c[0], c[1], c[2], c[3]);
}

inline ImU32 tint(const float* c, float alpha) {
    return ImGui::GetColorU32(ImVec4(c[0], c[1], c[2], alpha));
}

inline void coloured_text(const float* c, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour(c));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

inline void number(int n, const float* c = nullptr) {
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
inline ImU32 line_colour(std::size_t i) {
    static constexpr float kColours[][3] = {{0.26f, 0.59f, 0.98f}, {0.95f, 0.55f, 0.15f},
                                            {0.30f, 0.70f, 0.35f}, {0.70f, 0.45f, 0.90f},
                                            {0.90f, 0.35f, 0.45f}, {0.20f, 0.70f, 0.70f}};
    const float* c = kColours[i % (sizeof kColours / sizeof kColours[0])];
    return ImGui::GetColorU32(ImVec4(c[0], c[1], c[2], 1.0f));
}

inline std::optional<int> parse_count(const std::string& text) {
    const std::string_view t = trim_space(text);
    int value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
    return value;
}

inline bool matches(const app::StockMovementRow& r, const std::string& search) {
    if (search.empty()) return true;
    for (const std::string* text :
         {&r.id_text, &r.kind_text, &r.bag_text, &r.from_text, &r.to_text, &r.detail, &r.person_reference})
        if (contains_ignore_case(*text, search)) return true;
    return false;
}

} // namespace rc::ui::stock_parts
