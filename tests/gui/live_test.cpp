// The real tablet and projector under Xvfb against the real server (real TLS,
// real SQLite journal), driven through the same UI code a finger uses
// (--test-taps presses buttons by id). What they did is checked in the
// server's journal; what they showed, in their screenshots.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <fmt/format.h>

#include "client/lib/client.hpp"
#include "client/lib/mirror.hpp"
#include "gui/harness.hpp"
#include "run_process.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kBlue[] = {0, 114, 178};
constexpr int kText[] = {20, 20, 26};
constexpr int kOfflineBand[] = {153, 51, 0};
constexpr int kPending[] = {230, 159, 0};

// A session of eight members: M01 holds the proxies of M05, M06 and M07
// (a rule set allowing three per holder), M02 to M04 are present.
struct LiveRoom {
  ServerProcess server;
  std::string work = make_temp_dir();
  std::string pass = work + "/passphrase";
  std::map<std::string, std::string> pins;

  LiveRoom() {
    server.start();
    std::ofstream(pass) << server.passphrase << "\n";
    std::ofstream(work + "/configure.json") << R"json({"info": {"body": "Assemblée de la Communauté", "date": "2026-12-03",
      "place": "Salle du conseil", "president": "M02", "secretary": "M03", "seats": 8},
      "rules": {"name": "Assemblée (trois pouvoirs)", "quorum": {"num": 1, "den": 2}, "maxProxiesPerHolder": 3,
      "maxProxySessions": 1, "majorityBase": "EXPRESSED", "majority": {"num": 1, "den": 2}, "majorityStrict": true}})json";
    std::ofstream(work + "/roster.csv") << "id,name,group,kind,substitute_of,weight,birth_date\n"
                                           "M01,Anne ROUX,Majorité,titular,,1,\n"
                                           "M02,Paul MARTIN,Majorité,titular,,1,\n"
                                           "M03,Luc PETIT,Opposition,titular,,1,\n"
                                           "M04,Jeanne DUPONT,Opposition,titular,,1,\n"
                                           "M05,Marie-Christine CHAMPOMIER-VERGÈS,Majorité,titular,,1,\n"
                                           "M06,Yves ANDRÉ,Majorité,titular,,1,\n"
                                           "M07,Nora BENALI,Opposition,titular,,1,\n"
                                           "M08,Iris MOREL,Opposition,titular,,1,\n";
    ok({"session", "configure", "--from", work + "/configure.json"});
    ok({"roster", "import", work + "/roster.csv", "--pins-out", work + "/pins.csv"});
    std::ifstream in(work + "/pins.csv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const std::string id = line.substr(0, line.find(','));
      pins[id] = line.substr(line.rfind(',') + 1);
    }
    ok({"checkin", "M01", "M02", "M03", "M04"});
    for (const char* mandant : {"M05", "M06", "M07"}) ok({"proxy", "add", mandant, "M01"});
    ok({"item", "add", "--id", "2026-41", "--title", "Budget primitif 2027 et autorisation de programme pour la rénovation de l'école", "--rapporteur", "M02"});
    ok({"item", "add", "--id", "2026-42", "--title", "Tarifs de la restauration scolaire", "--rapporteur", "M03"});
  }

  std::string ok(std::vector<std::string> args) {
    args.insert(args.end(), {"--data", server.data_dir, "--passphrase-file", pass});
    const ProcessResult r = run_process(SCRUTINCTL_PATH, args);
    EXPECT_EQ(r.status, 0) << fmt::format("scrutinctl {}: {}{}", fmt::join(args, " "), r.out, r.err);
    return r.out;
  }

  // The taps that sign in a member through the sign-in screen: name, PIN digits, Valider.
  // With `shot`, a screenshot of the sign-in screen half-way through the PIN.
  std::string sign_in_taps(const std::string& member, const std::string& shot = "") const {
    std::string taps = "member-" + member;
    const std::string pin = pins.at(member);
    for (std::size_t i = 0; i < pin.size(); ++i) {
      taps += std::string(",key-") + pin[i];
      if (i == 2 && !shot.empty()) taps += ",shot:" + shot;
    }
    return taps + ",key-ok,until:online";
  }

  // What the journal says about a ballot, read by a clerk connection.
  Session session() const {
    client::Config config;
    config.endpoint = {server.host, server.port, server.fingerprint};
    config.role = pb::CLERK;
    config.secret = server.passphrase;
    client::Client clerk(config);
    EXPECT_TRUE(clerk.start().has_value());
    client::Mirror mirror;
    EXPECT_TRUE(mirror.sync(clerk).has_value());
    return mirror.session();
  }
};

std::string shot(const std::string& name) { return shots_dir() + "/" + name + ".png"; }

std::string tablet_room(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Waits for a file the tablet writes at a step of its script (a screenshot),
// or for the process running it to end.
bool wait_for_file(const std::string& path, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!std::filesystem::exists(path)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(50ms);  // polling a file the other process writes: nothing to block on
  }
  return true;
}

TEST(LiveTablet, ADelegateWithThreeProxiesVotesEachOfThemInLandscape1280x800) {
  REQUIRE_XVFB();
  LiveRoom room;
  room.ok({"ballot", "open", "2026-41", "--mode", "public"});
  const std::string taps = room.sign_in_taps("M01", shot("live-tablet-sign-in")) + ",shot:" + shot("live-tablet-1280x800-top") +
                           ",voice-M01-pour,voice-M05-contre,drag:3000,voice-M06-abstention,voice-M07-pour,until:settled";
  const GuiRun r = run_under_xvfb(SCRUTIN_TABLET_BINARY,
                                  "--data " + room.server.data_dir + " --size 1280x800 --check-layout --frames 6 "
                                  "--test-taps " + taps + " --screenshot " + shot("live-tablet-1280x800"),
                                  1280, 800);
  EXPECT_EQ(r.status, 0) << r.errors;
  const Session s = room.session();
  const Ballot* b = s.ballot("2026-41");
  ASSERT_NE(b, nullptr);
  const std::map<std::string, Choice> expected = {
      {"M01", Choice::Pour}, {"M05", Choice::Contre}, {"M06", Choice::Abstention}, {"M07", Choice::Pour}};
  ASSERT_EQ(b->casts.size(), expected.size());
  for (const auto& [voice, choice] : expected) {
    ASSERT_TRUE(b->casts.contains(voice)) << voice;
    EXPECT_EQ(b->casts.at(voice).choice, choice) << voice;
    EXPECT_EQ(b->casts.at(voice).by, "M01") << voice;
  }
  Image img;
  ASSERT_TRUE(img.load(shot("live-tablet-1280x800")));
  EXPECT_GT(img.count(kBlue[0], kBlue[1], kBlue[2]), 2000) << "a recorded Pour on screen";
}

TEST(LiveTablet, SameChoiceForAllVoicesWithOneConfirmationEachInPortrait800x1280) {
  REQUIRE_XVFB();
  LiveRoom room;
  // A secret ballot: a vote cannot be changed, so each of the four choices is confirmed.
  room.ok({"ballot", "open", "2026-42", "--mode", "secret"});
  const std::string taps = room.sign_in_taps("M01") + ",all-pour,shot:" + shot("live-tablet-800x1280-confirm") +
                           ",confirm,confirm,confirm,confirm,until:settled";
  const GuiRun r = run_under_xvfb(SCRUTIN_TABLET_BINARY,
                                  "--data " + room.server.data_dir + " --size 800x1280 --check-layout --frames 6 "
                                  "--test-taps " + taps + " --screenshot " + shot("live-tablet-800x1280"),
                                  800, 1280);
  EXPECT_EQ(r.status, 0) << r.errors;
  // The journal names who voted; the bulletins are in the ballot box until the
  // close seals them into it (issue 12): the result is read after the close.
  room.ok({"ballot", "close", "2026-42"});
  const Session s = room.session();
  const Ballot* b = s.ballot("2026-42");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->secret_voted, (std::set<MemberId>{"M01", "M05", "M06", "M07"}));
  EXPECT_EQ(b->tally.heads.pour, 4);
}

TEST(LiveProjector, OpenAndClosedBallotAt1920x1080WithFiguresATenthOfTheHeight) {
  REQUIRE_XVFB();
  LiveRoom room;
  const std::string display_args = "--data " + room.server.data_dir + " --check-layout --frames 8 --screenshot ";
  // Between ballots: the agenda, attendance, quorum, and the enrolment corner.
  GuiRun r = run_under_xvfb(SCRUTIN_DISPLAY_BINARY, display_args + shot("live-display-agenda"), 1920, 1080);
  EXPECT_EQ(r.status, 0) << r.errors;
  room.ok({"ballot", "open", "2026-41", "--mode", "public"});
  for (auto [voice, choice] : {std::pair{"M02", "pour"}, {"M03", "contre"}, {"M04", "pour"}})
    room.ok({"vote", "2026-41", voice, choice, "--member", voice, "--pin", room.pins.at(voice)});
  r = run_under_xvfb(SCRUTIN_DISPLAY_BINARY, display_args + shot("live-display-open"), 1920, 1080);
  EXPECT_EQ(r.status, 0) << r.errors;
  Image open;
  ASSERT_TRUE(open.load(shot("live-display-open")));
  EXPECT_GE(open.tallest_run(kText[0], kText[1], kText[2], 30, 6), 108) << "the votes-received figure";
  EXPECT_GE(open.tallest_run(kBlue[0], kBlue[1], kBlue[2]), 108) << "the live Pour figure";
  room.ok({"ballot", "close", "2026-41"});
  r = run_under_xvfb(SCRUTIN_DISPLAY_BINARY, display_args + shot("live-display-closed"), 1920, 1080);
  EXPECT_EQ(r.status, 0) << r.errors;
  Image closed;
  ASSERT_TRUE(closed.load(shot("live-display-closed")));
  EXPECT_GE(closed.tallest_run(kBlue[0], kBlue[1], kBlue[2]), 108) << "the Pour figure and the verdict";
}

TEST(LiveTablet, ServerKilledAndRestartedBannerPendingThenRecorded) {
  REQUIRE_XVFB();
  LiveRoom room;
  room.ok({"ballot", "open", "2026-41", "--mode", "public"});
  for (const char* name : {"live-restart-before", "live-restart-offline", "live-restart-after"})
    std::filesystem::remove(shot(name));
  const std::string taps = room.sign_in_taps("M01") + ",voice-M01-pour,until:settled,shot:" + shot("live-restart-before") +
                           ",until:offline,voice-M05-contre,shot:" + shot("live-restart-offline") +
                           ",until:online,until:settled,shot:" + shot("live-restart-after") + ",quit";
  GuiRun r;
  std::thread tablet([&] {
    r = run_under_xvfb(SCRUTIN_TABLET_BINARY, "--data " + room.server.data_dir + " --size 1280x800 --test-taps " + taps,
                       1280, 800, 120);
  });
  const bool voted = wait_for_file(shot("live-restart-before"), 60s);
  room.server.kill9();
  const bool pending = voted && wait_for_file(shot("live-restart-offline"), 60s);
  room.server.start();  // same data folder, a new port: the tablet follows DIR/endpoint
  tablet.join();
  ASSERT_TRUE(voted) << r.errors;
  ASSERT_TRUE(pending) << r.errors;
  EXPECT_EQ(r.status, 0) << r.errors;

  Image offline, after;
  ASSERT_TRUE(offline.load(shot("live-restart-offline")));
  ASSERT_TRUE(after.load(shot("live-restart-after")));
  const int band = offline.h / 4;
  EXPECT_GT(offline.count(kOfflineBand[0], kOfflineBand[1], kOfflineBand[2], 20, 0, band), 10000) << "the banner, at the top";
  EXPECT_GT(offline.count(kPending[0], kPending[1], kPending[2], 20), 2000) << "the choice shown as pending";
  EXPECT_LT(after.count(kOfflineBand[0], kOfflineBand[1], kOfflineBand[2], 20, 0, band), 100) << "back online";
  EXPECT_LT(after.count(kPending[0], kPending[1], kPending[2], 20), 100) << "nothing pending any more";
  const Session s = room.session();
  const Ballot* b = s.ballot("2026-41");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->casts.contains("M05"));
  EXPECT_EQ(b->casts.at("M05").choice, Choice::Contre);
  EXPECT_EQ(b->casts.at("M01").choice, Choice::Pour);
}

// Enrolment with no --server: the tablet lists what is announced on the LAN
// (here read from a file standing for Avahi: see the README, "Discovery"),
// the delegate refuses a server whose code differs, confirms the room's, and
// signs in; the choice is saved, and a second start finds the same server by
// its fingerprint after it restarted on another port.
TEST(LiveTablet, FindsTheRoomOnTheLanConfirmsItsCodeRemembersItAndFollowsARestart) {
  REQUIRE_XVFB();
  LiveRoom room;
  const std::string announced = room.work + "/announced", room_file = room.work + "/tablet.conf";
  auto announce = [&] {
    std::ofstream(announced) << "Scrutin-intrus\tServeur inconnu\t127.0.0.1\t" << room.server.port << "\t"
                             << std::string(64, 'e') << "\n"
                             << "Scrutin-salle\tAssemblée de la Communauté\t127.0.0.1\t" << room.server.port << "\t"
                             << room.server.fingerprint << "\n";
  };
  announce();
  for (const char* name : {"live-enrol-list", "live-enrol-code", "live-enrol-signed-in", "live-enrol-settings"})
    std::filesystem::remove(shot(name));
  const std::string args = "--room-file " + room_file + " --discovery-file " + announced + " --size 1280x800 --check-layout ";
  std::string taps = "shot:" + shot("live-enrol-list") + ",server-Scrutin-intrus,code-no,server-Scrutin-salle,shot:" +
                     shot("live-enrol-code") + ",code-yes," + room.sign_in_taps("M02") + ",shot:" +
                     shot("live-enrol-signed-in") + ",hold:title,shot:" + shot("live-enrol-settings") + ",settings-back,quit";
  GuiRun r = run_under_xvfb(SCRUTIN_TABLET_BINARY, args + "--test-taps " + taps, 1280, 800);
  EXPECT_EQ(r.status, 0) << r.errors;
  auto saved = tablet_room(room_file);
  EXPECT_NE(saved.find("fingerprint=" + room.server.fingerprint), std::string::npos) << "pinned: " << saved;
  EXPECT_EQ(saved.find(std::string(64, 'e')), std::string::npos) << "the refused server is never saved";
  for (const char* name : {"live-enrol-list", "live-enrol-code", "live-enrol-signed-in", "live-enrol-settings"})
    EXPECT_TRUE(std::filesystem::exists(shot(name))) << name;

  // The server restarts on another port; the saved address is stale, the announcement is not.
  room.server.stop();
  room.server.start();
  announce();
  const GuiRun again = run_under_xvfb(SCRUTIN_TABLET_BINARY,
                                      args + "--test-taps " + room.sign_in_taps("M03") + ",quit", 1280, 800);
  EXPECT_EQ(again.status, 0) << "signed in through the announced address: " << again.errors;
}

// A delegate who signs in on a second tablet: the first one says it was
// released, and does not come back to take the place again.
TEST(LiveTablet, SigningInOnAnotherTabletReleasesThisOne) {
  REQUIRE_XVFB();
  LiveRoom room;
  room.ok({"ballot", "open", "2026-41", "--mode", "public"});
  std::filesystem::remove(shot("live-taken-over"));
  // Not "until:online" then "until:offline": under load the takeover can come
  // before the script looks, and the tablet is never seen online.
  std::string taps = room.sign_in_taps("M02");
  taps = taps.substr(0, taps.rfind(",until:online")) + ",until:taken-over,shot:" + shot("live-taken-over") + ",quit";
  GuiRun r;
  std::thread tablet([&] {
    r = run_under_xvfb(SCRUTIN_TABLET_BINARY, "--data " + room.server.data_dir + " --size 1280x800 --test-taps " + taps,
                       1280, 800, 120);
  });
  // The other tablet: scrutinctl signing in as the same delegate, once the first is in.
  bool released = false;
  for (int attempt = 0; attempt < 100 && !released; ++attempt) {
    room.ok({"vote", "2026-41", "M02", "pour", "--member", "M02", "--pin", room.pins.at("M02")});
    released = wait_for_file(shot("live-taken-over"), 1s);
  }
  tablet.join();
  EXPECT_TRUE(released) << r.errors;
  EXPECT_EQ(r.status, 0) << r.errors;
}

TEST(LiveTablet, SignInScreenFitsFrom800x600To2560x1600InBothLanguages) {
  REQUIRE_XVFB();
  LiveRoom room;
  for (auto [w, h] : {std::pair{800, 600}, {1280, 800}, {800, 1280}, {1920, 1080}, {2560, 1600}})
    for (const char* lang : {"", "--english"}) {
      const std::string png = shot(fmt::format("live-sign-in-{}x{}{}", w, h, *lang ? "-en" : ""));
      const GuiRun r = run_under_xvfb(SCRUTIN_TABLET_BINARY,
                                      fmt::format("--data {} --size {}x{} --check-layout {} --frames 6 "
                                                  "--test-taps member-M05,key-1,key-2 --screenshot {}",
                                                  room.server.data_dir, w, h, lang, png),
                                      w, h);
      EXPECT_EQ(r.status, 0) << w << "x" << h << " " << lang << ": " << r.errors;
      Image img;
      ASSERT_TRUE(img.load(png));
      // The chosen name in blue; no offline band (the server answered with the names).
      EXPECT_GT(img.count(kBlue[0], kBlue[1], kBlue[2]), 1000) << w << "x" << h;
      EXPECT_LT(img.count(kOfflineBand[0], kOfflineBand[1], kOfflineBand[2], 20), 100) << w << "x" << h;
    }
}

TEST(LiveTablet, AWrongFingerprintSaysThisIsNotTheRoomsServerInTheTabletsLanguage) {
  REQUIRE_XVFB();
  LiveRoom room;
  std::string wrong = room.server.fingerprint;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  for (const char* lang : {"", "--english"}) {
    const std::string png = shot(std::string("live-tablet-wrong-fingerprint") + (*lang ? "-en" : ""));
    const GuiRun r = run_under_xvfb(SCRUTIN_TABLET_BINARY,
                                    fmt::format("--server {}:{} --fingerprint {} --size 1024x768 --check-layout {} "
                                                "--frames 30 --screenshot {}",
                                                room.server.host, room.server.port, wrong, lang, png),
                                    1024, 768);
    EXPECT_EQ(r.status, 0) << r.errors;  // nothing ran off the screen
    Image img;
    ASSERT_TRUE(img.load(png));
    EXPECT_GT(img.count(kOfflineBand[0], kOfflineBand[1], kOfflineBand[2], 20, 0, img.h / 3), 10000)
        << "the sentence's band at the top";
  }
}

// The whole demo room, headless: the real server, the seed session run with
// scrutinctl, the real display and a real tablet connected over TLS. Their
// screenshots must show the state the server holds.
TEST(LiveRoom, DisplayAndTabletFollowTheServer) {
  REQUIRE_XVFB();
  const std::string work = make_temp_dir();  // a fresh folder of its own: runs at once never meet
  const std::string data = work + "/room";
  const std::string cmd = "cd " SCRUTIN_SOURCE_DIR " && env -u DISPLAY SCRUTIN_DEMO_DATA=" + data +
                          " timeout 300 ./deploy/demo-room.sh " SCRUTIN_BUILD_DIR " > " + data + ".log 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "see " << data << ".log";
  Image display, tablet;
  ASSERT_TRUE(display.load(data + "/export/display.png"));
  ASSERT_TRUE(tablet.load(data + "/export/tablet.png"));
  EXPECT_GT(display.count(kBlue[0], kBlue[1], kBlue[2]), 2000) << "the projector shows ADOPTÉ from the server's RoomView";
  // Olivier CHAMBON's own vote and his two proxies, each a recorded Pour button.
  EXPECT_GT(tablet.count(kBlue[0], kBlue[1], kBlue[2]), 3 * 8000) << "three recorded Pour buttons on the tablet";
  std::filesystem::remove_all(work);
}

}  // namespace
}  // namespace scrutin::testing
