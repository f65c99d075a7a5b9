// monitor/forecast.cpp — year-end forecast with a P10–P90 band (docs/monitoring.md).
#include "monitor/forecast.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

namespace jixiao::monitor::detail {
namespace {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Φ tabulated on [-k_table_reach, k_table_reach] and interpolated linearly: the pooled
// distributions add one kernel per earlier curve at every grid point it reaches (30,000
// curves × ~35 points), and the table is ~10× cheaper than erfc there. Its error (< 5e-7)
// is far below anything the forecast shows.
class NormalCdfTable {
 public:
  NormalCdfTable() {
    for (int i = 0; i < k_size; ++i)
      m_values[static_cast<std::size_t>(i)] = normal_cdf(-k_reach + i / k_per_unit);
  }
  double operator()(double z) const {
    const double x = (z + k_reach) * k_per_unit;
    if (x <= 0) return 0.0;
    if (x >= k_size - 1) return 1.0;
    const auto i = static_cast<std::size_t>(x);
    const double t = x - static_cast<double>(i);
    return m_values[i] + (m_values[i + 1] - m_values[i]) * t;
  }

 private:
  static constexpr double k_reach = 6.0;
  static constexpr double k_per_unit = 256.0;
  static constexpr int k_size = static_cast<int>(2 * k_reach * k_per_unit) + 1;
  std::array<double, static_cast<std::size_t>(k_size)> m_values{};
};
const NormalCdfTable& fast_normal_cdf() {
  static const NormalCdfTable table;
  return table;
}

constexpr std::size_t k_grid_from = 64;  // more samples than this: tabulate the CDF
constexpr int k_grid_points = 512;
constexpr std::size_t k_normal_up_to = 7;  // this many samples or fewer: a normal

// n^(-1/5) of Silverman's rule; computed once for the few-sample sizes every line has.
double silverman_factor(std::size_t n) {
  static const std::array<double, k_normal_up_to + 1> k_small = [] {
    std::array<double, k_normal_up_to + 1> t{};
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = std::pow(static_cast<double>(i), -0.2);
    return t;
  }();
  return n < k_small.size() ? k_small[n] : std::pow(static_cast<double>(n), -0.2);
}

}  // namespace

RemainingShare RemainingShare::from_samples(std::span<const double> given, double min_bandwidth) {
  RemainingShare r;
  // Few samples (a line's own earlier years, 100,000 lines of them) are sorted on the stack.
  std::array<double, k_normal_up_to> few{};
  std::span<double> samples;
  if (given.size() <= k_normal_up_to) {
    samples = std::span<double>(few.data(), given.size());
  } else {
    r.m_samples.resize(given.size());
    samples = r.m_samples;
  }
  for (std::size_t k = 0; k < given.size(); ++k) samples[k] = std::clamp(given[k], 0.0, k_max_g);
  if (samples.size() <= k_normal_up_to) {
    for (std::size_t k = 1; k < samples.size(); ++k) {  // insertion sort: a handful of values
      for (std::size_t j = k; j > 0 && samples[j] < samples[j - 1]; --j)
        std::swap(samples[j], samples[j - 1]);
    }
  } else {
    std::sort(samples.begin(), samples.end());
  }
  const auto n = static_cast<double>(samples.size());
  double mean = 0, var = 0;
  if (!samples.empty()) {
    for (double g : samples) mean += g;
    mean /= n;
    for (double g : samples) var += (g - mean) * (g - mean);
  }
  double h = min_bandwidth;
  if (samples.size() > 1)
    h = std::max(min_bandwidth, 1.06 * std::sqrt(var / (n - 1)) * silverman_factor(samples.size()));
  h = std::max(h, 1e-9);
  if (samples.size() <= k_normal_up_to) {
    if (samples.empty()) return r;
    // A normal with the kernel mixture's mean and variance (sample variance + h²), whose
    // quantiles and CDF are closed-form.
    return normal(mean, std::sqrt((samples.size() > 1 ? var / (n - 1) : 0.0) + h * h));
  }
  r.m_h = h;
  if (r.m_samples.size() > k_grid_from) {
    r.m_lo = r.m_samples.front() - 5 * h;
    const double hi = r.m_samples.back() + 5 * h;
    r.m_step = (hi - r.m_lo) / (k_grid_points - 1);
    r.m_grid_cdf.resize(k_grid_points);
    // One sweep: each sample adds its kernel's CDF to the grid points near it.
    std::vector<double> acc(k_grid_points, 0.0);
    const NormalCdfTable& phi = fast_normal_cdf();
    for (double g : r.m_samples) {
      const int first = std::max(0, static_cast<int>(std::floor((g - 5 * h - r.m_lo) / r.m_step)));
      const int last =
          std::min(k_grid_points - 1, static_cast<int>(std::ceil((g + 5 * h - r.m_lo) / r.m_step)));
      for (int i = first; i <= last; ++i)
        acc[static_cast<std::size_t>(i)] += phi((r.m_lo + i * r.m_step - g) / h);
      // Beyond `last` the kernel's CDF is 1: add it as a step, summed below.
      if (last + 1 < k_grid_points) r.m_grid_cdf[static_cast<std::size_t>(last + 1)] += 1.0;
    }
    double ones = 0;
    for (std::size_t i = 0; i < acc.size(); ++i) {
      ones += r.m_grid_cdf[i];
      r.m_grid_cdf[i] = (acc[i] + ones) / n;
    }
  }
  r.m_q10 = r.quantile(0.1);
  r.m_q50 = r.quantile(0.5);
  r.m_q90 = r.quantile(0.9);
  r.m_cached = true;
  return r;
}

RemainingShare RemainingShare::normal(double mean, double sd) {
  RemainingShare r;
  r.m_normal = true;
  r.m_mean = mean;
  r.m_h = std::max(sd, 1e-9);
  constexpr double k_z90 = 1.2815515655446004;  // Φ⁻¹(0.9)
  r.m_q10 = std::clamp(mean - k_z90 * r.m_h, 0.0, k_max_g);
  r.m_q50 = std::clamp(mean, 0.0, k_max_g);
  r.m_q90 = std::clamp(mean + k_z90 * r.m_h, 0.0, k_max_g);
  r.m_cached = true;
  return r;
}

double RemainingShare::direct_cdf(double g) const {
  if (m_normal) return normal_cdf((g - m_mean) / m_h);
  double sum = 0;
  for (double s : m_samples) sum += normal_cdf((g - s) / m_h);
  return sum / static_cast<double>(m_samples.size());
}

double RemainingShare::cdf(double g) const {
  if (empty()) return 0;
  if (m_grid_cdf.empty()) return direct_cdf(g);
  const double x = (g - m_lo) / m_step;
  if (x <= 0) return 0.0;  // below every kernel's reach
  if (x >= k_grid_points - 1) return 1.0;
  const auto i = static_cast<std::size_t>(x);
  const double t = x - static_cast<double>(i);
  return m_grid_cdf[i] * (1 - t) + m_grid_cdf[i + 1] * t;
}

double RemainingShare::quantile(double p) const {
  if (m_cached) {
    if (p == 0.1) return m_q10;
    if (p == 0.5) return m_q50;
    if (p == 0.9) return m_q90;
  }
  const double first = m_normal ? m_mean : m_samples.front(),
               last = m_normal ? m_mean : m_samples.back();
  double lo = first - 6 * m_h, hi = last + 6 * m_h;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return std::clamp((lo + hi) / 2, 0.0, k_max_g);
}

Forecast forecast_from(std::int64_t paid_fen, std::int64_t budget_fen, const RemainingShare& g,
                       ForecastBasis basis, int samples,
                       const std::vector<std::int64_t>& cutoffs_percent) {
  Forecast f;
  f.basis = basis;
  f.samples = samples;
  const std::int64_t remaining = budget_fen - paid_fen;
  if (remaining <= 0 || g.empty()) {
    // Nothing left to spend (or nothing known): the year ends where it stands.
    f.p10 = f.p50 = f.p90 = Money::from_fen(paid_fen);
    if (remaining <= 0) f.basis = ForecastBasis::closed;
    for (std::int64_t c : cutoffs_percent) {
      // exact: paid/budget < c/100
      const bool below = budget_fen > 0 && static_cast<__int128>(paid_fen) * 100 <
                                               static_cast<__int128>(c) * budget_fen;
      f.probability_below.push_back(below ? 1.0 : 0.0);
    }
    return f;
  }
  auto at = [&](double q) {
    return Money::from_fen(
        paid_fen + static_cast<std::int64_t>(std::llround(q * static_cast<double>(remaining))));
  };
  f.p10 = at(g.quantile(0.1));
  f.p50 = at(g.quantile(0.5));
  f.p90 = at(g.quantile(0.9));
  for (std::int64_t c : cutoffs_percent) {
    const double target = static_cast<double>(c) / 100.0 * static_cast<double>(budget_fen);
    const double x = (target - static_cast<double>(paid_fen)) / static_cast<double>(remaining);
    f.probability_below.push_back(x <= 0 ? 0.0 : (x > RemainingShare::k_max_g ? 1.0 : g.cdf(x)));
  }
  return f;
}

std::optional<double> remaining_share(std::int64_t budget_fen,
                                      const std::array<std::int64_t, 12>& paid_fen, int fiscal_year,
                                      int month, int day) {
  if (budget_fen <= 0) return std::nullopt;
  double by_day = 0;
  std::int64_t total = 0;
  for (int m = 1; m <= 12; ++m) {
    const auto v = paid_fen[static_cast<std::size_t>(m - 1)];
    total += v;
    if (m < month) {
      by_day += static_cast<double>(v);
    } else if (m == month) {
      const int k = days_in_month(fiscal_year, m);
      by_day += static_cast<double>(v) * std::min(day, k) / k;
    }
  }
  const double left = static_cast<double>(budget_fen) - by_day;
  if (left <= 0.01 * static_cast<double>(budget_fen)) return std::nullopt;
  return (static_cast<double>(total) - by_day) / left;
}

RemainingShare schedule_share(std::int64_t paid_fen, std::int64_t budget_fen, double share) {
  // Two views of the rest of the year, weighted by how much of it has passed: the pace so
  // far continues (g_pace), or the budget is mostly spent as budgets usually are, year-end
  // surge included (k_prior_g). Early in the year the prior dominates; late, the pace.
  constexpr double k_prior_g = 0.9;
  double g = k_prior_g;
  const double paid = static_cast<double>(paid_fen), budget = static_cast<double>(budget_fen);
  if (share > 0.02 && budget > paid) {
    const double pace = std::clamp(paid * (1 - share) / (share * (budget - paid)), 0.0, 1.0);
    const double w = std::clamp(share, 0.0, 1.0);
    g = w * pace + (1 - w) * k_prior_g;
  }
  const double spread = 0.35 * std::sqrt(std::max(0.0, 1 - share));
  return RemainingShare::normal(g, std::max(spread, 1e-6) / 1.2815515655446004);
}

}  // namespace jixiao::monitor::detail
