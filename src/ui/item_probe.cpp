#include "ui/item_probe.hpp"

#include <algorithm>
#include <imgui.h>

namespace rc::ui {

namespace {
thread_local ItemProbe* g_probe = nullptr;
}

void set_item_probe(ItemProbe* probe) {
    g_probe = probe;
}
ItemProbe* item_probe() {
    return g_probe;
}

void probe_last_item(std::string_view label) {
    if (!g_probe) return;
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    g_probe->on_item(label, ItemRect{min.x, min.y, max.x, max.y}, ImGui::IsItemVisible());
}

void probe_last_field(std::string_view label, float width) {
    if (!g_probe) return;
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    g_probe->on_item(label, ItemRect{min.x, min.y, std::min(max.x, min.x + width), max.y},
                     ImGui::IsItemVisible());
}

} // namespace rc::ui
