// Options of the HTTP server (listen address, threads, cookies, session
// timeouts, body limit, the directory of the built web UI).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace hearken::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = any free port (see Server::Port())
  int threads = 4;
  std::string static_dir;       // built web UI (web/dist); empty = none
  bool secure_cookies = false;  // adds Secure to the session cookie (TLS in front)
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 3600};
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::seconds shutdown_grace{10};  // how long Wait() lets in-flight requests finish
  // Requests a minute per client address to /api/ (token bucket; 0 = no limit).
  int api_requests_per_minute = 0;
  // How often expired sessions are removed from the store (0 = never).
  std::chrono::milliseconds session_sweep_interval{std::chrono::minutes(10)};
};

}  // namespace hearken::http
