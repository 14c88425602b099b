#include "platform/socket_watcher.hpp"

#include "os/socket_wait.hpp"

namespace rc::platform {

namespace {
// A socket replaced by a reconnect is noticed within this time.
constexpr int kPollMilliseconds = 250;
} // namespace

SocketWatcher::SocketWatcher(std::function<void()> wake) : wake_(std::move(wake)) {
    thread_ = std::thread([this] { run(); });
}

SocketWatcher::~SocketWatcher() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void SocketWatcher::watch(int socket) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (socket == socket_ && armed_) return;
        socket_ = socket;
        armed_ = socket >= 0;
    }
    changed_.notify_all();
}

void SocketWatcher::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        changed_.wait(lock, [this] { return stopping_ || armed_; });
        if (stopping_) break;
        const int socket = socket_;
        lock.unlock();
        const bool ready = os::wait_socket_readable(socket, kPollMilliseconds);
        lock.lock();
        // Readable (news, or the server closing, which tick() reports): wake the loop once, until it
        // has looked and armed the watch again.
        if (ready && socket == socket_ && armed_) {
            armed_ = false;
            lock.unlock();
            wake_();
            lock.lock();
        }
    }
}

} // namespace rc::platform
