// The server fixture most integration tests share: the real scrutin-server,
// a clerk, delegates logged in with the PINs of the seed session's import, and
// the journal fetched page by page.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "proto/convert.hpp"
#include "raw_client.hpp"
#include "support/seed.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {

struct SeedVote {
  std::string voice, by;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }

  std::unique_ptr<RawClient> connect() {
    return std::make_unique<RawClient>(server.host, server.port, server.fingerprint);
  }
  std::unique_ptr<RawClient> logged_in(pb::Role role, const std::string& member, const std::string& secret) {
    auto c = connect();
    auto h = c->hello();
    EXPECT_TRUE(h && h->has_hello_ok());
    auto l = c->login(role, member, secret);
    EXPECT_TRUE(l && l->has_login_ok()) << (l ? l->DebugString() : "closed");
    return c;
  }
  std::unique_ptr<RawClient> clerk() { return logged_in(pb::CLERK, "", server.passphrase); }
  std::unique_ptr<RawClient> delegate(const std::string& member) { return logged_in(pb::DELEGATE, member, pins.at(member)); }

  // The seed session up to its open ballot; keeps the PINs and who casts what.
  void open_seed_ballot() {
    auto c = clerk();
    for (const Command& command : seed::setup_commands()) {
      auto a = c->request(command_message(to_pb(command)));
      ASSERT_TRUE(a && a->has_done()) << (a ? a->DebugString() : "closed");
      for (const auto& p : a->done().pins()) pins[p.member_id()] = p.pin();
    }
    for (const Command& command : seed::vote_and_close_commands())
      if (const auto* v = std::get_if<cmd::CastVote>(&command)) votes.push_back({v->voice, v->by});
    ASSERT_EQ(pins.size(), seed::roster().size());
  }

  pb::ServerMessage vote(RawClient& c, const SeedVote& v, pb::Choice choice = pb::POUR) {
    auto a = c.request(vote_message(seed::kItem, v.voice, choice));
    EXPECT_TRUE(a.has_value());
    return a.value_or(pb::ServerMessage{});
  }

  // The first `voters` seed votes, each from its delegate's own connection, then the clerk closes the ballot.
  void vote_and_close_seed_ballot(std::size_t voters, const std::function<pb::Choice(std::size_t)>& choice_of) {
    for (std::size_t i = 0; i < voters && i < votes.size(); ++i) {
      auto d = delegate(votes[i].by);
      EXPECT_TRUE(vote(*d, votes[i], choice_of(i)).has_receipt()) << votes[i].voice;
    }
    auto c = clerk();
    pb::Command close;
    close.mutable_close_ballot()->set_item(seed::kItem);
    auto done = c->request(command_message(close));
    EXPECT_TRUE(done && done->has_done()) << (done ? done->DebugString() : "closed");
  }

  std::vector<pb::JournalEntry> fetch_all(RawClient& c) {
    std::vector<pb::JournalEntry> out;
    std::uint64_t from = 1;
    for (int page = 0; page < 1000; ++page) {
      pb::ClientMessage m;
      m.mutable_fetch_journal()->set_from_seq(from);
      auto a = c.request(m);
      EXPECT_TRUE(a && a->has_journal_page());
      if (!a || !a->has_journal_page()) break;
      for (const auto& e : a->journal_page().entries()) out.push_back(e);
      if (a->journal_page().done() || a->journal_page().entries().empty()) break;
      from = out.back().seq() + 1;
    }
    return out;
  }

  static int count_votes(const std::vector<pb::JournalEntry>& entries) {
    int n = 0;
    for (const auto& e : entries) n += e.event().has_vote_cast();
    return n;
  }

  ServerProcess server;
  std::map<std::string, std::string> pins;
  std::vector<SeedVote> votes;
};

// Reads pushes until `want` holds for a RoomView (bounded in count and time).
inline std::optional<pb::RoomView> room_view_until(RawClient& c, const std::function<bool(const pb::RoomView&)>& want) {
  for (const auto& m : c.pushes)
    if (m.has_room_view() && want(m.room_view())) return m.room_view();
  c.pushes.clear();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (int i = 0; i < 1000 && std::chrono::steady_clock::now() < deadline; ++i) {
    auto m = c.read();
    if (!m) return std::nullopt;
    if (m->has_room_view() && want(m->room_view())) return m->room_view();
  }
  return std::nullopt;
}

}  // namespace scrutin::testing
