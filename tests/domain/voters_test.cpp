// Who is a voter (interested members are not), unanimity, a vote that cannot
// change, cancelled ballots, and a reconvened sitting; on both French presets
// and every ballot mode.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/record.hpp"

namespace scrutin {
namespace {

const BallotMode kModes[] = {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret};
const RuleSet kCouncils[] = {french_council(), french_council_2020_2022()};

struct Council {
  Session s;
  std::vector<Event> journal;  // every event, for the replay check
  Millis now = 1000;

  Council(int n, const RuleSet& rules) {
    SessionInfo info;
    info.body = "Conseil municipal";
    info.body_name = "Commune de Vic";
    info.date = "2026-03-10";
    info.time = "19:00";
    info.place = "Mairie";
    info.seats = n;
    info.president = "C1";
    info.secretary = "C2";
    ok(cmd::ConfigureSession{info, rules});
    std::vector<Member> roster;
    for (int i = 1; i <= n; ++i) roster.push_back(Member{id(i), "Élu " + std::to_string(i), "", MemberKind::Titular, "", 1, ""});
    ok(cmd::ImportRoster{roster});
    ok(cmd::AddItem{Item{"1", "Budget", "", "", "", "", "DE", "", ""}});
    ok(cmd::AddItem{Item{"2", "Voirie", "", "", "", "", "DE", "", ""}});
  }
  static std::string id(int i) { return "C" + std::to_string(i); }
  std::vector<Event> ok(const Command& c) {
    auto r = s.execute(c, now++);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    if (!r) return {};
    journal.insert(journal.end(), r->begin(), r->end());
    return *r;
  }
  Error refused(const Command& c) {
    const Session before = s;
    auto r = s.execute(c, now++);
    EXPECT_FALSE(r);
    EXPECT_EQ(s, before) << "a refused command must change nothing";
    return r ? Error{} : r.error();
  }
  void arrive(int from, int to) {
    for (int i = from; i <= to; ++i) ok(cmd::CheckIn{id(i)});
  }
  void vote(const std::string& voice, Choice c, const std::string& by = "", const ItemId& item = "1") {
    ok(cmd::CastVote{item, voice, by.empty() ? voice : by, c, false});
  }
};

// ---- Interested members are not voters -------------------------------------------

TEST(Voters, AnInterestedMemberIsNeitherVoterNorNonParticipant) {
  for (const RuleSet& rules : kCouncils)
    for (BallotMode mode : kModes) {
      Council c(12, rules);
      c.arrive(1, 9);
      c.ok(cmd::RegisterProxy{Proxy{"C10", "C3", 1}});  // held by an interested member
      c.ok(cmd::RegisterProxy{Proxy{"C11", "C4", 1}});  // held by a free member
      c.ok(cmd::DeclareConflict{"1", "C3"});
      c.ok(cmd::DeclareConflict{"1", "C5"});
      c.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
      const Ballot& b = *c.s.ballot("1");
      EXPECT_EQ(b.snapshot.quorum_present, 7);  // 9 present, 2 interested
      EXPECT_EQ(b.snapshot.interested, (std::vector<MemberId>{"C3", "C5"}));
      ASSERT_EQ(b.snapshot.not_exercised.size(), 1u);
      EXPECT_EQ(b.snapshot.not_exercised[0].mandant, "C10");
      ASSERT_EQ(b.snapshot.represented.size(), 1u);
      EXPECT_FALSE(b.voices.contains("C3"));
      EXPECT_FALSE(b.voices.contains("C10"));
      for (const auto& [voice, by] : b.voices) c.vote(voice, Choice::Pour, by);
      c.ok(cmd::CloseBallot{"1"});
      const Ballot& closed = *c.s.ballot("1");
      EXPECT_EQ(closed.tally.heads.voters, 8) << to_string(mode);  // 7 present and free + 1 represented
      EXPECT_EQ(closed.tally.heads.not_taking_part, 0) << to_string(mode);
      EXPECT_EQ(closed.tally.heads.pour, 8);
      EXPECT_TRUE(closed.outcome.unanimous) << "every voter voted pour; the interested are not voters";
      auto r = make_record(c.s, "1");
      ASSERT_TRUE(r);
      EXPECT_EQ(r->counts.voters, 8);
      EXPECT_TRUE(r->names_not_taking_part.empty());
      EXPECT_EQ(r->interested_names, (std::vector<std::string>{"Élu 3", "Élu 5"}));
      ASSERT_EQ(r->proxies_not_exercised.size(), 1u);
      EXPECT_EQ(r->proxies_not_exercised[0].mandant, "Élu 10");
      // The next item: everyone takes part again, the proxies are exercised.
      c.ok(cmd::OpenBallot{"2", mode, true, std::nullopt});
      EXPECT_EQ(c.s.ballot("2")->voices.size(), 11u);
      EXPECT_EQ(Session::replay(c.journal), c.s);
    }
}

TEST(Voters, TheProxyGivenByAnInterestedMandantIsNotAVoice) {
  for (const RuleSet& rules : kCouncils) {
    Council c(10, rules);
    c.arrive(1, 7);
    c.ok(cmd::RegisterProxy{Proxy{"C9", "C2", 1}});
    c.ok(cmd::DeclareConflict{"1", "C9"});  // absent, interested: his proxy is no voice
    c.ok(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});
    const Ballot& b = *c.s.ballot("1");
    EXPECT_FALSE(b.voices.contains("C9"));
    EXPECT_TRUE(b.snapshot.represented.empty());
    ASSERT_EQ(b.snapshot.not_exercised.size(), 1u);
    EXPECT_EQ(b.snapshot.not_exercised[0].mandant, "C9");
    EXPECT_EQ(c.refused(cmd::CastVote{"1", "C9", "C2", Choice::Pour, false}).code, ErrorCode::Interested);
    c.vote("C1", Choice::Pour);
    c.vote("C2", Choice::Contre);
    c.ok(cmd::CloseBallot{"1"});
    EXPECT_EQ(c.s.ballot("1")->tally.heads.voters, 7);
    EXPECT_EQ(c.s.ballot("1")->tally.heads.not_taking_part, 5);  // voters who did not vote
  }
}

// ---- Unanimity -------------------------------------------------------------------------

TEST(Unanimity, EveryExpressedVotePour) {
  for (const RuleSet& rules : kCouncils)
    for (BallotMode mode : kModes) {
      Council all(6, rules);
      all.arrive(1, 6);
      all.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
      for (int i = 1; i <= 6; ++i) all.vote(Council::id(i), i == 6 ? Choice::Abstention : Choice::Pour);
      all.ok(cmd::CloseBallot{"1"});
      EXPECT_TRUE(all.s.ballot("1")->outcome.unanimous) << "an abstention does not break unanimity of the expressed";

      Council against(6, rules);
      against.arrive(1, 6);
      against.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
      for (int i = 1; i <= 6; ++i) against.vote(Council::id(i), i == 6 ? Choice::Contre : Choice::Pour);
      against.ok(cmd::CloseBallot{"1"});
      EXPECT_TRUE(against.s.ballot("1")->outcome.adopted);
      EXPECT_FALSE(against.s.ballot("1")->outcome.unanimous);

      Council silent(6, rules);
      silent.arrive(1, 6);
      silent.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
      for (int i = 1; i <= 6; ++i) silent.vote(Council::id(i), Choice::Abstention);
      silent.ok(cmd::CloseBallot{"1"});
      EXPECT_FALSE(silent.s.ballot("1")->outcome.unanimous) << "no expressed vote: rejected, not unanimous";
    }
}

// ---- A vote that the ballot does not let change ------------------------------------------

TEST(VoteChange, RefusedWhenTheBallotForbidsItAndTheFirstVoteStands) {
  for (const RuleSet& rules : kCouncils) {
    for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal}) {
      Council c(6, rules);
      c.arrive(1, 6);
      c.ok(cmd::OpenBallot{"1", mode, /*allow_change=*/false, std::nullopt});
      c.vote("C2", Choice::Pour);
      Error e = c.refused(cmd::CastVote{"1", "C2", "C2", Choice::Contre, false});
      EXPECT_EQ(e.code, ErrorCode::AlreadyVoted);
      EXPECT_NE(e.message.find("your first vote stands"), std::string::npos) << e.message;
      EXPECT_TRUE(c.ok(cmd::CastVote{"1", "C2", "C2", Choice::Pour, false}).empty()) << "the same vote again is a resend";
      c.ok(cmd::CloseBallot{"1"});
      EXPECT_EQ(c.s.ballot("1")->tally.heads.pour, 1);
      EXPECT_EQ(c.s.ballot("1")->tally.heads.contre, 0);
    }
    // Secret: never linked to the voter, so never changed (the ballot opens without changes).
    Council c(6, rules);
    c.arrive(1, 6);
    c.ok(cmd::OpenBallot{"1", BallotMode::Secret, /*allow_change=*/true, std::nullopt});
    EXPECT_FALSE(c.s.ballot("1")->allow_change);
    c.vote("C2", Choice::Pour);
    Error e = c.refused(cmd::CastVote{"1", "C2", "C2", Choice::Contre, false});
    EXPECT_EQ(e.code, ErrorCode::AlreadyVoted);
    EXPECT_NE(e.message.find("your first vote stands"), std::string::npos) << e.message;
    c.ok(cmd::CloseBallot{"1"});
    EXPECT_EQ(c.s.ballot("1")->tally.heads.pour, 1);
    EXPECT_EQ(c.s.ballot("1")->tally.heads.contre, 0);
  }
}

// ---- Cancelled ballots -------------------------------------------------------------------

TEST(Cancel, ABallotOpenedByMistakeIsPutAsideAndTheItemVotedAgain) {
  for (const RuleSet& rules : kCouncils)
    for (BallotMode mode : kModes)
      for (bool with_votes : {false, true}) {
        Council c(8, rules);
        c.arrive(1, 6);
        c.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
        if (with_votes) {
          c.vote("C1", Choice::Contre);
          c.vote("C2", Choice::Contre);
        }
        EXPECT_EQ(c.refused(cmd::CancelBallot{"1", "  "}).code, ErrorCode::InvalidArgument);  // a reason is required
        c.ok(cmd::CancelBallot{"1", "ouvert sur le mauvais point"});
        EXPECT_EQ(c.s.ballot("1"), nullptr);
        EXPECT_EQ(c.s.open_ballot(), nullptr);
        ASSERT_EQ(c.s.cancelled().size(), 1u);
        EXPECT_EQ(c.s.cancelled()[0].reason, "ouvert sur le mauvais point");
        EXPECT_FALSE(make_record(c.s, "1")) << "a cancelled ballot is no deliberation";

        // Arrivals since count: a fresh snapshot, and no vote of the cancelled ballot.
        c.arrive(7, 8);
        c.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
        const Ballot& again = *c.s.ballot("1");
        EXPECT_EQ(again.snapshot.present_titulars.size(), 8u);
        EXPECT_TRUE(again.casts.empty());
        EXPECT_TRUE(again.secret_voted.empty());
        c.vote("C1", Choice::Pour);
        c.vote("C2", Choice::Pour);
        c.ok(cmd::CloseBallot{"1"});
        EXPECT_EQ(c.s.ballot("1")->tally.heads.pour, 2);
        EXPECT_EQ(c.s.ballot("1")->tally.heads.contre, 0);
        EXPECT_EQ(c.s.ballot("1")->tally.heads.voters, 8);
        EXPECT_TRUE(make_record(c.s, "1"));
        EXPECT_EQ(Session::replay(c.journal), c.s) << "the cancellation replays";
      }
}

TEST(Cancel, OnlyAnOpenBallotCanBeCancelled) {
  Council c(6, french_council());
  c.arrive(1, 6);
  EXPECT_EQ(c.refused(cmd::CancelBallot{"1", "erreur"}).code, ErrorCode::BallotNotOpen);
  EXPECT_EQ(c.refused(cmd::CancelBallot{"9", "erreur"}).code, ErrorCode::UnknownItem);
  c.ok(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});
  c.vote("C1", Choice::Pour);
  c.ok(cmd::CloseBallot{"1"});
  const Error e = c.refused(cmd::CancelBallot{"1", "erreur"});
  EXPECT_EQ(e.code, ErrorCode::BallotClosed);
  EXPECT_NE(e.message.find("closed"), std::string::npos);
}

TEST(Cancel, AnInterestDeclaredAfterTheCancellationCountsOnTheNewBallot) {
  Council c(8, french_council_2020_2022());
  c.arrive(1, 8);
  c.ok(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});
  c.ok(cmd::CancelBallot{"1", "un élu intéressé n'avait pas été déclaré"});
  c.ok(cmd::DeclareConflict{"1", "C4"});
  c.ok(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});
  EXPECT_FALSE(c.s.ballot("1")->voices.contains("C4"));
}

// ---- A reconvened sitting -------------------------------------------------------------------

TEST(Reconvene, KeepsEverythingButTheDateAndTheQuorum) {
  for (const RuleSet& rules : kCouncils) {
    Council c(10, rules);
    const SessionInfo before = c.s.info();
    c.arrive(1, 2);
    EXPECT_EQ(c.refused(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt}).code, ErrorCode::QuorumNotMet);
    EXPECT_EQ(c.refused(cmd::ReconveneSession{"", ""}).code, ErrorCode::InvalidArgument);
    c.ok(cmd::ReconveneSession{"2026-03-13", "18:00"});
    const SessionInfo& after = c.s.info();
    EXPECT_TRUE(after.reconvened);
    EXPECT_EQ(after.date, "2026-03-13");
    EXPECT_EQ(after.time, "18:00");
    SessionInfo expected = before;
    expected.reconvened = true;
    expected.date = "2026-03-13";
    expected.time = "18:00";
    EXPECT_EQ(after, expected) << "body, president, secretary, seats and place are kept";
    EXPECT_EQ(c.s.rules(), rules);
    EXPECT_EQ(c.s.roster().size(), 10u);
    c.ok(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});  // no quorum required
    EXPECT_EQ(Session::replay(c.journal), c.s);
    EXPECT_EQ(c.refused(cmd::ReconveneSession{"2026-03-20", ""}).code, ErrorCode::AlreadyConfigured);
  }
}

}  // namespace
}  // namespace scrutin
