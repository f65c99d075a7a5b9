// model/ledger.cpp — names of the ledger's enums.
#include "model/ledger.hpp"

namespace jixiao::model {

std::string_view to_string(ExpenditureKind kind) {
  return kind == ExpenditureKind::basic ? "basic" : "project";
}

std::string_view chinese_name(ExpenditureKind kind) {
  return kind == ExpenditureKind::basic ? "基本支出" : "项目支出";
}

std::optional<ExpenditureKind> parse_expenditure_kind(std::string_view text) {
  if (text == "basic" || text == "基本支出" || text == "基本") return ExpenditureKind::basic;
  if (text == "project" || text == "项目支出" || text == "项目") return ExpenditureKind::project;
  return std::nullopt;
}

std::string_view to_string(ImportKind kind) {
  switch (kind) {
    case ImportKind::budget:
      return "budget";
    case ImportKind::adjustments:
      return "adjustments";
    case ImportKind::payments:
      return "payments";
    case ImportKind::commitments:
      return "commitments";
  }
  return "budget";
}

std::optional<ImportKind> parse_import_kind(std::string_view text) {
  if (text == "budget") return ImportKind::budget;
  if (text == "adjustments") return ImportKind::adjustments;
  if (text == "payments") return ImportKind::payments;
  if (text == "commitments") return ImportKind::commitments;
  return std::nullopt;
}

}  // namespace jixiao::model
