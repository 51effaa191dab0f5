// The wire framing: a 4-byte big-endian length, then that many bytes (one
// protobuf message). Pure functions; the length is checked against the
// maximum before anything is allocated.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace scrutin {

// The limits (64 KiB from clients, 16 MiB from the server) are the protocol's:
// proto/protocol.hpp. Every caller says which one applies.

enum class FrameError { None, Empty, TooLarge };
const char* to_string(FrameError e);

// Appends one frame holding `payload` to `out`. A payload over `max` is a
// programming error on the sending side: returns TooLarge and writes nothing.
FrameError append_frame(std::string& out, std::string_view payload, std::uint32_t max);

// Reads frames out of a byte stream fed in pieces of any size.
class FrameReader {
 public:
  explicit FrameReader(std::uint32_t max) : max_(max) {}
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // On a complete frame: true and its payload in `payload`. Otherwise false,
  // with error() set if the stream is bad (the connection should be closed).
  bool next(std::string& payload);
  FrameError error() const { return error_; }
  std::size_t buffered() const { return buffer_.size() - pos_; }

 private:
  std::uint32_t max_;
  std::string buffer_;
  std::size_t pos_ = 0;
  FrameError error_ = FrameError::None;
};

}  // namespace scrutin
