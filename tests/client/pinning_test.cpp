// The server's certificate is pinned: a wrong fingerprint is refused, by the
// library and by scrutinctl, with a sentence that says so.
#include <fstream>

#include <algorithm>

#include <gtest/gtest.h>

#include "client/lib/client.hpp"
#include "run_process.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;

std::string flipped(std::string fp) {
  fp[10] = fp[10] == '0' ? '1' : '0';
  return fp;
}

TEST(Pinning, WrongFingerprintIsRefused) {
  ServerProcess server;
  server.start();
  ASSERT_EQ(server.fingerprint.size(), 64u);

  client::Config config;
  config.endpoint = {server.host, server.port, flipped(server.fingerprint)};
  config.role = pb::CLERK;
  config.secret = server.passphrase;
  client::Client c(config);
  auto login = c.start(20s);
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().code, client::Code::WrongServer) << login.error();
  EXPECT_NE(login.error().sentence.find("fingerprint"), std::string::npos) << login.error();
  EXPECT_EQ(c.state(), client::State::Failed);
  // Requests fail at once rather than wait.
  pb::ClientMessage ping;
  ping.mutable_ping();
  EXPECT_FALSE(c.call(ping, 5s));

  const std::string address = server.host + ":" + std::to_string(server.port);
  auto r = run_process(SCRUTINCTL_PATH, {"status", "--server", address, "--fingerprint", flipped(server.fingerprint),
                                         "--data", server.data_dir});
  EXPECT_EQ(r.status, 3) << "not the pinned server: exit status 3, nothing was sent";
  EXPECT_NE(r.err.find("refusing to connect"), std::string::npos) << r.err;

  // The right one (upper case and colons accepted) gets in.
  client::Config good = config;
  good.endpoint.fingerprint = server.fingerprint;
  client::Client ok(good);
  auto in = ok.start(20s);
  ASSERT_TRUE(in) << in.error();
  EXPECT_EQ(in->role(), pb::CLERK);
}

TEST(Pinning, WrongPassphraseIsRefusedWithTheServersReason) {
  ServerProcess server;
  server.start();
  const std::string pass = make_temp_dir() + "/wrong";
  std::ofstream(pass) << "not the passphrase\n";
  auto r = run_process(SCRUTINCTL_PATH, {"status", "--data", server.data_dir, "--passphrase-file", pass});
  EXPECT_EQ(r.status, 1);
  // The server's own sentence, on one line, not just any complaint.
  EXPECT_NE(r.err.find("Wrong passphrase."), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
}  // namespace scrutin::testing
