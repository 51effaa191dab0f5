// Enrolment without typing, without a window: what the TXT record carries and
// accepts, the saved room, the lookup of a pinned server by its fingerprint,
// and what the enrolment screen says in each state, in French and English.
// (The Avahi daemon itself is not started here: see the README, "Discovery".)
#include <gtest/gtest.h>

#include "proto/protocol.hpp"

#include <filesystem>
#include <fstream>

#include "client/lib/discovery.hpp"
#include "proto/fingerprint.hpp"
#include "support/server_process.hpp"  // make_temp_dir
#include "tablet/room_config.hpp"
#include "tablet/tablet_model.hpp"

namespace scrutin {
namespace {

using gui::Lang;

const std::string kFp(64, 'a');
const std::string kOtherFp = std::string(63, 'b') + "c";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(DiscoveryTxt, WhatTheServerAnnouncesIsReadBackAndAnythingElseIsNotOurs) {
  const std::string v = "v=" + std::to_string(protocol::kVersion);
  const std::string other_v = "v=" + std::to_string(protocol::kVersion + 1);
  discovery::Announcement a;
  ASSERT_TRUE(discovery::read_txt(discovery::txt_record(kFp, "Conseil municipal de Lezoux"), a));
  EXPECT_EQ(a.fingerprint, kFp);
  EXPECT_EQ(a.body, "Conseil municipal de Lezoux");
  discovery::Announcement upper;
  ASSERT_TRUE(discovery::read_txt({v, "fp=" + std::string(64, 'A')}, upper));
  EXPECT_EQ(upper.fingerprint, std::string(64, 'a')) << "pinned in lowercase, as clients compare it";
  discovery::Announcement ignored;
  EXPECT_FALSE(discovery::read_txt({v}, ignored)) << "no fingerprint";
  EXPECT_FALSE(discovery::read_txt({v, "fp=" + std::string(63, 'a')}, ignored)) << "short fingerprint";
  EXPECT_FALSE(discovery::read_txt({v, "fp=" + std::string(63, 'a') + "z"}, ignored)) << "not hex";
  EXPECT_FALSE(discovery::read_txt({other_v, "fp=" + kFp}, ignored)) << "another protocol version";
  EXPECT_FALSE(discovery::read_txt({"fp=" + kFp}, ignored)) << "no version";
  const auto long_body = discovery::txt_record(kFp, std::string(400, 'x'));
  for (const auto& s : long_body) EXPECT_LE(s.size(), 255u) << "DNS-SD's limit per TXT string";
}

TEST(SavedRoom, SavedWholeReadBackForgottenAndABadFileIsRefused) {
  const std::string dir = testing::make_temp_dir();
  const std::string path = dir + "/sub/tablet.conf";
  auto none = tablet::load_room(path);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value()) << "no file: the tablet asks for the room";
  const tablet::SavedRoom room{"Scrutin (salle)", "Conseil communautaire", "192.168.1.20", 7443, kFp};
  ASSERT_TRUE(tablet::save_room(path, room).has_value());
  auto back = tablet::load_room(path);
  ASSERT_TRUE(back.has_value() && back->has_value());
  EXPECT_EQ(**back, room);
  EXPECT_FALSE(std::filesystem::exists(path + ".new")) << "the temporary file is renamed over";
  tablet::forget_room(path);
  auto gone = tablet::load_room(path);
  ASSERT_TRUE(gone.has_value());
  EXPECT_FALSE(gone->has_value());
  std::ofstream(path) << "host=10.0.0.1\nport=7443\nfingerprint=not-a-fingerprint\n";
  auto bad = tablet::load_room(path);
  ASSERT_FALSE(bad.has_value()) << "a fingerprint that is not one is never pinned";
  EXPECT_TRUE(has(bad.error(), "fingerprint"));
}

TEST(PinnedServer, FoundAgainByItsFingerprintWhereverItIsAnnouncedElseTheSavedAddress) {
  const std::string dir = testing::make_temp_dir();
  const std::string file = dir + "/announced";
  auto browser = client::browse_file(file);
  const client::Endpoint saved{"192.168.1.20", 7443, kFp};
  auto resolve = client::resolver_for(browser, saved);
  // Nothing announced: the saved address.
  auto e = resolve();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->host, "192.168.1.20");
  EXPECT_EQ(e->port, 7443);
  // Another server (another fingerprint) on the LAN is never taken for ours.
  std::ofstream(file) << "Scrutin (autre)\tAutre conseil\t192.168.1.99\t9000\t" << kOtherFp << "\n";
  e = resolve();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->host, "192.168.1.20");
  // Ours restarted on a new port, or restored on a second laptop: followed, still pinned.
  std::ofstream(file) << "Scrutin (autre)\tAutre conseil\t192.168.1.99\t9000\t" << kOtherFp << "\n"
                      << "Scrutin (secours)\tConseil\t192.168.1.30\t7500\t" << std::string(64, 'A') << "\n";
  e = resolve();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->host, "192.168.1.30");
  EXPECT_EQ(e->port, 7500);
  EXPECT_EQ(e->fingerprint, kFp);
  // Malformed lines are skipped, not half-read.
  std::ofstream(file) << "broken line\nScrutin (x)\t\t10.0.0.1\tnot-a-port\t" << kFp << "\n";
  EXPECT_TRUE(browser->found().empty());
  // No saved address and nothing announced: not known right now (the client retries).
  auto nothing = client::resolver_for(browser, client::Endpoint{"", 0, kFp});
  EXPECT_FALSE(nothing().has_value());
}

TEST(EnrolmentScreen, EveryStateHasItsSentenceInBothLanguages) {
  tablet::EnrolmentSnapshot e;
  EXPECT_TRUE(has(tablet::enrolment_sentence(e, Lang::Fr), "Recherche du serveur"));
  EXPECT_TRUE(has(tablet::enrolment_sentence(e, Lang::En), "Looking for"));
  e.searched_long = true;
  EXPECT_TRUE(has(tablet::enrolment_sentence(e, Lang::Fr), "Wi-Fi de la salle"));
  EXPECT_TRUE(has(tablet::enrolment_sentence(e, Lang::En), "room's Wi-Fi"));
  e.browsing = false;
  EXPECT_TRUE(has(tablet::enrolment_sentence(e, Lang::Fr), "appelez le secrétariat"));
  EXPECT_TRUE(has(tablet::enrolment_sentence(e, Lang::En), "call the clerk"));
  discovery::Announcement a{"Scrutin (salle)", "Conseil municipal", "192.168.1.20", 7443, kFp};
  e.found.push_back(a);
  EXPECT_TRUE(has(tablet::enrolment_sentence(e, Lang::Fr), "Touchez le serveur"));
  const std::string code = fingerprint_short_code(kFp);
  ASSERT_EQ(code.size(), 9u);
  EXPECT_TRUE(has(tablet::code_question(a, Lang::Fr), code));
  EXPECT_TRUE(has(tablet::code_question(a, Lang::En), code));
  EXPECT_TRUE(has(tablet::server_line(a, Lang::Fr), "Conseil municipal"));
  EXPECT_TRUE(has(tablet::server_line(a, Lang::Fr), "192.168.1.20:7443"));
  EXPECT_TRUE(has(tablet::server_line(a, Lang::Fr), code));
  a.body.clear();
  EXPECT_TRUE(has(tablet::server_line(a, Lang::En), "Scrutin (salle)")) << "the name when no body is announced";
  EXPECT_TRUE(has(tablet::code_mismatch_sentence(Lang::Fr), "n'est pas celui de la salle"));
  EXPECT_TRUE(has(tablet::code_mismatch_sentence(Lang::En), "not the room's"));
}

TEST(TakenOver, TheReleasedTabletSaysWhyInBothLanguages) {
  tablet::ViewState s;
  s.taken_over = true;
  s.last_update = "14:05:09";  // not "connection lost": it was let go on purpose
  EXPECT_TRUE(has(tablet::banner_sentence(s, Lang::Fr), "autre tablette"));
  EXPECT_TRUE(has(tablet::banner_sentence(s, Lang::En), "another tablet"));
  EXPECT_TRUE(has(gui::refusal_sentence("taken_over", Lang::Fr), "autre tablette"));
  EXPECT_TRUE(has(gui::refusal_sentence("too_many_changes", Lang::Fr), "trop souvent"));
}

}  // namespace
}  // namespace scrutin
