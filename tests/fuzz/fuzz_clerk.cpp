// libFuzzer target: a clerk's commands (frames of ClientMessage holding a
// Command) through from_pb and decide(), with what the connection forces (a
// clerk's vote is the clerk's entry); refused commands change nothing, and the
// journal replays, checked, to the same state.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/frame.hpp"
#include "proto/protocol.hpp"
#include "fuzz_session.hpp"
#include "proto/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scrutin;
  if (size < 1) return 0;
  const BallotMode modes[] = {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret};
  fuzz::Assembly a(modes[data[0] % 3], data[0] & 4);
  FrameReader reader(protocol::kMaxClientFrame);
  reader.feed(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::string payload;
  for (int k = 0; k < 100 && reader.next(payload); ++k) {
    pb::ClientMessage m;
    if (!m.ParseFromString(payload) || !m.has_command()) continue;
    auto command = from_pb(m.command());
    if (!command) continue;
    if (auto* vote = std::get_if<cmd::CastVote>(&*command)) {
      vote->by_clerk = true;
      vote->by.clear();
    }
    const Session before = a.session;
    if (!a.run(*command)) fuzz::require(a.session == before, "a refused command changed the state");
    // Whatever was accepted keeps the numbers in bounds.
    fuzz::require(a.session.rules().quorum.den > 0 && a.session.rules().quorum.den <= kMaxFractionTerm, "quorum out of bounds");
    for (const Member& member : a.session.roster())
      fuzz::require(member.weight >= 1 && member.weight <= kMaxWeight, "weight out of bounds");
  }
  a.check_replay();
  return 0;
}
