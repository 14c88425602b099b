#include "os/socket_wait.hpp"

// winsock2.h before windows.h (which otherwise pulls in the old winsock.h).
#include <winsock2.h>

namespace rc::os {

bool wait_socket_readable(int socket, int milliseconds) {
    WSAPOLLFD p{};
    p.fd = static_cast<SOCKET>(socket);
    p.events = POLLRDNORM;
    const int ready = WSAPoll(&p, 1, milliseconds);
    // An error (the socket closed under us) counts as ready, as POLLNVAL does on POSIX: the caller
    // looks at the connection and reports it.
    return ready != 0;
}

} // namespace rc::os
