// bench/jixiao_bench.cpp — jixiao's side of the peer benchmark (bench/run.sh).
//
//   jixiao_bench import DIR YEAR HISTORY   budgets, adjustments and payments of YEAR-HISTORY…YEAR
//   into DIR/jixiao.db,
//                                          all through ledger::import_file (the user's `jixiao
//                                          import`); HISTORY 0: the current year only (the import
//                                          measurement alone)
//   jixiao_bench monitor DIR YEAR AS_OF    load the ledger (and earlier years) from the store, full
//   monitoring jixiao_bench csv DIR YEAR AS_OF        budget + payments CSV straight to the
//   monitoring result jixiao_bench shapes DIR YEAR RUNS      the payments import of YEAR as
//   generated and as a real export
//                                          has it (title, unit and export-date rows above the
//                                          header, a 合计 row and a footer below), each into a
//                                          fresh store, alternately, RUNS times each: the best of
//                                          each and their ratio
//
// Each prints one JSON object of timings (seconds), rows and peak memory (MiB), and the
// monitor/csv commands write DIR/out/jixiao[_csv]_{unit_month,line}.csv (amounts in 分) for the
// agreement check.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <string>

#include "core/text.hpp"
#include "ingest/bulk.hpp"
#include "ingest/ingest.hpp"
#include "ledger/importer.hpp"
#include "ledger/ledger.hpp"
#include "monitor/monitor.hpp"
#include "store/store.hpp"

using namespace jixiao;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

[[noreturn]] void die(const Error& e) {
  std::cerr << "jixiao_bench: " << e.to_string() << "\n";
  std::exit(1);
}

template <class T>
T check(Result<T> r) {
  if (!r) die(r.error());
  return std::move(*r);
}
[[maybe_unused]] void check(Result<void> r) {
  if (!r) die(r.error());
}

// Execution by unit × month and by line, in 分, sorted: what every engine must agree on.
void write_results(const std::string& dir, const std::string& name, const ledger::Ledger& l,
                   const monitor::MonitorResult& r) {
  std::filesystem::create_directories(dir + "/out");
  {
    std::ofstream f(dir + "/out/" + name + "_unit_month.csv");
    std::vector<const monitor::UnitStatus*> units;
    for (const auto& u : r.units) units.push_back(&u);
    std::sort(units.begin(), units.end(),
              [&](auto a, auto b) { return l.units()[a->unit].code < l.units()[b->unit].code; });
    for (const auto* u : units) {
      for (int m = 0; m < 12; ++m) {
        const auto fen = u->figures.by_month[static_cast<std::size_t>(m)].fen();
        if (fen != 0) f << l.units()[u->unit].code << "," << (m + 1) << "," << fen << "\n";
      }
    }
  }
  std::ofstream f(dir + "/out/" + name + "_line.csv");
  for (const auto& ls : r.lines) {
    const auto& line = l.lines()[ls.line];
    if (!ls.figures.totals.executed.is_zero())
      f << line.unit_code << "," << line.code << "," << ls.figures.totals.executed.fen() << "\n";
  }
}

// The store the import and monitor steps use: $JIXIAO_BENCH_DB (e.g. a PostgreSQL URL; the
// database must be empty for import), else DIR/jixiao.db.
std::string store_url(const std::string& dir) {
  const char* env = std::getenv("JIXIAO_BENCH_DB");
  return env != nullptr && *env != '\0' ? std::string(env) : "sqlite:" + dir + "/jixiao.db";
}

int cmd_import(const std::string& dir, int year, int history) {
  if (!store::is_postgres(store_url(dir))) {
    std::filesystem::remove(dir + "/jixiao.db");
    std::filesystem::remove(dir + "/jixiao.db-wal");
    std::filesystem::remove(dir + "/jixiao.db-shm");
  }
  auto store = check(store::open(store_url(dir)));
  auto t0 = Clock::now();
  for (int y = year - history; y <= year; ++y) {
    check(ledger::import_file(*store, model::ImportKind::budget,
                              dir + "/budget_" + std::to_string(y) + ".csv"));
    check(ledger::import_file(*store, model::ImportKind::adjustments,
                              dir + "/adjustments_" + std::to_string(y) + ".csv"));
  }
  const double budgets = since(t0);
  double history_payments = 0, current = 0;
  std::int64_t current_rows = 0;
  for (int y = year - history; y <= year; ++y) {
    auto t = Clock::now();
    auto outcome = check(ledger::import_file(*store, model::ImportKind::payments,
                                             dir + "/payments_" + std::to_string(y) + ".csv"));
    if (outcome.status != ledger::ImportStatus::imported) {
      std::fprintf(stderr, "jixiao_bench: payments_%d.csv was not imported\n", y);
      return 1;
    }
    if (y == year) {
      current = since(t);
      current_rows = outcome.record.rows;
    } else {
      history_payments += since(t);
    }
  }
  std::printf(
      "{\"step\":\"import\",\"budget_adjustment_seconds\":%.3f,\"history_payment_seconds\":%.3f,"
      "\"payment_seconds\":%.3f,\"payment_rows\":%lld,\"rows_per_second\":%.0f,\"peak_mib\":%.0f}"
      "\n",
      budgets, history_payments, current, static_cast<long long>(current_rows),
      static_cast<double>(current_rows) / current, peak_mib());
  return 0;
}

int cmd_monitor(const std::string& dir, int year, const std::string& as_of) {
  auto store = check(store::open(store_url(dir)));
  auto t0 = Clock::now();
  auto current = check(ledger::Ledger::load(*store, year));
  const double load = since(t0);
  auto t1 = Clock::now();
  std::vector<ledger::Ledger> earlier;
  for (int y = year - 3; y < year; ++y) earlier.push_back(check(ledger::Ledger::load(*store, y)));
  std::vector<const ledger::Ledger*> ptrs;
  for (const auto& l : earlier) ptrs.push_back(&l);
  auto history = monitor::History::from_ledgers(ptrs);
  earlier.clear();
  const double history_load = since(t1);
  monitor::MonitorOptions options;
  options.as_of = check(parse_date(as_of));
  // Texts written when shown (the dashboard's case), then every text written (the CLI's).
  options.texts = monitor::Texts::on_demand;
  double best = 1e9, best_texts = 1e9, cpu = 0;
  monitor::MonitorResult result;
  for (int k = 0; k < 5; ++k) {
    auto t = Clock::now();
    const double c0 = cpu_seconds();
    result = check(monitor::run_monitor(current, history, options));
    const double w = since(t);
    if (w < best) {
      best = w;
      cpu = cpu_seconds() - c0;
    }
  }
  options.texts = monitor::Texts::eager;
  for (int k = 0; k < 3; ++k) {
    auto t = Clock::now();
    result = check(monitor::run_monitor(current, history, options));
    best_texts = std::min(best_texts, since(t));
  }
  write_results(dir, "jixiao", current, result);
  std::printf(
      "{\"step\":\"monitor\",\"monitor_texts_seconds\":%.3f,\"monitor_cpu_seconds\":%.3f,\"load_"
      "seconds\":%.3f,\"history_load_seconds\":%.3f,\"monitor_seconds\":%.3f,"
      "\"payments\":%zu,\"lines\":%zu,\"warnings\":%zu,\"advice\":%zu,\"forecast_p10\":\"%s\","
      "\"forecast_p50\":\"%s\","
      "\"forecast_p90\":\"%s\",\"peak_mib\":%.0f}\n",
      best_texts, cpu, load, history_load, best, current.payments().line.size(),
      current.lines().size(), result.warnings.size(), result.advice.size(),
      format_wan(result.figures.forecast.p10).c_str(),
      format_wan(result.figures.forecast.p50).c_str(),
      format_wan(result.figures.forecast.p90).c_str(), peak_mib());
  return 0;
}

// A budget or adjustments CSV by ingest/bulk.hpp's reader, or by the row path when that one says
// no.
model::ImportBatch read_rows(const std::string& path, model::ImportKind kind) {
  if (auto fast = check(ingest::read_checked_rows(path, kind, 2, false))) return std::move(*fast);
  auto table = check(ingest::read_table(path));
  auto parsed = check(ingest::parse_rows(table, kind));
  if (!parsed.errors.empty()) die(parsed.errors.front());
  return std::move(parsed.batch);
}

int cmd_csv(const std::string& dir, int year, const std::string& as_of) {
  auto t0 = Clock::now();
  // The budget and its adjustments read at the same time.
  auto adjusting = std::async(std::launch::async, read_rows,
                              dir + "/adjustments_" + std::to_string(year) + ".csv",
                              model::ImportKind::adjustments);
  auto budget =
      read_rows(dir + "/budget_" + std::to_string(year) + ".csv", model::ImportKind::budget);
  auto adjustments = adjusting.get();
  const double budget_seconds = since(t0);
  auto l = ledger::Ledger::build(year, std::move(budget.units), std::move(budget.lines),
                                 adjustments.adjustments, {});
  const double build_seconds = since(t0);
  auto payments = check(l.add_payments_csv(dir + "/payments_" + std::to_string(year) + ".csv", 2));
  if (!payments)
    die(Error::invalid_input(
        "payments CSV has rows the row path would report, or lines not in the budget"));
  const double payment_seconds = since(t0);
  monitor::MonitorOptions options;
  options.as_of = check(parse_date(as_of));
  options.texts = monitor::Texts::on_demand;
  auto result = check(monitor::run_monitor(l, {}, options));
  const double total = since(t0);
  write_results(dir, "jixiao_csv", l, result);
  std::printf(
      "{\"step\":\"csv\",\"budget_seconds\":%.3f,\"ledger_build_seconds\":%.3f,\"payment_seconds\":"
      "%.3f,\"monitor_seconds\":%.3f,"
      "\"payment_rows\":%zu,\"total_seconds\":%.3f,\"peak_mib\":%.0f}\n",
      budget_seconds, build_seconds - budget_seconds, payment_seconds - build_seconds,
      total - payment_seconds, *payments, total, peak_mib());
  return 0;
}

// The forecast's backtest (docs/monitoring.md): for each target year with earlier years in the
// store, forecast at 06-30 and 09-30 and compare with what the year really ended at, per line.
// Modes: "full" (own history → pooled → schedule), "pooled" (own history hidden), "schedule" (no
// history).
int cmd_backtest(const std::string& dir, int year, int first_target) {
  auto store = check(store::open("sqlite:" + dir + "/jixiao.db"));
  std::vector<ledger::Ledger> all;
  for (int y = year - 3; y <= year; ++y) all.push_back(check(ledger::Ledger::load(*store, y)));
  std::printf(
      "| target year | as of | mode | lines | median abs. error (pts of budget) | mean abs. error "
      "(pts) | "
      "actual inside P10–P90 | below P10 | above P90 | ledger total error | P(<90%%) mean vs "
      "actual share |\n");
  std::printf("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (int target = first_target; target <= year; ++target) {
    const ledger::Ledger& cur = all[static_cast<std::size_t>(target - (year - 3))];
    std::vector<const ledger::Ledger*> earlier;
    for (const auto& l : all) {
      if (l.fiscal_year() < target) earlier.push_back(&l);
    }
    auto end = check(monitor::run_monitor(cur, {}, [&] {
      monitor::MonitorOptions o;
      o.as_of = Date::from_ymd(target, 12, 31);
      return o;
    }()));
    for (const char* when : {"06-30", "09-30"}) {
      for (const std::string mode : {"full", "pooled", "schedule"}) {
        monitor::History h;
        if (mode != "schedule") h = monitor::History::from_ledgers(earlier);
        if (mode == "pooled") {
          for (auto& y : h.years) {
            for (auto& l : y.lines) {
              l.code += "#";  // no line of this year matches: only the pools remain
              l.key = monitor::line_key(l.unit_code, l.code);
            }
          }
        }
        monitor::MonitorOptions o;
        o.as_of = check(parse_date(std::to_string(target) + "-" + when));
        auto r = check(monitor::run_monitor(cur, h, o));
        std::vector<double> err;
        std::size_t inside = 0, below = 0, above = 0, n = 0, ended_below = 0;
        double prob = 0;
        for (std::size_t k = 0; k < r.lines.size(); ++k) {
          const auto& f = r.lines[k].figures.forecast;
          const auto& e = end.lines[k].figures.totals;
          const double budget = static_cast<double>(e.adjusted().fen());
          if (budget <= 0) continue;
          const auto actual = e.executed.fen();
          ++n;
          err.push_back(std::abs(static_cast<double>(f.p50.fen() - actual)) / budget * 100);
          if (actual < f.p10.fen())
            ++below;
          else if (actual > f.p90.fen())
            ++above;
          else
            ++inside;
          prob += f.probability_below.empty() ? 0 : f.probability_below[0];
          if (static_cast<__int128>(actual) * 100 < static_cast<__int128>(90) * e.adjusted().fen())
            ++ended_below;
        }
        std::sort(err.begin(), err.end());
        double mean = 0;
        for (double x : err) mean += x;
        const double total_err =
            static_cast<double>(r.figures.forecast.p50.fen() - end.figures.totals.executed.fen()) /
            static_cast<double>(end.figures.totals.executed.fen()) * 100;
        std::printf(
            "| %d | %s | %s | %zu | %.1f | %.1f | %.0f%% | %.0f%% | %.0f%% | %+.1f%% | %.2f vs "
            "%.2f |\n",
            target, when, mode.c_str(), n, err.empty() ? 0 : err[err.size() / 2],
            err.empty() ? 0 : mean / static_cast<double>(err.size()),
            100.0 * static_cast<double>(inside) / static_cast<double>(n),
            100.0 * static_cast<double>(below) / static_cast<double>(n),
            100.0 * static_cast<double>(above) / static_cast<double>(n), total_err,
            prob / static_cast<double>(n),
            static_cast<double>(ended_below) / static_cast<double>(n));
      }
    }
  }
  return 0;
}

// DIR/payments_YEAR.csv as a treasury system exports it: a title, a unit row and an export date
// above the header, a 合计 row (the exact sum of the amounts) and a footer below. Written once.
std::string shaped_payments(const std::string& dir, int year) {
  const std::string plain = dir + "/payments_" + std::to_string(year) + ".csv";
  const std::string shaped = dir + "/shaped_payments_" + std::to_string(year) + ".csv";
  if (std::filesystem::exists(shaped) &&
      std::filesystem::last_write_time(shaped) > std::filesystem::last_write_time(plain))
    return shaped;
  std::ifstream in(plain, std::ios::binary);
  std::string header;
  std::getline(in, header);
  const auto cells = text::split(header, ',');
  const ingest::ColumnMap map = ingest::map_columns(cells, model::ImportKind::payments);
  const int amount = map.index[static_cast<std::size_t>(
      ingest::field_index(model::ImportKind::payments, "amount"))];
  std::ofstream out(shaped + ".tmp", std::ios::binary);
  out << year << "年度国库集中支付明细表" << std::string(cells.size() - 1, ',') << "\n"
      << "金额单位：元" << std::string(cells.size() - 1, ',') << "\n"
      << "导出时间：" << year + 1 << "-01-05 09:30" << std::string(cells.size() - 1, ',') << "\n"
      << header << "\n";
  std::int64_t total = 0;
  std::string line;
  while (std::getline(in, line)) {
    out << line << "\n";
    std::size_t at = 0;
    for (int c = 0; c < amount; ++c) at = line.find(',', at) + 1;
    const std::size_t end = line.find(',', at);
    total +=
        check(parse_money(line.substr(at, end == std::string::npos ? std::string::npos : end - at)))
            .fen();
  }
  std::string row = "合计";
  for (std::size_t c = 1; c < cells.size(); ++c)
    row +=
        "," + (static_cast<int>(c) == amount ? format_yuan(Money::from_fen(total)) : std::string());
  out << row << "\n制表人：财务科" << std::string(cells.size() - 1, ',') << "\n";
  out.close();
  std::filesystem::rename(shaped + ".tmp", shaped);
  return shaped;
}

int cmd_shapes(const std::string& dir, int year, int runs) {
  const std::string plain = dir + "/payments_" + std::to_string(year) + ".csv";
  const std::string shaped = shaped_payments(dir, year);
  // Wall time and CPU time (all threads) of each import: on shared cores the CPU time is the
  // steadier of the two.
  double cpu = 0;
  auto import_once = [&](const std::string& path, std::size_t& rows) {
    const std::string db = dir + "/shapes.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    auto store = check(store::open("sqlite:" + db));
    check(ledger::import_file(*store, model::ImportKind::budget,
                              dir + "/budget_" + std::to_string(year) + ".csv"));
    check(ledger::import_file(*store, model::ImportKind::adjustments,
                              dir + "/adjustments_" + std::to_string(year) + ".csv"));
    auto t = Clock::now();
    const double c0 = cpu_seconds();
    auto outcome = check(ledger::import_file(*store, model::ImportKind::payments, path));
    const double seconds = since(t);
    cpu = cpu_seconds() - c0;
    if (outcome.status != ledger::ImportStatus::imported) {
      std::fprintf(stderr, "jixiao_bench: %s was not imported\n", path.c_str());
      std::exit(1);
    }
    rows = outcome.rows;
    // The shaped file must take the fast path too, its 合计 checked: otherwise this compares
    // the row path with the fast one.
    if (path == shaped && (outcome.plan.totals.size() != 1 || !outcome.plan.totals[0].agrees ||
                           outcome.plan.header_row != 4)) {
      std::fprintf(
          stderr,
          "jixiao_bench: the shaped file's plan lacks its checked 合计 or its header row\n");
      std::exit(1);
    }
    return seconds;
  };
  double best_plain = 1e9, best_shaped = 1e9, cpu_plain = 1e9, cpu_shaped = 1e9;
  std::size_t rows_plain = 0, rows_shaped = 0;
  for (int r = 0; r < runs; ++r) {
    best_plain = std::min(best_plain, import_once(plain, rows_plain));
    cpu_plain = std::min(cpu_plain, cpu);
    best_shaped = std::min(best_shaped, import_once(shaped, rows_shaped));
    cpu_shaped = std::min(cpu_shaped, cpu);
  }
  if (rows_plain != rows_shaped) {
    std::fprintf(stderr, "jixiao_bench: %zu rows plain, %zu shaped\n", rows_plain, rows_shaped);
    return 1;
  }
  std::printf(
      "{\"step\":\"shapes\",\"rows\":%zu,\"runs\":%d,\"plain_seconds\":%.3f,\"shaped_seconds\":%."
      "3f,\"ratio\":%.3f,"
      "\"plain_cpu_seconds\":%.3f,\"shaped_cpu_seconds\":%.3f,\"cpu_ratio\":%.3f}\n",
      rows_plain, runs, best_plain, best_shaped, best_shaped / best_plain, cpu_plain, cpu_shaped,
      cpu_shaped / cpu_plain);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr,
                 "usage: jixiao_bench import DIR YEAR HISTORY | monitor DIR YEAR AS_OF | csv DIR "
                 "YEAR AS_OF | shapes DIR YEAR RUNS\n");
    return 2;
  }
  const std::string cmd = argv[1], dir = argv[2];
  const int year = std::atoi(argv[3]);
  if (cmd == "import") return cmd_import(dir, year, std::atoi(argv[4]));
  if (cmd == "monitor") return cmd_monitor(dir, year, argv[4]);
  if (cmd == "csv") return cmd_csv(dir, year, argv[4]);
  if (cmd == "backtest") return cmd_backtest(dir, year, std::atoi(argv[4]));
  if (cmd == "shapes") return cmd_shapes(dir, year, std::atoi(argv[4]));
  std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
  return 2;
}
