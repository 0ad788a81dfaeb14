// Options of the HTTP server (listen address, threads, cookies, session
// timeouts, body limit, the directory of the built web UI) and every limit
// of the edge: worker pool and its queue deadline, connection caps, read
// timeouts, trusted proxies, and the rate limits of sign-in, the API and the
// public routes. The defaults are the values Hearken had before they were
// configurable; `hearken serve --help` lists the flags.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "http/throttle.h"

namespace hearken::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = any free port (see Server::Port())
  int threads = 4;              // I/O threads (each runs its own event loop)
  std::string static_dir;       // built web UI (web/dist); empty = none
  bool secure_cookies = false;  // TLS in front: Secure cookies and HSTS
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 3600};
  std::size_t max_body_bytes = 1 << 20;  // default per request; a route may allow more (Route::max_body_bytes)
  std::chrono::seconds shutdown_grace{10};  // how long Wait() lets in-flight requests finish
  // Requests a minute per client address to /api/ (rolling minute; 0 = no limit).
  int api_requests_per_minute = 0;
  // How often expired sessions are removed from the store (0 = never).
  std::chrono::milliseconds session_sweep_interval{std::chrono::minutes(10)};
  // Public complaint routes, per client address and rolling hour (429 with
  // Retry-After beyond): form submissions, and status-page and rating-page
  // requests (reads and replies).
  int public_submissions_per_hour = 10;
  int public_status_requests_per_hour = 60;
  // Survey answers through public links, per client address and rolling
  // hour: generous, since many respondents may share an office's address.
  int public_survey_answers_per_hour = 600;
  // Failed sign-ins per (account, address) and per address.
  SignInLimits sign_in;

  // The worker pool: handlers (store calls, password hashing) run on
  // `workers` threads; at most `max_queued` requests wait, each at most
  // `queue_deadline` — beyond either, 503 with Retry-After. Most of a
  // worker's time is waiting (for the store's group commit above all: the
  // writes waiting together make one transaction, so the workers bound the
  // group), so there are many; CPU-bound work has its own bounds (one
  // argon2id per core, core/crypto.h).
  int workers = 64;
  std::size_t max_queued = 1024;
  std::chrono::milliseconds queue_deadline{2000};
  // Complaint analyses running at once (http/work_slots.h); 0: one per core.
  // One that cannot start within queue_deadline is answered 503.
  int analysis_slots = 0;
  // Connections: at most `max_connections` open, `max_connections_per_address`
  // from one client address (0 = no cap); beyond, 503 and close.
  int max_connections = 10000;
  int max_connections_per_address = 256;
  // A request head must arrive within `header_timeout` of its first byte
  // (slowloris), a body within `body_timeout`; an idle keep-alive connection
  // is closed after `keep_alive_timeout`.
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{60000};
  std::chrono::milliseconds keep_alive_timeout{60000};
  // Peers (CIDR, e.g. "10.0.0.0/8", "::1/128") whose X-Forwarded-For /
  // Forwarded name the client (and X-Forwarded-Proto its scheme). Others'
  // are ignored.
  std::vector<std::string> trusted_proxies;
};

// Body limit of the routes that take files (the public complaint form and
// attachment uploads): 5 files of 10 MB plus the text fields.
inline constexpr std::size_t kFileUploadBodyBytes = 52u << 20;

}  // namespace hearken::http
