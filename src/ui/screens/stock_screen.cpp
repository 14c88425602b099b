#include "ui/screens/stock_screen.hpp"

#include "ui/widgets.hpp"

namespace rc::ui {

void StockScreen::draw(ScreenContext& ctx) {
    (void)ctx;
    heading(title());
    coming_soon("Emergency support bags: how many of each kind are held, where, and how long they will last "
                "at the rate they are being handed out.",
                {"Bags by kind (adult male, adult female, child, infant, sizes) in each store.",
                 "Deliveries, bags issued to a person, transfers between stores and write-offs, each with a "
                 "reason.",
                 "Minimum levels, and a forecast of when each kind will run out."});
}

} // namespace rc::ui
