#pragma once
// The check-in form: one person's details, completed without the mouse. Tab moves field to field in
// the order a volunteer asks the questions; Enter saves from any text field (a pick list's Enter
// picks first); a duplicate (same tag, or a name alike with the same date of birth or age band) warns and
// needs a second Enter. Only the centre reference is required, and it is assigned on saving: people who will
// not give details still get checked in. The same form edits someone already checked in.
#include "ui/pick_list.hpp"
#include "ui/screen.hpp"
#include "ui/screens/record_conflict_dialog.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rc::ui {

// The conflict dialog for a person's record (a medical note the role may not read stays unread).
using PersonConflictDialog = RecordConflictDialog<Person, app::PersonConflict>;

class CheckInForm {
public:
    CheckInForm();

    // Starts a new person, keeping the group, nationality, languages and interpreter answer of the
    // last person saved (people in one group usually share them).
    void start_new();
    // Edits an existing person, as of `version` of their record (PersonRow::version): a save after
    // someone else changed them opens the conflict dialog instead of overwriting their change.
    void start_edit(std::int64_t id, const Person& person, std::int64_t version);
    bool editing() const { return editing_.has_value(); }
    std::optional<std::int64_t> editing_id() const { return editing_; }

    // Draws the form; returns true when a person was saved (then `last_saved_id()` says who).
    bool draw(ScreenContext& ctx);
    std::optional<std::int64_t> last_saved_id() const { return last_saved_id_; }
    void focus_first_field() { focus_first_ = true; }
    const std::string& message() const { return message_; }
    const std::vector<FieldProblem>& problems() const { return problems_; }
    // What has been typed and not saved (tests check that locking leaves nothing of it).
    const Person& draft() const { return draft_; }
    const PersonConflictDialog& conflict_dialog() const { return conflict_; }

    // Field ids: "##<label shown above the field>##<unique id>" (the label is drawn above, not beside).
    static constexpr const char* kTag = "##Tag or wristband##ci_tag";
    static constexpr const char* kName = "##Name as written##ci_name";
    static constexpr const char* kLatinName = "##Name in Latin letters##ci_latin_name";
    static constexpr const char* kAlias = "##Alias##ci_alias";
    static constexpr const char* kSex = "##Sex (F/M/X/U)##ci_sex";
    static constexpr const char* kDob = "##Date of birth##ci_dob";
    static constexpr const char* kAge = "##Age given##ci_age";
    static constexpr const char* kDisputed = "Age disputed \u2014 treat as child (Ctrl+Shift+D)##ci_disputed";
    static constexpr const char* kNationality = "##Nationality##ci_nationality";
    static constexpr const char* kLanguages = "##Languages##ci_languages";
    static constexpr const char* kInterpreter = "Interpreter needed (Ctrl+Shift+I)##ci_interpreter";
    static constexpr const char* kMedical = "##Urgent medical or access needs##ci_medical";
    static constexpr const char* kUrgentMedical = "Needs medical attention now (Ctrl+Shift+U)##ci_urgent";
    static constexpr const char* kArrivedWith =
        "##A child who arrived with an adult here: the adult's reference or tag##ci_with";
    static constexpr const char* kDiet = "##Diet##ci_diet";
    static constexpr const char* kGroup = "##Arrival group##ci_group";
    static constexpr const char* kProperty = "##Property held##ci_property";
    static constexpr const char* kAdultJudgement =
        "##Clearly an adult: why (coordinator; recorded in the audit trail)##ci_adult_judgement";
    static constexpr const char* kArrivedAt = "##Arrived at (HH:MM, empty: now)##ci_arrived";
    static constexpr const char* kSave = "Check in (Enter)";
    // While a shared centre's server cannot be reached.
    static constexpr const char* kSaveOffline = "Save to this desk's offline roll (Enter)";
    static constexpr const char* kSaveChanges = "Save changes (Enter)";
    static constexpr const char* kSaveAnyway = "Save anyway";

private:
    void draw_problem(const char* field) const;
    bool text_field(const char* id, const char* hint, std::string& value, float width);
    void save(ScreenContext& ctx);
    // Ctrl+Shift+letter toggles for the yes/no boxes, which Tab does not stop at in Dear ImGui 1.86
    // (Alt would move the keyboard focus to the menu layer).
    void handle_toggles();
    Person build() const;
    // Saves the choice made in the conflict dialog (keep mine, or a merge) at their version.
    void save_resolution(ScreenContext& ctx, Person person, const char* done);
    void handle_conflict_choice(ScreenContext& ctx, EditConflictDialog::Choice choice);
    // The reference of the person `arrived_with_text_` names (reference, tag, or "004"), or the text.
    std::string resolve_arrived_with(ScreenContext& ctx) const;

    std::optional<std::int64_t> editing_;
    std::int64_t editing_version_ = 0;
    Person editing_base_; // the record as the edit started from it
    // Opens the conflict dialog on a refused edit, against the record as the edit started.
    void open_conflict(const app::PersonConflict& conflict);
    PersonConflictDialog conflict_;
    std::optional<std::int64_t> last_saved_id_;
    Person draft_;
    Person last_saved_;
    bool has_last_saved_ = false;
    std::string sex_text_, dob_text_, age_text_, arrived_text_;
    bool disputed_ = false;
    bool interpreter_ = false;
    std::string arrived_with_text_; // as typed: a reference, a tag or the number of a reference
    PickList nationality_;
    PickList languages_;
    std::vector<FieldProblem> problems_;
    std::vector<std::string> warnings_; // duplicates: shown, and a second save goes ahead
    std::string message_;
    bool message_is_error_ = false;
    bool focus_first_ = true;
    bool save_requested_ = false;
};

} // namespace rc::ui
