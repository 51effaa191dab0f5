// Property: the state is the fold of the events. For random sessions, replaying
// the events (directly, and through the protobuf journal form) gives back the
// same state, and a refused command never changes anything.
#include <gtest/gtest.h>

#include <random>

#include "proto/convert.hpp"
#include "support/seed.hpp"

namespace scrutin {
namespace {

Command random_command(std::mt19937& rng, int members, int items) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto m = [&] { return pick(8) == 0 ? std::string("S1") : "M" + std::to_string(1 + pick(members)); };
  auto it = [&] { return std::to_string(1 + pick(items)); };
  const Choice choices[] = {Choice::Pour, Choice::Contre, Choice::Abstention, Choice::NotTakingPart};
  switch (pick(11)) {
    case 0: return cmd::CheckIn{m()};
    case 1: return cmd::CheckOut{m()};
    case 2: return cmd::RegisterProxy{Proxy{m(), m(), 1 + pick(3)}};
    case 3: return cmd::RevokeProxy{m()};
    case 4: return cmd::DeclareConflict{it(), m()};
    case 5: return cmd::OpenBallot{it(), pick(3) == 0 ? BallotMode::Secret : BallotMode::Public, pick(2) == 0, std::nullopt};
    case 6: return cmd::CloseBallot{it()};
    case 7: return cmd::ExcuseAbsence{m()};
    case 10: return cmd::CancelBallot{it(), pick(5) == 0 ? "" : "ouvert par erreur"};
    default: {
      auto voice = m();
      return cmd::CastVote{it(), voice, pick(4) == 0 ? m() : voice, choices[pick(4)], pick(10) == 0};
    }
  }
}

TEST(Replay, FoldOfEventsGivesBackTheSameState) {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    const int members = 12, items = 4;
    Session live;
    std::vector<Event> journal;
    SessionInfo info;
    info.date = "2026-02-01";
    info.seats = members;
    info.president = "M1";
    info.reconvened = seed % 2 == 0;
    std::vector<Member> roster;
    for (int i = 1; i <= members; ++i) roster.push_back(Member{"M" + std::to_string(i), "N" + std::to_string(i), "", MemberKind::Titular, "", 1 + i % 3, ""});
    roster.push_back(Member{"S1", "Sub", "", MemberKind::Substitute, "M12", 1, ""});
    std::vector<Command> script{cmd::ConfigureSession{info, seed % 3 ? french_council() : french_council_2020_2022()},
                                cmd::ImportRoster{roster}};
    for (int i = 1; i <= items; ++i) script.push_back(cmd::AddItem{Item{std::to_string(i), "Item", "", "", "", "", "DE", "", ""}});
    for (int i = 0; i < 300; ++i) script.push_back(random_command(rng, members, items));

    Millis now = 0;
    for (const Command& c : script) {
      const Session before = live;
      auto r = live.execute(c, now += 7);
      if (!r) {
        ASSERT_EQ(live, before) << "seed " << seed << ": refused command changed the state";
        ASSERT_FALSE(r.error().message.empty());
        continue;
      }
      journal.insert(journal.end(), r->begin(), r->end());
    }
    ASSERT_EQ(Session::replay(journal), live) << "seed " << seed;

    // Through the journal's protobuf form, byte for byte.
    std::vector<Event> decoded;
    for (const Event& e : journal) {
      std::string bytes;
      ASSERT_TRUE(to_pb(e).SerializeToString(&bytes));
      pb::Event p;
      ASSERT_TRUE(p.ParseFromString(bytes));
      auto back = from_pb(p);
      ASSERT_TRUE(back);
      ASSERT_EQ(*back, e) << "seed " << seed;
      decoded.push_back(*back);
    }
    ASSERT_EQ(Session::replay(decoded), live) << "seed " << seed;
  }
}

TEST(Replay, SeedSessionReplaysToTheSameRecord) {
  Session live;
  std::vector<Event> journal;
  for (const auto& script : {seed::setup_commands(), seed::vote_and_close_commands()})
    for (const Command& c : script) {
      auto r = live.execute(c, 0);
      ASSERT_TRUE(r);
      journal.insert(journal.end(), r->begin(), r->end());
    }
  Session again = Session::replay(journal);
  EXPECT_EQ(again, live);
  EXPECT_EQ(make_record(again, seed::kItem), make_record(live, seed::kItem));
}

}  // namespace
}  // namespace scrutin
