// The replay driver of the fuzz targets for the normal (GCC) build: calls
// LLVMFuzzerTestOneInput once on every file of the directories (or files)
// given, so that `make test` runs each seed corpus, crashes found by fuzzing
// included, as a regression test. A target signals a finding by crashing or
// aborting, as under libFuzzer; this driver only reads files and counts.
//
//   <name>_replay [--junit=FILE] DIR_OR_FILE...
//
// With --junit it writes a JUnit report of one case per input, which
// scripts/test counts like the GoogleTest suites.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::string junit;
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--junit=", 0) == 0) {
      junit = arg.substr(8);
      continue;
    }
    const std::filesystem::path path(arg);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) inputs.push_back(entry.path());
      }
    } else if (std::filesystem::is_regular_file(path)) {
      inputs.push_back(path);
    } else {
      std::fprintf(stderr, "replay: %s is neither a file nor a directory\n", arg.c_str());
      return 2;
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs\n");
    return 2;
  }
  std::sort(inputs.begin(), inputs.end());
  for (const auto& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replay: %zu inputs, no finding\n", inputs.size());
  if (!junit.empty()) {
    std::filesystem::create_directories(std::filesystem::path(junit).parent_path());
    std::ofstream out(junit);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites tests=\"" << inputs.size() << "\" failures=\"0\" disabled=\"0\" errors=\"0\" name=\"replay\">\n"
        << "  <testsuite name=\"replay\" tests=\"" << inputs.size() << "\" failures=\"0\" disabled=\"0\" errors=\"0\">\n";
    for (const auto& path : inputs) {
      out << "    <testcase name=\"" << XmlEscape(path.filename().string()) << "\" status=\"run\" classname=\"replay\" />\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
  }
  return 0;
}
