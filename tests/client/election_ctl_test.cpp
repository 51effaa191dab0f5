// An election of persons end to end through scrutinctl against the real
// server: candidates, three rounds (each its own ballot and attendance), votes
// from delegates, a paper ballot judged spoilt entered by the clerk, a
// withdrawal between rounds, the oldest elected at equal votes in the third
// round; then the record (extract, list, minutes, SCDL, JSON) and the journal,
// where no event links a voice to its ballot.
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "client/record/record.hpp"
#include "proto/convert.hpp"
#include "room.hpp"

namespace scrutin::testing {
namespace {

struct Person {
  std::string id, name, born;
};

const std::vector<std::string> kSession = {
    "--body", "Conseil municipal", "--body-name", "Commune de Saint-Exemple", "--siren", "216300001", "--siret",
    "21630000100017", "--department", "063", "--date", "2026-03-20", "--time", "20:00", "--convocation-date",
    "2026-03-14", "--president", "M01", "--secretary", "M02", "--rules", "french", "--seats", "11"};

TEST(ElectionThroughScrutinctl, ThreeRoundsThenTheOldestIsProclaimed) {
  Room room;
  auto& ctl = room.ctl;
  // Eleven councillors; M05 (born 1951) is older than M03 (born 1964).
  const std::vector<Person> people{
      {"M01", "Henri DOYEN", "1948-02-11"},   {"M02", "Claire VALLET", "1979-05-03"}, {"M03", "Julien ROCHE", "1964-09-30"},
      {"M04", "Sophie LANG", "1985-01-17"},   {"M05", "Agnès MOREL", "1951-12-02"},   {"M06", "Karim BENALI", "1990-07-21"},
      {"M07", "Lucie PERRIN", "1972-03-08"},  {"M08", "Marc FAURE", "1969-10-14"},    {"M09", "Nadia COLIN", "1982-06-25"},
      {"M10", "Pierre GIRAUD", "1958-04-04"}, {"M11", "Émilie BRUN", "1995-11-29"}};
  const std::string roster = room.work + "/roster.csv";
  {
    std::ofstream csv(roster);
    csv << "id,name,group,kind,substitute_of,weight,birth_date\n";
    for (const Person& p : people) csv << fmt::format("{},{},,titular,,1,{}\n", p.id, p.name, p.born);
  }
  std::vector<std::string> configure{"session", "configure"};
  configure.insert(configure.end(), kSession.begin(), kSession.end());
  ctl.ok(configure);
  ctl.ok({"roster", "import", roster, "--pins-out", room.work + "/pins.csv"});
  const auto pins = read_pins(room.work + "/pins.csv");
  ASSERT_EQ(pins.size(), 11u);
  ctl.ok({"checkin", "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09"});  // 9 of 11
  ctl.ok({"excuse", "M11"});
  ctl.ok({"proxy", "add", "M11", "M02"});  // M11 gives power to M02

  const std::string added = ctl.ok({"election", "add", "--id", "2026-01", "--title", "Élection du maire", "--seats", "1"});
  EXPECT_NE(added.find("L2122-7"), std::string::npos) << added;
  for (const char* c : {"M03", "M05", "M07"}) ctl.ok({"election", "candidate", "2026-01", c});
  // The mayor is elected by secret ballot, always.
  auto public_round = ctl.run({"election", "open", "2026-01", "--mode", "public"});
  EXPECT_EQ(public_round.status, 1);
  EXPECT_NE(public_round.err.find("secret"), std::string::npos) << public_round.err;

  auto vote = [&](const std::string& voice, const std::string& by, std::vector<std::string> paper) {
    std::vector<std::string> args{"election", "vote", "2026-01", voice};
    args.insert(args.end(), paper.begin(), paper.end());
    args.insert(args.end(), {"--member", by, "--pin", pins.at(by)});
    return ctl.ok(args);
  };

  // ---- Round 1: 10 voters (9 present, 1 represented); M03 4, M05 3, M07 2, blank 1.
  const std::string open1 = ctl.ok({"election", "open", "2026-01"});
  EXPECT_NE(open1.find("round 1 open"), std::string::npos) << open1;
  EXPECT_NE(open1.find("10 voters"), std::string::npos) << open1;
  for (const char* v : {"M01", "M03", "M04", "M06"}) vote(v, v, {"M03"});
  for (const char* v : {"M05", "M07", "M08"}) vote(v, v, {"M05"});
  vote("M09", "M09", {"M07"});
  vote("M11", "M02", {"M07"});  // the proxy held by M02
  vote("M02", "M02", {"blanc"});
  EXPECT_EQ(ctl.run({"election", "vote", "2026-01", "M02", "M03", "--member", "M02", "--pin", pins.at("M02")}).status, 1)
      << "a secret ballot cannot be changed";
  // Arrives during round 1: votes from round 2 on.
  ctl.ok({"checkin", "M10"});
  EXPECT_EQ(ctl.run({"election", "vote", "2026-01", "M10", "M03", "--member", "M10", "--pin", pins.at("M10")}).status, 1);
  const std::string close1 = ctl.ok({"election", "close", "2026-01"});
  EXPECT_NE(close1.find("round 1: voters 10, ballots cast 10, blank 1, spoilt 0, expressed 9, absolute majority 5"),
            std::string::npos) << close1;
  EXPECT_NE(close1.find("round 2 needed, at absolute majority"), std::string::npos) << close1;
  EXPECT_EQ(close1.find("elected:"), std::string::npos) << close1;

  // ---- Between rounds: M07 withdraws.
  EXPECT_EQ(ctl.run({"election", "withdraw", "2026-01", "M04"}).status, 1) << "not a candidate";
  ctl.ok({"election", "withdraw", "2026-01", "M07"});

  // ---- Round 2: 11 voters (M10 arrived); M03 5, M05 5, blank 0, one paper ballot judged spoilt.
  const std::string open2 = ctl.ok({"election", "open", "2026-01"});
  EXPECT_NE(open2.find("round 2 open"), std::string::npos) << open2;
  EXPECT_NE(open2.find("11 voters"), std::string::npos) << open2;
  EXPECT_EQ(open2.find("M07"), std::string::npos) << "withdrawn: " << open2;
  auto withdrawn = ctl.run({"election", "vote", "2026-01", "M09", "M07", "--member", "M09", "--pin", pins.at("M09")});
  EXPECT_EQ(withdrawn.status, 1);
  EXPECT_NE(withdrawn.err.find("not a candidate"), std::string::npos) << withdrawn.err;
  EXPECT_EQ(ctl.run({"election", "vote", "2026-01", "M09", "nul", "--member", "M09", "--pin", pins.at("M09")}).status, 2)
      << "a delegate cannot cast a spoilt ballot";
  for (const char* v : {"M01", "M03", "M04", "M06", "M10"}) vote(v, v, {"M03"});
  for (const char* v : {"M05", "M07", "M08", "M09"}) vote(v, v, {"M05"});
  vote("M11", "M02", {"M05"});
  ctl.ok({"election", "clerk-vote", "2026-01", "M02", "nul"});  // a paper ballot the bureau judged void
  const std::string close2 = ctl.ok({"election", "close", "2026-01"});
  EXPECT_NE(close2.find("round 2: voters 11, ballots cast 11, blank 0, spoilt 1, expressed 10, absolute majority 6"),
            std::string::npos) << close2;
  EXPECT_NE(close2.find("round 3 needed, at relative majority"), std::string::npos) << close2;

  // ---- Round 3: M01 leaves; 10 voters; M03 4, M05 4, 2 blank: equal votes, the oldest (M05) is elected.
  ctl.ok({"checkout", "M01"});
  const std::string open3 = ctl.ok({"election", "open", "2026-01"});
  EXPECT_NE(open3.find("round 3 open"), std::string::npos) << open3;
  EXPECT_NE(open3.find("relative majority; 10 voters"), std::string::npos) << open3;
  for (const char* v : {"M03", "M04", "M06", "M10"}) vote(v, v, {"M03"});
  for (const char* v : {"M05", "M07", "M08"}) vote(v, v, {"M05"});
  vote("M11", "M02", {"M05"});
  vote("M09", "M09", {"blanc"});
  vote("M02", "M02", {"blanc"});
  const std::string close3 = ctl.ok({"election", "close", "2026-01"});
  EXPECT_NE(close3.find("round 3: voters 10, ballots cast 10, blank 2, spoilt 0, expressed 8, relative majority"),
            std::string::npos) << close3;
  EXPECT_NE(close3.find("elected: Agnès MOREL (the oldest)"), std::string::npos) << close3;
  EXPECT_EQ(ctl.run({"election", "open", "2026-01"}).status, 1) << "the election is over";

  // ---- The record.
  const std::string extract = ctl.ok({"export", "text", "--item", "2026-01"});
  for (const char* expected :
       {"PREMIER TOUR DE SCRUTIN", "DEUXIÈME TOUR DE SCRUTIN", "TROISIÈME TOUR DE SCRUTIN",
        "Nombre de votants (bulletins déposés)\u00A0: 10", "Bulletins blancs\u00A0: 1", "Bulletins nuls\u00A0: 1",
        "Suffrages exprimés\u00A0: 9", "Majorité absolue\u00A0: 5", "Majorité absolue\u00A0: 6",
        "Julien ROCHE\u00A0: 4 voix", "Agnès MOREL\u00A0: 5 voix", "Lucie PERRIN\u00A0: 2 voix",
        "Candidature retirée\u00A0: Lucie PERRIN.",
        "Aucun candidat n'ayant obtenu la majorité absolue des suffrages exprimés, il est procédé à un deuxième tour de scrutin.",
        "il est procédé à un troisième tour de scrutin, à la majorité relative.",
        "Agnès MOREL, plus âgé(e) des candidats ayant obtenu le même nombre de voix (majorité relative), a été proclamé "
        "élu(e) au bénéfice de l'âge au troisième tour.",
        "Est élu(e)\u00A0: Agnès MOREL.", "Mode de scrutin\u00A0: scrutin secret",
        "Bulletin saisi par le secrétariat de séance pour\u00A0: Claire VALLET."})
    EXPECT_NE(extract.find(expected), std::string::npos) << "missing: " << expected << "\n" << extract;
  // Round 2 had its own attendance: 11 voters, M10 among them.
  EXPECT_NE(extract.find("Nombre de conseillers présents ou représentés\u00A0: 11"), std::string::npos) << extract;
  std::ofstream(room.work + "/election-extract.txt") << extract;  // kept for docs/ (see the README)
  if (const char* keep = std::getenv("SCRUTIN_KEEP_ELECTION_EXTRACT")) std::ofstream(keep) << extract;

  const std::string list = ctl.ok({"export", "list"});
  EXPECT_NE(list.find("Élection en 3 tours — élu(e)\u00A0: Agnès MOREL"), std::string::npos) << list;
  const std::string minutes = ctl.ok({"export", "minutes"});
  EXPECT_NE(minutes.find("TROISIÈME TOUR DE SCRUTIN"), std::string::npos) << minutes;
  EXPECT_NE(minutes.find("a été proclamé élu(e)"), std::string::npos) << minutes;
  const std::string csv = ctl.ok({"export", "csv"});
  EXPECT_NE(csv.find("Élection du maire — élu(s) : Agnès MOREL"), std::string::npos) << csv;
  const std::string pdf = room.work + "/extract.pdf";
  ctl.ok({"export", "pdf", "--item", "2026-01", "--out", pdf});
  EXPECT_GT(slurp(pdf).size(), 1000u);

  const std::string json_file = room.work + "/session.json";
  ctl.ok({"export", "json", "--out", json_file});
  auto json = record::from_json(slurp(json_file));
  ASSERT_TRUE(json) << json.error();
  ASSERT_EQ(json->deliberations_size(), 1);
  const pb::ElectionRecord& e = json->deliberations(0).election();
  ASSERT_EQ(e.rounds_size(), 3);
  EXPECT_EQ(e.rounds(2).result().elected_by_age(0), "M05");
  EXPECT_EQ(e.elected_names(0), "Agnès MOREL");
  EXPECT_EQ(e.rounds(1).snapshot().present_titulars_size(), 10);
  EXPECT_EQ(e.rounds(2).snapshot().present_titulars_size(), 9);
  auto verified = run_process(SCRUTINCTL_PATH, {"verify", "--journal", room.server.data_dir + "/journal.sqlite", "--against", json_file});
  EXPECT_EQ(verified.status, 0) << verified.out << verified.err;

  // ---- The journal: three BallotOpened, three sealed boxes, three BallotClosed; no event names both a voice and a ballot.
  auto journal = record::read_journal_sqlite(room.server.data_dir + "/journal.sqlite");
  ASSERT_TRUE(journal) << journal.error();
  int opened = 0, closed = 0, who = 0, what = 0;
  for (const pb::JournalEntry& entry : *journal) {
    const pb::Event& ev = entry.event();
    opened += ev.has_ballot_opened();
    closed += ev.has_ballot_closed();
    if (ev.has_vote_cast()) ADD_FAILURE() << "a secret round journals no VoteCast";
    if (ev.has_secret_vote_cast()) ++who;  // who voted: no ballot in it (the message has no such field)
    // The papers stay in the ballot box while a round is open, and are sealed
    // into the chain, sorted, at its close.
    if (ev.has_secret_choice_cast()) ADD_FAILURE() << "a paper in the chain while its round was open";
    if (ev.has_secret_box_sealed())
      for (const pb::SecretChoiceCast& paper : ev.secret_box_sealed().contents()) {
        ++what;
        const std::string bytes = paper.SerializeAsString();
        for (const Person& p : people)
          if (bytes.find(p.id) != std::string::npos)
            EXPECT_TRUE(p.id == "M03" || p.id == "M05" || p.id == "M07") << "a ballot names candidates only: " << p.id;
      }
  }
  EXPECT_EQ(opened, 3);
  EXPECT_EQ(closed, 3);
  EXPECT_EQ(who, 31);
  EXPECT_EQ(what, 31);
}

}  // namespace
}  // namespace scrutin::testing
