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
  std::size_t max_body_bytes = 1 << 20;  // default per request; a route may allow more (Route::max_body_bytes)
  std::chrono::seconds shutdown_grace{10};  // how long Wait() lets in-flight requests finish
  // Requests a minute per client address to /api/ (token bucket; 0 = no limit).
  int api_requests_per_minute = 0;
  // How often expired sessions are removed from the store (0 = never).
  std::chrono::milliseconds session_sweep_interval{std::chrono::minutes(10)};
  // Public complaint routes, per client address and rolling hour (429 with
  // Retry-After beyond): form submissions, and status-page and rating-page
  // requests (reads and replies).
  int public_submissions_per_hour = 10;
  int public_status_requests_per_hour = 60;
};

// Body limit of the routes that take files (the public complaint form and
// attachment uploads): 5 files of 10 MB plus the text fields.
inline constexpr std::size_t kFileUploadBodyBytes = 52u << 20;

}  // namespace hearken::http
