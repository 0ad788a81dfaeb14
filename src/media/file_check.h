// What an uploaded file really is, decided from its content: the type from
// its first bytes (core SniffContentType: PDF, PNG, JPEG, GIF, WebP, plain
// text), and, for images, a full decode with the format's own library
// (libpng, libjpeg-turbo, giflib, libwebp) in bounded memory — so a file is
// accepted as an image only when it is one, not because it starts like one.
// Every path that stores an attachment (the public form, staff uploads,
// e-mail intake, the store itself) goes through CheckFileContent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace hearken::media {

// Images larger than this are refused (width × height), before decoding.
inline constexpr std::uint64_t kMaxImagePixels = 50'000'000;
inline constexpr std::uint32_t kMaxImageSide = 20'000;

// The content type of `content` (as SniffContentType), after checking that
// an image decodes completely. Errors: InvalidArgument (field "attachment")
// naming the type and why ("the PNG image does not decode: ..."), or those
// of SniffContentType.
Result<std::string> CheckFileContent(std::string_view content);

// The decoders alone, for tests: OK when `content` decodes completely as
// that format within the limits above. Errors: InvalidArgument.
Status CheckPng(std::string_view content);
Status CheckJpeg(std::string_view content);
Status CheckGif(std::string_view content);
Status CheckWebp(std::string_view content);

}  // namespace hearken::media
