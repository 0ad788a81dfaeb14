// Loopback helpers shared by the throw-away mail servers of the tests:
// a free TCP port on 127.0.0.1, and a connection to one.
#pragma once

namespace hearken {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then
// released); 0 when no socket could be had.
int FreeLoopbackPort();

// A connected socket to 127.0.0.1:port, or -1 when nothing accepts there.
// The caller closes it.
int ConnectLoopback(int port);

}  // namespace hearken
