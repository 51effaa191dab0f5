// libFuzzer target: the frame decoder, fed in pieces of any size, then each
// payload parsed as a ClientMessage (what a stranger on the room's network sends).
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/frame.hpp"
#include "proto/protocol.hpp"
#include "fuzz_session.hpp"
#include "scrutin.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scrutin;
  if (size == 0) return 0;
  // The first byte sets the size of the pieces the stream arrives in.
  const std::size_t piece = 1 + data[0] % 64;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  FrameReader reader(protocol::kMaxClientFrame);
  std::string payload;
  std::size_t total = 0;
  while (!rest.empty()) {
    const auto n = std::min(piece, rest.size());
    reader.feed(rest.substr(0, n));
    rest.remove_prefix(n);
    while (reader.next(payload)) {
      fuzz::require(payload.size() <= protocol::kMaxClientFrame, "a payload over the frame limit");
      total += payload.size() + 4;
      pb::ClientMessage m;
      (void)m.ParseFromString(payload);
    }
    if (reader.error() != FrameError::None) {
      fuzz::require(!reader.next(payload), "a frame read after a stream error");
      return 0;
    }
  }
  fuzz::require(total <= size, "more bytes decoded than fed");
  // What was decoded can be framed again.
  std::string out;
  fuzz::require(append_frame(out, std::string(std::min<std::size_t>(size, protocol::kMaxClientFrame), 'x'), protocol::kMaxClientFrame) == FrameError::None,
                "a frame within the limit cannot be written");
  return 0;
}
