// The idle policy of the window loop: a few frames after input, then sleep until the next timed
// redraw, never more than one timer wake a second.
#include "app/frame_pacer.hpp"

#include <doctest/doctest.h>

using rc::app::FramePacer;

TEST_CASE("the first frame is drawn, then the loop sleeps") {
    FramePacer p;
    CHECK(p.should_draw(0.0));
    p.frame_drawn(0.0);
    CHECK_FALSE(p.should_draw(0.1));
    CHECK(p.sleep_seconds(0.1) == FramePacer::kMaxSleep);
}

TEST_CASE("input draws exactly the extra frames, then sleeps") {
    FramePacer p;
    p.frame_drawn(0.0);
    p.note_input();
    int drawn = 0;
    double t = 1.0;
    while (p.should_draw(t)) {
        CHECK(p.sleep_seconds(t) == 0.0);
        p.frame_drawn(t);
        ++drawn;
        t += 0.016;
    }
    CHECK(drawn == FramePacer::kFramesAfterInput);
}

TEST_CASE("a timed redraw wakes the loop at its time, and timers wake at most once a second") {
    FramePacer p;
    p.frame_drawn(0.0);
    p.set_next_due(60.0);
    CHECK(p.sleep_seconds(10.0) == doctest::Approx(50.0));
    CHECK_FALSE(p.should_draw(59.9));
    CHECK(p.should_draw(60.0));
    p.frame_drawn(60.0);
    // A due time that is already past (or keeps being set in the past) still waits a second.
    p.set_next_due(60.2);
    CHECK_FALSE(p.should_draw(60.3));
    CHECK(p.sleep_seconds(60.3) == doctest::Approx(0.7));
    CHECK(p.should_draw(61.0));
}

TEST_CASE("a sleep never exceeds the maximum, and a requested frame is drawn at once") {
    FramePacer p;
    p.frame_drawn(0.0);
    p.set_next_due(1000.0);
    CHECK(p.sleep_seconds(0.0) == FramePacer::kMaxSleep);
    p.request_frames(1);
    CHECK(p.should_draw(0.5));
    CHECK(p.sleep_seconds(0.5) == 0.0);
}
