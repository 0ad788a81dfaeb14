#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "core/complaint.h"

namespace hearken {
namespace {

std::string Bytes(const char* data, size_t n) { return std::string(data, n); }

std::string Sniffed(std::string_view content) {
  auto r = SniffContentType(content);
  return r.ok() ? *r : "refused";
}

void ExpectRefused(std::string_view content) {
  auto r = SniffContentType(content);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "attachment");
}

// ---- SniffContentType ---------------------------------------------------------------

TEST(SniffContentType, RecognisesEachAcceptedTypeByItsMagicBytes) {
  EXPECT_EQ(Sniffed("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "application/pdf");
  EXPECT_EQ(Sniffed(Bytes("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "image/png");
  EXPECT_EQ(Sniffed(Bytes("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11)), "image/jpeg");
  EXPECT_EQ(Sniffed(Bytes("GIF87a\x01\0\x01\0", 10)), "image/gif");
  EXPECT_EQ(Sniffed(Bytes("GIF89a\x01\0\x01\0\x80\0", 12)), "image/gif");
  EXPECT_EQ(Sniffed(Bytes("RIFF\x24\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(Sniffed("Order 4711 arrived late.\r\nRegards, Ann\n"), "text/plain");
  EXPECT_EQ(Sniffed("Grüße aus Köln — 5 €"), "text/plain");
}

TEST(SniffContentType, DecidesByContentNotByWhatItClaims) {
  // A RIFF container that is not WebP (a WAV file).
  ExpectRefused(Bytes("RIFF\x24\0\0\0WAVEfmt ", 16));
  // PDF magic not at the start.
  EXPECT_EQ(Sniffed("see %PDF- inside"), "text/plain");
}

TEST(SniffContentType, RefusesExecutablesAndArchives) {
  ExpectRefused(Bytes("MZ\x90\0\x03\0\0\0\x04\0", 10));          // Windows executable
  ExpectRefused(Bytes("PK\x03\x04\x14\0\x06\0", 8));               // zip, docx, xlsx
  ExpectRefused(Bytes("\x7F" "ELF\x02\x01\x01\0", 8));             // ELF
  ExpectRefused(Bytes("\x1F\x8B\x08\0\0\0\0\0", 8));               // gzip
  ExpectRefused(Bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));     // old Office
}

TEST(SniffContentType, RefusesHtmlAndSvgAlthoughTheyAreText) {
  ExpectRefused("<!DOCTYPE html><html><script>alert(1)</script></html>");
  ExpectRefused("<HTML><body>hi</body></HTML>");
  ExpectRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
  ExpectRefused("<?xml version=\"1.0\"?><svg/>");
  ExpectRefused("\xEF\xBB\xBF  \r\n\t<html>");  // after a BOM and white space
}

TEST(SniffContentType, RefusesTextWithNulOrControlCharactersOrBadUtf8) {
  ExpectRefused(Bytes("plain\0text", 10));
  ExpectRefused("bell \x07 text");
  ExpectRefused("latin-1 caf\xE9");
}

TEST(SniffContentType, RefusesEmptyContent) { ExpectRefused(""); }

TEST(SniffContentType, TheRefusalSaysWhatIsAccepted) {
  auto r = SniffContentType(Bytes("MZ\0\0", 4));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].message,
            "file type not accepted: only PDF, PNG, JPEG, GIF, WebP and plain text");
}

// ---- SanitiseFilename ------------------------------------------------------------------

TEST(SanitiseFilename, KeepsOnlyTheLastPathComponent) {
  EXPECT_EQ(SanitiseFilename("../../etc/passwd"), "passwd");
  EXPECT_EQ(SanitiseFilename("C:\\Users\\ann\\Desktop\\receipt.pdf"), "receipt.pdf");
  EXPECT_EQ(SanitiseFilename("/tmp/photo.jpg"), "photo.jpg");
  EXPECT_EQ(SanitiseFilename("receipt.pdf"), "receipt.pdf");
}

TEST(SanitiseFilename, RemovesControlCharactersAndQuotes) {
  EXPECT_EQ(SanitiseFilename(std::string("in\0voice\r\n.pdf", 15)), "invoice.pdf");
  EXPECT_EQ(SanitiseFilename("a\x1b[31mred\x7f.txt"), "a[31mred.txt");
  EXPECT_EQ(SanitiseFilename("say \"hi\" it's.txt"), "say hi its.txt");
  EXPECT_EQ(SanitiseFilename("c1\xC2\x85here.txt"), "c1here.txt");  // U+0085 NEL
  EXPECT_EQ(SanitiseFilename("bad\xFFutf8.txt"), "badutf8.txt");
  EXPECT_EQ(SanitiseFilename("Grüße.pdf"), "Grüße.pdf");
}

TEST(SanitiseFilename, RemovesEveryCharacterThatReordersText) {
  EXPECT_EQ(SanitiseFilename("\u202Egnp.exe"), "gnp.exe");  // RIGHT-TO-LEFT OVERRIDE
  for (const char* control : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
                              "\u2069", "\u200E", "\u200F", "\u061C"})
    EXPECT_EQ(SanitiseFilename(std::string("in") + control + "voice.pdf"), "invoice.pdf") << control;
  EXPECT_EQ(SanitiseFilename("\u2067\u2069"), "attachment");
  // Neighbours of the ranges stay: EN DASH U+2013, WORD JOINER U+2060, Arabic letters.
  EXPECT_EQ(SanitiseFilename("a\u2013b\u2060c.txt"), "a\u2013b\u2060c.txt");
  EXPECT_EQ(SanitiseFilename("\u0641\u0627\u062A\u0648\u0631\u0629.pdf"), "\u0641\u0627\u062A\u0648\u0631\u0629.pdf");
}

TEST(SanitiseFilename, FallsBackToAttachmentWhenNothingIsLeft) {
  EXPECT_EQ(SanitiseFilename(""), "attachment");
  EXPECT_EQ(SanitiseFilename("../.."), "attachment");
  EXPECT_EQ(SanitiseFilename("dir/"), "attachment");
  EXPECT_EQ(SanitiseFilename("\x01\x02"), "attachment");
  EXPECT_EQ(SanitiseFilename(" . "), "attachment");
}

TEST(SanitiseFilename, CutsLongNamesOnACharacterBoundaryKeepingTheExtension) {
  // 150 two-byte characters = 300 bytes, then ".pdf".
  std::string name;
  for (int i = 0; i < 150; ++i) name += "é";
  name += ".pdf";
  std::string out = SanitiseFilename(name);
  EXPECT_LE(out.size(), 200u);
  EXPECT_GE(out.size(), 199u);
  EXPECT_EQ(out.substr(out.size() - 4), ".pdf");
  std::string stem = out.substr(0, out.size() - 4);
  EXPECT_EQ(stem.size() % 2, 0u);  // whole characters only
  for (size_t i = 0; i < stem.size(); i += 2) EXPECT_EQ(stem.substr(i, 2), "é");

  // Three-byte characters: the cut must not split one either.
  std::string wide;
  for (int i = 0; i < 100; ++i) wide += "€";
  std::string cut = SanitiseFilename(wide + ".txt");
  EXPECT_LE(cut.size(), 200u);
  EXPECT_EQ(cut.substr(cut.size() - 4), ".txt");
  EXPECT_EQ((cut.size() - 4) % 3, 0u);

  // Exactly 200 bytes stays as it is.
  std::string exact = std::string(196, 'a') + ".pdf";
  EXPECT_EQ(SanitiseFilename(exact), exact);
  // No extension: plain cut.
  EXPECT_EQ(SanitiseFilename(std::string(300, 'b')), std::string(200, 'b'));
}

}  // namespace
}  // namespace hearken
