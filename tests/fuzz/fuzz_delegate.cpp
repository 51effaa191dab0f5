// libFuzzer target: a delegate's messages (frames of ClientMessage) through
// decide(), as the hub takes them: the voter is the logged-in member, never the
// wire; then the journal written so far must replay, checked, to the same state.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/frame.hpp"
#include "proto/protocol.hpp"
#include "fuzz_session.hpp"
#include "proto/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scrutin;
  if (size < 2) return 0;
  const BallotMode modes[] = {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret};
  fuzz::Assembly a(modes[data[0] % 3], data[0] & 4);
  const std::string by = data[1] % 8 == 0 ? "S1" : "M" + std::to_string(1 + data[1] % 11);  // who is logged in
  FrameReader reader(protocol::kMaxClientFrame);
  reader.feed(std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2));
  std::string payload;
  for (int k = 0; k < 200 && reader.next(payload); ++k) {
    pb::ClientMessage m;
    if (!m.ParseFromString(payload) || !m.has_vote()) continue;
    if (!pb::Choice_IsValid(m.vote().choice())) continue;  // refused by the connection
    cmd::CastVote vote{m.vote().item(), m.vote().voice(), by, from_pb(m.vote().choice()), false};
    const Session before = a.session;
    if (!a.run(Command{vote})) fuzz::require(a.session == before, "a refused vote changed the state");
  }
  a.run(cmd::CloseBallot{"1"});
  a.check_replay();
  if (const Ballot* b = a.session.ballot("1"); b && b->closed)
    fuzz::require(b->tally.heads.pour + b->tally.heads.contre + b->tally.heads.abstentions <= b->tally.heads.voters,
                  "more votes than voters");
  return 0;
}
