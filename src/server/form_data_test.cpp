// server/form_data_test.cpp — percent-decoding, query strings, cookies and multipart bodies.
#include "server/form_data.hpp"

#include <gtest/gtest.h>

namespace jixiao::server {
namespace {

TEST(PercentDecode, DecodesUtf8AndKeepsBrokenEscapes) {
  struct Case {
    std::string in;
    bool plus;
    std::string out;
  };
  for (const Case& c :
       {Case{"%E4%B8%AD%E6%96%87", false, "中文"}, Case{"a+b", true, "a b"},
        Case{"a+b", false, "a+b"}, Case{"100%", true, "100%"}, Case{"%zz%4", true, "%zz%4"},
        Case{"%2f%2F", false, "//"}, Case{"", true, ""}, Case{"%41%", true, "A%"}}) {
    EXPECT_EQ(percent_decode(c.in, c.plus), c.out) << c.in;
  }
}

TEST(ParseQuery, SplitsDecodesAndKeepsTheLastOfARepeatedName) {
  std::map<std::string, std::string> q;
  parse_query("year=2022&q=%E7%AC%AC%E4%BA%8C+%E5%8D%95%E4%BD%8D&&flag&limit=1&limit=5&a%26b=c%3Dd",
              q);
  EXPECT_EQ(
      q, (std::map<std::string, std::string>{
             {"year", "2022"}, {"q", "第二 单位"}, {"flag", ""}, {"limit", "5"}, {"a&b", "c=d"}}));
  std::map<std::string, std::string> empty;
  parse_query("", empty);
  EXPECT_TRUE(empty.empty());
}

TEST(CookieValue, FindsTheNamedCookieOnly) {
  EXPECT_EQ(cookie_value("a=1; jx_session=abc; b=2", "jx_session"), "abc");
  EXPECT_EQ(cookie_value("jx_session=abc", "jx_session"), "abc");
  EXPECT_EQ(cookie_value("xjx_session=no; jx_session=yes", "jx_session"), "yes");
  EXPECT_EQ(cookie_value("a=1", "jx_session"), "");
  EXPECT_EQ(cookie_value("", "jx_session"), "");
}

TEST(HeaderParam, ReadsTokensAndQuotedStrings) {
  EXPECT_EQ(header_param("multipart/form-data; boundary=abc123", "boundary"), "abc123");
  EXPECT_EQ(header_param("multipart/form-data; BOUNDARY=\"a b;c\"", "boundary"), "a b;c");
  std::string_view d = R"(form-data; name="file"; filename="预算 2022;\"终稿\".csv")";
  EXPECT_EQ(header_param(d, "name"), "file");  // not the "name" inside "filename"
  EXPECT_EQ(header_param(d, "filename"), "预算 2022;\"终稿\".csv");
  EXPECT_EQ(header_param(R"(form-data; name="f"; filename="C:\dir\a.csv")", "filename"),
            R"(C:\dir\a.csv)");
  EXPECT_EQ(header_param("form-data; name=\"kind\"", "filename"), std::nullopt);
  EXPECT_EQ(header_param("text/plain", "charset"), std::nullopt);
  EXPECT_EQ(header_param("form-data; flag; name=x", "name"), "x");
}

const std::string k_type = "multipart/form-data; boundary=----WebKitFormBoundaryX3";

TEST(Multipart, SplitsTextFieldsAndFilesAsBrowsersSendThem) {
  std::string body =
      "------WebKitFormBoundaryX3\r\n"
      "Content-Disposition: form-data; name=\"kind\"\r\n"
      "\r\n"
      "payments\r\n"
      "------WebKitFormBoundaryX3\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"支付明细 2022.csv\"\r\n"
      "Content-Type: text/csv\r\n"
      "\r\n"
      "单位代码,金额\r\nU1,1.00\r\n\r\n--not-the-boundary\r\n"
      "\r\n"
      "------WebKitFormBoundaryX3--\r\n";
  auto parts = parse_multipart(k_type, body);
  ASSERT_TRUE(parts) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "kind");
  EXPECT_EQ((*parts)[0].filename, "");
  EXPECT_EQ((*parts)[0].content, "payments");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "支付明细 2022.csv");
  EXPECT_EQ((*parts)[1].content_type, "text/csv");
  EXPECT_EQ((*parts)[1].content,
            "单位代码,金额\r\nU1,1.00\r\n\r\n--not-the-boundary\r\n");  // CRLFs kept
}

TEST(Multipart, IgnoresPreambleAndEpilogueAndTakesFilenameStar) {
  std::string body =
      "this is a preamble\r\n"
      "--b1\r\n"
      "content-disposition: form-data; name=\"file\"; filename=\"fallback.csv\"; "
      "filename*=UTF-8''%E9%A2%84%E7%AE%97.xlsx\r\n"
      "\r\n" +
      std::string("\x01\x02\0\xff", 4) + "\r\n--b1--\r\nepilogue";
  auto parts = parse_multipart("multipart/form-data; boundary=\"b1\"", body);
  ASSERT_TRUE(parts) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].filename, "预算.xlsx");
  EXPECT_EQ((*parts)[0].content, std::string("\x01\x02\0\xff", 4));
}

TEST(Multipart, AcceptsEmptyPartsAndAnEmptyForm) {
  auto parts = parse_multipart("multipart/form-data; boundary=b",
                               "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                               "\r\n\r\n--b\r\nContent-Disposition: form-data; "
                               "name=\"f\"; filename=\"\"\r\n\r\n\r\n--b--");
  ASSERT_TRUE(parts) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].content, "");
  EXPECT_EQ((*parts)[1].filename, "");
  auto none = parse_multipart("multipart/form-data; boundary=b", "--b--\r\n");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(Multipart, MalformedBodiesSayWhatIsWrong) {
  const std::string ok_part = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  struct Case {
    std::string content_type;
    std::string body;
    std::string message;
  };
  for (const Case& c : {
           Case{"multipart/form-data", ok_part + "--b--",
                "上传的表单数据格式不正确: Content-Type 缺少 boundary 参数（应为 "
                "multipart/form-data; boundary=…）"},
           Case{"multipart/form-data; boundary=zz", ok_part + "--b--",
                "上传的表单数据格式不正确: 找不到分隔线 \"--zz\""},
           Case{"multipart/form-data; boundary=b", ok_part,
                "上传的表单数据格式不正确: 内容在结束分隔线之前中断（缺少 \"--b--\"）"},
           Case{"multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nxyz",
                "上传的表单数据格式不正确: 内容在结束分隔线之前中断（缺少 \"--b--\"）"},
           Case{"multipart/form-data; boundary=b", "--bjunk\r\n\r\nx\r\n--b--",
                "上传的表单数据格式不正确: 分隔线 \"--b\" 之后应换行"},
           Case{"multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"a\"",
                "上传的表单数据格式不正确: 第 1 部分的头部没有以空行结束"},
           Case{"multipart/form-data; boundary=b",
                ok_part + "--b\r\nno colon here\r\n\r\nx\r\n--b--",
                "上传的表单数据格式不正确: 第 2 部分的头部行缺少冒号: \"no colon here\""},
           Case{"multipart/form-data; boundary=b",
                "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--",
                "上传的表单数据格式不正确: 第 1 部分缺少 Content-Disposition 头"},
           Case{"multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--",
                "上传的表单数据格式不正确: 第 1 部分的 Content-Disposition 不是带 name 的 "
                "form-data: \"attachment; "
                "name=\"a\"\""},
           Case{"multipart/form-data; boundary=b", "",
                "上传的表单数据格式不正确: 找不到分隔线 \"--b\""},
       }) {
    auto parts = parse_multipart(c.content_type, c.body);
    ASSERT_FALSE(parts) << c.body;
    EXPECT_EQ(parts.error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(parts.error().message(), c.message) << c.body;
  }
}

}  // namespace
}  // namespace jixiao::server

namespace jixiao::server {
namespace {

TEST(FormData, PercentEncodeKeepsOnlyUnreservedCharactersAndSlashes) {
  EXPECT_EQ(percent_encode("/#/goals/U1/2022"), "/%23/goals/U1/2022");
  EXPECT_EQ(percent_encode("中 a&b=c?"), "%E4%B8%AD%20a%26b%3Dc%3F");
  EXPECT_EQ(percent_decode(percent_encode("用户名或密码错误 x+y"), true), "用户名或密码错误 x+y");
}

// Every download names itself the same way; a '/' in a name (a project code) cannot make a path.
TEST(FormData, AttachmentDispositionHasAnAsciiFallbackAndTheUtf8Name) {
  EXPECT_EQ(attachment_disposition("report.pdf", "BYRD01_2022年_部门整体.pdf"),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''BYRD01_2022%E5%B9%B4_"
            "%E9%83%A8%E9%97%A8%E6%95%B4%E4%BD%93.pdf");
  EXPECT_EQ(attachment_disposition("x.docx", "a/b \"c\".docx"),
            "attachment; filename=\"x.docx\"; filename*=UTF-8''a%2Fb%20%22c%22.docx");
}

}  // namespace
}  // namespace jixiao::server
