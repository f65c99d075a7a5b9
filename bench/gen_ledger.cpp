// bench/gen_ledger.cpp — writes a city-size budget ledger as import-format CSV files.
//
//   gen_ledger DIR [--units 10000] [--lines-per-unit 10] [--payments 10000000] [--year 2024]
//   [--history 3] [--seed 1]
//
// For each year Y-history … Y: budget_Y.csv (one line per unit × line), adjustments_Y.csv and
// payments_Y.csv (sorted by date). Each line keeps a spending "style" from year to year (how
// late in the year it spends, how much of its budget), so earlier years say something about the
// current one, as in real ledgers. Amounts are exact 分, written in 元 with two decimals.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

struct Options {
  std::string dir;
  int units = 10000;
  int lines_per_unit = 10;
  long long payments = 10000000;
  int year = 2024;
  int history = 3;
  unsigned seed = 1;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_days(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

// A fast buffered writer with its own number formatting.
class Out {
 public:
  explicit Out(const std::string& path) : m_f(std::fopen(path.c_str(), "wb")) {
    if (!m_f) {
      std::perror(path.c_str());
      std::exit(1);
    }
    m_buf.reserve(1 << 22);
  }
  ~Out() {
    flush();
    std::fclose(m_f);
  }
  Out& s(const char* t) {
    m_buf.append(t);
    return *this;
  }
  Out& s(const std::string& t) {
    m_buf.append(t);
    return *this;
  }
  Out& c(char ch) {
    m_buf.push_back(ch);
    if (m_buf.size() > (1 << 22) - 256) flush();
    return *this;
  }
  Out& i(long long v) {
    char tmp[24];
    int n = 0;
    bool neg = v < 0;
    unsigned long long u =
        neg ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    do {
      tmp[n++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u);
    if (neg) m_buf.push_back('-');
    while (n) m_buf.push_back(tmp[--n]);
    return *this;
  }
  Out& pad(long long v, int width) {
    char tmp[24];
    std::snprintf(tmp, sizeof tmp, "%0*lld", width, v);
    m_buf.append(tmp);
    return *this;
  }
  Out& yuan(long long fen) {
    if (fen < 0) {
      m_buf.push_back('-');
      fen = -fen;
    }
    i(fen / 100).c('.');
    m_buf.push_back(static_cast<char>('0' + fen / 10 % 10));
    m_buf.push_back(static_cast<char>('0' + fen % 10));
    return *this;
  }
  Out& date(int y, int m, int d) {
    i(y).c('-');
    m_buf.push_back(static_cast<char>('0' + m / 10));
    m_buf.push_back(static_cast<char>('0' + m % 10));
    m_buf.push_back('-');
    m_buf.push_back(static_cast<char>('0' + d / 10));
    m_buf.push_back(static_cast<char>('0' + d % 10));
    return *this;
  }
  void flush() {
    std::fwrite(m_buf.data(), 1, m_buf.size(), m_f);
    m_buf.clear();
  }

 private:
  std::FILE* m_f;
  std::string m_buf;
};

const char* k_functions[] = {"2010101", "2010104", "2010107", "2080505",
                             "2050201", "2130101", "2120101", "2240101"};
const char* k_econ_basic[] = {"30101", "30102", "30108", "30113", "30201", "30211"};
const char* k_econ_project[] = {"30215", "30216", "30227", "31002", "30226", "30299"};

struct Line {
  int unit;
  int index;  // 1-based within the unit
  bool project;
  int function;     // index into k_functions
  int econ;         // index into the kind's econ list
  double lateness;  // 0 = flat through the year, 1 = strongly back-loaded
  double spend;     // typical share of the budget spent
  double scale;     // budget size in 元
};

std::string unit_code(int u) {
  char b[16];
  std::snprintf(b, sizeof b, "U%05d", u + 1);
  return b;
}
std::string line_code(int l) {
  char b[8];
  std::snprintf(b, sizeof b, "L%02d", l);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: gen_ledger DIR [--units N] [--lines-per-unit N] [--payments N] [--year Y] "
                 "[--history N] [--seed S]\n");
    return 2;
  }
  o.dir = argv[1];
  for (int a = 2; a + 1 < argc; a += 2) {
    std::string k = argv[a];
    long long v = std::atoll(argv[a + 1]);
    if (k == "--units")
      o.units = static_cast<int>(v);
    else if (k == "--lines-per-unit")
      o.lines_per_unit = static_cast<int>(v);
    else if (k == "--payments")
      o.payments = v;
    else if (k == "--year")
      o.year = static_cast<int>(v);
    else if (k == "--history")
      o.history = static_cast<int>(v);
    else if (k == "--seed")
      o.seed = static_cast<unsigned>(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  std::vector<Line> lines;
  std::vector<std::string> ucode(static_cast<std::size_t>(o.units));
  for (int u = 0; u < o.units; ++u) {
    ucode[static_cast<std::size_t>(u)] = unit_code(u);
    for (int l = 1; l <= o.lines_per_unit; ++l) {
      Line x;
      x.unit = u;
      x.index = l;
      x.project = l > 4;
      x.function = static_cast<int>(rng() % 8);
      x.econ = static_cast<int>(rng() % 6);
      x.lateness = x.project ? uni(rng) : 0.15 * uni(rng);
      x.spend = x.project ? 0.55 + 0.45 * uni(rng) : 0.93 + 0.07 * uni(rng);
      x.scale = std::exp(std::log(100000.0) + uni(rng) * std::log(50.0));  // 10万 – 500万 元
      lines.push_back(x);
    }
  }
  const std::size_t n_lines = lines.size();
  const long long per_line = std::max<long long>(1, o.payments / static_cast<long long>(n_lines));

  for (int y = o.year - o.history; y <= o.year; ++y) {
    const int ndays = leap(y) ? 366 : 365;
    std::vector<long long> budget(n_lines);
    {
      Out b(o.dir + "/budget_" + std::to_string(y) + ".csv");
      b.s("unit_code,unit_name,fiscal_year,line_code,line_name,kind,function_code,economic_code,"
          "fund_source,initial_budget\n");
      for (std::size_t i = 0; i < n_lines; ++i) {
        const Line& x = lines[i];
        // Budgets drift a little from year to year; whole 百元.
        budget[i] = static_cast<long long>(x.scale * (0.9 + 0.2 * uni(rng))) * 100 / 10000 * 10000;
        b.s(ucode[static_cast<std::size_t>(x.unit)])
            .c(',')
            .s("单位")
            .i(x.unit + 1)
            .c(',')
            .i(y)
            .c(',')
            .s(line_code(x.index))
            .c(',');
        b.s(x.project ? "项目" : "基本经费")
            .i(x.index)
            .c(',')
            .s(x.project ? "project" : "basic")
            .c(',');
        b.s(k_functions[x.function])
            .c(',')
            .s(x.project ? k_econ_project[x.econ] : k_econ_basic[x.econ])
            .c(',');
        b.s("一般公共预算,").yuan(budget[i]).c('\n');
      }
    }
    // Adjustments: one in ten lines, a few lines three times.
    std::vector<long long> adjusted = budget;
    {
      Out a(o.dir + "/adjustments_" + std::to_string(y) + ".csv");
      a.s("unit_code,fiscal_year,line_code,date,amount,document_number,reason\n");
      int doc = 0;
      for (std::size_t i = 0; i < n_lines; ++i) {
        const double r = uni(rng);
        const int times = r < 0.01 ? 3 : r < 0.10 ? 1 : 0;
        for (int k = 0; k < times; ++k) {
          long long amt =
              static_cast<long long>((uni(rng) * 0.3 - 0.15) * static_cast<double>(budget[i])) /
              100 * 100;
          if (adjusted[i] + amt < 0) amt = -adjusted[i] / 2;
          adjusted[i] += amt;
          const int m = 3 + static_cast<int>(rng() % 9);
          const int d = 1 + static_cast<int>(rng() % static_cast<unsigned>(month_days(y, m)));
          a.s(ucode[static_cast<std::size_t>(lines[i].unit)])
              .c(',')
              .i(y)
              .c(',')
              .s(line_code(lines[i].index))
              .c(',')
              .date(y, m, d)
              .c(',');
          a.yuan(amt).s(",财预〔").i(y).s("〕").i(++doc).s("号,预算调整\n");
        }
      }
    }
    // Payments: each line spends about spend × adjusted budget, in payments spread by its lateness.
    struct Pay {
      std::uint32_t line;
      long long fen;
    };
    std::vector<std::vector<Pay>> by_day(static_cast<std::size_t>(ndays));
    std::vector<double> cdf(static_cast<std::size_t>(ndays));
    for (std::size_t i = 0; i < n_lines; ++i) {
      const Line& x = lines[i];
      const double spend = std::clamp(x.spend + 0.08 * (uni(rng) - 0.5), 0.2, 1.08);
      const double late = std::clamp(x.lateness + 0.15 * (uni(rng) - 0.5), 0.0, 1.0);
      const long long total = static_cast<long long>(spend * static_cast<double>(adjusted[i]));
      const long long n =
          std::max<long long>(1, per_line + static_cast<long long>(rng() % 21) - 10);
      // Day density ∝ 1 + 6·late·(t^4), t = day/ndays: back-loaded when late.
      double acc = 0;
      for (int d = 0; d < ndays; ++d) {
        const double t = (d + 0.5) / ndays;
        acc += 1 + 6 * late * t * t * t * t;
        cdf[static_cast<std::size_t>(d)] = acc;
      }
      long long left = total;
      for (long long k = 0; k < n; ++k) {
        const double pick = uni(rng) * acc;
        const int d =
            static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), pick) - cdf.begin());
        long long fen = k + 1 == n
                            ? left
                            : static_cast<long long>(static_cast<double>(total) /
                                                     static_cast<double>(n) * (0.5 + uni(rng)));
        if (k + 1 < n && fen > left) fen = left;
        left -= fen;
        by_day[static_cast<std::size_t>(std::min(d, ndays - 1))].push_back(
            {static_cast<std::uint32_t>(i), fen});
      }
    }
    Out p(o.dir + "/payments_" + std::to_string(y) + ".csv");
    p.s("unit_code,fiscal_year,line_code,date,amount,economic_code,voucher_number\n");
    long long voucher = 0;
    int m = 1, dm = 1;
    for (int d = 0; d < ndays; ++d) {
      for (const Pay& pay : by_day[static_cast<std::size_t>(d)]) {
        const Line& x = lines[pay.line];
        p.s(ucode[static_cast<std::size_t>(x.unit)])
            .c(',')
            .i(y)
            .c(',')
            .s(line_code(x.index))
            .c(',')
            .date(y, m, dm)
            .c(',');
        p.yuan(pay.fen)
            .c(',')
            .s(x.project ? k_econ_project[x.econ] : k_econ_basic[x.econ])
            .s(",V")
            .pad(++voucher, 8)
            .c('\n');
      }
      by_day[static_cast<std::size_t>(d)].clear();
      by_day[static_cast<std::size_t>(d)].shrink_to_fit();
      if (++dm > month_days(y, m)) {
        dm = 1;
        ++m;
      }
    }
    std::fprintf(stderr, "gen_ledger: %d: %zu lines, %lld payments\n", y, n_lines, voucher);
  }
  return 0;
}
