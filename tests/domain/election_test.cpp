// Elections of persons (CGCT L2122-7, L2121-21): one test per rule, each on
// several councils, seat counts and birth dates, not only one example.
#include <gtest/gtest.h>

#include <functional>
#include <google/protobuf/util/json_util.h>

#include "domain/election.hpp"
#include "domain/record.hpp"
#include "proto/convert.hpp"

namespace scrutin {
namespace {

// A council of n titulars M1..Mn; birth dates given by `born(i)` (ISO).
struct Council {
  Session s;
  Millis now = 1000;
  std::vector<Event> log;

  Council(int n, std::function<std::string(int)> born, int present = -1) {
    SessionInfo info;
    info.body = "Conseil municipal";
    info.date = "2026-03-15";
    info.seats = n;
    info.president = "M1";
    info.secretary = "M2";
    ok(cmd::ConfigureSession{info, french_council()});
    std::vector<Member> members;
    for (int i = 1; i <= n; ++i)
      members.push_back(Member{id(i), "Membre " + std::to_string(i), "", MemberKind::Titular, "", 1, born(i)});
    ok(cmd::ImportRoster{members});
    for (int i = 1; i <= (present < 0 ? n : present); ++i) ok(cmd::CheckIn{id(i)});
  }
  static std::string id(int i) { return "M" + std::to_string(i); }
  std::vector<Event> ok(const Command& c) {
    auto r = s.execute(c, now++);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    if (r) log.insert(log.end(), r->begin(), r->end());
    return r ? *r : std::vector<Event>{};
  }
  Error refused(const Command& c) {
    const Session before = s;
    auto r = s.execute(c, now++);
    EXPECT_FALSE(r);
    EXPECT_EQ(s, before) << "a refused command must change nothing";
    EXPECT_FALSE(r ? true : r.error().message.empty());
    return r ? Error{} : r.error();
  }
  void election(const ItemId& item, int seats, ElectionRules rules = election_executive()) {
    Item it{item, "Élection", "", "", "", "", "DE", "", ""};
    it.election_seats = seats;
    it.election_rules = rules;
    ok(cmd::AddItem{it});
  }
  void candidate(const ItemId& item, const std::string& cand) { ok(cmd::AddCandidate{item, Candidate{cand, "", "", ""}}); }
  void open(const ItemId& item, BallotMode mode = BallotMode::Secret) {
    ok(cmd::OpenBallot{item, mode, true, std::nullopt});
  }
  static Paper names(std::vector<std::string> n) { return Paper{std::move(n), false, false}; }
  static Paper blank() { return Paper{{}, true, false}; }
  static Paper spoilt() { return Paper{{}, false, true}; }
  void vote(const ItemId& item, const MemberId& voice, Paper p, bool by_clerk = false) {
    ok(cmd::CastVote{item, voice, voice, Choice::Pour, by_clerk, p});
  }
  // Votes in order: the first `counts[k]` voters not yet used choose papers[k].
  void votes(const ItemId& item, const std::vector<std::pair<int, Paper>>& plan, int first = 1) {
    int i = first;
    for (const auto& [n, paper] : plan)
      for (int k = 0; k < n; ++k, ++i) vote(item, id(i), paper, paper.spoilt);
  }
  const RoundResult& close(const ItemId& item) {
    ok(cmd::CloseBallot{item});
    return s.ballot(item)->result;
  }
  std::int64_t votes_of(const RoundResult& r, const std::string& cand) {
    for (const auto& v : r.votes)
      if (v.candidate == cand) return v.votes;
    return -1;
  }
};

std::string born_in(int year) { return std::to_string(year) + "-06-01"; }
// Member i born in 1950+i: M1 the oldest.
std::string elder_first(int i) { return born_in(1950 + i); }
// Member i born in 2000-i: M1 the youngest.
std::string younger_first(int i) { return born_in(2000 - i); }

using Plan = std::vector<std::pair<int, Paper>>;

// ---- Absolute majority of the expressed in rounds 1 and 2 ---------------------

TEST(ElectionMajority, AbsoluteMajorityOfExpressedInFirstRound) {
  for (int n : {7, 15, 29, 33, 69}) {
    for (int blanks : {0, 1, 4}) {
      Council c(n, elder_first);
      c.election("E", 1);
      c.candidate("E", "M3");
      c.candidate("E", "M4");
      c.open("E");
      const int expressed = n - blanks;
      const int needed = expressed / 2 + 1;
      // M3 just reaches the absolute majority of the expressed ballots.
      c.votes("E", Plan{{needed, Council::names({"M3"})}, {expressed - needed, Council::names({"M4"})},
                        {blanks, Council::blank()}});
      const RoundResult& r = c.close("E");
      EXPECT_EQ(r.round, 1);
      EXPECT_EQ(r.papers, n);
      EXPECT_EQ(r.blank, blanks);
      EXPECT_EQ(r.expressed(), expressed);
      EXPECT_EQ(r.majority_needed, needed) << n << " voters, " << blanks << " blank";
      EXPECT_EQ(r.elected, std::vector<std::string>{"M3"});
      EXPECT_FALSE(r.another_round);
      EXPECT_TRUE(c.s.election_over("E"));
    }
  }
}

TEST(ElectionMajority, HalfOfExpressedIsNotEnoughInRoundsOneAndTwo) {
  for (int n : {8, 16, 30}) {
    Council c(n, younger_first);
    c.election("E", 1);
    for (auto cand : {"M5", "M6"}) c.candidate("E", cand);
    for (int round = 1; round <= 2; ++round) {
      c.open("E");
      c.votes("E", Plan{{n / 2, Council::names({"M5"})}, {n / 2, Council::names({"M6"})}});
      const RoundResult& r = c.close("E");
      EXPECT_EQ(r.round, round);
      EXPECT_FALSE(r.relative);
      EXPECT_EQ(r.majority_needed, n / 2 + 1);
      EXPECT_TRUE(r.elected.empty()) << "exactly half is not the absolute majority";
      EXPECT_TRUE(r.another_round);
      EXPECT_FALSE(c.s.election_over("E"));
    }
  }
}

TEST(ElectionMajority, RelativeMajorityInThirdRound) {
  for (int n : {9, 21, 45}) {
    Council c(n, elder_first);
    c.election("E", 1);
    for (auto cand : {"M2", "M3", "M4"}) c.candidate("E", cand);
    const int a = n / 3 + 1, b = n / 3, rest = n - a - b;  // nobody has the absolute majority
    for (int round = 1; round <= 3; ++round) {
      c.open("E");
      c.votes("E", Plan{{a, Council::names({"M4"})}, {b, Council::names({"M2"})}, {rest - 1, Council::names({"M3"})},
                        {1, Council::blank()}});
      const RoundResult& r = c.close("E");
      EXPECT_EQ(r.relative, round == 3);
      if (round < 3) {
        EXPECT_TRUE(r.elected.empty());
        EXPECT_GT(r.majority_needed, a);
      } else {
        EXPECT_EQ(r.majority_needed, 0);
        EXPECT_EQ(r.elected, std::vector<std::string>{"M4"}) << n;
        EXPECT_FALSE(r.another_round);
      }
    }
    EXPECT_TRUE(c.s.election_over("E"));
    EXPECT_EQ(c.refused(cmd::OpenBallot{"E", BallotMode::Secret, true, std::nullopt}).code, ErrorCode::ElectionOver);
  }
}

TEST(ElectionMajority, ElectedInSecondRoundAtAbsoluteMajority) {
  Council c(11, elder_first);
  c.election("E", 1);
  for (auto cand : {"M1", "M2", "M3"}) c.candidate("E", cand);
  c.open("E");
  c.votes("E", Plan{{5, Council::names({"M1"})}, {4, Council::names({"M2"})}, {2, Council::names({"M3"})}});
  EXPECT_TRUE(c.close("E").elected.empty());  // 5 of 11: not more than half
  c.open("E");
  c.votes("E", Plan{{6, Council::names({"M2"})}, {5, Council::names({"M1"})}});
  const RoundResult& r = c.close("E");
  EXPECT_EQ(r.round, 2);
  EXPECT_EQ(r.elected, std::vector<std::string>{"M2"});
  EXPECT_EQ(c.s.election("E")->elected, std::vector<std::string>{"M2"});
  EXPECT_EQ(c.refused(cmd::OpenBallot{"E", BallotMode::Secret, true, std::nullopt}).code, ErrorCode::ElectionOver);
}

// ---- The oldest wins at equal votes ------------------------------------------------

TEST(ElectionTie, OldestIsElectedInThirdRound) {
  // The same scores with birth dates in both directions: the oldest wins, not
  // the first declared nor the first on the roster.
  for (auto born : {elder_first, younger_first}) {
    for (int n : {10, 20}) {
      Council c(n, born);
      c.election("E", 1);
      c.candidate("E", "M7");
      c.candidate("E", "M3");
      for (int round = 1; round <= 3; ++round) {
        c.open("E");
        c.votes("E", Plan{{n / 2, Council::names({"M7"})}, {n / 2, Council::names({"M3"})}});
        c.close("E");
      }
      const RoundResult& r = c.s.election("E")->rounds.back().result;
      const std::string oldest = born(3) < born(7) ? "M3" : "M7";
      EXPECT_EQ(r.elected, std::vector<std::string>{oldest});
      EXPECT_EQ(r.elected_by_age, std::vector<std::string>{oldest});
      EXPECT_EQ(r.votes.front().candidate, oldest) << "equal votes are listed oldest first";
    }
  }
}

TEST(ElectionTie, OldestTakesTheLastSeatWhenMoreReachTheMajority) {
  // Three seats, four candidates with the absolute majority: the last seat goes
  // to the oldest of the two tied.
  for (auto born : {elder_first, younger_first}) {
    Council c(10, born);
    c.election("E", 3);
    for (auto cand : {"M1", "M2", "M3", "M4"}) c.candidate("E", cand);
    c.open("E");
    c.votes("E", Plan{{4, Council::names({"M1", "M2", "M3"})}, {3, Council::names({"M1", "M2", "M4"})},
                      {3, Council::names({"M1", "M3", "M4"})}});
    // M1 10, M2 7, M3 7, M4 6; majority 6: all four reach it, three seats.
    const RoundResult& r = c.close("E");
    EXPECT_EQ(r.majority_needed, 6);
    ASSERT_EQ(r.elected.size(), 3u);
    EXPECT_EQ(r.elected[0], "M1");
    EXPECT_TRUE(std::ranges::find(r.elected, "M4") == r.elected.end());
    EXPECT_TRUE(r.elected_by_age.empty()) << "M2 and M3 both fit: nobody was preferred by age";
  }
  for (auto born : {elder_first, younger_first}) {
    Council c(10, born);
    c.election("E", 2);
    for (auto cand : {"M5", "M6", "M8"}) c.candidate("E", cand);
    c.open("E");
    c.votes("E", Plan{{6, Council::names({"M5", "M6"})}, {4, Council::names({"M5", "M8"})}, });
    // M5 10, M6 6, M8 4: two elected at once.
    EXPECT_EQ(c.close("E").elected, (std::vector<std::string>{"M5", "M6"}));
  }
  for (auto born : {elder_first, younger_first}) {
    // Two seats; M6 and M8 tied above the majority for the second: the oldest.
    Council c(12, born);
    c.election("E", 2);
    for (auto cand : {"M5", "M6", "M8"}) c.candidate("E", cand);
    c.open("E");
    c.votes("E", Plan{{5, Council::names({"M5", "M6"})}, {5, Council::names({"M5", "M8"})}, {2, Council::names({"M6", "M8"})}});
    // M5 10, M6 7, M8 7; 12 expressed, majority 7.
    const RoundResult& r = c.close("E");
    const std::string oldest = born(6) < born(8) ? "M6" : "M8";
    EXPECT_EQ(r.elected, (std::vector<std::string>{"M5", oldest}));
    EXPECT_EQ(r.elected_by_age, std::vector<std::string>{oldest});
    EXPECT_FALSE(r.another_round);
  }
  for (auto born : {elder_first, younger_first}) {
    Council d(14, born);
    d.election("E", 2);
    for (auto cand : {"M5", "M6", "M8"}) d.candidate("E", cand);
    d.open("E");
    d.votes("E", Plan{{7, Council::names({"M5", "M6"})}, {7, Council::names({"M5", "M8"})}});
    // 14 expressed, majority 8: M5 14 elected; M6 7, M8 7 below: a second round for one seat.
    const RoundResult& r = d.close("E");
    EXPECT_EQ(r.elected, std::vector<std::string>{"M5"});
    EXPECT_TRUE(r.elected_by_age.empty());
    EXPECT_TRUE(r.another_round);
    EXPECT_EQ(d.s.seats_remaining("E"), 1);
  }
}

// ---- Blank and spoilt: counted, reported, not expressed ------------------------------

TEST(ElectionBallots, BlankAndSpoiltAreCountedButNotExpressed) {
  for (int n : {9, 13, 31}) {
    for (int spoilt : {0, 2}) {
      Council c(n, elder_first);
      c.election("E", 1);
      c.candidate("E", "M1");
      c.candidate("E", "M2");
      c.open("E");
      const int blanks = 3;
      const int expressed = n - blanks - spoilt;
      // M1 has the absolute majority of the expressed, not of the papers.
      const int m1 = expressed / 2 + 1;
      c.votes("E", Plan{{m1, Council::names({"M1"})}, {expressed - m1, Council::names({"M2"})}, {blanks, Council::blank()},
                        {spoilt, Council::spoilt()}});
      const RoundResult& r = c.close("E");
      EXPECT_EQ(r.papers, n);
      EXPECT_EQ(r.blank, blanks);
      EXPECT_EQ(r.spoilt, spoilt);
      EXPECT_EQ(r.expressed(), expressed);
      EXPECT_EQ(c.votes_of(r, "M1") + c.votes_of(r, "M2"), expressed);
      EXPECT_EQ(r.elected, std::vector<std::string>{"M1"});
      EXPECT_LE(m1 * 2, n) << "M1 is elected without half of all papers";
    }
  }
}

TEST(ElectionBallots, OnlyTheClerkEntersASpoiltBallot) {
  Council c(5, elder_first);
  c.election("E", 1);
  c.candidate("E", "M1");
  c.open("E");
  EXPECT_EQ(c.refused(cmd::CastVote{"E", "M2", "M2", Choice::Pour, false, Council::spoilt()}).code, ErrorCode::BadPaper);
  c.ok(cmd::CastVote{"E", "M2", "M2", Choice::Pour, true, Council::spoilt()});
  EXPECT_EQ(c.refused(cmd::CastVote{"E", "M3", "M3", Choice::Pour, false, Paper{}}).code, ErrorCode::BadPaper);
  EXPECT_EQ(c.refused(cmd::CastVote{"E", "M3", "M3", Choice::Pour, false, std::nullopt}).code, ErrorCode::BadPaper);
  EXPECT_EQ(c.refused(cmd::CastVote{"E", "M3", "M3", Choice::Pour, false, Paper{{"M1"}, true, false}}).code,
            ErrorCode::BadPaper);
  EXPECT_EQ(c.refused(cmd::CastVote{"E", "M3", "M3", Choice::Pour, false, Council::names({"M4"})}).code, ErrorCode::BadPaper);
  c.vote("E", "M3", Council::blank());
  const RoundResult& r = c.close("E");
  EXPECT_EQ(r.spoilt, 1);
  EXPECT_EQ(r.blank, 1);
  EXPECT_EQ(r.expressed(), 0);
  EXPECT_TRUE(r.elected.empty()) << "no expressed ballot elects nobody";
  EXPECT_EQ(r.voters, 5);
}

// ---- N seats: lists of up to N names ------------------------------------------------

TEST(ElectionSeats, PaperNamesAtMostTheSeatsToFill) {
  for (int seats : {2, 3, 5}) {
    Council c(15, younger_first);
    c.election("E", seats);
    for (int i = 1; i <= seats + 2; ++i) c.candidate("E", Council::id(i));
    c.open("E");
    EXPECT_EQ(c.s.ballot("E")->seats, seats);
    std::vector<std::string> too_many, full;
    for (int i = 1; i <= seats + 1; ++i) too_many.push_back(Council::id(i));
    full.assign(too_many.begin(), too_many.end() - 1);
    EXPECT_EQ(c.refused(cmd::CastVote{"E", "M1", "M1", Choice::Pour, false, Council::names(too_many)}).code,
              ErrorCode::BadPaper);
    EXPECT_EQ(c.refused(cmd::CastVote{"E", "M1", "M1", Choice::Pour, false, Council::names({"M1", "M1"})}).code,
              ErrorCode::BadPaper);
    // 8 full lists, 4 with one name, 3 blank: 12 expressed, majority 7.
    c.votes("E", Plan{{8, Council::names(full)}, {4, Council::names({Council::id(seats + 2)})}, {3, Council::blank()}});
    const RoundResult& r = c.close("E");
    EXPECT_EQ(r.expressed(), 12) << "a ballot is expressed once, whatever the number of names on it";
    EXPECT_EQ(r.majority_needed, 7);
    EXPECT_EQ(static_cast<int>(r.elected.size()), seats);
    EXPECT_TRUE(c.s.election_over("E"));
  }
}

TEST(ElectionSeats, SeatsLeftGoToTheNextRoundWithoutTheElected) {
  for (int seats : {2, 3}) {
    Council c(12, elder_first);
    c.election("E", seats);
    for (int i = 1; i <= seats + 2; ++i) c.candidate("E", Council::id(i));
    c.open("E");
    // M1 on every ballot; the others scattered: only M1 reaches 7.
    c.votes("E", Plan{{4, Council::names({"M1", "M2"})}, {4, Council::names({"M1", "M3"})}, {4, Council::names({"M1", "M4"})}});
    const RoundResult& r1 = c.close("E");
    EXPECT_EQ(r1.elected, std::vector<std::string>{"M1"});
    EXPECT_TRUE(r1.another_round);
    EXPECT_EQ(c.s.seats_remaining("E"), seats - 1);
    c.open("E");
    const Ballot& round2 = *c.s.ballot("E");
    EXPECT_EQ(round2.round, 2);
    EXPECT_EQ(round2.seats, seats - 1);
    EXPECT_TRUE(std::ranges::find(round2.candidates, "M1") == round2.candidates.end()) << "M1 is elected already";
    EXPECT_EQ(c.refused(cmd::CastVote{"E", "M1", "M1", Choice::Pour, false, Council::names({"M1"})}).code,
              ErrorCode::BadPaper);
  }
}

// ---- Candidates added and withdrawn between rounds --------------------------------

TEST(ElectionCandidates, WithdrawnAndAddedBetweenRounds) {
  for (int n : {9, 17}) {
    Council c(n, elder_first);
    c.election("E", 1);
    for (auto cand : {"M2", "M3", "M4"}) c.candidate("E", cand);
    c.open("E");
    EXPECT_EQ(c.refused(cmd::WithdrawCandidate{"E", "M4"}).code, ErrorCode::BallotAlreadyOpen);
    EXPECT_EQ(c.refused(cmd::AddCandidate{"E", Candidate{"M5", "", "", ""}}).code, ErrorCode::BallotAlreadyOpen);
    c.votes("E", Plan{{n / 3, Council::names({"M2"})}, {n / 3, Council::names({"M3"})}, {n - 2 * (n / 3), Council::names({"M4"})}});
    EXPECT_TRUE(c.close("E").elected.empty());
    c.ok(cmd::WithdrawCandidate{"E", "M4"});
    c.ok(cmd::AddCandidate{"E", Candidate{"M6", "", "", ""}});
    c.open("E");
    EXPECT_EQ(c.s.ballot("E")->candidates, (std::vector<std::string>{"M2", "M3", "M6"}));
    EXPECT_EQ(c.refused(cmd::CastVote{"E", "M1", "M1", Choice::Pour, false, Council::names({"M4"})}).code,
              ErrorCode::BadPaper);
    c.votes("E", Plan{{n / 2 + 1, Council::names({"M6"})}, {n - n / 2 - 1, Council::names({"M3"})}});
    const RoundResult& r = c.close("E");
    EXPECT_EQ(r.elected, std::vector<std::string>{"M6"});
    EXPECT_EQ(c.votes_of(r, "M4"), -1) << "a withdrawn candidate is not in the round";
    auto rec = make_record(c.s, "E");
    ASSERT_TRUE(rec);
    ASSERT_TRUE(rec->election);
    EXPECT_EQ(rec->election->withdrawn_names, std::vector<std::string>{"Membre 4"});
    EXPECT_EQ(rec->election->rounds.size(), 2u);
    EXPECT_EQ(rec->election->elected_names, std::vector<std::string>{"Membre 6"});
  }
}

TEST(ElectionCandidates, OutsidePersonsNeedANameAndABirthDate) {
  Council c(7, elder_first);
  c.election("E", 1, election_designation());
  EXPECT_EQ(c.refused(cmd::AddCandidate{"E", Candidate{"X1", "", "", ""}}).code, ErrorCode::UnknownMember);
  EXPECT_EQ(c.refused(cmd::AddCandidate{"E", Candidate{"X1", "Jeanne Dehors", "", ""}}).code, ErrorCode::NoBirthDate);
  EXPECT_EQ(c.refused(cmd::AddCandidate{"E", Candidate{"X1", "Jeanne Dehors", "", "1960-02-30"}}).code,
            ErrorCode::InvalidArgument);
  c.ok(cmd::AddCandidate{"E", Candidate{"X1", "Jeanne Dehors", "", "1960-02-28"}});
  EXPECT_EQ(c.s.candidate("E", "X1")->member, "");
  EXPECT_EQ(c.refused(cmd::AddCandidate{"1", Candidate{"M1", "", "", ""}}).code, ErrorCode::UnknownItem);
  // A member without a birth date on the roster: given here, or refused.
  Council d(5, [](int i) { return i == 3 ? std::string() : elder_first(i); });
  d.election("E", 1);
  EXPECT_EQ(d.refused(cmd::AddCandidate{"E", Candidate{"M3", "", "", ""}}).code, ErrorCode::NoBirthDate);
  d.ok(cmd::AddCandidate{"E", Candidate{"M3", "", "", "1971-04-02"}});
  EXPECT_EQ(d.s.candidate("E", "M3")->name, "Membre 3");
}

// ---- Secret ballot, and the rules' presets ---------------------------------------------

TEST(ElectionRulesPresets, ExecutiveElectionIsSecretDesignationMayBePublic) {
  Council c(7, elder_first);
  c.election("E", 1, election_executive());
  c.candidate("E", "M1");
  EXPECT_EQ(c.refused(cmd::OpenBallot{"E", BallotMode::Public, true, std::nullopt}).code, ErrorCode::InvalidArgument);
  EXPECT_EQ(c.refused(cmd::DesignateWithoutBallot{"E"}).code, ErrorCode::InvalidArgument);
  c.election("D", 1, election_designation());
  c.candidate("D", "M2");
  c.candidate("D", "M3");
  c.open("D", BallotMode::Public);
  c.vote("D", "M1", Council::names({"M2"}));
  c.vote("D", "M1", Council::names({"M3"}));  // a public ballot may change
  EXPECT_EQ(c.s.ballot("D")->casts.at("M1").paper, Council::names({"M3"}));
}

TEST(ElectionRulesPresets, DesignationWithoutBallotWithOneCandidaturePerSeat) {
  for (int seats : {1, 2, 4}) {
    Council c(11, younger_first);
    c.election("D", seats, election_designation());
    for (int i = 1; i <= seats + 1; ++i) c.candidate("D", Council::id(i));
    EXPECT_EQ(c.refused(cmd::DesignateWithoutBallot{"D"}).code, ErrorCode::InvalidArgument) << "one candidate too many";
    c.ok(cmd::WithdrawCandidate{"D", Council::id(seats + 1)});
    c.ok(cmd::DesignateWithoutBallot{"D"});
    EXPECT_TRUE(c.s.election_over("D"));
    EXPECT_EQ(static_cast<int>(c.s.election("D")->elected.size()), seats);
    EXPECT_EQ(c.refused(cmd::OpenBallot{"D", BallotMode::Secret, true, std::nullopt}).code, ErrorCode::ElectionOver);
    auto rec = make_record(c.s, "D");
    ASSERT_TRUE(rec) << rec.error().message;
    ASSERT_TRUE(rec->election);
    EXPECT_TRUE(rec->election->designated_without_ballot);
    EXPECT_TRUE(rec->election->rounds.empty());
    EXPECT_EQ(static_cast<int>(rec->election->elected_names.size()), seats);
    EXPECT_EQ(rec->present_titulars, 11);
  }
}

// ---- Rounds: each its own ballot and attendance snapshot ------------------------------

TEST(ElectionRounds, EachRoundHasItsOwnAttendance) {
  Council c(15, elder_first, 9);  // 9 of 15 present
  c.election("E", 1);
  c.candidate("E", "M1");
  c.candidate("E", "M2");
  c.open("E");
  EXPECT_EQ(c.s.ballot("E")->voices.size(), 9u);
  c.ok(cmd::CheckIn{"M10"});  // arrives during round 1: votes from round 2
  EXPECT_EQ(c.refused(cmd::CastVote{"E", "M10", "M10", Choice::Pour, false, Council::names({"M1"})}).code,
            ErrorCode::NotEntitled);
  c.votes("E", Plan{{4, Council::names({"M1"})}, {4, Council::names({"M2"})}, {1, Council::blank()}});
  const RoundResult& r1 = c.close("E");
  EXPECT_EQ(r1.voters, 9);
  c.ok(cmd::RegisterProxy{Proxy{"M15", "M3", 1}});
  c.open("E");
  EXPECT_EQ(c.s.ballot("E")->voices.size(), 11u);
  EXPECT_EQ(c.s.ballot("E")->snapshot.represented.size(), 1u);
  c.vote("E", "M10", Council::names({"M1"}));
  c.ok(cmd::CastVote{"E", "M15", "M3", Choice::Pour, false, Council::names({"M1"})});
  c.votes("E", Plan{{5, Council::names({"M1"})}, {4, Council::names({"M2"})}});
  const RoundResult& r2 = c.close("E");
  EXPECT_EQ(r2.voters, 11);
  EXPECT_EQ(r2.elected, std::vector<std::string>{"M1"});
  // Two BallotOpened and two BallotClosed events, one per round.
  int opened = 0, closed = 0;
  for (const Event& e : c.log) {
    opened += std::holds_alternative<ev::BallotOpened>(e);
    closed += std::holds_alternative<ev::BallotClosed>(e);
  }
  EXPECT_EQ(opened, 2);
  EXPECT_EQ(closed, 2);
  EXPECT_EQ(c.s.election("E")->rounds[0].snapshot.present_titulars.size(), 9u);
  EXPECT_EQ(c.s.election("E")->rounds[1].snapshot.present_titulars.size(), 10u);
}

TEST(ElectionRounds, MotionAndElectionVotesDoNotMix) {
  Council c(5, elder_first);
  c.ok(cmd::AddItem{Item{"1", "Budget", "", "", "", "", "DE", "", ""}});
  c.election("E", 1);
  EXPECT_EQ(c.refused(cmd::OpenBallot{"E", BallotMode::Secret, true, std::nullopt}).code, ErrorCode::UnknownCandidate);
  EXPECT_EQ(c.refused(cmd::AddCandidate{"1", Candidate{"M1", "", "", ""}}).code, ErrorCode::NotAnElection);
  c.open("1", BallotMode::Public);
  EXPECT_EQ(c.refused(cmd::CastVote{"1", "M1", "M1", Choice::Pour, false, Council::names({"M1"})}).code,
            ErrorCode::NotAnElection);
  c.ok(cmd::CloseBallot{"1"});
  c.candidate("E", "M1");
  c.open("E");
  EXPECT_EQ(c.refused(cmd::CastVote{"E", "M1", "M1", Choice::Pour, false, std::nullopt}).code, ErrorCode::BadPaper);
  EXPECT_EQ(c.refused(cmd::CloseBallot{"1"}).code, ErrorCode::BallotClosed);
}

// ---- Secrecy: no link between a voice and its ballot -----------------------------------

TEST(ElectionSecrecy, NoEventNorExportLinksAVoiceToItsBallot) {
  Council c(9, elder_first);
  c.election("E", 2);
  for (auto cand : {"M7", "M8", "M9"}) c.candidate("E", cand);
  c.open("E");
  c.votes("E", Plan{{3, Council::names({"M7", "M8"})}, {3, Council::names({"M9"})}, {2, Council::blank()},
                    {1, Council::spoilt()}});
  c.close("E");
  for (const Event& e : c.log) {
    if (const auto* who = std::get_if<ev::SecretVoteCast>(&e)) {
      const std::string bytes = to_pb(e).SerializeAsString();
      for (auto cand : {"M7", "M8", "M9"})
        if (who->voice != cand && who->by != cand)
          EXPECT_EQ(bytes.find(cand), std::string::npos) << "the 'who' event names no candidate";
    }
    if (const auto* what = std::get_if<ev::SecretChoiceCast>(&e)) {
      // The "what" event holds the item and the paper: no voice, no holder, no time.
      const std::string bytes = to_pb(e).SerializeAsString();
      for (int i = 1; i <= 9; ++i)
        if (std::ranges::find(what->paper.names, Council::id(i)) == what->paper.names.end())
          EXPECT_EQ(bytes.find(Council::id(i)), std::string::npos) << "a paper names no voter";
    }
  }
  const Ballot& b = c.s.election("E")->rounds.back();
  EXPECT_TRUE(b.casts.empty()) << "a secret round keeps no ballot by voice";
  auto rec = make_record(c.s, "E");
  ASSERT_TRUE(rec);
  EXPECT_TRUE(rec->names_pour.empty() && rec->names_contre.empty() && rec->names_abstention.empty());
  EXPECT_EQ(rec->election->rounds[0].entered_by_clerk, std::vector<std::string>{"Membre 9"})
      << "who had the clerk enter a ballot is said, never what it held";
  std::string json;
  const pb::DeliberationRecord p = to_pb(*rec);
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(p, &json).ok());
  EXPECT_EQ(json.find("\"by\""), std::string::npos);
  EXPECT_EQ(json.find("casts"), std::string::npos);
}

// ---- Replay and the journal's format --------------------------------------------------

TEST(ElectionReplay, FoldAndProtobufGiveBackTheSameState) {
  Council c(12, younger_first, 11);
  c.election("E", 2);
  for (auto cand : {"M1", "M2", "M3", "M4"}) c.candidate("E", cand);
  c.ok(cmd::AddCandidate{"E", Candidate{"X", "Paul Dehors", "", "1948-01-01"}});
  c.open("E");
  c.votes("E", Plan{{5, Council::names({"M1", "X"})}, {6, Council::names({"M2"})}});
  c.close("E");
  c.ok(cmd::WithdrawCandidate{"E", "M4"});
  c.open("E");
  c.votes("E", Plan{{5, Council::names({"X"})}, {5, Council::names({"M3"})}, {1, Council::blank()}});
  c.close("E");
  c.open("E");
  c.votes("E", Plan{{5, Council::names({"X"})}, {5, Council::names({"M3"})}, {1, Council::blank()}});
  const RoundResult& r = c.close("E");
  EXPECT_EQ(r.elected, std::vector<std::string>{"X"}) << "born 1948: the oldest";
  EXPECT_EQ(Session::replay(c.log), c.s);
  std::vector<Event> round_trip;
  for (const Event& e : c.log) {
    auto back = from_pb(to_pb(e));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, e);
    round_trip.push_back(*back);
  }
  EXPECT_EQ(Session::replay(round_trip), c.s);
  auto rec = make_record(c.s, "E");
  ASSERT_TRUE(rec);
  EXPECT_EQ(from_pb(to_pb(*rec)), *rec);
  EXPECT_EQ(rec->election->rounds.size(), 3u);
}

// ---- The ballot box: a secret round's papers are sealed, sorted, into the chain ----------

std::vector<Event> chain_of(const std::vector<Event>& log) {
  std::vector<Event> out;
  for (const Event& e : log)
    if (!goes_to_ballot_box(e)) out.push_back(e);
  return out;
}

TEST(ElectionBallotBox, ASecretRoundIsSealedWithItsPapersAndTheChainAloneReplaysIt) {
  struct Case { int members, seats; Plan plan; };
  const std::vector<Case> cases{
      {9, 1, Plan{{4, Council::names({"M7"})}, {3, Council::names({"M8"})}, {1, Council::blank()}, {1, Council::spoilt()}}},
      {11, 2, Plan{{3, Council::names({"M9", "M8"})}, {3, Council::names({"M7"})}, {2, Council::names({"M8", "M7"})},
                   {2, Council::blank()}}},
      {15, 3, Plan{{5, Council::names({"M7", "M8", "M9"})}, {4, Council::names({"M9"})}, {3, Council::spoilt()},
                   {2, Council::names({"M8", "M7"})}}},
  };
  for (const Case& k : cases) {
    Council c(k.members, elder_first);
    c.election("E", k.seats);
    for (auto cand : {"M7", "M8", "M9"}) c.candidate("E", cand);
    c.open("E");
    // Votes from the last member down: arrival order differs from the sealed order.
    std::vector<Paper> cast;
    int i = k.members;
    for (const auto& [n, paper] : k.plan)
      for (int j = 0; j < n; ++j, --i) {
        c.vote("E", Council::id(i), paper, paper.spoilt);
        cast.push_back(paper);
      }
    auto closed = c.ok(cmd::CloseBallot{"E"});
    ASSERT_EQ(closed.size(), 2u);
    const auto& seal = std::get<ev::SecretBoxSealed>(closed[0]);
    ASSERT_EQ(seal.contents.size(), cast.size());
    auto key = [](const ev::SecretChoiceCast& b) { return SecretBulletin{b.choice, b.weight, b.paper}; };
    EXPECT_TRUE(std::ranges::is_sorted(seal.contents, {}, key)) << "the order says nothing of arrival";
    // Each paper as cast is in the box once, its names sorted (their order could mark it).
    auto sorted = [](Paper p) {
      std::ranges::sort(p.names);
      return p;
    };
    for (const Paper& p : cast)
      EXPECT_EQ(std::ranges::count(seal.contents, sorted(p), &ev::SecretChoiceCast::paper),
                std::ranges::count(cast, sorted(p), sorted));
    const RoundResult counted = c.s.ballot("E")->result;
    EXPECT_EQ(counted.papers, static_cast<std::int64_t>(cast.size()));
    EXPECT_EQ(counted.blank, std::ranges::count(cast, Council::blank()));
    EXPECT_EQ(counted.spoilt, std::ranges::count(cast, Council::spoilt()));
    // The chain alone (bulletins kept in the box, then sealed) replays, checked, to the same state.
    auto from_chain = Session::replay_checked(chain_of(c.log));
    ASSERT_TRUE(from_chain) << from_chain.error().message;
    EXPECT_EQ(from_chain->ballot("E")->result, counted);
    EXPECT_EQ(from_chain->election("E")->elected, c.s.election("E")->elected);
    // A journal written before the ballot box (bulletins in the chain) replays too.
    auto from_all = Session::replay_checked(c.log);
    ASSERT_TRUE(from_all) << from_all.error().message;
    EXPECT_EQ(from_all->ballot("E")->result, counted);
    // A second round starts with an empty box.
    if (c.s.election_over("E")) continue;
    c.open("E");
    EXPECT_TRUE(c.s.ballot("E")->secret_box.empty());
  }
}

TEST(ElectionBallotBox, ReplayRefusesAPaperNamingANonCandidateOrMoreNamesThanSeats) {
  for (int seats : {1, 2}) {
    Council c(9, elder_first);
    c.election("E", seats);
    for (auto cand : {"M7", "M8", "M9"}) c.candidate("E", cand);
    c.open("E");
    c.votes("E", Plan{{5, Council::names({"M7"})}, {2, Council::names({"M8"})}, {1, Council::blank()}});
    c.close("E");
    ASSERT_TRUE(Session::replay_checked(c.log));
    ASSERT_TRUE(Session::replay_checked(chain_of(c.log)));
    std::vector<Paper> bad{Council::names({"M3"}), Council::names({"M7", "M8", "M9"}), Paper{}};
    if (seats == 2) bad.push_back(Council::names({"M7", "M7"}));
    if (seats == 2) bad.push_back(Council::names({"M8", "M7"}));  // names out of order: a marked paper
    for (const Paper& paper : bad) {
      // A bulletin in the chain (a journal before the ballot box) ...
      std::vector<Event> log = c.log;
      auto first = std::ranges::find_if(log, [](const Event& e) { return goes_to_ballot_box(e); });
      ASSERT_NE(first, log.end());
      std::get<ev::SecretChoiceCast>(*first).paper = paper;
      auto refused = Session::replay_checked(log, 1);
      ASSERT_FALSE(refused) << seats << " seat(s): a tampered bulletin replays";
      EXPECT_NE(refused.error().message.find("SecretChoiceCast"), std::string::npos) << refused.error().message;
      // ... and in the sealed contents.
      std::vector<Event> chain = chain_of(c.log);
      auto sealed = std::ranges::find_if(chain, [](const Event& e) { return std::holds_alternative<ev::SecretBoxSealed>(e); });
      ASSERT_NE(sealed, chain.end());
      std::get<ev::SecretBoxSealed>(*sealed).contents.front().paper = paper;
      refused = Session::replay_checked(chain, 1);
      ASSERT_FALSE(refused) << seats << " seat(s): a tampered seal replays";
      EXPECT_NE(refused.error().message.find("SecretBoxSealed"), std::string::npos) << refused.error().message;
      EXPECT_NE(refused.error().message.find("n'est pas valable"), std::string::npos) << refused.error().message;
    }
  }
}

TEST(ElectionBallotBox, ASecretPaperKeepsNoOrderTheVoterChose) {
  for (int seats : {2, 3}) {
    Council c(9, elder_first);
    c.election("E", seats);
    for (auto cand : {"M7", "M8", "M9"}) c.candidate("E", cand);
    c.open("E");
    // Tapped in three different orders: a voter could sign his paper by its order.
    const std::vector<std::vector<std::string>> tapped{{"M9", "M7"}, {"M7", "M9"}, {"M8", "M7"}};
    for (std::size_t k = 0; k < tapped.size(); ++k)
      c.ok(cmd::CastVote{"E", Council::id(static_cast<int>(k) + 1), Council::id(static_cast<int>(k) + 1), Choice::Pour,
                         false, Council::names(tapped[k])});
    int papers = 0;
    for (const Event& e : c.log)
      if (const auto* what = std::get_if<ev::SecretChoiceCast>(&e)) {
        ++papers;
        EXPECT_TRUE(std::ranges::is_sorted(what->paper.names)) << seats << " seats: a paper kept the voter's order";
      }
    EXPECT_EQ(papers, 3);
    c.close("E");
    EXPECT_TRUE(Session::replay_checked(c.log)) << "the sorted papers replay";
  }
}

// ---- count_round alone ------------------------------------------------------------------

TEST(ElectionCount, PureCountMatchesTheRules) {
  const std::vector<Candidate> cands{{"A", "A", "", "1970-01-01"}, {"B", "B", "", "1960-01-01"}, {"C", "C", "", "1980-01-01"}};
  RoundPapers p;
  p.votes = {{"A", 5}, {"B", 5}, {"C", 1}};
  p.papers = 13;
  p.blank = 2;
  const RoundResult r1 = count_round(election_executive(), 1, 1, cands, p, 15);
  EXPECT_EQ(r1.majority_needed, 6);
  EXPECT_TRUE(r1.elected.empty());
  const RoundResult r3 = count_round(election_executive(), 3, 1, cands, p, 15);
  EXPECT_EQ(r3.elected, std::vector<std::string>{"B"});
  EXPECT_EQ(r3.elected_by_age, std::vector<std::string>{"B"});
  EXPECT_EQ(r3.votes[0].candidate, "B");
  EXPECT_EQ(r3.votes[1].candidate, "A");
  const RoundResult two = count_round(election_executive(), 3, 2, cands, p, 15);
  EXPECT_EQ(two.elected, (std::vector<std::string>{"B", "A"}));
  EXPECT_TRUE(two.elected_by_age.empty());
  RoundPapers none;
  none.papers = 4;
  none.blank = 4;
  EXPECT_TRUE(count_round(election_executive(), 3, 1, cands, none, 4).elected.empty()) << "no vote, nobody elected";
}

}  // namespace
}  // namespace scrutin
