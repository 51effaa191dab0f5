// The frame codec: split at every byte offset, single bytes flipped, oversize
// lengths refused before any allocation (muduo's codec test, in spirit).
#include <gtest/gtest.h>

#include <google/protobuf/stubs/logging.h>

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

TEST(Frame, FlippedBytesNeverCrashAndAreDetectedOrDecoded) {
  std::vector<std::string> payloads;
  const std::string stream = sample_stream(payloads);
  google::protobuf::LogSilencer quiet;  // invalid UTF-8 is expected here
  for (std::size_t i = 0; i < stream.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = stream;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      FrameReader r(protocol::kMaxClientFrame);
      r.feed(bad);
      std::string p;
      int frames = 0;
      while (r.next(p)) {
        ++frames;
        pb::ClientMessage m;
        (void)m.ParseFromString(p);  // may fail: the server answers BAD_FRAME
      }
      // A flipped length either stalls (waiting for more), errors, or still
      // yields at most the frames that fit in the bytes we have.
      EXPECT_LE(frames, 2);
    }
}

}  // namespace
}  // namespace scrutin
