// The real scrutin-server when its journal cannot be written: another program
// holding the file's lock, a full file system, a read-only file system. The
// rule (issue "Trust", item 1): nothing is shown or acknowledged before it is on
// disk; the failed batch is kept and retried with the same sequence numbers;
// every new change is refused with "journal unavailable: ...; nothing was
// recorded"; the clerk sees the cause; once the fault clears every acknowledged
// vote is there once, verify passes and the server restarts on its journal.
//
// The file-system faults need a small tmpfs mounted by the test (root); where
// mounting is not allowed they are skipped with the reason.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "proto/convert.hpp"
#include "raw_client.hpp"
#include "server/journal.hpp"
#include "support/journal_file.hpp"
#include "support/seed.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string last_line(const std::string& text) {
  std::string t = text;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  const auto nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

// A small tmpfs, mounted at `dir` for the test's life.
class SmallFileSystem {
 public:
  explicit SmallFileSystem(const std::string& dir, const char* size = "size=8m") : dir_(dir) {
    fs::create_directories(dir_);
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, size) == 0)
      mounted_ = true;
    else
      error_ = std::strerror(errno);
  }
  ~SmallFileSystem() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  const std::string& dir() const { return dir_; }
  bool remount_read_only() { return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0; }
  // Fills the file system to the last byte; returns the filler's path.
  std::string fill() {
    const std::string filler = dir_ + "/filler";
    std::FILE* f = std::fopen(filler.c_str(), "wb");
    if (!f) return filler;
    std::string block(64 * 1024, 'x');
    while (std::fwrite(block.data(), 1, block.size(), f) == block.size()) {
    }
    std::string byte(1, 'x');
    while (std::fwrite(byte.data(), 1, 1, f) == 1 && std::fflush(f) == 0) {
    }
    std::fclose(f);
    return filler;
  }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string error_;
};


class JournalFaultTest : public ::testing::Test {
 protected:
  std::unique_ptr<RawClient> logged_in(pb::Role role, const std::string& member, const std::string& secret) {
    auto c = std::make_unique<RawClient>(server->host, server->port, server->fingerprint);
    auto h = c->hello();
    EXPECT_TRUE(h && h->has_hello_ok());
    auto l = c->login(role, member, secret);
    EXPECT_TRUE(l && l->has_login_ok()) << (l ? l->DebugString() : "closed");
    return c;
  }

  void open_seed_ballot() {
    auto c = logged_in(pb::CLERK, "", server->passphrase);
    for (const Command& command : seed::setup_commands()) {
      auto a = c->request(command_message(to_pb(command)));
      ASSERT_TRUE(a && a->has_done()) << (a ? a->DebugString() : "closed");
      for (const auto& p : a->done().pins()) pins[p.member_id()] = p.pin();
    }
    for (const Command& command : seed::vote_and_close_commands())
      if (const auto* v = std::get_if<cmd::CastVote>(&command)) votes.push_back({v->voice, v->by});
    ASSERT_GE(votes.size(), 8u);
  }

  // The server on a small tmpfs of its own, up to the seed's open ballot
  // (when the tmpfs could be mounted).
  SmallFileSystem& start_on_small_file_system() {
    small_fs = std::make_unique<SmallFileSystem>(make_temp_dir() + "/data");
    if (!small_fs->mounted()) return *small_fs;
    server = std::make_unique<ServerProcess>(small_fs->dir());
    server->start();
    open_seed_ballot();
    return *small_fs;
  }

  // Sends a vote without waiting; returns its request id.
  std::uint64_t send_vote(RawClient& c, std::size_t i) {
    auto m = vote_message(seed::kItem, votes[i].voice, pb::POUR);
    m.set_request_id(c.next_id());
    c.send(m);
    return m.request_id();
  }
  RawClient& delegate(std::size_t i) {
    auto& c = delegates[votes[i].by];
    if (!c) c = logged_in(pb::DELEGATE, votes[i].by, pins.at(votes[i].by));
    return *c;
  }

  // The clerk's pushed room views until one satisfies `want` (bounded by reads and their timeout).
  template <typename Want>
  std::optional<pb::RoomView> room_view_where(RawClient& clerk, Want want) {
    for (int i = 0; i < 500; ++i) {
      auto m = clerk.read();
      if (!m) return std::nullopt;
      if (m->has_room_view() && want(m->room_view())) return m->room_view();
    }
    return std::nullopt;
  }
  // ... until one says the journal is failing (or writes again).
  std::optional<pb::RoomView> room_view_until(RawClient& clerk, bool failing) {
    return room_view_where(clerk, [failing](const pb::RoomView& v) { return v.journal_problem().empty() != failing; });
  }

  // After the fault: stop cleanly, verify the chain, check every acknowledged
  // vote is there once, and start again on the same journal.
  void check_journal_after(const std::set<std::string>& acknowledged) {
    EXPECT_EQ(server->stop(), 0) << read_text(server->log_path());
    const std::string journal = server->data_dir + "/journal.sqlite";
    auto problem = server::verify_journal_file(journal);
    ASSERT_TRUE(problem) << problem.error();
    EXPECT_FALSE(problem->has_value()) << "verify fails at seq " << (*problem)->seq << ": " << (*problem)->reason;
    auto entries = server::Journal::read(journal);
    ASSERT_TRUE(entries);
    std::map<std::string, int> cast;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      EXPECT_EQ((*entries)[i].seq, i + 1) << "a hole in the sequence";
      pb::Event e;
      ASSERT_TRUE(e.ParseFromString((*entries)[i].event));
      if (e.has_vote_cast()) ++cast[e.vote_cast().voice()];
    }
    for (const std::string& voice : acknowledged) EXPECT_EQ(cast[voice], 1) << "acknowledged vote of " << voice;
    EXPECT_NO_THROW(server->start()) << "the server must start again on its own journal";
    EXPECT_NE(last_line(read_text(server->log_path())).find("listening"), std::string::npos);
  }

  struct SeedVote {
    std::string voice, by;
  };
  std::unique_ptr<SmallFileSystem> small_fs;  // declared first: unmounted only after the server is gone
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::string> pins;
  std::vector<SeedVote> votes;
  std::map<std::string, std::unique_ptr<RawClient>> delegates;
};

// The reproduction: the lock is held longer than the busy timeout while delegates vote.
TEST_F(JournalFaultTest, AnOutsideLockLosesNothingAndShowsNothingBeforeItIsDurable) {
  server = std::make_unique<ServerProcess>();
  server->extra_args = {"--journal-busy-ms", "150"};
  server->start();
  open_seed_ballot();
  auto clerk = logged_in(pb::CLERK, "", server->passphrase);
  std::set<std::string> acknowledged;

  auto first = delegate(0).answer(send_vote(delegate(0), 0));
  ASSERT_TRUE(first && first->has_receipt()) << (first ? first->DebugString() : "closed");
  acknowledged.insert(votes[0].voice);

  OutsideLock lock(server->data_dir + "/journal.sqlite");
  // Votes sent while the lock is held: decided, queued, not durable.
  std::map<std::size_t, std::uint64_t> waiting;
  for (std::size_t i = 1; i <= 3; ++i) waiting[i] = send_vote(delegate(i), i);

  auto failing = room_view_until(*clerk, true);
  ASSERT_TRUE(failing) << "the clerk's view never said the journal fails";
  EXPECT_NE(failing->journal_problem().find("locked"), std::string::npos) << failing->journal_problem();
  // Only what is on disk is shown: the one acknowledged vote.
  EXPECT_EQ(failing->ballot().cast(), 1);

  // A new vote is refused, with the sentence and the code, and nothing is recorded.
  auto refused = delegate(4).request(vote_message(seed::kItem, votes[4].voice, pb::POUR));
  ASSERT_TRUE(refused && refused->has_refused()) << (refused ? refused->DebugString() : "closed");
  EXPECT_EQ(refused->refused().code(), pb::CODE_JOURNAL_UNAVAILABLE);
  EXPECT_EQ(refused->refused().kind(), pb::JOURNAL_UNAVAILABLE);
  EXPECT_EQ(refused->refused().message().rfind("journal unavailable: ", 0), 0u) << refused->refused().message();
  EXPECT_NE(refused->refused().message().find("nothing was recorded"), std::string::npos);
  // So is a clerk command (a departure, which the domain would accept).
  pb::Command checkout;
  checkout.mutable_check_out()->set_member(votes[5].by);
  auto c_refused = clerk->request(command_message(checkout));
  ASSERT_TRUE(c_refused && c_refused->has_refused());
  EXPECT_EQ(c_refused->refused().code(), pb::CODE_JOURNAL_UNAVAILABLE);

  lock.release();
  for (auto [i, id] : waiting) {
    auto r = delegate(i).answer(id);
    ASSERT_TRUE(r && r->has_receipt()) << "vote " << i << ": " << (r ? r->DebugString() : "closed");
    EXPECT_FALSE(r->receipt().repeat());
    acknowledged.insert(votes[i].voice);
  }
  auto healthy = room_view_until(*clerk, false);
  ASSERT_TRUE(healthy);
  // The refused vote can now be cast, and is new.
  auto retried = delegate(4).request(vote_message(seed::kItem, votes[4].voice, pb::POUR));
  ASSERT_TRUE(retried && retried->has_receipt()) << (retried ? retried->DebugString() : "closed");
  EXPECT_FALSE(retried->receipt().repeat());
  acknowledged.insert(votes[4].voice);
  delegates.clear();
  clerk.reset();
  check_journal_after(acknowledged);
}

TEST_F(JournalFaultTest, AFullFileSystemLosesNothing) {
  auto& small = start_on_small_file_system();
  if (!small.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << small.error() << "): needs root";
  auto clerk = logged_in(pb::CLERK, "", server->passphrase);
  std::set<std::string> acknowledged;

  const std::string filler = small.fill();
  // Votes one by one until the file system refuses one: each either becomes
  // durable (the clerk's count grows, then its receipt is read) or fails (the
  // clerk's view says why, and its receipt waits).
  std::map<std::size_t, std::uint64_t> waiting;
  std::optional<pb::RoomView> failing;
  std::size_t i = 0;
  for (; i + 1 < votes.size() && !failing; ++i) {
    const std::uint64_t id = send_vote(delegate(i), i);
    auto view = room_view_where(*clerk, [&](const pb::RoomView& v) {
      return !v.journal_problem().empty() || v.ballot().cast() > static_cast<std::int64_t>(acknowledged.size());
    });
    ASSERT_TRUE(view) << "no room view after vote " << i;
    if (!view->journal_problem().empty()) {
      waiting[i] = id;
      failing = view;
      break;
    }
    auto a = delegate(i).answer(id);
    ASSERT_TRUE(a && a->has_receipt()) << (a ? a->DebugString() : "closed");
    acknowledged.insert(votes[i].voice);
  }
  ++i;
  ASSERT_TRUE(failing) << "the file system never filled up";
  EXPECT_NE(failing->journal_problem().find("full"), std::string::npos) << failing->journal_problem();
  EXPECT_EQ(failing->ballot().cast(), static_cast<std::int64_t>(acknowledged.size()));
  auto refused = delegate(i).request(vote_message(seed::kItem, votes[i].voice, pb::POUR));
  ASSERT_TRUE(refused && refused->has_refused());
  EXPECT_EQ(refused->refused().code(), pb::CODE_JOURNAL_UNAVAILABLE);

  fs::remove(filler);
  for (auto [w, id] : waiting) {
    auto r = delegate(w).answer(id);
    ASSERT_TRUE(r && r->has_receipt()) << (r ? r->DebugString() : "closed");
    acknowledged.insert(votes[w].voice);
  }
  EXPECT_TRUE(room_view_until(*clerk, false));
  delegates.clear();
  clerk.reset();
  check_journal_after(acknowledged);
}

TEST_F(JournalFaultTest, AReadOnlyJournalIsFoundAtStartAndTheLastLineSaysWhatIsOnDisk) {
  auto& small = start_on_small_file_system();
  if (!small.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << small.error() << "): needs root";
  ASSERT_EQ(server->stop(), 0);
  auto entries = server::Journal::read(server->data_dir + "/journal.sqlite");
  ASSERT_TRUE(entries);
  ASSERT_TRUE(small.remount_read_only()) << std::strerror(errno);

  EXPECT_THROW(server->start(), std::runtime_error);
  const std::string last = last_line(read_text(server->log_path()));
  EXPECT_NE(last.find("cannot be written"), std::string::npos) << last;
  EXPECT_NE(last.find("ends at seq " + std::to_string(entries->size())), std::string::npos) << last;
}

}  // namespace
}  // namespace scrutin::testing
