#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "http/problem.h"

namespace hearken::http {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxStaticFile = 64u << 20;

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The decoded path relative to the root, or nullopt when it must be refused.
std::optional<std::string> SafeRelativePath(const std::string& raw_path) {
  // Encoded slashes and backslashes would let a segment hide "..".
  for (std::string_view bad : {"%2f", "%2F", "%5c", "%5C", "\\"})
    if (raw_path.find(bad) != std::string::npos) return std::nullopt;
  auto decoded = PercentDecode(raw_path, false);
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;
  std::string relative;
  size_t start = 1;
  while (start <= decoded->size()) {
    size_t slash = decoded->find('/', start);
    if (slash == std::string::npos) slash = decoded->size();
    std::string segment = decoded->substr(start, slash - start);
    start = slash + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == ".." || segment.front() == '.') return std::nullopt;  // no parents, no dot-files
    for (unsigned char c : segment)
      if (c < 0x20 || c == 0x7f) return std::nullopt;
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  return relative;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > kMaxStaticFile) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

// True when `path` resolves to somewhere inside `root` (symlinks included).
bool Inside(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path real_root = fs::weakly_canonical(root, ec);
  if (ec) return false;
  fs::path real = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = real_root.begin();
  auto p = real.begin();
  for (; r != real_root.end(); ++r, ++p)
    if (p == real.end() || *p != *r) return false;
  return true;
}

// True when the Accept-Encoding value accepts `coding` (a q of 0 refuses it).
bool Accepts(const std::string* accept_encoding, std::string_view coding) {
  if (!accept_encoding) return false;
  std::string_view rest(*accept_encoding);
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view token = item.substr(0, semi);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (!EqualsIgnoreCase(token, coding) && token != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = item.substr(semi + 1);
    size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view value = params.substr(q + 2);
    // q=0, q=0.0, q=0.000 refuse; anything else accepts.
    bool zero = !value.empty() && value.front() == '0';
    for (size_t i = 1; zero && i < value.size() && value[i] != ' '; ++i)
      if (value[i] != '.' && value[i] != '0') zero = false;
    return !zero;
  }
  return false;
}

bool IsCompressible(const std::string& name) {
  for (std::string_view ext : {".html", ".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt", ".webmanifest"})
    if (EndsWith(name, ext)) return true;
  return false;
}

// Reads `file`, or its precompressed twin (FILE.br, FILE.gz written at
// build time) when the client accepts that coding; sets Content-Encoding
// and Vary. False when the file cannot be read.
bool ReadVariant(const fs::path& file, const HttpRequest& request, HttpResponse* response, std::string* body) {
  if (IsCompressible(file.filename().string())) {
    response->SetHeader("Vary", "Accept-Encoding");
    const std::string* accept = request.Header("accept-encoding");
    for (auto [coding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
      if (!Accepts(accept, coding)) continue;
      fs::path twin = file;
      twin += suffix;
      if (ReadFile(twin, body)) {
        response->SetHeader("Content-Encoding", coding);
        return true;
      }
    }
  }
  return ReadFile(file, body);
}

}  // namespace

std::string ContentTypeFor(const std::string& name) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},     {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},                  {".png", "image/png"},
      {".ico", "image/x-icon"},                   {".json", "application/json"},
      {".woff2", "font/woff2"},                   {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}, {".jpg", "image/jpeg"},
      {".webp", "image/webp"}};
  for (const auto& [ext, type] : kTypes)
    if (EndsWith(name, ext)) return type;
  return "application/octet-stream";
}

HttpResponse ServeStatic(const std::string& root, const HttpRequest& request) {
  auto relative = SafeRelativePath(request.path);
  if (!relative) return Problem(404, "no such file");
  const fs::path root_path(root);
  const bool is_asset = relative->rfind("assets/", 0) == 0;
  HttpResponse response;
  std::string body;
  fs::path file = root_path / *relative;
  std::error_code ec;
  if (!relative->empty() && Inside(root_path, file) && fs::is_regular_file(file, ec) &&
      ReadVariant(file, request, &response, &body)) {
    response.SetHeader("Content-Type", ContentTypeFor(file.filename().string()));
    response.SetHeader("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
  } else if (is_asset) {
    // A missing asset is a 404, not the app shell.
    return Problem(404, "no such file");
  } else {
    fs::path index = root_path / "index.html";
    if (!ReadVariant(index, request, &response, &body)) return Problem(404, "no such file");
    response.SetHeader("Content-Type", "text/html; charset=utf-8");
    response.SetHeader("Cache-Control", "no-cache");
  }
  response.status = 200;
  response.body = std::move(body);
  return response;
}

}  // namespace hearken::http
