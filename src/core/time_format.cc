#include "core/time_format.h"

#include <cctype>
#include <cstdio>

namespace hearken {
namespace {

bool ReadDigits(std::string_view s, size_t& pos, int count, int& out) {
  if (pos + count > s.size()) return false;
  int value = 0;
  for (int i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  out = value;
  return true;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::string FormatTimestamp(TimePoint t) {
  using namespace std::chrono;
  auto days = floor<std::chrono::days>(t);
  year_month_day ymd{days};
  auto since_midnight = t - days;
  auto h = duration_cast<hours>(since_midnight);
  auto m = duration_cast<minutes>(since_midnight - h);
  auto s = duration_cast<seconds>(since_midnight - h - m);
  auto us = duration_cast<microseconds>(since_midnight - h - m - s);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(h.count()),
                static_cast<int>(m.count()), static_cast<int>(s.count()));
  std::string out(buf);
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%06lld", static_cast<long long>(us.count()));
  out.insert(out.size() - 1, frac);
  return out;
}

Result<TimePoint> ParseTimestamp(std::string_view s) {
  using namespace std::chrono;
  auto bad = [&] { return Error::InvalidArgument("not an ISO 8601 timestamp: '" + std::string(s.substr(0, 40)) + "'"); };
  size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!ReadDigits(s, pos, 4, y) || !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, mo) || !Expect(s, pos, '-') ||
      !ReadDigits(s, pos, 2, d))
    return bad();
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return bad();
  TimePoint result = time_point_cast<microseconds>(sys_days{ymd});
  if (pos == s.size()) return result;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return bad();
  ++pos;
  if (!ReadDigits(s, pos, 2, h) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, mi)) return bad();
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadDigits(s, pos, 2, sec)) return bad();
  }
  if (h > 23 || mi > 59 || sec > 60) return bad();
  long long micros = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    int digits = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (digits < 6) micros = micros * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0 || digits > 9) return bad();
    for (int i = digits; i < 6; ++i) micros *= 10;
  }
  long long offset_minutes = 0;
  if (pos == s.size()) return bad();  // a time needs a zone
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!ReadDigits(s, pos, 2, oh)) return bad();
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (pos < s.size() && !ReadDigits(s, pos, 2, om)) return bad();
    if (oh > 23 || om > 59) return bad();
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  result += hours(h) + minutes(mi) + seconds(sec) + microseconds(micros) - minutes(offset_minutes);
  return result;
}

}  // namespace hearken
