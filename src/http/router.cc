#include "http/router.h"

#include <algorithm>

namespace hearken::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  if (path.empty() || path.front() != '/') return out;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsPositiveId(std::string_view s) {
  if (s.empty() || s.size() > 18 || s.front() == '0') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsIdParameter(std::string_view name) { return name == "id" || name.ends_with("_id"); }

bool IsUrlSafeText(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
  });
}

bool MatchPath(const std::vector<std::string>& want, const std::vector<std::string_view>& have,
               std::map<std::string, std::string>* params) {
  if (want.size() != have.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    const bool is_param = want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}';
    if (!is_param && want[i] != have[i]) return false;
  }
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      const std::string_view name = std::string_view(want[i]).substr(1, want[i].size() - 2);
      if (IsIdParameter(name) ? !IsPositiveId(have[i]) : !IsUrlSafeText(have[i])) return false;
      found[std::string(name)] = std::string(have[i]);
    }
  }
  *params = std::move(found);
  return true;
}

}  // namespace

Id RequestContext::PathId(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? 0 : std::stoll(it->second);
}

const std::string& RequestContext::PathText(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

bool Route::Allows(Role role) const {
  if (access != Access::kRoles) return true;
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

void Router::Add(Route route) {
  std::vector<std::string> pattern;
  for (std::string_view segment : Segments(route.path)) pattern.emplace_back(segment);
  patterns_.push_back(std::move(pattern));
  routes_.push_back(std::move(route));
}

void Router::AddSchema(const std::string& name, Json schema) { schemas_[name] = std::move(schema); }

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  const std::vector<std::string_view> have = Segments(path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    std::map<std::string, std::string> params;
    if (!MatchPath(patterns_[i], have, &params)) continue;
    if (route.method == method) {
      match.route = &route;
      match.params = std::move(params);
      match.allowed_methods.clear();
      return match;
    }
    match.allowed_methods.push_back(route.method);
  }
  return match;
}

std::vector<Role> AllRoles() { return {Role::kViewer, Role::kHandler, Role::kQualityManager, Role::kAdmin}; }
std::vector<Role> WriterRoles() { return {Role::kHandler, Role::kQualityManager, Role::kAdmin}; }
std::vector<Role> QualityRoles() { return {Role::kQualityManager, Role::kAdmin}; }
std::vector<Role> AdminRoles() { return {Role::kAdmin}; }

}  // namespace hearken::http
