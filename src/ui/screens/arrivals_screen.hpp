#pragma once
#include "app/people_view.hpp"
#include "ui/screen.hpp"
#include "ui/screens/bag_issue_panel.hpp"
#include "ui/screens/check_in_form.hpp"
#include "ui/screens/group_arrival_panel.hpp"
#include "ui/screens/offline_roll_panel.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rc::ui {

// The arrivals desk: everyone received, in a table to search, filter and sort, and beside it the
// check-in form, a group arrival, a roll import, or the selected person's journey. Keyboard:
// Ctrl+N next person, Ctrl+G group arrival, Ctrl+F search, Ctrl+I import, Ctrl+B a support bag for
// the selected person. The table is drawn from cached row indices, rebuilt only when the people, the
// filter or the sort change, and clipped to the visible rows, so 10,000 people cost what 30 do.
class ArrivalsScreen final : public Screen {
public:
    const char* id() const override { return "arrivals"; }
    const char* title() const override { return "Arrivals"; }
    void draw(ScreenContext& ctx) override;
    void on_shown(ScreenContext& ctx) override;
    // Ctrl+B issues a bag to the selected person (instead of the shell's backup).
    bool wants_key(int key, bool ctrl) const override;

    enum class Panel { CheckIn, Group, Import, Person, OfflineRoll };
    Panel panel() const { return panel_; }
    std::optional<std::int64_t> selected() const { return selected_; }
    void select(std::int64_t id) {
        selected_ = id;
        panel_ = Panel::Person;
    }
    app::PeopleFilter& filter() { return filter_; }
    const CheckInForm& form() const { return form_; }
    std::size_t visible_rows() const { return order_.size(); }
    std::uint64_t cache_rebuilds() const { return cache_rebuilds_; }

    static constexpr const char* kNewPerson = "New person (Ctrl+N)";
    static constexpr const char* kGroup = "Group arrival (Ctrl+G)";
    static constexpr const char* kImport = "Import roll (Ctrl+I)";
    static constexpr const char* kSearch = "##people_search";
    static constexpr const char* kUrgentMedicalFilter = "Urgent medical##f_urgent";
    static constexpr const char* kEditDetails = "Edit details";
    static constexpr const char* kDeparture = "Record departure";
    static constexpr const char* kTemporaryExit = "Record temporary exit";
    static constexpr const char* kDepartureDialog = "Before they leave";
    static constexpr const char* kConfirmDeparture = "Record the departure (Enter)";
    // The departure gate the confirmation shows (empty until a departure is asked for).
    const DepartureGate& departure_gate() const { return gate_; }

private:
    void handle_shortcuts();
    void refresh_order(ScreenContext& ctx);
    void draw_table(ScreenContext& ctx, float height);
    void draw_person(ScreenContext& ctx);
    void record_departure(ScreenContext& ctx);
    void draw_departure_confirmation(ScreenContext& ctx, const std::string& reference);

    Panel panel_ = Panel::CheckIn;
    CheckInForm form_;
    GroupArrivalPanel group_;
    OfflineRollPanel offline_;
    std::optional<std::int64_t> selected_;
    app::PeopleFilter filter_;
    app::PeopleSort sort_;
    bool focus_search_ = false;

    // The cache behind the table.
    std::uint64_t cached_version_ = UINT64_MAX;
    app::PeopleFilter cached_filter_;
    app::PeopleSort cached_sort_;
    std::vector<std::size_t> order_;
    std::uint64_t cache_rebuilds_ = 0;

    std::optional<Destination> destination_;
    // The departure gate: worked out once when "Record departure" is pressed, shown until confirmed.
    DepartureGate gate_;
    std::optional<std::int64_t> gate_for_;
    std::optional<Destination> gate_destination_;
    bool open_gate_ = false;
    BagIssuePanel bags_;
    std::string journey_message_;
    bool journey_message_is_error_ = false;
};

} // namespace rc::ui
