// http_postgres_test: the same HTTP integration cases as http_test, against
// PostgreSQL. One throw-away server for the process, a fresh database per
// harness.
#include <iostream>

#include <gtest/gtest.h>

#include "http/test_support.h"
#include "store/postgres/testing/pg_test_server.h"

namespace hearken::http::testing {
namespace {
PgTestServer* g_server = nullptr;
}

std::string NewTestDatabaseUrl() {
  auto uri = g_server->CreateDatabase();
  if (!uri.ok()) throw std::runtime_error("cannot create a test database: " + uri.error().message);
  return *uri;
}

}  // namespace hearken::http::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  auto server = hearken::PgTestServer::Start();
  if (!server.ok()) {
    std::cerr << "cannot start PostgreSQL for the tests: " << server.error().message << "\n";
    return 1;
  }
  hearken::http::testing::g_server = server->get();
  return RUN_ALL_TESTS();
}
