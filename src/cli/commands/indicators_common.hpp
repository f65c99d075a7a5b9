// cli/commands/indicators_common.hpp — helpers shared by `jixiao indicators …` and `jixiao goals
// …`.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "core/date.hpp"
#include "indicators/lint.hpp"

namespace jixiao::cli {

// How a bare year given to a date option is read: "2022" → 2022-01-01 or 2022-12-31.
enum class DateEnd { year_start, year_end };
// The date option `name` ("2022-06-30", "2022年6月30日" or a year), or `fallback` when absent.
Result<Date> date_option(const Args& args, const std::string& name, Date fallback, DateEnd end);

// An aligned text table (CJK-aware widths).
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows,
                 const std::vector<bool>& right_aligned);

// The demo's step: imports the starter library (`library_dir`/*.csv), the reference case's
// goals (`demo_dir`/goals_2022.csv) and computes the actuals the ledger can give.
Result<std::string> import_demo_indicators(store::Store& store,
                                           const std::filesystem::path& library_dir,
                                           const std::filesystem::path& demo_dir);

// Prints lint findings (table or JSON) and returns 1 when one is an error, else 0.
int print_findings(Context& ctx, const std::vector<indicators::Finding>& findings, Format format);

}  // namespace jixiao::cli
