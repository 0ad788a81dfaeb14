// The image checks on real images made here with each format's own encoder
// (libpng, libjpeg-turbo, giflib, libwebp), on the same images cut short or
// damaged, and on files that only start like an image.
#include "media/file_check.h"

#include <gtest/gtest.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/encode.h>

namespace hearken::media {
namespace {

constexpr int kWidth = 64, kHeight = 48;

std::vector<unsigned char> Pixels(int channels) {
  std::vector<unsigned char> px(static_cast<size_t>(kWidth) * kHeight * channels);
  for (int y = 0; y < kHeight; ++y)
    for (int x = 0; x < kWidth; ++x)
      for (int c = 0; c < channels; ++c) px[(y * kWidth + x) * channels + c] = static_cast<unsigned char>(x * 4 + y + c * 50);
  return px;
}

std::string EncodePng() {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t n) {
        static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), n);
      },
      nullptr);
  png_set_IHDR(png, info, kWidth, kHeight, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  auto px = Pixels(3);
  for (int y = 0; y < kHeight; ++y) png_write_row(png, px.data() + y * kWidth * 3);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string EncodeJpeg() {
  jpeg_compress_struct jpeg;
  jpeg_error_mgr errors;
  jpeg.err = jpeg_std_error(&errors);
  jpeg_create_compress(&jpeg);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&jpeg, &buffer, &size);
  jpeg.image_width = kWidth;
  jpeg.image_height = kHeight;
  jpeg.input_components = 3;
  jpeg.in_color_space = JCS_RGB;
  jpeg_set_defaults(&jpeg);
  jpeg_start_compress(&jpeg, TRUE);
  auto px = Pixels(3);
  while (jpeg.next_scanline < jpeg.image_height) {
    JSAMPROW row = px.data() + jpeg.next_scanline * kWidth * 3;
    jpeg_write_scanlines(&jpeg, &row, 1);
  }
  jpeg_finish_compress(&jpeg);
  std::string out(reinterpret_cast<char*>(buffer), size);
  jpeg_destroy_compress(&jpeg);
  free(buffer);
  return out;
}

std::string EncodeGif() {
  std::string out;
  int error = 0;
  GifFileType* gif = EGifOpen(
      &out,
      [](GifFileType* g, const GifByteType* data, int n) {
        static_cast<std::string*>(g->UserData)->append(reinterpret_cast<const char*>(data), n);
        return n;
      },
      &error);
  GifColorType colours[256];
  for (int i = 0; i < 256; ++i) colours[i] = {static_cast<GifByteType>(i), static_cast<GifByteType>(255 - i), 128};
  ColorMapObject* map = GifMakeMapObject(256, colours);
  EGifPutScreenDesc(gif, kWidth, kHeight, 8, 0, map);
  EGifPutImageDesc(gif, 0, 0, kWidth, kHeight, false, nullptr);
  auto px = Pixels(1);
  for (int y = 0; y < kHeight; ++y) EGifPutLine(gif, px.data() + y * kWidth, kWidth);
  EGifCloseFile(gif, &error);
  GifFreeMapObject(map);
  return out;
}

std::string EncodeWebp() {
  auto px = Pixels(4);
  uint8_t* output = nullptr;
  size_t size = WebPEncodeRGBA(px.data(), kWidth, kHeight, kWidth * 4, 80, &output);
  std::string out(reinterpret_cast<char*>(output), size);
  WebPFree(output);
  return out;
}

struct Format {
  const char* name;
  std::string (*encode)();
  const char* type;
};

class ImageCheckTest : public ::testing::TestWithParam<Format> {};

TEST_P(ImageCheckTest, ARealImageIsAcceptedWithItsType) {
  const std::string image = GetParam().encode();
  auto type = CheckFileContent(image);
  ASSERT_TRUE(type.ok()) << type.error().message;
  EXPECT_EQ(*type, GetParam().type);
}

TEST_P(ImageCheckTest, AnImageCutShortIsRefusedNamingTheAttachment) {
  const std::string image = GetParam().encode();
  for (size_t keep : {image.size() * 3 / 4, image.size() / 2, size_t{40}}) {
    auto type = CheckFileContent(image.substr(0, keep));
    ASSERT_FALSE(type.ok()) << GetParam().name << " cut to " << keep << " bytes was accepted";
    EXPECT_EQ(type.error().code, ErrorCode::kInvalidArgument);
    ASSERT_FALSE(type.error().fields.empty());
    EXPECT_EQ(type.error().fields[0].field, "attachment");
  }
}

TEST_P(ImageCheckTest, OnlyTheFirstBytesOfAnImageAreNotAnImage) {
  const std::string image = GetParam().encode();
  std::string fake = image.substr(0, 16) + std::string(4000, 'A');
  EXPECT_FALSE(CheckFileContent(fake).ok()) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(Formats, ImageCheckTest,
                         ::testing::Values(Format{"png", EncodePng, "image/png"},
                                           Format{"jpeg", EncodeJpeg, "image/jpeg"},
                                           Format{"gif", EncodeGif, "image/gif"},
                                           Format{"webp", EncodeWebp, "image/webp"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FileCheckTest, AnImageWithAGiantDeclaredSizeIsRefusedBeforeDecoding) {
  std::string png = EncodePng();
  // IHDR width at bytes 16..19: claim 100000 pixels (the CRC is then wrong too).
  png[16] = 0x00;
  png[17] = 0x01;
  png[18] = 0x86;
  png[19] = static_cast<char>(0xA0);
  EXPECT_FALSE(CheckFileContent(png).ok());
}

TEST(FileCheckTest, TextAndPdfKeepTheirContentSniffingRules) {
  EXPECT_EQ(CheckFileContent("Order 42 arrived broken.\n").value(), "text/plain");
  EXPECT_EQ(CheckFileContent("%PDF-1.7\n...").value(), "application/pdf");
  EXPECT_FALSE(CheckFileContent("<svg onload=alert(1)>").ok());
  EXPECT_FALSE(CheckFileContent(std::string("MZ\x90\0", 4)).ok());
}

}  // namespace
}  // namespace hearken::media
