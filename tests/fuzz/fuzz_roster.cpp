// libFuzzer target: the roster import (CSV), then a whole sitting on it under
// weighted and unweighted rules: everyone checks in, votes, the ballot closes.
// Counts never wrap (UBSan reports a signed overflow) and stay consistent.
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/roster_csv.hpp"
#include "fuzz_session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scrutin;
  if (size < 1) return 0;
  auto members = parse_roster_csv(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  if (!members) return 0;
  for (const Member& m : *members) fuzz::require(m.weight >= 1 && m.weight <= kMaxWeight, "the parser let a weight through");
  fuzz::Assembly shell(BallotMode::Public);  // not used beyond its clock
  Session s;
  std::vector<Event> journal;
  auto run = [&](const Command& c) {
    auto r = s.execute(c, ++shell.now);
    if (r) journal.insert(journal.end(), r->begin(), r->end());
    return r.has_value();
  };
  SessionInfo info;
  info.date = "2026-01-15";
  info.seats = static_cast<int>(data[0]) * 4;  // sometimes fewer seats than titulars: refused
  const RuleSet rules = data[0] & 1 ? weighted_assembly({1, 2}, {2, 3}) : french_council();
  if (!run(cmd::ConfigureSession{info, rules}) || !run(cmd::ImportRoster{*members})) return 0;
  run(cmd::AddItem{Item{"1", "Budget"}});
  for (const Member& m : *members) run(cmd::CheckIn{m.id});
  const BallotMode mode = data[0] & 2 ? BallotMode::Secret : BallotMode::Public;
  if (!run(cmd::OpenBallot{"1", mode, true, std::nullopt})) return 0;
  const Choice choices[] = {Choice::Pour, Choice::Contre, Choice::Abstention};
  std::size_t i = 0;
  for (const Member& m : *members) run(cmd::CastVote{"1", m.id, m.id, choices[i++ % 3], false});
  fuzz::require(run(cmd::CloseBallot{"1"}), "an open ballot cannot close");
  const Ballot* b = s.ballot("1");
  for (const Counts* c : {&b->tally.heads, &b->tally.weighted}) {
    fuzz::require(c->pour >= 0 && c->contre >= 0 && c->abstentions >= 0 && c->not_taking_part >= 0, "a negative count");
    fuzz::require(c->pour + c->contre + c->abstentions + c->not_taking_part == c->voters, "counts do not add up");
  }
  auto replayed = Session::replay_checked(journal);
  fuzz::require(replayed && *replayed == s, "the sitting does not replay to itself");
  return 0;
}
