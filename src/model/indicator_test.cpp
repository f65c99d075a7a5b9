// model/indicator_test.cpp — the exact Measure number and the indicator enums' names.
#include "model/indicator.hpp"

#include <gtest/gtest.h>

namespace jixiao::model {
namespace {

TEST(Measure, ParsesTheFormsFoundInForms) {
  struct Case {
    std::string_view text;
    std::int64_t scaled;
  };
  for (const Case& c :
       {Case{"91.6", 916000}, Case{"100%", 1000000}, Case{"3,600", 36000000}, Case{"≥90%", 900000},
        Case{"3600多", 36000000}, Case{"７００余", 7000000}, Case{"-0.5", -5000}, Case{"0", 0},
        Case{"12.3456", 123456}, Case{" ≤ 100 ", 1000000}, Case{"23人次", 230000}}) {
    auto m = parse_measure(c.text);
    ASSERT_TRUE(m) << c.text << ": " << m.error().to_string();
    EXPECT_EQ(m->scaled(), c.scaled) << c.text;
  }
}

TEST(Measure, RejectsTextWithoutANumber) {
  struct Case {
    std::string_view text;
    std::string message;
  };
  for (const Case& c : {Case{"达成", "不是数值: \"达成\""}, Case{"", "不是数值: \"\""},
                        Case{"1.23456", "不是数值: \"1.23456\"（小数多于4位）"},
                        Case{"12a3", "不是数值: \"12a3\""}}) {
    auto m = parse_measure(c.text);
    ASSERT_FALSE(m) << c.text;
    EXPECT_EQ(m.error().message(), c.message);
  }
}

TEST(Measure, PrintsWithoutTrailingZeros) {
  EXPECT_EQ(Measure::from_scaled(916000).to_string(), "91.6");
  EXPECT_EQ(Measure::from_int(3600).to_string(), "3600");
  EXPECT_EQ(Measure::from_scaled(-5).to_string(), "-0.0005");
  EXPECT_EQ(Measure::from_scaled(123456).to_string(), "12.3456");
}

TEST(IndicatorEnums, ChineseFormsParseAndSubclassImpliesClass) {
  EXPECT_EQ(parse_indicator_subclass("数量指标"), IndicatorSubclass::quantity);
  EXPECT_EQ(parse_indicator_subclass("服务对象满意度"), IndicatorSubclass::service_object);
  EXPECT_EQ(parse_direction("≥"), Direction::ge);
  EXPECT_EQ(parse_direction("<="), Direction::le);
  EXPECT_EQ(parse_direction("定性"), Direction::qualitative);
  EXPECT_EQ(parse_direction("大约"), std::nullopt);
  EXPECT_EQ(parse_target_basis("历史标准"), TargetBasis::history);
  EXPECT_EQ(parse_qualitative_grade("部分达成"), QualitativeGrade::partly);
  EXPECT_EQ(parse_deviation_category("经费保障"), DeviationCategory::funding);
  EXPECT_EQ(class_of(IndicatorSubclass::social), IndicatorClass::effect);
  EXPECT_EQ(class_of(IndicatorSubclass::service_object), IndicatorClass::satisfaction);
  EXPECT_EQ(chinese_name(IndicatorClass::output), "产出指标");
  EXPECT_EQ(symbol(Direction::le), "≤");
}

}  // namespace
}  // namespace jixiao::model
