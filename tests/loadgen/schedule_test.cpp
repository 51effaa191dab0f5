// The load generator's vote schedule (client/loadgen/schedule.hpp): the rule
// for each pace, over several fleet sizes, proxies and rates.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include "client/loadgen/schedule.hpp"

namespace scrutin::loadgen {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

TEST(VoteSchedule, BurstSendsEveryTabletAtOnce) {
  for (std::size_t n : {1u, 7u, 300u, 10000u}) {
    const auto s = vote_schedule(n, n / 10, Pace::Burst, 1500, 1000);
    ASSERT_EQ(s.size(), n);
    EXPECT_TRUE(std::all_of(s.begin(), s.end(), [](std::int64_t t) { return t == 0; })) << n;
  }
}

TEST(VoteSchedule, SpreadCoversTheWindowEvenlyAndEndsInsideIt) {
  for (std::size_t n : {1u, 4u, 200u, 3333u}) {
    for (double window_ms : {100.0, 1500.0, 60000.0}) {
      const auto s = vote_schedule(n, 0, Pace::Spread, window_ms, 0);
      ASSERT_EQ(s.size(), n);
      EXPECT_EQ(s.front(), 0);
      EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
      EXPECT_LT(s.back(), static_cast<std::int64_t>(window_ms * 1e6)) << n << " " << window_ms;
      const double step = window_ms * 1e6 / static_cast<double>(n);
      for (std::size_t k = 0; k < n; ++k)
        EXPECT_NEAR(static_cast<double>(s[k]), step * static_cast<double>(k), 1.0) << n << " " << k;
    }
  }
}

TEST(VoteSchedule, RateCountsVotesNotTablets) {
  // 10 tablets at 5 votes a second, no proxies: one every 200 ms.
  const auto plain = vote_schedule(10, 0, Pace::Rate, 0, 5);
  for (std::size_t k = 0; k < plain.size(); ++k) EXPECT_EQ(plain[k], static_cast<std::int64_t>(k) * kSecond / 5);
  // The first 3 tablets hold a proxy: each casts two votes, so the next turn
  // comes two votes later.
  const auto proxied = vote_schedule(6, 3, Pace::Rate, 0, 2);
  const std::vector<std::int64_t> expected{0, kSecond, 2 * kSecond, 3 * kSecond, 7 * kSecond / 2, 4 * kSecond};
  EXPECT_EQ(proxied, expected);
}

TEST(VoteSchedule, RateSpansAllVotesOverTheirTime) {
  for (std::size_t n : {50u, 1000u, 10000u})
    for (std::size_t holders : {std::size_t{0}, n / 20, n / 3})
      for (double rate : {100.0, 1000.0, 2500.0}) {
        const auto s = vote_schedule(n, holders, Pace::Rate, 0, rate);
        ASSERT_EQ(s.size(), n);
        EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
        // The last tablet starts once every earlier vote had its slot.
        const double votes_before_last = static_cast<double>(n - 1 + std::min(holders, n - 1));
        EXPECT_NEAR(static_cast<double>(s.back()), 1e9 * votes_before_last / rate, 2.0)
            << n << " " << holders << " " << rate;
      }
}

TEST(VoteSchedule, NoRateIsABurst) {
  const auto s = vote_schedule(20, 5, Pace::Rate, 1000, 0);
  EXPECT_TRUE(std::all_of(s.begin(), s.end(), [](std::int64_t t) { return t == 0; }));
  EXPECT_TRUE(vote_schedule(0, 0, Pace::Spread, 1000, 0).empty());
}

}  // namespace
}  // namespace scrutin::loadgen
