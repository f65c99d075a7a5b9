// ingest/columns.cpp — the one column table of the import formats (docs/formats.md).
#include "ingest/ingest.hpp"

namespace jixiao::ingest {
namespace {

ColumnSpec unit_code() { return {"unit_code", {"单位代码", "单位编码", "预算单位代码"}, "code", true, "预算单位代码"}; }
ColumnSpec line_code() { return {"line_code", {"项目代码", "项目编码", "预算项目代码"}, "code", true, "预算项目代码，在单位和年度内唯一"}; }

}  // namespace

const std::vector<ColumnSpec>& columns_of(model::ImportKind kind) {
  static const std::vector<ColumnSpec> k_budget = {
      unit_code(),
      {"unit_name", {"单位名称", "预算单位", "预算单位名称"}, "text", false, "单位名称；单位第一次出现时必填"},
      {"parent_code", {"上级单位代码", "主管部门代码"}, "code", false, "上级单位（部门）代码"},
      {"fiscal_year", {"年度", "预算年度"}, "year", true, "预算年度，如 2022"},
      line_code(),
      {"line_name", {"项目名称", "预算项目名称"}, "text", true, "项目名称"},
      {"kind", {"支出类型", "支出性质", "项目类别"}, "kind", true, "基本支出 或 项目支出（basic / project）"},
      {"function_code", {"功能分类", "功能分类代码", "功能科目"}, "code", true, "支出功能分类，如 2010104 人大会议"},
      {"economic_code", {"经济分类", "经济分类代码", "部门经济分类"}, "code", false, "部门预算支出经济分类，如 30215 会议费"},
      {"fund_source", {"资金来源", "资金性质"}, "text", false, "资金来源；默认 一般公共预算"},
      {"initial_budget", {"年初预算", "年初预算数", "预算金额"}, "amount", true, "年初预算金额；表头含“万元”时以万元计"},
  };
  static const std::vector<ColumnSpec> k_adjustments = {
      unit_code(),
      {"fiscal_year", {"年度", "预算年度"}, "year", false, "预算年度；缺省时取调整日期的年份"},
      line_code(),
      {"date", {"调整日期", "日期"}, "date", true, "调整日期，如 2022-06-30"},
      {"amount", {"调整金额", "金额"}, "amount", true, "调整金额，追加为正、调减为负"},
      {"document_number", {"文号", "调整文号", "批复文号"}, "text", false, "批复文号"},
      {"reason", {"调整原因", "原因", "说明"}, "text", false, "调整原因"},
  };
  static const std::vector<ColumnSpec> k_payments = {
      unit_code(),
      {"fiscal_year", {"年度", "预算年度"}, "year", false, "预算年度；缺省时取支付日期的年份"},
      line_code(),
      {"date", {"支付日期", "日期", "记账日期"}, "date", true, "支付日期"},
      {"amount", {"支付金额", "金额", "支出金额"}, "amount", true, "支付金额；退回为负"},
      {"economic_code", {"经济分类", "经济分类代码", "部门经济分类"}, "code", false, "本笔支付的经济分类；缺省时取项目的"},
      {"voucher_number", {"凭证号", "凭证编号", "支付凭证号"}, "text", true, "凭证号，在单位和年度内唯一"},
      {"summary", {"摘要", "用途"}, "text", false, "摘要"},
  };
  static const std::vector<ColumnSpec> k_commitments = {
      unit_code(),
      {"fiscal_year", {"年度", "预算年度"}, "year", false, "预算年度；缺省时取余额日期的年份"},
      line_code(),
      {"contract_number", {"合同编号", "合同号"}, "text", true, "合同编号，在项目内唯一"},
      {"date", {"余额日期", "截至日期", "统计日期", "日期"}, "date", true, "未付余额的截至日期"},
      {"amount", {"未付金额", "合同未付金额", "未支付金额", "金额"}, "amount", true, "合同尚未支付的金额（≥ 0）"},
      {"counterparty", {"合同相对方", "供应商", "收款单位"}, "text", false, "合同相对方"},
  };
  switch (kind) {
    case model::ImportKind::budget: return k_budget;
    case model::ImportKind::commitments: return k_commitments;
    case model::ImportKind::adjustments: return k_adjustments;
    case model::ImportKind::payments: return k_payments;
  }
  return k_budget;
}

}  // namespace jixiao::ingest
