// The majority rule (common/domain/majority.hpp): one implementation for the
// session's rules and the ballot's qualified majority, "at least" for any
// qualified fraction, "strictly more than half" for the absolute majority, on
// a named base; weighted rules decide on weights, ties included.
#include <gtest/gtest.h>

#include <limits>

#include <fmt/format.h>

#include "domain/majority.hpp"
#include "domain/session.hpp"

namespace scrutin {
namespace {

// ---- The pure arithmetic ------------------------------------------------------

TEST(MajorityArithmetic, AbsoluteMajorityIsStrictlyMoreThanHalf) {
  EXPECT_EQ(votes_needed({1, 2}, 60), 31);
  EXPECT_EQ(votes_needed({1, 2}, 61), 31);
  EXPECT_EQ(votes_needed({1, 2}, 2), 2);
  EXPECT_EQ(votes_needed({1, 2}, 1), 1);
  EXPECT_EQ(votes_needed({2, 4}, 10), 6);  // 2/4 is one half
  EXPECT_TRUE(is_absolute_majority({3, 6}));
  EXPECT_FALSE(is_absolute_majority({2, 3}));
}

TEST(MajorityArithmetic, QualifiedMajorityIsAtLeastTheFraction) {
  EXPECT_EQ(votes_needed({2, 3}, 60), 40);
  EXPECT_EQ(votes_needed({2, 3}, 59), 40);  // 39.33 -> 40
  EXPECT_EQ(votes_needed({2, 3}, 61), 41);  // 40.67 -> 41
  EXPECT_EQ(votes_needed({2, 3}, 3), 2);
  EXPECT_EQ(votes_needed({3, 5}, 10), 6);
  EXPECT_EQ(votes_needed({3, 5}, 11), 7);   // 6.6 -> 7
  EXPECT_EQ(votes_needed({3, 4}, 8), 6);
  EXPECT_EQ(votes_needed({1, 3}, 9), 3);    // any fraction, below one half too
  EXPECT_EQ(votes_needed({1, 1}, 7), 7);
  // Brute force against the definition: the smallest p with p * den >= base * num.
  for (std::int64_t den = 2; den <= 9; ++den)
    for (std::int64_t num = 1; num <= den; ++num)
      for (std::int64_t base = 1; base <= 40; ++base) {
        const Fraction f{num, den};
        std::int64_t p = 0;
        if (is_absolute_majority(f))
          while (p * 2 <= base) ++p;
        else
          while (p * den < base * num) ++p;
        ASSERT_EQ(votes_needed(f, base), p) << fmt::format("{}/{} of {}", num, den, base);
      }
}

TEST(MajorityArithmetic, NoOverflowOnHugeWeights) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();  // 9223372036854775807
  EXPECT_EQ(votes_needed({2, 3}, kMax), 6148914691236517205);
  EXPECT_EQ(votes_needed({1, 2}, kMax), 4611686018427387904);
  EXPECT_EQ(votes_needed({999'999'999'999, 1'000'000'000'000}, 1'000'000'000'000), 999'999'999'999);
  EXPECT_EQ(votes_needed({3, 5}, 3'000'000'000'000'000'000), 1'800'000'000'000'000'000);
}

TEST(MajorityArithmetic, NothingCarriesWithoutAVote) {
  EXPECT_EQ(votes_needed({1, 2}, 0), 1);
  EXPECT_EQ(votes_needed({2, 3}, 0), 1);
  Tally none;
  const MajorityCheck m = check_majority({2, 3}, MajorityBase::Expressed, false, none);
  EXPECT_FALSE(m.reached());
  EXPECT_TRUE(m.no_vote_expressed());
  EXPECT_FALSE(m.tie());
}

TEST(MajorityArithmetic, TheBaseIsNamedByTheRule) {
  Tally t;
  t.heads = Counts{10, 0, 2, 5, 3};  // voters, npp, abstentions, pour, contre
  const MajorityCheck expressed = check_majority({1, 2}, MajorityBase::Expressed, false, t);
  EXPECT_EQ(expressed.base_count, 8);
  EXPECT_EQ(expressed.needed, 5);
  EXPECT_TRUE(expressed.reached());
  const MajorityCheck cast = check_majority({1, 2}, MajorityBase::Cast, false, t);
  EXPECT_EQ(cast.base_count, 10);
  EXPECT_EQ(cast.needed, 6);
  EXPECT_FALSE(cast.reached());
}

// ---- Through the session --------------------------------------------------------

struct Room {
  Session s;
  Millis now = 1000;
  int n;

  Room(int members, RuleSet rules, std::vector<std::int64_t> weights = {}) : n(members) {
    SessionInfo info;
    info.body = "Assemblée";
    info.date = "2026-02-01";
    info.president = "P1";
    info.secretary = "P2";
    ok(cmd::ConfigureSession{info, rules});
    std::vector<Member> roster;
    for (int i = 1; i <= n; ++i)
      roster.push_back(Member{id(i), "Membre " + std::to_string(i), "", MemberKind::Titular, "",
                              weights.empty() ? 1 : weights[static_cast<std::size_t>(i - 1)], ""});
    ok(cmd::ImportRoster{roster});
    ok(cmd::AddItem{Item{"A", "Point A", "", "", "", "", "DE", "", ""}});
    for (int i = 1; i <= n; ++i) ok(cmd::CheckIn{id(i)});
  }
  static std::string id(int i) { return "P" + std::to_string(i); }
  void ok(const Command& c) {
    auto r = s.execute(c, now++);
    ASSERT_TRUE(r) << r.error().message;
  }
  // Opens item A, votes `pour` then `contre` then `abst` members in roster order.
  const Ballot& run(BallotMode mode, std::optional<Fraction> q, int pour, int contre, int abst) {
    ok(cmd::OpenBallot{"A", mode, true, q});
    int i = 1;
    for (int k = 0; k < pour; ++k, ++i) ok(cmd::CastVote{"A", id(i), id(i), Choice::Pour, false});
    for (int k = 0; k < contre; ++k, ++i) ok(cmd::CastVote{"A", id(i), id(i), Choice::Contre, false});
    for (int k = 0; k < abst; ++k, ++i) ok(cmd::CastVote{"A", id(i), id(i), Choice::Abstention, false});
    ok(cmd::CloseBallot{"A"});
    return *s.ballot("A");
  }
};

const BallotMode kModes[] = {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret};

// The same 2/3, from the session's rules or from the ballot, decides the same
// way: exactly two thirds adopts, one vote fewer rejects.
TEST(MajorityRule, TwoThirdsFromTheRulesOrTheBallotIsOneRule) {
  for (BallotMode mode : kModes)
    for (auto [pour, contre] : {std::pair{40, 20}, std::pair{6, 3}, std::pair{2, 1}, std::pair{10, 5}}) {
      const int members = pour + contre + 1;
      Room from_rules(members, general_assembly({1, 2}, true, {2, 3}));
      Room from_rules_weighted(members, weighted_assembly({1, 2}, {2, 3}));
      Room from_ballot(members, french_council());
      Room from_ballot_2020(members, french_council_2020_2022());
      const std::string what = fmt::format("{} pour, {} contre, {}", pour, contre, to_string(mode));
      EXPECT_TRUE(from_rules.run(mode, std::nullopt, pour, contre, 0).outcome.adopted) << what;
      if (mode != BallotMode::Secret)  // no secret ballot where voices are weighted (weighted_secret_test.cpp)
        EXPECT_TRUE(from_rules_weighted.run(mode, std::nullopt, pour, contre, 0).outcome.adopted) << what;
      EXPECT_TRUE(from_ballot.run(mode, Fraction{2, 3}, pour, contre, 0).outcome.adopted) << what;
      EXPECT_TRUE(from_ballot_2020.run(mode, Fraction{2, 3}, pour, contre, 0).outcome.adopted) << what;

      Room short_rules(members, general_assembly({1, 2}, true, {2, 3}));
      Room short_ballot(members, french_council());
      EXPECT_FALSE(short_rules.run(mode, std::nullopt, pour - 1, contre + 1, 0).outcome.adopted) << what;
      EXPECT_FALSE(short_ballot.run(mode, Fraction{2, 3}, pour - 1, contre + 1, 0).outcome.adopted) << what;
    }
}

TEST(MajorityRule, ThreeFifthsAndOtherFractionsAreAtLeast) {
  for (auto [f, pour, contre] : {std::tuple{Fraction{3, 5}, 6, 4}, std::tuple{Fraction{3, 4}, 9, 3},
                                 std::tuple{Fraction{5, 8}, 5, 3}, std::tuple{Fraction{1, 3}, 3, 6}}) {
    Room exact(pour + contre, french_council());
    EXPECT_TRUE(exact.run(BallotMode::Public, f, pour, contre, 0).outcome.adopted) << f.num << "/" << f.den;
    Room rules(pour + contre, general_assembly({1, 2}, true, f));
    EXPECT_TRUE(rules.run(BallotMode::Secret, std::nullopt, pour, contre, 0).outcome.adopted) << f.num << "/" << f.den;
    Room below(pour + contre, french_council());
    EXPECT_FALSE(below.run(BallotMode::Public, f, pour - 1, contre + 1, 0).outcome.adopted) << f.num << "/" << f.den;
  }
}

TEST(MajorityRule, AbsoluteMajorityRejectsExactlyHalf) {
  // On the cast base (general assembly), exactly half is not a tie and rejects.
  Room cast(8, general_assembly({1, 2}, true, {1, 2}));
  const Ballot& b = cast.run(BallotMode::Public, std::nullopt, 4, 2, 2);
  EXPECT_FALSE(b.outcome.adopted);
  EXPECT_FALSE(b.outcome.tie);
  Room more(8, general_assembly({1, 2}, true, {1, 2}));
  EXPECT_TRUE(more.run(BallotMode::Public, std::nullopt, 5, 2, 1).outcome.adopted);
  // On the expressed base, abstentions do not count.
  Room council(8, french_council());
  EXPECT_TRUE(council.run(BallotMode::Public, std::nullopt, 3, 2, 3).outcome.adopted);
}

TEST(MajorityRule, TheBallotCarriesTheBaseOfTheRules) {
  Room cast(6, general_assembly({1, 2}, true, {2, 3}));
  const Ballot& b = cast.run(BallotMode::Public, std::nullopt, 4, 1, 1);  // 4 of 6 cast = 2/3
  EXPECT_EQ(b.majority_base, MajorityBase::Cast);
  EXPECT_TRUE(b.outcome.adopted);
  Room cast_short(6, general_assembly({1, 2}, true, {2, 3}));
  EXPECT_FALSE(cast_short.run(BallotMode::Public, std::nullopt, 3, 1, 2).outcome.adopted);  // 3 of 6
  Room expressed(6, french_council());
  EXPECT_EQ(expressed.run(BallotMode::Public, Fraction{2, 3}, 3, 1, 2).majority_base, MajorityBase::Expressed);
  EXPECT_TRUE(expressed.s.ballot("A")->outcome.adopted);  // 3 of 4 expressed
}

// ---- Weights ------------------------------------------------------------------------

TEST(WeightedRule, AnEqualSplitOfWeightsIsATieAndRejects) {
  for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal}) {  // never secret where voices weigh
    // 600 pour against 400 + 200 contre: one head against two, equal weights.
    Room r(3, weighted_assembly({0, 1}, {1, 2}), {600, 400, 200});
    const Ballot& b = r.run(mode, std::nullopt, 1, 2, 0);
    EXPECT_FALSE(b.outcome.adopted) << to_string(mode);
    EXPECT_TRUE(b.outcome.tie) << to_string(mode);
    EXPECT_EQ(b.tally.weighted.pour, 600);
    EXPECT_EQ(b.tally.weighted.contre, 600);
    EXPECT_EQ(b.tally.heads.pour, 1);
  }
  // A tie in heads that is not one in weights decides on weights.
  Room heads_tie(4, weighted_assembly({0, 1}, {1, 2}), {500, 100, 300, 250});
  const Ballot& b = heads_tie.run(BallotMode::Public, std::nullopt, 2, 2, 0);  // 600 pour, 550 contre
  EXPECT_TRUE(b.outcome.adopted);
  EXPECT_FALSE(b.outcome.tie);
}

TEST(WeightedRule, QualifiedMajorityOnWeights) {
  // 2/3 of 900 weight expressed = 600: reached exactly with 600 pour.
  Room r(3, weighted_assembly({0, 1}, {2, 3}), {600, 200, 100});
  const Ballot& b = r.run(BallotMode::Nominal, std::nullopt, 1, 2, 0);
  EXPECT_TRUE(b.outcome.adopted);
  const MajorityCheck m = check_majority(b.majority, b.majority_base, true, b.tally);
  EXPECT_EQ(m.base_count, 900);
  EXPECT_EQ(m.needed, 600);
  EXPECT_EQ(m.heads.pour, 1);
}

// ---- No vote expressed --------------------------------------------------------------

TEST(EmptyBallot, NoExpressedVoteIsRejectedAndNotATie) {
  for (RuleSet rules : {french_council(), french_council_2020_2022(), general_assembly({1, 2}, true, {1, 2})})
    for (BallotMode mode : kModes) {
      Room nobody(5, rules);
      const Ballot& b = nobody.run(mode, std::nullopt, 0, 0, 0);
      EXPECT_FALSE(b.outcome.adopted);
      EXPECT_FALSE(b.outcome.tie);
      EXPECT_FALSE(b.outcome.casting_vote_decided);
      EXPECT_EQ(b.tally.heads.not_taking_part, 5);
      Room abstaining(5, rules);
      const Ballot& a = abstaining.run(mode, std::nullopt, 0, 0, 5);
      EXPECT_FALSE(a.outcome.adopted);
      EXPECT_FALSE(a.outcome.tie);
    }
}

}  // namespace
}  // namespace scrutin
