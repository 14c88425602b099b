#pragma once
#include "app/form_fields.hpp"
#include "ui/pick_list.hpp"
#include "ui/screen.hpp"
#include "ui/screens/record_conflict_dialog.hpp"

#include <optional>
#include <string>

namespace rc::ui {

// Partners and staff: the call-out board in the procedure's cascade order (with follow-ups that stand
// out when overdue, and phone numbers copied with one click), the roles matrix for the centre's tier
// with every uncovered required role as an alert, staff signing in and out (ICS 211), and the partner
// directory kept between operations (an edit or a removal states the version of the entry it started
// from: another desk's change meanwhile opens the conflict dialog, or refuses the removal).
class PartnersStaffScreen final : public Screen {
public:
    const char* id() const override { return "partners"; }
    const char* title() const override { return "Partners & staff"; }
    void draw(ScreenContext& ctx) override;

    static constexpr const char* kStaffName = "Name##staff_name";
    static constexpr const char* kStaffPhone = "Phone##staff_phone";
    static constexpr const char* kStaffOrganisation = "Organisation (if not a partner)##staff_org";
    static constexpr const char* kStaffRole = "Role at the centre##staff_role";
    static constexpr const char* kStaffTrained =
        "Has done the modern slavery awareness training##staff_trained";
    static constexpr const char* kStaffSignIn = "Sign in";
    static constexpr const char* kStaffLanguages = "##Languages interpreted##staff_languages";
    static constexpr const char* kCalloutPeople = "People coming##callout_people";
    static constexpr const char* kCalloutArrival = "Expected at (HH:MM)##callout_arrival";
    static constexpr const char* kCalloutNotes = "Notes##callout_notes";
    static constexpr const char* kDirectoryOrganisation = "Organisation##dir_org";
    static constexpr const char* kDirectorySave = "Save entry";

    // For tests: choose the contact whose controls are shown, and the partner in the sign-in form.
    void select_contact(std::string id) { selected_contact_ = std::move(id); }
    void choose_partner(std::string id) { staff_partner_ = std::move(id); }
    const std::string& message() const { return message_; }
    const RecordConflictDialog<app::DirectoryForm>& directory_conflict() const { return directory_conflict_; }
    const app::DirectoryForm& directory_form() const { return directory_form_; }
    // Starts editing an entry of the snapshot (as its Edit button does).
    void edit_directory_entry(const app::DirectoryRow& row);

    PartnersStaffScreen();

private:
    void draw_functions(ScreenContext& ctx);
    void draw_callouts(ScreenContext& ctx);
    void draw_callout_controls(ScreenContext& ctx);
    void draw_roles(ScreenContext& ctx);
    void draw_staff(ScreenContext& ctx);
    void draw_directory(ScreenContext& ctx);
    void report(const app::EditResult& r, const char* ok_text);

    std::string selected_contact_;
    int callout_people_ = 0;
    std::string callout_arrival_;
    std::string callout_notes_;

    std::string staff_name_, staff_phone_, staff_partner_, staff_organisation_, staff_role_;
    bool staff_trained_ = false;
    SiteFunctions staff_functions_;
    std::vector<std::string> staff_languages_;
    PickList staff_language_pick_;
    std::string needed_languages_; // "ti;ro": what people on site need, offered first to an interpreter
    std::uint64_t needed_version_ = ~std::uint64_t{0};

    std::optional<std::int64_t> directory_editing_;
    std::int64_t directory_version_ = 0; // the version the edit started from
    app::DirectoryForm directory_form_;
    app::DirectoryForm directory_base_; // the entry as the edit started from it
    RecordConflictDialog<app::DirectoryForm> directory_conflict_;
    void save_directory_entry(ScreenContext& ctx);
    void resolve_directory_conflict(ScreenContext& ctx);

    std::string message_;
    bool message_is_error_ = false;
};

} // namespace rc::ui
