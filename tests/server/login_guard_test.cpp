// LoginGuard on its own, with an injected clock: guessing is throttled by
// source and bounded by member, and never locks out a source that is not guessing.
#include <gtest/gtest.h>

#include <string>

#include "server/login_guard.hpp"

namespace scrutin::testing {
namespace {

using server::LoginGuard;
using namespace std::chrono_literals;

LoginGuard::Clock::time_point t0() { return LoginGuard::Clock::time_point{} + 1000h; }

TEST(LoginGuard, ASourceIsBlockedAfterItsFailuresAndOthersAreNot) {
  LoginGuard::Limits limits;
  limits.source_failures = 5;
  LoginGuard guard(limits);
  auto now = t0();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(guard.admit("10.0.0.66", "M1", now).verdict, LoginGuard::Verdict::Try);
    guard.failed("10.0.0.66", "M1", now);
  }
  EXPECT_EQ(guard.admit("10.0.0.66", "M2", now).verdict, LoginGuard::Verdict::Try);
  guard.failed("10.0.0.66", "M2", now);
  const auto blocked = guard.admit("10.0.0.66", "M1", now + 1s);
  EXPECT_EQ(blocked.verdict, LoginGuard::Verdict::SourceBlocked);
  EXPECT_EQ(blocked.retry_after, 59s);
  EXPECT_EQ(guard.admit("10.0.0.66", "", now + 1s).verdict, LoginGuard::Verdict::SourceBlocked) << "clerk guesses too";
  EXPECT_EQ(guard.admit("10.0.0.7", "M1", now + 1s).verdict, LoginGuard::Verdict::Try) << "the real delegate";
  EXPECT_EQ(guard.admit("10.0.0.66", "M1", now + 61s).verdict, LoginGuard::Verdict::Try) << "the block ends";
}

TEST(LoginGuard, FailuresSpreadOverTimeDoNotBlock) {
  LoginGuard::Limits limits;
  limits.source_failures = 3;
  LoginGuard guard(limits);
  auto now = t0();
  for (int i = 0; i < 10; ++i) {  // one typo every 40 s: never 3 within a minute
    EXPECT_EQ(guard.admit("10.0.0.5", "M1", now).verdict, LoginGuard::Verdict::Try) << i;
    guard.failed("10.0.0.5", "M1", now);
    now += 40s;
  }
}

TEST(LoginGuard, AMemberUnderAttackIsClosedToGuessersOnlyAndTheBoundIsPerHour) {
  LoginGuard::Limits limits;
  limits.source_failures = 1000;  // many sources, each under its own limit
  limits.member_failures_per_hour = 20;
  LoginGuard guard(limits);
  auto now = t0();
  for (int i = 0; i < 20; ++i) guard.failed("10.0.1." + std::to_string(i % 4), "M9", now);
  // Every source that guessed is refused on M9, with the time left in the hour...
  const auto guarded = guard.admit("10.0.1.1", "M9", now + 10min);
  EXPECT_EQ(guarded.verdict, LoginGuard::Verdict::MemberGuarded);
  EXPECT_EQ(guarded.retry_after, 50min);
  // ...but may still try other members, and a fresh source may try M9.
  EXPECT_EQ(guard.admit("10.0.1.1", "M8", now + 10min).verdict, LoginGuard::Verdict::Try);
  EXPECT_EQ(guard.admit("10.0.9.9", "M9", now + 10min).verdict, LoginGuard::Verdict::Try);
  // An hour later the member's count starts again.
  EXPECT_EQ(guard.admit("10.0.1.1", "M9", now + 61min).verdict, LoginGuard::Verdict::Try);
}

TEST(LoginGuard, AttemptsStillBeingCheckedCountAgainstTheSource) {
  LoginGuard::Limits limits;
  limits.source_failures = 4;
  LoginGuard guard(limits);
  auto now = t0();
  // A burst of right logins from one address (a NAT'd room) is never held back.
  for (int i = 0; i < 40; ++i)
    EXPECT_EQ(guard.admit("10.0.0.1", "M" + std::to_string(i), now).verdict, LoginGuard::Verdict::Try) << i;
  // A source that has failed once may not widen its guessing with parallel connections.
  ASSERT_EQ(guard.admit("10.0.0.66", "M0", now).verdict, LoginGuard::Verdict::Try);
  guard.failed("10.0.0.66", "M0", now);
  for (int i = 0; i < 3; ++i)  // three guesses in flight at once: 1 failure + 3 pending = the limit
    EXPECT_EQ(guard.admit("10.0.0.66", "M" + std::to_string(i), now).verdict, LoginGuard::Verdict::Try);
  EXPECT_EQ(guard.admit("10.0.0.66", "M9", now).verdict, LoginGuard::Verdict::SourceBlocked);
  guard.succeeded("10.0.0.66");  // one was right: room for one more
  EXPECT_EQ(guard.admit("10.0.0.66", "M9", now).verdict, LoginGuard::Verdict::Try);
}

TEST(LoginGuard, OneLogLinePerSourcePerMinuteWithTheCount) {
  LoginGuard guard;
  auto now = t0();
  auto first = guard.failed("10.0.0.66", "M1", now);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 1);
  for (int i = 1; i < 8; ++i) EXPECT_FALSE(guard.failed("10.0.0.66", "M1", now + std::chrono::seconds(i)));
  auto next = guard.failed("10.0.0.66", "M1", now + 61s);
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, 8);  // the 7 held back and this one
}

TEST(LoginGuard, TheReportListsSourcesMostFirstAndForgetsThemAfterAnHour) {
  LoginGuard::Limits limits;
  limits.source_failures = 1000;
  LoginGuard guard(limits);
  auto now = t0();
  for (int i = 0; i < 3; ++i) guard.failed("10.0.0.1", "M1", now);
  for (int i = 0; i < 7; ++i) guard.failed("10.0.0.2", "", now);
  auto r = guard.report(now);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].source, "10.0.0.2");
  EXPECT_EQ(r[0].failures, 7);
  EXPECT_EQ(r[1].failures, 3);
  // Nothing grows without bound: a quiet hour later, both are gone.
  guard.admit("10.0.0.3", "M1", now + 61min);
  EXPECT_TRUE(guard.report(now + 61min).empty());
  for (int i = 0; i < 10000; ++i) guard.failed("10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250), "M1", now + 2h);
  EXPECT_EQ(guard.report(now + 2h).size(), 20u) << "the clerk's list is capped";
  EXPECT_GE(guard.tracked(), 10000u);
  guard.admit("10.0.0.3", "M1", now + 4h);
  EXPECT_TRUE(guard.report(now + 4h).empty());
  EXPECT_LE(guard.tracked(), 1u) << "quiet sources and members must be forgotten";
}

// Passphrase guessing never fills the passphrase's one hashing thread: guessers
// (sources that failed within the hour) have one check in the queue among them
// all, at most one a second; a device that has not failed gets in at once
// beside them (two checks at once at most), whatever the number of guessers.
TEST(LoginGuard, PassphraseGuessersShareOneCheckAtATimeAndTheClerkIsNeverBehindThem) {
  constexpr auto P = LoginGuard::Secret::Passphrase;
  for (int guessers : {1, 8, 50}) {
    LoginGuard guard;
    auto now = t0();
    auto source = [](int i) { return "10.0.2." + std::to_string(i); };
    for (int i = 0; i < guessers; ++i)  // a typo or two is no guessing: a fresh device cannot be told from the clerk
      for (int k = 0; k < 3; ++k) {
        ASSERT_EQ(guard.admit(source(i), "", now, P).verdict, LoginGuard::Verdict::Try) << i;
        guard.failed(source(i), "", now, P);
      }
    now += 2s;
    int admitted = 0;
    for (int i = 0; i < guessers; ++i)
      if (guard.admit(source(i), "", now, P).verdict == LoginGuard::Verdict::Try) ++admitted;
    EXPECT_EQ(admitted, 1) << guessers << " guessers: one check in the queue among them";
    // The clerk, on a device that has not failed, is not held back (two at once, not three).
    EXPECT_EQ(guard.admit("10.0.0.1", "", now, P).verdict, LoginGuard::Verdict::Try);
    EXPECT_EQ(guard.admit("10.0.0.1", "", now, P).verdict, LoginGuard::Verdict::Try);
    EXPECT_EQ(guard.admit("10.0.0.1", "", now, P).verdict, LoginGuard::Verdict::SourceBlocked);
    guard.succeeded("10.0.0.1", P);
    guard.succeeded("10.0.0.1", P);
    // PINs from a guesser are not held by the passphrase's queue (its own limits apply).
    EXPECT_EQ(guard.admit(source(0), "M1", now, LoginGuard::Secret::Pin).verdict, LoginGuard::Verdict::Try);
    guard.failed(source(0), "M1", now, LoginGuard::Secret::Pin);
    // The guess ends (wrong): the next guesser waits out the interval, then one more.
    guard.failed(source(0), "", now, P);
    EXPECT_EQ(guard.admit(source(guessers - 1), "", now + 500ms, P).verdict, LoginGuard::Verdict::SourceBlocked);
    EXPECT_EQ(guard.admit(source(guessers - 1), "", now + 1s, P).verdict, LoginGuard::Verdict::Try);
    guard.failed(source(guessers - 1), "", now + 1s, P);
    // Over a minute of guessing, at most one check a second went to the hashing thread.
    int checks = 0;
    for (auto t = now + 2s; t < now + 62s; t += 100ms)
      for (int i = 0; i < guessers; ++i)
        if (guard.admit(source(i), "", t, P).verdict == LoginGuard::Verdict::Try) {
          ++checks;
          guard.failed(source(i), "", t, P);
        }
    EXPECT_LE(checks, 61) << guessers << " guessers";
    EXPECT_GE(checks, 1);
  }
  // A PIN mistyped behind the room's one NAT address makes no passphrase guesser
  // of it: the clerk there logs in as often as she likes, at once.
  LoginGuard guard;
  const auto now = t0();
  guard.admit("10.0.0.1", "M1", now);
  guard.failed("10.0.0.1", "M1", now);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(guard.admit("10.0.0.1", "", now + i * 10ms, P).verdict, LoginGuard::Verdict::Try) << i;
    guard.succeeded("10.0.0.1", P);
  }
}

}  // namespace
}  // namespace scrutin::testing
