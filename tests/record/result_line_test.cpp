// The result paragraph of the record: the majority required, its base and the
// number needed; unanimity of the expressed; ties on weights; an empty ballot;
// interested members outside the votes; cancelled ballots out of every document.
#include <gtest/gtest.h>

#include "client/record/french.hpp"
#include "client/record/record.hpp"
#include "record/journalled.hpp"

namespace scrutin {
namespace {

using testing::Journalled;

std::string plain(std::string s) {
  for (const std::string nb : {"\u00A0", "\u202F"})
    for (auto p = s.find(nb); p != std::string::npos; p = s.find(nb, p)) s.replace(p, nb.size(), " ");
  return s;
}

// A session of n titulars (E1 presides), every one present, item "X".
Journalled room(int n, const RuleSet& rules, std::vector<std::int64_t> weights = {}) {
  Journalled j;
  SessionInfo info;
  info.body = "Conseil municipal";
  info.body_name = "Commune de Vic";
  info.date = "2026-04-02";
  info.convocation_date = "2026-03-27";
  info.siren = "200070712";
  info.department = "063";
  info.president = "E1";
  info.secretary = "E2";
  j.run_all({cmd::ConfigureSession{info, rules}});
  std::vector<Member> roster;
  for (int i = 1; i <= n; ++i)
    roster.push_back(Member{"E" + std::to_string(i), "Élu " + std::to_string(i), "", MemberKind::Titular, "",
                            weights.empty() ? 1 : weights[static_cast<std::size_t>(i - 1)], ""});
  j.run_all({cmd::ImportRoster{roster}, cmd::AddItem{Item{"X", "Point", "", "", "", "Décide.", "DE", "", ""}}});
  for (int i = 1; i <= n; ++i) j.run_all({cmd::CheckIn{"E" + std::to_string(i)}});
  return j;
}

void votes(Journalled& j, const std::vector<Choice>& choices, const ItemId& item = "X") {
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const std::string id = "E" + std::to_string(i + 1);
    j.run_all({cmd::CastVote{item, id, id, choices[i], false}});
  }
}

std::vector<Choice> many(int pour, int contre, int abst) {
  std::vector<Choice> v(static_cast<std::size_t>(pour), Choice::Pour);
  v.insert(v.end(), static_cast<std::size_t>(contre), Choice::Contre);
  v.insert(v.end(), static_cast<std::size_t>(abst), Choice::Abstention);
  return v;
}

std::string extract(const Journalled& j) {
  auto r = record::build_from_journal(j.journal);
  EXPECT_TRUE(r) << r.error();
  auto t = record::extract_text(*r, "X");
  EXPECT_TRUE(t) << t.error();
  return plain(t ? *t : "");
}

TEST(ResultLine, QualifiedMajorityStatesTheRuleTheBaseAndTheNumberNeeded) {
  for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret}) {
    Journalled j = room(61, french_council());
    j.run_all({cmd::OpenBallot{"X", mode, true, Fraction{2, 3}}});
    votes(j, many(40, 20, 1));
    j.run_all({cmd::CloseBallot{"X"}});
    const std::string t = extract(j);
    EXPECT_NE(t.find("40 pour sur 60 exprimés ; majorité des deux tiers requise : 40 — adoptée."), std::string::npos) << t;
    auto r = record::build_from_journal(j.journal);
    EXPECT_EQ(r->deliberations(0).majority_needed(), 40);
    EXPECT_NE(plain(record::deliberation_list_text(*r)).find("majorité des deux tiers requise : 40 — adoptée"),
              std::string::npos);
    EXPECT_NE(plain(record::minutes_text(*r)).find("majorité des deux tiers requise : 40 — adoptée"), std::string::npos);
  }
}

TEST(ResultLine, AbsoluteMajorityOnEitherBase) {
  Journalled council = room(61, french_council_2020_2022());
  council.run_all({cmd::OpenBallot{"X", BallotMode::Public, true, std::nullopt}});
  votes(council, many(30, 30, 1));  // 30 of 60: not more than half
  council.run_all({cmd::CloseBallot{"X"}});
  const std::string t = extract(council);
  EXPECT_NE(t.find("30 pour sur 60 exprimés ; majorité absolue des suffrages exprimés requise : 31 — "), std::string::npos) << t;

  Journalled assembly = room(10, general_assembly({1, 2}, true, {1, 2}));
  assembly.run_all({cmd::OpenBallot{"X", BallotMode::Public, true, std::nullopt}});
  votes(assembly, many(5, 3, 2));
  assembly.run_all({cmd::CloseBallot{"X"}});
  const std::string a = extract(assembly);
  EXPECT_NE(a.find("5 pour sur 10 votes (abstentions comprises) ; majorité absolue des votes (abstentions comprises) requise : 6 — rejetée."),
            std::string::npos) << a;
}

TEST(ResultLine, FractionsInWords) {
  EXPECT_EQ(record::fr::majority_words({3, 5}, MajorityBase::Expressed), "majorité des trois cinquièmes");
  EXPECT_EQ(record::fr::majority_words({3, 4}, MajorityBase::Expressed), "majorité des trois quarts");
  EXPECT_EQ(record::fr::majority_words({1, 3}, MajorityBase::Expressed), "majorité du tiers");
  EXPECT_EQ(record::fr::majority_words({5, 12}, MajorityBase::Cast), "majorité de 5/12");
  EXPECT_EQ(record::fr::majority_words({2, 4}, MajorityBase::Expressed), "majorité absolue des suffrages exprimés");
}

TEST(ResultLine, AnEqualSplitOfWeightsIsSaidToBeATie) {
  for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal}) {  // no secret ballot where voices weigh
    Journalled j = room(3, weighted_assembly({0, 1}, {1, 2}), {600, 400, 200});
    j.run_all({cmd::OpenBallot{"X", mode, true, std::nullopt}});
    votes(j, many(1, 2, 0));
    j.run_all({cmd::CloseBallot{"X"}});
    const std::string t = extract(j);
    EXPECT_NE(t.find("Délibération rejetée (partage égal des voix)."), std::string::npos) << t;
    EXPECT_NE(t.find("600 voix pour sur 1200 voix exprimées (en nombre de membres : 1 pour sur 3 exprimés) ; "
                     "majorité absolue des suffrages exprimés requise : 601 voix — rejetée (partage égal des voix)."),
              std::string::npos) << t;
  }
  // Equal heads, unequal weights: not a tie.
  Journalled j = room(2, weighted_assembly({0, 1}, {1, 2}), {600, 400});
  j.run_all({cmd::OpenBallot{"X", BallotMode::Public, true, std::nullopt}});
  votes(j, many(1, 1, 0));
  j.run_all({cmd::CloseBallot{"X"}});
  const std::string t = extract(j);
  EXPECT_EQ(t.find("partage égal"), std::string::npos) << t;
  EXPECT_NE(t.find("Délibération adoptée"), std::string::npos) << t;
}

TEST(ResultLine, NoExpressedVoteIsNotATie) {
  for (const RuleSet& rules : {french_council(), french_council_2020_2022()})
    for (BallotMode mode : {BallotMode::Public, BallotMode::Nominal, BallotMode::Secret}) {
      Journalled j = room(6, rules);
      j.run_all({cmd::OpenBallot{"X", mode, true, std::nullopt}});
      j.run_all({cmd::CloseBallot{"X"}});
      const std::string t = extract(j);
      EXPECT_EQ(t.find("partage égal"), std::string::npos) << t;
      EXPECT_NE(t.find("Délibération rejetée : aucun suffrage exprimé."), std::string::npos) << t;
      EXPECT_NE(t.find("aucun suffrage exprimé ; majorité absolue des suffrages exprimés requise : 1 — rejetée."),
                std::string::npos) << t;
    }
}

TEST(ResultLine, UnanimityOfTheExpressedWhenVotersAbstainedOrTookNoPart) {
  for (const RuleSet& rules : {french_council(), french_council_2020_2022()}) {
    Journalled all = room(5, rules);
    all.run_all({cmd::DeclareConflict{"X", "E5"}});  // interested: not a voter, so unanimity stays whole
    all.run_all({cmd::OpenBallot{"X", BallotMode::Public, true, std::nullopt}});
    votes(all, many(4, 0, 0));
    all.run_all({cmd::CloseBallot{"X"}});
    const std::string t = extract(all);
    EXPECT_NE(t.find("après en avoir délibéré, à l'unanimité :"), std::string::npos) << t;
    EXPECT_NE(t.find("TOTAL VOTANTS : 4"), std::string::npos) << t;
    EXPECT_NE(t.find("Non-participation : 0"), std::string::npos) << t;
    EXPECT_EQ(t.find("N'ont pas pris part au vote"), std::string::npos) << t;

    Journalled abst = room(5, rules);
    abst.run_all({cmd::OpenBallot{"X", BallotMode::Secret, true, std::nullopt}});
    votes(abst, many(4, 0, 1));
    abst.run_all({cmd::CloseBallot{"X"}});
    EXPECT_NE(extract(abst).find("à l'unanimité des suffrages exprimés"), std::string::npos);

    Journalled npp = room(5, rules);
    npp.run_all({cmd::OpenBallot{"X", BallotMode::Nominal, true, std::nullopt}});
    votes(npp, many(4, 0, 0));  // E5 does not vote
    npp.run_all({cmd::CloseBallot{"X"}});
    EXPECT_NE(extract(npp).find("à l'unanimité des suffrages exprimés"), std::string::npos);
  }
}

TEST(ResultLine, ACancelledBallotIsInNoDocument) {
  Journalled j = room(6, french_council());
  j.run_all({cmd::AddItem{Item{"Y", "Autre point", "", "", "", "Décide.", "DE", "", ""}}});
  j.run_all({cmd::OpenBallot{"X", BallotMode::Public, true, std::nullopt}});
  votes(j, many(6, 0, 0));
  j.run_all({cmd::CancelBallot{"X", "ouvert par erreur"}});
  j.run_all({cmd::OpenBallot{"Y", BallotMode::Public, true, std::nullopt}});
  votes(j, many(2, 4, 0), "Y");
  j.run_all({cmd::CloseBallot{"Y"}});
  auto r = record::build_from_journal(j.journal);
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->deliberations_size(), 1);
  EXPECT_EQ(r->deliberations(0).item().id(), "Y");
  EXPECT_FALSE(record::extract_text(*r, "X"));
  EXPECT_EQ(record::deliberation_list_text(*r).find("N° X "), std::string::npos);
  EXPECT_EQ(record::scdl_csv(*r).find(",X,"), std::string::npos);
  pb::SessionRecord without_journal = *r;
  without_journal.clear_journal();  // the journal keeps the cancelled ballot, as it happened
  EXPECT_EQ(record::to_json(without_journal).find("\"id\": \"X\""), std::string::npos);
  const record::Verdict v = record::verify(j.journal, &*r);
  EXPECT_TRUE(v.ok) << v.line;

  // Put to the vote again: a deliberation with the new ballot's votes only.
  j.run_all({cmd::OpenBallot{"X", BallotMode::Public, true, std::nullopt}});
  votes(j, many(1, 5, 0));
  j.run_all({cmd::CloseBallot{"X"}});
  auto again = record::build_from_journal(j.journal);
  ASSERT_EQ(again->deliberations_size(), 2);
  const auto& x = again->deliberations(0);
  EXPECT_EQ(x.item().id(), "X");
  EXPECT_EQ(x.counts().pour(), 1);
  EXPECT_EQ(x.counts().contre(), 5);
  EXPECT_FALSE(x.outcome().adopted());
}

}  // namespace
}  // namespace scrutin
