// The clerk's corrections (issue 10): members and items edited or removed as
// journal events, PIN resets. Each rule is checked on several councils, rule
// presets and ballot modes, driving the real domain library.
#include <gtest/gtest.h>

#include "domain/session.hpp"
#include "proto/convert.hpp"

namespace scrutin {
namespace {

struct Preset {
  const char* name;
  RuleSet rules;
  int titulars;
  BallotMode mode;
};

// A council of n titulars T1..Tn (T1 presides, T2 writes the minutes) and one
// substitute S3 for T3, with two items.
struct Council {
  Session s;
  Millis now = 1000;
  explicit Council(const Preset& setup) {
    SessionInfo info;
    info.body = "Conseil municipal";
    info.date = "2026-05-04";
    info.seats = setup.titulars;
    info.president = "T1";
    info.secretary = "T2";
    ok(cmd::ConfigureSession{info, setup.rules});
    std::vector<Member> members;
    for (int i = 1; i <= setup.titulars; ++i)
      members.push_back(Member{id(i), "Élu " + std::to_string(i), "Groupe", MemberKind::Titular, "", i % 3 + 1, ""});
    members.push_back(Member{"S3", "Suppléant 3", "Groupe", MemberKind::Substitute, "T3", 1, ""});
    ok(cmd::ImportRoster{members});
    ok(cmd::AddItem{Item{"A", "Budget", "T2", "", "", "", "DE", "", ""}});
    ok(cmd::AddItem{Item{"B", "Travaux", "", "", "", "", "DE", "", ""}});
  }
  static std::string id(int i) { return "T" + std::to_string(i); }
  std::vector<Event> ok(const Command& c) {
    auto r = s.execute(c, now++);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : std::vector<Event>{};
  }
  Error refused(const Command& c) {
    const Session before = s;
    auto r = s.execute(c, now++);
    EXPECT_FALSE(r);
    EXPECT_EQ(s, before) << "a refused command changes nothing";
    return r ? Error{} : r.error();
  }
  void everyone_but(int away, int n) {
    for (int i = 1; i <= n; ++i)
      if (i != away) ok(cmd::CheckIn{id(i)});
  }
};

// French sentences: every refusal the clerk reads is a sentence, not a code.
void expect_french(const Error& e, const char* word) {
  EXPECT_NE(e.message.find(word), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find("cannot"), std::string::npos) << e.message;
}

class Corrections : public ::testing::TestWithParam<Preset> {};

TEST_P(Corrections, MemberWhoTookPartIsEditedNeverRemoved) {
  const Preset& p = GetParam();
  Council c(p);
  c.everyone_but(p.titulars, p.titulars);  // the last titular stays away
  c.ok(cmd::OpenBallot{"A", p.mode, true, std::nullopt});
  c.ok(cmd::CastVote{"A", "T4", "T4", Choice::Contre, false});
  c.ok(cmd::CloseBallot{"A"});
  // T4 voted: a typo in the name is corrected, the member stays.
  Member t4 = *c.s.member("T4");
  t4.name = "Élue Quatre";
  const auto events = c.ok(cmd::EditMember{t4});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(c.s.member("T4")->name, "Élue Quatre");
  EXPECT_TRUE(c.s.took_part("T4"));
  c.ok(cmd::CheckOut{"T4"});
  const Error e = c.refused(cmd::RemoveMember{"T4"});
  EXPECT_EQ(e.code, ErrorCode::MemberTookPart);
  expect_french(e, "a pris part à un scrutin");
  // The absent titular took no part: removed, and the next vote counts one fewer in office.
  const MemberId away = Council::id(p.titulars);
  EXPECT_FALSE(c.s.took_part(away));
  c.ok(cmd::RemoveMember{away});
  EXPECT_EQ(c.s.member(away), nullptr);
  EXPECT_EQ(c.s.members_in_office(), p.titulars - 1);
  EXPECT_EQ(c.s.attendance_for("B").in_office, p.titulars - 1);
  // The roster's other members are still found by id after the removal.
  EXPECT_EQ(c.s.member("T4")->name, "Élue Quatre");
  EXPECT_EQ(c.s.member("S3")->substitute_of, "T3");
}

TEST_P(Corrections, ReplayOfCorrectionsGivesTheSameSession) {
  const Preset& p = GetParam();
  Council c(p);
  std::vector<Event> journal;
  Council d(p);  // same set-up, recorded event by event below
  auto run = [&](const Command& cmd) {
    auto r = d.s.decide(cmd, d.now++);
    ASSERT_TRUE(r) << r.error().message;
    for (const Event& e : *r) d.s.apply(e), journal.push_back(e);
  };
  Member m = *d.s.member("T2");
  m.group = "Autre groupe";
  run(cmd::EditMember{m});
  Item a = *d.s.item("A");
  a.decision = "Article 1er : adopte.\nArticle 2 : charge le maire.";
  run(cmd::EditItem{a});
  run(cmd::RemoveItem{"B"});
  run(cmd::ResetPin{"T3"});
  run(cmd::RemoveMember{"S3"});
  Session base = c.s;
  for (const Event& e : journal) base.apply(e);
  EXPECT_EQ(base.roster(), d.s.roster());
  EXPECT_EQ(base.agenda(), d.s.agenda());
  EXPECT_EQ(d.s.agenda().size(), 1u);
  EXPECT_EQ(d.s.item("A")->decision, a.decision);
  // Each new event survives the protobuf codec unchanged (the journal's format).
  for (const Event& e : journal) {
    auto back = from_pb(to_pb(e));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, e);
  }
}

TEST_P(Corrections, ItemEditedOrRemovedOnlyUntilPutToVote) {
  const Preset& p = GetParam();
  Council c(p);
  c.everyone_but(0, p.titulars);
  Item a = *c.s.item("A");
  a.title = "Budget primitif 2026";
  a.text = "Vu le code,\n\nConsidérant que…";
  c.ok(cmd::EditItem{a});
  EXPECT_EQ(c.s.item("A")->title, "Budget primitif 2026");
  EXPECT_TRUE(c.ok(cmd::EditItem{a}).empty()) << "the same edit again records nothing";
  Item bad = a;
  bad.rapporteur = "NOBODY";
  EXPECT_EQ(c.refused(cmd::EditItem{bad}).code, ErrorCode::UnknownMember);
  bad = a;
  bad.title = "  ";
  EXPECT_EQ(c.refused(cmd::EditItem{bad}).code, ErrorCode::InvalidArgument);
  c.ok(cmd::OpenBallot{"A", p.mode, true, std::nullopt});
  a.title = "Trop tard";
  Error e = c.refused(cmd::EditItem{a});
  EXPECT_EQ(e.code, ErrorCode::ItemPutToVote);
  expect_french(e, "mis aux voix");
  EXPECT_EQ(c.refused(cmd::RemoveItem{"A"}).code, ErrorCode::ItemPutToVote);
  // Cancelled: the item can be corrected before it is put to the vote again, not removed.
  c.ok(cmd::CancelBallot{"A", "ouvert par erreur"});
  c.ok(cmd::EditItem{a});
  EXPECT_EQ(c.refused(cmd::RemoveItem{"A"}).code, ErrorCode::ItemPutToVote);
  // B was never voted: removed, with its declared interests.
  c.ok(cmd::DeclareConflict{"B", "T4"});
  c.ok(cmd::RemoveItem{"B"});
  EXPECT_EQ(c.s.item("B"), nullptr);
  EXPECT_TRUE(c.s.interested("B").empty());
  EXPECT_EQ(c.refused(cmd::RemoveItem{"B"}).code, ErrorCode::UnknownItem);
}

TEST_P(Corrections, RemovalWaitsForWhatDependsOnTheMember) {
  const Preset& p = GetParam();
  Council c(p);
  // President and secretary, rapporteur, present, proxies, a titular with a substitute.
  EXPECT_EQ(c.refused(cmd::RemoveMember{"T1"}).code, ErrorCode::MemberInUse);
  EXPECT_EQ(c.refused(cmd::RemoveMember{"T2"}).code, ErrorCode::MemberInUse);  // secretary and rapporteur of A
  EXPECT_EQ(c.refused(cmd::RemoveMember{"T3"}).code, ErrorCode::MemberInUse);  // S3 replaces T3
  c.ok(cmd::CheckIn{"T4"});
  expect_french(c.refused(cmd::RemoveMember{"T4"}), "pointez son départ");
  c.ok(cmd::CheckOut{"T4"});
  c.ok(cmd::RegisterProxy{Proxy{"T4", "T5", 1}});
  EXPECT_EQ(c.refused(cmd::RemoveMember{"T4"}).code, ErrorCode::MemberInUse);
  EXPECT_EQ(c.refused(cmd::RemoveMember{"T5"}).code, ErrorCode::MemberInUse);
  c.ok(cmd::RevokeProxy{"T4"});
  c.ok(cmd::RemoveMember{"T4"});
  EXPECT_EQ(c.refused(cmd::RemoveMember{"T4"}).code, ErrorCode::UnknownMember);
  // S3 removed, then T3 can go.
  c.ok(cmd::RemoveMember{"S3"});
  c.ok(cmd::RemoveMember{"T3"});
  EXPECT_EQ(c.s.members_in_office(), p.titulars - 2);
}

TEST_P(Corrections, StatusAndWeightChangesAreGuarded) {
  const Preset& p = GetParam();
  Council c(p);
  // Before any ballot: a titular may become the substitute of another, not of himself.
  Member t5 = *c.s.member("T5");
  t5.kind = MemberKind::Substitute;
  t5.substitute_of = "T5";
  EXPECT_EQ(c.refused(cmd::EditMember{t5}).code, ErrorCode::InvalidArgument);
  t5.substitute_of = "T6";
  c.ok(cmd::EditMember{t5});
  EXPECT_EQ(c.s.members_in_office(), p.titulars - 1);
  // Back to titular: within the seats.
  t5.kind = MemberKind::Titular;
  t5.substitute_of.clear();
  c.ok(cmd::EditMember{t5});
  Member bad = t5;
  bad.weight = 0;
  EXPECT_EQ(c.refused(cmd::EditMember{bad}).code, ErrorCode::InvalidArgument);
  c.everyone_but(0, p.titulars);
  c.ok(cmd::OpenBallot{"A", p.mode, true, std::nullopt});
  Member t6 = *c.s.member("T6");
  t6.weight += 5;
  EXPECT_EQ(c.refused(cmd::EditMember{t6}).code, ErrorCode::BallotAlreadyOpen);
  t6.weight -= 5;
  t6.kind = MemberKind::Substitute;
  t6.substitute_of = "T7";
  EXPECT_EQ(c.refused(cmd::EditMember{t6}).code, ErrorCode::RosterLocked);
  c.ok(cmd::CloseBallot{"A"});
  t6 = *c.s.member("T6");
  t6.weight += 5;
  c.ok(cmd::EditMember{t6});  // after the close: the closed tally stays as journalled
  EXPECT_EQ(c.s.member("T6")->weight, t6.weight);
  EXPECT_EQ(c.refused(cmd::EditMember{Member{"NOBODY", "X", "", MemberKind::Titular, "", 1, ""}}).code,
            ErrorCode::UnknownMember);
}

TEST_P(Corrections, PinResetIsJournalledForKnownMembersOnly) {
  const Preset& p = GetParam();
  Council c(p);
  const auto events = c.ok(cmd::ResetPin{"T2"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(std::get<ev::PinReset>(events[0]).member, "T2");
  EXPECT_EQ(c.refused(cmd::ResetPin{"T99"}).code, ErrorCode::UnknownMember);
  // A reset changes nothing a vote depends on.
  c.everyone_but(0, p.titulars);
  c.ok(cmd::OpenBallot{"A", p.mode, true, std::nullopt});
  c.ok(cmd::ResetPin{"T2"});
  EXPECT_FALSE(c.s.ballot("A")->closed);
}

TEST_P(Corrections, ArrivalAndDepartureTimesAreKept) {
  const Preset& p = GetParam();
  Council c(p);
  c.now = 50'000;
  c.ok(cmd::CheckIn{"T4"});
  c.now = 90'000;
  c.ok(cmd::CheckOut{"T4"});
  EXPECT_EQ(c.s.arrived_at("T4"), 50'000);
  EXPECT_EQ(c.s.left_at("T4"), 90'000);
  EXPECT_EQ(c.s.arrived_at("T5"), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Councils, Corrections,
    ::testing::Values(Preset{"cgct_public", french_council(), 9, BallotMode::Public},
                      Preset{"cgct_2020_nominal", french_council_2020_2022(), 12, BallotMode::Nominal},
                      Preset{"assembly_secret", general_assembly({1, 3}, false, {1, 2}), 8, BallotMode::Secret},
                      Preset{"weighted_public", weighted_assembly({1, 2}, {2, 3}), 10, BallotMode::Public}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace scrutin
