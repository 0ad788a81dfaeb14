// The server's log: one line per request, formatted and written by the
// thread that answered it. On a terminal each line is written (and coloured)
// as it comes. Anywhere else (a pipe, a file, the journal) lines collect in a
// 64 KiB buffer that reaches the file when full, once a second, at once for
// a warning or an error, and at exit. A write() per line on a logger thread,
// woken for each line, held /healthz 14-24 % lower (bench/serve_compare.sh).
// UseServerLog sets this up as spdlog's default logger.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>

#include <spdlog/sinks/base_sink.h>

namespace hearken {

// Writes formatted lines to `file` without flushing; flush() flushes.
class BufferedFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit BufferedFileSink(std::FILE* file) : file_(file) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override;

 private:
  std::FILE* file_;
};

// The default logger on stdout, buffered unless stdout is a terminal. Call
// before anything else writes to stdout.
void UseServerLog();

}  // namespace hearken
