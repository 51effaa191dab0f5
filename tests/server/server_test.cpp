// The real scrutin-server on 127.0.0.1, real TLS, real SQLite file, driven by a
// raw client: the conversation, roles, bad input, a flood, a clean stop and
// restart, and the journal check.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <thread>

#include "common/frame.hpp"
#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "raw_client.hpp"
#include "support/seed.hpp"
#include "support/journal_file.hpp"
#include "support/server_process.hpp"
#include "seeded_server.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(ServerTest, HelloWithAnotherVersionGetsAClearErrorAndIsClosed) {
  auto c = connect();
  auto a = c->hello(99);
  ASSERT_TRUE(a && a->has_refused());
  EXPECT_EQ(a->refused().kind(), pb::VERSION_MISMATCH);
  EXPECT_NE(a->refused().message().find("99"), std::string::npos) << a->refused().message();
  EXPECT_NE(a->refused().message().find("version " + std::to_string(protocol::kVersion)), std::string::npos)
      << a->refused().message();
  EXPECT_TRUE(c->closed_by_server());
}

TEST_F(ServerTest, AnythingBeforeHelloIsRefusedAndClosed) {
  auto c = connect();
  auto a = c->request(ping_message());
  ASSERT_TRUE(a && a->has_refused());
  EXPECT_EQ(a->refused().kind(), pb::NOT_LOGGED_IN);
  EXPECT_TRUE(c->closed_by_server());
}

TEST_F(ServerTest, RequestsBeforeLoginAreRefusedAndTheConnectionStays) {
  auto c = connect();
  ASSERT_TRUE(c->hello());
  pb::Command close;
  close.mutable_close_ballot()->set_item("x");
  auto a = c->request(command_message(close));
  ASSERT_TRUE(a && a->has_refused());
  EXPECT_EQ(a->refused().kind(), pb::NOT_LOGGED_IN);
  auto v = c->request(vote_message("x", "T01", pb::POUR));
  ASSERT_TRUE(v && v->has_refused());
  EXPECT_EQ(v->refused().kind(), pb::NOT_LOGGED_IN);
  auto pong = c->request(ping_message());
  ASSERT_TRUE(pong && pong->has_pong());
  auto bad = c->login(pb::CLERK, "", "not the passphrase");
  ASSERT_TRUE(bad && bad->has_refused());
  EXPECT_EQ(bad->refused().kind(), pb::BAD_CREDENTIALS);
  auto good = c->login(pb::CLERK, "", server.passphrase);
  ASSERT_TRUE(good && good->has_login_ok());
}

// A device guessing PINs is throttled; the real delegate, typing the right
// PIN on another device, gets in at once (loopback addresses stand for devices).
TEST_F(ServerTest, AGuessingDeviceIsThrottledButNeverLocksOutTheRealDelegate) {
  open_seed_ballot();
  const std::string member = "T07";
  const std::string wrong = pins.at(member) == "000000" ? "000001" : "000000";
  RawClient guesser(server.host, server.port, server.fingerprint, std::chrono::seconds(10), "127.0.0.2");
  ASSERT_TRUE(guesser.hello());
  int refused_wrong = 0;
  std::optional<pb::ServerMessage> blocked;
  for (int i = 0; i < 30 && !blocked; ++i) {
    auto a = guesser.login(pb::DELEGATE, i % 2 ? member : "T08", wrong);
    ASSERT_TRUE(a && a->has_refused());
    if (a->refused().kind() == pb::LOCKED_OUT) blocked = a;
    else ++refused_wrong;
  }
  ASSERT_TRUE(blocked) << "the guessing device was never throttled";
  EXPECT_EQ(refused_wrong, 10);
  EXPECT_NE(blocked->refused().message().find(" s"), std::string::npos) << blocked->refused().message();
  // Even the right PIN from the guessing device waits...
  auto right_from_guesser = guesser.login(pb::DELEGATE, member, pins.at(member));
  ASSERT_TRUE(right_from_guesser && right_from_guesser->has_refused());
  EXPECT_EQ(right_from_guesser->refused().kind(), pb::LOCKED_OUT);
  // ...but the delegate on her own tablet gets in at once.
  auto real = delegate(member);
  auto pong = real->request(ping_message());
  EXPECT_TRUE(pong && pong->has_pong());
  // The clerk sees the failures of that device.
  auto c = clerk();
  bool seen = false;
  for (int i = 0; i < 50 && !seen; ++i) {
    auto m = c->read();
    if (!m) break;
    if (m->has_room_view())
      for (const auto& f : m->room_view().failed_logins())
        if (f.source() == "127.0.0.2" && f.failures() >= 10) seen = true;
  }
  EXPECT_TRUE(seen) << "the clerk's view does not list the guessing device";
  // And the log holds a line per device per minute, not one per guess.
  std::ifstream log(server.log_path());
  std::string line;
  int lines = 0;
  while (std::getline(log, line))
    if (line.find("failed attempt(s) from 127.0.0.2") != std::string::npos) ++lines;
  EXPECT_EQ(lines, 1);
}

TEST_F(ServerTest, EachRoleDoesOnlyItsOwnThings) {
  open_seed_ballot();
  const SeedVote v = votes.front();
  auto d = delegate(v.by);
  pb::Command close;
  close.mutable_close_ballot()->set_item(seed::kItem);
  auto a = d->request(command_message(close));
  ASSERT_TRUE(a && a->has_refused());
  EXPECT_EQ(a->refused().kind(), pb::FORBIDDEN);
  pb::ClientMessage fetch;
  fetch.mutable_fetch_journal()->set_from_seq(1);
  auto f = d->request(fetch);
  ASSERT_TRUE(f && f->has_refused());
  EXPECT_EQ(f->refused().kind(), pb::FORBIDDEN);

  auto display = logged_in(pb::DISPLAY, "", server.display_token());
  auto dv = display->request(vote_message(seed::kItem, v.voice, pb::POUR));
  ASSERT_TRUE(dv && dv->has_refused());
  EXPECT_EQ(dv->refused().kind(), pb::FORBIDDEN);
  auto dc = display->request(command_message(close));
  ASSERT_TRUE(dc && dc->has_refused());
  EXPECT_EQ(dc->refused().kind(), pb::FORBIDDEN);

  // A delegate may not vote for a voice that is not its own.
  const SeedVote other = votes.back();
  ASSERT_NE(other.by, v.by);
  auto foreign = d->request(vote_message(seed::kItem, other.voice, pb::POUR));
  ASSERT_TRUE(foreign && foreign->has_refused());
  EXPECT_EQ(foreign->refused().kind(), pb::DOMAIN_REFUSED);
}

TEST_F(ServerTest, BadFramesCloseOnlyTheirConnection) {
  open_seed_ballot();
  auto good = delegate(votes.front().by);
  auto r = vote(*good, votes.front());
  ASSERT_TRUE(r.has_receipt()) << r.DebugString();
  EXPECT_FALSE(r.receipt().repeat());

  {  // bytes that are not a ClientMessage
    auto bad = connect();
    ASSERT_TRUE(bad->hello());
    bad->send_raw(std::string("\x00\x00\x00\x05\xff\xff\xff\xff\xff", 9));
    auto a = bad->read();
    if (a) {
      EXPECT_EQ(a->refused().kind(), pb::BAD_FRAME);
    }
    EXPECT_TRUE(bad->closed_by_server());
  }
  {  // an oversized length, before any allocation
    auto bad = connect();
    ASSERT_TRUE(bad->hello());
    bad->send_raw(std::string("\x7f\xff\xff\xff", 4));
    auto a = bad->read();
    if (a) {
      EXPECT_EQ(a->refused().kind(), pb::BAD_FRAME);
    }
    EXPECT_TRUE(bad->closed_by_server());
  }
  {  // an empty frame, before Hello
    auto bad = connect();
    bad->send_raw(std::string("\x00\x00\x00\x00", 4));
    EXPECT_TRUE(bad->closed_by_server());
  }

  auto pong = good->request(ping_message());
  ASSERT_TRUE(pong && pong->has_pong());
  auto again = vote(*good, votes.front());
  ASSERT_TRUE(again.has_receipt()) << again.DebugString();
  EXPECT_TRUE(again.receipt().repeat());  // the earlier vote is still recorded
  auto c = clerk();
  EXPECT_EQ(count_votes(fetch_all(*c)), 1);
}

TEST_F(ServerTest, AnEmptyMessageIsAnUnknownMessage) {
  auto c = clerk();
  pb::ClientMessage empty;
  empty.set_request_id(77);
  auto a = c->request(empty);
  ASSERT_TRUE(a && a->has_refused());
  EXPECT_EQ(a->refused().kind(), pb::UNKNOWN_MESSAGE);
  auto pong = c->request(ping_message());
  EXPECT_TRUE(pong && pong->has_pong());
}

TEST_F(ServerTest, VotesAreIdempotentAndAClosedBallotRefusesThem) {
  open_seed_ballot();
  const SeedVote v = votes.front();
  auto d = delegate(v.by);
  auto first = vote(*d, v);
  ASSERT_TRUE(first.has_receipt());
  EXPECT_FALSE(first.receipt().repeat());
  EXPECT_GT(first.receipt().journal_seq(), 0u);
  auto repeat = vote(*d, v);
  ASSERT_TRUE(repeat.has_receipt());
  EXPECT_TRUE(repeat.receipt().repeat());
  auto odd = vote(*d, v, static_cast<pb::Choice>(42));  // not a choice: refused, not taken as "no part"
  ASSERT_TRUE(odd.has_refused());
  EXPECT_EQ(odd.refused().code(), pb::CODE_INVALID_ARGUMENT);

  auto c = clerk();
  pb::Command close;
  close.mutable_close_ballot()->set_item(seed::kItem);
  auto closed = c->request(command_message(close));
  ASSERT_TRUE(closed && closed->has_done());

  auto late = vote(*d, votes[1].by == v.by ? votes[1] : v, pb::CONTRE);
  ASSERT_TRUE(late.has_refused()) << late.DebugString();
  EXPECT_EQ(late.refused().kind(), pb::DOMAIN_REFUSED);
  EXPECT_EQ(late.refused().code(), pb::CODE_BALLOT_CLOSED);
  EXPECT_NE(late.refused().message().find("closed"), std::string::npos);
}

// One device per delegate: a second sign-in takes over, the first device is
// told why (a code its tablet words) and closed, and the second one votes.
TEST_F(ServerTest, SigningInOnASecondDeviceTakesOverAndTheFirstIsToldWhy) {
  open_seed_ballot();
  const SeedVote v = votes.front();
  auto first = delegate(v.by);
  auto other = delegate(votes.back().by == v.by ? votes[1].by : votes.back().by);  // someone else: untouched
  auto second = delegate(v.by);
  std::optional<pb::ServerMessage> told;
  for (int i = 0; i < 20 && !told; ++i) {  // after any view pushed before the takeover
    auto m = first->read();
    if (!m) break;
    if (m->has_refused()) told = m;
  }
  ASSERT_TRUE(told.has_value()) << "the first device was not told";
  EXPECT_EQ(told->request_id(), 0u);
  EXPECT_EQ(told->refused().code(), pb::CODE_TAKEN_OVER);
  EXPECT_TRUE(first->closed_by_server());
  auto receipt = vote(*second, v);
  ASSERT_TRUE(receipt.has_receipt()) << receipt.DebugString();
  pb::ClientMessage ping = ping_message();
  auto pong = other->request(ping);
  ASSERT_TRUE(pong && pong->has_pong()) << "another delegate's device stays signed in";
}

// A receipt is a witness: it names the journal entry and its chain hash, which
// a later fetch of the journal must show unchanged.
TEST_F(ServerTest, AReceiptCarriesTheSequenceAndChainHashOfTheJournal) {
  open_seed_ballot();
  const SeedVote v = votes.front();
  auto d = delegate(v.by);
  auto receipt = vote(*d, v);
  ASSERT_TRUE(receipt.has_receipt());
  ASSERT_EQ(receipt.receipt().journal_head().size(), 64u);
  auto c = clerk();
  bool found = false;
  for (const auto& e : fetch_all(*c))
    if (e.seq() == receipt.receipt().journal_seq()) {
      found = true;
      EXPECT_EQ(to_hex(e.hash()), receipt.receipt().journal_head());
    }
  EXPECT_TRUE(found);
}

// Who acts is set by the server from the role: a clerk's CastVote that claims
// to be the delegate's own (by_clerk = false) is recorded as the clerk's entry.
TEST_F(ServerTest, AClerkVoteIsAlwaysRecordedAsTheClerksEntry) {
  open_seed_ballot();
  const SeedVote v = votes.front();
  auto c = clerk();
  pb::Command cast;
  auto* x = cast.mutable_cast_vote();
  x->set_item(seed::kItem);
  x->set_voice(v.voice);
  x->set_by(v.by);
  x->set_choice(pb::CONTRE);
  x->set_by_clerk(false);  // the lie
  auto done = c->request(command_message(cast));
  ASSERT_TRUE(done && done->has_done()) << (done ? done->DebugString() : "closed");
  int seen = 0;
  for (const auto& e : fetch_all(*c))
    if (e.event().has_vote_cast() && e.event().vote_cast().voice() == v.voice) {
      ++seen;
      EXPECT_TRUE(e.event().vote_cast().cast().by_clerk()) << e.DebugString();
    }
  EXPECT_EQ(seen, 1);
}

// A voice may change its vote, but not without bound: a tablet looping on
// changes gets a sentence, and the journal does not grow with it.
TEST_F(ServerTest, ChangesOfOneVoiceAreBoundedPerSecond) {
  open_seed_ballot();
  const SeedVote v = votes.front();
  auto d = delegate(v.by);
  ASSERT_TRUE(vote(*d, v, pb::POUR).has_receipt());  // the first vote is never limited
  int accepted = 0;
  std::optional<pb::Refused> refused;
  for (int i = 0; i < 30 && !refused; ++i) {
    auto a = vote(*d, v, i % 2 ? pb::POUR : pb::CONTRE);
    if (a.has_receipt()) ++accepted;
    else if (a.has_refused()) refused = a.refused();
  }
  ASSERT_TRUE(refused) << "thirty changes at once were all accepted";
  EXPECT_EQ(accepted, 10);
  EXPECT_EQ(refused->code(), pb::CODE_TOO_MANY_CHANGES);
  EXPECT_FALSE(refused->message().empty());
  // Another voice is not concerned.
  const SeedVote& other = votes[1].by == v.by ? votes[2] : votes[1];
  auto d2 = delegate(other.by);
  EXPECT_TRUE(vote(*d2, other, pb::CONTRE).has_receipt());
  // After a second the voice may change again.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(vote(*d, v, pb::ABSTENTION).has_receipt());
}

// A device that finishes TLS and then trickles bytes is not kept for ever:
// it must log in within --login-timeout, and finish any frame it starts
// within --frame-timeout. Too many connections from one address are refused.
TEST(ServerConnections, SlowDevicesAreClosedAndOneAddressCannotTakeEveryConnection) {
  ServerProcess server;
  server.extra_args = {"--login-timeout", "2", "--frame-timeout", "1", "--max-connections-per-address", "3"};
  server.start();
  const auto t0 = std::chrono::steady_clock::now();
  RawClient never_logs_in(server.host, server.port, server.fingerprint, std::chrono::seconds(10), "127.0.0.3");
  ASSERT_TRUE(never_logs_in.hello());
  for (int i = 0; i < 8; ++i) {  // a ping every 0.5 s keeps it from being idle, not from logging in
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    if (!never_logs_in.send_raw(std::string("\0\0\0\0", 4))) break;
  }
  EXPECT_TRUE(never_logs_in.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(8));

  RawClient trickle(server.host, server.port, server.fingerprint, std::chrono::seconds(10), "127.0.0.4");
  ASSERT_TRUE(trickle.hello());
  ASSERT_TRUE(trickle.login(pb::CLERK, "", server.passphrase));
  EXPECT_TRUE(trickle.send_raw(std::string("\0\0\0\x20", 4)));  // 32 bytes announced, never sent
  const auto t1 = std::chrono::steady_clock::now();
  EXPECT_TRUE(trickle.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - t1, std::chrono::seconds(5));

  std::vector<std::unique_ptr<RawClient>> same;
  for (int i = 0; i < 3; ++i)
    same.push_back(std::make_unique<RawClient>(server.host, server.port, server.fingerprint,
                                               std::chrono::seconds(10), "127.0.0.5"));
  EXPECT_THROW(RawClient(server.host, server.port, server.fingerprint, std::chrono::seconds(2), "127.0.0.5"),
               std::exception)
      << "a fourth connection from one address";
  RawClient other(server.host, server.port, server.fingerprint, std::chrono::seconds(10), "127.0.0.6");
  EXPECT_TRUE(other.hello()) << "another address is not concerned";
  same.pop_back();  // one closes: room again, once the server has seen it go
  bool again = false;
  for (int i = 0; i < 50 && !again; ++i) {
    try {
      RawClient fourth(server.host, server.port, server.fingerprint, std::chrono::seconds(2), "127.0.0.5");
      again = fourth.hello().has_value();
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  EXPECT_TRUE(again);
}

TEST_F(ServerTest, AFloodFromOneConnectionDoesNotHurtAnother) {
  open_seed_ballot();
  auto good = delegate(votes.front().by);
  auto flooder = delegate(votes.back().by);
  // 5,000 pings in one go, never reading the answers.
  std::string burst;
  pb::ClientMessage ping = ping_message();
  for (int i = 0; i < 5000; ++i) {
    ping.set_request_id(static_cast<std::uint64_t>(i + 1000));
    append_frame(burst, ping.SerializeAsString(), protocol::kMaxClientFrame);
  }
  std::thread flood([&] {
    for (int round = 0; round < 4; ++round)
      if (!flooder->send_raw(burst)) break;
  });
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 50; ++i) {
    auto pong = good->request(ping_message());
    ASSERT_TRUE(pong && pong->has_pong());
  }
  auto r = vote(*good, votes.front());
  ASSERT_TRUE(r.has_receipt());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  flood.join();
  flooder.reset();
  auto c = clerk();
  EXPECT_EQ(count_votes(fetch_all(*c)), 1);
}

TEST_F(ServerTest, CleanStopThenRestartKeepsEveryVote) {
  open_seed_ballot();
  const int n = 20;
  std::map<std::string, std::unique_ptr<RawClient>> delegates;
  for (int i = 0; i < n; ++i) {
    auto& d = delegates[votes[i].by];
    if (!d) d = delegate(votes[i].by);
    auto r = vote(*d, votes[i], i % 2 ? pb::CONTRE : pb::POUR);
    ASSERT_TRUE(r.has_receipt()) << r.DebugString();
  }
  delegates.clear();
  EXPECT_EQ(server.stop(), 0);
  EXPECT_FALSE(std::filesystem::exists(server.data_dir + "/endpoint"));

  server.start();
  auto c = clerk();
  EXPECT_EQ(count_votes(fetch_all(*c)), n);
  // Resending a vote after the restart is a repeat; the tally shows them all.
  auto d = delegate(votes[0].by);
  auto again = vote(*d, votes[0]);
  ASSERT_TRUE(again.has_receipt());
  EXPECT_TRUE(again.receipt().repeat());
  pb::Command close;
  close.mutable_close_ballot()->set_item(seed::kItem);
  ASSERT_TRUE(c->request(command_message(close)));
  auto entries = fetch_all(*c);
  ASSERT_TRUE(entries.back().event().has_ballot_closed());
  const auto& heads = entries.back().event().ballot_closed().tally().heads();
  EXPECT_EQ(heads.pour(), n / 2);
  EXPECT_EQ(heads.contre(), n / 2);
}

TEST_F(ServerTest, DisplaysSeeLiveCountsAndASecretBallotsCountsOnlyOnceClosed) {
  open_seed_ballot();
  auto display = logged_in(pb::DISPLAY, "", server.display_token());
  std::map<std::string, std::unique_ptr<RawClient>> delegates;
  auto as = [&](const std::string& by) -> RawClient& {
    auto& d = delegates[by];
    if (!d) d = delegate(by);
    return *d;
  };
  ASSERT_TRUE(vote(as(votes[0].by), votes[0], pb::POUR).has_receipt());
  ASSERT_TRUE(vote(as(votes[1].by), votes[1], pb::POUR).has_receipt());
  ASSERT_TRUE(vote(as(votes[2].by), votes[2], pb::CONTRE).has_receipt());
  // A changed vote moves from one count to the other.
  ASSERT_TRUE(vote(as(votes[1].by), votes[1], pb::ABSTENTION).has_receipt());
  auto live = room_view_until(
      *display, [](const pb::RoomView& v) { return v.ballot().cast() == 3 && v.ballot().counts().abstentions() == 1; });
  ASSERT_TRUE(live);
  EXPECT_EQ(live->ballot().item(), seed::kItem);
  EXPECT_TRUE(live->ballot().open());
  EXPECT_EQ(live->ballot().counts().pour(), 1);
  EXPECT_EQ(live->ballot().counts().contre(), 1);
  EXPECT_EQ(live->ballot().expected(), 56);
  EXPECT_EQ(live->ballot().counts().voters(), 56);
  EXPECT_EQ(live->ballot().counts().not_taking_part(), 53);

  auto c = clerk();
  pb::Command close;
  close.mutable_close_ballot()->set_item(seed::kItem);
  ASSERT_TRUE(c->request(command_message(close)));
  pb::Command add;
  add.mutable_add_item()->mutable_item()->set_id("S-1");
  add.mutable_add_item()->mutable_item()->set_title("Appointment");
  auto added = c->request(command_message(add));
  ASSERT_TRUE(added && added->has_done()) << added->DebugString();
  pb::Command open;
  open.mutable_open_ballot()->set_item("S-1");
  open.mutable_open_ballot()->set_mode(pb::SECRET);
  auto opened = c->request(command_message(open));
  ASSERT_TRUE(opened && opened->has_done()) << opened->DebugString();

  for (int i = 0; i < 2; ++i) {
    auto& d = as(votes[static_cast<std::size_t>(i)].by);
    d.pushes.clear();
    auto r = d.request(vote_message("S-1", votes[static_cast<std::size_t>(i)].voice, pb::POUR));
    ASSERT_TRUE(r && r->has_receipt()) << r->DebugString();
    // Its tablet is told the voice has voted (not what: the server does not keep it).
    bool seen = false;
    for (const auto& m : d.pushes)
      if (m.has_delegate_view() && m.delegate_view().ballot().item() == "S-1")
        for (const auto& v : m.delegate_view().voices())
          seen |= v.voice() == votes[static_cast<std::size_t>(i)].voice && v.voted();
    EXPECT_TRUE(seen);
  }
  auto secret = room_view_until(*display, [](const pb::RoomView& v) {
    return v.ballot().item() == "S-1" && v.ballot().cast() == 2;
  });
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->ballot().mode(), pb::SECRET);
  EXPECT_FALSE(secret->ballot().has_counts());  // hidden until the close
  close.mutable_close_ballot()->set_item("S-1");
  ASSERT_TRUE(c->request(command_message(close)));
  auto closed = room_view_until(*display, [](const pb::RoomView& v) {
    return v.ballot().item() == "S-1" && v.ballot().closed();
  });
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->ballot().counts().pour(), 2);

  // The journal: who voted; the choices only in the box sealed at the close.
  int who = 0, what = 0;
  for (const auto& e : fetch_all(*c)) {
    who += e.event().has_secret_vote_cast();
    EXPECT_FALSE(e.event().has_secret_choice_cast()) << "a bulletin in the chain at seq " << e.seq();
    if (e.event().has_secret_box_sealed()) what += e.event().secret_box_sealed().contents_size();
    if (e.event().has_vote_cast()) {
      EXPECT_NE(e.event().vote_cast().item(), "S-1");
    }
  }
  EXPECT_EQ(who, 2);
  EXPECT_EQ(what, 2);
}

TEST(ServerIdle, ASilentConnectionIsClosedAndAPingingOneIsNot) {
  ServerProcess server;
  server.extra_args = {"--idle-timeout", "1"};
  server.start();
  RawClient silent(server.host, server.port, server.fingerprint);
  RawClient pinging(server.host, server.port, server.fingerprint);
  ASSERT_TRUE(silent.hello());
  ASSERT_TRUE(pinging.hello());
  const auto start = std::chrono::steady_clock::now();
  // 2.5 s of pings every 250 ms: longer than the timeout, never silent that long.
  for (int i = 0; i < 10; ++i) {
    auto pong = pinging.request(ping_message());
    ASSERT_TRUE(pong && pong->has_pong()) << "closed after " << i << " pings";
    std::this_thread::sleep_for(250ms);  // the client's pacing, not a wait for the server
  }
  EXPECT_TRUE(silent.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

struct Run {
  int status = -1;
  std::string output;
};
Run run(const std::string& command) {
  Run r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST_F(ServerTest, VerifyCatchesAnEditedEventAndTheServerRefusesToStart) {
  open_seed_ballot();
  auto d = delegate(votes[0].by);
  auto r = vote(*d, votes[0]);
  ASSERT_TRUE(r.has_receipt());
  const std::uint64_t vote_seq = r.receipt().journal_seq();
  d.reset();
  ASSERT_EQ(server.stop(), 0);
  const std::string journal = server.data_dir + "/journal.sqlite";

  auto ok = run(std::string(SCRUTIN_SERVER_BINARY) + " verify " + journal);
  EXPECT_EQ(ok.status, 0) << ok.output;

  flip_event_byte(journal, vote_seq);
  auto bad = run(std::string(SCRUTIN_SERVER_BINARY) + " verify " + journal);
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_NE(bad.output.find("seq " + std::to_string(vote_seq)), std::string::npos) << bad.output;

  try {
    server.start();
    FAIL() << "the server started on a broken journal";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("seq " + std::to_string(vote_seq)), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace scrutin::testing
