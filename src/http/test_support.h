// Test support for the HTTP edge: a small synchronous HTTP client over real
// TCP (Boost.Beast, kept out of the test files), and a harness that opens a
// fresh store, migrates it, creates one user and one bearer token per role,
// and starts a real Server on 127.0.0.1 port 0 with a ManualClock.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_codec.h"
#include "http/server.h"
#include "store/store.h"

namespace hearken::http::testing {

// The database for one harness: "sqlite:<tmp file>" in http_test, a fresh
// PostgreSQL database in http_postgres_test (defined per binary).
std::string NewTestDatabaseUrl();

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; the last value wins
  std::vector<std::string> set_cookies;
  std::string body;
  std::string error;  // transport error, empty when a response was read

  Json json() const;  // the body parsed (null when not JSON)
  std::string Header(const std::string& lower_name) const;
};

struct Auth {
  std::string bearer;
  std::string cookie;  // value of hearken_session
  std::string csrf;
};

// One request on a new connection. `headers` are added as given; a body is
// sent with `content_type` when not empty.
Reply Send(unsigned short port, const std::string& method, const std::string& target, const std::string& body = "",
           const Auth& auth = {}, const std::vector<std::pair<std::string, std::string>>& headers = {},
           const std::string& content_type = "application/json");

// Writes `bytes` as they are and reads one response if the server sends one
// before closing (status 0 otherwise). With `half_close` the client then
// shuts its sending side (so a server waiting for more bytes sees the end);
// a request for the worker pool needs false: a client that has closed has
// gone, and its request is abandoned.
Reply SendRaw(unsigned short port, const std::string& bytes, bool half_close = true);

// One keep-alive connection that stays open between requests.
class KeepAliveClient {
 public:
  explicit KeepAliveClient(unsigned short port);
  ~KeepAliveClient();
  Reply Get(const std::string& target);
  // True when the server closes the connection within `timeout`.
  bool ClosedByServer(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

inline constexpr char kPassword[] = "correct horse battery";

class Harness {
 public:
  // Starts a server with `options` (host and port are forced to 127.0.0.1:0).
  explicit Harness(ServerOptions options = {});
  ~Harness();

  unsigned short port() const { return server_->Port(); }
  Server& server() { return *server_; }
  Store& store() { return *store_; }
  ManualClock& clock() { return clock_; }
  const User& user(Role role) const { return users_.at(role); }
  Auth BearerOf(Role role) const { return Auth{tokens_.at(role), "", ""}; }

  // Creates another user (password kPassword).
  User AddUser(const std::string& email, Role role);
  // Signs in through the API; returns the cookie and CSRF token (empty on failure).
  Auth Login(const std::string& email, const std::string& password = kPassword);

  Reply Get(const std::string& target, const Auth& auth) { return Send(port(), "GET", target, "", auth); }
  Reply Post(const std::string& target, const Json& body, const Auth& auth) {
    return Send(port(), "POST", target, body.dump(), auth);
  }
  Reply Patch(const std::string& target, const Json& body, const Auth& auth) {
    return Send(port(), "PATCH", target, body.dump(), auth);
  }
  Reply Put(const std::string& target, const Json& body, const Auth& auth) {
    return Send(port(), "PUT", target, body.dump(), auth);
  }
  Reply Delete(const std::string& target, const Auth& auth) { return Send(port(), "DELETE", target, "", auth); }

 private:
  ManualClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Server> server_;
  std::map<Role, User> users_;
  std::map<Role, std::string> tokens_;
};

// The hash of kPassword, computed once (argon2id is slow on purpose).
const std::string& PasswordHash();

// True when `reply` is an RFC 9457 problem with `status` (and, when given,
// an errors[] entry naming `field`).
bool IsProblem(const Reply& reply, int status, const std::string& field = "");

}  // namespace hearken::http::testing
