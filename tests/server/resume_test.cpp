// A tablet coming back logs in with the token of its last login (one HMAC on
// the server) instead of its PIN's slow hash. What the token must never do:
// open another member's session, survive a PIN reset, or stand for the PIN
// when it is wrong. What it must do: survive a restart of the server.
#include <gtest/gtest.h>

#include "seeded_server.hpp"

namespace scrutin::testing {
namespace {

pb::ClientMessage login_with(const std::string& member, const std::string& pin, const std::string& token) {
  pb::ClientMessage m;
  m.mutable_login()->set_role(pb::DELEGATE);
  m.mutable_login()->set_member_id(member);
  m.mutable_login()->set_secret(pin);
  m.mutable_login()->set_resume_token(token);
  return m;
}

class ResumeTest : public ServerTest {
 protected:
  // A fresh connection's answer to a Login with `pin` and `token`.
  pb::ServerMessage try_login(const std::string& member, const std::string& pin, const std::string& token) {
    auto c = connect();
    EXPECT_TRUE(c->hello());
    auto a = c->request(login_with(member, pin, token));
    EXPECT_TRUE(a.has_value());
    return a.value_or(pb::ServerMessage{});
  }
  std::string token_of(const std::string& member) {
    const auto a = try_login(member, pins.at(member), "");
    EXPECT_TRUE(a.has_login_ok()) << a.DebugString();
    return a.login_ok().resume_token();
  }
  // Two members of the seed's roster.
  std::pair<std::string, std::string> two_members() {
    auto it = pins.begin();
    const std::string a = it->first;
    return {a, (++it)->first};
  }
};

TEST_F(ResumeTest, ATokenAloneLogsTheSameMemberBackInAndNoOtherOne) {
  open_seed_ballot();
  for (const auto& [member, other] : {two_members(), std::pair{two_members().second, two_members().first}}) {
    const std::string token = token_of(member);
    ASSERT_GE(token.size(), 32u) << "a delegate's LoginOk carries a token";

    const auto back = try_login(member, "", token);
    ASSERT_TRUE(back.has_login_ok()) << back.DebugString();
    EXPECT_EQ(back.login_ok().member_id(), member);
    EXPECT_EQ(back.login_ok().resume_token(), token) << "the same PIN, the same token";

    const auto stolen = try_login(other, "", token);
    ASSERT_TRUE(stolen.has_refused()) << "one member's token opens no other member's session";
    EXPECT_EQ(stolen.refused().kind(), pb::BAD_CREDENTIALS);

    std::string forged = token;
    forged[forged.size() / 2] ^= 0x01;
    const auto bad = try_login(member, "", forged);
    ASSERT_TRUE(bad.has_refused());
    EXPECT_EQ(bad.refused().kind(), pb::BAD_CREDENTIALS);
  }
}

TEST_F(ResumeTest, AStaleTokenLeavesThePinToDecideAndAResetEndsIt) {
  open_seed_ballot();
  const auto [member, other] = two_members();
  const std::string token = token_of(member);

  // A wrong token with the right PIN: the PIN decides, and a fresh token comes back.
  const auto with_pin = try_login(member, pins.at(member), std::string(32, 'x'));
  ASSERT_TRUE(with_pin.has_login_ok()) << with_pin.DebugString();
  EXPECT_EQ(with_pin.login_ok().resume_token(), token);
  // A right token with a wrong PIN: still the token's member (the PIN is not asked).
  EXPECT_TRUE(try_login(member, "000000", token).has_login_ok());

  // The clerk resets the PIN: the old token no longer opens anything, the new PIN does.
  auto c = clerk();
  pb::Command reset;
  reset.mutable_reset_pin()->set_member(member);
  auto a = c->request(command_message(reset));
  ASSERT_TRUE(a && a->has_done() && a->done().pins_size() == 1) << (a ? a->DebugString() : "closed");
  const std::string new_pin = a->done().pins(0).pin();

  const auto after = try_login(member, "", token);
  ASSERT_TRUE(after.has_refused()) << "a PIN reset ends the tokens given before it";
  EXPECT_EQ(after.refused().kind(), pb::BAD_CREDENTIALS);
  const auto renewed = try_login(member, new_pin, token);
  ASSERT_TRUE(renewed.has_login_ok()) << renewed.DebugString();
  EXPECT_NE(renewed.login_ok().resume_token(), token);
  EXPECT_TRUE(try_login(member, "", renewed.login_ok().resume_token()).has_login_ok());
  // Another member's token is untouched by this reset.
  EXPECT_TRUE(try_login(other, "", token_of(other)).has_login_ok());
}

TEST_F(ResumeTest, TheTokenOutlivesARestartOfTheServer) {
  open_seed_ballot();
  const auto [member, other] = two_members();
  const std::string token = token_of(member);
  ASSERT_EQ(server.stop(), 0);
  server.start();
  const auto back = try_login(member, "", token);
  ASSERT_TRUE(back.has_login_ok()) << "a room coming back after a restart needs no PIN: " << back.DebugString();
  EXPECT_FALSE(try_login(other, "", token).has_login_ok());
}

}  // namespace
}  // namespace scrutin::testing
