// The seed case: the real register extract of 22 March 2022 reproduced from a
// scripted session. Names are read from the extract itself, not retyped.
#include <gtest/gtest.h>

#include "domain/record.hpp"
#include "support/seed.hpp"
#include "support/text.hpp"

namespace scrutin {
namespace {

using text::between;
using text::split;
using text::trim;

class SeedCase : public ::testing::Test {
 protected:
  void SetUp() override {
    extract = seed::read_fixture("seed-deliberation.txt");
    Millis now = 1647970200000;  // 2022-03-22 18:30 CET
    for (const Command& c : seed::setup_commands()) ASSERT_TRUE(session.execute(c, now++)) << "setup";
    for (const Command& c : seed::vote_and_close_commands()) {
      auto r = session.execute(c, now++);
      ASSERT_TRUE(r) << r.error().message;
    }
    auto r = make_record(session, seed::kItem);
    ASSERT_TRUE(r) << r.error().message;
    record = *r;
  }
  Session session;
  std::string extract;
  DeliberationRecord record;
};

TEST_F(SeedCase, CountsMatchTheExtract) {
  EXPECT_EQ(record.in_office, 58);
  EXPECT_EQ(record.present_titulars, 43);
  EXPECT_EQ(record.substitutes, 3);
  EXPECT_EQ(record.present_total(), 46);
  EXPECT_EQ(record.represented, 10);
  EXPECT_EQ(record.excused_names.size(), 5u);
  EXPECT_EQ(record.counts.voters, 56);
  EXPECT_EQ(record.counts.not_taking_part, 0);
  EXPECT_EQ(record.counts.expressed(), 56);
  EXPECT_EQ(record.counts.pour, 56);
  EXPECT_EQ(record.counts.contre, 0);
  EXPECT_EQ(record.counts.abstentions, 0);
  EXPECT_TRUE(record.outcome.adopted);
  EXPECT_TRUE(record.outcome.unanimous);
  EXPECT_FALSE(record.outcome.casting_vote_decided);
  // Quorum under the 2020-2022 regime: a third of 58 present, so 20.
  EXPECT_EQ(record.quorum_required, 20);
  EXPECT_EQ(record.quorum_present, 46);
  EXPECT_TRUE(record.quorum_met);
}

TEST_F(SeedCase, CountsAppearInTheExtractText) {
  // The numbers the extract prints, next to their labels.
  EXPECT_NE(extract.find("Conseillers en exercice :\n\n" + std::to_string(record.in_office)), std::string::npos);
  EXPECT_NE(extract.find("Conseillers présents :\n\n" + std::to_string(record.present_titulars)), std::string::npos);
  EXPECT_NE(extract.find("Conseillers représentés :\n\n" + std::to_string(record.represented)), std::string::npos);
  EXPECT_NE(extract.find("Total votants :\n\n" + std::to_string(record.counts.voters)), std::string::npos);
  EXPECT_NE(extract.find("TOTAL VOTANTS : " + std::to_string(record.counts.voters)), std::string::npos);
  EXPECT_NE(extract.find("Conseillers présents : " + std::to_string(record.present_total())), std::string::npos);
  EXPECT_NE(extract.find("Représentés : " + std::to_string(record.represented)), std::string::npos);
  EXPECT_NE(extract.find("EXPRIMÉES : " + std::to_string(record.counts.expressed())), std::string::npos);
  EXPECT_NE(extract.find("Pour : " + std::to_string(record.counts.pour)), std::string::npos);
  EXPECT_NE(extract.find("délibérantes :\n\n" + std::to_string(record.substitutes)), std::string::npos);
  EXPECT_NE(extract.find(record.acts_id), std::string::npos);
  EXPECT_EQ(record.acts_id, "063-200070712-20220322-20220322_59-DE");
}

TEST_F(SeedCase, NameListsMatchTheExtract) {
  EXPECT_EQ(record.present_names,
            split(between(extract, "Conseiller.e.s présent.e.s :", "Conseiller.e.s ayant donné pouvoir"), ", "));
  std::vector<NamedProxy> proxies;
  for (const auto& line : split(between(extract, "ayant donné pouvoir :", "Conseillers absents"), "\n")) {
    auto parts = split(line, " à ");
    ASSERT_EQ(parts.size(), 2u) << line;
    proxies.push_back({parts[0], parts[1]});
  }
  EXPECT_EQ(record.proxies, proxies);
  EXPECT_EQ(record.excused_names, split(between(extract, "absents excusés :", "\n"), ", "));
  EXPECT_EQ(record.substitute_names, split(between(extract, "voix délibérante :", "\n"), ", "));
  EXPECT_TRUE(record.absent_names.empty());
  EXPECT_EQ(record.secretary_name, trim(between(extract, "Secrétaire de séance : ", "\n")));
  EXPECT_EQ(record.president_name + ", " + record.session.president_title,
            trim(between(extract, "Séance présidée par : ", "\n")));
  EXPECT_EQ(record.rapporteur_name + ", " + record.item.rapporteur_title, trim(between(extract, "Rapporteur : ", "\n")));
}

TEST_F(SeedCase, OneHolderCarriesTwoProxiesUnderTheTemporaryRegime) {
  EXPECT_EQ(session.proxies_held("T02"), 2);  // Olivier CHAMBON
  // The same proxies under the standard rules: the second one is refused.
  Session standard;
  auto cmds = seed::setup_commands();
  std::get<cmd::ConfigureSession>(cmds[0]).rules = french_council();
  bool refused = false;
  for (const Command& c : cmds) {
    auto r = standard.execute(c, 0);
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::ProxyLimit);
      EXPECT_NE(r.error().message.find("Olivier CHAMBON"), std::string::npos) << r.error().message;
      refused = true;
    }
  }
  EXPECT_TRUE(refused);
}

TEST_F(SeedCase, EveryVoteIsRecordedByName) {
  EXPECT_EQ(record.names_pour.size(), 56u);
  EXPECT_TRUE(record.names_contre.empty());
  EXPECT_TRUE(record.names_abstention.empty());
  EXPECT_TRUE(record.names_not_taking_part.empty());
  EXPECT_NE(std::find(record.names_pour.begin(), record.names_pour.end(), "Maryse BARGE (pouvoir à Olivier CHAMBON)"),
            record.names_pour.end());
}

}  // namespace
}  // namespace scrutin
