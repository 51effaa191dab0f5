// Secret ballots in the domain: a vote is "who voted" (for the chained journal)
// and a bulletin without its voter (for the ballot box); the close seals the
// box's contents into the chain, sorted, and the tally is counted from them.
// A journal holding only the chained events replays to the same result.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "domain/session.hpp"

namespace scrutin {
namespace {

struct Room {
  Session s;
  std::vector<Event> all;    // everything decided
  std::vector<Event> chain;  // what the chained journal holds (no bulletins)
  Millis now = 1000;
  std::vector<Event> ok(const Command& c) {
    auto r = s.execute(c, now += 1000);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    if (!r) return {};
    for (const Event& e : *r) {
      all.push_back(e);
      if (!goes_to_ballot_box(e)) chain.push_back(e);
    }
    return *r;
  }
  Room(const RuleSet& rules, int n, bool distinct_weights) {
    SessionInfo info;
    info.body = "Conseil";
    info.date = "2026-06-01";
    info.seats = n;
    info.president = "M1";
    ok(cmd::ConfigureSession{info, rules});
    std::vector<Member> roster;
    for (int i = 1; i <= n; ++i)
      roster.push_back(Member{"M" + std::to_string(i), "Membre " + std::to_string(i), "", MemberKind::Titular, "",
                              distinct_weights ? 10 + i : 1, ""});
    ok(cmd::ImportRoster{roster});
    ok(cmd::AddItem{Item{"1", "Désignation"}});
    for (int i = 1; i <= n; ++i) ok(cmd::CheckIn{"M" + std::to_string(i)});
    ok(cmd::OpenBallot{"1", BallotMode::Secret, true, std::nullopt});
  }
};

// No weighted rules: no secret ballot where voices weigh (weighted_secret_test.cpp).
const RuleSet kRules[] = {french_council(), french_council_2020_2022(), general_assembly({1, 3}, false, {2, 3})};
const Choice kChoices[] = {Choice::Pour, Choice::Contre, Choice::Abstention, Choice::NotTakingPart};

TEST(SecretBox, AVoteIsWhoWithoutWhatAndABulletinWithoutWho) {
  for (const RuleSet& rules : kRules)
    for (bool distinct : {false, true}) {
      Room r(rules, 6, distinct);
      auto events = r.ok(cmd::CastVote{"1", "M3", "M3", Choice::Contre, false});
      ASSERT_EQ(events.size(), 2u);
      const auto& who = std::get<ev::SecretVoteCast>(events[0]);
      EXPECT_EQ(who.voice, "M3");
      EXPECT_FALSE(goes_to_ballot_box(events[0]));
      ASSERT_TRUE(goes_to_ballot_box(events[1]));
      const auto& bulletin = std::get<ev::SecretChoiceCast>(events[1]);
      EXPECT_EQ(bulletin.choice, Choice::Contre);
      // A weight unique to a member would name the voter: only where the rules weigh.
      EXPECT_EQ(bulletin.weight, rules.weighted ? r.s.member("M3")->weight : 1) << rules.name;
    }
}

TEST(SecretBox, TheCloseSealsTheSortedBoxAndTheChainAloneReplaysTheResult) {
  for (unsigned seed = 1; seed <= 24; ++seed) {
    std::mt19937 rng(seed);
    const RuleSet& rules = kRules[seed % std::size(kRules)];
    const int n = 3 + static_cast<int>(rng() % 12);
    Room r(rules, n, seed % 2 == 0);
    std::vector<Choice> cast;
    for (int i = 1; i <= n; ++i) {
      if (rng() % 5 == 0) continue;  // some do not vote
      const Choice c = kChoices[rng() % 4];
      cast.push_back(c);
      r.ok(cmd::CastVote{"1", "M" + std::to_string(i), "M" + std::to_string(i), c, false});
    }
    auto closed = r.ok(cmd::CloseBallot{"1"});
    ASSERT_EQ(closed.size(), 2u);
    const auto& seal = std::get<ev::SecretBoxSealed>(closed[0]);
    ASSERT_EQ(seal.contents.size(), cast.size());
    EXPECT_TRUE(std::ranges::is_sorted(seal.contents, {}, [](const auto& b) { return std::pair{b.choice, b.weight}; }));
    for (Choice c : kChoices)
      EXPECT_EQ(std::ranges::count(seal.contents, c, &ev::SecretChoiceCast::choice), std::ranges::count(cast, c));
    const Ballot* live = r.s.ballot("1");
    EXPECT_EQ(live->tally.heads.pour, std::ranges::count(cast, Choice::Pour));
    // The chain alone (no bulletins) gives back the same ballot, checked.
    auto from_chain = Session::replay_checked(r.chain);
    ASSERT_TRUE(from_chain) << from_chain.error().message;
    EXPECT_EQ(from_chain->ballot("1")->tally, live->tally);
    EXPECT_EQ(from_chain->ballot("1")->outcome, live->outcome);
    // No event of the chain but the seal carries a choice, and the seal carries no voter.
    for (const Event& e : r.chain) EXPECT_FALSE(std::holds_alternative<ev::SecretChoiceCast>(e));
  }
}

TEST(SecretBox, ACancelledSecretBallotIsSealedTooAndCanBeTakenAgain) {
  for (const RuleSet& rules : kRules) {
    Room r(rules, 5, false);
    r.ok(cmd::CastVote{"1", "M1", "M1", Choice::Pour, false});
    r.ok(cmd::CastVote{"1", "M2", "M2", Choice::Contre, false});
    auto cancelled = r.ok(cmd::CancelBallot{"1", "ouvert par erreur"});
    ASSERT_EQ(cancelled.size(), 2u);
    EXPECT_EQ(std::get<ev::SecretBoxSealed>(cancelled[0]).contents.size(), 2u);
    r.ok(cmd::OpenBallot{"1", BallotMode::Secret, false, std::nullopt});
    r.ok(cmd::CastVote{"1", "M1", "M1", Choice::Contre, false});
    r.ok(cmd::CloseBallot{"1"});
    EXPECT_EQ(r.s.ballot("1")->tally.heads.contre, 1);
    EXPECT_EQ(r.s.ballot("1")->tally.heads.pour, 0);
    auto from_chain = Session::replay_checked(r.chain);
    ASSERT_TRUE(from_chain) << from_chain.error().message;
    EXPECT_EQ(from_chain->ballot("1")->tally, r.s.ballot("1")->tally);
  }
}

}  // namespace
}  // namespace scrutin
