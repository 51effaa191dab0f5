// The clerk's console without a window: what each view lists and says, as
// functions of a real domain Session (driven by real commands) and a RoomView.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "clerk/clerk_model.hpp"
#include "clerk/pin_slips.hpp"
#include "clerk/roster_import.hpp"
#include "proto/fingerprint.hpp"

namespace scrutin::clerk {
namespace {

using gui::Lang;

// A council: T1..Tn titulars (T1 presides), S2 the substitute of T2.
struct Room {
  Feed feed;
  Millis now = 1'700'000'000'000;
  explicit Room(int n, RuleSet rules = french_council()) {
    SessionInfo info;
    info.body = "Conseil municipal";
    info.date = "2026-12-03";
    info.president = "T1";
    info.secretary = "T3";
    info.seats = n;
    ok(cmd::ConfigureSession{info, rules});
    std::vector<Member> members;
    const char* names[] = {"Benoît CHAMBON", "Éloïse MARTIN", "Luc PETIT", "Anne ROUX", "Yves ANDRÉ", "Nora BENALI",
                           "Iris MOREL", "Paul BERNARD", "Zoé LEROY", "Marc FAURE", "Inès DUVAL", "Hugo COLIN"};
    for (int i = 1; i <= n; ++i)
      members.push_back(Member{"T" + std::to_string(i), names[(i - 1) % 12], i % 2 ? "Majorité" : "Opposition",
                               MemberKind::Titular, "", 1, ""});
    members.push_back(Member{"S2", "Sami SUPPLÉANT", "Opposition", MemberKind::Substitute, "T2", 1, ""});
    ok(cmd::ImportRoster{members});
    ok(cmd::AddItem{Item{"A", "Budget primitif", "T1", "", "Exposé.", "Adopte le budget.", "DE", "7.1", ""}});
    ok(cmd::AddItem{Item{"B", "Voirie", "", "", "", "Approuve.", "DE", "", ""}});
  }
  void ok(const Command& c) {
    auto r = feed.session.execute(c, now += 60'000);
    ASSERT_TRUE(r) << r.error().message;
  }
};

TEST(ClerkAttendance, SearchIgnoresCaseAndAccents) {
  EXPECT_TRUE(matches("Benoît CHAMBON", "benoit"));
  EXPECT_TRUE(matches("Benoît CHAMBON", "chamb"));
  EXPECT_TRUE(matches("Éloïse MARTIN", "eloise"));
  EXPECT_FALSE(matches("Luc PETIT", "martin"));
  EXPECT_EQ(folded("ÉÈÊ Ç"), "eee c");
}

TEST(ClerkAttendance, RowsSayPresenceProxyHolderSubstituteAndTablet) {
  for (int n : {5, 9, 12}) {
    Room r(n);
    r.ok(cmd::CheckIn{"T1"});
    r.ok(cmd::CheckIn{"S2"});  // sits for T2
    r.ok(cmd::RegisterProxy{Proxy{"T4", "T1", 1}});
    r.ok(cmd::ExcuseAbsence{"T5"});
    r.feed.room.add_online_members("T1");
    const auto rows = attendance_rows(r.feed, "", Lang::Fr);
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(n + 1));
    auto row = [&](const std::string& id) {
      for (const auto& x : rows)
        if (x.id == id) return x;
      ADD_FAILURE() << id;
      return AttendanceRow{};
    };
    EXPECT_EQ(row("T1").status, "présent");
    EXPECT_TRUE(row("T1").tablet_online);
    EXPECT_FALSE(row("T3").tablet_online);
    EXPECT_TRUE(row("T1").times.starts_with("arrivé ")) << row("T1").times;
    EXPECT_EQ(row("T4").status, "représenté par Benoît CHAMBON");
    EXPECT_EQ(row("T5").status, "excusé");
    EXPECT_EQ(row("T3").status, "absent");
    EXPECT_EQ(row("S2").titular, "suppléant de Éloïse MARTIN");
    EXPECT_EQ(row("S2").status, "présent");
    EXPECT_EQ(attendance_rows(r.feed, "martin", Lang::Fr).size(), 1u);
    EXPECT_EQ(attendance_rows(r.feed, "", Lang::En)[0].status, "present");
    // Departure: the time of leaving is shown.
    r.ok(cmd::CheckOut{"T1"});
    EXPECT_NE(attendance_rows(r.feed, "T1", Lang::Fr)[0].times.find("parti "), std::string::npos);
  }
}

TEST(ClerkAttendance, QuorumLineIsLive) {
  Room r(9);
  EXPECT_EQ(quorum_line(r.feed.session, Lang::Fr), "Quorum : 0 présents sur 9 en exercice, 5 requis — NON ATTEINT");
  for (const char* id : {"T1", "T2", "T3", "T4", "T5"}) r.ok(cmd::CheckIn{id});
  EXPECT_EQ(quorum_line(r.feed.session, Lang::Fr), "Quorum : 5 présents sur 9 en exercice, 5 requis — atteint");
  EXPECT_TRUE(quorum_met(r.feed.session));
  Room g(12, french_council_2020_2022());
  for (const char* id : {"T1", "T2", "T3", "T4"}) g.ok(cmd::CheckIn{id});
  EXPECT_EQ(quorum_line(g.feed.session, Lang::En), "Quorum: 4 present of 12 in office, 4 required — met");
}

TEST(ClerkBallot, BoardAndCloseConfirmationNameWhoHasNotVoted) {
  for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret}) {
    Room r(7);
    for (const char* id : {"T1", "T2", "T3", "T4", "T5"}) r.ok(cmd::CheckIn{id});
    r.ok(cmd::RegisterProxy{Proxy{"T6", "T1", 1}});
    r.ok(cmd::DeclareConflict{"A", "T5"});
    r.ok(cmd::OpenBallot{"A", mode, true, std::nullopt});
    r.ok(cmd::CastVote{"A", "T2", "T2", Choice::Contre, false});
    r.ok(cmd::CastVote{"A", "T6", "T1", Choice::Pour, false});
    const auto board = client::voice_board(r.feed.session, "A");
    ASSERT_TRUE(board);
    ASSERT_EQ(board->voted.size(), 2u);
    std::vector<std::string> voted;
    for (const auto& l : board->voted) voted.push_back(voice_line(r.feed.session, l, board->secret, Lang::Fr));
    if (mode == BallotMode::Secret) {
      EXPECT_EQ(voted[0], "Éloïse MARTIN");
      EXPECT_EQ(voted[1], "Nora BENALI (pouvoir à Benoît CHAMBON)");
    } else {
      EXPECT_EQ(voted[0], "Éloïse MARTIN — contre");
      EXPECT_EQ(voted[1], "Nora BENALI (pouvoir à Benoît CHAMBON) — pour");
    }
    const auto lines = close_confirmation(r.feed.session, "A", Lang::Fr);
    ASSERT_EQ(lines.size(), 4u) << "the sentence, then T1, T3, T4";
    EXPECT_EQ(lines[0], "3 voix n'ont pas voté : elles compteront comme ne prenant pas part au vote.");
    EXPECT_EQ(lines[1], "• Benoît CHAMBON");
    EXPECT_EQ(lines[3], "• Anne ROUX");
    EXPECT_EQ(board->not_taking_part, std::vector<MemberId>{"T5"});
    for (const char* id : {"T1", "T3", "T4"}) r.ok(cmd::CastVote{"A", id, id, Choice::Pour, false});
    EXPECT_EQ(close_confirmation(r.feed.session, "A", Lang::Fr), std::vector<std::string>{"Toutes les voix ont voté."});
    EXPECT_TRUE(result_as_recorded(r.feed.session, r.feed.journal, "A").empty()) << "not closed yet";
    r.ok(cmd::CloseBallot{"A"});
    const std::string result = result_as_recorded(r.feed.session, r.feed.journal, "A");
    EXPECT_TRUE(result.starts_with("Mode de scrutin")) << result;
    EXPECT_NE(result.find("4 pour sur 5 exprimés"), std::string::npos) << result;
    EXPECT_EQ(ballot_item(r.feed.session), "A");
  }
}

TEST(ClerkSession, MissingFieldsAreFlaggedOneByOne) {
  SessionInfo info;
  info.body = "Conseil municipal";
  info.date = "2026-12-03";
  const auto missing = missing_session_fields(info);
  for (const char* f : {"body_name", "siren", "siret", "department", "convocation_date", "president", "secretary"})
    EXPECT_TRUE(missing.contains(f)) << f;
  EXPECT_FALSE(missing.contains("body"));
  info.siren = "12345678";  // eight digits: still missing
  EXPECT_TRUE(missing_session_fields(info).contains("siren"));
  info.siren = "200070712";
  info.body_name = "Commune de Vic";
  info.siret = "20007071200010";
  info.department = "063";
  info.convocation_date = "2026-11-27";
  info.president = "T1";
  info.secretary = "T2";
  EXPECT_TRUE(missing_session_fields(info).empty());
  EXPECT_TRUE(missing_summary(info, Lang::Fr).empty());
}

TEST(ClerkAgenda, ItemsAreEditableUntilVotedAndRemovableUntilPutToTheVote) {
  Room r(5);
  for (const char* id : {"T1", "T2", "T3"}) r.ok(cmd::CheckIn{id});
  EXPECT_TRUE(item_editable(r.feed.session, "A"));
  EXPECT_EQ(item_state_word(r.feed.session, "A", Lang::Fr), "à venir");
  r.ok(cmd::OpenBallot{"A", BallotMode::Public, true, std::nullopt});
  EXPECT_FALSE(item_editable(r.feed.session, "A"));
  EXPECT_EQ(item_state_word(r.feed.session, "A", Lang::Fr), "vote en cours");
  r.ok(cmd::CancelBallot{"A", "erreur"});
  EXPECT_TRUE(item_editable(r.feed.session, "A"));
  EXPECT_FALSE(item_removable(r.feed.session, "A"));
  EXPECT_EQ(item_state_word(r.feed.session, "A", Lang::En), "ballot cancelled");
  EXPECT_TRUE(item_removable(r.feed.session, "B"));
}

TEST(ClerkProxies, ReasonsAreWorded) {
  Room r(6);
  r.ok(cmd::CheckIn{"T1"});
  r.ok(cmd::RegisterProxy{Proxy{"T4", "T1", 1}});
  r.ok(cmd::RegisterProxy{Proxy{"T5", "T2", 1}});  // T2 away
  const auto lines = client::proxy_lines(r.feed.session);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(proxy_state_sentence(lines[0].state, Lang::Fr), "exercé");
  EXPECT_EQ(proxy_state_sentence(lines[1].state, Lang::Fr), "non exercé : le mandataire est absent");
  r.ok(cmd::DeclareConflict{"A", "T1"});
  EXPECT_EQ(proxy_state_sentence(client::proxy_lines(r.feed.session)[0].state, Lang::Fr),
            "non exercé : intérêt déclaré sur le point");
}

TEST(ClerkRefusals, FrenchScreensNeverShowTheServersEnglish) {
  pb::Refused r;
  r.set_kind(pb::DOMAIN_REFUSED);
  r.set_code(pb::CODE_PROXY_LIMIT);
  r.set_message("Paul MARTIN already holds 1 proxy, the limit under the rules");
  EXPECT_EQ(refusal_sentence(r, Lang::Fr), "Ce mandataire détient déjà le nombre maximal de pouvoirs permis par les règles.");
  // The corrections' own sentences are the domain's French.
  r.set_code(pb::CODE_MEMBER_TOOK_PART);
  r.set_message("Anne ROUX a pris part à un scrutin : il reste dans la liste.");
  EXPECT_EQ(refusal_sentence(r, Lang::Fr), r.message());
  EXPECT_EQ(refusal_sentence(r, Lang::En), "This member took part in a ballot: he can be corrected, not removed.");
  // Every domain code has a sentence in both languages that is not the general one.
  for (int code = pb::CODE_NOT_CONFIGURED; code <= pb::CODE_INTERESTED; ++code) {
    r.set_code(static_cast<pb::RefusalCode>(code));
    r.set_message("English text");
    EXPECT_EQ(refusal_sentence(r, Lang::Fr).find("English"), std::string::npos) << code;
    EXPECT_EQ(refusal_sentence(r, Lang::Fr).find("appelez le secrétariat"), std::string::npos) << code;
  }
}

TEST(ClerkRoster, PreviewNamesEveryBadLineInFrench) {
  Room r(3);
  // Excel in French: ';' and Windows-1252 ("é" as 0xE9).
  const std::string latin1 = "identifiant;nom;groupe;type;suppléant_de;poids\r\n"
                             "N1;Ren\xE9 FAURE;Centre;titulaire;;1\r\n"
                             "N2;;Centre;titulaire;;1\r\n"
                             "T1;Doublon;Centre;titulaire;;1\r\n"
                             "N4;Suppl\xE9" "ant;Centre;suppl\xE9" "ant;NOBODY;1\r\n"
                             "N5;Poids;Centre;titulaire;;-3\r\n"
                             "N1;Encore;Centre;titulaire;;1\r\n";
  const RosterPreview p = preview_roster(latin1, r.feed.session);
  ASSERT_FALSE(p.members.empty());
  EXPECT_EQ(p.members.front().name, "René FAURE") << "converted to UTF-8";
  ASSERT_EQ(p.errors.size(), 5u) << ::testing::PrintToString(p.errors);
  EXPECT_TRUE(p.errors[0].starts_with("Ligne 3 : ")) << p.errors[0];
  EXPECT_NE(p.errors[1].find("Ligne 4 : l'identifiant T1 est déjà dans la liste (Benoît CHAMBON)"), std::string::npos) << p.errors[1];
  EXPECT_TRUE(p.errors[2].starts_with("Ligne 6 : ")) << p.errors[2];
  EXPECT_NE(p.errors[3].find("Ligne 7 : l'identifiant N1 figure déjà ligne 2"), std::string::npos) << p.errors[3];
  EXPECT_NE(p.errors[4].find("Ligne 5 : le suppléant"), std::string::npos) << p.errors[4];
  // A clean file with ',' in UTF-8.
  const RosterPreview clean = preview_roster("id,name,group,kind,substitute_of,weight\nN1,René FAURE,Centre,titular,,1\n"
                                             "N2,Léa VIDAL,Centre,substitute,N1,1\n",
                                             r.feed.session);
  EXPECT_TRUE(clean.errors.empty()) << ::testing::PrintToString(clean.errors);
  ASSERT_EQ(clean.members.size(), 2u);
  EXPECT_EQ(clean.members[1].substitute_of, "N1");
}

TEST(ClerkBackup, SaysWhatWasWrittenAndWhyNotInTheConsolesLanguage) {
  backup::Report r;
  r.folder = "/media/cle/scrutin-backup-20261126-140000";
  r.files = {{"journal.sqlite", 8192}, {"cert.pem", 600}, {"key.pem", 240}, {"clerk.hash", 90}, {"display.token", 64}};
  r.entries = 42;
  r.head_seq = 42;
  r.live_seq = 44;
  r.fingerprint = "3b5c2a7d9e0f11223344556677889900aabbccddeeff00112233445566778899";
  const auto fr = backup_lines(r, Lang::Fr);
  ASSERT_EQ(fr.size(), 5u) << ::testing::PrintToString(fr);
  EXPECT_EQ(fr[0], "Sauvegarde écrite dans ce dossier, sous le nom " + std::filesystem::path(r.folder).filename().string());
  EXPECT_NE(fr[1].find("42 entrées"), std::string::npos) << fr[1];
  EXPECT_NE(fr[2].find(fingerprint_short_code(r.fingerprint)), std::string::npos) << fr[2];
  EXPECT_NE(fr[3].find("5 fichiers"), std::string::npos) << fr[3];
  EXPECT_NE(fr[4].find("n° 44"), std::string::npos) << "the server went on after the copy";
  r.live_seq = 42;
  EXPECT_EQ(backup_lines(r, Lang::En).size(), 4u) << "nothing to add when the copy is the live head";
  EXPECT_EQ(backup_lines(r, Lang::En)[0], "Backup written to this folder, as " + std::filesystem::path(r.folder).filename().string());

  // The library's real refusals, each told in French without its English.
  const std::string empty = std::filesystem::temp_directory_path() / ("clerk-backup-" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty);
  auto not_data = backup::backup_data_folder(empty, empty + "/out");
  ASSERT_FALSE(not_data);
  EXPECT_EQ(not_data.error().code, client::Code::NotDataFolder) << not_data.error();
  const std::string said = backup_failure(not_data.error(), empty, empty + "/out", Lang::Fr);
  EXPECT_TRUE(said.starts_with("Sauvegarde non faite : " + empty + " n'est pas le dossier des données")) << said;
  EXPECT_EQ(said.find("not a"), std::string::npos) << said;
  // Told by the code, whatever the English sentence says.
  using client::Code;
  EXPECT_NE(backup_failure(client::error(Code::Io, "cannot write /media/cle/x: No space left on device"), empty,
                           "/media/cle", Lang::Fr)
                .find("l'écriture dans /media/cle a échoué"),
            std::string::npos);
  EXPECT_NE(backup_failure(client::error(Code::Destination, "anything"), empty, "/media/cle", Lang::Fr)
                .find("le dossier /media/cle ne peut pas recevoir la sauvegarde"),
            std::string::npos);
  EXPECT_NE(backup_failure(client::error(Code::Access, "anything"), "/var/lib/scrutin", "/media/cle", Lang::En)
                .find("must be in the group scrutin"),
            std::string::npos);
  EXPECT_NE(backup_failure(client::error(Code::JournalInvalid, "anything"), empty, "/media/cle", Lang::En)
                .find("the copy does not verify"),
            std::string::npos);
  EXPECT_NE(backup_failure(client::error(Code::Journal, "something new"), empty, "/media/cle", Lang::En)
                .find("Backup not made: the journal could not be copied"),
            std::string::npos);
  std::filesystem::remove_all(empty);
}

TEST(ClerkRoster, PinSlipsCarryNamePinServerAndShortCode) {
  const std::string fp = "3b5c2a7d9e0f11223344556677889900aabbccddeeff00112233445566778899";
  EXPECT_EQ(connection_uri("192.168.1.10:7443", fp, "M03"), "scrutin://192.168.1.10:7443?fp=" + fp + "&member=M03");
  const std::string dir = std::filesystem::temp_directory_path() / ("clerk-slips-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string pdf = dir + "/fiches.pdf";
  std::vector<Slip> slips;
  for (int i = 1; i <= 9; ++i) slips.push_back({"M0" + std::to_string(i), "Élu n°" + std::to_string(i), "12345" + std::to_string(i)});
  ASSERT_TRUE(write_pin_slips(pdf, slips, "192.168.1.10:7443", fp, "Commune de Vic"));
  const std::string txt = dir + "/fiches.txt";
  ASSERT_EQ(std::system(("pdftotext -layout " + pdf + " " + txt).c_str()), 0);
  std::ifstream in(txt);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& s : slips) {
    EXPECT_NE(text.find(s.name), std::string::npos) << s.name;
    EXPECT_NE(text.find(s.pin), std::string::npos) << s.pin;
  }
  EXPECT_NE(text.find(fingerprint_short_code(fp)), std::string::npos);
  EXPECT_NE(text.find("192.168.1.10:7443"), std::string::npos);
  EXPECT_NE(text.find("\f"), std::string::npos) << "nine cards: two pages";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace scrutin::clerk
