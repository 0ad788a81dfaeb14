// The composition root: the only place that knows which store, clock and
// server are real. It opens the store named by --db (store/open_store.h),
// hands it to the command line (cli/cli.h), and for `serve` runs the HTTP
// server (http/server.h) until SIGTERM or SIGINT, then shuts down gracefully.
#include <utility>  // Boost 1.74's Asio needs it before its headers under C++20.

#include <csignal>
#include <filesystem>
#include <iostream>

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "http/server.h"
#include "store/open_store.h"

namespace hearken {
namespace {

// The built web UI: --static-dir, else ./web/dist, else the source tree's.
std::string FindStaticDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  for (std::string candidate : {std::string("web/dist"), std::string(HEARKEN_SOURCE_DIR) + "/web/dist"})
    if (std::filesystem::exists(candidate + "/index.html")) return candidate;
  return "";
}

int Serve(Store& store, const Clock& clock, const ServeCommand& command, const sigset_t& stop_signals) {
  http::ServerOptions options;
  options.host = command.host;
  options.port = command.port;
  options.threads = command.threads;
  options.secure_cookies = command.secure_cookies;
  options.static_dir = FindStaticDir(command.static_dir);
  if (options.static_dir.empty())
    spdlog::warn("no built web UI found (run `make web`); serving the API only");

  http::Server server(store, clock, options);
  if (auto started = server.Start(); !started.ok()) {
    spdlog::error("cannot start: {}", started.error().message);
    return ExitCodeFor(started.error().code);
  }
  spdlog::info("Hearken listening on http://{}:{}", options.host, server.Port());

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("signal {} received: finishing in-flight requests", signal_number);
  server.RequestStop();
  server.Wait();
  spdlog::info("stopped");
  return 0;
}

}  // namespace
}  // namespace hearken

int main(int argc, char** argv) {
  using namespace hearken;
  // Block the stop signals in every thread (threads inherit the mask); the
  // main thread waits for them with sigwait while serving.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);

  SystemClock clock;
  CliHooks hooks;
  hooks.open_store = [&clock](const std::string& url) { return OpenStore(url, clock); };
  hooks.serve = [&clock, &stop_signals](Store& store, const ServeCommand& command) {
    return Serve(store, clock, command, stop_signals);
  };
  hooks.clock = &clock;
  hooks.in = &std::cin;
  hooks.out = &std::cout;
  hooks.err = &std::cerr;
  return RunCli(argc, argv, hooks);
}
