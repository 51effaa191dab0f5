// The journal on its own: append and read back, group commit, and the chain
// check catching one edited byte.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "server/hub.hpp"
#include "server/journal.hpp"
#include "support/journal_file.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

using server::Journal;
using server::StoredEntry;

// A chain of `n` MemberArrived events starting after (seq, hash).
std::vector<StoredEntry> chain(std::uint64_t after_seq, std::string prev_hash, int n) {
  std::vector<StoredEntry> out;
  for (int i = 0; i < n; ++i) {
    pb::Event e;
    e.mutable_member_arrived()->set_member("M" + std::to_string(after_seq + 1 + static_cast<std::uint64_t>(i)));
    e.mutable_member_arrived()->set_at(1000 + i);
    StoredEntry s;
    s.seq = after_seq + 1 + static_cast<std::uint64_t>(i);
    s.event = event_bytes(e);
    s.prev_hash = prev_hash;
    s.hash = chain_hash(prev_hash, s.seq, s.event);
    prev_hash = s.hash;
    out.push_back(std::move(s));
  }
  return out;
}

bool append_and_wait(Journal& j, std::vector<StoredEntry> entries) {
  std::promise<bool> done;
  auto f = done.get_future();
  j.append(std::move(entries), {}, [&](bool ok) { done.set_value(ok); });
  EXPECT_EQ(f.wait_for(std::chrono::seconds(20)), std::future_status::ready);
  return f.get();
}

TEST(Journal, AppendsAndReadsBackTheChain) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  auto entries = chain(0, genesis_hash(), 5);
  {
    auto j = Journal::open(path);
    ASSERT_TRUE(j) << j.error();
    (*j)->start();
    ASSERT_TRUE(append_and_wait(**j, {entries.begin(), entries.begin() + 2}));
    ASSERT_TRUE(append_and_wait(**j, {entries.begin() + 2, entries.end()}));
    std::promise<bool> cred_done;
    (*j)->append({}, {{"M1", "2000$00$00"}}, [&](bool ok) { cred_done.set_value(ok); });
    ASSERT_TRUE(cred_done.get_future().get());
  }
  auto back = Journal::read(path);
  ASSERT_TRUE(back) << back.error();
  ASSERT_EQ(back->size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ((*back)[i].seq, entries[i].seq);
    EXPECT_EQ((*back)[i].event, entries[i].event);
    EXPECT_EQ((*back)[i].hash, entries[i].hash);
  }
  auto problem = server::verify_journal_file(path);
  ASSERT_TRUE(problem) << problem.error();
  EXPECT_FALSE(problem->has_value());

  auto reopened = Journal::open(path);
  ASSERT_TRUE(reopened);
  auto creds = (*reopened)->load_credentials();
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->at("M1"), "2000$00$00");
}

TEST(Journal, AppendsArrivingDuringACommitGoInTheNextTransaction) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  auto j = Journal::open(path);
  ASSERT_TRUE(j);
  Journal& journal = **j;
  journal.start();
  auto entries = chain(0, genesis_hash(), 41);

  // The first append's completion runs on the writer thread; holding it there
  // lets 40 appends from 4 threads queue up behind that commit.
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  std::promise<void> first_committed;
  journal.append({entries[0]}, {}, [&](bool) {
    first_committed.set_value();
    std::unique_lock lock(m);
    cv.wait_for(lock, std::chrono::seconds(20), [&] { return release; });
  });
  first_committed.get_future().wait();

  std::atomic<int> committed{0};
  std::promise<void> all;
  std::mutex order;  // appends in seq order: the hub appends from one strand
  std::size_t next = 1;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        std::lock_guard lock(order);
        journal.append({entries[next++]}, {}, [&](bool ok) {
          EXPECT_TRUE(ok);
          if (++committed == 40) all.set_value();
        });
      }
    });
  for (auto& t : threads) t.join();
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  ASSERT_EQ(all.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
  EXPECT_EQ(journal.transactions(), 2u);  // the first, then the 40 together
  journal.stop();
  auto back = Journal::read(path);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->size(), 41u);
}

TEST(Journal, VerifyNamesTheFirstEditedEvent) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  {
    auto j = Journal::open(path);
    ASSERT_TRUE(j);
    (*j)->start();
    ASSERT_TRUE(append_and_wait(**j, chain(0, genesis_hash(), 6)));
  }
  flip_event_byte(path, 4);
  auto problem = server::verify_journal_file(path);
  ASSERT_TRUE(problem) << problem.error();
  ASSERT_TRUE(problem->has_value());
  EXPECT_EQ((*problem)->seq, 4u);
}

TEST(Journal, ReplayRefusesABrokenChainAndNamesTheSeq) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  {
    auto j = Journal::open(path);
    ASSERT_TRUE(j);
    (*j)->start();
    ASSERT_TRUE(append_and_wait(**j, chain(0, genesis_hash(), 6)));
  }
  auto intact = Journal::read(path);
  ASSERT_TRUE(intact);
  boost::asio::io_context io;
  server::Credentials credentials;
  {
    auto j = Journal::open(path);
    ASSERT_TRUE(j);
    server::Hub hub(io, **j, credentials);
    EXPECT_TRUE(hub.replay(*intact));
    EXPECT_EQ(hub.head_seq(), 6u);
  }
  flip_event_byte(path, 3);
  auto broken = Journal::read(path);
  ASSERT_TRUE(broken);
  auto j = Journal::open(path);
  ASSERT_TRUE(j);
  server::Hub hub(io, **j, credentials);
  auto replayed = hub.replay(*broken);
  ASSERT_FALSE(replayed);
  EXPECT_NE(replayed.error().find("seq 3"), std::string::npos) << replayed.error();
}

}  // namespace
}  // namespace scrutin::testing
