// monitor/monitor.cpp — execution against the schedule, warnings, forecasts and advice,
// computed in a few passes over the ledger's columns.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/memory.hpp"
#include "core/parallel.hpp"
#include "monitor/forecast.hpp"

namespace jixiao::monitor {
namespace {

using detail::RemainingShare;
using ledger::LineId;
using ledger::UnitId;

std::int64_t mul_rate(std::int64_t fen, const Rate& r) {
  if (!r.defined()) return 0;
  return divide_half_up(static_cast<__int128>(fen) * r.numerator(), r.denominator());
}

// "12.3" for the exact value 100·num/den, one decimal, half-up.
std::string points_text(__int128 num, __int128 den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const std::int64_t tenths = divide_half_up(num * 1000, den);
  const std::int64_t a = tenths < 0 ? -tenths : tenths;
  return (tenths < 0 ? "-" : "") + std::to_string(a / 10) + "." + std::to_string(a % 10);
}

std::string wan(Money m) { return format_wan(m) + "万元"; }
std::string wan(std::int64_t fen) { return wan(Money::from_fen(fen)); }

std::string md_text(int month, int day) {
  return std::to_string(month) + "月" + std::to_string(day) + "日";
}

Level worse(Level a, Level b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

// Gap (schedule − rate) as the exact fraction num/den of 1; rate = paid/budget.
struct Gap {
  __int128 num = 0;
  __int128 den = 1;
  // gap > points/100, exactly.
  bool above(std::int64_t points) const { return num * 100 > static_cast<__int128>(points) * den; }
};
Gap gap_of(const Rate& schedule, std::int64_t paid, std::int64_t budget) {
  Gap g;
  g.num = static_cast<__int128>(schedule.numerator()) * budget -
          static_cast<__int128>(paid) * schedule.denominator();
  g.den = static_cast<__int128>(schedule.denominator()) * budget;
  return g;
}

// Who a warning is about; refers to the ledger's strings (copied only into a warning made).
struct Subject {
  const std::string& unit_code;
  std::string_view line_code;
  const std::string& name;
};

// Appends a warning about `who` to `out`, made in place (they are large and there are 100,000).
Warning& add_warning(std::vector<Warning>& out, const Subject& who, WarningKind kind, Level level,
                     std::int64_t at_risk, Date as_of, const Figures& f) {
  Warning& w = out.emplace_back();
  w.kind = kind;
  w.level = level;
  w.unit_code = who.unit_code;
  w.line_code.assign(who.line_code);
  w.name = who.name;
  w.at_risk = Money::from_fen(at_risk);
  w.as_of = as_of;
  w.paid = f.totals.executed;
  w.budget = f.totals.adjusted();
  return w;
}

// Warnings that depend only on the figures at as_of (shared by lines and units).
void figure_warnings(const Subject& who, Figures& f, const Thresholds& t, ScheduleBasis basis,
                     int year, Date as_of, std::vector<Warning>& out) {
  const std::int64_t budget = f.totals.adjusted().fen();
  const std::int64_t paid = f.totals.executed.fen();
  auto add = [&](WarningKind kind, Level level, std::int64_t at_risk) -> Warning& {
    f.level = worse(f.level, level);
    return add_warning(out, who, kind, level, at_risk, as_of, f);
  };
  if (paid > budget && paid > 0) add(WarningKind::over_budget, Level::red, paid - budget);
  if (budget <= 0) return;
  // Behind schedule.
  if (f.schedule_share.defined()) {
    Gap g = gap_of(f.schedule_share, paid, budget);
    Level level = g.above(t.red_points)      ? Level::red
                  : g.above(t.yellow_points) ? Level::yellow
                                             : Level::none;
    if (level != Level::none) {
      Warning& w = add(WarningKind::behind_schedule, level, f.expected.fen() - paid);
      w.threshold = level == Level::red ? t.red_points : t.yellow_points;
      w.amount = f.expected;
      w.schedule_share = f.schedule_share;
      w.basis = basis;
    }
  }
  // Hard floors whose date has passed.
  for (const auto& fl : t.floors) {
    const int d = std::min(fl.day, days_in_month(year, fl.month));
    if (as_of < Date::from_ymd(year, fl.month, d)) continue;
    if (static_cast<__int128>(paid) * 100 < static_cast<__int128>(fl.percent) * budget) {
      const std::int64_t floor_fen =
          divide_half_up(static_cast<__int128>(budget) * fl.percent, 100);
      Warning& w = add(WarningKind::below_floor, Level::red, floor_fen - paid);
      w.amount = Money::from_fen(floor_fen);
      w.threshold = fl.percent;
      w.floor_month = fl.month;
      w.floor_day = d;
    }
  }
  // No payment at all after N months.
  const int months_passed =
      as_of.day() == days_in_month(year, as_of.month()) ? as_of.month() : as_of.month() - 1;
  if (paid == 0 && months_passed >= t.no_payment_months && t.no_payment_months > 0) {
    bool any = false;
    for (Money m : f.by_month) any = any || !m.is_zero();
    if (!any) {
      Warning& w =
          add(WarningKind::no_payment,
              months_passed >= 2 * t.no_payment_months ? Level::red : Level::yellow, budget);
      w.count = months_passed;
      w.threshold = t.no_payment_months;
    }
  }
}

void adjustment_warnings(const Subject& who, Figures& f, const Thresholds& t, Date as_of,
                         std::vector<Warning>& out) {
  const std::int64_t adj = f.totals.adjustments.fen();
  const std::int64_t abs_adj = adj < 0 ? -adj : adj;
  const std::int64_t initial = f.totals.initial.fen();
  auto add = [&](WarningKind kind, std::int64_t threshold) {
    f.level = worse(f.level, Level::yellow);
    Warning& w = add_warning(out, who, kind, Level::yellow, abs_adj, as_of, f);
    w.amount = f.totals.adjustments;
    w.initial = f.totals.initial;
    w.count = f.adjustment_count;
    w.threshold = threshold;
  };
  if (t.frequent_adjustments > 0 && f.adjustment_count >= t.frequent_adjustments) {
    add(WarningKind::frequent_adjustments, t.frequent_adjustments);
  }
  if (abs_adj == 0) return;
  if (initial <= 0 || static_cast<__int128>(abs_adj) * 100 >
                          static_cast<__int128>(t.large_adjustment_percent) * initial) {
    add(WarningKind::large_adjustments, t.large_adjustment_percent);
  }
}

void overrun_warning(const Subject& who, Figures& f, Date as_of, std::vector<Warning>& out) {
  const auto& fc = f.forecast;
  const std::int64_t budget = f.totals.adjusted().fen();
  if (fc.basis == ForecastBasis::closed || fc.p50.fen() <= budget ||
      f.totals.executed.fen() > budget)
    return;
  Level level = fc.p10.fen() > budget ? Level::red : Level::yellow;
  Warning& w =
      add_warning(out, who, WarningKind::projected_overrun, level, fc.p50.fen() - budget, as_of, f);
  w.amount = fc.p50;
  w.low = fc.p10;
  w.high = fc.p90;
  f.level = worse(f.level, level);
}

// Samples of g pooled over similar lines, one vector per key of History::pool_index; each
// distribution is built when a line first needs it.
struct Pools {
  std::vector<std::vector<double>> samples;
  std::vector<std::optional<RemainingShare>> dists;
  double min_bandwidth = 0.02;
  explicit Pools(std::size_t n) : samples(n), dists(n) {}
  const RemainingShare* get(std::int32_t index, std::size_t min_samples) {
    if (index < 0) return nullptr;
    auto& d = dists[static_cast<std::size_t>(index)];
    if (!d) {
      const auto& s = samples[static_cast<std::size_t>(index)];
      d = s.size() >= min_samples ? RemainingShare::from_samples(s, min_bandwidth)
                                  : RemainingShare();
    }
    return d->empty() ? nullptr : &*d;
  }
};

std::string kind_key(model::ExpenditureKind k) { return std::string(model::to_string(k)); }
std::vector<std::string> pool_keys(model::ExpenditureKind kind, const std::string& function_code) {
  const std::string k = kind_key(kind);
  std::vector<std::string> keys;
  if (function_code.size() >= 5) keys.push_back(k + "|" + function_code.substr(0, 5));
  if (function_code.size() >= 3) keys.push_back(k + "|" + function_code.substr(0, 3));
  keys.push_back(k);
  return keys;
}

constexpr std::size_t k_min_pool = 8;

constexpr std::size_t k_parallel_from = 20000;  // items below which one thread does the work

// Runs fn(begin, end, part) over [0, n) in contiguous parts (core/parallel.hpp); jobs of fewer
// than `parallel_from` items run on the caller's thread.
template <class F>
void parallel_for(std::size_t n, F&& fn, std::size_t parallel_from = k_parallel_from) {
  parallel::for_parts(n, parallel::parts_for(n, parallel_from), std::forward<F>(fn));
}
std::size_t parallel_parts(std::size_t n) { return parallel::parts_for(n, k_parallel_from); }

using parallel::sort_stable_by_key;

Date deadline_for(Date as_of, int year, const Thresholds& t) {
  // The end of the month after as_of, but no later than the adjustment deadline.
  int m = as_of.month() + 1, y = as_of.year();
  if (m > 12) {
    m = 1;
    ++y;
  }
  Date next = end_of_month(y, m);
  Date last = Date::from_ymd(year, t.adjustment_month,
                             std::min(t.adjustment_day, days_in_month(year, t.adjustment_month)));
  Date d = std::min(next, last);
  return std::max(d, as_of);
}

std::string forecast_text(const Forecast& f) {
  return "预测年末支付" + wan(f.p50) + "（P10–P90：" + format_wan(f.p10) + "–" + format_wan(f.p90) +
         "万元，依据" + std::string(chinese_name(f.basis)) +
         (f.samples > 0 ? "，" + std::to_string(f.samples) + "条曲线" : "") + "）";
}

std::string probability_text(double p) {
  return std::to_string(static_cast<int>(std::lround(p * 100))) + "%";
}

// What the earlier years say at as_of's calendar day (step 2 of run_monitor): g of each
// earlier line, unit and ledger, matched to this year's lines and units by code, the pools of
// similar lines, and the distribution each line without its own curves falls back on. Depends
// only on the history and the ledger's budget lines, so it runs beside the pass over payments.
struct HistorySamples {
  std::size_t max_samples = 1;
  int years = 0;
  std::vector<double> line_sample;  // max_samples per line
  std::vector<std::uint8_t> line_sample_count;
  std::vector<double> unit_sample;  // max_samples per unit
  std::vector<std::uint8_t> unit_sample_count;
  std::vector<double> total_samples;
  Pools line_pools{0}, unit_pools{1};         // own the distributions pointed to below
  std::vector<const RemainingShare*> pooled;  // per selected line; null: own curves or none
  const RemainingShare* unit_pool = nullptr;
};

HistorySamples gather_history(const ledger::Ledger& ledger, const History& history, Date as_of,
                              const std::vector<LineId>& selected, double year_left) {
  const int year = ledger.fiscal_year();
  const auto& lines = ledger.lines();
  const auto& units = ledger.units();
  HistorySamples hs;
  std::vector<const HistoryYear*> years;
  for (const auto& y : history.years) {
    if (y.fiscal_year < year) years.push_back(&y);
  }
  hs.years = static_cast<int>(years.size());
  const int am = as_of.month(), ad = as_of.day();
  const std::size_t max_samples = hs.max_samples = std::max<std::size_t>(years.size(), 1);
  auto& line_sample = hs.line_sample;
  auto& line_sample_count = hs.line_sample_count;
  auto& unit_sample = hs.unit_sample;
  auto& unit_sample_count = hs.unit_sample_count;
  auto& total_samples = hs.total_samples;
  line_sample.resize(lines.size() * max_samples);
  line_sample_count.assign(lines.size(), 0);
  unit_sample.resize(units.size() * max_samples);
  unit_sample_count.assign(units.size(), 0);
  hs.line_pools = Pools(history.pool_index.size());
  auto& line_pools = hs.line_pools;
  auto& unit_pools = hs.unit_pools;
  std::vector<std::uint64_t> current_key(years.empty() ? 0 : lines.size());
  for (std::size_t i = 0; i < current_key.size(); ++i)
    current_key[i] = line_key(lines[i].unit_code, lines[i].code);
  for (const HistoryYear* y : years) {
    // Merge-joins on codes: the earlier year's lines and the ledger's lines are both sorted by
    // (unit_code, code), its units and the ledger's units by code.
    std::size_t j = 0;
    UnitId ju = 0;
    std::int64_t total_budget = 0;
    std::array<std::int64_t, 12> total_paid{};
    const std::string* cur_unit = nullptr;
    std::int64_t unit_budget = 0;
    std::array<std::int64_t, 12> unit_paid{};
    auto flush_unit = [&] {
      if (!cur_unit) return;
      auto g = detail::remaining_share(unit_budget, unit_paid, y->fiscal_year, am, ad);
      if (!g) return;
      unit_pools.samples[0].push_back(*g);
      while (ju < units.size() && units[ju].code < *cur_unit) ++ju;
      if (ju < units.size() && units[ju].code == *cur_unit && unit_sample_count[ju] < max_samples) {
        unit_sample[ju * max_samples + unit_sample_count[ju]++] = *g;
      }
    };
    for (const auto& hl : y->lines) {
      if (hl.first_of_unit || !cur_unit) {
        flush_unit();
        cur_unit = &hl.unit_code;
        unit_budget = 0;
        unit_paid = {};
      }
      unit_budget += hl.budget_fen;
      total_budget += hl.budget_fen;
      for (std::size_t m = 0; m < 12; ++m) {
        unit_paid[m] += hl.paid_fen[m];
        total_paid[m] += hl.paid_fen[m];
      }
      auto g = detail::remaining_share(hl.budget_fen, hl.paid_fen, y->fiscal_year, am, ad);
      if (!g) continue;
      for (std::int32_t pool : hl.pools) {
        if (pool >= 0) line_pools.samples[static_cast<std::size_t>(pool)].push_back(*g);
      }
      // Most years have the same lines as this one: try the next line, by key, before searching
      // by code (which reads the strings).
      if (j < lines.size() && current_key[j] != hl.key) {
        while (j < lines.size() &&
               std::tie(lines[j].unit_code, lines[j].code) < std::tie(hl.unit_code, hl.code))
          ++j;
      }
      if (j < lines.size() && current_key[j] == hl.key) {
        if (line_sample_count[j] < max_samples)
          line_sample[j * max_samples + line_sample_count[j]++] = *g;
        ++j;  // each earlier line matches one line at most
      }
    }
    flush_unit();
    if (auto g = detail::remaining_share(total_budget, total_paid, y->fiscal_year, am, ad))
      total_samples.push_back(*g);
  }

  line_pools.min_bandwidth = 0.02 * year_left;
  unit_pools.min_bandwidth = 0.02 * year_left;
  // The pool of every unit's curves is for units without their own: built only when one lacks them.
  if (std::find(unit_sample_count.begin(), unit_sample_count.end(), 0) != unit_sample_count.end()) {
    hs.unit_pool = unit_pools.get(0, k_min_pool);
  }
  // Pooled distributions, resolved before the parallel part (they are built lazily): the
  // most specific pool of the line's kind and function class with enough curves.
  std::unordered_map<std::string_view, std::array<const RemainingShare*, 2>> pooled_of;
  auto& pooled = hs.pooled;
  pooled.assign(selected.size(), nullptr);
  for (std::size_t k = 0; k < selected.size(); ++k) {
    const auto& line = lines[selected[k]];
    if (line_sample_count[selected[k]] > 0 || years.empty()) continue;
    auto [it, fresh] = pooled_of.try_emplace(line.function_code);
    auto& slot = it->second;
    if (fresh) slot = {nullptr, nullptr};
    const auto kind = static_cast<std::size_t>(line.kind);
    if (!slot[kind]) {
      for (const auto& key : pool_keys(line.kind, line.function_code)) {
        auto index = history.pool_index.find(key);
        if (index == history.pool_index.end()) continue;
        if (const RemainingShare* d = line_pools.get(index->second, k_min_pool)) {
          slot[kind] = d;
          break;
        }
      }
    }
    pooled[k] = slot[kind];
  }
  return hs;
}

// Per line, what the ledger's columns say up to the as-of day (step 1 of run_monitor).
struct LineColumns {
  std::size_t n_lines = 0;
  // Paid per month and line, month-major: payments are sorted by day, so while one month's
  // payments are summed only that month's row of the table (8 bytes a line) is written, and it
  // stays in the core's cache; the months are shared out between two threads by payment
  // count, each writing its own rows, so no partial tables are added up afterwards.
  std::vector<std::int64_t> month_line;
  std::vector<std::int64_t> adjustments;  // Σ adjustments
  std::vector<int> adjustment_count;
  std::vector<std::int64_t> committed;  // each contract's last balance, summed
  std::int64_t paid_in(std::size_t month, LineId line) const {
    return month_line[month * n_lines + line];
  }
};

LineColumns sum_columns(const ledger::Ledger& ledger, int day) {
  const int year = ledger.fiscal_year();
  LineColumns out;
  const std::size_t n_lines = out.n_lines = ledger.lines().size();
  auto& month_line = out.month_line;
  resize_on_huge_pages(month_line, 12 * n_lines);
  {
    const auto& pay = ledger.payments();
    std::array<std::size_t, 13> first{};  // payments of month m: [first[m], first[m + 1])
    for (int m = 1; m <= 12; ++m) {
      const int last_day = std::min(day, static_cast<int>(end_of_month(year, m).day_of_year()));
      first[static_cast<std::size_t>(m)] = static_cast<std::size_t>(
          std::upper_bound(pay.day.begin(), pay.day.end(), static_cast<std::uint16_t>(last_day)) -
          pay.day.begin());
    }
    auto sum_months = [&](int from, int to) {  // months [from, to), 0-based
      for (int m = from; m < to; ++m) {
        std::int64_t* row = month_line.data() + static_cast<std::size_t>(m) * n_lines;
        for (std::size_t k = first[static_cast<std::size_t>(m)];
             k < first[static_cast<std::size_t>(m) + 1]; ++k) {
          row[pay.line[k]] += pay.fen[k];
        }
      }
    };
    const std::size_t total = first[12];
    if (total < k_parallel_from * 8) {
      sum_months(0, 12);
    } else {
      int split = 1;  // the first month after which at least half the payments are summed
      while (split < 12 && first[static_cast<std::size_t>(split)] * 2 < total) ++split;
      parallel::both([&] { sum_months(split, 12); }, [&] { sum_months(0, split); });
    }
  }
  out.committed.assign(n_lines, 0);
  {
    const auto& c = ledger.commitments();
    std::vector<std::int64_t> balance(c.contract_line.size(), 0);
    for (std::size_t k = 0; k < c.contract.size() && c.day[k] <= day; ++k)
      balance[c.contract[k]] = c.fen[k];
    for (std::size_t k = 0; k < balance.size(); ++k)
      out.committed[c.contract_line[k]] += balance[k];
  }
  out.adjustments.assign(n_lines, 0);
  out.adjustment_count.assign(n_lines, 0);
  const auto& adj = ledger.adjustments();
  for (std::size_t k = 0; k < adj.line.size() && adj.day[k] <= day; ++k) {
    out.adjustments[adj.line[k]] += adj.fen[k];
    ++out.adjustment_count[adj.line[k]];
  }
  return out;
}

// Step 3: each selected line's figures, schedule and forecast (own history, else pooled similar
// lines, else the schedule), on both threads.
void line_statuses(const ledger::Ledger& ledger, const LineColumns& cols, const HistorySamples& hs,
                   const std::vector<LineId>& selected, const MonitorOptions& options,
                   double year_left, MonitorResult& r) {
  const auto& lines = ledger.lines();
  const Date as_of = options.as_of;
  const bool uniform_schedule =
      options.schedule.curves().empty() && options.schedule.plans().empty();
  const Rate linear = linear_share(ledger.fiscal_year(), as_of);
  resize_on_huge_pages(r.lines, selected.size());
  parallel_for(selected.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
    for (std::size_t k = begin; k < end; ++k) {
      const LineId i = selected[k];
      const auto& line = lines[i];
      LineStatus& s = r.lines[k];
      s.line = i;
      Figures& f = s.figures;
      f.totals.initial = line.initial_budget;
      f.totals.adjustments = Money::from_fen(cols.adjustments[i]);
      std::int64_t paid = 0;
      for (std::size_t m = 0; m < 12; ++m) {
        const std::int64_t v = cols.paid_in(m, i);
        f.by_month[m] = Money::from_fen(v);
        paid += v;
      }
      f.totals.executed = Money::from_fen(paid);
      f.adjustment_count = cols.adjustment_count[i];
      f.committed = Money::from_fen(cols.committed[i]);
      if (uniform_schedule) {
        f.schedule_share = linear;
      } else {
        auto e = options.schedule.expected(line, as_of);
        f.schedule_share = e.share;
        s.schedule_basis = e.basis;
      }
      const std::int64_t budget = f.totals.adjusted().fen();
      f.expected = Money::from_fen(mul_rate(budget, f.schedule_share));

      const RemainingShare* dist = nullptr;
      RemainingShare own;
      ForecastBasis basis = ForecastBasis::schedule;
      int samples = 0;
      if (const auto count = hs.line_sample_count[i]; count > 0) {
        own = RemainingShare::from_samples(
            std::span<const double>(&hs.line_sample[i * hs.max_samples], count), 0.05 * year_left);
        dist = &own;
        basis = ForecastBasis::history;
        samples = count;
      } else if (hs.pooled[k]) {
        dist = hs.pooled[k];
        basis = ForecastBasis::pooled;
        samples = static_cast<int>(dist->size());
      }
      if (!dist) {
        own = detail::schedule_share(paid, budget, f.schedule_share.to_double());
        dist = &own;
      }
      f.forecast =
          detail::forecast_from(paid, budget, *dist, basis, samples, options.cutoffs_percent);
    }
  });
}

// Step 4: units and the whole ledger, sums of their lines, each with its own forecast.
// Returns each line's position in r.lines (by line id; -1 when not selected).
std::vector<std::size_t> unit_statuses(const ledger::Ledger& ledger, const HistorySamples& hs,
                                       std::optional<UnitId> only, const MonitorOptions& options,
                                       double year_left, MonitorResult& r) {
  const auto& lines = ledger.lines();
  const auto& units = ledger.units();
  std::vector<UnitId> unit_ids;
  if (only) {
    unit_ids.push_back(*only);
  } else {
    for (UnitId u = 0; u < units.size(); ++u) unit_ids.push_back(u);
  }
  std::vector<std::size_t> line_pos(lines.size(), static_cast<std::size_t>(-1));
  for (std::size_t k = 0; k < r.lines.size(); ++k) line_pos[r.lines[k].line] = k;
  Figures& all = r.figures;
  for (UnitId u : unit_ids) {
    UnitStatus us;
    us.unit = u;
    Figures& f = us.figures;
    for (LineId i : ledger.unit_lines()[u]) {
      const Figures& lf = r.lines[line_pos[i]].figures;
      f.totals += lf.totals;
      f.expected += lf.expected;
      f.committed += lf.committed;
      f.adjustment_count += lf.adjustment_count;
      for (std::size_t m = 0; m < 12; ++m) f.by_month[m] += lf.by_month[m];
    }
    all.totals += f.totals;
    all.expected += f.expected;
    all.committed += f.committed;
    all.adjustment_count += f.adjustment_count;
    for (std::size_t m = 0; m < 12; ++m) all.by_month[m] += f.by_month[m];
    r.units.push_back(std::move(us));
  }
  auto aggregate_forecast = [&](Figures& f, const std::vector<double>* own_samples,
                                const RemainingShare* pool) {
    const std::int64_t budget = f.totals.adjusted().fen();
    const std::int64_t paid = f.totals.executed.fen();
    f.schedule_share = Rate(f.expected.fen(), budget);
    if (own_samples && !own_samples->empty()) {
      f.forecast = detail::forecast_from(
          paid, budget, RemainingShare::from_samples(*own_samples, 0.03 * year_left),
          ForecastBasis::history, static_cast<int>(own_samples->size()), options.cutoffs_percent);
    } else if (pool) {
      f.forecast = detail::forecast_from(paid, budget, *pool, ForecastBasis::pooled,
                                         static_cast<int>(pool->size()), options.cutoffs_percent);
    } else {
      f.forecast = detail::forecast_from(
          paid, budget, detail::schedule_share(paid, budget, f.schedule_share.to_double()),
          ForecastBasis::schedule, 0, options.cutoffs_percent);
    }
  };
  parallel_for(
      r.units.size(),
      [&](std::size_t b, std::size_t e, std::size_t) {
        std::vector<double> own;
        for (std::size_t k = b; k < e; ++k) {
          auto& us = r.units[k];
          const double* g = &hs.unit_sample[us.unit * hs.max_samples];
          own.assign(g, g + hs.unit_sample_count[us.unit]);
          aggregate_forecast(us.figures, &own, hs.unit_pool);
        }
      },
      k_parallel_from / 10);
  aggregate_forecast(all, &hs.total_samples, nullptr);

  return line_pos;
}

// Step 5: warnings, found per line on every thread, then per unit; put in order (largest money
// at risk first, then the worse level, ties in the order found) by sorting compact keys and
// moving each warning once into its place. Sets each unit's level and risk, and ranks units.
void find_warnings(const ledger::Ledger& ledger, const MonitorOptions& options,
                   const std::vector<std::size_t>& line_pos, MonitorResult& r) {
  const auto& lines = ledger.lines();
  const auto& units = ledger.units();
  const Thresholds& t = options.thresholds;
  const int year = ledger.fiscal_year();
  const Date as_of = options.as_of;
  const bool uniform_schedule =
      options.schedule.curves().empty() && options.schedule.plans().empty();
  {
    std::vector<std::vector<Warning>> found(parallel_parts(r.lines.size()) + 1);
    parallel_for(r.lines.size(), [&](std::size_t begin, std::size_t end, std::size_t part) {
      reserve_on_huge_pages(found[part],
                            end - begin);  // about one warning per line behind schedule
      for (std::size_t k = begin; k < end; ++k) {
        auto& ls = r.lines[k];
        const auto& line = lines[ls.line];
        Subject who{line.unit_code, line.code, line.name};
        figure_warnings(who, ls.figures, t, ls.schedule_basis, year, as_of, found[part]);
        adjustment_warnings(who, ls.figures, t, as_of, found[part]);
        overrun_warning(who, ls.figures, as_of, found[part]);
      }
    });
    auto& unit_found = found.back();
    for (auto& us : r.units) {
      const auto& unit = units[us.unit];
      Subject who{unit.code, "", unit.name};
      ScheduleBasis basis = uniform_schedule ? ScheduleBasis::linear : ScheduleBasis::unit_curve;
      figure_warnings(who, us.figures, t, basis, year, as_of, unit_found);
      Thresholds unit_t = t;
      unit_t.frequent_adjustments = 0;  // counted per line
      adjustment_warnings(who, us.figures, unit_t, as_of, unit_found);
      for (LineId i : ledger.unit_lines()[us.unit])
        us.figures.level = worse(us.figures.level, r.lines[line_pos[i]].figures.level);
      const std::int64_t dev = us.figures.totals.adjusted().fen() - us.figures.forecast.p50.fen();
      us.risk = Money::from_fen(dev < 0 ? -dev : dev);
    }
    struct Key {
      std::int64_t neg_at_risk;
      int neg_level;
      std::uint32_t part, index;
      bool operator<(const Key& o) const {
        return std::tie(neg_at_risk, neg_level, part, index) <
               std::tie(o.neg_at_risk, o.neg_level, o.part, o.index);
      }
    };
    std::vector<Key> keys;
    for (std::uint32_t p = 0; p < found.size(); ++p) {
      for (std::uint32_t k = 0; k < found[p].size(); ++k) {
        const Warning& w = found[p][k];
        keys.push_back({-w.at_risk.fen(), -static_cast<int>(w.level), p, k});
      }
    }
    std::sort(keys.begin(), keys.end());
    resize_on_huge_pages(r.warnings, keys.size());
    parallel_for(keys.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
      for (std::size_t k = begin; k < end; ++k)
        r.warnings[k] = std::move(found[keys[k].part][keys[k].index]);
    });
  }
  for (const auto& us : r.units) r.figures.level = worse(r.figures.level, us.figures.level);
  // Worse level first, then larger risk.
  sort_stable_by_key(r.units, [](const UnitStatus& u) {
    return std::pair(-static_cast<int>(u.figures.level), -u.risk.fen());
  });
}

// Step 6: projected unspent → 调剂 to an overrunning line of the same unit, else 调减;
// projected overrun → 超支预警. Never below what is paid plus what is committed.
void make_advice(const ledger::Ledger& ledger, const MonitorOptions& options, MonitorResult& r) {
  const auto& lines = ledger.lines();
  const auto& units = ledger.units();
  const Thresholds& t = options.thresholds;
  const int year = ledger.fiscal_year();
  const Date as_of = options.as_of;
  const Date deadline = deadline_for(as_of, year, t);
  // After the year's last adjustment day only overruns are flagged: nothing can be moved.
  const bool after_deadline =
      as_of > Date::from_ymd(year, t.adjustment_month,
                             std::min(t.adjustment_day, days_in_month(year, t.adjustment_month)));
  // Per unit, its line projected to overrun most (the target of a 调剂).
  std::vector<std::pair<std::int64_t, LineId>> worst_overrun(units.size(), {0, 0});
  for (const auto& ls : r.lines) {
    const auto& f = ls.figures;
    const std::int64_t budget = f.totals.adjusted().fen();
    if (f.forecast.basis != ForecastBasis::closed && f.forecast.p50.fen() > budget && budget >= 0) {
      auto& w = worst_overrun[ledger.line_unit()[ls.line]];
      w = std::max(w, {f.forecast.p50.fen() - budget, ls.line});
    }
  }
  // Which lines get advice, and how much: decided on compact records, sorted by amount
  // (largest first, ties in line order), then written out once in that order.
  struct Decision {
    std::int64_t amount;
    std::uint32_t pos;  // in r.lines
    AdviceKind kind;
  };
  std::vector<Decision> decisions;
  for (std::uint32_t pos = 0; pos < r.lines.size(); ++pos) {
    const auto& f = r.lines[pos].figures;
    const std::int64_t budget = f.totals.adjusted().fen();
    const std::int64_t paid = f.totals.executed.fen();
    if (f.forecast.basis != ForecastBasis::closed && f.forecast.p50.fen() > budget && budget >= 0) {
      decisions.push_back(
          {(f.forecast.p50.fen() - budget + 9999) / 10000 * 10000, pos, AdviceKind::overrun});
      continue;
    }
    if (budget <= 0 || after_deadline) continue;
    const std::int64_t keep = std::max(f.forecast.p90.fen(), paid + f.committed.fen());
    const std::int64_t amount = (budget - keep) / 10000 * 10000;  // whole 百元, rounded down
    if (amount <= 0 || amount < t.advice_minimum.fen() ||
        static_cast<__int128>(amount) * 100 <
            static_cast<__int128>(t.advice_minimum_percent) * budget) {
      continue;
    }
    decisions.push_back({amount, pos, AdviceKind::reduce});
  }
  std::sort(decisions.begin(), decisions.end(), [](const Decision& a, const Decision& b) {
    return a.amount != b.amount ? a.amount > b.amount : a.pos < b.pos;
  });
  resize_on_huge_pages(r.advice, decisions.size());
  parallel_for(
      decisions.size(),
      [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t k = begin; k < end; ++k) {
          const Decision& d = decisions[k];
          const auto& ls = r.lines[d.pos];
          const auto& f = ls.figures;
          const std::int64_t budget = f.totals.adjusted().fen();
          const auto& line = lines[ls.line];
          Advice& a = r.advice[k];
          a.kind = d.kind;
          a.unit_code = line.unit_code;
          a.line_code = line.code;
          a.name = line.name;
          a.amount = Money::from_fen(d.amount);
          a.paid = f.totals.executed;
          a.committed = f.committed;
          a.budget = Money::from_fen(budget);
          a.budget_after =
              d.kind == AdviceKind::overrun ? a.budget : Money::from_fen(budget - d.amount);
          a.deadline = deadline;
          a.as_of = as_of;
          a.schedule_share = f.schedule_share;
          a.schedule_basis = ls.schedule_basis;
          a.forecast = f.forecast;
          if (d.kind != AdviceKind::overrun) {
            const auto& w = worst_overrun[ledger.line_unit()[ls.line]];
            if (w.first > 0) {
              a.kind = AdviceKind::transfer;
              a.to_line_code = lines[w.second].code;
            }
          }
        }
      },
      k_parallel_from / 4);
}

}  // namespace

std::string_view to_string(Level level) {
  switch (level) {
    case Level::none:
      return "none";
    case Level::yellow:
      return "yellow";
    case Level::red:
      return "red";
  }
  return "none";
}
std::string_view chinese_name(Level level) {
  switch (level) {
    case Level::none:
      return "正常";
    case Level::yellow:
      return "黄色";
    case Level::red:
      return "红色";
  }
  return "正常";
}
std::string_view to_string(WarningKind kind) {
  switch (kind) {
    case WarningKind::behind_schedule:
      return "behind_schedule";
    case WarningKind::below_floor:
      return "below_floor";
    case WarningKind::over_budget:
      return "over_budget";
    case WarningKind::no_payment:
      return "no_payment";
    case WarningKind::frequent_adjustments:
      return "frequent_adjustments";
    case WarningKind::large_adjustments:
      return "large_adjustments";
    case WarningKind::projected_overrun:
      return "projected_overrun";
  }
  return "";
}
std::string_view chinese_name(WarningKind kind) {
  switch (kind) {
    case WarningKind::behind_schedule:
      return "进度落后";
    case WarningKind::below_floor:
      return "低于进度底线";
    case WarningKind::over_budget:
      return "超预算支出";
    case WarningKind::no_payment:
      return "长期未支付";
    case WarningKind::frequent_adjustments:
      return "调整频繁";
    case WarningKind::large_adjustments:
      return "调整幅度大";
    case WarningKind::projected_overrun:
      return "预计超支";
  }
  return "";
}
std::string_view to_string(ForecastBasis basis) {
  switch (basis) {
    case ForecastBasis::history:
      return "history";
    case ForecastBasis::pooled:
      return "pooled";
    case ForecastBasis::schedule:
      return "schedule";
    case ForecastBasis::closed:
      return "closed";
  }
  return "";
}
std::string_view chinese_name(ForecastBasis basis) {
  switch (basis) {
    case ForecastBasis::history:
      return "往年同一项目（单位）支出曲线";
    case ForecastBasis::pooled:
      return "往年同类项目支出曲线";
    case ForecastBasis::schedule:
      return "序时进度与当前支出节奏";
    case ForecastBasis::closed:
      return "预算已支付完毕";
  }
  return "";
}
std::string_view chinese_name(AdviceKind kind) {
  switch (kind) {
    case AdviceKind::reduce:
      return "调减";
    case AdviceKind::transfer:
      return "调剂";
    case AdviceKind::overrun:
      return "超支预警";
  }
  return "";
}

std::string describe(const Warning& w) {
  const std::int64_t paid = w.paid.fen(), budget = w.budget.fen();
  const std::string rate = Rate::of(w.paid, w.budget).percent_text(1);
  switch (w.kind) {
    case WarningKind::behind_schedule: {
      Gap g = gap_of(w.schedule_share, paid, budget);
      return "截至" + w.as_of.to_string() + "已支付" + wan(paid) + "，执行率" + rate + "，" +
             std::string(chinese_name(w.basis)) + w.schedule_share.percent_text(1) + "，落后" +
             points_text(g.num, g.den) + "个百分点（" + std::string(chinese_name(w.level)) +
             "阈值" + std::to_string(w.threshold) + "个百分点），应支付" + wan(w.amount) + "，差" +
             wan(w.amount.fen() - paid);
    }
    case WarningKind::below_floor:
      return "截至" + w.as_of.to_string() + "执行率" + rate + "，低于" +
             md_text(w.floor_month, w.floor_day) + "前须达到的" + std::to_string(w.threshold) +
             "%进度底线，差" + wan(w.amount.fen() - paid);
    case WarningKind::over_budget:
      return "已支付" + wan(paid) + "，超过调整后预算" + wan(budget) + "，超支" +
             wan(paid - budget);
    case WarningKind::no_payment:
      return "预算" + wan(budget) + "，已过" + std::to_string(w.count) + "个月仍无支付（阈值" +
             std::to_string(w.threshold) + "个月）";
    case WarningKind::frequent_adjustments:
      return "年内调整" + std::to_string(w.count) + "次（阈值" + std::to_string(w.threshold) +
             "次），调整合计" + wan(w.amount);
    case WarningKind::large_adjustments: {
      if (w.initial.fen() <= 0) return "年初未安排预算，年内调整" + wan(w.amount);
      const std::int64_t abs_adj = w.amount.fen() < 0 ? -w.amount.fen() : w.amount.fen();
      return "调整合计" + wan(w.amount) + "，调整率" +
             Rate(abs_adj, w.initial.fen()).percent_text(1) + "（年初预算" + wan(w.initial) +
             "，阈值" + std::to_string(w.threshold) + "%）";
    }
    case WarningKind::projected_overrun:
      return "预计年末支付" + wan(w.amount) + "（P10–P90：" + format_wan(w.low) + "–" +
             format_wan(w.high) + "万元），超过调整后预算" + wan(budget) + "约" +
             wan(w.amount.fen() - budget);
  }
  return "";
}

std::string describe(const Advice& a, const std::vector<std::int64_t>& cutoffs_percent) {
  const auto& f = a.forecast;
  const std::int64_t budget = a.budget.fen(), paid = a.paid.fen(), committed = a.committed.fen();
  const std::string status = "截至" + a.as_of.to_string() + "已支付" + wan(paid) + "（执行率" +
                             Rate::of(a.paid, a.budget).percent_text(1) + "，" +
                             std::string(chinese_name(a.schedule_basis)) +
                             a.schedule_share.percent_text(1) + "）" +
                             (committed > 0 ? "，已签合同未付" + wan(committed) : "");
  if (a.kind == AdviceKind::overrun) {
    return status + "；" + forecast_text(f) + "，超过调整后预算" + wan(f.p50.fen() - budget) +
           "，须控制支出或申请追加";
  }
  const std::int64_t keep = std::max(f.p90.fen(), paid + committed);
  std::string prob;
  for (std::size_t c = 0; c < cutoffs_percent.size() && c < f.probability_below.size(); ++c) {
    prob += (c ? "、" : "") + std::string("低于") + std::to_string(cutoffs_percent[c]) + "%的概率" +
            probability_text(f.probability_below[c]);
  }
  return status + "；" + forecast_text(f) + "，年末执行率" + prob + "；按P90估计仍将结余" +
         wan(budget - keep) + "。建议" + std::string(chinese_name(a.kind)) + wan(a.amount) +
         (a.kind == AdviceKind::transfer ? "至" + a.to_line_code : "") + "，调整后预算" +
         wan(a.budget_after) +
         (committed > 0 ? "，不低于已支付与合同未付之和" : "，不低于已支付数");
}

std::uint64_t line_key(std::string_view unit_code, std::string_view line_code) {
  std::uint64_t h = 14695981039346656037ull;
  // FNV-1a over the bytes: each char's bit pattern, read as an octet.
  auto feed = [&](std::string_view s) {
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  };
  feed(unit_code);
  h = (h ^ 0x1f) * 1099511628211ull;
  feed(line_code);
  return h;
}

History History::from_ledgers(const std::vector<const ledger::Ledger*>& ledgers) {
  History h;
  for (const ledger::Ledger* l : ledgers) {
    HistoryYear y;
    y.fiscal_year = l->fiscal_year();
    const auto& lines = l->lines();
    y.lines.resize(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      auto& out = y.lines[i];
      out.unit_code = lines[i].unit_code;
      out.code = lines[i].code;
      out.kind = lines[i].kind;
      out.function_code = lines[i].function_code;
      out.budget_fen = lines[i].initial_budget.fen();
      out.first_of_unit = i == 0 || lines[i].unit_code != lines[i - 1].unit_code;
      out.key = line_key(out.unit_code, out.code);
      const auto keys = pool_keys(out.kind, out.function_code);
      for (std::size_t k = 0; k < keys.size() && k < out.pools.size(); ++k) {
        auto [it, fresh] =
            h.pool_index.try_emplace(keys[k], static_cast<std::int32_t>(h.pool_index.size()));
        out.pools[k] = it->second;
      }
    }
    const auto& adj = l->adjustments();
    for (std::size_t k = 0; k < adj.line.size(); ++k) y.lines[adj.line[k]].budget_fen += adj.fen[k];
    const auto month_of = month_index_by_day(y.fiscal_year);
    const auto& pay = l->payments();
    for (std::size_t k = 0; k < pay.line.size(); ++k) {
      y.lines[pay.line[k]].paid_fen[month_of[pay.day[k]]] += pay.fen[k];
    }
    h.years.push_back(std::move(y));
  }
  return h;
}

Result<MonitorResult> run_monitor(const ledger::Ledger& ledger, const History& history,
                                  const MonitorOptions& options) {
  const int year = ledger.fiscal_year();
  if (ledger.lines().empty())
    return fail(Error::not_found(std::to_string(year) + "年没有预算数据"));
  const Date as_of = options.as_of;
  if (as_of.year() != year) {
    return fail(Error::invalid_input(
        "--as-of: 日期须在" + std::to_string(year) + "年内: " + as_of.to_string(),
        {.field = "as_of"}));
  }
  if (options.cutoffs_percent.size() > k_max_cutoffs) {
    return fail(Error::invalid_input(
        "最多" + std::to_string(k_max_cutoffs) + "个概率阈值（cutoffs_percent）",
        {.field = "cutoffs_percent"}));
  }
  auto filter = ledger.unit_filter(options.unit_code);
  if (!filter) return fail(std::move(filter.error()));
  const std::optional<UnitId> only = *filter;
  const auto& lines = ledger.lines();
  std::vector<LineId> selected;
  if (only) {
    selected = ledger.unit_lines()[*only];
  } else {
    selected.resize(lines.size());
    for (LineId i = 0; i < lines.size(); ++i) selected[i] = i;
  }
  const int day = ledger.day_of(as_of);
  // Share of the year still to come: the kernels narrow to nothing at the year's end.
  const double year_left = std::sqrt(1.0 - static_cast<double>(day) / days_in_year(year));

  // 2. What the earlier years say: for a big ledger on its own thread, beside step 1.
  HistorySamples hs;
  // 1. One pass over each column: paid per month and line, adjustments, commitments.
  LineColumns cols;
  parallel::both([&] { hs = gather_history(ledger, history, as_of, selected, year_left); },
                 [&] { cols = sum_columns(ledger, day); }, lines.size() >= k_parallel_from);

  MonitorResult r;
  r.fiscal_year = year;
  r.as_of = as_of;
  r.history_years = hs.years;
  line_statuses(ledger, cols, hs, selected, options, year_left, r);  // 3
  const std::vector<std::size_t> line_pos =
      unit_statuses(ledger, hs, only, options, year_left, r);  // 4
  find_warnings(ledger, options, line_pos, r);                 // 5
  make_advice(ledger, options, r);                             // 6

  // 7. The texts, unless they are to be written when shown.
  if (options.texts == Texts::eager) {
    parallel_for(r.warnings.size(), [&](std::size_t b, std::size_t e, std::size_t) {
      for (std::size_t k = b; k < e; ++k) r.warnings[k].reason = describe(r.warnings[k]);
    });
    parallel_for(r.advice.size(), [&](std::size_t b, std::size_t e, std::size_t) {
      for (std::size_t k = b; k < e; ++k)
        r.advice[k].evidence = describe(r.advice[k], options.cutoffs_percent);
    });
  }
  return r;
}

}  // namespace jixiao::monitor
