// No secret ballot where the rules weigh voices: a bulletin would carry its
// voice's weight into the box, and a weight is often one member's alone, so the
// box would say who voted what. decide() refuses to open one with a sentence
// (motions and election rounds alike); public and nominal ballots open; rules
// that do not weigh keep the secret ballot, whatever weights the roster lists.
// A journal recorded before this rule (a weighted secret ballot) still replays.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "domain/session.hpp"

namespace scrutin {
namespace {

struct Sitting {
  Session s;
  Millis now = 1000;
  std::vector<Event> log;

  Sitting(const RuleSet& rules, const std::vector<std::int64_t>& weights, int present = -1) {
    SessionInfo info;
    info.body = "Assemblée";
    info.date = "2026-06-01";
    info.seats = static_cast<int>(weights.size());
    info.president = "M1";
    ok(cmd::ConfigureSession{info, rules});
    std::vector<Member> roster;
    for (std::size_t i = 0; i < weights.size(); ++i)
      roster.push_back(Member{id(static_cast<int>(i) + 1), "Membre " + std::to_string(i + 1), "", MemberKind::Titular,
                              "", weights[i], fmt::format("19{:02}-01-01", 40 + i % 50)});
    ok(cmd::ImportRoster{roster});
    ok(cmd::AddItem{Item{"1", "Budget"}});
    Item election{"2", "Désignation", "", "", "", "", "DE", "", ""};
    election.election_seats = 1;
    election.election_rules = election_designation();
    ok(cmd::AddItem{election});
    ok(cmd::AddCandidate{"2", Candidate{"M1", "", "", ""}});
    const int n = present < 0 ? static_cast<int>(weights.size()) : present;
    for (int i = 1; i <= n; ++i) ok(cmd::CheckIn{id(i)});
  }
  static std::string id(int i) { return "M" + std::to_string(i); }
  void ok(const Command& c) {
    auto r = s.execute(c, now += 10);
    ASSERT_TRUE(r) << r.error().message;
    log.insert(log.end(), r->begin(), r->end());
  }
};

const std::vector<std::vector<std::int64_t>> kWeights = {
    {600, 400, 200},                    // thousandths of a co-ownership: each weight one member's
    {1, 1, 1, 1, 5},                    // one large holder among equals
    {250, 250, 250, 250},               // all equal: still refused (the rules weigh)
    {kMaxWeight, 1, 2, 3, 4, 5, 6, 7},  // extreme weights
};
const RuleSet kWeighted[] = {weighted_assembly({1, 2}, {1, 2}), weighted_assembly({0, 1}, {2, 3}),
                             weighted_assembly({1, 3}, {3, 5})};

TEST(WeightedSecret, OpeningASecretBallotIsRefusedWithASentenceAndChangesNothing) {
  for (const RuleSet& rules : kWeighted)
    for (const auto& weights : kWeights)
      for (const char* item : {"1", "2"}) {  // a motion and an election round
        Sitting t(rules, weights);
        const Session before = t.s;
        auto r = t.s.execute(cmd::OpenBallot{item, BallotMode::Secret, false, std::nullopt}, t.now += 10);
        ASSERT_FALSE(r) << "item " << item << " opened in secret under " << rules.name;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(r.error().message.find("scrutin secret n'est pas possible"), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("public ou nominal"), std::string::npos) << r.error().message;
        EXPECT_EQ(t.s, before) << "a refused command changes nothing";
        EXPECT_EQ(t.s.ballot(item), nullptr);
        // decide() alone says the same (the server and the console ask it before executing).
        EXPECT_FALSE(t.s.decide(cmd::OpenBallot{item, BallotMode::Secret, true, std::nullopt}, t.now));
      }
}

TEST(WeightedSecret, PublicAndNominalBallotsStillOpenAndCountWeights) {
  for (const RuleSet& rules : kWeighted)
    for (const auto& weights : kWeights)
      for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal}) {
        Sitting t(rules, weights);
        t.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
        std::int64_t pour = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
          const std::string m = Sitting::id(static_cast<int>(i) + 1);
          t.ok(cmd::CastVote{"1", m, m, i % 2 ? Choice::Contre : Choice::Pour, false});
          if (i % 2 == 0) pour += weights[i];
        }
        t.ok(cmd::CloseBallot{"1"});
        EXPECT_EQ(t.s.ballot("1")->tally.weighted.pour, pour) << rules.name << " " << to_string(mode);
      }
}

TEST(WeightedSecret, RulesThatDoNotWeighKeepTheSecretBallotWhateverTheRosterSays) {
  for (const RuleSet& rules : {french_council(), french_council_2020_2022(), general_assembly({1, 3}, false, {2, 3})})
    for (const auto& weights : kWeights) {
      Sitting t(rules, weights);
      t.ok(cmd::OpenBallot{"1", BallotMode::Secret, false, std::nullopt});
      const std::string m = "M2";
      auto r = t.s.execute(cmd::CastVote{"1", m, m, Choice::Contre, false}, t.now += 10);
      ASSERT_TRUE(r) << r.error().message;
      for (const Event& e : *r)
        if (const auto* bulletin = std::get_if<ev::SecretChoiceCast>(&e))
          EXPECT_EQ(bulletin->weight, 1) << "no weight that could name a member under " << rules.name;
    }
}

// A journal written before the rule: the ballot was opened in secret under
// weighted rules. Nothing recorded is lost: it replays, checked, to the same state.
TEST(WeightedSecret, AJournalRecordedBeforeTheRuleStillReplays) {
  for (const auto& weights : kWeights) {
    const RuleSet weighted = weighted_assembly({1, 2}, {1, 2});
    Sitting t(weighted, weights);
    // The same sitting under the same rules without weights opens the ballot
    // as the older server did; its event is folded into the weighted sitting.
    std::vector<Event> unweighted_log = t.log;
    std::get<ev::SessionConfigured>(unweighted_log.front()).rules.weighted = false;
    const Session unweighted = Session::replay(unweighted_log);
    auto opened = unweighted.decide(cmd::OpenBallot{"1", BallotMode::Secret, false, std::nullopt}, t.now += 10);
    ASSERT_TRUE(opened) << opened.error().message;
    for (const Event& e : *opened) t.s.apply(e);
    t.log.insert(t.log.end(), opened->begin(), opened->end());
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const std::string m = Sitting::id(static_cast<int>(i) + 1);
      t.ok(cmd::CastVote{"1", m, m, i % 2 ? Choice::Pour : Choice::Contre, false});
    }
    t.ok(cmd::CloseBallot{"1"});
    auto replayed = Session::replay_checked(t.log);
    ASSERT_TRUE(replayed) << replayed.error().message;
    EXPECT_EQ(*replayed, t.s);
    EXPECT_TRUE(replayed->ballot("1")->closed);
  }
}

}  // namespace
}  // namespace scrutin
