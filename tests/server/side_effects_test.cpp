// What the server pushes after a change with a side effect: a proxy holder who
// leaves sees on his tablet that the proxy is not exercised; a cancelled ballot
// leaves the tablets and the projector; interested members are not among the
// live voters.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "proto/convert.hpp"
#include "raw_client.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

struct Wire {
  ServerProcess server;
  std::map<std::string, std::string> pins;

  Wire() { server.start(); }

  std::unique_ptr<RawClient> login(pb::Role role, const std::string& member, const std::string& secret) {
    auto c = std::make_unique<RawClient>(server.host, server.port, server.fingerprint);
    EXPECT_TRUE(c->hello());
    auto l = c->login(role, member, secret);
    EXPECT_TRUE(l && l->has_login_ok()) << (l ? l->DebugString() : "closed");
    return c;
  }
  void run(RawClient& clerk, const Command& command) {
    auto a = clerk.request(command_message(to_pb(command)));
    ASSERT_TRUE(a && a->has_done()) << (a ? a->DebugString() : "closed");
    for (const auto& p : a->done().pins()) pins[p.member_id()] = p.pin();
  }
};

// Reads pushes (those already received first) until one matches.
template <class View>
std::optional<View> until(RawClient& c, const std::function<std::optional<View>(const pb::ServerMessage&)>& pick,
                          const std::function<bool(const View&)>& want) {
  for (const auto& m : c.pushes)
    if (auto v = pick(m); v && want(*v)) return v;
  c.pushes.clear();
  for (int i = 0; i < 200; ++i) {
    auto m = c.read();
    if (!m) return std::nullopt;
    if (auto v = pick(*m); v && want(*v)) return v;
  }
  return std::nullopt;
}
std::optional<pb::DelegateView> delegate_view(const pb::ServerMessage& m) {
  return m.has_delegate_view() ? std::optional(m.delegate_view()) : std::nullopt;
}
std::optional<pb::RoomView> room_view(const pb::ServerMessage& m) {
  return m.has_room_view() ? std::optional(m.room_view()) : std::nullopt;
}

TEST(SideEffects, TheTabletSaysAProxyIsNotExercisedWhileItsHolderIsAway) {
  Wire w;
  auto clerk = w.login(pb::CLERK, "", w.server.passphrase);
  SessionInfo info;
  info.body = "Conseil municipal";
  info.date = "2026-12-03";
  info.president = "M1";
  w.run(*clerk, cmd::ConfigureSession{info, french_council()});
  std::vector<Member> roster;
  for (int i = 1; i <= 6; ++i) roster.push_back(Member{"M" + std::to_string(i), "Membre " + std::to_string(i), "", MemberKind::Titular, "", 1, ""});
  w.run(*clerk, cmd::ImportRoster{roster});
  w.run(*clerk, cmd::AddItem{Item{"1", "Budget", "", "", "", "", "DE", "", ""}});
  for (int i = 1; i <= 5; ++i) w.run(*clerk, cmd::CheckIn{"M" + std::to_string(i)});
  w.run(*clerk, cmd::RegisterProxy{Proxy{"M6", "M3", 1}});

  auto tablet = w.login(pb::DELEGATE, "M3", w.pins.at("M3"));
  auto display = w.login(pb::DISPLAY, "", w.server.display_token());
  w.run(*clerk, cmd::CheckOut{"M3"});
  auto away = until<pb::DelegateView>(*tablet, delegate_view, [](const pb::DelegateView& v) { return !v.present(); });
  ASSERT_TRUE(away);
  ASSERT_EQ(away->proxies_not_exercised_size(), 1);
  EXPECT_EQ(away->proxies_not_exercised(0), "Membre 6");
  w.run(*clerk, cmd::CheckIn{"M3"});
  auto back = until<pb::DelegateView>(*tablet, delegate_view, [](const pb::DelegateView& v) { return v.present(); });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->proxies_not_exercised_size(), 0);

  // Interested members are not live voters; a cancelled ballot leaves every screen.
  w.run(*clerk, cmd::DeclareConflict{"1", "M2"});
  w.run(*clerk, cmd::OpenBallot{"1", BallotMode::Public, true, Fraction{2, 3}});
  auto open = until<pb::RoomView>(*display, room_view, [](const pb::RoomView& v) { return v.ballot().open(); });
  ASSERT_TRUE(open);
  EXPECT_EQ(open->ballot().expected(), 5);          // M1, M3, M4, M5 and M6 through M3
  EXPECT_EQ(open->ballot().counts().voters(), 5);   // M2 is not a voter
  EXPECT_EQ(open->ballot().majority().num(), 2);
  EXPECT_EQ(open->ballot().majority().den(), 3);
  w.run(*clerk, cmd::CancelBallot{"1", "ouvert par erreur"});
  auto none = until<pb::RoomView>(*display, room_view, [](const pb::RoomView& v) { return !v.has_ballot(); });
  EXPECT_TRUE(none) << "the projector shows no ballot once it is cancelled";
  auto idle = until<pb::DelegateView>(*tablet, delegate_view, [](const pb::DelegateView& v) { return !v.has_ballot(); });
  EXPECT_TRUE(idle) << "the tablet shows no ballot once it is cancelled";
}

}  // namespace
}  // namespace scrutin::testing
