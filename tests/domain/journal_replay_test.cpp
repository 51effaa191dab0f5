// The one replay of a journal (proto/journal_replay), which the server, the
// client's Mirror, the clerk's console and the record all use: the seed sitting
// replays to the same state as the live session; an entry out of order, one
// that does not convert, or one that breaks the domain's rules is refused with
// a sentence naming its number, and nothing of it is applied.
#include <gtest/gtest.h>

#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "proto/journal_replay.hpp"
#include "support/seed.hpp"

namespace scrutin {
namespace {

// The seed sitting as the server would journal it: every command decided, every event chained.
std::pair<Session, std::vector<pb::JournalEntry>> seed_journal() {
  Session live;
  std::vector<pb::JournalEntry> journal;
  std::string prev = genesis_hash();
  std::vector<Command> commands = seed::setup_commands();
  for (const Command& c : seed::vote_and_close_commands()) commands.push_back(c);
  for (const Command& c : commands) {
    auto events = live.decide(c, 1000);
    EXPECT_TRUE(events.has_value());
    if (!events) continue;
    for (const Event& e : *events) {
      live.apply(e);
      journal.push_back(make_entry(journal.size() + 1, to_pb(e), prev));
      prev = journal.back().hash();
    }
  }
  return {live, journal};
}

TEST(JournalReplay, TheSeedSittingReplaysToTheLiveState) {
  const auto [live, journal] = seed_journal();
  ASSERT_GT(journal.size(), 100u);
  auto replayed = replay_journal(journal);
  ASSERT_TRUE(replayed) << replayed.error();
  EXPECT_EQ(replayed->events_applied(), live.events_applied());
  const Ballot* a = live.ballot(seed::kItem);
  const Ballot* b = replayed->ballot(seed::kItem);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->tally.heads.pour, a->tally.heads.pour);
  EXPECT_EQ(b->outcome.adopted, a->outcome.adopted);
  EXPECT_EQ(replayed->present(), live.present());
}

TEST(JournalReplay, AGapABadEventOrABrokenRuleIsRefusedByNumberAndNothingOfItIsApplied) {
  const auto [live, journal] = seed_journal();
  // A gap: entry 5 missing.
  {
    JournalReplay r;
    for (std::size_t i = 0; i < 4; ++i) ASSERT_TRUE(r.add(journal[i]));
    auto gap = r.add(journal[5]);
    ASSERT_FALSE(gap);
    EXPECT_NE(gap.error().find("n° 4 à la n° 6"), std::string::npos) << gap.error();
    EXPECT_EQ(r.last_seq(), 4u);
  }
  // A vote journalled after its ballot was closed: a rule broken at replay, as in
  // a journal edited and re-chained; the state stays what it was before it.
  ASSERT_TRUE(journal.back().event().has_ballot_closed());
  std::vector<pb::JournalEntry> edited = journal;
  for (const pb::JournalEntry& e : journal)
    if (e.event().has_vote_cast()) {
      edited.push_back(e);
      break;
    }
  ASSERT_EQ(edited.size(), journal.size() + 1);
  edited.back().set_seq(edited.size());
  JournalReplay r;
  for (std::size_t i = 0; i + 1 < edited.size(); ++i) ASSERT_TRUE(r.add(edited[i])) << i;
  const std::uint64_t before = r.session().events_applied();
  auto late = r.add(edited.back());
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().find("n° " + std::to_string(edited.size())), std::string::npos) << late.error();
  EXPECT_EQ(r.session().events_applied(), before) << "nothing of a refused entry is applied";
  EXPECT_EQ(r.last_seq(), journal.size());
  EXPECT_FALSE(replay_journal(edited)) << "the whole-journal replay refuses it too";
  // An event that does not convert (an empty event).
  JournalReplay empty;
  pb::JournalEntry nothing;
  nothing.set_seq(1);
  auto refused = empty.add(nothing);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("n° 1"), std::string::npos) << refused.error();
  EXPECT_EQ(empty.last_seq(), 0u);
}

// decide() and the journal's check must agree on every path. A vote the clerk
// enters for a voice is cast by that voice's holder (the journal's check looks
// at the holder): an interest cannot be declared once the item is put to the
// vote, so a holder in the ballot's voices is never interested, and the
// clerk's entry for a mandant is accepted and replays, as the holder's own does.
TEST(JournalReplay, AClerksEntryForAMandantAndTheHoldersOwnVoteBothReplay) {
  for (bool clerk : {true, false}) {
    Session s;
    std::vector<Event> log;
    Millis now = 1000;
    auto run = [&](const Command& c) {
      auto r = s.execute(c, now++);
      if (r) log.insert(log.end(), r->begin(), r->end());
      return r;
    };
    SessionInfo info;
    info.body = "Conseil municipal";
    info.date = "2026-03-15";
    info.seats = 5;
    ASSERT_TRUE(run(cmd::ConfigureSession{info, french_council()}));
    std::vector<Member> members;
    for (int i = 1; i <= 5; ++i)
      members.push_back(Member{"M" + std::to_string(i), "Membre " + std::to_string(i), "", MemberKind::Titular, "", 1, ""});
    ASSERT_TRUE(run(cmd::ImportRoster{members}));
    for (const char* m : {"M1", "M2", "M4", "M5"}) ASSERT_TRUE(run(cmd::CheckIn{m}));
    ASSERT_TRUE(run(cmd::RegisterProxy{Proxy{"M3", "M1", 1}}));
    ASSERT_TRUE(run(cmd::AddItem{Item{"1", "Subvention", "", "", "", "", "DE", "", ""}}));
    ASSERT_TRUE(run(cmd::OpenBallot{"1", BallotMode::Public, true, std::nullopt}));
    ASSERT_TRUE(s.ballot("1")->voices.contains("M3")) << "M1 holds M3's voice";
    EXPECT_FALSE(run(cmd::DeclareConflict{"1", "M1"})) << "interests are declared before the vote";
    const auto vote = run(cmd::CastVote{"1", "M3", clerk ? "" : "M1", Choice::Pour, clerk, std::nullopt});
    ASSERT_TRUE(vote) << vote.error().message;
    ASSERT_TRUE(run(cmd::CloseBallot{"1"}));
    auto replayed = Session::replay_checked(log);
    ASSERT_TRUE(replayed) << replayed.error().message;
    EXPECT_EQ(replayed->ballot("1")->tally.heads.pour, 1);
  }
}

}  // namespace
}  // namespace scrutin

namespace scrutin {
namespace {

// A roster sent in several ImportRoster commands (proto/protocol.hpp's chunk
// limits): each chunk is decided alone, so a substitute listed before its
// titular (as a spreadsheet sorted by name may list them) must not end in an
// earlier chunk. One chunk keeps the file's order.
TEST(RosterChunks, EverySubstituteComesAfterItsTitularAcrossChunksAndOneChunkKeepsTheOrder) {
  for (int pairs : {3, 700, 1500}) {
    std::vector<Member> file;  // substitutes first, then their titulars
    for (int i = 1; i <= pairs; ++i)
      file.push_back(Member{"S" + std::to_string(i), "Suppléant " + std::to_string(i), "", MemberKind::Substitute,
                            "T" + std::to_string(i), 1, ""});
    for (int i = 1; i <= pairs; ++i)
      file.push_back(Member{"T" + std::to_string(i), "Titulaire " + std::to_string(i), "", MemberKind::Titular, "", 1, ""});
    const std::vector<pb::Command> chunks = import_roster_commands(file);
    Session s;
    SessionInfo info;
    info.body = "Conseil communautaire";
    info.date = "2026-03-15";
    info.seats = pairs;
    ASSERT_TRUE(s.execute(cmd::ConfigureSession{info, french_council()}, 1));
    std::size_t imported = 0;
    for (const pb::Command& chunk : chunks) {
      auto command = from_pb(chunk);
      ASSERT_TRUE(command) << command.error().message;
      auto done = s.execute(*command, 2);
      ASSERT_TRUE(done) << pairs << " pairs, " << chunks.size() << " chunks: " << done.error().message;
      imported += static_cast<std::size_t>(chunk.import_roster().members_size());
    }
    EXPECT_EQ(imported, file.size());
    EXPECT_EQ(s.roster().size(), file.size());
    if (chunks.size() == 1) EXPECT_EQ(s.roster().front().id, "S1") << "one chunk: the file's order";
    else EXPECT_GT(chunks.size(), 1u);
  }
}

}  // namespace
}  // namespace scrutin
