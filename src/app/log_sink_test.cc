// The server log's sink: lines wait in the stream's buffer until a flush, so
// a busy server does not make one write() per request.
#include "app/log_sink.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace hearken {
namespace {

bool Readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 1;
}

std::string ReadAll(int fd) {
  std::string out;
  char chunk[4096];
  ::fcntl(fd, F_SETFL, O_NONBLOCK);
  for (ssize_t n; (n = ::read(fd, chunk, sizeof chunk)) > 0;) out.append(chunk, static_cast<std::size_t>(n));
  return out;
}

TEST(BufferedFileSinkTest, LinesReachTheFileOnlyWhenFlushed) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::FILE* file = ::fdopen(fds[1], "w");
  ASSERT_NE(file, nullptr);
  ASSERT_EQ(std::setvbuf(file, nullptr, _IOFBF, 1 << 16), 0);
  {
    spdlog::logger logger("test", std::make_shared<BufferedFileSink>(file));
    logger.set_pattern("%v");
    for (int i = 0; i < 10; ++i) logger.info("GET /healthz 200 {}", i);
    EXPECT_FALSE(Readable(fds[0])) << "a line was written before the flush";
    logger.flush();
  }
  const std::string written = ReadAll(fds[0]);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 10);
  EXPECT_NE(written.find("GET /healthz 200 9\n"), std::string::npos);
  std::fclose(file);
  ::close(fds[0]);
}

}  // namespace
}  // namespace hearken
