// The image decoders of file_check.h. Each reads the whole image through the
// format's library, keeping at most one row (PNG, GIF) or a scaled-down
// output (JPEG at 1/8, WebP scaled) in memory, and refuses what the library
// reports as an error or a warning about damaged data.
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>

#include "media/file_check.h"

namespace hearken::media {
namespace {

Error Refused(const char* format, const std::string& why) {
  return Error::InvalidField("attachment", std::string("the ") + format + " image does not decode: " + why);
}

bool TooLarge(std::uint64_t width, std::uint64_t height) {
  return width == 0 || height == 0 || width > kMaxImageSide || height > kMaxImageSide ||
         width * height > kMaxImagePixels;
}

// ---- PNG --------------------------------------------------------------------------------

struct PngSource {
  std::string_view data;
  size_t at = 0;
};

struct PngFailure {
  std::string message;
};

void PngRead(png_structp png, png_bytep out, png_size_t length) {
  auto* source = static_cast<PngSource*>(png_get_io_ptr(png));
  if (source->data.size() - source->at < length) png_error(png, "the file ends early");
  std::memcpy(out, source->data.data() + source->at, length);
  source->at += length;
}

void PngError(png_structp png, png_const_charp message) {
  static_cast<PngFailure*>(png_get_error_ptr(png))->message = message;
  png_longjmp(png, 1);
}

void PngWarning(png_structp, png_const_charp) {}

}  // namespace

Status CheckPng(std::string_view content) {
  PngSource source{content};
  PngFailure failure;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &failure, PngError, PngWarning);
  if (!png) return Error::Internal("libpng could not start");
  png_infop info = png_create_info_struct(png);
  std::vector<png_byte> row;  // declared before setjmp: it outlives a longjmp
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return Error::Internal("libpng could not start");
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return Refused("PNG", failure.message.empty() ? "damaged data" : failure.message);
  }
  png_set_read_fn(png, &source, PngRead);
  png_set_user_limits(png, kMaxImageSide, kMaxImageSide);
  png_set_chunk_malloc_max(png, 8u << 20);
  png_read_info(png, info);
  const png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
  if (TooLarge(width, height)) {
    png_destroy_read_struct(&png, &info, nullptr);
    return Refused("PNG", "it is larger than " + std::to_string(kMaxImagePixels) + " pixels");
  }
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  row.resize(png_get_rowbytes(png, info));
  for (int pass = 0; pass < passes; ++pass)
    for (png_uint_32 y = 0; y < height; ++y) png_read_row(png, row.data(), nullptr);
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return Status::Ok();
}

// ---- JPEG -------------------------------------------------------------------------------

namespace {

struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = {};
};

void JpegExit(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  info->err->format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// A warning about the data (premature end, corrupt segment) is a failure too.
void JpegMessage(j_common_ptr info, int level) {
  if (level < 0) JpegExit(info);
}

}  // namespace

Status CheckJpeg(std::string_view content) {
  jpeg_decompress_struct jpeg;
  JpegErrors errors;
  jpeg.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = JpegExit;
  errors.mgr.emit_message = JpegMessage;
  std::vector<unsigned char> row;
  jpeg_create_decompress(&jpeg);
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&jpeg);
    return Refused("JPEG", errors.message[0] ? errors.message : "damaged data");
  }
  jpeg_mem_src(&jpeg, reinterpret_cast<const unsigned char*>(content.data()), content.size());
  jpeg_read_header(&jpeg, TRUE);
  if (TooLarge(jpeg.image_width, jpeg.image_height)) {
    jpeg_destroy_decompress(&jpeg);
    return Refused("JPEG", "it is larger than " + std::to_string(kMaxImagePixels) + " pixels");
  }
  jpeg.scale_num = 1;
  jpeg.scale_denom = 8;  // every coefficient is decoded; the output is small
  jpeg_start_decompress(&jpeg);
  row.resize(static_cast<size_t>(jpeg.output_width) * jpeg.output_components);
  while (jpeg.output_scanline < jpeg.output_height) {
    JSAMPROW rows[1] = {row.data()};
    jpeg_read_scanlines(&jpeg, rows, 1);
  }
  jpeg_finish_decompress(&jpeg);
  jpeg_destroy_decompress(&jpeg);
  return Status::Ok();
}

// ---- GIF --------------------------------------------------------------------------------

namespace {

struct GifSource {
  std::string_view data;
  size_t at = 0;
};

int GifRead(GifFileType* gif, GifByteType* out, int length) {
  auto* source = static_cast<GifSource*>(gif->UserData);
  const size_t n = std::min(static_cast<size_t>(length), source->data.size() - source->at);
  std::memcpy(out, source->data.data() + source->at, n);
  source->at += n;
  return static_cast<int>(n);
}

struct GifCloser {
  void operator()(GifFileType* gif) const {
    int error = 0;
    DGifCloseFile(gif, &error);
  }
};

std::string GifMessage(int code) {
  const char* text = GifErrorString(code);
  return text ? text : "damaged data";
}

}  // namespace

Status CheckGif(std::string_view content) {
  GifSource source{content};
  int error = 0;
  std::unique_ptr<GifFileType, GifCloser> gif(DGifOpen(&source, GifRead, &error));
  if (!gif) return Refused("GIF", GifMessage(error));
  if (TooLarge(gif->SWidth, gif->SHeight)) return Refused("GIF", "it is larger than the limit");
  std::vector<GifPixelType> line;
  int frames = 0;
  std::uint64_t decoded_pixels = 0;
  for (;;) {
    GifRecordType type;
    if (DGifGetRecordType(gif.get(), &type) == GIF_ERROR) return Refused("GIF", GifMessage(gif->Error));
    if (type == TERMINATE_RECORD_TYPE) break;
    if (type == EXTENSION_RECORD_TYPE) {
      int code = 0;
      GifByteType* block = nullptr;
      if (DGifGetExtension(gif.get(), &code, &block) == GIF_ERROR) return Refused("GIF", GifMessage(gif->Error));
      while (block != nullptr)
        if (DGifGetExtensionNext(gif.get(), &block) == GIF_ERROR) return Refused("GIF", GifMessage(gif->Error));
      continue;
    }
    if (type != IMAGE_DESC_RECORD_TYPE) return Refused("GIF", "unknown record");
    if (DGifGetImageDesc(gif.get()) == GIF_ERROR) return Refused("GIF", GifMessage(gif->Error));
    const GifImageDesc& desc = gif->Image;
    if (desc.Width <= 0 || desc.Height <= 0 || TooLarge(desc.Width, desc.Height))
      return Refused("GIF", "a frame has an impossible size");
    decoded_pixels += static_cast<std::uint64_t>(desc.Width) * desc.Height;
    if (++frames > 10'000 || decoded_pixels > 4 * kMaxImagePixels)
      return Refused("GIF", "it has more frames than accepted");
    line.resize(desc.Width);
    for (int y = 0; y < desc.Height; ++y)
      if (DGifGetLine(gif.get(), line.data(), desc.Width) == GIF_ERROR) return Refused("GIF", GifMessage(gif->Error));
  }
  if (frames == 0) return Refused("GIF", "it has no image");
  return Status::Ok();
}

// ---- WebP -------------------------------------------------------------------------------

Status CheckWebp(std::string_view content) {
  WebPDecoderConfig config;
  if (!WebPInitDecoderConfig(&config)) return Error::Internal("libwebp version mismatch");
  const auto* bytes = reinterpret_cast<const uint8_t*>(content.data());
  if (WebPGetFeatures(bytes, content.size(), &config.input) != VP8_STATUS_OK)
    return Refused("WebP", "the header is damaged");
  if (TooLarge(config.input.width, config.input.height)) return Refused("WebP", "it is larger than the limit");
  config.options.use_scaling = 1;  // the whole bitstream is decoded; the output is small
  config.options.scaled_width = std::max(1, config.input.width / 8);
  config.options.scaled_height = std::max(1, config.input.height / 8);
  config.output.colorspace = MODE_RGBA;
  const VP8StatusCode status = WebPDecode(bytes, content.size(), &config);
  WebPFreeDecBuffer(&config.output);
  if (status != VP8_STATUS_OK) return Refused("WebP", "damaged data (libwebp status " + std::to_string(status) + ")");
  return Status::Ok();
}

}  // namespace hearken::media
