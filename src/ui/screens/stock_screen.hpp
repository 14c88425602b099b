#pragma once
#include "app/form_fields.hpp"
#include "os/example_paths.hpp"
#include "ui/path_field.hpp"
#include "ui/screen.hpp"
#include "ui/screens/record_conflict_dialog.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rc::ui {

// Emergency support bags: what each store holds of each kind, the forecast for the people on site
// and still expected (shortfalls and kinds below the tier's minimum stand out), stock over time,
// forms for deliveries, transfers, returns and write-offs, a stocktake (counts, the differences
// previewed, then confirmed), the ledger newest first with reversals, a delivery note import, and the
// stores. Keyboard: Ctrl+O stock and forecast, Ctrl+R record a movement, Ctrl+T stocktake, Ctrl+M
// movements, Ctrl+I delivery note. Everything drawn comes from the stock snapshot; the movements table
// is clipped to the visible rows over cached indices, so 50,000 movements cost what 30 do.
class StockScreen final : public Screen {
public:
    const char* id() const override { return "stock"; }
    const char* title() const override { return "Stock"; }
    void draw(ScreenContext& ctx) override;
    // A low-stock alert opens the stock and forecast tab.
    void focus(const AlertTarget& target) override {
        (void)target;
        requested_tab_ = Tab::Overview;
    }

    enum class Tab { Overview, Record, Stocktake, Movements, Delivery, Stores };
    enum class Action { Receive, Transfer, Return, WriteOff };
    void show_tab(Tab tab) { requested_tab_ = tab; }
    Tab tab() const { return tab_; }
    const std::string& message() const { return message_; }
    const RecordConflictDialog<app::StockStoreForm>& store_conflict() const { return store_conflict_; }
    const app::StockStoreForm& store_form() const { return store_form_; }
    // Starts editing a store of the snapshot (as its Edit button does).
    void edit_store(const app::StockStoreView& v);
    bool message_is_error() const { return message_is_error_; }
    std::size_t visible_movements() const { return movement_order_.size(); }
    std::uint64_t movement_cache_rebuilds() const { return movement_rebuilds_; }

    static constexpr const char* kTabOverview = "Stock and forecast (Ctrl+O)###stock_tab_overview";
    static constexpr const char* kTabRecord = "Record a movement (Ctrl+R)###stock_tab_record";
    static constexpr const char* kTabStocktake = "Stocktake (Ctrl+T)###stock_tab_stocktake";
    static constexpr const char* kTabMovements = "Movements (Ctrl+M)###stock_tab_movements";
    static constexpr const char* kTabDelivery = "Delivery note (Ctrl+I)###stock_tab_delivery";
    static constexpr const char* kTabStores = "Stores###stock_tab_stores";

    static constexpr const char* kActionReceive = "Receive a delivery##act_receive";
    static constexpr const char* kActionTransfer = "Transfer between stores##act_transfer";
    static constexpr const char* kActionReturn = "Return unused bags##act_return";
    static constexpr const char* kActionWriteOff = "Write off##act_write_off";
    static constexpr const char* kQuantity = "Quantity##stock_quantity";
    static constexpr const char* kSupplier = "From (organisation)##stock_supplier";
    static constexpr const char* kReturnPerson = "From person (reference, optional)##stock_person";
    static constexpr const char* kNote = "Note##stock_note";
    static constexpr const char* kRecord = "Record (Enter)##stock_record";

    static constexpr const char* kStocktakeNote = "Note##stocktake_note";
    static constexpr const char* kStocktakePreview = "Preview the differences";
    static constexpr const char* kStocktakeConfirm = "Confirm the stocktake";
    static constexpr const char* kStocktakeClear = "Clear the counts";

    static constexpr const char* kMovementSearch = "##movement_search";
    static constexpr const char* kReverseReason = "Reason##reverse_reason";
    static constexpr const char* kReverseConfirm = "Reverse the movement";
    static constexpr const char* kReverseDialog = "Reverse a movement###reverse_movement";

    static constexpr const char* kDeliveryPath = "##delivery_path";
    static constexpr const char* kDeliveryPreview = "Check the file##delivery_preview";
    static constexpr const char* kDeliveryImport = "Import the delivery##delivery_import";

    static constexpr const char* kStoreCode = "Code##store_code";
    static constexpr const char* kStoreName = "Name##store_name";
    static constexpr const char* kStoreSave = "Save the store##store_save";

    // Labels built from ids, for tests: a kind's and a store's radio buttons in the movement form, a
    // stocktake count field, a movement's reverse button.
    static std::string kind_radio(const std::string& kind_id) { return "##kind_" + kind_id; }
    static std::string store_radio(const char* role, std::int64_t store) {
        return std::string("##") + role + "_store_" + std::to_string(store);
    }
    static std::string count_field(const std::string& kind_id, std::int64_t store) {
        return "##count_" + kind_id + "_" + std::to_string(store);
    }
    static std::string reverse_button(std::int64_t movement) {
        return "Reverse\u2026##reverse_" + std::to_string(movement);
    }

private:
    void handle_shortcuts();
    // Puts the keyboard in the next field if a shortcut asked for this tab; true then.
    bool take_focus(Tab which);
    void refresh_caches(ScreenContext& ctx);
    void draw_summary(ScreenContext& ctx);
    void draw_overview(ScreenContext& ctx);
    void draw_on_hand(ScreenContext& ctx);
    void draw_forecast(ScreenContext& ctx);
    void draw_chart(ScreenContext& ctx, float height);
    void draw_record(ScreenContext& ctx);
    bool kind_choice(ScreenContext& ctx, std::string& kind);
    bool store_choice(ScreenContext& ctx, const char* role, std::int64_t& store);
    void draw_stocktake(ScreenContext& ctx);
    void draw_movements(ScreenContext& ctx);
    void draw_reverse_dialog(ScreenContext& ctx);
    void draw_delivery(ScreenContext& ctx);
    void draw_stores(ScreenContext& ctx);
    void report(const app::EditResult& r);
    bool tab(const char* label, Tab which);

    std::optional<Tab> requested_tab_;
    Tab tab_ = Tab::Overview;
    std::optional<Tab> focus_tab_; // the tab whose first field takes the keyboard when next drawn
    std::string message_;
    bool message_is_error_ = false;

    // Caches rebuilt when the stock snapshot's version changes.
    std::uint64_t cached_version_ = UINT64_MAX;
    std::vector<std::string> chart_ticks_; // time labels under the chart
    std::string summary_;
    std::string shortfall_line_;     // "Will run short, order: Adult (female) 12, Child 3."
    std::string below_minimum_line_; // "Below the tier's minimum at the centre: Infant 1 of 2."

    // Record a movement.
    Action action_ = Action::Receive;
    std::string kind_;
    int quantity_ = 1;
    std::int64_t from_store_ = 1;
    std::int64_t to_store_ = 1;
    std::string supplier_;
    std::string person_reference_;
    std::string note_;
    WriteOffReason write_off_reason_ = WriteOffReason::Damaged;

    // Stocktake: one text per kind and store (empty: not counted), in snapshot order.
    std::vector<std::string> counts_;
    std::uint64_t counts_version_ = UINT64_MAX;
    std::string stocktake_note_;
    std::optional<StocktakePlan> stocktake_plan_; // the previewed differences
    std::uint64_t plan_version_ = 0;

    // Movements: indices into the snapshot's rows (newest first) that match the filter.
    std::string movement_search_;
    std::optional<MovementKind> movement_kind_;
    std::vector<std::size_t> movement_order_;
    std::string cached_search_;
    std::optional<MovementKind> cached_kind_;
    std::uint64_t movements_version_ = UINT64_MAX;
    std::uint64_t movement_rebuilds_ = 0;
    std::optional<std::int64_t> reversing_;
    std::string reverse_text_;
    std::string reverse_reason_;
    bool open_reverse_ = false;

    // Delivery note.
    std::string delivery_path_;
    PathField delivery_field_{
        kDeliveryPath,
        os::usb_example("delivery.csv"),
        {FileChoice::Kind::OpenFile, "Choose the delivery note", "CSV files", {"*.csv", "*.CSV"}, {}}};
    std::optional<app::StockImportPreview> delivery_preview_;

    // Stores. An edit states the version it started from (another desk's change opens the conflict
    // dialog instead of being overwritten).
    std::optional<std::int64_t> store_editing_;
    std::int64_t store_version_ = 0;
    app::StockStoreForm store_form_;
    app::StockStoreForm store_base_; // the store as the edit started from it
    RecordConflictDialog<app::StockStoreForm> store_conflict_;
    void save_store(ScreenContext& ctx);
    void resolve_store_conflict(ScreenContext& ctx);
};

} // namespace rc::ui
