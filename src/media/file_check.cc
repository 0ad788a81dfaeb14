#include "media/file_check.h"

#include "core/complaint.h"

namespace hearken::media {

Result<std::string> CheckFileContent(std::string_view content) {
  auto type = SniffContentType(content);
  if (!type.ok()) return type;
  Status decoded = Status::Ok();
  if (*type == "image/png") decoded = CheckPng(content);
  else if (*type == "image/jpeg") decoded = CheckJpeg(content);
  else if (*type == "image/gif") decoded = CheckGif(content);
  else if (*type == "image/webp") decoded = CheckWebp(content);
  if (!decoded.ok()) return decoded.error();
  return type;
}

}  // namespace hearken::media
