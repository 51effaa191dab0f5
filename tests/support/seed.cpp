#include "support/seed.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/roster_csv.hpp"

namespace scrutin::seed {

std::string fixture_path(const std::string& name) { return std::string(SCRUTIN_FIXTURES_DIR) + "/" + name; }

std::string read_fixture(const std::string& name) {
  std::ifstream in(fixture_path(name), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + fixture_path(name));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Member> roster() {
  auto members = parse_roster_csv(read_fixture("seed-roster.csv"));
  if (!members) throw std::runtime_error(members.error().message);
  return *members;
}

SessionInfo session_info() {
  SessionInfo i;
  i.body = "Conseil Communautaire";
  i.body_name = "Communauté de communes Thiers Dore et Montagne";
  i.body_address = "47 avenue du Général de Gaulle\n63300 THIERS\ncontact@cctdm.fr\n04.73.53.24.71\nwww.cctdm.fr";
  i.siren = "200070712";
  i.siret = "20007071200014";
  i.department = "063";
  i.date = "2022-03-22";
  i.time = "18:30";
  i.place = "Salle Armstrong – ESPACE – Place St Exupéry 63300 THIERS";
  i.convocation_date = "2022-03-11";
  i.president = kPresident;
  i.president_title = "Président";
  i.secretary = kSecretary;
  i.seats = 58;
  return i;
}

Item item() {
  Item it;
  it.id = kItem;
  it.title = "CONVENTION DE PARTENARIAT TERRITOIRE D'INDUSTRIE LEZOUX THIERS AMBERT MONTBRISON";
  it.rapporteur = kRapporteur;
  it.rapporteur_title = "Vice-Président";
  it.text = "L'initiative « Territoires d'industrie » s'inscrit dans le cadre d'une stratégie nationale de reconquête "
            "industrielle et de développement des territoires.";
  it.decision = "Approuve la présente convention de partenariat établie pour définir les modalités de fonctionnement du "
                "programme Territoire d'Industrie Lezoux Thiers Ambert Montbrison, et notamment son volet ingénierie et "
                "dépenses associées ;\nAutorise le Président à signer ladite convention et tout document s'y rapportant.";
  it.matter_code = "7.10";
  it.matter_name = "Finances locales - Divers";
  return it;
}

namespace {
// T01..T43 present, T44..T53 mandants, T54..T58 excused (T54..T56 replaced).
std::string t(int n) { return (n < 10 ? "T0" : "T") + std::to_string(n); }
const std::vector<std::pair<int, int>> kProxies = {{44, 2}, {45, 6}, {46, 2}, {47, 15}, {48, 20},
                                                   {49, 30}, {50, 34}, {51, 29}, {52, 39}, {53, 5}};
}  // namespace

std::vector<Command> setup_commands() {
  std::vector<Command> c;
  c.push_back(cmd::ConfigureSession{session_info(), french_council_2020_2022()});
  c.push_back(cmd::ImportRoster{roster()});
  for (int n = 1; n <= 43; ++n) c.push_back(cmd::CheckIn{t(n)});
  for (int n = 54; n <= 58; ++n) c.push_back(cmd::ExcuseAbsence{t(n)});
  for (const char* s : {"S01", "S02", "S03"}) c.push_back(cmd::CheckIn{s});
  for (auto [mandant, holder] : kProxies) c.push_back(cmd::RegisterProxy{Proxy{t(mandant), t(holder), 1}});
  c.push_back(cmd::AddItem{item()});
  c.push_back(cmd::OpenBallot{kItem, BallotMode::Public, true, std::nullopt});
  return c;
}

std::vector<Command> vote_and_close_commands() {
  std::vector<Command> c;
  for (int n = 1; n <= 43; ++n) c.push_back(cmd::CastVote{kItem, t(n), t(n), Choice::Pour, false});
  for (const char* s : {"S01", "S02", "S03"}) c.push_back(cmd::CastVote{kItem, s, s, Choice::Pour, false});
  for (auto [mandant, holder] : kProxies) c.push_back(cmd::CastVote{kItem, t(mandant), t(holder), Choice::Pour, false});
  c.push_back(cmd::CloseBallot{kItem});
  return c;
}

}  // namespace scrutin::seed
