#include "platform/signal_watcher.hpp"

#include "platform/console_app.hpp"

#include <pthread.h>

namespace rc::platform {

SignalWatcher::SignalWatcher() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
    thread_ = std::thread([this] {
        for (;;) {
            int sig = 0;
            if (sigwait(&set_, &sig) != 0) continue;
            if (stopping_.load()) return;
            close_requested_.store(true);
            post_wake(); // only while the window is open
        }
    });
}

SignalWatcher::~SignalWatcher() {
    stopping_.store(true);
    pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
    // A signal that arrives after this point is delivered as usual (the default action: exit).
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

} // namespace rc::platform
