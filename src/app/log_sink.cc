#include "app/log_sink.h"

#include <chrono>

#include <unistd.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace hearken {

void BufferedFileSink::sink_it_(const spdlog::details::log_msg& message) {
  spdlog::memory_buf_t line;
  formatter_->format(message, line);
  std::fwrite(line.data(), 1, line.size(), file_);
}

void BufferedFileSink::flush_() { std::fflush(file_); }

void UseServerLog() {
  std::shared_ptr<spdlog::logger> logger;
  if (isatty(STDOUT_FILENO)) {
    logger = spdlog::stdout_color_mt("hearken");
  } else {
    static char buffer[1 << 16];
    std::fflush(stdout);
    std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    logger = std::make_shared<spdlog::logger>("hearken", std::make_shared<BufferedFileSink>(stdout));
    spdlog::initialize_logger(logger);  // the pattern and level set in main
  }
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

}  // namespace hearken
