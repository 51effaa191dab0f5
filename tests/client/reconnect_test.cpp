// The client library's reconnect logic against a small in-process fake server
// (real TLS on 127.0.0.1, the real framing) that can drop a connection at a
// chosen moment: a vote recorded but not answered is resent and answered as a
// repeat; a command on the wire fails with Code::Uncertain. Needs no server binary.
#include <utility>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <gtest/gtest.h>

#include "client/lib/client.hpp"
#include "client/lib/process.hpp"
#include "frame.hpp"
#include "proto/certificate.hpp"
#include "proto/protocol.hpp"

namespace scrutin::testing {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

class FakeServer {
 public:
  FakeServer() {
    const SelfSigned made = make_self_signed("scrutin-test", std::chrono::hours(24));
    fingerprint = made.fingerprint;
    tls.use_certificate(asio::buffer(made.cert_pem), ssl::context::pem);
    tls.use_private_key(asio::buffer(made.key_pem), ssl::context::pem);
    port = acceptor.local_endpoint().port();
    thread = std::thread([this] { serve(); });
  }
  ~FakeServer() {
    stopping = true;
    boost::system::error_code ec;
    tcp::socket wake(io);
    wake.connect({asio::ip::make_address("127.0.0.1"), port}, ec);  // unblocks accept()
    thread.join();
  }

  std::string fingerprint;
  unsigned short port = 0;
  std::atomic<bool> drop_after_next_vote{false};     // record it, then close without answering
  std::atomic<bool> drop_on_next_command{false};     // close without answering
  std::atomic<int> logins{0};
  std::atomic<int> votes_recorded{0};

 private:
  void serve() {
    while (!stopping) {
      tcp::socket socket(io);
      boost::system::error_code ec;
      acceptor.accept(socket, ec);
      if (ec || stopping) continue;
      ssl::stream<tcp::socket> stream(std::move(socket), tls);
      stream.handshake(ssl::stream_base::server, ec);
      if (ec) continue;
      converse(stream);
      stream.lowest_layer().close(ec);
    }
  }

  void send(ssl::stream<tcp::socket>& s, const pb::ServerMessage& m) {
    std::string frame;
    append_frame(frame, m.SerializeAsString(), protocol::kMaxServerFrame);
    boost::system::error_code ec;
    asio::write(s, asio::buffer(frame), ec);
  }

  void converse(ssl::stream<tcp::socket>& s) {
    for (;;) {
      unsigned char header[4];
      boost::system::error_code ec;
      asio::read(s, asio::buffer(header), ec);
      if (ec) return;
      const std::uint32_t n = (std::uint32_t{header[0]} << 24) | (std::uint32_t{header[1]} << 16) |
                              (std::uint32_t{header[2]} << 8) | header[3];
      std::string body(n, '\0');
      asio::read(s, asio::buffer(body), ec);
      if (ec) return;
      pb::ClientMessage in;
      if (!in.ParseFromString(body)) return;
      pb::ServerMessage out;
      out.set_request_id(in.request_id());
      if (in.has_hello()) {
        out.mutable_hello_ok()->set_protocol_version(protocol::kVersion);
      } else if (in.has_login()) {
        ++logins;
        out.mutable_login_ok()->set_role(in.login().role());
        out.mutable_login_ok()->set_member_id(in.login().member_id());
        send(s, out);
        pb::ServerMessage view;  // the first pushed view
        view.mutable_delegate_view()->set_member_id(in.login().member_id());
        send(s, view);
        continue;
      } else if (in.has_vote()) {
        const auto key = in.vote().voice() + "/" + std::to_string(in.vote().choice());
        const bool repeat = !recorded.insert(key).second;
        if (!repeat) ++votes_recorded;
        if (drop_after_next_vote.exchange(false)) return;
        out.mutable_receipt()->set_item(in.vote().item());
        out.mutable_receipt()->set_voice(in.vote().voice());
        out.mutable_receipt()->set_choice(in.vote().choice());
        out.mutable_receipt()->set_repeat(repeat);
      } else if (in.has_command()) {
        if (drop_on_next_command.exchange(false)) return;
        out.mutable_done()->set_journal_seq(1);
      } else if (in.has_ping()) {
        out.mutable_pong();
      }
      send(s, out);
    }
  }

  asio::io_context io;
  ssl::context tls{ssl::context::tls_server};
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
  std::set<std::string> recorded;
  std::atomic<bool> stopping{false};
  std::thread thread;
};

client::Config config_for(const FakeServer& server) {
  client::Config c;
  c.endpoint = {"127.0.0.1", server.port, server.fingerprint};
  c.role = pb::DELEGATE;
  c.member_id = "T01";
  c.secret = "123456";
  return c;
}

TEST(ClientReconnect, AVoteLostOnTheWireIsResentAndAnsweredAsARepeat) {
  FakeServer server;
  client::Client c(config_for(server));
  ASSERT_TRUE(c.start(10s));
  server.drop_after_next_vote = true;
  auto receipt = c.vote("I1", "T01", pb::POUR, 20s);
  ASSERT_TRUE(receipt) << receipt.error();
  EXPECT_TRUE(receipt->repeat());  // recorded before the drop: the resend changes nothing
  EXPECT_EQ(server.votes_recorded.load(), 1);
  EXPECT_EQ(c.logins(), 2u);
  EXPECT_EQ(server.logins.load(), 2);
  // The view pushed at each login is delivered (resync).
  int views = 0;
  while (auto m = c.take_push(0ms)) views += m->has_delegate_view();
  EXPECT_EQ(views, 2);
  EXPECT_EQ(c.pending(), 0u);
}

TEST(ClientReconnect, ACommandOnTheWireFailsWithConnectionLost) {
  FakeServer server;
  auto config = config_for(server);
  config.role = pb::CLERK;
  client::Client c(config);
  ASSERT_TRUE(c.start(10s));
  server.drop_on_next_command = true;
  pb::Command command;
  command.mutable_check_in()->set_member("T01");
  auto done = c.command(command, 20s);
  ASSERT_FALSE(done);
  // Sent, never answered: said by its code, not by its wording.
  EXPECT_EQ(done.error().code, client::Code::Uncertain) << done.error();
  // The client reconnects by itself and the next command goes through.
  auto again = c.command(command, 20s);
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(c.logins(), 2u);
}

#ifdef SCRUTINCTL_PATH
// scrutinctl does not reconnect: a command or a vote sent and never answered
// is one sentence and exit status 4 ("may or may not have been recorded").
TEST(ClientReconnect, ScrutinctlExitsWith4WhenTheAnswerNeverCame) {
  FakeServer server;
  const std::string pass = ::testing::TempDir() + "/scrutin-reconnect-passphrase-" + std::to_string(::getpid());
  std::ofstream(pass) << "any\n";
  const std::vector<std::string> at{"--server", "127.0.0.1:" + std::to_string(server.port), "--fingerprint",
                                    server.fingerprint, "--timeout", "10"};
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.end(), at.begin(), at.end());
    return process::run(SCRUTINCTL_PATH, args);
  };
  auto answered = run({"checkin", "T01", "--passphrase-file", pass});
  EXPECT_EQ(answered.status, 0) << answered.err;
  server.drop_on_next_command = true;
  auto command = run({"checkin", "T01", "--passphrase-file", pass});
  EXPECT_EQ(command.status, 4) << command.err;
  EXPECT_EQ(std::count(command.err.begin(), command.err.end(), '\n'), 1) << command.err;
  EXPECT_NE(command.err.find("may or may not have been recorded"), std::string::npos) << command.err;
  server.drop_after_next_vote = true;
  auto vote = run({"vote", "2026-1", "T01", "pour", "--member", "T01", "--pin", "123456"});
  EXPECT_EQ(vote.status, 4) << vote.err;
  EXPECT_EQ(std::count(vote.err.begin(), vote.err.end(), '\n'), 1) << vote.err;
  EXPECT_EQ(server.votes_recorded.load(), 1) << "the server recorded it; only the answer was lost";
  std::remove(pass.c_str());
}
#endif

TEST(ClientReconnect, TheResolverIsAskedBeforeEveryAttempt) {
  FakeServer server;
  auto config = config_for(server);
  std::atomic<int> asked{0};
  config.endpoint = {};
  config.resolve = [&]() -> std::optional<client::Endpoint> {
    // Not known at first (a server still starting), then known.
    if (++asked < 3) return std::nullopt;
    return client::Endpoint{"127.0.0.1", server.port, server.fingerprint};
  };
  client::Client c(config);
  auto login = c.start(20s);
  ASSERT_TRUE(login) << login.error();
  EXPECT_EQ(asked.load(), 3);
}

TEST(ClientConfig, ParsesEndpointsAndFingerprints) {
  EXPECT_EQ(client::parse_host_port("127.0.0.1:4433")->second, 4433);
  EXPECT_EQ(client::parse_host_port("[::1]:80")->first, "::1");
  EXPECT_FALSE(client::parse_host_port("localhost"));
  EXPECT_FALSE(client::parse_host_port("h:70000"));
  const std::string fp(64, 'a');
  std::string colons;
  for (std::size_t i = 0; i < 64; i += 2) colons += (i ? ":" : "") + std::string("AA");
  EXPECT_EQ(*client::normalize_fingerprint(colons), fp);
  EXPECT_FALSE(client::normalize_fingerprint("abc"));
  EXPECT_FALSE(client::normalize_fingerprint(std::string(64, 'g')));
}

}  // namespace
}  // namespace scrutin::testing
