// The hub with fake peers (no sockets): an answer never comes before its
// events are on disk, and displays get at most one RoomView every 50 ms.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "proto/convert.hpp"
#include "server/hub.hpp"
#include "support/seed.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Received {
  pb::ServerMessage message;
  server::FrameKind kind;
  Clock::time_point at;
  std::uint64_t durable_seq = 0;  // the journal file's last seq when it arrived
};

class FakePeer : public server::Peer {
 public:
  FakePeer(std::uint64_t id, std::string journal_path) : id_(id), journal_path_(std::move(journal_path)) {}
  void deliver(server::Frame frame, server::FrameKind kind) override {
    Received r;
    r.message.ParseFromArray(frame->data() + 4, static_cast<int>(frame->size() - 4));
    r.kind = kind;
    r.at = Clock::now();
    if (r.message.has_receipt() || r.message.has_done()) {
      auto entries = server::Journal::read(journal_path_);  // what is on disk right now
      if (entries && !entries->empty()) r.durable_seq = entries->back().seq;
    }
    std::lock_guard lock(mutex_);
    received_.push_back(std::move(r));
    cv_.notify_all();
  }
  // Frames the hub hands over in one delivery (one TLS write on a real connection).
  void deliver_together(std::vector<server::Outgoing> frames) override {
    {  // noted first: a test woken by the last frame finds its group already here
      std::lock_guard lock(mutex_);
      together_.emplace_back();
      for (const auto& f : frames) together_.back().push_back(f.kind);
    }
    for (auto& f : frames) deliver(std::move(f.frame), f.kind);
  }
  std::vector<std::vector<server::FrameKind>> together() {
    std::lock_guard lock(mutex_);
    return together_;
  }
  std::uint64_t id() const override { return id_; }
  void close(const char* reason) override {
    std::lock_guard lock(mutex_);
    closed_ = reason;
    cv_.notify_all();
  }
  // Waits (bounded) until the hub closes this peer; returns why ("" if it did not).
  std::string wait_closed() {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, 30s, [&] { return !closed_.empty(); });
    return closed_;
  }
  std::string closed_now() {
    std::lock_guard lock(mutex_);
    return closed_;
  }

  // Waits (bounded) until `n` answers arrived; returns everything so far.
  std::vector<Received> wait_answers(std::size_t n) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, 30s, [&] { return answers() >= n; });
    return received_;
  }
  std::vector<Received> wait_for(const std::function<bool(const Received&)>& want) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, 30s, [&] { return std::ranges::any_of(received_, want); });
    return received_;
  }

 private:
  std::size_t answers() const {
    return static_cast<std::size_t>(std::ranges::count_if(received_, [](const Received& r) { return r.message.request_id() != 0; }));
  }
  std::uint64_t id_;
  std::string journal_path_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Received> received_;
  std::vector<std::vector<server::FrameKind>> together_;
  std::string closed_;
};

// A hub on a fresh journal file, its strand run by two threads, stopped in order.
class HubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = server::Journal::open(path);
    ASSERT_TRUE(opened) << opened.error();
    journal = std::move(*opened);
    journal->start();
    hub = std::make_unique<server::Hub>(io, *journal, credentials);
    ASSERT_TRUE(hub->replay({}));
    for (int i = 0; i < 2; ++i) threads.emplace_back([this] { io.run(); });
  }
  void TearDown() override {
    if (hub) hub->stop();
    work.reset();
    io.stop();
    for (auto& t : threads) t.join();
    if (journal) journal->stop();
  }

  // Attaches the clerk (and a display, if any) and sends the seed's set-up
  // commands without waiting for them; returns the last request id used.
  std::uint64_t set_up_seed(const std::shared_ptr<FakePeer>& clerk, const std::shared_ptr<FakePeer>& display) {
    hub->attach(clerk, server::Role::Clerk, "", 1);  // no PIN: no generation to check
    if (display) hub->attach(display, server::Role::Display, "", 1);
    std::uint64_t rid = 1;
    for (const Command& c : seed::setup_commands()) hub->command(clerk, ++rid, c);
    return rid;
  }

  const std::string path = make_temp_dir() + "/journal.sqlite";
  std::unique_ptr<server::Journal> journal;
  server::Credentials credentials;
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{io.get_executor()};
  std::unique_ptr<server::Hub> hub;
  std::vector<std::thread> threads;
};

TEST_F(HubTest, AnswersFollowTheCommitAndRoomViewsAreCoalesced) {

  auto clerk = std::make_shared<FakePeer>(1, path);
  auto display = std::make_shared<FakePeer>(2, path);
  std::uint64_t rid = set_up_seed(clerk, display);
  std::size_t votes = 0;
  for (const Command& c : seed::vote_and_close_commands())
    if (const auto* v = std::get_if<cmd::CastVote>(&c)) {
      hub->vote(clerk, ++rid, *v);  // the peer is only where the answer goes
      ++votes;
      std::this_thread::sleep_for(5ms);  // pacing the votes over ~300 ms, not waiting for anything
    }
  const auto answers = clerk->wait_answers(rid);
  std::size_t receipts = 0;
  for (const auto& r : answers) {
    if (r.message.has_refused()) ADD_FAILURE() << r.message.DebugString();
    if (r.message.has_receipt()) {
      ++receipts;
      EXPECT_GE(r.durable_seq, r.message.receipt().journal_seq()) << "a receipt ahead of the disk";
    }
    if (r.message.has_done()) {
      EXPECT_GE(r.durable_seq, r.message.done().journal_seq()) << "an answer ahead of the disk";
    }
  }
  EXPECT_EQ(receipts, votes);

  auto seen = display->wait_for([&](const Received& r) {
    return r.message.has_room_view() && r.message.room_view().ballot().cast() == static_cast<std::int64_t>(votes);
  });
  std::vector<Clock::time_point> views;
  for (const auto& r : seen)
    if (r.message.has_room_view()) views.push_back(r.at);
  ASSERT_GE(views.size(), 4u);
  for (std::size_t i = 2; i < views.size(); ++i)  // the first is the snapshot at login
    EXPECT_GE(views[i] - views[i - 1], 45ms) << "RoomView " << i << " came too soon";
  EXPECT_LT(views.size(), votes);  // coalesced, not one per vote

}

// A PIN reset racing a login: the old PIN was checked on the hashing pool
// (Credentials::check) before the reset committed, the attach comes after. The
// hub refuses it with a sentence asking for the new PIN and closes the
// connection; the new PIN gets in; a session attached before a reset is still
// closed by the reset. Ordered by waiting for each answer, never by sleeping.
TEST_F(HubTest, ALoginCheckedAgainstAPinResetSinceIsRefused) {

  auto clerk = std::make_shared<FakePeer>(1, path);
  std::uint64_t rid = set_up_seed(clerk, nullptr);
  clerk->wait_answers(rid);
  // The clerk resets a PIN and waits for its Done: the new PIN is set by then.
  auto reset = [&](const MemberId& member) -> std::string {
    const cmd::ResetPin command{member};
    hub->command(clerk, ++rid, command, server::enrolment_for(command));
    const auto answers = clerk->wait_answers(rid);
    for (const auto& r : answers)
      if (r.message.request_id() == rid && r.message.has_done() && r.message.done().pins_size() == 1)
        return r.message.done().pins(0).pin();
    ADD_FAILURE() << "no new PIN for " << member;
    return "";
  };
  auto answer_to = [](FakePeer& peer, std::uint64_t request_id) {
    return peer.wait_for([&](const Received& r) { return r.message.request_id() == request_id; });
  };

  std::uint64_t next_peer = 10;
  const auto roster = seed::roster();
  ASSERT_GE(roster.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    const MemberId member = roster[k * roster.size() / 3].id;
    const std::string old_pin = reset(member);
    std::uint64_t old_generation = 0;
    ASSERT_TRUE(credentials.check(member, old_pin, &old_generation)) << member;
    const std::string new_pin = reset(member);  // committed between the check and the attach

    auto late = std::make_shared<FakePeer>(++next_peer, path);
    hub->attach(late, server::Role::Delegate, member, 7, old_generation);
    const auto got = answer_to(*late, 7);
    ASSERT_FALSE(got.empty()) << member;
    const Received& refused = got.back();
    ASSERT_TRUE(refused.message.has_refused()) << refused.message.DebugString();
    EXPECT_EQ(refused.message.refused().kind(), pb::BAD_CREDENTIALS);
    EXPECT_NE(refused.message.refused().message().find("nouveau code"), std::string::npos)
        << refused.message.refused().message();
    EXPECT_EQ(refused.kind, server::FrameKind::Goodbye) << "the connection is closed";
    EXPECT_FALSE(std::ranges::any_of(got, [](const Received& r) { return r.message.has_delegate_view(); }));

    // The new PIN gets in at once.
    std::uint64_t new_generation = 0;
    ASSERT_TRUE(credentials.check(member, new_pin, &new_generation)) << member;
    EXPECT_FALSE(credentials.check(member, old_pin)) << member;
    auto fresh = std::make_shared<FakePeer>(++next_peer, path);
    hub->attach(fresh, server::Role::Delegate, member, 8, new_generation);
    const auto in = fresh->wait_for([](const Received& r) { return r.message.has_delegate_view(); });
    ASSERT_TRUE(std::ranges::any_of(in, [](const Received& r) { return r.message.has_login_ok(); })) << member;

    // Attached before a reset: the reset closes that session.
    reset(member);
    EXPECT_EQ(fresh->wait_closed(), "PIN reset by the clerk") << member;
    // The reset closed its sessions before answering: the refused login was none of them.
    EXPECT_EQ(late->closed_now(), "") << "never attached, so never closed by a reset";
  }

}

// A tablet gets its LoginOk with its first view, and each receipt with the
// view that shows the vote, view first, in one delivery: one write on the wire.
// The clerk's room view (the display's, with the clerk's parts appended) lists
// the tablets online; the display's does not.
TEST_F(HubTest, AReceiptLeavesWithTheViewShowingTheVoteAndOnlyTheClerkSeesWhoIsOnline) {
  using server::FrameKind;
  auto clerk = std::make_shared<FakePeer>(1, path);
  auto display = std::make_shared<FakePeer>(2, path);
  clerk->wait_answers(set_up_seed(clerk, display));

  std::vector<cmd::CastVote> votes;
  for (const Command& c : seed::vote_and_close_commands())
    if (const auto* v = std::get_if<cmd::CastVote>(&c); v && votes.size() < 3) votes.push_back(*v);
  ASSERT_EQ(votes.size(), 3u);
  std::uint64_t next_peer = 10;
  for (const cmd::CastVote& vote : votes) {
    auto tablet = std::make_shared<FakePeer>(++next_peer, path);
    hub->attach(tablet, server::Role::Delegate, vote.by, 1);
    tablet->wait_answers(1);
    hub->vote(tablet, 2, vote);
    const auto got = tablet->wait_answers(2);
    const auto groups = tablet->together();
    ASSERT_EQ(groups.size(), 2u) << vote.by;
    EXPECT_EQ(groups[0], (std::vector<FrameKind>{FrameKind::Answer, FrameKind::DelegateView})) << "LoginOk, first view";
    EXPECT_EQ(groups[1], (std::vector<FrameKind>{FrameKind::DelegateView, FrameKind::Answer})) << "view, then receipt";
    ASSERT_GE(got.size(), 4u);
    const Received& view = got[got.size() - 2];
    ASSERT_TRUE(view.message.has_delegate_view()) << view.message.DebugString();
    ASSERT_TRUE(got.back().message.has_receipt()) << got.back().message.DebugString();
    EXPECT_EQ(got.back().message.receipt().voice(), vote.voice);

    // The clerk's next room view names this tablet among those online, the display's names none.
    auto online = [&](const Received& r) {
      return r.message.has_room_view() && std::ranges::find(r.message.room_view().online_members(), vote.by) !=
                                              r.message.room_view().online_members().end();
    };
    const auto clerk_seen = clerk->wait_for(online);
    EXPECT_TRUE(std::ranges::any_of(clerk_seen, online)) << vote.by;
    const auto display_seen = display->wait_for([](const Received& r) { return r.message.has_room_view(); });
    for (const Received& r : display_seen)
      if (r.message.has_room_view()) EXPECT_EQ(r.message.room_view().online_members_size(), 0);
  }
  // The clerk's merged view still parses as one RoomView with the durable count.
  const auto last = clerk->wait_for([&](const Received& r) {
    return r.message.has_room_view() && r.message.room_view().ballot().cast() == 3 &&
           r.message.room_view().online_members_size() == 3;
  });
  EXPECT_TRUE(std::ranges::any_of(last, [](const Received& r) {
    return r.message.has_room_view() && r.message.room_view().online_members_size() == 3;
  }));
}

}  // namespace
}  // namespace scrutin::testing
