#include "ui/screens/gate_screen.hpp"

#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>
#include <string_view>

namespace rc::ui {

namespace {

// The visible part of "Label##id".
std::string_view visible_part(const char* label) {
    const std::string_view full(label);
    return full.substr(0, full.find("##"));
}

// A labelled field: the label above it, the field (ids start with "##") the full form width.
bool labelled_text(const char* field_id, const char* hint, std::string& value, bool focus) {
    const std::string_view text = visible_part(field_id + 2);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::SetNextItemWidth(-1.0f);
    if (focus) ImGui::SetKeyboardFocusHere();
    return input_text(field_id, hint, value, ImGuiInputTextFlags_EnterReturnsTrue);
}

bool labelled_secret(const char* field_id, const char* hint, std::string& value, bool focus) {
    const std::string_view text = visible_part(field_id + 2);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::SetNextItemWidth(-1.0f);
    if (focus) ImGui::SetKeyboardFocusHere();
    return input_secret(field_id, hint, value);
}

} // namespace

void GateScreen::clear_secrets() {
    wipe_secret(passphrase_);
    wipe_secret(passphrase_again_);
    wipe_secret(pin_);
}

void GateScreen::run_pending(ScreenContext& ctx) {
    app::EditResult r;
    switch (pending_) {
    case Pending::Create: {
        app::NewCentreForm form;
        form.centre_name = centre_name_;
        form.centre_code = centre_code_;
        form.venue = venue_;
        form.coordinator_name = name_;
        form.passphrase = passphrase_;
        form.passphrase_again = passphrase_again_;
        form.pin = pin_;
        r = ctx.session.create_centre(form);
        wipe_secret(form.passphrase);
        wipe_secret(form.passphrase_again);
        wipe_secret(form.pin);
        break;
    }
    case Pending::SignIn:
        r = ctx.session.sign_in(name_, passphrase_);
        break;
    case Pending::Unlock:
        r = ctx.session.unlock_with_pin(name_, pin_);
        break;
    case Pending::None:
        return;
    }
    pending_ = Pending::None;
    clear_secrets();
    if (r.ok) {
        message_.clear();
        name_.clear();
        use_passphrase_ = false;
    } else {
        message_ = r.message;
        message_is_error_ = true;
        focus_first_ = true;
    }
}

void GateScreen::draw(ScreenContext& ctx) {
    const app::GateState state = ctx.session.gate_state();
    if (state != last_state_) {
        last_state_ = state;
        focus_first_ = true;
        use_passphrase_ = false;
        if (pending_ == Pending::None) clear_secrets();
    }
    if (pending_ != Pending::None && ++pending_frames_ > 1) run_pending(ctx);

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::min(em(26.0f), avail.x);
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + std::max(0.0f, (avail.x - width) * 0.5f),
                               ImGui::GetCursorPosY() + std::max(0.0f, avail.y * 0.08f)));
    ImGui::BeginGroup();
    ImGui::PushItemWidth(width);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::BeginChild("##gate_form", ImVec2(width, 0.0f), false, ImGuiWindowFlags_NoScrollbar);
    ImGui::PushTextWrapPos(0.0f);
    switch (state) {
    case app::GateState::NoCentre:
        draw_create(ctx);
        break;
    case app::GateState::SignedOut:
        draw_sign_in(ctx, false);
        break;
    case app::GateState::Locked:
        draw_sign_in(ctx, true);
        break;
    case app::GateState::Unavailable:
        draw_unavailable(ctx);
        break;
    case app::GateState::Open:
        break;
    }
    if (pending_ != Pending::None) {
        ImGui::Spacing();
        ImGui::TextUnformatted(pending_ == Pending::Create ? "Creating the centre database\u2026"
                                                           : "Checking\u2026");
    } else {
        ImGui::Spacing();
        result_message(message_, message_is_error_);
    }
    if (state != app::GateState::Locked) draw_saved_centres(ctx);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopTextWrapPos();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
}

void GateScreen::draw_saved_centres(ScreenContext& ctx) {
    if (!saved_centres_) {
        try {
            saved_centres_ = app::load_saved_centres(app::saved_centres_path());
        } catch (const std::exception& e) {
            saved_centres_.emplace();
            saved_centres_->problems.emplace_back(e.what());
        }
    }
    if (saved_centres_->lines.empty() && saved_centres_->problems.empty()) return;
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted("Shared centres saved on this desk");
    paragraph_disabled("Choose one to close this centre and open it (sign in there).");
    const std::string& open_now = ctx.session.status().database_path;
    for (std::size_t i = 0; i < saved_centres_->lines.size(); ++i) {
        const std::string& line = saved_centres_->lines[i];
        const bool is_open = line == open_now;
        const std::string label =
            saved_centres_->names[i] + (is_open ? "  (open now)" : "") + "##saved" + std::to_string(i);
        const bool chosen = ImGui::Selectable(label.c_str(), is_open);
        paragraph_disabled(line.c_str()); // the whole line, wrapped: it says which server and how
        if (chosen && !is_open) {
            const auto problem =
                ctx.desktop ? ctx.desktop->open_centre(line)
                            : std::optional<std::string>("Start the console with --db and the line.");
            if (problem) {
                message_ = *problem;
                message_is_error_ = true;
            }
        }
    }
    for (const std::string& problem : saved_centres_->problems)
        paragraph_disabled(problem.c_str());
}

void GateScreen::draw_create(ScreenContext& ctx) {
    (void)ctx;
    heading("Set up this centre");
    const std::string intro =
        "There is no centre database on this computer yet. Create it here: the centre, then you as its first "
        "coordinator. Your passphrase protects everything recorded about the people received: without it the "
        "file cannot be read, so choose one you will remember (" +
        app::passphrase_rule_hint() + ").";
    paragraph(intro.c_str());
    ImGui::Spacing();
    bool submit = false;
    const bool focus = focus_first_;
    focus_first_ = false;
    submit |= labelled_text(kCentreName, "e.g. Matlock Community Hall reception centre", centre_name_, focus);
    submit |= labelled_text(kCentreCode, "e.g. OP-0001", centre_code_, false);
    submit |= labelled_text(kVenue, "optional: the building and entrance", venue_, false);
    ImGui::Spacing();
    submit |= labelled_text(kName, "the name you sign in with", name_, false);
    submit |= labelled_secret(kPassphrase, app::passphrase_rule_hint().c_str(), passphrase_, false);
    submit |= labelled_secret(kPassphraseAgain, "the same again", passphrase_again_, false);
    submit |= labelled_secret(kPin, "optional: 4 to 8 digits to unlock quickly", pin_, false);
    ImGui::Spacing();
    submit |= button(kCreate);
    if (submit && pending_ == Pending::None) {
        pending_ = Pending::Create;
        pending_frames_ = 0;
        message_.clear();
    }
}

void GateScreen::draw_sign_in(ScreenContext& ctx, bool locked) {
    const bool pin = locked && ctx.session.pin_unlock_available() && !use_passphrase_;
    heading(locked ? "Locked" : "Sign in");
    ImGui::TextDisabled("%s", ctx.session.status().centre_name.c_str());
    ImGui::Spacing();
    paragraph(locked ? "The console locked itself and shows nothing about the people here. Unlock to "
                       "continue where you were."
                     : "Sign in with your name and passphrase to open the centre.");
    ImGui::Spacing();
    bool submit = false;
    const bool focus = focus_first_;
    focus_first_ = false;
    submit |= labelled_text(kName, "the name you sign in with", name_, focus && name_.empty());
    if (pin)
        submit |= labelled_secret(kPin, "your PIN", pin_, focus && !name_.empty());
    else
        submit |= labelled_secret(kPassphrase, "your passphrase", passphrase_, focus && !name_.empty());
    ImGui::Spacing();
    submit |= button(pin ? kUnlock : kSignIn);
    if (pin) {
        ImGui::SameLine();
        if (button(kUsePassphrase)) {
            use_passphrase_ = true;
            focus_first_ = true;
        }
    }
    if (submit && pending_ == Pending::None) {
        pending_ = pin ? Pending::Unlock : Pending::SignIn;
        pending_frames_ = 0;
        message_.clear();
    }
}

void GateScreen::draw_unavailable(ScreenContext& ctx) {
    heading("This database cannot be opened");
    ImGui::TextDisabled("%s", ctx.session.status().database_path.c_str());
    ImGui::Spacing();
    result_message(ctx.session.gate_problem(), true);
    ImGui::Spacing();
    paragraph(refused_database_advice(ctx.session.status().shared_centre).c_str());
}

std::string refused_database_advice(bool shared_centre) {
    if (shared_centre)
        return "Nothing was changed on the shared centre's server. To carry on: check this desk's "
               "connection line (server, database name, desk name), its password (pgpass) and the "
               "centre's certificate with whoever set up the server, choose a shared centre saved on this "
               "desk if any are listed below, or start the console with another database using `--db`.";
    return "Nothing was written to the file. To carry on: restore the latest backup with "
           "`reception-console restore --db PATH --from BACKUP` (backups are in the `backups` folder "
           "beside the database, or on your backup stick), or start the console with another database "
           "using `--db PATH`.";
}

} // namespace rc::ui
