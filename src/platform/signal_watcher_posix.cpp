#include "platform/console_app.hpp"
#include "platform/signal_watcher.hpp"

#include <csignal>
#include <pthread.h>
#include <thread>

namespace rc::platform {

struct SignalWatcher::SystemState {
    sigset_t set{};
    sigset_t previous{};
    std::atomic<bool> stopping{false};
    std::thread thread;
};

SignalWatcher::SignalWatcher() : state_(std::make_unique<SystemState>()) {
    SystemState& s = *state_;
    sigemptyset(&s.set);
    sigaddset(&s.set, SIGINT);
    sigaddset(&s.set, SIGTERM);
    sigaddset(&s.set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &s.set, &s.previous);
    s.thread = std::thread([this, &s] {
        for (;;) {
            int sig = 0;
            if (sigwait(&s.set, &sig) != 0) continue;
            if (s.stopping.load()) return;
            close_requested_.store(true);
            post_wake(); // only while the window is open
        }
    });
}

SignalWatcher::~SignalWatcher() {
    SystemState& s = *state_;
    s.stopping.store(true);
    pthread_kill(s.thread.native_handle(), SIGTERM);
    s.thread.join();
    // A signal that arrives after this point is delivered as usual (the default action: exit).
    pthread_sigmask(SIG_SETMASK, &s.previous, nullptr);
}

} // namespace rc::platform
