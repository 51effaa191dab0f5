// The clerk's lists and corrections through scrutinctl against the real server
// (issue 10): roster/item/proxy lists, who-voted, member and item edits and
// removals, PIN reset (the member's tablets signed out), and the projector's
// screen. Each refusal is a sentence on stderr and exit status 1.
#include <algorithm>
#include <chrono>
#include <thread>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "client/lib/client.hpp"
#include "room.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;

std::string m(int i) { return fmt::format("M{:02}", i); }

// n titulars M01..Mn, and S03, the substitute of M03; two items.
struct Council : Room {
  std::map<std::string, std::string> pins;
  explicit Council(int n, const std::string& rules = "french") {
    ctl.ok({"session", "configure", "--body", "Conseil municipal", "--date", "2026-12-03", "--president", "M01",
            "--secretary", "M02", "--seats", std::to_string(n), "--rules", rules});
    const std::string path = work + "/roster.csv";
    std::ofstream csv(path);
    csv << "id,name,group,kind,substitute_of,weight,birth_date\n";
    for (int i = 1; i <= n; ++i) csv << fmt::format("{},Membre {},Groupe {},titular,,1,\n", m(i), i, i % 2);
    csv << "S03,Suppléant Trois,Groupe 1,substitute,M03,1,\n";
    csv.close();
    ctl.ok({"roster", "import", path, "--pins-out", work + "/pins.csv"});
    pins = read_pins(work + "/pins.csv");
    ctl.ok({"item", "add", "--id", "2026-1", "--title", "Budget", "--rapporteur", "M02"});
    ctl.ok({"item", "add", "--id", "2026-2", "--title", "Voirie"});
  }
  void arrive(int from, int to) {
    std::vector<std::string> args{"checkin"};
    for (int i = from; i <= to; ++i) args.push_back(m(i));
    ctl.ok(args);
  }
  ProcessResult vote(const std::string& item, const std::string& who, const std::string& choice) {
    return ctl.run({"vote", item, who, choice, "--member", who, "--pin", pins[who]});
  }
  client::Config config(pb::Role role, const std::string& member = "", const std::string& secret = "") const {
    client::Config c;
    c.endpoint = {server.host, server.port, server.fingerprint};
    c.role = role;
    c.member_id = member;
    c.secret = secret;
    c.reconnect = false;
    return c;
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ClerkCtl, RosterListShowsKindPresenceProxiesAndTimes) {
  for (int n : {5, 9}) {
    Council c(n);
    c.arrive(1, n - 2);
    c.ctl.ok({"proxy", "add", m(n), "M01"});
    const std::string list = c.ctl.ok({"roster", "list"});
    EXPECT_TRUE(has(list, "M01\tMembre 1\tGroupe 1\ttitular\tpresent arrived ")) << list;
    EXPECT_TRUE(has(list, fmt::format("{}\tMembre {}\tGroupe {}\ttitular\trepresented by M01", m(n), n, n % 2))) << list;
    EXPECT_TRUE(has(list, fmt::format("{}\tMembre {}\tGroupe {}\ttitular\tabsent", m(n - 1), n - 1, (n - 1) % 2))) << list;
    EXPECT_TRUE(has(list, "S03\tSuppléant Trois\tGroupe 1\tsubstitute of M03\tabsent")) << list;
    const std::string json = c.ctl.ok({"roster", "list", "--json"});
    EXPECT_TRUE(has(json, "\"id\": \"M01\", \"name\": \"Membre 1\"")) << json;
    EXPECT_TRUE(has(json, "\"presence\": \"represented\", \"holder\": \"M01\"")) << json;
    // n titulars + one substitute: one line each.
    EXPECT_EQ(std::count(list.begin(), list.end(), '\n'), n + 1) << list;  // each line ends with a newline
  }
}

TEST(ClerkCtl, AMemberWhoVotedIsEditedButNotRemoved) {
  Council c(7);
  c.arrive(1, 6);
  c.ctl.ok({"ballot", "open", "2026-1"});
  EXPECT_EQ(c.vote("2026-1", "M04", "pour").status, 0);
  c.ctl.ok({"ballot", "close", "2026-1"});
  const std::string edited = c.ctl.ok({"roster", "edit", "M04", "--name", "Membre Quatre-Vents", "--group", "Centre"});
  EXPECT_TRUE(has(edited, "member M04 edited")) << edited;
  EXPECT_TRUE(has(c.ctl.ok({"roster", "list"}), "M04\tMembre Quatre-Vents\tCentre")) << "the edit is journalled";
  // The same edit again records nothing.
  EXPECT_TRUE(has(c.ctl.ok({"roster", "edit", "M04", "--name", "Membre Quatre-Vents"}), "unchanged"));
  c.ctl.ok({"checkout", "M04"});
  auto refused = c.ctl.run({"roster", "remove", "M04"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(refused.err, "Membre Quatre-Vents a pris part à un scrutin")) << refused.err;
  // M07 never came: removed, and his PIN stops working.
  c.ctl.ok({"roster", "remove", "M07"});
  EXPECT_FALSE(has(c.ctl.ok({"roster", "list"}), "M07\t"));
  c.ctl.ok({"ballot", "open", "2026-2"});
  auto gone = c.vote("2026-2", "M07", "pour");
  EXPECT_NE(gone.status, 0) << gone.out;
  // Present members cannot be removed: a sentence says what to do first.
  refused = c.ctl.run({"roster", "remove", "S03"});
  EXPECT_EQ(refused.status, 0) << "S03 never sat: " << refused.err;
  refused = c.ctl.run({"roster", "remove", "NOBODY"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(refused.err, "Aucun membre n'a l'identifiant NOBODY")) << refused.err;
  EXPECT_EQ(c.ctl.run({"roster", "edit", "M05", "--kind", "maybe"}).status, 2) << "bad usage";
}

TEST(ClerkCtl, ItemsAreEditedAndRemovedUntilPutToTheVote) {
  Council c(5);
  c.arrive(1, 5);
  const std::string text_file = c.work + "/expose.md";
  std::ofstream(text_file) << "Vu le code général des collectivités territoriales,\n\nConsidérant…\n";
  c.ctl.ok({"item", "edit", "2026-1", "--title", "Budget primitif 2027", "--text-file", text_file});
  const std::string list = c.ctl.ok({"item", "list"});
  EXPECT_TRUE(has(list, "2026-1\tBudget primitif 2027\tMembre 2\tpending")) << list;
  EXPECT_TRUE(has(list, "2026-2\tVoirie\t-\tpending")) << list;
  c.ctl.ok({"ballot", "open", "2026-1"});
  auto refused = c.ctl.run({"item", "edit", "2026-1", "--title", "Autre"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(refused.err, "Le point 2026-1 a été mis aux voix")) << refused.err;
  refused = c.ctl.run({"item", "remove", "2026-1"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(c.ctl.ok({"item", "list"}), "2026-1\tBudget primitif 2027\tMembre 2\topen"));
  c.ctl.ok({"item", "remove", "2026-2"});
  EXPECT_FALSE(has(c.ctl.ok({"item", "list"}), "2026-2"));
  refused = c.ctl.run({"item", "remove", "2026-2"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(refused.err, "Aucun point 2026-2")) << refused.err;
  // The statement of reasons from the file is in the session's JSON.
  EXPECT_TRUE(has(c.ctl.ok({"export", "json"}), "Considérant")) << "the .md text was journalled";
}

TEST(ClerkCtl, ProxyListSaysWhichAreNotExercisedAndWhy) {
  Council c(9);
  c.arrive(1, 5);
  c.ctl.ok({"proxy", "add", "M08", "M02"});
  c.ctl.ok({"proxy", "add", "M09", "M06"});  // M06 is away
  c.ctl.ok({"proxy", "add", "M07", "M03"});
  c.ctl.ok({"conflict", "2026-1", "M03"});   // M03 takes no part in 2026-1
  const std::string list = c.ctl.ok({"proxy", "list"});
  EXPECT_TRUE(has(list, "M08 (Membre 8) to M02 (Membre 2): exercised on item 2026-1")) << list;
  EXPECT_TRUE(has(list, "M09 (Membre 9) to M06 (Membre 6): not exercised: holder away")) << list;
  EXPECT_TRUE(has(list, "M07 (Membre 7) to M03 (Membre 3): not exercised: interest declared")) << list;
  EXPECT_TRUE(has(c.ctl.ok({"proxy", "list", "--json"}), "\"mandant\": \"M09\", \"holder\": \"M06\""));
}

TEST(ClerkCtl, WhoVotedNamesChoicesOnlyInPublicBallots) {
  for (const std::string mode : {"public", "nominal", "secret"}) {
    Council c(6);
    c.arrive(1, 5);
    c.ctl.ok({"proxy", "add", "M06", "M01"});
    c.ctl.ok({"conflict", "2026-1", "M05"});
    c.ctl.ok({"ballot", "open", "2026-1", "--mode", mode});
    EXPECT_EQ(c.vote("2026-1", "M02", "contre").status, 0);
    EXPECT_EQ(c.ctl.run({"vote", "2026-1", "M06", "pour", "--member", "M01", "--pin", c.pins["M01"]}).status, 0);
    c.ctl.ok({"clerk-vote", "2026-1", "M03", "abstention"});
    const std::string board = c.ctl.ok({"who-voted", "2026-1"});
    EXPECT_TRUE(has(board, "3 voted, 2 not yet, 1 not taking part")) << mode << ": " << board;
    EXPECT_TRUE(has(board, "not yet: M01 (Membre 1)")) << board;
    EXPECT_TRUE(has(board, "not yet: M04 (Membre 4)")) << board;
    EXPECT_TRUE(has(board, "not taking part: M05 (Membre 5)")) << board;
    if (mode == "secret") {
      EXPECT_TRUE(has(board, "voted: M02 (Membre 2)\n")) << board;
      EXPECT_FALSE(has(board, "contre")) << "a secret ballot never says what: " << board;
      EXPECT_FALSE(has(board, "pour")) << board;
      EXPECT_TRUE(has(board, "voted: M03 (Membre 3) [entered by the clerk]")) << board;
    } else {
      EXPECT_TRUE(has(board, "voted: M02 (Membre 2): contre")) << board;
      EXPECT_TRUE(has(board, "voted: M06 (Membre 6) through M01: pour")) << board;
      EXPECT_TRUE(has(board, "voted: M03 (Membre 3): abstention [entered by the clerk]")) << board;
    }
  }
  Council c(4);
  auto refused = c.ctl.run({"who-voted", "2026-2"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(refused.err, "has not been put to the vote")) << refused.err;
}

TEST(ClerkCtl, PinResetGivesANewPinOnceAndSignsTheMemberOut) {
  Council c(5);
  c.arrive(1, 5);
  // M03's tablet is connected with the old PIN.
  client::Client tablet(c.config(pb::DELEGATE, "M03", c.pins["M03"]));
  ASSERT_TRUE(tablet.start(10s).has_value());
  const std::string line = c.ctl.ok({"pin", "reset", "M03"});
  const auto at = line.find("new PIN of M03: ");
  ASSERT_NE(at, std::string::npos) << line;
  const std::string pin = line.substr(at + 16, 6);
  EXPECT_NE(pin, c.pins["M03"]);
  // The server closed the old session: the tablet stops being Ready (no reconnection in this test).
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (tablet.state() == client::State::Ready && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);  // the state has no waitable signal here; bounded by the deadline
  EXPECT_NE(tablet.state(), client::State::Ready);
  c.ctl.ok({"ballot", "open", "2026-1"});
  EXPECT_NE(c.vote("2026-1", "M03", "pour").status, 0) << "the old PIN no longer works";
  EXPECT_EQ(c.ctl.run({"vote", "2026-1", "M03", "pour", "--member", "M03", "--pin", pin}).status, 0);
  auto refused = c.ctl.run({"pin", "reset", "M99"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(refused.err, "Aucun membre n'a l'identifiant M99")) << refused.err;
  // --out writes it to a private file instead of the screen.
  const std::string out = c.work + "/pin.csv";
  EXPECT_FALSE(has(c.ctl.ok({"pin", "reset", "M02", "--out", out}), "new PIN of M02: "));
  EXPECT_TRUE(has(slurp(out), "M02,"));
}

TEST(ClerkCtl, TheProjectorFollowsThePresidentsChoiceWithin100ms) {
  Council c(5);
  client::Client display(c.config(pb::DISPLAY, "", c.server.display_token()));
  ASSERT_TRUE(display.start(10s).has_value());
  auto wait_for_screen = [&](pb::ProjectorScreen screen, const std::string& message) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline)
      if (auto push = display.take_push(100ms); push && push->has_room_view() &&
                                                push->room_view().projector().screen() == screen &&
                                                push->room_view().projector().message() == message)
        return true;
    return false;
  };
  for (auto [name, screen] : {std::pair{"attendance", pb::PROJECTOR_ATTENDANCE}, {"welcome", pb::PROJECTOR_WELCOME},
                              {"result", pb::PROJECTOR_RESULT}}) {
    pb::ClientMessage show;
    show.mutable_projector_show()->set_screen(screen);
    client::Client clerk(c.config(pb::CLERK, "", c.server.passphrase));
    ASSERT_TRUE(clerk.start(10s).has_value());
    const auto before = std::chrono::steady_clock::now();
    auto answer = clerk.call(show);
    ASSERT_TRUE(answer && answer->has_done()) << name;
    EXPECT_TRUE(wait_for_screen(screen, "")) << name;
    EXPECT_LT(std::chrono::steady_clock::now() - before, 100ms) << name << ": the display follows within 100 ms";
  }
  EXPECT_TRUE(has(c.ctl.ok({"projector", "message", "--text", "Suspension de séance : reprise à 21 h"}), "message"));
  EXPECT_TRUE(wait_for_screen(pb::PROJECTOR_MESSAGE, "Suspension de séance : reprise à 21 h"));
  // Opening a ballot puts the projector back on AUTO: the room sees the vote.
  c.arrive(1, 5);
  c.ctl.ok({"ballot", "open", "2026-1"});
  EXPECT_TRUE(wait_for_screen(pb::PROJECTOR_AUTO, ""));
  auto refused = c.ctl.run({"projector", "message", "--text", std::string(300, 'x')});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(has(refused.err, "trop long")) << refused.err;
  EXPECT_EQ(c.ctl.run({"projector", "somewhere"}).status, 2);
  EXPECT_EQ(c.ctl.run({"projector", "message"}).status, 2);
}

}  // namespace
}  // namespace scrutin::testing
