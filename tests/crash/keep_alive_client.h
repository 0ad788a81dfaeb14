// A blocking HTTP/1.1 client on one keep-alive connection, for the crash
// test's load: it sends a request and reads the response by its
// Content-Length. A broken connection (the server was killed) reads as
// status -1; the next call connects again.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hearken::crash {

class KeepAliveClient {
 public:
  explicit KeepAliveClient(int port) : port_(port) {}
  ~KeepAliveClient();
  KeepAliveClient(const KeepAliveClient&) = delete;
  KeepAliveClient& operator=(const KeepAliveClient&) = delete;

  // The response's status (-1: no connection or a broken one) and body.
  int Send(const std::string& method, const std::string& target, const std::string& body,
           const std::vector<std::pair<std::string, std::string>>& headers, std::string* response_body);

 private:
  bool Connect();
  void Close();
  int port_;
  int fd_ = -1;
  std::string buffered_;  // bytes read past the previous response
};

}  // namespace hearken::crash
