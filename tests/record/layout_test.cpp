// The record as a prefecture reads it: the body's article, elision and
// agreement in every document; the sitting's time; names searchable in the
// PDF; the signature never alone on a page; the stamp box on every page; the
// prefecture's dates from the journal; mandatory fields refused, or a draft
// marked "PROJET" on every page. PDFs are read back with pdftotext.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <regex>

#include "client/record/french.hpp"
#include "client/record/record.hpp"
#include "record/journalled.hpp"
#include "support/seed.hpp"
#include "support/text.hpp"

namespace scrutin {
namespace {

std::string run(const std::string& command) { return text::shell_output(command); }

std::string out_path(const std::string& name) { return std::string(SCRUTIN_RECORD_TEST_OUT) + "/" + name; }

int page_count(const std::string& pdf) {
  std::smatch m;
  const std::string info = run("pdfinfo '" + pdf + "'");
  if (!std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) return 0;
  return std::stoi(m[1]);
}

std::string words(std::string s) { return text::one_line_of_words(std::move(s)); }

std::string pdf_words(const std::string& pdf) { return words(run("pdftotext -enc UTF-8 '" + pdf + "' -")); }

pb::SessionRecord seed_record() {
  auto j = testing::seed_session();
  return record::build(j.session, j.journal);
}

pb::SessionRecord three_items() {
  auto j = testing::three_item_session();
  return record::build(j.session, j.journal);
}

void set_body(pb::SessionRecord& r, const std::string& body, const std::string& body_name, const std::string& gender) {
  for (auto& d : *r.mutable_deliberations()) {
    d.mutable_session()->set_body(body);
    d.mutable_session()->set_body_name(body_name);
    d.mutable_session()->set_body_gender(gender);
  }
}

struct BodyCase {
  std::string body, body_name, gender;  // gender: "" inferred, or the clerk's "f"/"m"
  bool feminine;
  std::string subject;  // at the start of a sentence
  std::string of;       // after "DES DÉLIBÉRATIONS", in capitals
};

const std::vector<BodyCase> kBodies = {
    {"Commission permanente", "Région Auvergne-Rhône-Alpes", "", true, "La Commission permanente", "DE LA COMMISSION PERMANENTE"},
    {"Assemblée générale", "Association des Amis du vieux Thiers", "", true, "L'Assemblée générale", "DE L'ASSEMBLÉE GÉNÉRALE"},
    {"Conseil municipal", "Commune de Saint-Rémy-sur-Durolle", "", false, "Le Conseil municipal", "DU CONSEIL MUNICIPAL"},
    {"Comité syndical", "Syndicat des eaux de la Durolle", "", false, "Le Comité syndical", "DU COMITÉ SYNDICAL"},
    {"Bureau", "Établissement public foncier", "", false, "Le Bureau", "DU BUREAU"},
    {"Établissement public territorial", "Métropole du Grand Paris", "", false, "L'Établissement public territorial",
     "DE L'ÉTABLISSEMENT PUBLIC TERRITORIAL"},
    {"Hémicycle des jeunes", "Ville de Thiers", "", false, "L'Hémicycle des jeunes", "DE L'HÉMICYCLE DES JEUNES"},
    {"Agora citoyenne", "Ville de Thiers", "f", true, "L'Agora citoyenne", "DE L'AGORA CITOYENNE"},
    {"Délégation spéciale", "Commune de Chabreloche", "", true, "La Délégation spéciale", "DE LA DÉLÉGATION SPÉCIALE"},
};

// Every occurrence of the body (as typed or in capitals) is preceded by the
// right article: never "Le Assemblée", "DU ASSEMBLÉE", "la Conseil"...
void expect_articles(const std::string& doc, const BodyCase& c, const std::string& what) {
  const bool elided = record::fr::elides(c.body);
  std::vector<std::string> wrong;
  if (elided) wrong = {"Le ", "La ", "le ", "la ", "du ", "de la ", "LE ", "LA ", "DU ", "DE LA "};
  else if (c.feminine) wrong = {"Le ", "le ", "du ", "L'", "l'", "LE ", "DU ", "L'", "DE L'"};
  else wrong = {"La ", "la ", "de la ", "L'", "l'", "LA ", "DE LA ", "DE L'"};
  int seen = 0;
  for (const std::string& body : {c.body, record::fr::upper(c.body)}) {
    for (auto p = doc.find(body); p != std::string::npos; p = doc.find(body, p + 1)) {
      ++seen;
      const std::string before = doc.substr(p >= 8 ? p - 8 : 0, p >= 8 ? 8 : p);
      for (const std::string& w : wrong)
        EXPECT_FALSE(before.ends_with(w)) << what << ": «" << before << body << "» for " << c.body;
    }
  }
  EXPECT_GT(seen, 0) << what << " never names " << c.body;
}

void expect_wording(const std::string& doc, const BodyCase& c, const std::string& what, bool extract) {
  expect_articles(doc, c, what);
  const std::string met = c.feminine ? "s'est réunie le" : "s'est réuni le";
  EXPECT_NE(doc.find(c.subject + " "), std::string::npos) << what << " lacks «" << c.subject << "»";
  EXPECT_NE(doc.find(met), std::string::npos) << what << " lacks «" << met << "»";
  if (c.feminine) EXPECT_EQ(doc.find("s'est réuni le"), std::string::npos) << what;
  else EXPECT_EQ(doc.find("s'est réunie"), std::string::npos) << what;
  if (extract) {
    EXPECT_NE(doc.find("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS " + c.of), std::string::npos) << what << "\n" << doc.substr(0, 600);
    EXPECT_NE(doc.find(c.subject + ", après en avoir délibéré"), std::string::npos) << what;
  }
}

TEST(RecordFrench, BodyArticleElisionAndAgreementInEveryDocument) {
  for (const BodyCase& c : kBodies) {
    auto r = three_items();
    set_body(r, c.body, c.body_name, c.gender);
    for (const auto& d : r.deliberations()) {
      auto text = record::extract_text(r, d.item().id());
      ASSERT_TRUE(text) << text.error();
      expect_wording(words(*text), c, "extract " + d.item().id(), true);
    }
    const std::string list = words(record::deliberation_list_text(r));
    expect_articles(list, c, "list");
    EXPECT_NE(list.find("LISTE DES DÉLIBÉRATIONS DE LA SÉANCE " + c.of + " DU 3 FÉVRIER 2026"), std::string::npos) << list;
    const std::string minutes = words(record::minutes_text(r));
    expect_wording(minutes, c, "minutes", false);
    EXPECT_NE(minutes.find("PROCÈS-VERBAL DE LA SÉANCE " + c.of + " DU 3 FÉVRIER 2026 à 20H00"), std::string::npos) << minutes;
    const std::string pdf = out_path("body-" + std::to_string(&c - kBodies.data()) + ".pdf");
    ASSERT_TRUE(record::extract_pdf(r, "2026-02", pdf));
    expect_wording(pdf_words(pdf), c, "PDF " + c.body, true);
  }
}

TEST(RecordFrench, SittingTimeWrittenAsInTheSeed) {
  // The seed: "CONSEIL COMMUNAUTAIRE DU 22 MARS 2022 à 18H30" and "... s'est réuni le 22 mars 2022 à 18h30".
  const std::string seed = seed::read_fixture("seed-deliberation.txt");
  ASSERT_NE(seed.find("DU 22 MARS 2022 à 18H30"), std::string::npos);
  ASSERT_NE(seed.find("le 22 mars 2022 à 18h30"), std::string::npos);
  const std::pair<std::string, std::string> times[] = {{"18:30", "18h30"}, {"20:00", "20h00"}, {"09:05", "9h05"},
                                                       {"14:07", "14h07"}, {"0:00", "0h00"}};
  for (const auto& [time, written] : times) {
    auto r = seed_record();
    r.mutable_deliberations(0)->mutable_session()->set_time(time);
    std::string capitals = written;
    capitals[capitals.find('h')] = 'H';
    auto text = record::extract_text(r, seed::kItem);
    ASSERT_TRUE(text);
    EXPECT_NE(text->find("CONSEIL COMMUNAUTAIRE DU 22 MARS 2022 à " + capitals + "\n"), std::string::npos) << time;
    EXPECT_NE(text->find("s'est réuni le 22 mars 2022 à " + written + ","), std::string::npos) << time;
    EXPECT_NE(record::deliberation_list_text(r).find("Séance du 22 mars 2022 à " + written + ","), std::string::npos);
    EXPECT_NE(record::minutes_text(r).find("DU 22 MARS 2022 à " + capitals), std::string::npos);
    const std::string pdf = out_path("time-" + written + ".pdf");
    ASSERT_TRUE(record::extract_pdf(r, seed::kItem, pdf));
    const std::string t = pdf_words(pdf);
    EXPECT_NE(t.find("DU 22 MARS 2022 à " + capitals), std::string::npos) << time;
    EXPECT_NE(t.find("le 22 mars 2022 à " + written), std::string::npos) << time;
  }
}

// ---- PDF -----------------------------------------------------------------------

TEST(RecordPdf, HyphenatedNamesAreFoundAsTyped) {
  auto r = seed_record();
  const std::string pdf = out_path("hyphens.pdf");
  ASSERT_TRUE(record::extract_pdf(r, seed::kItem, pdf));
  // Exactly what a reader types: pdftotext | grep.
  for (const char* name : {"Jean-Pierre", "Jean-Pierre DUBOST", "Claude GOUILLON-CHENOT", "Monique DURAND-PRADAT",
                           "Jean-Éric GARRET", "Jean-François DELAIRE", "Jean-Michel LAVEST"}) {
    const std::string found = run("pdftotext -enc UTF-8 '" + pdf + "' - | grep -c -F '" + name + "'");
    EXPECT_GE(std::atoi(found.c_str()), 1) << name << " not found by grep";
  }
  const std::string raw = run("pdftotext -enc UTF-8 '" + pdf + "' -");
  EXPECT_EQ(raw.find("\u2011"), std::string::npos) << "no-break hyphen U+2011 in the text";
  EXPECT_EQ(raw.find("\u00AD"), std::string::npos) << "soft hyphen in the text";
  EXPECT_EQ(raw.find("\u2010"), std::string::npos) << "U+2010 hyphen in the text";

  // Many long hyphenated names: each stays whole on one line (lines break
  // after the commas only) and is found as typed.
  auto& d = *r.mutable_deliberations(0);
  d.clear_present_names();
  std::vector<std::string> names;
  for (int i = 0; i < 40; ++i) {
    names.push_back("Marie-Françoise DE LA TOUR-" + std::string(1, static_cast<char>('A' + i % 26)) + "AUVERGNE-" +
                    std::to_string(i));
    d.add_present_names(names.back());
  }
  const std::string many = out_path("hyphens-many.pdf");
  ASSERT_TRUE(record::extract_pdf(r, seed::kItem, many));
  const std::string text = run("pdftotext -enc UTF-8 '" + many + "' -");
  for (const auto& n : names) EXPECT_NE(text.find(n), std::string::npos) << n << " is broken or altered";
}

// pdftotext's words, page by page (pages end with a form feed).
std::vector<std::string> pages_words(const std::string& pdf) {
  const std::string raw = run("pdftotext -enc UTF-8 '" + pdf + "' -");
  std::vector<std::string> out;
  std::size_t a = 0;
  for (auto ff = raw.find('\f'); ff != std::string::npos; a = ff + 1, ff = raw.find('\f', a)) out.push_back(words(raw.substr(a, ff - a)));
  return out;
}

std::string one_page(const std::string& pdf, int p) {
  return words(run("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " -enc UTF-8 '" + pdf + "' -"));
}

// Whatever the length of the decision, the signature's page also holds the end
// of the paragraph before it (the last names of the vote, or the secret-ballot
// note). Lengths are swept so that the old layout would have put the signature
// alone at the top of a page.
TEST(RecordPdf, SignatureNeverAloneOnAPage) {
  struct Case {
    pb::SessionRecord record;
    std::string item, last_words;  // the end of the paragraph before the signature
  };
  std::vector<Case> cases;
  cases.push_back({seed_record(), seed::kItem, "Alain DESCOLS."});
  cases.push_back({three_items(), "2026-03", "jamais le sens du vote de chacun."});
  cases.push_back({three_items(), "2026-02", "Bruno MARTIN."});  // the clerk's note names him
  int signature_moved = 0;
  for (auto& c : cases) {
    pb::DeliberationRecord* d = nullptr;
    for (auto& x : *c.record.mutable_deliberations())
      if (x.item().id() == c.item) d = &x;
    ASSERT_NE(d, nullptr);
    const std::string decision = d->item().decision();
    for (int extra = 0; extra <= 48; extra += 1) {
      std::string more = decision;
      for (int i = 0; i < extra; ++i)
        more += "\nPrécise que l'article " + std::to_string(i + 3) + " s'applique à compter de la publication ;";
      d->mutable_item()->set_decision(more);
      const std::string pdf = out_path("signature-" + c.item + "-" + std::to_string(extra) + ".pdf");
      ASSERT_TRUE(record::extract_pdf(c.record, c.item, pdf));
      const auto pages = pages_words(pdf);
      ASSERT_EQ(static_cast<int>(pages.size()), page_count(pdf));
      std::size_t sig = 0;
      while (sig < pages.size() && pages[sig].find("Pour ampliation certifiée conforme") == std::string::npos) ++sig;
      ASSERT_LT(sig, pages.size()) << pdf;
      const std::string& page = pages[sig];
      const auto at = page.find("Pour ampliation");
      EXPECT_NE(page.substr(0, at).find(c.last_words), std::string::npos)
          << pdf << ": the signature on page " << sig + 1 << " without the end of the paragraph before it\n" << page;
      // The paragraph before the signature began on an earlier page: a break
      // fell right there.
      if (sig > 0 && page.find("Délibération adoptée") == std::string::npos &&
          page.find("Délibération rejetée") == std::string::npos)
        ++signature_moved;
      std::filesystem::remove(pdf);
    }
  }
  EXPECT_GT(signature_moved, 0) << "no length put the signature at a page break: the test proves nothing";
}

// The prefecture's box, top right, on every page: the text inside that area.
TEST(RecordPdf, PrefectureStampBoxOnEveryPage) {
  auto r = seed_record();
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Considérant le paragraphe numéro " + std::to_string(i) + " de l'exposé, qui est long ; très long.\n";
  r.mutable_deliberations(0)->mutable_item()->set_text(text);
  for (const bool dated : {false, true}) {
    if (dated) {
      ASSERT_TRUE(record::set_prefecture_dates(r, seed::kItem, "2022-04-04", "2022-04-05"));
    }
    const std::string pdf = out_path(dated ? "stamp-dated.pdf" : "stamp.pdf");
    ASSERT_TRUE(record::extract_pdf(r, seed::kItem, pdf));
    const int pages = page_count(pdf);
    ASSERT_GE(pages, 3);
    for (int p = 1; p <= pages; ++p) {
      // The box: 200 x 44+ points at the top right (x 338.6, y 48), A4 at 72 dpi.
      const std::string box = words(run("pdftotext -r 72 -x 336 -y 46 -W 204 -H 52 -f " + std::to_string(p) + " -l " +
                                        std::to_string(p) + " -enc UTF-8 '" + pdf + "' -"));
      EXPECT_NE(box.find("Accusé de réception en préfecture"), std::string::npos) << "page " << p << ": «" << box << "»";
      EXPECT_NE(box.find("063-200070712-20220322-20220322_59-DE"), std::string::npos) << "page " << p;
      if (dated) {
        EXPECT_NE(box.find("Reçu en préfecture le 04/04/2022"), std::string::npos) << "page " << p << ": «" << box << "»";
      } else {
        EXPECT_NE(box.find("Reçu le"), std::string::npos) << "page " << p << ": room for the stamp";
      }
    }
  }
}

// ---- Prefecture dates: journalled, one source -------------------------------------

TEST(RecordDates, JournalledDatesReachEveryDocument) {
  auto j = testing::seed_session();
  EXPECT_EQ(j.run(cmd::RecordPrefectureDates{seed::kItem, "2022-04-04", ""}), "");
  EXPECT_EQ(j.run(cmd::RecordPrefectureDates{seed::kItem, "", "2022-04-05"}), "") << "the receipt date stays";
  const std::size_t entries = j.journal.size();
  EXPECT_EQ(j.run(cmd::RecordPrefectureDates{seed::kItem, "2022-04-04", "2022-04-05"}), "");
  EXPECT_EQ(j.journal.size(), entries) << "the same dates again: nothing new to journal";

  // From the journal alone (the server's export path) and from the live session.
  auto replayed = record::build_from_journal(j.journal);
  ASSERT_TRUE(replayed) << replayed.error();
  for (const pb::SessionRecord& r : {record::build(j.session, j.journal), *replayed}) {
    const auto& d = r.deliberations(0);
    EXPECT_EQ(d.prefecture_received(), "2022-04-04");
    EXPECT_EQ(d.published(), "2022-04-05");
    auto text = record::extract_text(r, seed::kItem);
    ASSERT_TRUE(text);
    EXPECT_NE(text->find("Reçu en préfecture le 04/04/2022\nPublié le 05/04/2022"), std::string::npos);
    EXPECT_NE(record::scdl_csv(r).find(",2022-04-04,"), std::string::npos);
    const std::string pdf = out_path("dates-journalled.pdf");
    ASSERT_TRUE(record::extract_pdf(r, seed::kItem, pdf));
    const std::string t = pdf_words(pdf);
    EXPECT_NE(t.find("Reçu en préfecture le 04/04/2022"), std::string::npos);
    EXPECT_NE(t.find("Publié le 05/04/2022"), std::string::npos);
  }
  EXPECT_TRUE(record::verify(j.journal, nullptr).ok);

  // Refusals, each with its sentence.
  EXPECT_NE(j.run(cmd::RecordPrefectureDates{"2099-1", "2022-04-04", ""}).find("No item"), std::string::npos);
  EXPECT_NE(j.run(cmd::RecordPrefectureDates{seed::kItem, "2022-02-30", ""}).find("not a date"), std::string::npos);
  EXPECT_NE(j.run(cmd::RecordPrefectureDates{seed::kItem, "04/04/2022", ""}).find("not a date"), std::string::npos);
  EXPECT_NE(j.run(cmd::RecordPrefectureDates{seed::kItem, "", "2022-03-01"}).find("before the sitting"), std::string::npos);
  EXPECT_NE(j.run(cmd::RecordPrefectureDates{seed::kItem, "", ""}).find("Give"), std::string::npos);

  // An item still open has no deliberation to date.
  testing::Journalled open;
  open.run_all(seed::setup_commands());
  EXPECT_NE(open.run(cmd::RecordPrefectureDates{seed::kItem, "2022-04-04", ""}).find("no closed ballot"), std::string::npos);
}

// ---- Mandatory fields and drafts ------------------------------------------------------

struct Missing {
  const char* field;
  void (*clear)(pb::DeliberationRecord&);
  const char* said;  // in the refusal
};
const Missing kMandatory[] = {
    {"siren", [](pb::DeliberationRecord& d) { d.mutable_session()->clear_siren(); }, "le SIREN de la collectivité"},
    {"bad siren", [](pb::DeliberationRecord& d) { d.mutable_session()->set_siren("2000707"); }, "un SIREN de 9 chiffres"},
    {"department", [](pb::DeliberationRecord& d) { d.mutable_session()->clear_department(); }, "le département"},
    {"convocation", [](pb::DeliberationRecord& d) { d.mutable_session()->clear_convocation_date(); }, "la date de la convocation"},
    {"decision", [](pb::DeliberationRecord& d) { d.mutable_item()->clear_decision(); }, "le texte de la décision du point"},
    {"body", [](pb::DeliberationRecord& d) { d.mutable_session()->clear_body(); }, "l'assemblée qui délibère"},
    {"body name", [](pb::DeliberationRecord& d) { d.mutable_session()->clear_body_name(); }, "le nom de la collectivité"},
    {"president", [](pb::DeliberationRecord& d) { d.mutable_session()->clear_president(); }, "le président de séance"},
    {"secretary", [](pb::DeliberationRecord& d) { d.mutable_session()->clear_secretary(); }, "le secrétaire de séance"},
    {"title", [](pb::DeliberationRecord& d) { d.mutable_item()->clear_title(); }, "l'objet du point"},
};

TEST(RecordMandatory, EachMissingFieldIsNamedAndRefused) {
  for (const auto& base : {seed_record(), three_items()}) {
    for (const Missing& m : kMandatory) {
      auto r = base;
      for (auto& d : *r.mutable_deliberations()) m.clear(d);
      const std::string id = r.deliberations(0).item().id();
      auto text = record::extract_text(r, id);
      ASSERT_FALSE(text) << m.field;
      EXPECT_NE(text.error().find("Document refusé : il manque "), std::string::npos) << text.error();
      EXPECT_NE(text.error().find(m.said), std::string::npos) << m.field << ": " << text.error();
      EXPECT_NE(text.error().find("--draft"), std::string::npos);
      const std::string pdf = out_path("refused.pdf");
      std::filesystem::remove(pdf);
      auto made = record::extract_pdf(r, id, pdf);
      ASSERT_FALSE(made) << m.field;
      EXPECT_EQ(made.error(), text.error());
      EXPECT_FALSE(std::filesystem::exists(pdf)) << "nothing written when refused";
      EXPECT_NE(record::missing_sentence(record::missing_fields(r)).find(m.said), std::string::npos);
    }
  }
}

TEST(RecordMandatory, SeveralMissingAreListedInOneSentence) {
  auto r = seed_record();
  auto& d = *r.mutable_deliberations(0);
  d.mutable_session()->clear_siren();
  d.mutable_session()->clear_department();
  d.mutable_session()->clear_convocation_date();
  d.mutable_item()->clear_decision();
  auto text = record::extract_text(r, seed::kItem);
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().find("il manque le SIREN de la collectivité (9 chiffres, --siren), le département, sur 3 caractères "
                              "comme 063 (--department), la date de la convocation (--convocation-date) et le texte de la "
                              "décision du point 20220322-59"),
            std::string::npos)
      << text.error();
  EXPECT_EQ(record::missing_fields(r).size(), 4u);
  EXPECT_TRUE(record::missing_fields(seed_record()).empty());
  EXPECT_TRUE(record::missing_fields(three_items()).empty());
  // Open data needs the SIRET too.
  auto no_siret = three_items();
  for (auto& x : *no_siret.mutable_deliberations()) x.mutable_session()->clear_siret();
  EXPECT_TRUE(record::missing_fields(no_siret).empty());
  ASSERT_EQ(record::missing_for_open_data(no_siret).size(), 1u);
  EXPECT_NE(record::missing_for_open_data(no_siret)[0].find("SIRET"), std::string::npos);
}

TEST(RecordMandatory, DraftIsMadeAndMarkedProjetOnEveryPage) {
  auto r = seed_record();
  auto& d = *r.mutable_deliberations(0);
  d.mutable_session()->clear_siren();
  d.mutable_item()->clear_decision();
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Considérant le point " + std::to_string(i) + " de l'exposé, qui est long.\n";
  d.mutable_item()->set_text(text);
  const record::Options draft{.draft = true};
  auto t = record::extract_text(r, seed::kItem, draft);
  ASSERT_TRUE(t) << t.error();
  EXPECT_TRUE(t->starts_with("PROJET — document de travail")) << t->substr(0, 200);
  EXPECT_NE(t->find("il manque le SIREN"), std::string::npos);
  EXPECT_TRUE(record::deliberation_list_text(r, draft).starts_with("PROJET")) << record::deliberation_list_text(r, draft);
  EXPECT_TRUE(record::minutes_text(r, draft).starts_with("PROJET"));
  EXPECT_EQ(record::minutes_text(seed_record()).find("PROJET"), std::string::npos);

  const std::string pdf = out_path("draft.pdf");
  ASSERT_TRUE(record::extract_pdf(r, seed::kItem, pdf, draft));
  const int pages = page_count(pdf);
  ASSERT_GE(pages, 3);
  for (int p = 1; p <= pages; ++p) EXPECT_NE(one_page(pdf, p).find("PROJET"), std::string::npos) << "page " << p;
  EXPECT_NE(run("pdfinfo '" + pdf + "'").find("PROJET"), std::string::npos) << "the title says it too";

  // A complete record asked for as a draft: marked, nothing said missing.
  auto complete = record::extract_text(seed_record(), seed::kItem, draft);
  ASSERT_TRUE(complete);
  EXPECT_TRUE(complete->starts_with("PROJET — document de travail, sans valeur d'extrait du registre.\n"));
  // And an official one never says PROJET.
  const std::string official = out_path("official.pdf");
  ASSERT_TRUE(record::extract_pdf(seed_record(), seed::kItem, official));
  EXPECT_EQ(pdf_words(official).find("PROJET"), std::string::npos);
}

}  // namespace
}  // namespace scrutin
