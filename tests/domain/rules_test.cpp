// One test per rule of DESIGN.md "Domain rules", on small councils.
#include <gtest/gtest.h>

#include "domain/record.hpp"

namespace scrutin {
namespace {

// A council of n titulars M1..Mn (M1 presides), plus substitutes as asked.
struct Council {
  Session s;
  Millis now = 1000;

  explicit Council(int n, RuleSet rules = french_council(), bool reconvened = false, std::vector<Member> extra = {}) {
    SessionInfo info;
    info.body = "Conseil municipal";
    info.date = "2026-01-15";
    info.seats = n;
    info.president = "M1";
    info.secretary = "M2";
    info.reconvened = reconvened;
    ok(cmd::ConfigureSession{info, rules});
    std::vector<Member> members;
    for (int i = 1; i <= n; ++i) members.push_back(Member{id(i), "Member " + std::to_string(i), "", MemberKind::Titular, "", 1, ""});
    for (auto& m : extra) members.push_back(m);
    ok(cmd::ImportRoster{members});
    ok(cmd::AddItem{Item{"1", "Budget", "", "", "", "", "DE", "", ""}});
    ok(cmd::AddItem{Item{"2", "Travaux", "", "", "", "", "DE", "", ""}});
  }
  static std::string id(int i) { return "M" + std::to_string(i); }
  std::vector<Event> ok(const Command& c) {
    auto r = s.execute(c, now++);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
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
  void arrive(int from, int to) {
    for (int i = from; i <= to; ++i) ok(cmd::CheckIn{id(i)});
  }
  void open(const ItemId& item = "1", BallotMode mode = BallotMode::Public, std::optional<Fraction> q = std::nullopt,
            bool allow_change = true) {
    ok(cmd::OpenBallot{item, mode, allow_change, q});
  }
  void vote(const MemberId& voice, Choice c, const ItemId& item = "1", MemberId by = "") {
    ok(cmd::CastVote{item, voice, by.empty() ? voice : by, c, false});
  }
  const Ballot& close(const ItemId& item = "1") {
    ok(cmd::CloseBallot{item});
    return *s.ballot(item);
  }
};

TEST(Quorum, StandardNeedsMoreThanHalfPresent) {
  EXPECT_EQ(quorum_required(french_council(), 58), 30);
  EXPECT_EQ(quorum_required(french_council(), 59), 30);
  EXPECT_EQ(quorum_required(french_council_2020_2022(), 58), 20);
  EXPECT_EQ(quorum_required(french_council_2020_2022(), 60), 20);
  Council c(10);
  c.arrive(1, 5);  // 5 of 10: not more than half
  auto e = c.refused(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});
  EXPECT_EQ(e.code, ErrorCode::QuorumNotMet);
  EXPECT_NE(e.message.find("5 members present of 10 in office, 6 required"), std::string::npos) << e.message;
  c.arrive(6, 6);
  c.open();
  EXPECT_TRUE(c.s.ballot("1")->snapshot.quorum_met);
}

TEST(Quorum, RepresentedMembersDoNotCount) {
  Council c(10);
  c.arrive(1, 5);
  c.ok(cmd::RegisterProxy{Proxy{"M6", "M1", 1}});
  EXPECT_EQ(c.refused(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt}).code, ErrorCode::QuorumNotMet);
}

TEST(Quorum, ReconvenedSessionDeliberatesWithoutQuorum) {
  Council c(10, french_council(), /*reconvened=*/true);
  c.arrive(1, 2);
  c.open();
  EXPECT_FALSE(c.s.ballot("1")->snapshot.quorum_met);  // recorded as not met, and yet open
  c.vote("M1", Choice::Pour);
  c.vote("M2", Choice::Pour);
  EXPECT_TRUE(c.close().outcome.adopted);
}

TEST(Proxies, OnePerHolderUnderStandardRules) {
  Council c(10);
  c.ok(cmd::RegisterProxy{Proxy{"M9", "M1", 1}});
  auto e = c.refused(cmd::RegisterProxy{Proxy{"M10", "M1", 1}});
  EXPECT_EQ(e.code, ErrorCode::ProxyLimit);
}

TEST(Proxies, TwoPerHolderUnderThe2020Regime) {
  Council c(10, french_council_2020_2022());
  c.ok(cmd::RegisterProxy{Proxy{"M8", "M1", 1}});
  c.ok(cmd::RegisterProxy{Proxy{"M9", "M1", 1}});
  EXPECT_EQ(c.refused(cmd::RegisterProxy{Proxy{"M10", "M1", 1}}).code, ErrorCode::ProxyLimit);
}

TEST(Proxies, NoChainsNoSelfAndValidityLimit) {
  Council c(10);
  c.ok(cmd::RegisterProxy{Proxy{"M9", "M1", 1}});
  EXPECT_EQ(c.refused(cmd::RegisterProxy{Proxy{"M1", "M2", 1}}).code, ErrorCode::ProxyRefused);   // holder gives
  EXPECT_EQ(c.refused(cmd::RegisterProxy{Proxy{"M8", "M9", 1}}).code, ErrorCode::ProxyRefused);   // mandant holds
  EXPECT_EQ(c.refused(cmd::RegisterProxy{Proxy{"M7", "M7", 1}}).code, ErrorCode::ProxyRefused);   // self
  EXPECT_EQ(c.refused(cmd::RegisterProxy{Proxy{"M7", "M2", 4}}).code, ErrorCode::ProxyRefused);   // > 3 sessions
  EXPECT_EQ(c.refused(cmd::RegisterProxy{Proxy{"M9", "M3", 1}}).code, ErrorCode::ProxyRefused);   // already given
  EXPECT_EQ(c.refused(cmd::RegisterProxy{Proxy{"X", "M3", 1}}).code, ErrorCode::UnknownMember);
}

TEST(Proxies, RevocationFreesTheHolder) {
  Council c(10);
  c.ok(cmd::RegisterProxy{Proxy{"M9", "M1", 1}});
  c.ok(cmd::RevokeProxy{"M9"});
  c.ok(cmd::RegisterProxy{Proxy{"M10", "M1", 1}});
  EXPECT_EQ(c.refused(cmd::RevokeProxy{"M9"}).code, ErrorCode::NoSuchProxy);
}

TEST(Proxies, HolderWhoLeavesCannotExerciseIt) {
  Council c(10);
  c.arrive(1, 8);
  c.ok(cmd::RegisterProxy{Proxy{"M9", "M8", 1}});
  c.open("1");
  EXPECT_EQ(c.s.ballot("1")->snapshot.represented.size(), 1u);
  c.vote("M9", Choice::Pour, "1", "M8");
  c.close("1");
  c.ok(cmd::CheckOut{"M8"});  // leaves between items
  c.open("2");
  const Ballot& b = *c.s.ballot("2");
  EXPECT_TRUE(b.snapshot.represented.empty());
  ASSERT_EQ(b.snapshot.not_exercised.size(), 1u);
  EXPECT_EQ(c.refused(cmd::CastVote{"2", "M9", "M8", Choice::Pour, false}).code, ErrorCode::NotEntitled);
  EXPECT_EQ(c.close("2").tally.heads.voters, 7);
}

TEST(Proxies, HolderVotesSeparatelyAndOnlyForItsMandant) {
  Council c(10);
  c.arrive(1, 8);
  c.ok(cmd::RegisterProxy{Proxy{"M9", "M8", 1}});
  c.open();
  EXPECT_EQ(c.refused(cmd::CastVote{"1", "M9", "M7", Choice::Pour, false}).code, ErrorCode::NotEntitled);
  EXPECT_EQ(c.refused(cmd::CastVote{"1", "M8", "M7", Choice::Pour, false}).code, ErrorCode::NotEntitled);
  c.vote("M8", Choice::Contre);
  c.vote("M9", Choice::Pour, "1", "M8");
  const Ballot& b = c.close();
  EXPECT_EQ(b.tally.heads.pour, 1);
  EXPECT_EQ(b.tally.heads.contre, 1);
  EXPECT_EQ(b.tally.heads.voters, 9);
  EXPECT_EQ(b.tally.heads.not_taking_part, 7);
}

TEST(Substitutes, SitWhenTheTitularIsAbsentAndStandDownOnArrival) {
  std::vector<Member> subs{Member{"S1", "Substitute 1", "", MemberKind::Substitute, "M10", 1, ""}};
  Council c(10, french_council(), false, subs);
  c.arrive(1, 5);
  c.ok(cmd::CheckIn{"S1"});
  c.open("1");
  const Ballot& b1 = *c.s.ballot("1");
  EXPECT_EQ(b1.snapshot.quorum_present, 6);  // the substitute counts as present
  EXPECT_EQ(b1.snapshot.sitting_substitutes, std::vector<MemberId>{"S1"});
  c.vote("S1", Choice::Pour);
  EXPECT_EQ(c.close("1").tally.heads.pour, 1);
  c.ok(cmd::CheckIn{"M10"});  // the titular arrives: the substitute stands down
  EXPECT_FALSE(c.s.is_present("S1"));
  EXPECT_EQ(c.refused(cmd::CheckIn{"S1"}).code, ErrorCode::SubstituteNotAllowed);
}

TEST(Substitutes, ATitularWhoGaveAProxyIsNotReplaced) {
  std::vector<Member> subs{Member{"S1", "Substitute 1", "", MemberKind::Substitute, "M10", 1, ""}};
  Council c(10, french_council(), false, subs);
  c.ok(cmd::RegisterProxy{Proxy{"M10", "M1", 1}});
  EXPECT_EQ(c.refused(cmd::CheckIn{"S1"}).code, ErrorCode::SubstituteNotAllowed);
}

TEST(Majority, CastingVoteDecidesATieInAPublicBallot) {
  Council c(6);
  c.arrive(1, 4);
  c.open();
  c.vote("M1", Choice::Contre);  // the president
  c.vote("M2", Choice::Contre);
  c.vote("M3", Choice::Pour);
  c.vote("M4", Choice::Pour);
  const Ballot& b = c.close();
  EXPECT_FALSE(b.outcome.adopted);
  EXPECT_TRUE(b.outcome.casting_vote_decided);

  Council d(6);
  d.arrive(1, 4);
  d.open();
  d.vote("M1", Choice::Pour);
  d.vote("M2", Choice::Contre);
  d.vote("M3", Choice::Pour);
  d.vote("M4", Choice::Contre);
  EXPECT_TRUE(d.close().outcome.adopted);
}

TEST(Majority, SecretTieIsRejected) {
  Council c(6);
  c.arrive(1, 4);
  c.open("1", BallotMode::Secret);
  c.vote("M1", Choice::Pour);
  c.vote("M2", Choice::Contre);
  c.vote("M3", Choice::Pour);
  c.vote("M4", Choice::Contre);
  const Ballot& b = c.close();
  EXPECT_FALSE(b.outcome.adopted);
  EXPECT_FALSE(b.outcome.casting_vote_decided);
  EXPECT_EQ(b.tally.heads.pour, 2);
  EXPECT_TRUE(b.casts.empty());  // who voted what is never kept
  EXPECT_EQ(b.secret_voted.size(), 4u);
}

TEST(Majority, AbstentionsAreNotExpressed) {
  Council c(6);
  c.arrive(1, 5);
  c.open();
  c.vote("M1", Choice::Pour);
  c.vote("M2", Choice::Abstention);
  c.vote("M3", Choice::Abstention);
  c.vote("M4", Choice::Abstention);
  c.vote("M5", Choice::NotTakingPart);
  const Ballot& b = c.close();
  EXPECT_EQ(b.tally.heads.expressed(), 1);
  EXPECT_EQ(b.tally.heads.abstentions, 3);
  EXPECT_EQ(b.tally.heads.not_taking_part, 1);
  EXPECT_TRUE(b.outcome.adopted);
  EXPECT_TRUE(b.outcome.unanimous);  // every expressed vote pour (the record adds "des suffrages exprimés")
}

TEST(Majority, QualifiedTwoThirdsAndThreeFifths) {
  auto run = [](Fraction q, int pour, int contre) {
    Council c(10);
    c.arrive(1, 10);
    c.open("1", BallotMode::Public, q);
    for (int i = 1; i <= pour; ++i) c.vote(Council::id(i), Choice::Pour);
    for (int i = pour + 1; i <= pour + contre; ++i) c.vote(Council::id(i), Choice::Contre);
    return c.close().outcome.adopted;
  };
  EXPECT_TRUE(run({2, 3}, 6, 3));   // 6/9 = 2/3 exactly: at least two thirds
  EXPECT_FALSE(run({2, 3}, 6, 4));  // 6/10 < 2/3
  EXPECT_TRUE(run({3, 5}, 6, 4));   // 6/10 = 3/5
  EXPECT_FALSE(run({3, 5}, 5, 4));  // 5/9 < 3/5
}

TEST(Majority, WeightedVotesCountByWeight) {
  // A co-ownership of 1000 thousandths.
  Session s;
  SessionInfo info;
  info.date = "2026-01-15";
  info.seats = 3;
  info.president = "A";
  ASSERT_TRUE(s.execute(cmd::ConfigureSession{info, weighted_assembly({0, 1}, {1, 2})}, 0));
  ASSERT_TRUE(s.execute(cmd::ImportRoster{{Member{"A", "Lot A", "", MemberKind::Titular, "", 600, ""},
                                           Member{"B", "Lot B", "", MemberKind::Titular, "", 250, ""},
                                           Member{"C", "Lot C", "", MemberKind::Titular, "", 150, ""}}},
                        0));
  ASSERT_TRUE(s.execute(cmd::AddItem{Item{"1", "Ravalement", "", "", "", "", "DE", "", ""}}, 0));
  for (auto id : {"A", "B", "C"}) ASSERT_TRUE(s.execute(cmd::CheckIn{id}, 0));
  ASSERT_TRUE(s.execute(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt}, 0));
  ASSERT_TRUE(s.execute(cmd::CastVote{"1", "A", "A", Choice::Pour, false}, 0));
  ASSERT_TRUE(s.execute(cmd::CastVote{"1", "B", "B", Choice::Contre, false}, 0));
  ASSERT_TRUE(s.execute(cmd::CastVote{"1", "C", "C", Choice::Contre, false}, 0));
  ASSERT_TRUE(s.execute(cmd::CloseBallot{"1"}, 0));
  const Ballot& b = *s.ballot("1");
  EXPECT_EQ(b.tally.heads.pour, 1);
  EXPECT_EQ(b.tally.heads.contre, 2);
  EXPECT_EQ(b.tally.weighted.pour, 600);
  EXPECT_EQ(b.tally.weighted.contre, 400);
  EXPECT_TRUE(b.outcome.adopted);  // 600 of 1000 thousandths, though one head against two
}

TEST(Majority, GeneralAssemblyCountsAbstentionsAndHasNoCastingVote) {
  Council c(4, general_assembly({1, 4}, false, {1, 2}));
  c.arrive(1, 4);
  c.open();
  c.vote("M1", Choice::Pour);
  c.vote("M2", Choice::Pour);
  c.vote("M3", Choice::Contre);
  c.vote("M4", Choice::Abstention);  // 2 of 4 cast: not more than half
  const Ballot& b = c.close();
  EXPECT_FALSE(b.outcome.adopted);
  EXPECT_FALSE(b.outcome.casting_vote_decided);
}

TEST(Conflict, InterestedMemberTakesNoPartNotEvenAsHolder) {
  Council c(10);
  c.arrive(1, 8);
  c.ok(cmd::RegisterProxy{Proxy{"M9", "M3", 1}});
  c.ok(cmd::DeclareConflict{"1", "M3"});
  c.open("1");
  const Ballot& b = *c.s.ballot("1");
  EXPECT_EQ(b.snapshot.quorum_present, 7);  // left out of the quorum count
  EXPECT_EQ(b.snapshot.interested, std::vector<MemberId>{"M3"});
  EXPECT_TRUE(b.snapshot.represented.empty());  // its proxy is not exercised
  EXPECT_EQ(c.refused(cmd::CastVote{"1", "M3", "M3", Choice::Pour, false}).code, ErrorCode::Interested);
  EXPECT_EQ(c.refused(cmd::CastVote{"1", "M9", "M3", Choice::Pour, false}).code, ErrorCode::Interested);
  for (int i : {1, 2, 4, 5, 6, 7, 8}) c.vote(Council::id(i), Choice::Pour);
  c.close("1");
  auto r = make_record(c.s, "1");
  ASSERT_TRUE(r);
  // An interested member is not a voter: neither counted nor listed as not taking part.
  EXPECT_EQ(r->counts.voters, 7);
  EXPECT_EQ(r->counts.not_taking_part, 0);
  EXPECT_TRUE(r->names_not_taking_part.empty());
  EXPECT_EQ(r->interested_names, std::vector<std::string>{"Member 3"});
  // On the next item the member and the proxy take part again.
  c.open("2");
  EXPECT_EQ(c.s.ballot("2")->snapshot.represented.size(), 1u);
}

TEST(Conflict, MayMakeQuorumFail) {
  Council c(10);
  c.arrive(1, 6);
  c.ok(cmd::DeclareConflict{"1", "M6"});
  EXPECT_EQ(c.refused(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt}).code, ErrorCode::QuorumNotMet);
  c.open("2");  // other items are unaffected
}

TEST(Attendance, ArrivalsBetweenItemsCountFromTheNextItem) {
  Council c(10);
  c.arrive(1, 6);
  c.open("1");
  c.ok(cmd::CheckIn{"M7"});  // arrives during the vote on item 1
  EXPECT_EQ(c.refused(cmd::CastVote{"1", "M7", "M7", Choice::Pour, false}).code, ErrorCode::NotEntitled);
  EXPECT_EQ(c.close("1").tally.heads.voters, 6);
  c.open("2");
  EXPECT_EQ(c.s.ballot("2")->snapshot.quorum_present, 7);
  c.vote("M7", Choice::Pour, "2");
  EXPECT_EQ(c.close("2").tally.heads.voters, 7);
}

TEST(Votes, ChangeBeforeCloseWhenAllowed) {
  Council c(6);
  c.arrive(1, 4);
  c.open();
  c.vote("M2", Choice::Contre);
  c.vote("M2", Choice::Pour);
  EXPECT_TRUE(c.ok(cmd::CastVote{"1", "M2", "M2", Choice::Pour, false}).empty()) << "a resend changes nothing";
  const Ballot& b = c.close();
  EXPECT_EQ(b.tally.heads.pour, 1);
  EXPECT_EQ(b.tally.heads.contre, 0);
}

TEST(Votes, NoChangeWhenTheBallotForbidsIt) {
  Council c(6);
  c.arrive(1, 4);
  c.open("1", BallotMode::Public, std::nullopt, /*allow_change=*/false);
  c.vote("M2", Choice::Contre);
  EXPECT_EQ(c.refused(cmd::CastVote{"1", "M2", "M2", Choice::Pour, false}).code, ErrorCode::AlreadyVoted);
}

TEST(Votes, ClosedBallotRefusesVotes) {
  Council c(6);
  c.arrive(1, 4);
  c.open();
  c.vote("M1", Choice::Pour);
  c.close();
  auto e = c.refused(cmd::CastVote{"1", "M2", "M2", Choice::Pour, false});
  EXPECT_EQ(e.code, ErrorCode::BallotClosed);
  EXPECT_NE(e.message.find("closed"), std::string::npos);
  EXPECT_EQ(c.refused(cmd::CloseBallot{"1"}).code, ErrorCode::BallotClosed);
  EXPECT_EQ(c.refused(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt}).code, ErrorCode::BallotClosed);
}

TEST(Votes, OneBallotOpenAtATime) {
  Council c(6);
  c.arrive(1, 4);
  c.open("1");
  EXPECT_EQ(c.refused(cmd::OpenBallot{"2", BallotMode::Public, true, std::nullopt}).code, ErrorCode::BallotAlreadyOpen);
}

TEST(Votes, ClerkEntryIsMarkedInTheRecord) {
  Council c(6);
  c.arrive(1, 4);
  c.open();
  c.ok(cmd::CastVote{"1", "M3", "", Choice::Pour, true});
  c.close();
  auto r = make_record(c.s, "1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->entered_by_clerk, std::vector<std::string>{"Member 3"});
  EXPECT_EQ(r->names_pour, std::vector<std::string>{"Member 3"});
}

TEST(Roster, LockedOnceVotingStartedAndValidated) {
  Council c(6);
  std::vector<Member> bad{Member{"S9", "Sub", "", MemberKind::Substitute, "nobody", 1, ""}};
  EXPECT_EQ(c.refused(cmd::ImportRoster{bad}).code, ErrorCode::InvalidArgument);
  std::vector<Member> dup{Member{"M1", "Again", "", MemberKind::Titular, "", 1, ""}};
  EXPECT_EQ(c.refused(cmd::ImportRoster{dup}).code, ErrorCode::InvalidArgument);
  c.arrive(1, 4);
  c.open();
  std::vector<Member> late{Member{"M99", "Late", "", MemberKind::Titular, "", 1, ""}};
  EXPECT_EQ(c.refused(cmd::ImportRoster{late}).code, ErrorCode::RosterLocked);
}

TEST(Session, CommandsBeforeConfigurationAreRefused) {
  Session s;
  auto r = s.execute(cmd::CheckIn{"M1"}, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NotConfigured);
}

}  // namespace
}  // namespace scrutin

namespace scrutin {
namespace {
TEST(Roster, SeatsBoundTheTitularsWhenGiven) {
  Session s;
  SessionInfo info;
  info.date = "2026-01-15";
  info.seats = 2;
  ASSERT_TRUE(s.execute(cmd::ConfigureSession{info, french_council()}, 0));
  std::vector<Member> three;
  for (auto id : {"A", "B", "C"}) three.push_back(Member{id, id, "", MemberKind::Titular, "", 1, ""});
  auto r = s.execute(cmd::ImportRoster{three}, 0);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("3 titular members for 2 seats"), std::string::npos) << r.error().message;
  // Without a number of seats, every titular on the roster is in office.
  Session open;
  info.seats = 0;
  ASSERT_TRUE(open.execute(cmd::ConfigureSession{info, french_council()}, 0));
  ASSERT_TRUE(open.execute(cmd::ImportRoster{three}, 0));
  EXPECT_EQ(open.members_in_office(), 3);
  info.seats = -1;
  EXPECT_FALSE(Session().execute(cmd::ConfigureSession{info, french_council()}, 0));
}
}  // namespace
}  // namespace scrutin
