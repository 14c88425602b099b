#pragma once
// Dear ImGui 1.86 has no test engine and keeps no per-item rectangles, so the console's own widget
// wrappers (widgets.hpp) report each interactive item's label and rectangle to an optional probe.
// The headless UI tests install one to find "the button labelled X" and click it; in the program no
// probe is installed and the cost is one pointer test per item.
#include <string_view>

namespace rc::ui {

struct ItemRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float center_x() const { return (x0 + x1) * 0.5f; }
    float center_y() const { return (y0 + y1) * 0.5f; }
};

class ItemProbe {
public:
    virtual ~ItemProbe() = default;
    // `label` is the full ImGui label, "##id" suffix included; `visible` tells whether ImGui drew it.
    virtual void on_item(std::string_view label, const ItemRect& rect, bool visible) = 0;
};

// Installs (or with nullptr removes) the probe for the current thread's UI.
void set_item_probe(ItemProbe* probe);
ItemProbe* item_probe();

// Reports ImGui's last item under `label` to the probe, if one is installed.
void probe_last_item(std::string_view label);
// The same for a field with its label drawn to the right: reports the field's frame only (`width`
// wide), so that a click at its centre lands in the field rather than on the label.
void probe_last_field(std::string_view label, float width);

} // namespace rc::ui
