// The extract of the register of the seed deliberation (22 March 2022), as text
// and as PDF, against the real extract in tests/fixtures/seed-deliberation.txt:
// every number and name list of the seed must be in what Scrutin prints.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "client/record/record.hpp"
#include "record/journalled.hpp"
#include "support/seed.hpp"
#include "support/text.hpp"

namespace scrutin {
namespace {

using text::between;
using text::split;
using text::trim;

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The number printed after `label` in the seed; a blank ("Contre :") is 0.
long number_after(const std::string& text, const std::string& label) {
  auto a = text.find(label);
  EXPECT_NE(a, std::string::npos) << label;
  if (a == std::string::npos) return -1;
  a += label.size();
  while (a < text.size() && (text[a] == ' ' || text[a] == '\n' || text[a] == ':')) {
    if (text[a] == '\n' && a + 1 < text.size() && text[a + 1] != '\n' && !std::isdigit(static_cast<unsigned char>(text[a + 1]))) return 0;
    ++a;
  }
  if (a >= text.size() || !std::isdigit(static_cast<unsigned char>(text[a]))) return 0;
  return std::stol(text.substr(a));
}

// French typography puts non-breaking spaces before ':' and inside « »;
// compare with the seed's plain spaces.
std::string plain_spaces(std::string s) {
  for (const std::string nb : {"\u00A0", "\u202F"})
    for (auto p = s.find(nb); p != std::string::npos; p = s.find(nb, p)) s.replace(p, nb.size(), " ");
  return s;
}

// What the seed says, read from the seed itself.
struct SeedFacts {
  std::vector<std::pair<std::string, long>> numbers;  // label as Scrutin prints it, value
  std::vector<std::string> present, excused, substitutes, proxies;
  std::vector<std::string> phrases;                   // other facts, verbatim
};

SeedFacts seed_facts() {
  const std::string x = seed::read_fixture("seed-deliberation.txt");
  SeedFacts f;
  f.numbers = {
      {"Conseillers en exercice : ", number_after(x, "Conseillers en exercice :\n")},
      {"Conseillers présents : ", number_after(x, "Conseillers présents :\n")},
      {"Suppléants ayant voix délibérante : ", number_after(x, "délibérantes :\n")},
      {"Conseillers représentés : ", number_after(x, "Conseillers représentés :\n")},
      {"Total votants : ", number_after(x, "Total votants :\n")},
      {"TOTAL VOTANTS : ", number_after(x, "TOTAL VOTANTS : ")},
      {"Conseillers présents : ", number_after(x, "Conseillers présents : ")},
      {"Représentés : ", number_after(x, "Représentés : ")},
      {"Non-participation : ", number_after(x, "Non-participation :")},
      {"TOTAL DES VOIX EXPRIMÉES : ", number_after(x, "EXPRIMÉES : ")},
      {"Pour : ", number_after(x, "Pour : ")},
      {"Contre : ", number_after(x, "Contre :")},
      {"Abstentions : ", number_after(x, "Abstentions :")},
  };
  f.present = split(between(x, "Conseiller.e.s présent.e.s :", "Conseiller.e.s ayant donné pouvoir"), ", ");
  f.proxies = split(between(x, "ayant donné pouvoir :", "Conseillers absents"), "\n");
  f.excused = split(between(x, "absents excusés :", "\n"), ", ");
  f.substitutes = split(between(x, "voix délibérante :", "\n"), ", ");
  std::string title = between(x, "**", "**");
  for (auto& c : title)
    if (c == '\n') c = ' ';
  f.phrases = {
      trim(between(x, "AR Prefecture\n\n", "\n")),                            // ACTES identifier
      trim(between(x, "\n\nN° ", "\n")),                                       // deliberation number
      "Secrétaire de séance : " + trim(between(x, "Secrétaire de séance : ", "\n")),
      "Séance présidée par : " + trim(between(x, "Séance présidée par : ", "\n")),
      "Rapporteur : " + trim(between(x, "Rapporteur : ", "\n")),
      "Date de la convocation : " + trim(between(x, "Date de la convocation : ", "\n")),
      trim(between(x, "Montagne s'est réuni ", "\n")),                       // "le 22 mars 2022 à 18h30, Salle ..."
      title,
      "CONSEIL COMMUNAUTAIRE DU 22 MARS 2022",
      "après en avoir délibéré, à l'unanimité :",
      "Tony BERNARD",
      "Communauté de communes Thiers Dore et Montagne",
      "47 avenue du Général de Gaulle",
  };
  return f;
}

pb::SessionRecord seed_record() {
  auto j = testing::seed_session();
  return record::build(j.session, j.journal);
}

void expect_seed_facts(const std::string& printed, const SeedFacts& f, const std::string& what) {
  const std::string t = plain_spaces(printed);
  for (const auto& [label, n] : f.numbers) {
    ASSERT_GE(n, 0) << label;
    EXPECT_NE(t.find(label + std::to_string(n)), std::string::npos) << what << " lacks «" << label << n << "»";
  }
  EXPECT_EQ(f.present.size(), 43u);
  EXPECT_EQ(f.proxies.size(), 10u);
  EXPECT_EQ(f.excused.size(), 5u);
  EXPECT_EQ(f.substitutes.size(), 3u);
  EXPECT_NE(t.find(join(f.present, ", ") + "."), std::string::npos) << what << ": present titulars";
  for (const auto& p : f.proxies) EXPECT_NE(t.find(p), std::string::npos) << what << ": proxy " << p;
  EXPECT_NE(t.find(join(f.excused, ", ") + "."), std::string::npos) << what << ": excused";
  EXPECT_NE(t.find(join(f.substitutes, ", ") + "."), std::string::npos) << what << ": substitutes";
  for (const auto& p : f.phrases) EXPECT_NE(t.find(p), std::string::npos) << what << " lacks «" << p << "»";
  // A public ballot: every voice by name under "pour", proxies with their holder.
  const std::string pour = between(t, "Ont voté pour (56) : ", "\n");
  for (const auto& name : f.present) EXPECT_NE(pour.find(name), std::string::npos) << what << ": pour " << name;
  for (const auto& name : f.substitutes) EXPECT_NE(pour.find(name), std::string::npos) << what << ": pour " << name;
  for (const auto& line : f.proxies) {
    auto parts = split(line, " à ");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_NE(pour.find(parts[0] + " (pouvoir à " + parts[1] + ")"), std::string::npos) << what << ": pour " << line;
  }
}

TEST(SeedExtract, TextEqualsTheGoldenFile) {
  auto text = record::extract_text(seed_record(), seed::kItem);
  ASSERT_TRUE(text) << text.error();
  const std::string golden = seed::read_fixture("seed-extract.golden.txt");
  if (*text != golden) {
    const std::string out = std::string(SCRUTIN_RECORD_TEST_OUT) + "/seed-extract.actual.txt";
    std::ofstream(out, std::ios::binary) << *text;
    FAIL() << "the seed extract differs from tests/fixtures/seed-extract.golden.txt; actual text in " << out;
  }
}

TEST(SeedExtract, TextCarriesEveryNumberAndNameOfTheSeed) {
  auto text = record::extract_text(seed_record(), seed::kItem);
  ASSERT_TRUE(text) << text.error();
  expect_seed_facts(*text, seed_facts(), "text extract");
}

TEST(SeedExtract, UnknownItemIsRefusedWithTheItemsItHolds) {
  auto text = record::extract_text(seed_record(), "2022-99");
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().find("20220322-59"), std::string::npos) << text.error();
}

std::string run(const std::string& command) { return text::shell_output(command); }

// pdftotext output as running text: lines joined (a line broken after a hyphen
// joins without a space: "GOUILLON-" + "CHENOT"), spaces collapsed, except
// that paragraphs keep a newline so between(..., "\n") still works.
std::string running_text(const std::string& raw) {
  std::string s = plain_spaces(raw);
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\f') { out += '\n'; continue; }
    if (c == '\n') {
      if (i + 1 < s.size() && s[i + 1] == '\n') { out += '\n'; ++i; continue; }  // paragraph end
      if (!out.empty() && out.back() == '-') continue;
      out += ' ';
      continue;
    }
    if (c == ' ' && !out.empty() && (out.back() == ' ' || out.back() == '\n')) continue;
    out += c;
  }
  return out;
}

TEST(SeedExtract, PdfTextCarriesEveryNumberAndNameOfTheSeed) {
  const std::string pdf = std::string(SCRUTIN_RECORD_TEST_OUT) + "/seed-extract.pdf";
  auto r = record::extract_pdf(seed_record(), seed::kItem, pdf);
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(run("command -v pdftotext >/dev/null && echo yes"), "yes\n") << "pdftotext (poppler-utils) is needed";
  const std::string info = run("pdfinfo '" + pdf + "'");
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Page size:\s+595.276 x 841.89 pts \(A4\))"))) << info;
  const std::string raw = run("pdftotext -enc UTF-8 '" + pdf + "' -");
  ASSERT_FALSE(raw.empty());
  const std::string text = running_text(raw);
  SeedFacts f = seed_facts();
  // The counts are drawn as boxes and tables: label and number are separate
  // pieces of text; check each pair through -layout, where they share a line.
  const std::string layout = run("pdftotext -layout -enc UTF-8 '" + pdf + "' -");
  for (const auto& [label, n] : f.numbers) {
    std::string name = label.substr(0, label.size() - 3);  // without " : "
    const std::regex re(name + R"([ :\u00A0]*\s*)" + std::to_string(n) + R"(\b)");
    if (name.starts_with("Conseillers") || name.starts_with("Suppléants") || name == "Total votants") {
      // The box of counts: labels on one row, numbers on the next.
      EXPECT_NE(layout.find(name.substr(0, 12)), std::string::npos) << name;
      continue;
    }
    EXPECT_TRUE(std::regex_search(plain_spaces(layout), re)) << "PDF lacks " << name << " " << n;
  }
  // The box: the five numbers in order on one line.
  EXPECT_TRUE(std::regex_search(layout, std::regex(R"(58\s+43\s+3\s+10\s+56)"))) << layout.substr(0, 3000);
  f.numbers.clear();
  expect_seed_facts(text, f, "PDF");
  // The journal digest at the foot.
  auto rec = seed_record();
  EXPECT_NE(text.find(rec.deliberations(0).journal_digest()), std::string::npos);
}

TEST(Extract, PrefectureDatesArePrintedOnceFilled) {
  auto rec = seed_record();
  auto before = record::extract_text(rec, seed::kItem);
  EXPECT_EQ(before->find("Reçu en préfecture"), std::string::npos);
  ASSERT_TRUE(record::set_prefecture_dates(rec, seed::kItem, "2022-04-04", "2022-04-04"));
  auto after = record::extract_text(rec, seed::kItem);
  EXPECT_NE(after->find("Reçu en préfecture le 04/04/2022"), std::string::npos);
  EXPECT_NE(after->find("Publié le 04/04/2022"), std::string::npos);
  EXPECT_FALSE(record::set_prefecture_dates(rec, "nope", "2022-04-04", ""));
  const std::string pdf = std::string(SCRUTIN_RECORD_TEST_OUT) + "/seed-extract-received.pdf";
  ASSERT_TRUE(record::extract_pdf(rec, seed::kItem, pdf));
  EXPECT_NE(run("pdftotext -enc UTF-8 '" + pdf + "' -").find("Reçu en préfecture le 04/04/2022"), std::string::npos);
}

TEST(Extract, JsonRoundTripReRendersTheSameDocuments) {
  auto j = testing::three_item_session();
  auto rec = record::build(j.session, j.journal);
  ASSERT_EQ(rec.deliberations_size(), 3);
  const std::string json = record::to_json(rec);
  EXPECT_NE(json.find("\"deliberations\""), std::string::npos);
  EXPECT_NE(json.find("\"actsId\": \"063-216303580-20260203-2026_02-DE\""), std::string::npos);
  EXPECT_NE(json.find("Gaëlle BONNET"), std::string::npos) << "UTF-8, not \\u escapes";
  auto back = record::from_json(json);
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*back, rec));
  for (const auto& d : rec.deliberations())
    EXPECT_EQ(*record::extract_text(*back, d.item().id()), *record::extract_text(rec, d.item().id()));
  EXPECT_EQ(record::deliberation_list_text(*back), record::deliberation_list_text(rec));
  EXPECT_EQ(record::minutes_text(*back), record::minutes_text(rec));
  EXPECT_EQ(record::scdl_csv(*back), record::scdl_csv(rec));
  // The seed, too.
  auto seed = seed_record();
  auto seed_back = record::from_json(record::to_json(seed));
  ASSERT_TRUE(seed_back);
  EXPECT_EQ(*record::extract_text(*seed_back, seed::kItem), seed::read_fixture("seed-extract.golden.txt"));
  EXPECT_FALSE(record::from_json("{\"deliberations\": [{\"nope\": 1}]}"));
  EXPECT_FALSE(record::from_json("not json"));
}

TEST(Extract, SecretBallotPrintsNoNamesByDirection) {
  auto j = testing::three_item_session();
  auto rec = record::build(j.session, j.journal);
  auto secret = *record::extract_text(rec, "2026-03");
  EXPECT_EQ(secret.find("Ont voté"), std::string::npos);
  EXPECT_NE(secret.find("scrutin secret"), std::string::npos);
  auto pub = plain_spaces(*record::extract_text(rec, "2026-02"));
  EXPECT_NE(pub.find("Ont voté contre (2) : David ROUX, François GIRARD."), std::string::npos) << pub;
  EXPECT_NE(pub.find("Se sont abstenus (1) : Gaëlle BONNET."), std::string::npos);
  // The interested member is not a voter: listed as interested, not as not taking part.
  EXPECT_NE(pub.find("N'ont pas pris part au vote (1) : Hugo LAMBERT."), std::string::npos) << pub;
  EXPECT_NE(pub.find("Vote saisi par le secrétariat de séance"), std::string::npos);
  EXPECT_NE(pub.find("intéressés, ne prenant pas part au vote : Émilie FAURE."), std::string::npos);
  EXPECT_NE(pub.find("« repas bio »"), std::string::npos) << "straight quotes become guillemets";
  EXPECT_NE(pub.find("à la majorité :"), std::string::npos);
  // The same in the PDF.
  for (const char* id : {"2026-02", "2026-03"}) {
    const std::string pdf = std::string(SCRUTIN_RECORD_TEST_OUT) + "/extract-" + id + ".pdf";
    ASSERT_TRUE(record::extract_pdf(rec, id, pdf));
    const std::string t = running_text(run("pdftotext -enc UTF-8 '" + pdf + "' -"));
    if (std::string(id) == "2026-02") {
      EXPECT_NE(t.find("Ont voté contre (2) : David ROUX, François GIRARD."), std::string::npos) << t;
      EXPECT_NE(t.find("Vote saisi par le secrétariat de séance"), std::string::npos) << t;
      EXPECT_NE(t.find("Jules FOURNIER à Chloé PETIT"), std::string::npos) << t;
    } else {
      EXPECT_EQ(t.find("Ont voté"), std::string::npos);
      EXPECT_NE(t.find("Vote à bulletin secret"), std::string::npos) << t;
    }
  }
}

TEST(Extract, ListAndMinutesCoverEveryItem) {
  auto j = testing::three_item_session();
  auto rec = record::build(j.session, j.journal);
  const std::string list = plain_spaces(record::deliberation_list_text(rec));
  const std::string minutes = plain_spaces(record::minutes_text(rec));
  for (const auto& d : rec.deliberations()) {
    EXPECT_NE(list.find("N° " + d.item().id()), std::string::npos);
    EXPECT_NE(list.find(d.acts_id()), std::string::npos);
    EXPECT_NE(minutes.find("N° " + d.item().id()), std::string::npos);
    EXPECT_NE(minutes.find(d.journal_digest()), std::string::npos);
  }
  EXPECT_NE(list.find("3 délibérations au total."), std::string::npos) << list;
  EXPECT_NE(list.find("pour 4, contre 2, abstentions 1"), std::string::npos);
  EXPECT_NE(minutes.find("Quorum : 7 présents pour 6 requis, atteint."), std::string::npos) << minutes;
  EXPECT_NE(minutes.find("Ont voté pour (9) : "), std::string::npos);
  EXPECT_NE(minutes.find("Présence : 8 présents (8 titulaires, 0 suppléant), 1 représenté, 9 votants."), std::string::npos);
}

TEST(Extract, LongItemFlowsOntoMorePages) {
  auto j = testing::seed_session();
  auto rec = record::build(j.session, j.journal);
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Considérant le paragraphe numéro " + std::to_string(i) + " de l'exposé, qui est long ; très long : vraiment.\n";
  rec.mutable_deliberations(0)->mutable_item()->set_text(text);
  const std::string pdf = std::string(SCRUTIN_RECORD_TEST_OUT) + "/long-extract.pdf";
  ASSERT_TRUE(record::extract_pdf(rec, seed::kItem, pdf));
  const std::string info = run("pdfinfo '" + pdf + "'");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")));
  EXPECT_GE(std::stoi(m[1]), 3);
  const std::string t = running_text(run("pdftotext -enc UTF-8 '" + pdf + "' -"));
  for (int i = 0; i < 40; ++i) EXPECT_NE(t.find("paragraphe numéro " + std::to_string(i) + " "), std::string::npos) << i;
  EXPECT_NE(t.find("page 3 / " + std::string(m[1])), std::string::npos);
}

}  // namespace
}  // namespace scrutin
