#pragma once
#include "app/saved_centres.hpp"
#include "ui/screen.hpp"

#include <optional>
#include <string>

namespace rc::ui {

// Shown instead of the main screens while the session is not open: first run (create the centre and
// its first coordinator), sign-in, the lock screen, and a refused database. It shows nothing personal:
// no names of people received or of staff, no log. Everything works from the keyboard: Tab between
// fields, Enter submits. A slow step (deriving the key from a passphrase takes about a second) shows
// "Checking…" for a frame before it runs, so the console never looks frozen.
// What to do about a database that was refused: a file is restored from a backup; a shared centre's
// server is asked (nothing on it was changed).
std::string refused_database_advice(bool shared_centre);

class GateScreen final : public Screen {
public:
    const char* id() const override { return "gate"; }
    const char* title() const override { return "Sign in"; }
    void draw(ScreenContext& ctx) override;

    // Field ids: "##<label shown above the field>##<unique id>".
    static constexpr const char* kCentreName = "##Centre name##gate_centre";
    static constexpr const char* kCentreCode = "##Operation code##gate_code";
    static constexpr const char* kVenue = "##Venue##gate_venue";
    static constexpr const char* kName = "##Your name##gate_name";
    static constexpr const char* kPassphrase = "##Passphrase##gate_passphrase";
    static constexpr const char* kPassphraseAgain = "##Passphrase again##gate_passphrase_again";
    static constexpr const char* kPin = "##PIN##gate_pin";
    static constexpr const char* kCreate = "Create the centre";
    static constexpr const char* kSignIn = "Sign in";
    static constexpr const char* kUnlock = "Unlock";
    static constexpr const char* kUsePassphrase = "Use my passphrase instead";

private:
    enum class Pending { None, Create, SignIn, Unlock };
    void draw_create(ScreenContext& ctx);
    void draw_sign_in(ScreenContext& ctx, bool locked);
    void draw_unavailable(ScreenContext& ctx);
    // The shared centres saved on this desk (app/saved_centres.hpp), read once; choosing one opens it.
    void draw_saved_centres(ScreenContext& ctx);
    void run_pending(ScreenContext& ctx);
    void clear_secrets();

    app::GateState last_state_ = app::GateState::Open;
    bool focus_first_ = true;
    std::optional<app::SavedCentres> saved_centres_;
    Pending pending_ = Pending::None;
    int pending_frames_ = 0;
    bool use_passphrase_ = false;
    std::string message_;
    bool message_is_error_ = false;

    std::string centre_name_;
    std::string centre_code_ = "OP-0001";
    std::string venue_;
    std::string name_;
    std::string passphrase_;
    std::string passphrase_again_;
    std::string pin_;
};

} // namespace rc::ui
