#pragma once
// Wakes the window loop when a shared centre's server sends news (another desk committed), so the
// loop can keep sleeping until input instead of polling the network. A small thread waits on the
// socket the session names (os::wait_socket_readable: poll() on POSIX, WSAPoll() on Windows) and, when
// it turns readable, calls `wake` (glfwPostEmptyEvent, which any thread may call) once; the loop
// re-arms it after its tick() has read the news. The thread never reads the socket itself: libpq stays
// on the loop's thread.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rc::platform {

class SocketWatcher {
public:
    explicit SocketWatcher(std::function<void()> wake);
    ~SocketWatcher();
    SocketWatcher(const SocketWatcher&) = delete;
    SocketWatcher& operator=(const SocketWatcher&) = delete;

    // After each tick(): the socket to watch now (-1: none) and arms the next wake.
    void watch(int socket);

private:
    void run();

    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable changed_;
    int socket_ = -1;
    bool armed_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace rc::platform
