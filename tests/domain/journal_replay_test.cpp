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

}  // namespace
}  // namespace scrutin
