#include "keep_alive_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace hearken::crash {

KeepAliveClient::~KeepAliveClient() { Close(); }

void KeepAliveClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffered_.clear();
}

bool KeepAliveClient::Connect() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return false;
  timeval timeout{15, 0};  // a server that hangs fails the test instead of hanging it
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    Close();
    return false;
  }
  return true;
}

int KeepAliveClient::Send(const std::string& method, const std::string& target, const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          std::string* response_body) {
  if (fd_ < 0 && !Connect()) return -1;
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST")
    request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      Close();
      return -1;
    }
    sent += static_cast<size_t>(n);
  }
  auto read_more = [this] {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffered_.append(chunk, static_cast<size_t>(n));
    return true;
  };
  size_t head_end;
  while ((head_end = buffered_.find("\r\n\r\n")) == std::string::npos)
    if (!read_more()) {
      Close();
      return -1;
    }
  const std::string head = buffered_.substr(0, head_end);
  const int status = head.size() > 12 ? std::atoi(head.c_str() + 9) : -1;
  size_t length = 0;
  for (const char* name : {"\r\nContent-Length:", "\r\ncontent-length:"}) {
    if (auto at = head.find(name); at != std::string::npos) length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
  }
  while (buffered_.size() < head_end + 4 + length)
    if (!read_more()) {
      Close();
      return -1;
    }
  if (response_body) *response_body = buffered_.substr(head_end + 4, length);
  buffered_.erase(0, head_end + 4 + length);
  if (head.find("\r\nConnection: close") != std::string::npos || head.find("\r\nconnection: close") != std::string::npos)
    Close();
  return status;
}

}  // namespace hearken::crash
