#include "core/zoned_time.h"

#include <chrono>
#include <cstdio>

#include "core/time_format.h"

namespace hearken {
namespace {

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

Result<ZonedTime> ParseZonedTime(std::string_view text) {
  ZonedTime out;
  std::string normalised(text);
  // The offset is whatever follows the time of day: find a sign or Z after
  // the 'T' (or space) that ends the date.
  if (text.size() > 10 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ')) {
    const size_t sign = text.find_first_of("+-Zz", 11);
    if (sign == std::string_view::npos) normalised += 'Z';  // no offset given: read as UTC
    if (sign != std::string_view::npos) {
      std::string_view zone = text.substr(sign);
      if (zone == "Z" || zone == "z") {
        out.offset_minutes = 0;
        normalised[sign] = 'Z';
      } else {
        std::string_view rest = zone.substr(1);
        std::string hh, mm = "00";
        if (rest.size() == 2 && Digits(rest)) {
          hh = rest;
        } else if (rest.size() == 4 && Digits(rest)) {
          hh = rest.substr(0, 2), mm = rest.substr(2);
        } else if (rest.size() == 5 && rest[2] == ':' && Digits(rest.substr(0, 2)) && Digits(rest.substr(3))) {
          hh = rest.substr(0, 2), mm = rest.substr(3);
        } else {
          return Error::InvalidArgument("not a time with a UTC offset: " + std::string(text));
        }
        const int minutes = std::stoi(hh) * 60 + std::stoi(mm);
        if (std::stoi(mm) > 59 || minutes > 18 * 60)
          return Error::InvalidArgument("a UTC offset must be within ±18:00: " + std::string(text));
        out.offset_minutes = zone[0] == '-' ? -minutes : minutes;
        normalised = std::string(text.substr(0, sign)) + zone[0] + hh + ":" + mm;
      }
    }
  }
  auto utc = ParseTimestamp(normalised);
  if (!utc.ok()) return utc.error();
  out.utc = *utc;
  return out;
}

std::string FormatUtcOffset(int offset_minutes) {
  if (offset_minutes == 0) return "Z";
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

std::string FormatZonedTime(const ZonedTime& t) {
  if (!t.offset_minutes) return FormatTimestamp(t.utc);
  using namespace std::chrono;
  const auto local = floor<seconds>(t.utc) + minutes(*t.offset_minutes);
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss hms(local - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return std::string(buf) + FormatUtcOffset(*t.offset_minutes);
}

}  // namespace hearken
