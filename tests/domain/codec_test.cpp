// The frame codec: split at every byte offset, single bytes flipped, oversize
// lengths refused before any allocation (muduo's codec test, in spirit).
#include <gtest/gtest.h>

#include "frame.hpp"
#include "proto/convert.hpp"

namespace scrutin {
namespace {

std::string sample_stream(std::vector<std::string>& payloads) {
  pb::ClientMessage hello;
  hello.set_request_id(1);
  hello.mutable_hello()->set_protocol_version(protocol::kVersion);
  hello.mutable_hello()->set_client("test");
  pb::ClientMessage vote;
  vote.set_request_id(2);
  vote.mutable_vote()->set_item("20220322-59");
  vote.mutable_vote()->set_voice("T01");
  vote.mutable_vote()->set_choice(pb::CONTRE);
  std::string stream;
  for (const auto* m : {&hello, &vote}) {
    payloads.push_back(m->SerializeAsString());
    EXPECT_EQ(append_frame(stream, payloads.back(), protocol::kMaxClientFrame), FrameError::None);
  }
  return stream;
}

TEST(Frame, SplitAtEveryByteOffset) {
  std::vector<std::string> payloads;
  const std::string stream = sample_stream(payloads);
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    FrameReader r(protocol::kMaxClientFrame);
    std::vector<std::string> got;
    std::string p;
    r.feed(std::string_view(stream).substr(0, cut));
    while (r.next(p)) got.push_back(p);
    r.feed(std::string_view(stream).substr(cut));
    while (r.next(p)) got.push_back(p);
    ASSERT_EQ(got, payloads) << "cut at " << cut;
    ASSERT_EQ(r.error(), FrameError::None);
    ASSERT_EQ(r.buffered(), 0u);
  }
}

TEST(Frame, OneByteAtATime) {
  std::vector<std::string> payloads;
  const std::string stream = sample_stream(payloads);
  FrameReader r(protocol::kMaxClientFrame);
  std::vector<std::string> got;
  std::string p;
  for (char c : stream) {
    r.feed(std::string_view(&c, 1));
    while (r.next(p)) got.push_back(p);
  }
  EXPECT_EQ(got, payloads);
}

TEST(Frame, OversizeLengthIsRefusedBeforeReadingTheBody) {
  FrameReader r(protocol::kMaxClientFrame);
  const char header[4] = {0x7f, 0x00, 0x00, 0x01};  // ~2 GiB
  r.feed(std::string_view(header, 4));
  std::string p;
  EXPECT_FALSE(r.next(p));
  EXPECT_EQ(r.error(), FrameError::TooLarge);
  std::string out;
  EXPECT_EQ(append_frame(out, std::string(protocol::kMaxClientFrame + 1, 'x'), protocol::kMaxClientFrame), FrameError::TooLarge);
  EXPECT_TRUE(out.empty());
}

TEST(Frame, EmptyFrameIsAnError) {
  FrameReader r(protocol::kMaxClientFrame);
  r.feed(std::string_view("\0\0\0\0", 4));
  std::string p;
  EXPECT_FALSE(r.next(p));
  EXPECT_EQ(r.error(), FrameError::Empty);
}

// A bit flipped anywhere: in a payload, the same frames come out with that one
// payload differing by that bit; in a length, the frames before it come out
// intact and nothing after it is invented: the reader refuses the length (zero
// or over the limit) or waits for bytes that are not there, or, where the new
// length still fits in the bytes fed, splits them differently without ever
// reading past the end.
TEST(Frame, FlippedBitsAreCarriedOrRefusedNeverInvented) {
  std::vector<std::string> payloads;
  const std::string stream = sample_stream(payloads);
  std::vector<std::size_t> header_at;  // where each frame's 4-byte length starts
  for (std::size_t at = 0, k = 0; k < payloads.size(); at += 4 + payloads[k].size(), ++k) header_at.push_back(at);
  for (std::size_t i = 0; i < stream.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = stream;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      FrameReader r(protocol::kMaxClientFrame);
      r.feed(bad);
      std::vector<std::string> got;
      for (std::string p; r.next(p);) got.push_back(p);
      const std::string where = "byte " + std::to_string(i) + " bit " + std::to_string(bit);

      std::size_t frame = 0;  // the frame whose header or payload holds byte i
      while (frame + 1 < header_at.size() && header_at[frame + 1] <= i) ++frame;
      const bool in_header = i < header_at[frame] + 4;
      if (!in_header) {
        ASSERT_EQ(got.size(), payloads.size()) << where;
        EXPECT_EQ(r.error(), FrameError::None) << where;
        EXPECT_EQ(r.buffered(), 0u) << where;
        for (std::size_t k = 0; k < payloads.size(); ++k) {
          std::string want = payloads[k];
          if (k == frame) want[i - header_at[frame] - 4] = bad[i];
          EXPECT_EQ(got[k], want) << where << " frame " << k;
        }
        continue;
      }
      // The frames before the damaged header are whole and unchanged.
      ASSERT_GE(got.size(), frame) << where;
      for (std::size_t k = 0; k < frame; ++k) EXPECT_EQ(got[k], payloads[k]) << where;
      const std::uint32_t length = (std::uint32_t{static_cast<unsigned char>(bad[header_at[frame]])} << 24) |
                                   (std::uint32_t{static_cast<unsigned char>(bad[header_at[frame] + 1])} << 16) |
                                   (std::uint32_t{static_cast<unsigned char>(bad[header_at[frame] + 2])} << 8) |
                                   std::uint32_t{static_cast<unsigned char>(bad[header_at[frame] + 3])};
      const std::size_t after_header = stream.size() - header_at[frame] - 4;
      if (length == 0) {
        EXPECT_EQ(r.error(), FrameError::Empty) << where;
        EXPECT_EQ(got.size(), frame) << where;
      } else if (length > protocol::kMaxClientFrame) {
        EXPECT_EQ(r.error(), FrameError::TooLarge) << where;
        EXPECT_EQ(got.size(), frame) << where;
      } else if (length > after_header) {
        EXPECT_EQ(r.error(), FrameError::None) << where << ": waits for the rest";
        EXPECT_EQ(got.size(), frame) << where;
        EXPECT_EQ(r.buffered(), stream.size() - header_at[frame]) << where;
      } else {
        ASSERT_GT(got.size(), frame) << where;
        EXPECT_EQ(got[frame], bad.substr(header_at[frame] + 4, length)) << where << ": exactly the bytes it names";
      }
    }
}

}  // namespace
}  // namespace scrutin
