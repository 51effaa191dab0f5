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

// True once the append is durable (the journal only ever says so).
bool append_and_wait(Journal& j, std::vector<StoredEntry> entries) {
  auto done = std::make_shared<std::promise<void>>();
  auto f = done->get_future();
  j.append(std::move(entries), {}, [done] { done->set_value(); });
  return f.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
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
    std::promise<void> cred_done;
    (*j)->append({}, {{"M1", "2000$00$00"}}, [&] { cred_done.set_value(); });
    ASSERT_EQ(cred_done.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
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
  journal.append({entries[0]}, {}, [&] {
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
        journal.append({entries[next++]}, {}, [&] {
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

// A journal the domain accepts (replay checks each event since issue 12):
// the session configured, then members added.
std::vector<StoredEntry> session_chain(int n) {
  std::vector<StoredEntry> out;
  std::string prev = genesis_hash();
  for (int i = 0; i < n; ++i) {
    pb::Event e;
    if (i == 0) {
      SessionInfo info;
      info.date = "2026-03-01";
      e.mutable_session_configured()->mutable_info()->CopyFrom(to_pb(info));
      e.mutable_session_configured()->mutable_rules()->CopyFrom(to_pb(french_council()));
    } else {
      auto* m = e.mutable_member_added()->mutable_member();
      m->set_id("M" + std::to_string(i));
      m->set_name("Membre " + std::to_string(i));
      m->set_weight(1);
    }
    StoredEntry s;
    s.seq = static_cast<std::uint64_t>(i + 1);
    s.event = event_bytes(e);
    s.prev_hash = prev;
    s.hash = chain_hash(prev, s.seq, s.event);
    prev = s.hash;
    out.push_back(std::move(s));
  }
  return out;
}

TEST(Journal, ReplayRefusesABrokenChainAndNamesTheSeq) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  {
    auto j = Journal::open(path);
    ASSERT_TRUE(j);
    (*j)->start();
    ASSERT_TRUE(append_and_wait(**j, session_chain(6)));
  }
  auto intact = Journal::read(path);
  ASSERT_TRUE(intact);
  boost::asio::io_context io;
  server::Credentials credentials;
  {
    auto j = Journal::open(path);
    ASSERT_TRUE(j);
    server::Hub hub(io, **j, credentials);
    auto ok = hub.replay(*intact);
    EXPECT_TRUE(ok) << ok.error();
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


Journal::Options quick_retries() {
  Journal::Options o;
  o.busy_timeout_ms = 50;
  o.first_retry = std::chrono::milliseconds(10);
  o.max_retry = std::chrono::milliseconds(100);
  o.give_up_on_stop = std::chrono::milliseconds(300);
  return o;
}

// The rule: a failed commit keeps its batch and retries it with the same
// sequence numbers; nothing queued behind it commits first; `done` runs only
// once durable; the health callback says when it fails and when it is fixed.
TEST(JournalFault, AFailedCommitIsRetriedInOrderAndNothingIsDoneBeforeItIsDurable) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  auto j = Journal::open(path, quick_retries());
  ASSERT_TRUE(j) << j.error();
  Journal& journal = **j;
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::optional<std::string>> health;
  journal.on_health([&](std::optional<std::string> problem) {
    std::lock_guard lock(m);
    health.push_back(std::move(problem));
    cv.notify_all();
  });
  journal.start();
  auto entries = chain(0, genesis_hash(), 9);
  ASSERT_TRUE(append_and_wait(journal, {entries.begin(), entries.begin() + 3}));

  OutsideLock lock(path);
  std::atomic<int> done{0};
  std::vector<int> order;
  for (int batch = 0; batch < 3; ++batch)  // three batches queued behind the failing one
    journal.append({entries.begin() + 3 + 2 * batch, entries.begin() + 5 + 2 * batch}, {}, [&, batch] {
      std::lock_guard l(m);
      order.push_back(batch);
      ++done;
      cv.notify_all();
    });
  {
    std::unique_lock l(m);
    ASSERT_TRUE(cv.wait_for(l, std::chrono::seconds(20), [&] { return !health.empty(); }));
    ASSERT_TRUE(health.front().has_value());
    EXPECT_NE(health.front()->find("locked"), std::string::npos) << *health.front();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // several retries, all failing
  EXPECT_EQ(done.load(), 0) << "an append was declared durable while the journal could not be written";
  auto meanwhile = Journal::read(path);
  ASSERT_TRUE(meanwhile) << meanwhile.error();
  EXPECT_EQ(meanwhile->size(), 3u);

  lock.release();
  {
    std::unique_lock l(m);
    ASSERT_TRUE(cv.wait_for(l, std::chrono::seconds(20), [&] { return done == 3 && health.size() >= 2; }));
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
    EXPECT_FALSE(health.back().has_value()) << "the journal should say it writes again";
  }
  ASSERT_TRUE(append_and_wait(journal, {entries.begin() + 9, entries.end()}));
  EXPECT_TRUE(journal.stop());
  auto back = Journal::read(path);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 9u);
  for (std::size_t i = 0; i < back->size(); ++i) EXPECT_EQ((*back)[i].seq, i + 1) << "a hole in the sequence";
  auto problem = server::verify_journal_file(path);
  ASSERT_TRUE(problem) << problem.error();
  EXPECT_FALSE(problem->has_value());
}

TEST(JournalFault, StoppingWhileCommitsFailGivesUpAndSaysWhatIsOnDisk) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  auto j = Journal::open(path, quick_retries());
  ASSERT_TRUE(j) << j.error();
  (*j)->start();
  auto entries = chain(0, genesis_hash(), 4);
  ASSERT_TRUE(append_and_wait(**j, {entries.begin(), entries.begin() + 2}));
  OutsideLock lock(path);
  std::atomic<bool> done{false};
  (*j)->append({entries.begin() + 2, entries.end()}, {}, [&] { done = true; });
  EXPECT_FALSE((*j)->stop()) << "stop() must say that not everything was written";
  EXPECT_FALSE(done.load());
  auto head = (*j)->disk_head();
  ASSERT_TRUE(head) << head.error();
  EXPECT_EQ(*head, 2u);
}

TEST(JournalFault, AJournalLockedByAnotherProgramIsRefusedAtOpen) {
  const std::string path = make_temp_dir() + "/journal.sqlite";
  {
    auto j = Journal::open(path);
    ASSERT_TRUE(j);
    (*j)->start();
    ASSERT_TRUE(append_and_wait(**j, chain(0, genesis_hash(), 2)));
  }
  OutsideLock lock(path);
  auto j = Journal::open(path, quick_retries());
  ASSERT_FALSE(j);
  EXPECT_NE(j.error().find("cannot be written"), std::string::npos) << j.error();
  EXPECT_NE(j.error().find("ends at seq 2"), std::string::npos) << j.error();
}

}  // namespace
}  // namespace scrutin::testing
