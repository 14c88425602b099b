#pragma once
// When the window loop draws and how long it may sleep: idle costs nothing. The loop draws a few
// frames after any input (popups and layout need a frame or two to settle), then sleeps until the
// next input or the next timed redraw (the status-bar clock's next minute, the session's next due
// work), and never wakes for a timer more than once a second. Pure logic, tested without a window.
#include <optional>

namespace rc::app {

class FramePacer {
public:
    static constexpr int kFramesAfterInput = 3;
    static constexpr double kMinTimerInterval = 1.0; // seconds between timer wake-ups, at least
    static constexpr double kMaxSleep = 60.0;        // a sleep never lasts longer than this

    explicit FramePacer(int frames_after_input = kFramesAfterInput)
        : frames_after_input_(frames_after_input) {}

    // Input arrived (key, mouse, resize, expose, focus...): draw the next few frames.
    void note_input() { pending_ = frames_after_input_; }
    // Something changed that needs `frames` more frames (data changed, fonts rebuilt).
    void request_frames(int frames) {
        if (frames > pending_) pending_ = frames;
    }
    // The next time (loop clock, seconds) a redraw is due without input; nullopt for none.
    void set_next_due(std::optional<double> at) { next_due_ = at; }

    // Whether to draw a frame now.
    bool should_draw(double now) const { return pending_ > 0 || timer_due(now); }
    // A frame was drawn at `now`.
    void frame_drawn(double now);
    // How long the loop may wait for events before it has to draw (0: poll, do not wait).
    double sleep_seconds(double now) const;

    int pending_frames() const { return pending_; }

private:
    bool timer_due(double now) const {
        return next_due_ && now >= *next_due_ && now - last_timer_frame_ >= kMinTimerInterval;
    }

    int frames_after_input_;
    int pending_ = 1; // the first frame
    std::optional<double> next_due_;
    double last_timer_frame_ = -1e300;
};

} // namespace rc::app
