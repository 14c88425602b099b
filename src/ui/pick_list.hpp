#pragma once
// A searchable pick list for long code lists (countries, languages): type a few letters, the best
// matches show under the field, Enter takes the first, a click takes any. Matches are looked up only
// when the typed text changes.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace rc::ui {

struct PickOption {
    std::string code;  // what is stored: "VN", "vi"
    std::string label; // what is shown: "Vietnam (VN)"
};

class PickList {
public:
    using Search = std::function<std::vector<PickOption>(std::string_view query)>;
    explicit PickList(Search search) : search_(std::move(search)) {}

    // Draws the field (label `field_id`, "##..." for none) and, while it has text, the matches.
    // Returns true when an option was picked: `picked` holds it and the typed text is cleared.
    // Enter with matches picks (and reports `consumed_enter`, so a form does not also save).
    bool draw(const char* field_id, const char* hint, float width, PickOption& picked);
    bool consumed_enter() const { return consumed_enter_; }
    // Enter pressed with nothing to pick (an empty field): the form may take it as "save".
    bool enter_with_nothing() const { return enter_with_nothing_; }
    void clear() { query_.clear(); }
    const std::string& query() const { return query_; }

private:
    Search search_;
    std::string query_;
    std::string searched_; // the query `matches_` were looked up for
    std::vector<PickOption> matches_;
    bool consumed_enter_ = false;
    bool enter_with_nothing_ = false;
    bool refocus_ = false;
};

} // namespace rc::ui
