// The real scrutin-clerk under Xvfb at 1366x768 against the real server (real
// TLS, real SQLite journal), driven through its own UI code (--test-taps
// presses buttons by id and types into fields by id). It checks members in,
// registers a proxy, edits an item, opens a ballot, sees scripted voters arrive
// on its board, closes it after the confirmation and exports the record. What
// it did is checked in the server's journal; each view is saved as a screenshot.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "client/lib/client.hpp"
#include "client/lib/mirror.hpp"
#include "gui/harness.hpp"
#include "client/backup/backup.hpp"
#include "run_process.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;

struct ClerkRoom {
  ServerProcess server;
  std::string work = make_temp_dir();
  std::string pass = work + "/passphrase";
  std::map<std::string, std::string> pins;

  ClerkRoom() {
    server.start();
    std::ofstream(pass) << server.passphrase << "\n";
    ok({"session", "configure", "--body", "Conseil municipal", "--body-name", "Commune de Vic-le-Comte", "--date",
        "2026-12-03", "--time", "18:30", "--place", "Salle du conseil", "--president", "M01", "--secretary", "M02",
        "--seats", "9", "--convocation-date", "2026-11-27", "--siren", "216302990", "--department", "063"});
    std::ofstream(work + "/roster.csv") << "id,name,group,kind,substitute_of,weight,birth_date\n"
                                           "M01,Anne ROUX,Majorité,titular,,1,\n"
                                           "M02,Paul MARTIN,Majorité,titular,,1,\n"
                                           "M03,Luc PETIT,Opposition,titular,,1,\n"
                                           "M04,Jeanne DUPONT,Opposition,titular,,1,\n"
                                           "M05,Benoît CHAMBON,Majorité,titular,,1,\n"
                                           "M06,Yves ANDRÉ,Majorité,titular,,1,\n"
                                           "M07,Nora BENALI,Opposition,titular,,1,\n"
                                           "M08,Iris MOREL,Opposition,titular,,1,\n"
                                           "M09,Marie-Christine CHAMPOMIER-VERGÈS,Majorité,titular,,1,\n"
                                           "S03,Hugo COLIN,Opposition,substitute,M03,1,\n";
    ok({"roster", "import", work + "/roster.csv", "--pins-out", work + "/pins.csv"});
    std::ifstream in(work + "/pins.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) pins[line.substr(0, line.find(','))] = line.substr(line.rfind(',') + 1);
    ok({"item", "add", "--id", "2026-41", "--title", "Budget primitif", "--rapporteur", "M02", "--decision",
        "Adopte le budget primitif 2027."});
    ok({"item", "add", "--id", "2026-42", "--title", "Tarifs de la restauration scolaire", "--decision", "Fixe les tarifs."});
  }
  std::string ok(std::vector<std::string> args) {
    args.insert(args.end(), {"--data", server.data_dir, "--passphrase-file", pass});
    const ProcessResult r = run_process(SCRUTINCTL_PATH, args);
    EXPECT_EQ(r.status, 0) << fmt::format("scrutinctl {}: {}{}", fmt::join(args, " "), r.out, r.err);
    return r.out;
  }
  client::Config config(pb::Role role, const std::string& secret) const {
    client::Config c;
    c.endpoint = {server.host, server.port, server.fingerprint};
    c.role = role;
    c.secret = secret;
    return c;
  }
  Session session() const {
    client::Client clerk(config(pb::CLERK, server.passphrase));
    EXPECT_TRUE(clerk.start().has_value());
    client::Mirror mirror;
    EXPECT_TRUE(mirror.sync(clerk).has_value());
    return mirror.session();
  }
};

std::string shot(const std::string& name) { return shots_dir() + "/clerk-" + name + ".png"; }

TEST(LiveClerk, ASittingFromTheConsoleCheckInProxyEditOpenBoardCloseExport) {
  REQUIRE_XVFB();
  ClerkRoom room;
  const std::string out = room.work + "/export";
  for (const char* name : {"attendance", "proxies", "agenda", "ballot", "confirm", "result", "session", "roster",
                           "projector", "export"})
    std::filesystem::remove(shot(name));
  // Two delegates vote once the ballot is open, as tablets would: the console's board must show them.
  std::thread voters([&] {
    client::Client display(room.config(pb::DISPLAY, room.server.display_token()));
    if (!display.start(20s)) return;
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    bool open = false;
    while (!open && std::chrono::steady_clock::now() < deadline)
      if (auto push = display.take_push(200ms); push && push->has_room_view())
        open = push->room_view().ballot().open();
    if (!open) return;
    for (auto [voice, choice] : {std::pair{"M02", "pour"}, {"M03", "contre"}})
      room.ok({"vote", "2026-41", voice, choice, "--member", voice, "--pin", room.pins.at(voice)});
  });
  const std::vector<std::string> steps = {
      "until:online", "in-M01", "in-M02", "in-M03", "in-M04", "in-M05", "excuse-M08", "until:settled",
      "type:search=cha", "shot:" + shot("attendance-search"), "type:search=", "until:settled", "shot:" + shot("attendance"),
      "tab-proxies", "mandant-M06", "holder-M01", "give-proxy", "until:settled", "shot:" + shot("proxies"),
      "tab-agenda", "edit-item-2026-41", "type:item-title=Budget primitif 2027 (modifié)", "save-item", "until:settled",
      "shot:" + shot("agenda"),
      "tab-ballot", "item-2026-41", "mode-1", "open-ballot", "until:settled", "until:voted-2026-41-2",
      "shot:" + shot("ballot"), "close-ballot", "shot:" + shot("confirm"), "confirm-close", "until:closed-2026-41",
      "until:settled", "shot:" + shot("result"),
      "tab-session", "shot:" + shot("session"), "tab-roster", "shot:" + shot("roster"),
      "tab-projector", "show-attendance", "until:settled", "shot:" + shot("projector"),
      "tab-export", "type:export-folder=" + out, "export-all", "verify", "backup", "until:settled", "shot:" + shot("export"), "quit"};
  std::string taps;
  for (const auto& s : steps) taps += (taps.empty() ? "" : ",") + s;
  const GuiRun r = run_under_xvfb(SCRUTIN_CLERK_BINARY,
                                  "--data " + room.server.data_dir + " --passphrase-file " + room.pass +
                                      " --size 1366x768 --check-layout --test-taps '" + taps + "'",
                                  1366, 768, 240);
  voters.join();
  EXPECT_EQ(r.status, 0) << r.errors;

  const Session s = room.session();
  for (const char* id : {"M01", "M02", "M03", "M04", "M05"}) EXPECT_TRUE(s.is_present(id)) << id;
  EXPECT_TRUE(s.excused().contains("M08"));
  ASSERT_TRUE(s.proxies().contains("M06"));
  EXPECT_EQ(s.proxies().at("M06").holder, "M01");
  ASSERT_NE(s.item("2026-41"), nullptr);
  EXPECT_EQ(s.item("2026-41")->title, "Budget primitif 2027 (modifié)");
  const Ballot* b = s.ballot("2026-41");
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(b->closed);
  EXPECT_EQ(b->mode, BallotMode::Nominal);
  EXPECT_EQ(b->casts.size(), 2u);
  EXPECT_EQ(b->voices.size(), 6u) << "five present and M06 through M01";
  EXPECT_EQ(b->tally.heads.not_taking_part, 4) << "the voices that had not voted when it closed";
  for (const char* f : {"extrait-2026-41.txt", "extrait-2026-41.pdf", "liste-des-deliberations.txt", "proces-verbal.txt", "seance.json"})
    EXPECT_TRUE(std::filesystem::exists(out + "/" + f)) << f;
  // The backup button: a whole, verified copy of the data folder beside the documents, up to the ballot's close.
  std::vector<std::string> backups;
  for (const auto& entry : std::filesystem::directory_iterator(out))
    if (entry.path().filename().string().starts_with("scrutin-backup-")) backups.push_back(entry.path());
  ASSERT_EQ(backups.size(), 1u);
  EXPECT_FALSE(backups[0].ends_with(".partial"));
  auto copy = backup::check_backup_folder(backups[0]);
  ASSERT_TRUE(copy) << copy.error();
  EXPECT_GE(copy->head_seq, room.session().events_applied()) << "everything recorded before the backup is in it";
  for (const char* name : {"attendance", "proxies", "agenda", "ballot", "confirm", "result", "session", "roster",
                           "projector", "export"}) {
    Image img;
    EXPECT_TRUE(img.load(shot(name))) << name;
    EXPECT_EQ(img.w, 1366);
    EXPECT_EQ(img.h, 768);
  }
  // The board showed both voters' names with their choice (nominal ballot): blue "pour", vermillion "contre".
  Image ballot;
  ASSERT_TRUE(ballot.load(shot("ballot")));
  EXPECT_GT(ballot.count(0, 114, 178), 150) << "Paul MARTIN — pour, in blue";
  EXPECT_GT(ballot.count(213, 94, 0), 150) << "Luc PETIT — contre, in vermillion";
}

TEST(LiveClerk, WithoutAPassphraseTheConsoleAsksForItAndAWrongOneIsRefused) {
  REQUIRE_XVFB();
  ClerkRoom room;
  std::filesystem::remove(shot("sign-in"));
  const std::string taps = "type:passphrase=not-the-passphrase,sign-in,shot:" + shot("sign-in-refused") +
                           ",type:passphrase=" + room.server.passphrase + ",sign-in,until:online,in-M07,until:settled,quit";
  const GuiRun r = run_under_xvfb(SCRUTIN_CLERK_BINARY, "--data " + room.server.data_dir + " --size 1366x768 --test-taps '" + taps + "'",
                                  1366, 768, 120);
  EXPECT_EQ(r.status, 0) << r.errors;
  EXPECT_TRUE(room.session().is_present("M07"));
}

}  // namespace
}  // namespace scrutin::testing
