// Unit tests of the multipart/form-data parser.
#include "http/multipart.h"

#include <gtest/gtest.h>

namespace hearken::http {
namespace {

constexpr char kType[] = "multipart/form-data; boundary=XyZ";

std::string Body(const std::vector<std::string>& parts) {
  std::string body;
  for (const auto& p : parts) body += "--XyZ\r\n" + p + "\r\n";
  return body + "--XyZ--\r\n";
}

TEST(MultipartTest, BoundaryIsReadQuotedOrNotAndCaseInsensitively) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data;BOUNDARY=\"a b:c\""), "a b:c");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxk"),
            "----WebKitFormBoundary7MA4YWxk");
  EXPECT_FALSE(MultipartBoundary("multipart/form-data"));
  EXPECT_FALSE(MultipartBoundary("multipart/mixed; boundary=abc"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary="));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"ends with space \""));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=a<b"));
  EXPECT_TRUE(IsMultipartFormData("multipart/form-data; boundary=abc"));
  EXPECT_FALSE(IsMultipartFormData("application/json"));
}

TEST(MultipartTest, FieldsAndFilesComeBackInOrderWithTheirNamesAndTypes) {
  std::string body = Body({"Content-Disposition: form-data; name=\"summary\"\r\n\r\nBroken kettle",
                           "Content-Disposition: form-data; name=\"attachment\"; filename=\"photo.png\"\r\n"
                           "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nbinary\r\nwith CRLF",
                           "content-disposition: form-data; name=empty\r\n\r\n"});
  MultipartResult r = ParseMultipart(kType, body);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parts.size(), 3u);
  EXPECT_EQ(r.parts[0].name, "summary");
  EXPECT_FALSE(r.parts[0].filename);
  EXPECT_EQ(r.parts[0].data, "Broken kettle");
  EXPECT_EQ(r.parts[1].name, "attachment");
  EXPECT_EQ(r.parts[1].filename, "photo.png");
  EXPECT_EQ(r.parts[1].content_type, "image/png");
  EXPECT_EQ(r.parts[1].data, "\x89PNG\r\n\x1a\nbinary\r\nwith CRLF");
  EXPECT_EQ(r.parts[2].name, "empty");
  EXPECT_EQ(r.parts[2].data, "");
}

TEST(MultipartTest, BrowserEscapesAndRfc5987FilenamesAreDecoded) {
  std::string body = Body({"Content-Disposition: form-data; name=\"attachment\"; filename=\"a%22b.txt\"\r\n\r\nx",
                           "Content-Disposition: form-data; name=\"attachment\"; filename=\"fallback.txt\"; "
                           "filename*=UTF-8''na%C3%AFve.txt\r\n\r\ny",
                           "Content-Disposition: form-data; name=\"attachment\"; filename=\"q\\\"uote.txt\"\r\n\r\nz"});
  MultipartResult r = ParseMultipart(kType, body);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parts.size(), 3u);
  EXPECT_EQ(r.parts[0].filename, "a\"b.txt");
  EXPECT_EQ(r.parts[1].filename, "na\xC3\xAFve.txt");
  EXPECT_EQ(r.parts[2].filename, "q\"uote.txt");
}

TEST(MultipartTest, AnEmptyFileInputIsDropped) {
  std::string body = Body({"Content-Disposition: form-data; name=\"attachment\"; filename=\"\"\r\n"
                           "Content-Type: application/octet-stream\r\n\r\n",
                           "Content-Disposition: form-data; name=\"summary\"\r\n\r\ns"});
  MultipartResult r = ParseMultipart(kType, body);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].name, "summary");
}

TEST(MultipartTest, TheEpilogueAfterTheClosingBoundaryIsIgnored) {
  std::string body = Body({"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"}) + "trailing words";
  MultipartResult r = ParseMultipart(kType, body);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.parts.size(), 1u);
}

void ExpectMalformed(const std::string& type, const std::string& body, const std::string& words) {
  MultipartResult r = ParseMultipart(type, body);
  ASSERT_TRUE(r.error) << "accepted: " << body;
  EXPECT_EQ(r.error->problem, MultipartProblem::kMalformed) << body;
  EXPECT_NE(r.error->message.find(words), std::string::npos) << r.error->message;
  EXPECT_TRUE(r.parts.empty());
}

TEST(MultipartTest, MalformedBodiesAreRefusedWithAMessageThatSaysWhy) {
  const std::string ok_part = "Content-Disposition: form-data; name=\"a\"\r\n\r\n1";
  ExpectMalformed("application/json", Body({ok_part}), "boundary");
  ExpectMalformed(kType, "preamble\r\n" + Body({ok_part}), "does not start with the boundary");
  ExpectMalformed(kType, "--XyZ\r\n" + ok_part, "closing boundary");
  ExpectMalformed(kType, "--XyZ\r\n" + ok_part + "\r\n--XyZjunk", "not followed by CRLF");
  ExpectMalformed(kType, Body({"Content-Type: text/plain\r\n\r\n1"}), "no Content-Disposition");
  ExpectMalformed(kType, Body({"Content-Disposition: attachment; name=\"a\"\r\n\r\n1"}), "not form-data");
  ExpectMalformed(kType, Body({"Content-Disposition: form-data\r\n\r\n1"}), "no name");
  ExpectMalformed(kType, Body({"Content-Disposition: form-data; name=\"a\r\n\r\n1"}), "malformed");
  ExpectMalformed(kType, Body({"Content-Disposition: form-data; name=a; name=b\r\n\r\n1"}), "repeats name");
  ExpectMalformed(kType, Body({"Content-Disposition: form-data; name=\"a\"\r\n continued\r\n\r\n1"}), "folded");
  ExpectMalformed(kType, Body({"Content-Disposition: form-data; name=\"a\"\r\nX-Long: " + std::string(9000, 'h') +
                               "\r\n\r\n1"}),
                  "too long");
  ExpectMalformed(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"", "do not end");
  ExpectMalformed(kType, Body({"Content-Disposition: form-data; name=\"a\"; filename*=ISO-8859-1''x\r\n\r\n1"}),
                  "filename*");
}

TEST(MultipartTest, LimitsOnPartsFilesAndSizesNameTheField) {
  MultipartLimits limits;
  limits.max_parts = 2;
  limits.max_files = 1;
  limits.max_file_bytes = 10;
  limits.max_field_bytes = 5;
  const std::string field = "Content-Disposition: form-data; name=\"f\"\r\n\r\n";
  const std::string file = "Content-Disposition: form-data; name=\"attachment\"; filename=\"x.txt\"\r\n\r\n";

  MultipartResult r = ParseMultipart(kType, Body({field + "1", field + "2", field + "3"}), limits);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, MultipartProblem::kTooManyParts);

  r = ParseMultipart(kType, Body({file + "1", file + "2"}), limits);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, MultipartProblem::kTooManyParts);
  EXPECT_EQ(r.error->field, "attachment");

  r = ParseMultipart(kType, Body({file + std::string(11, 'x')}), limits);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, MultipartProblem::kTooLarge);
  EXPECT_EQ(r.error->field, "attachment");

  r = ParseMultipart(kType, Body({field + "123456"}), limits);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->problem, MultipartProblem::kTooLarge);
  EXPECT_EQ(r.error->field, "f");

  r = ParseMultipart(kType, Body({file + std::string(10, 'x'), field + "12345"}), limits);
  EXPECT_FALSE(r.error);
}

TEST(MultipartTest, ContentThatLooksLikeABoundaryWithoutCrlfIsData) {
  std::string body = Body({"Content-Disposition: form-data; name=\"a\"\r\n\r\nx--XyZ y\n--XyZ z"});
  MultipartResult r = ParseMultipart(kType, body);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].data, "x--XyZ y\n--XyZ z");
}

}  // namespace
}  // namespace hearken::http
