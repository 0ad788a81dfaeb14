// http_test runs against SQLite: one fresh database file per harness.
#include <atomic>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "http/test_support.h"

namespace hearken::http::testing {

std::string NewTestDatabaseUrl() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("hearken-http-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = dir / ("db-" + std::to_string(counter++) + ".sqlite");
  std::filesystem::remove(file);
  return "sqlite:" + file.string();
}

}  // namespace hearken::http::testing
