// The French of the record: articles, elision and agreement with the body
// (one set of helpers, client/record/french.hpp), and the sitting's time as the
// register writes it. Many bodies, not just the seed's.
#include <gtest/gtest.h>

#include "client/record/french.hpp"

namespace scrutin::record::fr {
namespace {

struct BodyCase {
  const char* body;
  Gender gender;
  const char* subject;  // the(...) capitalised
  const char* of;       // of_the(...)
  const char* met;      // "s'est réuni(e)"
};

// The usual bodies, with the vowels, accented capitals and mute h that elide.
const BodyCase kBodies[] = {
    {"Conseil municipal", Gender::Masculine, "Le Conseil municipal", "du Conseil municipal", "réuni"},
    {"Conseil Communautaire", Gender::Masculine, "Le Conseil Communautaire", "du Conseil Communautaire", "réuni"},
    {"conseil d'administration", Gender::Masculine, "Le conseil d'administration", "du conseil d'administration", "réuni"},
    {"Comité syndical", Gender::Masculine, "Le Comité syndical", "du Comité syndical", "réuni"},
    {"Bureau communautaire", Gender::Masculine, "Le Bureau communautaire", "du Bureau communautaire", "réuni"},
    {"Syndicat mixte", Gender::Masculine, "Le Syndicat mixte", "du Syndicat mixte", "réuni"},
    {"Collège des maires", Gender::Masculine, "Le Collège des maires", "du Collège des maires", "réuni"},
    {"Commission permanente", Gender::Feminine, "La Commission permanente", "de la Commission permanente", "réunie"},
    {"commission d'appel d'offres", Gender::Feminine, "La commission d'appel d'offres", "de la commission d'appel d'offres", "réunie"},
    {"Conférence des maires", Gender::Feminine, "La Conférence des maires", "de la Conférence des maires", "réunie"},
    {"Délégation spéciale", Gender::Feminine, "La Délégation spéciale", "de la Délégation spéciale", "réunie"},
    {"Réunion des délégués", Gender::Feminine, "La Réunion des délégués", "de la Réunion des délégués", "réunie"},
    {"Assemblée générale", Gender::Feminine, "L'Assemblée générale", "de l'Assemblée générale", "réunie"},
    {"assemblée des copropriétaires", Gender::Feminine, "L'assemblée des copropriétaires", "de l'assemblée des copropriétaires", "réunie"},
    {"ASSEMBLÉE PLÉNIÈRE", Gender::Feminine, "L'ASSEMBLÉE PLÉNIÈRE", "de l'ASSEMBLÉE PLÉNIÈRE", "réunie"},
    {"Établissement public territorial", Gender::Masculine, "L'Établissement public territorial", "de l'Établissement public territorial", "réuni"},
    {"Office de tourisme", Gender::Masculine, "L'Office de tourisme", "de l'Office de tourisme", "réuni"},
    {"Union des associations", Gender::Feminine, "L'Union des associations", "de l'Union des associations", "réunie"},
    {"Hémicycle des jeunes", Gender::Masculine, "L'Hémicycle des jeunes", "de l'Hémicycle des jeunes", "réuni"},
    {"Instance de coordination", Gender::Feminine, "L'Instance de coordination", "de l'Instance de coordination", "réunie"},
    {"Haut conseil de la jeunesse", Gender::Masculine, "Le Haut conseil de la jeunesse", "du Haut conseil de la jeunesse", "réuni"},  // aspirated h
    {"Directoire", Gender::Masculine, "Le Directoire", "du Directoire", "réuni"},
};

TEST(French, BodyArticlesElisionAndAgreement) {
  for (const BodyCase& c : kBodies) {
    EXPECT_EQ(infer_gender(c.body), c.gender) << c.body;
    EXPECT_EQ(capitalised(the(c.body, c.gender)), c.subject) << c.body;
    EXPECT_EQ(of_the(c.body, c.gender), c.of) << c.body;
    EXPECT_EQ(agreed("réuni", c.gender), c.met) << c.body;
    // Through the session, gender inferred.
    pb::SessionInfo s;
    s.set_body(c.body);
    EXPECT_EQ(the_body(s), c.subject) << c.body;
    EXPECT_EQ(of_the_body(s), c.of) << c.body;
  }
}

TEST(French, ExplicitGenderOverridesTheInference) {
  pb::SessionInfo s;
  s.set_body("Agora citoyenne");  // unknown to the table, masculine by default
  EXPECT_EQ(body_gender(s), Gender::Masculine);
  s.set_body_gender("f");
  EXPECT_EQ(body_gender(s), Gender::Feminine);
  EXPECT_EQ(the_body(s), "L'Agora citoyenne");
  EXPECT_EQ(agreed("réuni", body_gender(s)), "réunie");
  // The clerk's word wins over the table.
  s.set_body_gender("m");
  s.set_body("Commission");
  EXPECT_EQ(the_body(s), "Le Commission");
  s.set_body_gender("");
  EXPECT_EQ(the_body(s), "La Commission");
}

TEST(French, ArticleOfATitle) {
  EXPECT_EQ(capitalised(the("Adjoint au maire", Gender::Masculine)), "L'Adjoint au maire");
  EXPECT_EQ(capitalised(the("Présidente", Gender::Feminine)), "La Présidente");
  EXPECT_EQ(capitalised(the("Maire", Gender::Masculine)), "Le Maire");
}

TEST(French, ElisionBeforeVowelsAccentsAndMuteH) {
  for (const char* w : {"Assemblée", "assemblée", "Établissement", "établissement", "Élus", "Ïle", "Île", "Œuvre", "Union",
                        "Office", "Yvelines", "Hémicycle", "hôpital", "Agglomération", "À venir", "Ensemble"})
    EXPECT_TRUE(elides(w)) << w;
  for (const char* w : {"Conseil", "Commission", "Bureau", "Haute autorité", "hameau", "", "Syndicat", "Ville"})
    EXPECT_FALSE(elides(w)) << w;
}

TEST(French, UpperCaseKeepsTheElision) {
  EXPECT_EQ(upper(of_the("Assemblée générale", Gender::Feminine)), "DE L'ASSEMBLÉE GÉNÉRALE");
  EXPECT_EQ(upper(of_the("Commission permanente", Gender::Feminine)), "DE LA COMMISSION PERMANENTE");
  EXPECT_EQ(upper(of_the("Conseil municipal", Gender::Masculine)), "DU CONSEIL MUNICIPAL");
  EXPECT_EQ(upper(of_the("Établissement public", Gender::Masculine)), "DE L'ÉTABLISSEMENT PUBLIC");
}

TEST(French, CollectivityNameAfterDe) {
  EXPECT_EQ(of_body("Communauté de communes Thiers Dore et Montagne"), "de la Communauté de communes Thiers Dore et Montagne");
  EXPECT_EQ(of_body("Commune de Saint-Rémy-sur-Durolle"), "de la Commune de Saint-Rémy-sur-Durolle");
  EXPECT_EQ(of_body("Syndicat des eaux"), "du Syndicat des eaux");
  EXPECT_EQ(of_body("Établissement public foncier"), "de l'Établissement public foncier");
  EXPECT_EQ(of_body("Agglomération du Pays de Thiers"), "de l'Agglomération du Pays de Thiers");
  EXPECT_EQ(of_body("Association des Amis du vieux Thiers"), "de l'Association des Amis du vieux Thiers");
  EXPECT_EQ(of_body("Métropole de Lyon"), "de la Métropole de Lyon");
  EXPECT_EQ(of_body("Paris Habitat"), "de Paris Habitat");
}

TEST(French, SittingTimeAsTheRegisterWritesIt) {
  // The seed writes "à 18h30"; every time the same way: hours without a
  // leading zero, minutes on two digits, "h" between.
  const std::pair<const char*, const char*> cases[] = {
      {"18:30", "18h30"}, {"18:00", "18h00"}, {"9:05", "9h05"}, {"09:05", "9h05"}, {"9:5", "9h05"},
      {"18h30", "18h30"}, {"18h", "18h00"},   {"18H30", "18h30"}, {"18:30:00", "18h30"}, {"0:00", "0h00"},
      {"23:59", "23h59"}, {"14:07", "14h07"},
  };
  for (const auto& [given, written] : cases) EXPECT_EQ(time_words(given), written) << given;
  for (const char* bad : {"25:00", "18:60", "18", "", "18:", "1830", "midi", "18:30:99"}) {
    EXPECT_FALSE(normalise_time(bad).has_value()) << bad;
    EXPECT_EQ(time_words(bad), bad) << "left as given: " << bad;
  }
  EXPECT_EQ(normalise_time("9h05"), "09:05");
  EXPECT_EQ(normalise_time("18h"), "18:00");
}

}  // namespace
}  // namespace scrutin::record::fr
