#pragma once
// A lost acknowledgement, made to order: a small proxy between a desk and the test PostgreSQL server
// (both on unix sockets) that, once armed, lets the server's answer to the next COMMIT go nowhere and
// closes both sides. The commit has happened on the server; the desk sees only a broken connection,
// exactly as when a laptop's network drops between sending COMMIT and reading the answer.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace rc::test {

class LostAckProxy {
public:
    // `server_dir`, `port`: the server's socket folder and port (host= and port= of its conninfo).
    LostAckProxy(std::string server_dir, std::string port)
        : server_dir_(std::move(server_dir)), port_(std::move(port)) {
        char tmpl[] = "/tmp/rc-lost-ack-XXXXXX";
        if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
        dir_ = tmpl;
        listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
        const sockaddr_un addr = address(dir_ + "/.s.PGSQL." + port_);
        if (::bind(listen_fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(listen_fd_, 16) != 0)
            throw std::runtime_error("the lost-acknowledgement proxy could not listen");
        thread_ = std::thread([this] { run(); });
    }
    ~LostAckProxy() {
        stop_ = true;
        thread_.join();
        for (const auto& [client, server] : pairs_) {
            ::close(client);
            ::close(server);
        }
        ::close(listen_fd_);
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    LostAckProxy(const LostAckProxy&) = delete;
    LostAckProxy& operator=(const LostAckProxy&) = delete;

    // The connection line's host= for desks that go through the proxy.
    const std::string& host() const { return dir_; }
    // The server's answer to the next COMMIT is dropped and that connection closed.
    void drop_next_commit_answer() { armed_ = true; }
    // While set, new connections are closed at once (the server out of reach for the desk).
    void refuse_connections(bool refuse) { refuse_ = refuse; }
    // How many answers were dropped so far.
    int dropped() const { return dropped_; }

private:
    static sockaddr_un address(const std::string& path) {
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
        return a;
    }
    static bool send_all(int fd, const char* p, std::size_t n) {
        while (n > 0) {
            const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
            if (w <= 0) return false;
            p += w;
            n -= static_cast<std::size_t>(w);
        }
        return true;
    }
    void run() {
        std::vector<char> buf(65536);
        while (!stop_) {
            std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}};
            for (const auto& [client, server] : pairs_) {
                fds.push_back({client, POLLIN, 0});
                fds.push_back({server, POLLIN, 0});
            }
            if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
            if (fds[0].revents & POLLIN) {
                const int client = ::accept(listen_fd_, nullptr, nullptr);
                if (refuse_) {
                    ::close(client);
                    continue;
                }
                const int server = ::socket(AF_UNIX, SOCK_STREAM, 0);
                const sockaddr_un addr = address(server_dir_ + "/.s.PGSQL." + port_);
                if (::connect(server, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0) {
                    pairs_[client] = server;
                } else {
                    ::close(client);
                    ::close(server);
                }
            }
            std::vector<int> closed;
            for (std::size_t i = 1; i < fds.size(); i += 2) {
                const int client = fds[i].fd, server = fds[i + 1].fd;
                bool ok = true;
                if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                    const ssize_t n = ::recv(client, buf.data(), buf.size(), 0);
                    ok = n > 0 && send_all(server, buf.data(), static_cast<std::size_t>(n));
                }
                if (ok && (fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR))) {
                    const ssize_t n = ::recv(server, buf.data(), buf.size(), 0);
                    ok = n > 0;
                    // CommandComplete carries the tag "COMMIT" and its terminating zero byte.
                    static constexpr char kTag[] = "COMMIT";
                    if (ok && armed_ &&
                        ::memmem(buf.data(), static_cast<std::size_t>(n), kTag, sizeof kTag) != nullptr) {
                        armed_ = false;
                        ++dropped_;
                        ok = false;
                    } else if (ok) {
                        ok = send_all(client, buf.data(), static_cast<std::size_t>(n));
                    }
                }
                if (!ok) closed.push_back(client);
            }
            for (int client : closed) {
                ::close(pairs_[client]);
                ::close(client);
                pairs_.erase(client);
            }
        }
    }

    std::string server_dir_, port_, dir_;
    int listen_fd_ = -1;
    std::map<int, int> pairs_; // client -> server
    std::atomic<bool> armed_{false}, refuse_{false}, stop_{false};
    std::atomic<int> dropped_{0};
    std::thread thread_;
};

// The value of `key=` in a libpq keyword line ("" when absent).
inline std::string conninfo_value(const std::string& line, const std::string& key) {
    const std::string k = key + "=";
    for (std::size_t at = 0; (at = line.find(k, at)) != std::string::npos; ++at)
        if (at == 0 || line[at - 1] == ' ') {
            const std::size_t start = at + k.size();
            return line.substr(start, line.find(' ', start) - start);
        }
    return {};
}

} // namespace rc::test
