// The record through scrutinctl and the real server: the prefecture's dates
// recorded by `export dates` reach every export made from the server (PDF
// included); documents missing a mandatory field are refused with the list,
// or made as drafts marked "PROJET"; `session configure` checks --time and
// --body-gender.
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "client/record/record.hpp"
#include "room.hpp"
#include "support/text.hpp"

namespace scrutin::testing {
namespace {

std::string run_shell(const std::string& command) { return text::shell_output(command); }

// pdftotext's words on one line (no-break spaces as spaces).
std::string pdf_words(const std::string& pdf, int page = 0) {
  const std::string pages = page ? fmt::format("-f {} -l {} ", page, page) : "";
  std::string s = run_shell("pdftotext " + pages + "-enc UTF-8 '" + pdf + "' -");
  return text::one_line_of_words(std::move(s));
}

// A small sitting closed by the clerk: five members (hyphenated names), one
// item, every vote entered by the clerk. `configure` is the session's flags.
void small_sitting(Room& room, const std::vector<std::string>& configure, const std::string& decision) {
  const std::string roster = room.work + "/roster.csv";
  std::ofstream(roster) << "id,name\nA1,Jean-Pierre DUBOIS\nA2,Marie-Claire FONTAINE-DURAND\nA3,Paul MARTIN\n"
                           "A4,Anne-Sophie LEROY\nA5,Luc BERNARD\n";
  std::vector<std::string> args{"session", "configure"};
  args.insert(args.end(), configure.begin(), configure.end());
  room.ctl.ok(args);
  room.ctl.ok({"roster", "import", roster, "--pins-out", room.work + "/pins.csv"});
  room.ctl.ok({"checkin", "A1", "A2", "A3", "A4", "A5"});
  std::vector<std::string> item{"item", "add", "--id", "2026-07", "--title", "Subvention au comité des fêtes", "--rapporteur", "A2"};
  if (!decision.empty()) item.insert(item.end(), {"--decision", decision});
  room.ctl.ok(item);
  room.ctl.ok({"ballot", "open", "2026-07"});
  for (const char* m : {"A1", "A2", "A3", "A4", "A5"}) room.ctl.ok({"clerk-vote", "2026-07", m, "pour"});
  room.ctl.ok({"ballot", "close", "2026-07"});
}

const std::vector<std::string> kComplete = {
    "--body", "Commission permanente", "--body-name", "Région Auvergne-Rhône-Alpes", "--siren", "200053767", "--siret",
    "20005376700014", "--department", "069", "--date", "2026-12-03", "--time", "9h05", "--convocation-date", "2026-11-25",
    "--president", "A1", "--president-title", "Président", "--secretary", "A3", "--rules", "french"};

TEST(RecordThroughScrutinctl, PrefectureDatesAreJournalledAndReachTheServersPdf) {
  Room room;
  small_sitting(room, kComplete, "Attribue une subvention de 500 € ;\\nCharge le Président de l'exécution.");
  auto& ctl = room.ctl;

  const std::string recorded = ctl.ok({"export", "dates", "--item", "2026-07", "--received", "2026-12-10", "--published", "2026-12-11"});
  EXPECT_NE(recorded.find("prefecture dates of 2026-07 recorded"), std::string::npos) << recorded;
  EXPECT_NE(recorded.find("journal seq"), std::string::npos) << recorded;
  EXPECT_NE(ctl.ok({"export", "dates", "--item", "2026-07", "--received", "2026-12-10"}).find("already recorded"),
            std::string::npos);

  // The PDF made from the server (no --from): the dates in its stamp box.
  const std::string pdf = room.work + "/extract.pdf";
  ctl.ok({"export", "pdf", "--item", "2026-07", "--out", pdf});
  const std::string t = pdf_words(pdf);
  EXPECT_NE(t.find("Reçu en préfecture le 10/12/2026"), std::string::npos) << t;
  EXPECT_NE(t.find("Publié le 11/12/2026"), std::string::npos) << t;
  // ... and every other export from the server.
  const std::string text = ctl.ok({"export", "text", "--item", "2026-07"});
  EXPECT_NE(text.find("Reçu en préfecture le 10/12/2026\nPublié le 11/12/2026"), std::string::npos) << text;
  EXPECT_NE(ctl.ok({"export", "csv"}).find(",2026-12-10,"), std::string::npos);
  const std::string json_file = room.work + "/session.json";
  ctl.ok({"export", "json", "--out", json_file});
  auto json = record::from_json(slurp(json_file));
  ASSERT_TRUE(json) << json.error();
  EXPECT_EQ(json->deliberations(0).prefecture_received(), "2026-12-10");
  EXPECT_EQ(json->deliberations(0).published(), "2026-12-11");
  // The JSON re-renders the same PDF text, without the server.
  const std::string offline = room.work + "/offline.pdf";
  ASSERT_EQ(run_process(SCRUTINCTL_PATH, {"export", "pdf", "--from", json_file, "--out", offline}).status, 0);
  EXPECT_EQ(pdf_words(offline), t);
  // verify: the journal and the export agree.
  auto verified = run_process(SCRUTINCTL_PATH, {"verify", "--journal", room.server.data_dir + "/journal.sqlite", "--against", json_file});
  EXPECT_EQ(verified.status, 0) << verified.err;

  // The wording and the time, from the server too.
  EXPECT_NE(text.find("La Commission permanente de la Région Auvergne-Rhône-Alpes s'est réunie le 3 décembre 2026 à 9h05"),
            std::string::npos) << text;
  EXPECT_NE(text.find("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DE LA COMMISSION PERMANENTE"), std::string::npos);
  EXPECT_NE(text.find("COMMISSION PERMANENTE DU 3 DÉCEMBRE 2026 à 9H05"), std::string::npos);
  EXPECT_GE(std::atoi(run_shell("pdftotext -enc UTF-8 '" + pdf + "' - | grep -c -F 'Jean-Pierre DUBOIS'").c_str()), 1);
  EXPECT_GE(std::atoi(run_shell("pdftotext -enc UTF-8 '" + pdf + "' - | grep -c -F 'Marie-Claire FONTAINE-DURAND'").c_str()), 1);

  // Refusals.
  auto early = ctl.run({"export", "dates", "--item", "2026-07", "--received", "2026-11-01"});
  EXPECT_EQ(early.status, 1);
  EXPECT_NE(early.err.find("before the sitting"), std::string::npos) << early.err;
  auto unknown = ctl.run({"export", "dates", "--item", "2099-1", "--received", "2026-12-10"});
  EXPECT_EQ(unknown.status, 1);
  EXPECT_EQ(ctl.run({"export", "dates", "--item", "2026-07", "--received", "2026-12-10", "--out", room.work + "/x.json"}).status, 2);
  EXPECT_EQ(ctl.run({"export", "dates", "--item", "2026-07", "--received", "10/12/2026"}).status, 2);

  // --from dates an export file only, and says so.
  const std::string dated = room.work + "/dated.json";
  auto from = run_process(SCRUTINCTL_PATH, {"export", "dates", "--from", json_file, "--item", "2026-07", "--published",
                                            "2026-12-20", "--out", dated});
  EXPECT_EQ(from.status, 0) << from.err;
  EXPECT_NE(from.out.find("journal does not have them"), std::string::npos) << from.out;
  auto redated = record::from_json(slurp(dated));
  ASSERT_TRUE(redated);
  EXPECT_EQ(redated->deliberations(0).published(), "2026-12-20");
  EXPECT_EQ(redated->deliberations(0).prefecture_received(), "2026-12-10");
}

TEST(RecordThroughScrutinctl, MissingMandatoryFieldsRefuseEveryDocumentUnlessDraft) {
  Room room;
  // No SIREN, no department, no convocation date; the item has no decision.
  small_sitting(room, {"--body", "Assemblée générale", "--body-name", "Association des Amis du vieux Thiers", "--date",
                       "2026-12-03", "--time", "18:00", "--president", "A1", "--secretary", "A3", "--rules", "assembly"},
                "");
  auto& ctl = room.ctl;
  const std::string pdf = room.work + "/draft.pdf";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"export", "text"}, {"export", "text", "--item", "2026-07"}, {"export", "list"},
        {"export", "minutes"}, {"export", "pdf", "--item", "2026-07", "--out", pdf}, {"export", "csv"}}) {
    auto r = ctl.run(args);
    EXPECT_EQ(r.status, 1) << fmt::format("{}", fmt::join(args, " "));
    EXPECT_TRUE(r.out.empty()) << r.out;
    for (const char* said : {"Document refusé : il manque", "le SIREN de la collectivité", "le département",
                             "la date de la convocation", "le texte de la décision du point 2026-07"})
      EXPECT_NE(r.err.find(said), std::string::npos) << fmt::format("{}", fmt::join(args, " ")) << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one sentence: " << r.err;
  }
  EXPECT_NE(ctl.run({"export", "csv"}).err.find("SIRET"), std::string::npos);
  EXPECT_EQ(ctl.run({"export", "csv"}).err.find("--draft"), std::string::npos) << "open data is never a draft";
  EXPECT_EQ(ctl.run({"export", "csv", "--draft"}).status, 2);

  // Drafts: made, and marked.
  const std::string text = ctl.ok({"export", "text", "--draft"});
  EXPECT_TRUE(text.starts_with("PROJET — document de travail")) << text;
  EXPECT_NE(text.find("L'Assemblée générale de l'Association des Amis du vieux Thiers s'est réunie le 3 décembre 2026 à 18h00"),
            std::string::npos) << text;
  EXPECT_TRUE(ctl.ok({"export", "list", "--draft"}).starts_with("PROJET"));
  EXPECT_TRUE(ctl.ok({"export", "minutes", "--draft"}).starts_with("PROJET"));
  EXPECT_NE(ctl.ok({"export", "pdf", "--item", "2026-07", "--out", pdf, "--draft"}).find("PROJET"), std::string::npos);
  const std::string first = pdf_words(pdf, 1);
  EXPECT_NE(first.find("PROJET"), std::string::npos) << first;
  EXPECT_NE(first.find("DE L'ASSEMBLÉE GÉNÉRALE"), std::string::npos) << first;
  EXPECT_EQ(first.find("DU ASSEMBLÉE"), std::string::npos) << first;

  // The JSON is the data, not a document: written, with a note.
  const std::string exported = ctl.ok({"export", "json", "--out", room.work + "/s.json"});
  EXPECT_NE(exported.find("4 missing"), std::string::npos) << exported;
}

TEST(RecordThroughScrutinctl, ConfigureChecksTimeAndBodyGender) {
  Room room;
  auto& ctl = room.ctl;
  auto bad_time = ctl.run({"session", "configure", "--body", "Conseil", "--date", "2026-12-03", "--time", "25:00"});
  EXPECT_EQ(bad_time.status, 2);
  EXPECT_NE(bad_time.err.find("--time 25:00"), std::string::npos) << bad_time.err;
  auto bad_gender = ctl.run({"session", "configure", "--body", "Conseil", "--date", "2026-12-03", "--body-gender", "x"});
  EXPECT_EQ(bad_gender.status, 2);
  EXPECT_NE(bad_gender.err.find("--body-gender x"), std::string::npos) << bad_gender.err;
  ctl.ok({"session", "configure", "--body", "Agora citoyenne", "--date", "2026-12-03", "--time", "18h", "--body-gender", "f"});
  const std::string json_file = room.work + "/c.json";
  ctl.ok({"export", "json", "--out", json_file});
  const std::string json = slurp(json_file);
  EXPECT_NE(json.find("\"bodyGender\": \"f\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"time\": \"18:00\""), std::string::npos) << json;
}

}  // namespace
}  // namespace scrutin::testing
