#include "core/zip_reader.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <random>
#include <sstream>

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using Members = std::vector<std::pair<std::string, std::string>>;

// A zip file of `members` (name → content), deflated, in a fresh temporary folder.
class ZipFile {
 public:
  explicit ZipFile(const std::vector<std::pair<std::string, std::string>>& members)
      : m_members(members) {
    std::random_device rd;
    m_dir = fs::temp_directory_path() / ("jixiao-zip-test-" + std::to_string(rd()));
    fs::create_directories(m_dir);
    int err = 0;
    zip_t* z = zip_open(path().string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(z, nullptr);
    for (const auto& [name, content] : m_members) {
      zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
      EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
    }
    EXPECT_EQ(zip_close(z), 0);
  }
  ~ZipFile() {
    std::error_code ec;
    fs::remove_all(m_dir, ec);
  }
  fs::path path() const { return m_dir / "t.zip"; }
  std::string bytes() const {
    std::ifstream in(path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::vector<std::pair<std::string, std::string>> m_members;
  fs::path m_dir;
};

TEST(ZipReader, ReadsMembersAndTellsAbsentOnes) {
  ZipFile f(Members{{"word/document.xml", "<w:document/>"}});
  auto r = ZipReader::open_file(f.path());
  ASSERT_TRUE(r) << r.error().to_string();
  auto doc = r->read("word/document.xml");
  ASSERT_TRUE(doc && *doc);
  EXPECT_EQ(**doc, "<w:document/>");
  auto none = r->read("/xl/workbook.xml");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

// Issue 17: a 3.4 MB DOCX inflated to 11.5 GB in the server.
TEST(ZipReader, RefusesAMemberOverTheCapByItsDeclaredSize) {
  ZipFile f(Members{{"word/document.xml", std::string(3 * 1024 * 1024, 'x')}});
  auto r = ZipReader::open_file(
      f.path(), {.max_member_bytes = 1024 * 1024, .max_total_bytes = 8 * 1024 * 1024}, "r.docx");
  ASSERT_TRUE(r);
  auto doc = r->read("word/document.xml");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().to_string(),
            "r.docx: word/document.xml 解压后超过上限（单个 1 MiB，合计 8 "
            "MiB）；文件可能是压缩炸弹，已拒绝");
}

TEST(ZipReader, CountsAllMembersAgainstTheTotal) {
  std::string part(600 * 1024, 'y');
  ZipFile f(Members{{"a.xml", part}, {"b.xml", part}});
  std::string bytes = f.bytes();
  auto r = ZipReader::open_memory(
      bytes, "book.xlsx", {.max_member_bytes = 1024 * 1024, .max_total_bytes = 1024 * 1024});
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->read("a.xml"));
  EXPECT_FALSE(r->read("b.xml"));
}

// A member whose headers understate its size is stopped while inflating, not trusted.
TEST(ZipReader, StopsAMemberThatLiesAboutItsSize) {
  ZipFile f(Members{{"s.xml", std::string(4 * 1024 * 1024, 'z')}});
  std::string bytes = f.bytes();
  auto patch = [&](std::uint32_t signature, std::size_t offset) {
    for (std::size_t i = 0; i + 4 <= bytes.size(); ++i) {
      std::uint32_t v = 0;
      for (int k = 3; k >= 0; --k)
        v = (v << 8) | static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(k)]);
      if (v != signature) continue;
      for (int k = 0; k < 4; ++k)
        bytes[i + offset + static_cast<std::size_t>(k)] = k == 0 ? 100 : 0;  // 100 bytes
      return true;
    }
    return false;
  };
  ASSERT_TRUE(patch(0x04034b50, 22));  // local header: uncompressed size
  ASSERT_TRUE(patch(0x02014b50, 24));  // central directory: uncompressed size
  auto r = ZipReader::open_memory(
      bytes, "s.xlsx", {.max_member_bytes = 1024 * 1024, .max_total_bytes = 1024 * 1024});
  ASSERT_TRUE(r);
  auto s = r->read("s.xml");
  // Refused either way: libzip finds the lie, or the count passes the cap. Never 4 MiB read.
  EXPECT_FALSE(s && *s && (*s)->size() > 1024 * 1024);
}

TEST(ZipReader, RefusesWhatIsNotAZip) {
  std::string text = "单位代码,年度\n";
  auto r = ZipReader::open_memory(text, "x.xlsx");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(), "x.xlsx: 不是可读的压缩包（zip）");
}

}  // namespace
}  // namespace jixiao
