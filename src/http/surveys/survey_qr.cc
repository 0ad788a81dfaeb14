// QR codes of a survey's links (issue 8, "a QR code for any link"): GET
// /api/v1/surveys/{id}/qr.svg and qr.png with ?target=public (the public
// link /s/{slug}, the default) or embed (the page the embed snippet
// frames), under the public_base_url of the settings. Encoded by
// libqrencode (error correction M, a quiet zone of four modules); the SVG
// is one path of the dark modules, the PNG an 8-bit greyscale image written
// by libpng (linked already for the attachment checks), 8 pixels a module.
#include <png.h>
#include <qrencode.h>

#include <memory>
#include <string>
#include <vector>

#include "http/problem.h"
#include "http/routes.h"

namespace hearken::http {
namespace {

constexpr int kQuietZone = 4;
constexpr int kPixelsPerModule = 8;

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using Qr = std::unique_ptr<QRcode, QrFree>;

bool Dark(const QRcode& qr, int x, int y) { return (qr.data[y * qr.width + x] & 1) != 0; }

std::string Svg(const QRcode& qr) {
  const int size = qr.width + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < qr.width; ++y)
    for (int x = 0; x < qr.width; ++x)
      if (Dark(qr, x, y))
        path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h1v1h-1z";
  const std::string n = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" width=\"" +
         std::to_string(size * kPixelsPerModule) + "\" height=\"" + std::to_string(size * kPixelsPerModule) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
         "\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>\n";
}

void AppendPng(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

// Writes the image into *out; false when libpng failed (its longjmp lands
// here, where no local lives across the setjmp).
bool WritePng(png_structp png, png_infop info, const QRcode& qr, std::string* out, std::vector<png_byte>* row) {
  if (setjmp(png_jmpbuf(png))) return false;
  const int size = (qr.width + 2 * kQuietZone) * kPixelsPerModule;
  png_set_write_fn(png, out, AppendPng, nullptr);
  png_set_IHDR(png, info, size, size, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  row->assign(static_cast<size_t>(size), 255);
  for (int py = 0; py < size; ++py) {
    const int y = py / kPixelsPerModule - kQuietZone;
    for (int px = 0; px < size; ++px) {
      const int x = px / kPixelsPerModule - kQuietZone;
      const bool dark = x >= 0 && y >= 0 && x < qr.width && y < qr.width && Dark(qr, x, y);
      (*row)[static_cast<size_t>(px)] = dark ? 0 : 255;
    }
    png_write_row(png, row->data());
  }
  png_write_end(png, nullptr);
  return true;
}

Result<std::string> Png(const QRcode& qr) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return Error::Internal("libpng could not start");
  png_infop info = png_create_info_struct(png);
  std::string out;
  std::vector<png_byte> row;
  const bool written = info && WritePng(png, info, qr, &out, &row);
  png_destroy_write_struct(&png, info ? &info : nullptr);
  if (!written) return Error::Internal("libpng could not write the QR code");
  return out;
}

// The link the QR code holds, or a problem.
Result<std::string> Target(Services& s, RequestContext& ctx) {
  auto survey = s.store.surveys().GetSurvey(ctx.PathId("id"));
  if (!survey.ok()) return survey.error();
  auto settings = s.store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  std::string base = settings->public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const auto found = ctx.request.query.find("target");
  const std::string target = found == ctx.request.query.end() ? "public" : found->second;
  if (target != "public" && target != "embed") return Error::InvalidField("target", "must be public or embed");
  return base + "/s/" + survey->public_slug + (target == "embed" ? "?embed=1" : "");
}

Result<Qr> Encode(const std::string& text) {
  Qr qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return Error::Internal("the link could not be encoded as a QR code");
  return qr;
}

HttpResponse QrResponse(Services& s, RequestContext& ctx, bool png) {
  auto link = Target(s, ctx);
  if (!link.ok()) return ErrorResponse(link.error());
  auto qr = Encode(*link);
  if (!qr.ok()) return ErrorResponse(qr.error());
  HttpResponse response;
  if (png) {
    auto image = Png(**qr);
    if (!image.ok()) return ErrorResponse(image.error());
    response.body = std::move(*image);
    response.SetHeader("Content-Type", "image/png");
  } else {
    response.body = Svg(**qr);
    response.SetHeader("Content-Type", "image/svg+xml");
  }
  response.SetHeader("Content-Disposition", std::string("inline; filename=\"survey-") + ctx.PathText("id") +
                                                "-qr." + (png ? "png" : "svg") + "\"");
  return response;
}

HttpResponse GetQrSvg(Services& s, RequestContext& ctx) { return QrResponse(s, ctx, false); }
HttpResponse GetQrPng(Services& s, RequestContext& ctx) { return QrResponse(s, ctx, true); }

}  // namespace

void AddSurveyQrRoutes(Router& router, Services& services) {
  const RouteAdapter h(services);
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/qr.svg", .roles = AllRoles(), .tag = "surveys",
              .summary = "A QR code (SVG) of the survey's public or embed link", .response_schema = "-",
              .query = {"target"}, .handler = h(GetQrSvg)});
  router.Add({.method = "GET", .path = "/api/v1/surveys/{id}/qr.png", .roles = AllRoles(), .tag = "surveys",
              .summary = "A QR code (PNG) of the survey's public or embed link", .response_schema = "-",
              .query = {"target"}, .handler = h(GetQrPng)});
}

}  // namespace hearken::http
