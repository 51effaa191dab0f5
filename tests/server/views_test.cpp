// The views the server pushes (server/views.hpp), as pure functions of a
// Session driven by real domain commands: no server, no journal, no socket.
#include <gtest/gtest.h>

#include <random>

#include "proto/convert.hpp"
#include "server/views.hpp"

namespace scrutin::server {
namespace {

struct Room {
  Session s;
  Millis now = 1000;

  Room(int members, const RuleSet& rules) {
    SessionInfo info;
    info.body = "Conseil municipal";
    info.date = "2026-03-10";
    info.seats = members;
    info.president = id(1);
    info.secretary = id(2);
    ok(cmd::ConfigureSession{info, rules});
    std::vector<Member> roster;
    for (int i = 1; i <= members; ++i)
      roster.push_back(Member{id(i), "Élu " + std::to_string(i), "", MemberKind::Titular, "", 1, ""});
    ok(cmd::ImportRoster{roster});
    ok(cmd::AddItem{Item{"1", "Budget", "", "", "", "", "DE", "", ""}});
    ok(cmd::AddItem{Item{"2", "Voirie", "", "", "", "", "DE", "", ""}});
  }
  static std::string id(int i) { return "M" + std::to_string(i); }
  void ok(const Command& c) {
    auto r = s.execute(c, now++);
    ASSERT_TRUE(r) << r.error().message;
  }
  void arrive(int from, int to) {
    for (int i = from; i <= to; ++i) ok(cmd::CheckIn{id(i)});
  }
  void vote(const std::string& voice, Choice c, const std::string& by, const ItemId& item = "1") {
    ok(cmd::CastVote{item, voice, by, c, false});
  }
};

void expect_counts(const pb::Counts& got, const Counts& want, const std::string& where) {
  EXPECT_EQ(got.voters(), want.voters) << where;
  EXPECT_EQ(got.pour(), want.pour) << where;
  EXPECT_EQ(got.contre(), want.contre) << where;
  EXPECT_EQ(got.abstentions(), want.abstentions) << where;
  EXPECT_EQ(got.not_taking_part(), want.not_taking_part) << where;
}

TEST(Views, BetweenBallotsTheAgendaAndTheNextQuorum) {
  Room r(9, french_council());
  r.arrive(1, 6);
  EXPECT_EQ(ballot_view(r.s).item(), "");
  const pb::RoomView room = room_view(r.s);
  EXPECT_FALSE(room.has_ballot());
  EXPECT_EQ(room.present(), 6);
  EXPECT_EQ(room.in_office(), 9);
  ASSERT_EQ(room.agenda_size(), 2);
  EXPECT_EQ(room.agenda(0).state(), pb::AGENDA_PENDING);
  EXPECT_EQ(room.quorum_present(), r.s.attendance_for("1").quorum_present);
  EXPECT_EQ(room.quorum_required(), r.s.attendance_for("1").quorum_required);
  const pb::DelegateView d = delegate_view(r.s, Room::id(3), ballot_view(r.s));
  EXPECT_TRUE(d.present());
  EXPECT_FALSE(d.has_ballot());
  EXPECT_EQ(d.agenda_size(), 2);
}

// The live counts the domain keeps as votes are applied are the tally it would
// make at the close, after every vote, changed votes included, in both modes
// that show them, with and without proxies.
TEST(Views, LiveCountsAreTheDomainsCountAfterEveryVote) {
  std::mt19937 random(7);
  for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal})
    for (int proxies : {0, 3}) {
      Room r(15, french_council());
      r.arrive(1, 12);
      for (int k = 0; k < proxies; ++k) r.ok(cmd::RegisterProxy{Proxy{Room::id(13 + k), Room::id(1 + k), 1}});
      r.ok(cmd::OpenBallot{"1", mode, true, std::nullopt});
      const Ballot& b = *r.s.ballot("1");
      std::vector<std::pair<std::string, std::string>> voices(b.voices.begin(), b.voices.end());
      for (int step = 0; step < 60; ++step) {
        const auto& [voice, holder] = voices[random() % voices.size()];
        const auto choice = static_cast<Choice>(random() % 4);
        r.vote(voice, choice, holder);
        const pb::BallotView v = ballot_view(r.s);
        const std::string where = std::string(to_string(mode)) + " step " + std::to_string(step);
        ASSERT_TRUE(v.open()) << where;
        expect_counts(v.counts(), count(r.s, *r.s.ballot("1")).heads, where);
        EXPECT_EQ(v.cast(), static_cast<std::int64_t>(r.s.ballot("1")->casts.size())) << where;
        EXPECT_EQ(v.expected(), static_cast<std::int64_t>(voices.size())) << where;
      }
    }
}

TEST(Views, ASecretBallotShowsOnlyHowManyVotedUntilTheClose) {
  Room r(8, french_council());
  r.arrive(1, 8);
  r.ok(cmd::OpenBallot{"1", BallotMode::Secret, false, std::nullopt});
  r.vote(Room::id(1), Choice::Pour, Room::id(1));
  r.vote(Room::id(2), Choice::Contre, Room::id(2));
  pb::BallotView open = ballot_view(r.s);
  EXPECT_EQ(open.cast(), 2);
  EXPECT_FALSE(open.has_counts());
  const pb::DelegateView d = delegate_view(r.s, Room::id(2), open);
  ASSERT_EQ(d.voices_size(), 1);
  EXPECT_TRUE(d.voices(0).voted());
  EXPECT_NE(d.voices(0).choice(), pb::CONTRE) << "a secret vote's choice is never in a view";
  r.vote(Room::id(3), Choice::Pour, Room::id(3));
  r.ok(cmd::CloseBallot{"1"});
  pb::BallotView closed = ballot_view(r.s);
  EXPECT_TRUE(closed.closed());
  EXPECT_EQ(closed.counts().pour(), 2);
  EXPECT_EQ(closed.counts().contre(), 1);
  EXPECT_EQ(closed.counts().not_taking_part(), 5);
}

TEST(Views, AHolderSeesEveryVoiceHeCastsAndAMandantWhomHeGaveItTo) {
  Room r(10, french_council());
  r.arrive(1, 8);
  r.ok(cmd::RegisterProxy{Proxy{Room::id(9), Room::id(4), 1}});
  r.ok(cmd::DeclareConflict{"1", Room::id(5)});
  r.ok(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt});
  r.vote(Room::id(9), Choice::Abstention, Room::id(4));
  const pb::BallotView shared = ballot_view(r.s);
  const pb::DelegateView holder = delegate_view(r.s, Room::id(4), shared);
  ASSERT_EQ(holder.voices_size(), 2);
  std::map<std::string, const pb::DelegateVoice*> by_voice;
  for (const auto& v : holder.voices()) by_voice[v.voice()] = &v;
  ASSERT_TRUE(by_voice.contains(Room::id(9)));
  EXPECT_TRUE(by_voice[Room::id(9)]->voted());
  EXPECT_EQ(by_voice[Room::id(9)]->choice(), pb::ABSTENTION);
  EXPECT_EQ(by_voice[Room::id(9)]->name(), "Élu 9");
  EXPECT_FALSE(by_voice[Room::id(4)]->voted());
  EXPECT_EQ(holder.agenda_size(), 0) << "no agenda while a ballot is open";

  const pb::DelegateView mandant = delegate_view(r.s, Room::id(9), shared);
  EXPECT_FALSE(mandant.present());
  EXPECT_EQ(mandant.proxy_holder_name(), "Élu 4");
  EXPECT_EQ(mandant.voices_size(), 0);

  const pb::DelegateView interested = delegate_view(r.s, Room::id(5), shared);
  EXPECT_TRUE(interested.interested());
  EXPECT_EQ(interested.voices_size(), 0);
}

TEST(Views, AClosedNominalBallotNamesWhoVotedWhatAndACancelledOneIsGone) {
  Room r(6, french_council());
  r.arrive(1, 6);
  r.ok(cmd::OpenBallot{"1", BallotMode::Nominal, true, std::nullopt});
  r.vote(Room::id(1), Choice::Pour, Room::id(1));
  r.vote(Room::id(2), Choice::Pour, Room::id(2));
  r.vote(Room::id(3), Choice::Contre, Room::id(3));
  r.vote(Room::id(4), Choice::Abstention, Room::id(4));
  r.ok(cmd::CloseBallot{"1"});
  pb::RoomView room = room_view(r.s);
  EXPECT_EQ(room.names_pour_size(), 2);
  ASSERT_EQ(room.names_contre_size(), 1);
  EXPECT_EQ(room.names_contre(0), "Élu 3");
  EXPECT_EQ(room.names_abstention_size(), 1);
  EXPECT_EQ(room.agenda(0).state(), pb::AGENDA_ADOPTED);

  r.ok(cmd::OpenBallot{"2", BallotMode::Public, true, std::nullopt});
  EXPECT_EQ(room_view(r.s).ballot().item(), "2");
  r.ok(cmd::CancelBallot{"2", "mauvais point"});
  EXPECT_FALSE(room_view(r.s).has_ballot()) << "no ballot under vote once it is cancelled";
  EXPECT_EQ(ballot_view(r.s).item(), "");
  EXPECT_EQ(room_view(r.s).agenda(1).state(), pb::AGENDA_PENDING);
}

// An election's round: the candidates standing, the seats and the rule, how
// many voted but never a live count (public or secret), the paper a holder
// cast on each voice of a public round, then the round's result; the agenda
// says pending between rounds and adopted once someone is elected.
TEST(Views, AnElectionRoundShowsCandidatesAndNoLiveCountThenItsResult) {
  for (BallotMode mode : {BallotMode::Secret, BallotMode::Public, BallotMode::Nominal})
    for (int seats : {1, 2}) {
      Room r(9, french_council());
      r.arrive(1, 9);
      Item e{"E", "Élection des délégués", "", "", "", "", "DE", "", ""};
      e.election_seats = seats;
      e.election_rules = election_designation();
      r.ok(cmd::AddItem{e});
      for (int i : {7, 8, 9}) {
        r.ok(cmd::EditMember{[&] {
          Member m = *r.s.member(Room::id(i));
          m.birth_date = "19" + std::to_string(50 + i) + "-01-01";
          return m;
        }()});
        r.ok(cmd::AddCandidate{"E", Candidate{Room::id(i), "", "", ""}});
      }
      const std::string where = std::string(to_string(mode)) + ", " + std::to_string(seats) + " seat(s)";
      r.ok(cmd::OpenBallot{"E", mode, true, std::nullopt});
      // Round 1: split so that nobody has the absolute majority.
      const std::vector<std::vector<std::string>> papers{{"M7"}, {"M7"}, {"M8"}, {"M8"}, {"M9"}, {"M9"}};
      for (std::size_t k = 0; k < papers.size(); ++k)
        r.ok(cmd::CastVote{"E", Room::id(static_cast<int>(k) + 1), Room::id(static_cast<int>(k) + 1), Choice::Pour,
                           false, Paper{papers[k], false, false}});
      r.ok(cmd::CastVote{"E", Room::id(9), Room::id(9), Choice::Pour, false, Paper{{}, true, false}});
      const pb::BallotView open = ballot_view(r.s);
      EXPECT_EQ(open.round(), 1) << where;
      EXPECT_EQ(open.seats(), seats) << where;
      EXPECT_EQ(open.absolute_rounds(), election_designation().absolute_rounds) << where;
      ASSERT_EQ(open.candidates_size(), 3) << where;
      EXPECT_EQ(open.candidates(0).id(), "M7");
      EXPECT_EQ(open.candidates(0).name(), "Élu 7");
      EXPECT_EQ(open.cast(), 7) << where;
      EXPECT_FALSE(open.has_counts()) << where << ": no live count during a round";
      EXPECT_FALSE(open.has_result()) << where;
      const pb::DelegateView d = delegate_view(r.s, Room::id(3), open);
      ASSERT_EQ(d.voices_size(), 1);
      EXPECT_TRUE(d.voices(0).voted());
      if (mode == BallotMode::Secret)
        EXPECT_FALSE(d.voices(0).has_paper()) << "a secret paper is never in a view";
      else
        EXPECT_EQ(d.voices(0).paper().names(0), "M8") << where;
      EXPECT_EQ(room_view(r.s).agenda(2).state(), pb::AGENDA_OPEN) << where;

      r.ok(cmd::CloseBallot{"E"});
      const pb::BallotView closed = ballot_view(r.s);
      ASSERT_TRUE(closed.has_result()) << where;
      EXPECT_EQ(closed.result().papers(), 7) << where;
      EXPECT_EQ(closed.result().blank(), 1) << where;
      EXPECT_TRUE(closed.result().another_round()) << where;
      EXPECT_EQ(room_view(r.s).names_pour_size() + room_view(r.s).names_contre_size(), 0)
          << where << ": a round's papers are not pour or contre";
      EXPECT_EQ(room_view(r.s).agenda(2).state(), pb::AGENDA_PENDING) << where << ": between rounds";

      // Round 2: the absolute majority for M7 (and M8 when two seats).
      r.ok(cmd::OpenBallot{"E", mode, true, std::nullopt});
      EXPECT_EQ(ballot_view(r.s).round(), 2) << where;
      EXPECT_EQ(ballot_view(r.s).cast(), 0) << where;
      for (int i = 1; i <= 9; ++i) {
        std::vector<std::string> names{"M7"};
        if (seats == 2) names.push_back("M8");
        r.ok(cmd::CastVote{"E", Room::id(i), Room::id(i), Choice::Pour, false, Paper{names, false, false}});
      }
      EXPECT_FALSE(ballot_view(r.s).has_counts()) << where;
      r.ok(cmd::CloseBallot{"E"});
      const pb::BallotView done = ballot_view(r.s);
      EXPECT_EQ(done.round(), 2);
      ASSERT_EQ(done.result().elected_size(), seats) << where;
      EXPECT_EQ(done.result().elected(0), "M7") << where;
      EXPECT_EQ(room_view(r.s).agenda(2).state(), pb::AGENDA_ADOPTED) << where << ": someone was elected";
    }
}

}  // namespace
}  // namespace scrutin::server
