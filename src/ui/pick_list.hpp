#pragma once
// A searchable pick list for long code lists (countries, languages): type a few letters, the best
// matches show under the field, Enter takes the first, a click takes any. Matches are looked up only
// when the typed text or the context changes. The context is what the ranking may depend on besides
// the text (for languages: the person's nationality, whose languages come first).
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
    using Search = std::function<std::vector<PickOption>(std::string_view query, std::string_view context)>;
    explicit PickList(Search search) : search_(std::move(search)) {}

    // Matches are looked up again when the context changes (e.g. the nationality was just picked).
    void set_context(std::string_view context) {
        if (context == context_) return;
        context_ = std::string(context);
        searched_.clear();
        searched_context_ = false;
    }

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
    std::string context_;
    bool searched_context_ = false; // `matches_` were looked up with the current context
    std::vector<PickOption> matches_;
    bool consumed_enter_ = false;
    bool enter_with_nothing_ = false;
    bool refocus_ = false;
};

} // namespace rc::ui
