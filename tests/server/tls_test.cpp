// The server's own TLS layer (proto/tls_socket.hpp) seen from a client.
#include <gtest/gtest.h>

#include "seeded_server.hpp"

namespace scrutin::testing {
namespace {

// The server's TLS layer (proto/tls_socket) writes until the socket is full,
// waits, and goes on where it stopped: a reader that asks for much and reads
// nothing until it has asked for all gets every byte, in order.
TEST_F(ServerTest, ManyLargeAnswersToAReaderThatWaitsArriveWholeAndInOrder) {
  open_seed_ballot();
  auto c = clerk();
  const auto first = fetch_all(*c);
  ASSERT_GT(first.size(), 50u);
  constexpr int kRequests = 60;  // under the in-flight window
  std::vector<std::uint64_t> ids;
  for (int i = 0; i < kRequests; ++i) {
    pb::ClientMessage m;
    m.set_request_id(c->next_id());
    m.mutable_fetch_journal()->set_from_seq(1);
    ids.push_back(m.request_id());
    c->send(m);
  }
  std::size_t bytes = 0;
  for (const auto id : ids) {
    auto a = c->answer(id);
    ASSERT_TRUE(a && a->has_journal_page()) << "answer " << id;
    ASSERT_EQ(static_cast<std::size_t>(a->journal_page().entries_size()), first.size());
    EXPECT_EQ(a->journal_page().entries(static_cast<int>(first.size()) - 1).hash(), first.back().hash());
    bytes += a->ByteSizeLong();
  }
  RecordProperty("bytes", static_cast<int>(bytes));
  // Several times what a reader that does not read is given (tcp_rmem's 128 KiB by default).
  EXPECT_GT(bytes, std::size_t{600} << 10);
}

}  // namespace
}  // namespace scrutin::testing
