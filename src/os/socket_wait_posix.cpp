#include "os/socket_wait.hpp"

#include <poll.h>

namespace rc::os {

bool wait_socket_readable(int socket, int milliseconds) {
    pollfd p{socket, POLLIN, 0};
    // POLLHUP, POLLERR and POLLNVAL count as ready too: the caller looks and sees what happened.
    return ::poll(&p, 1, milliseconds) > 0;
}

} // namespace rc::os
