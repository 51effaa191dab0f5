// libFuzzer target: journal replay. The input is a JournalPage (what a forged
// journal file holds once its chain is recomputed); every event goes through
// from_pb and Session::check before it is folded. Whatever is accepted must
// leave a state every query and command can use without crashing.
#include <cstddef>
#include <cstdint>

#include "fuzz_session.hpp"
#include "proto/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scrutin;
  pb::JournalPage page;
  if (!page.ParseFromArray(data, static_cast<int>(size))) return 0;
  Session s;
  std::uint64_t seq = 0;
  for (const auto& entry : page.entries()) {
    auto event = from_pb(entry.event());
    if (!event) break;
    if (!s.apply_checked(*event, ++seq)) break;  // refused with a sentence: the server would not start
  }
  // The state is usable: queries, the quorum, and every command on every item and member.
  for (const Item& item : s.agenda()) {
    (void)s.attendance_for(item.id);
    (void)s.decide(cmd::OpenBallot{item.id, BallotMode::Public, true, std::nullopt}, 1);
    (void)s.decide(cmd::CloseBallot{item.id}, 1);
    (void)s.decide(cmd::CancelBallot{item.id, "x"}, 1);
  }
  for (const Member& m : s.roster()) {
    (void)s.decide(cmd::CheckIn{m.id}, 1);
    (void)s.decide(cmd::CheckOut{m.id}, 1);
    (void)s.decide(cmd::RegisterProxy{Proxy{m.id, s.roster().front().id, 1}}, 1);
    if (const Ballot* b = s.open_ballot()) (void)s.decide(cmd::CastVote{b->item, m.id, m.id, Choice::Pour, false}, 1);
  }
  if (const Ballot* b = s.open_ballot()) {
    const Tally t = count(s, *b);
    fuzz::require(t.heads.voters >= 0, "negative voters");
  }
  return 0;
}
