// monitor/forecast.hpp — internal to monitor/: the distribution of the share of the remaining
// budget that gets spent by year end, and the forecast built on it (docs/monitoring.md).
#pragma once

#include <span>
#include <vector>

#include "monitor/monitor.hpp"

namespace jixiao::monitor::detail {

// g: the share of the budget left unpaid at the as-of day that is paid by the year's end.
// A smoothed (Gaussian-kernel) distribution of g from samples, or a single normal.
class RemainingShare {
 public:
  // Samples are clamped to [0, k_max_g]. Bandwidth: Silverman's rule, at least `min_bandwidth`.
  static RemainingShare from_samples(std::span<const double> samples, double min_bandwidth);
  static RemainingShare normal(double mean, double sd);

  bool empty() const { return m_samples.empty() && !m_normal; }
  std::size_t size() const { return m_normal ? 1 : m_samples.size(); }
  double cdf(double g) const;
  double quantile(double p) const;  // clamped to [0, k_max_g]

  static constexpr double k_max_g = 1.5;

 private:
  double direct_cdf(double g) const;
  std::vector<double> m_samples;  // the kernels' centres; empty for a normal
  bool m_normal = false;          // a single normal N(m_mean, m_h²), held without a heap vector
  double m_mean = 0;
  double m_h = 0.05;
  // For many samples: the CDF on a grid, interpolated.
  std::vector<double> m_grid_cdf;
  double m_lo = 0, m_step = 0;
  double m_q10 = 0, m_q50 = 0, m_q90 = 0;
  bool m_cached = false;
};

// The forecast of a line, unit or ledger with `paid` of `budget` paid, given the distribution of g.
Forecast forecast_from(std::int64_t paid_fen, std::int64_t budget_fen, const RemainingShare& g,
                       ForecastBasis basis, int samples,
                       const std::vector<std::int64_t>& cutoffs_percent);

// g of one earlier curve at `day` of its year: (paid by year end − paid by day) / (budget − paid by
// day). nullopt when nothing was left to pay (budget − paid ≤ 1% of budget) or the budget is not
// positive.
std::optional<double> remaining_share(std::int64_t budget_fen,
                                      const std::array<std::int64_t, 12>& paid_fen, int fiscal_year,
                                      int month, int day);

// The schedule fallback: g = s·g_pace + (1 − s)·0.9, where s is the schedule share and g_pace
// continues the pace so far; spread (P10/P90) 0.35·√(1 − s) in g.
RemainingShare schedule_share(std::int64_t paid_fen, std::int64_t budget_fen,
                              double schedule_share);

}  // namespace jixiao::monitor::detail
