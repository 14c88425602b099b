#include "ui/shell.hpp"

#include "os/utf8_path.hpp"
#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/screens/screen_registry.hpp"
#include "ui/shortcuts.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <imgui.h>
#include <imgui_internal.h>
#include <spdlog/spdlog.h>

namespace rc::ui {

namespace {

bool pressed(int key) {
    return ImGui::IsKeyPressed(key, false);
}
bool pressed_repeat(int key) {
    return ImGui::IsKeyPressed(key, true);
}

} // namespace

Shell::Shell(app::AppSession& session, app::Settings& settings, const Clock& clock)
    : ctx_{session, settings, clock, {}}, screens_(make_main_screens()), gate_(make_gate_screen()) {
    ctx_.go_to = [this](std::string_view screen_id, const AlertTarget& target) {
        pending_go_to_ = {std::string(screen_id), target};
    };
    for (std::size_t i = 0; i < screens_.size(); ++i)
        nav_hints_.push_back("Ctrl+" + std::to_string(i + 1));
}

Shell::~Shell() = default;

Shell::Requests Shell::take_requests() {
    const Requests r = requests_;
    requests_ = {};
    return r;
}

Screen* Shell::find_screen(std::string_view id) {
    for (auto& s : screens_)
        if (id == s->id()) return s.get();
    return nullptr;
}

void Shell::show_screen(std::size_t index) {
    if (index >= screens_.size() || index == current_) return;
    current_ = index;
    shown_pending_ = true;
    spdlog::debug("screen: {}", screens_[current_]->id());
}

void Shell::change_font_size(float delta) {
    app::Settings& s = ctx_.settings;
    const float size =
        std::clamp(s.font_size + delta, app::Settings::kMinFontSize, app::Settings::kMaxFontSize);
    if (size == s.font_size) return;
    s.font_size = size;
    requests_.rebuild_fonts = true;
}

void Shell::reset_font_size() {
    change_font_size(app::Settings::kDefaultFontSize - ctx_.settings.font_size);
}

void Shell::set_theme(app::Theme theme) {
    if (ctx_.settings.theme == theme) return;
    ctx_.settings.theme = theme;
    requests_.restyle = true;
}

void Shell::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (pressed(keys::F1)) help_open_ = !help_open_;
    if (help_open_ && pressed(keys::Escape)) help_open_ = false;

    const bool ctrl_only = io.KeyCtrl && !io.KeyAlt && !io.KeySuper;
    if (!ctrl_only) return;
    if (pressed_repeat(keys::Equal) || pressed_repeat(keys::KpAdd))
        change_font_size(app::Settings::kFontStep);
    if (pressed_repeat(keys::Minus) || pressed_repeat(keys::KpSubtract))
        change_font_size(-app::Settings::kFontStep);
    if (!io.KeyShift && (pressed(keys::Num0) || pressed(keys::Kp0))) reset_font_size();

    if (gate_shown_) return; // no screens and no lock while the gate is up
    if (!io.KeyShift) {
        for (std::size_t i = 0; i < screens_.size() && i < 9; ++i) {
            const int n = static_cast<int>(i);
            if (pressed(keys::Num1 + n) || pressed(keys::Kp1 + n)) show_screen(i);
        }
    }
    const std::size_t count = screens_.size();
    if (pressed_repeat(keys::PageDown)) show_screen((current_ + 1) % count);
    if (pressed_repeat(keys::PageUp)) show_screen((current_ + count - 1) % count);
    // Ctrl+B issues a support bag at the arrivals desk while a person is selected there.
    if (pressed(keys::B) && !screens_[current_]->wants_key(keys::B, true) &&
        ctx_.session.can(Permission::Backup)) {
        const app::EditResult r = ctx_.session.backup_now();
        database_message_ = r.message;
        database_message_is_error_ = !r.ok;
    }
    if (pressed(keys::L) && ctx_.session.can_lock()) {
        ctx_.session.lock();
        spdlog::info("console locked from the keyboard");
    }
}

void Shell::draw_display_controls() {
    ImGui::TextDisabled("Text size");
    if (button("A\u2212##smaller_text")) change_font_size(-app::Settings::kFontStep);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d", static_cast<int>(std::lround(ctx_.settings.font_size)));
    ImGui::SameLine();
    if (button("A+##larger_text")) change_font_size(app::Settings::kFontStep);
    // Dark, then light, then high contrast, then dark again.
    const app::Theme next = ctx_.settings.theme == app::Theme::Dark    ? app::Theme::Light
                            : ctx_.settings.theme == app::Theme::Light ? app::Theme::HighContrast
                                                                       : app::Theme::Dark;
    const char* next_label = next == app::Theme::Light          ? "Light colours"
                             : next == app::Theme::HighContrast ? "High contrast"
                                                                : "Dark colours";
    if (button(next_label, ImVec2(-1.0f, 0.0f))) set_theme(next);
    if (button("Help and shortcuts (F1)", ImVec2(-1.0f, 0.0f))) help_open_ = !help_open_;
}

void Shell::draw_navigation(float height) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = em(12.0f);
    for (std::size_t i = 0; i < screens_.size(); ++i)
        width = std::max(width, ImGui::CalcTextSize(screens_[i]->title()).x +
                                    ImGui::CalcTextSize(nav_hints_[i].c_str()).x + em(2.0f) +
                                    style.WindowPadding.x * 2.0f);
    ImGui::BeginChild("##navigation", ImVec2(width, height), true);
    heading("Reception Console");
    ImGui::Separator();
    ImGui::Spacing();
    if (!gate_shown_) {
        const float row_height = ImGui::GetFrameHeight() * 1.15f;
        ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
        for (std::size_t i = 0; i < screens_.size(); ++i) {
            const Screen& s = *screens_[i];
            const ImVec2 row = ImGui::GetCursorPos();
            if (selectable(s.title(), i == current_, 0, ImVec2(0.0f, row_height))) show_screen(i);
            const char* hint = nav_hints_[i].c_str();
            const float hint_w = ImGui::CalcTextSize(hint).x;
            const ImVec2 after = ImGui::GetCursorPos();
            ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - hint_w,
                                       row.y + (row_height - ImGui::GetTextLineHeight()) * 0.5f));
            ImGui::TextDisabled("%s", hint);
            ImGui::SetCursorPos(after);
        }
        ImGui::PopStyleVar();
    }
    if (!gate_shown_) draw_database_controls();
    // The display controls sit at the bottom of the navigation.
    const float controls_h = ImGui::GetTextLineHeightWithSpacing() +
                             ImGui::GetFrameHeightWithSpacing() * 3.0f + style.WindowPadding.y;
    const float y = ImGui::GetWindowHeight() - controls_h;
    if (y > ImGui::GetCursorPosY()) ImGui::SetCursorPosY(y);
    draw_display_controls();
    ImGui::EndChild();
}

void Shell::draw_database_controls() {
    ImGui::Spacing();
    ImGui::Separator();
    if (const auto user = ctx_.session.signed_in_user())
        ImGui::TextDisabled("%s (%s)", user->name.c_str(), std::string(user_role_label(user->role)).c_str());
    const ImVec2 full(-1.0f, 0.0f);
    if (ctx_.session.can(Permission::Backup) && button(kBackUpNow, full)) {
        const app::EditResult r = ctx_.session.backup_now();
        database_message_ = r.message;
        database_message_is_error_ = !r.ok;
    }
    if (ctx_.session.can(Permission::Restore) && button(kRestore, full)) {
        restore_choices_ = ctx_.session.backups();
        restore_selected_ = restore_choices_.empty() ? -1 : 0;
        restore_file_.clear();
        restore_desks_stopped_ = false;
        restore_open_ = true;
        ImGui::OpenPopup(kRestoreDialog);
    }
    // Offered prominently once a user has been disabled; always there for a coordinator.
    if (const std::string advice = ctx_.session.rotation_advice(); !advice.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        result_message(advice, true);
        ImGui::PopTextWrapPos();
    }
    if ((ctx_.session.can(Permission::ManageUsers) || ctx_.session.rotation_progress()) &&
        button(kRotateKey, full)) {
        rotate_open_ = true;
        rotate_message_.clear();
        ImGui::OpenPopup(kRotateDialog);
    }
    if (ctx_.session.can_lock() && button(kLockNow, full)) ctx_.session.lock();
    if (ctx_.session.can_lock() && button(kSignOut, full)) ctx_.session.sign_out();
    if (!database_message_.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        result_message(database_message_, database_message_is_error_);
        ImGui::PopTextWrapPos();
    }
    draw_restore_dialog();
    draw_rotate_dialog();
}

void Shell::draw_rotate_dialog() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(em(42.0f), vp->WorkSize.x * 0.9f), 0.0f));
    if (!ImGui::BeginPopupModal(kRotateDialog, &rotate_open_, ImGuiWindowFlags_NoSavedSettings)) {
        wipe_secret(rotate_passphrase_);
        return;
    }
    if (const auto progress = ctx_.session.rotation_progress()) {
        paragraph("Re-sealing every record under a new key, in one transaction. Keep the console open.");
        ImGui::ProgressBar(static_cast<float>(*progress), ImVec2(-1.0f, 0.0f));
        ImGui::EndPopup();
        return;
    }
    if (!ctx_.session.rotation_result().empty() && rotate_message_.empty()) {
        paragraph(ctx_.session.rotation_result().c_str());
        ImGui::Spacing();
        if (button("Close##rotate") || ImGui::IsKeyPressed(keys::Escape, false)) {
            rotate_open_ = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
        return;
    }
    paragraph("Use this after a volunteer leaves, or a laptop or a backup is lost. Every record is re-sealed "
              "under a new key, so a copy of the file or a backup taken before now opens nothing written "
              "from now on. Only you keep access: every other user needs their passphrase reset by a "
              "coordinator before signing in again.");
    ImGui::Spacing();
    ImGui::TextUnformatted("Your passphrase");
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool submit = input_secret(kRotatePassphrase, "to confirm it is you", rotate_passphrase_);
    if (!rotate_message_.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        result_message(rotate_message_, true);
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    submit |= button(kRotateConfirm);
    if (submit) {
        const app::EditResult r = ctx_.session.start_key_rotation(rotate_passphrase_);
        wipe_secret(rotate_passphrase_);
        rotate_message_ = r.ok ? std::string() : r.message;
    }
    ImGui::SameLine();
    if (button("Cancel##rotate") || ImGui::IsKeyPressed(keys::Escape, false)) {
        wipe_secret(rotate_passphrase_);
        rotate_open_ = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void Shell::draw_restore_dialog() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(em(40.0f), vp->WorkSize.x * 0.9f), 0.0f));
    if (!ImGui::BeginPopupModal(kRestoreDialog, &restore_open_, ImGuiWindowFlags_NoSavedSettings)) return;
    const bool shared = ctx_.session.status().shared_centre;
    paragraph("Restoring replaces everything in this centre's database with the backup you choose. The "
              "data as they are now are kept aside first (a file with 'before-restore' in its name), so "
              "nothing is lost. Everyone is signed out afterwards.");
    if (shared) {
        // Every desk works on the data being replaced: the coordinator confirms they have stopped.
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        result_message("This is a shared centre: every desk connected to it is working on the data the "
                       "restore replaces. Ask every other desk to stop and sign out first. Afterwards each "
                       "desk must sign in again; until it does, what it shows is from before the restore, "
                       "and anything it saves goes into the restored centre.",
                       true);
        ImGui::PopTextWrapPos();
        ImGui::Checkbox(kRestoreDesksStopped, &restore_desks_stopped_);
    }
    ImGui::Spacing();
    if (restore_choices_.empty()) {
        paragraph_disabled("There are no backups in the backup folder yet.");
    } else {
        ImGui::BeginChild("##backups", ImVec2(0.0f, em(12.0f)), true);
        for (std::size_t i = 0; i < restore_choices_.size(); ++i)
            if (selectable(restore_choices_[i].label.c_str(), static_cast<int>(i) == restore_selected_)) {
                restore_selected_ = static_cast<int>(i);
                restore_file_.clear();
            }
        ImGui::EndChild();
    }
    ImGui::TextUnformatted("Or a backup file from elsewhere (a USB stick):");
    if (restore_field_.draw(ctx_.desktop, restore_file_) && !restore_file_.empty()) restore_selected_ = -1;
    ImGui::Spacing();
    ImGui::BeginDisabled((restore_selected_ < 0 && restore_file_.empty()) ||
                         (shared && !restore_desks_stopped_));
    if (button(kRestoreConfirm)) {
        const app::EditResult r = ctx_.session.restore_backup(
            restore_selected_ >= 0 ? restore_choices_[static_cast<std::size_t>(restore_selected_)].file
                                   : os::path_from_utf8(restore_file_));
        database_message_ = r.message;
        database_message_is_error_ = !r.ok;
        restore_open_ = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (button("Cancel##restore") || ImGui::IsKeyPressed(keys::Escape, false)) {
        restore_open_ = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void Shell::draw_help() {
    if (!help_open_) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin(kHelpWindow, &help_open_, flags)) {
        heading("Keyboard shortcuts");
        ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(em(0.6f), ImGui::GetStyle().CellPadding.y));
        if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
            for (const ShortcutHelp& s : shortcut_help()) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.action);
            }
            ImGui::EndTable();
        }
        ImGui::PopStyleVar();
        ImGui::Spacing();
        heading("Font check");
        ImGui::TextUnformatted(kFontCheckSample);
        ImGui::TextDisabled(
            "Every letter above should show; a '?' means a font is missing (install fonts-noto-core).");
        ImGui::Spacing();
        heading("About");
        ImGui::Text("Reception Console %s", RC_VERSION);
        const Fonts& f = fonts();
        ImGui::Text("Font: %s, %d px (display scale %.2g)", f.source.c_str(), static_cast<int>(f.pixel_size),
                    static_cast<double>(about_.content_scale));
        if (!about_.data_directory.empty()) ImGui::Text("Data folder: %s", about_.data_directory.c_str());
        if (!about_.log_file.empty()) ImGui::Text("Log file: %s", about_.log_file.c_str());
        ImGui::Spacing();
        if (button("Close (Esc)")) help_open_ = false;
    }
    ImGui::End();
}

void Shell::forget_unsaved_state() {
    const std::string current = screens_.empty() ? std::string() : screens_[current_]->id();
    screens_ = make_main_screens();
    for (std::size_t i = 0; i < screens_.size(); ++i)
        if (current == screens_[i]->id()) current_ = i;
    // Dear ImGui keeps its own copy of the field being edited: wipe it, not just forget it.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGui::ClearActiveID();
    ImGuiInputTextState& t = g.InputTextState;
    if (!t.TextW.empty()) std::memset(t.TextW.Data, 0, static_cast<std::size_t>(t.TextW.size_in_bytes()));
    if (!t.TextA.empty()) std::memset(t.TextA.Data, 0, static_cast<std::size_t>(t.TextA.size_in_bytes()));
    if (!t.InitialTextA.empty())
        std::memset(t.InitialTextA.Data, 0, static_cast<std::size_t>(t.InitialTextA.size_in_bytes()));
    std::memset(&t.Stb, 0, sizeof t.Stb); // its undo buffer holds typed characters too
    t.CurLenW = t.CurLenA = 0;
    t.ID = 0;
    spdlog::info("unsaved drafts cleared at the lock");
}

void Shell::draw() {
    gate_shown_ = ctx_.session.gate_state() != app::GateState::Open;
    handle_shortcuts();
    gate_shown_ = ctx_.session.gate_state() != app::GateState::Open; // Ctrl+L may have locked
    // Whatever locked it (idle, Ctrl+L, resume from sleep, sign-out), nothing half-typed survives for the
    // next person at the keyboard.
    if (gate_shown_ && was_open_) forget_unsaved_state();
    was_open_ = !gate_shown_;

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    const ImGuiWindowFlags host_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin(kHostWindow, nullptr, host_flags);
    ImGui::PopStyleVar(2);

    const ImGuiStyle& style = ImGui::GetStyle();
    const float status_h = ImGui::GetFrameHeight() + style.WindowPadding.y;
    const float body_h = std::max(1.0f, ImGui::GetWindowHeight() - status_h);

    draw_navigation(body_h);
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::BeginChild("##content", ImVec2(0.0f, body_h), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (gate_shown_) {
        gate_->draw(ctx_);
    } else {
        Screen& screen = *screens_[current_];
        if (shown_pending_) {
            screen.on_shown(ctx_);
            shown_pending_ = false;
        }
        screen.draw(ctx_);
    }
    ImGui::EndChild();
    if (pending_go_to_) { // between screens' draws, never inside one
        for (std::size_t i = 0; i < screens_.size(); ++i)
            if (pending_go_to_->first == screens_[i]->id()) {
                show_screen(i);
                screens_[i]->focus(pending_go_to_->second);
            }
        pending_go_to_.reset();
    }

    ImGui::SetCursorPos(ImVec2(0.0f, body_h));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, style.Colors[ImGuiCol_MenuBarBg]);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                        ImVec2(style.WindowPadding.x, style.WindowPadding.y * 0.5f));
    ImGui::BeginChild("##status", ImVec2(0.0f, status_h), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    status_bar_.draw(ctx_.session.status(), ctx_.clock);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::End();

    draw_help();
}

} // namespace rc::ui
