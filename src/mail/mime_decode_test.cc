#include "mail/mime_decode.h"

#include <gtest/gtest.h>

namespace hearken {
namespace {

TEST(MimeDecodeTest, Base64SkipsLineBreaksAndJunk) {
  EXPECT_EQ(Base64Decode("SGVs\r\nbG8s IHdv*cmxk"), "Hello, world");
  EXPECT_EQ(Base64Decode("SGk=trailing"), "Hi");
  EXPECT_EQ(Base64Decode(""), "");
}

TEST(MimeDecodeTest, QuotedPrintableHandlesSoftBreaksAndKeepsMalformedEscapes) {
  EXPECT_EQ(QuotedPrintableDecode("a=3Db=\r\nc=  \nd", QpMode::kBody), "a=bcd");
  EXPECT_EQ(QuotedPrintableDecode("100=Z% =4", QpMode::kBody), "100=Z% =4");
  EXPECT_EQ(QuotedPrintableDecode("a_b=5F", QpMode::kBody), "a_b_");
  EXPECT_EQ(QuotedPrintableDecode("a_b=5F", QpMode::kHeaderQ), "a b_");
}

TEST(MimeDecodeTest, ConvertsCharsetsToUtf8) {
  EXPECT_EQ(CharsetToUtf8("K\xe4se", "ISO-8859-1"), "Käse");
  EXPECT_EQ(CharsetToUtf8("\x80 5", "windows-1252"), "€ 5");
  EXPECT_EQ(CharsetToUtf8("\xa4", "iso-8859-15"), "€");
  EXPECT_EQ(CharsetToUtf8("Käse", "UTF-8"), "Käse");
  EXPECT_EQ(CharsetToUtf8("K\xe4se", "no-such-charset"), "Käse");  // not UTF-8: read as Latin-1
  EXPECT_EQ(CharsetToUtf8("Käse", "no-such-charset"), "Käse");
  EXPECT_EQ(CharsetToUtf8("a\xffz", "utf-8"), "a\xEF\xBF\xBDz");
}

TEST(MimeDecodeTest, PercentDecodeKeepsIncompleteEscapes) {
  EXPECT_EQ(PercentDecode("M%C3%A4rz%2"), "März%2");
}

}  // namespace
}  // namespace hearken
