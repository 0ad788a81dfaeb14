// http_test runs against SQLite: one fresh database file per harness, in a
// temporary directory removed when the process ends.
#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

#include <unistd.h>

#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("hearken-http-test-" + std::to_string(::getpid()));
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

std::string NewTestDatabaseUrl() {
  static TempDir dir;
  static std::atomic<int> counter{0};
  std::filesystem::create_directories(dir.path);
  auto file = dir.path / ("db-" + std::to_string(counter++) + ".sqlite");
  return "sqlite:" + file.string();
}

}  // namespace hearken::http::testing
