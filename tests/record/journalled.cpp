#include "record/journalled.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "support/seed.hpp"

namespace scrutin::testing {

std::string Journalled::run(const Command& c) {
  auto events = session.execute(c, now++);
  if (!events) return events.error().message;
  for (const Event& e : *events) {
    const std::string prev = journal.empty() ? genesis_hash() : journal.back().hash();
    journal.push_back(make_entry(journal.size() + 1, to_pb(e), prev));
  }
  return {};
}

void Journalled::run_all(const std::vector<Command>& cs) {
  for (const Command& c : cs) {
    const std::string refused = run(c);
    EXPECT_EQ(refused, "");
  }
}

Journalled seed_session() {
  Journalled j;
  j.run_all(seed::setup_commands());
  j.run_all(seed::vote_and_close_commands());
  return j;
}

Journalled three_item_session() {
  Journalled j;
  SessionInfo info;
  info.body = "Conseil municipal";
  info.body_name = "Commune de Saint-Rémy-sur-Durolle";
  info.body_address = "Place de la Mairie\n63550 SAINT-RÉMY-SUR-DUROLLE";
  info.siren = "216303580";
  info.siret = "21630358000017";
  info.department = "063";
  info.date = "2026-02-03";
  info.time = "20:00";
  info.place = "Salle du conseil, mairie";
  info.convocation_date = "2026-01-27";
  info.president = "M01";
  info.president_title = "Maire";
  info.secretary = "M02";
  info.seats = 11;
  std::vector<Member> roster;
  const char* names[] = {"Anne DUPONT", "Bruno MARTIN", "Chloé PETIT", "David ROUX", "Émilie FAURE", "François GIRARD",
                         "Gaëlle BONNET", "Hugo LAMBERT", "Inès MOREAU", "Jules FOURNIER", "Karine \"Kiki\" MERCIER, dite K"};
  for (int i = 0; i < 11; ++i) {
    const std::string id = fmt::format("M{:02}", i + 1);
    roster.push_back(Member{id, names[i], "", MemberKind::Titular, "", 1, ""});
  }
  std::vector<Command> c;
  c.push_back(cmd::ConfigureSession{info, french_council()});
  c.push_back(cmd::ImportRoster{roster});
  for (int i = 1; i <= 8; ++i) c.push_back(cmd::CheckIn{fmt::format("M{:02}", i)});
  c.push_back(cmd::ExcuseAbsence{"M09"});
  c.push_back(cmd::RegisterProxy{Proxy{"M10", "M03", 1}});
  c.push_back(cmd::AddItem{Item{"2026-01", "Approbation du procès-verbal de la séance du 9 décembre 2025", "M01", "Maire",
                                "Le procès-verbal a été transmis à chaque conseiller.", "Approuve le procès-verbal.", "DE", "5.2",
                                "Institutions et vie politique - Fonctionnement des assemblées"}});
  c.push_back(cmd::AddItem{Item{"2026-02", "Tarifs de la cantine scolaire, \"repas bio\" ; année 2026", "M04", "Adjoint",
                                "Il est proposé d'augmenter les tarifs de 3 %.",
                                "Fixe les tarifs de la cantine à 3,20 € ;\nCharge le Maire de l'exécution.", "DE", "7.1",
                                "Finances locales - Décisions budgétaires"}});
  c.push_back(cmd::AddItem{Item{"2026-03", "Désignation d'un délégué au syndicat des eaux", "M01", "Maire",
                                "Un siège est vacant.", "Désigne M. David ROUX.", "DE", "5.3",
                                "Institutions et vie politique - Désignation de représentants"}});
  c.push_back(cmd::DeclareConflict{"2026-02", "M05"});
  j.run_all(c);
  c.clear();
  // Item 1: public, unanimous (8 present + 1 proxy = 9 voices).
  c.push_back(cmd::OpenBallot{"2026-01", BallotMode::Public, true, std::nullopt});
  for (int i = 1; i <= 8; ++i) c.push_back(cmd::CastVote{"2026-01", fmt::format("M{:02}", i), fmt::format("M{:02}", i), Choice::Pour, false});
  c.push_back(cmd::CastVote{"2026-01", "M10", "M03", Choice::Pour, false});
  c.push_back(cmd::CloseBallot{"2026-01"});
  // Item 2: public, M05 interested; 4 pour, 2 contre, 1 abstention, 1 not taking part.
  c.push_back(cmd::OpenBallot{"2026-02", BallotMode::Public, true, std::nullopt});
  c.push_back(cmd::CastVote{"2026-02", "M01", "M01", Choice::Pour, false});
  c.push_back(cmd::CastVote{"2026-02", "M02", "M02", Choice::Pour, true});  // entered by the clerk
  c.push_back(cmd::CastVote{"2026-02", "M03", "M03", Choice::Pour, false});
  c.push_back(cmd::CastVote{"2026-02", "M10", "M03", Choice::Pour, false});
  c.push_back(cmd::CastVote{"2026-02", "M04", "M04", Choice::Contre, false});
  c.push_back(cmd::CastVote{"2026-02", "M06", "M06", Choice::Contre, false});
  c.push_back(cmd::CastVote{"2026-02", "M07", "M07", Choice::Abstention, false});
  c.push_back(cmd::CastVote{"2026-02", "M08", "M08", Choice::NotTakingPart, false});
  c.push_back(cmd::CloseBallot{"2026-02"});
  // Item 3: secret; 5 pour, 3 contre, 1 abstention.
  c.push_back(cmd::OpenBallot{"2026-03", BallotMode::Secret, false, std::nullopt});
  const Choice secret[] = {Choice::Pour, Choice::Pour, Choice::Contre, Choice::Pour, Choice::Contre,
                           Choice::Abstention, Choice::Pour, Choice::Contre};
  for (int i = 1; i <= 8; ++i) c.push_back(cmd::CastVote{"2026-03", fmt::format("M{:02}", i), fmt::format("M{:02}", i), secret[i - 1], false});
  c.push_back(cmd::CastVote{"2026-03", "M10", "M03", Choice::Pour, false});
  c.push_back(cmd::CloseBallot{"2026-03"});
  j.run_all(c);
  return j;
}

}  // namespace scrutin::testing
