#include "core/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

namespace jixiao::parallel {
namespace {

TEST(Parallel, ForPartsCoversEveryIndexOnceInContiguousParts) {
  for (std::size_t parts : {1u, 2u, 3u, 7u}) {
    for (std::size_t n : {0u, 1u, 5u, 1000u}) {
      std::vector<std::atomic<int>> seen(n);
      std::vector<std::pair<std::size_t, std::size_t>> ranges(parts);
      for_parts(n, parts, [&](std::size_t b, std::size_t e, std::size_t p) {
        ranges[p] = {b, e};
        for (std::size_t i = b; i < e; ++i) ++seen[i];
      });
      for (std::size_t i = 0; i < n; ++i)
        EXPECT_EQ(seen[i].load(), 1) << "n=" << n << " parts=" << parts;
      for (std::size_t p = 0; p < parts; ++p) {
        EXPECT_EQ(ranges[p].first, n * p / parts);
        EXPECT_EQ(ranges[p].second, n * (p + 1) / parts);
      }
    }
  }
}

TEST(Parallel, SmallJobsStayOnOneThread) {
  EXPECT_EQ(parts_for(10, 100), 1u);
  EXPECT_GE(parts_for(1000, 100), 1u);
  EXPECT_LE(parts_for(1000, 100, 2), 2u);
}

TEST(Parallel, BothAndEachRunEveryTask) {
  int a = 0, b = 0;
  both([&] { a = 1; }, [&] { b = 2; });
  EXPECT_EQ(a + b, 3);
  std::vector<int> order;
  both([&] { order.push_back(1); }, [&] { order.push_back(2); }, false);
  EXPECT_EQ(order, (std::vector<int>{1, 2}));  // side first when not parallel
  std::vector<std::atomic<int>> ran(5);
  each_on_thread(5, [&](std::size_t i) { ++ran[i]; });
  for (auto& r : ran) EXPECT_EQ(r.load(), 1);
}

TEST(Parallel, BackgroundRunsBesideTheCallerAndJoinsOnScopeExit) {
  std::vector<std::atomic<int>> ran(3);
  {
    Background pool(3, [&](std::size_t i) { ++ran[i]; });
  }  // joined here
  for (auto& r : ran) EXPECT_EQ(r.load(), 1);
  int built = 0;
  Background one(1, [&](std::size_t) { built = 42; });
  one.join();
  EXPECT_EQ(built, 42);
  one.join();  // a second join is harmless
}

TEST(Parallel, SortStableByKeyKeepsTiesInOrder) {
  std::vector<std::pair<int, std::string>> items{{3, "a"}, {1, "b"}, {3, "c"},
                                                 {2, "d"}, {1, "e"}, {3, "f"}};
  sort_stable_by_key(items, [](const auto& x) { return x.first; });
  std::string got;
  for (const auto& [k, v] : items) got += std::to_string(k) + v;
  EXPECT_EQ(got, "1b1e2d3a3c3f");
}

}  // namespace
}  // namespace jixiao::parallel
