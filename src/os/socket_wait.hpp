#pragma once
// Waiting on a network socket without reading it (the shared centre's connection, whose news wakes the
// window). POSIX: poll(). Windows: WSAPoll() on the SOCKET libpq hands out as an int.

namespace rc::os {

// Waits up to `milliseconds` for `socket` to turn readable. True when it has data, was closed by the
// other side, or is no longer valid (the caller then looks at the connection itself); false when the
// time ran out or the wait was interrupted.
bool wait_socket_readable(int socket, int milliseconds);

} // namespace rc::os
