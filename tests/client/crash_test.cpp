// Crash recovery: the server is killed with SIGKILL at several points of a
// ballot that 40 delegate Clients are voting in, and restarted on the same data
// folder (on a new port: every Client follows <data>/endpoint through its
// resolver). Every acknowledged vote is in the journal, none is counted twice,
// and the Clients reconnect, resend and finish the ballot by themselves.
// The same test is the SIGKILL campaign (deploy/campaign-kill.sh) with more
// kills: SCRUTIN_CAMPAIGN_KILLS (and SCRUTIN_CAMPAIGN_ROUNDS, at most 10).
#include <algorithm>
#include <cstdlib>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "client/lib/client.hpp"
#include "client/lib/mirror.hpp"
#include "proto/convert.hpp"
#include "support/seed.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kDelegates = 40;  // T01..T40, each votes for itself
int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && std::atoi(v) > 0 ? std::atoi(v) : fallback;
}
// Each changes its vote this many times: pour, contre, pour, ... (within the server's change bound).
const int kRounds = std::min(env_int("SCRUTIN_CAMPAIGN_ROUNDS", 6), 10);  // 10 changes a second at most (Hub)
const int kKills = env_int("SCRUTIN_CAMPAIGN_KILLS", 3);
const std::string kItem = "2024-7";

pb::Choice choice_of(int round) { return round % 2 == 0 ? pb::POUR : pb::CONTRE; }
std::string t(int n) { return fmt::format("T{:02}", n); }

client::Config config_for(const ServerProcess& server, pb::Role role, std::string member, std::string secret) {
  client::Config c;
  c.role = role;
  c.member_id = std::move(member);
  c.secret = std::move(secret);
  c.client_name = "crash-test";
  // A restarted server listens on a new port: re-read its endpoint file before
  // every attempt (a stale file only makes the attempt fail and be retried).
  c.resolve = [dir = server.data_dir]() -> std::optional<client::Endpoint> {
    auto e = client::read_endpoint_file(dir);
    if (!e) return std::nullopt;
    return *e;
  };
  c.backoff_max = 1000ms;
  return c;
}

struct Receipt {
  int round;
  pb::VoteReceipt receipt;
  double ms = 0;  // from the call to the receipt, restarts included
};

TEST(CrashRecovery, AcknowledgedVotesSurviveSigkillAndNothingCountsTwice) {
  ServerProcess server;
  server.start();

  // The clerk sets the session up; its Client reconnects too.
  client::Client clerk(config_for(server, pb::CLERK, "", server.passphrase));
  ASSERT_TRUE(clerk.start(30s));
  pb::Command configure;
  *configure.mutable_configure_session()->mutable_info() = to_pb(seed::session_info());
  *configure.mutable_configure_session()->mutable_rules() = to_pb(french_council());
  ASSERT_TRUE(clerk.command(configure));
  const pb::Command roster = to_pb(Command{cmd::ImportRoster{seed::roster()}});
  auto imported = clerk.command(roster);
  ASSERT_TRUE(imported) << imported.error();
  std::map<std::string, std::string> pins;
  for (const auto& p : imported->pins()) pins[p.member_id()] = p.pin();
  for (int n = 1; n <= 43; ++n) {
    pb::Command c;
    c.mutable_check_in()->set_member(t(n));
    ASSERT_TRUE(clerk.command(c)) << t(n);
  }
  pb::Command item;
  item.mutable_add_item()->mutable_item()->set_id(kItem);
  item.mutable_add_item()->mutable_item()->set_title("Crash test");
  ASSERT_TRUE(clerk.command(item));
  pb::Command open;
  open.mutable_open_ballot()->set_item(kItem);
  open.mutable_open_ballot()->set_allow_change(true);
  ASSERT_TRUE(clerk.command(open));

  // 40 delegates, one Client each, in threads.
  std::mutex mutex;
  std::condition_variable progress;
  int acknowledged = 0;
  std::vector<std::string> errors;
  std::map<std::string, std::vector<Receipt>> receipts;
  std::vector<std::unique_ptr<client::Client>> delegates;
  std::vector<std::atomic<int>> views(kDelegates);
  for (int n = 1; n <= kDelegates; ++n) {
    auto c = std::make_unique<client::Client>(config_for(server, pb::DELEGATE, t(n), pins[t(n)]));
    c->on_push([&views, n](const pb::ServerMessage& m) {
      if (m.has_delegate_view()) ++views[static_cast<std::size_t>(n - 1)];
    });
    auto login = c->start(30s);
    ASSERT_TRUE(login) << login.error();
    delegates.push_back(std::move(c));
  }
  std::vector<std::jthread> voters;  // joined even when an assertion returns early
  for (int n = 1; n <= kDelegates; ++n) {
    voters.emplace_back([&, n] {
      client::Client& c = *delegates[static_cast<std::size_t>(n - 1)];
      for (int round = 0; round < kRounds; ++round) {
        // Generous: the answer may wait for a restart and a reconnection.
        const auto sent = std::chrono::steady_clock::now();
        auto r = c.vote(kItem, t(n), choice_of(round), 120s);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count();
        std::lock_guard lock(mutex);
        if (!r) {
          errors.push_back(fmt::format("{} round {}: {}", t(n), round, r.error().sentence));
          break;
        }
        receipts[t(n)].push_back({round, *r, ms});
        ++acknowledged;
        progress.notify_all();
      }
    });
  }

  // Kill at kKills points spread over the ballot while votes are being cast and
  // committed (40 clients vote back to back, so commits are in flight whenever the count moves).
  const int total = kDelegates * kRounds;
  int kills = 0;
  std::vector<int> thresholds;
  for (int k = 1; k <= kKills; ++k) thresholds.push_back(total * (2 * k - 1) / (2 * kKills));
  const auto started = std::chrono::steady_clock::now();
  for (int threshold : thresholds) {
    {
      std::unique_lock lock(mutex);
      ASSERT_TRUE(progress.wait_for(lock, 120s, [&] { return acknowledged >= threshold || !errors.empty(); }))
          << "stuck at " << acknowledged << " acknowledged votes";
      ASSERT_TRUE(errors.empty()) << errors.front();
    }
    server.kill9();
    ++kills;
    server.start();
  }
  for (auto& v : voters) v.join();
  ASSERT_TRUE(errors.empty()) << fmt::format("{}", fmt::join(errors, "\n"));
  ASSERT_EQ(acknowledged, total);

  pb::Command close;
  close.mutable_close_ballot()->set_item(kItem);
  auto closed = clerk.command(close, 60s);
  ASSERT_TRUE(closed) << closed.error();

  // The journal: per voice exactly kRounds VoteCast events (each round changes
  // the vote, a resend is a repeat and adds nothing), in the order sent.
  auto journal = client::fetch_journal(clerk);
  ASSERT_TRUE(journal) << journal.error();
  std::map<std::uint64_t, const pb::JournalEntry*> by_seq;
  std::map<std::string, std::vector<pb::Choice>> casts;
  const pb::BallotClosed* result = nullptr;
  for (const auto& e : *journal) {
    by_seq[e.seq()] = &e;
    if (e.event().has_vote_cast() && e.event().vote_cast().item() == kItem)
      casts[e.event().vote_cast().voice()].push_back(e.event().vote_cast().cast().choice());
    if (e.event().has_ballot_closed()) result = &e.event().ballot_closed();
  }
  int repeats = 0;
  for (int n = 1; n <= kDelegates; ++n) {
    const auto& got = casts[t(n)];
    ASSERT_EQ(got.size(), static_cast<std::size_t>(kRounds)) << t(n) << " has " << got.size() << " votes journalled";
    for (int round = 0; round < kRounds; ++round) EXPECT_EQ(got[static_cast<std::size_t>(round)], choice_of(round)) << t(n);
    // Every acknowledged vote is in the journal where its receipt says.
    for (const auto& r : receipts[t(n)]) {
      EXPECT_EQ(r.receipt.choice(), choice_of(r.round));
      if (r.receipt.repeat()) {
        ++repeats;
        continue;
      }
      auto it = by_seq.find(r.receipt.journal_seq());
      ASSERT_NE(it, by_seq.end()) << t(n) << " receipt seq " << r.receipt.journal_seq();
      ASSERT_TRUE(it->second->event().has_vote_cast());
      EXPECT_EQ(it->second->event().vote_cast().voice(), t(n));
      EXPECT_EQ(it->second->event().vote_cast().cast().choice(), choice_of(r.round));
    }
    // It reconnected after every kill, and resynced from a pushed view each time.
    EXPECT_GE(delegates[static_cast<std::size_t>(n - 1)]->logins(), 2u) << t(n);
    EXPECT_GE(views[static_cast<std::size_t>(n - 1)].load(), 2) << t(n);
  }
  ASSERT_NE(result, nullptr);
  const pb::Choice last = choice_of(kRounds - 1);
  EXPECT_EQ(last == pb::POUR ? result->tally().heads().pour() : result->tally().heads().contre(), kDelegates);
  EXPECT_EQ(result->tally().heads().pour() + result->tally().heads().contre(), kDelegates);
  RecordProperty("kills", kills);
  RecordProperty("repeat_receipts", repeats);
  std::vector<double> ms;
  for (const auto& [voice, list] : receipts)
    for (const auto& r : list) ms.push_back(r.ms);
  std::ranges::sort(ms);
  auto pct = [&](double p) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))]; };
  std::printf("crash test: %d kills, %d votes acknowledged in %.1f s by %d clients that reconnected by themselves, "
              "%d answered as repeats after a resend, ack p50 %.1f ms, p99 %.0f ms, max %.0f ms (restarts included); "
              "data %s\n",
              kills, total, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), kDelegates,
              repeats, pct(0.5), pct(0.99), pct(1.0), server.data_dir.c_str());
}

}  // namespace
}  // namespace scrutin::testing
