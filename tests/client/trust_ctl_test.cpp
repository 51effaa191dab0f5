// The rules of the "Trust" issue through scrutinctl against the real server:
// a vote that cannot change, the majority line, weighted ties, cancelled
// ballots, partial configuration and reconvened sittings, side effects of a
// departure.
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "client/record/record.hpp"
#include "room.hpp"

namespace scrutin::testing {
namespace {

// A roster of n titulars M01..Mn with the given weights (1 when empty).
std::string write_roster(const std::string& dir, int n, std::vector<int> weights = {}) {
  const std::string path = dir + "/roster.csv";
  std::ofstream csv(path);
  csv << "id,name,group,kind,substitute_of,weight,birth_date\n";
  for (int i = 1; i <= n; ++i)
    csv << fmt::format("M{:02},Membre {},,titular,,{},\n", i, i, weights.empty() ? 1 : weights[static_cast<std::size_t>(i - 1)]);
  return path;
}

std::string m(int i) { return fmt::format("M{:02}", i); }

// A configured room with n members, all present.
struct Sitting : Room {
  std::map<std::string, std::string> pins;
  Sitting(int n, const std::string& rules, std::vector<int> weights = {}, std::vector<std::string> extra = {}) {
    std::vector<std::string> configure{"session", "configure", "--body", "Conseil municipal", "--body-name",
                                       "Commune de Vic", "--date", "2026-12-03", "--place", "Mairie",
                                       "--siren", "200070712", "--department", "063", "--convocation-date",
                                       "2026-11-27",
                                       "--president", "M01", "--secretary", "M02", "--seats", std::to_string(n),
                                       "--rules", rules};
    configure.insert(configure.end(), extra.begin(), extra.end());
    ctl.ok(configure);
    ctl.ok({"roster", "import", write_roster(work, n, std::move(weights)), "--pins-out", work + "/pins.csv"});
    pins = read_pins(work + "/pins.csv");
    ctl.ok({"item", "add", "--id", "2026-1", "--title", "Budget", "--decision", "Adopte le budget."});
    ctl.ok({"item", "add", "--id", "2026-2", "--title", "Voirie", "--decision", "Approuve les travaux."});
  }
  void arrive(int from, int to) {
    std::vector<std::string> args{"checkin"};
    for (int i = from; i <= to; ++i) args.push_back(m(i));
    ctl.ok(args);
  }
  ProcessResult vote(const std::string& item, int who, const std::string& choice) {
    return ctl.run({"vote", item, m(who), choice, "--member", m(who), "--pin", pins[m(who)]});
  }
  pb::SessionRecord exported() {
    auto json = ctl.run({"export", "json"});
    EXPECT_EQ(json.status, 0) << json.err;
    auto r = record::from_json(json.out);
    EXPECT_TRUE(r) << r.error();
    return r ? *r : pb::SessionRecord{};
  }
};

TEST(TrustCtl, AVoteThatCannotChangeIsRefusedAndTheFirstStands) {
  Sitting s(6, "french");
  s.arrive(1, 6);
  s.ctl.ok({"ballot", "open", "2026-1", "--no-change"});
  ASSERT_EQ(s.vote("2026-1", 3, "pour").status, 0);
  auto changed = s.vote("2026-1", 3, "contre");
  EXPECT_EQ(changed.status, 1) << changed.out;
  EXPECT_NE(changed.err.find("your first vote stands"), std::string::npos) << changed.err;
  EXPECT_EQ(s.vote("2026-1", 3, "pour").status, 0) << "the same vote again is only a resend";
  const std::string closed = s.ctl.ok({"ballot", "close", "2026-1"});
  EXPECT_NE(closed.find("pour 1, contre 0"), std::string::npos) << closed;

  // A secret ballot never allows a change, and never says it does.
  const std::string open = s.ctl.ok({"ballot", "open", "2026-2", "--mode", "secret"});
  EXPECT_EQ(open.find("changes allowed"), std::string::npos) << open;
  EXPECT_NE(open.find("no change"), std::string::npos) << open;
  ASSERT_EQ(s.vote("2026-2", 4, "pour").status, 0);
  auto again = s.vote("2026-2", 4, "contre");
  EXPECT_EQ(again.status, 1) << again.out;
  EXPECT_NE(again.err.find("your first vote stands"), std::string::npos) << again.err;
  const std::string secret = s.ctl.ok({"ballot", "close", "2026-2"});
  EXPECT_NE(secret.find("pour 1, contre 0"), std::string::npos) << secret;
}

TEST(TrustCtl, TheResultLineStatesTheMajorityItsBaseAndTheNumberNeeded) {
  // 2/3 on the ballot and 2/3 in the rules: one rule, exactly two thirds adopts.
  for (const std::vector<std::string>& how :
       {std::vector<std::string>{"french", ""}, std::vector<std::string>{"french-2020", ""},
        std::vector<std::string>{"assembly", "--majority"}}) {
    const bool from_rules = !how[1].empty();
    Sitting s(10, how[0], {}, from_rules ? std::vector<std::string>{"--majority", "2/3"} : std::vector<std::string>{});
    s.arrive(1, 9);
    std::vector<std::string> open{"ballot", "open", "2026-1"};
    if (!from_rules) open.insert(open.end(), {"--majority", "2/3"});
    const std::string opened = s.ctl.ok(open);
    EXPECT_NE(opened.find("majorité des deux tiers required"), std::string::npos) << opened;
    for (int i = 1; i <= 6; ++i) s.ctl.ok({"clerk-vote", "2026-1", m(i), "pour"});
    for (int i = 7; i <= 9; ++i) s.ctl.ok({"clerk-vote", "2026-1", m(i), "contre"});
    const std::string closed = s.ctl.ok({"ballot", "close", "2026-1"});
    const std::string base = from_rules ? "9 votes (abstentions comprises)" : "9 exprimés";
    EXPECT_NE(closed.find(fmt::format("6 pour sur {} ; majorité des deux tiers requise : 6 — adoptée", base)),
              std::string::npos) << how[0] << ": " << closed;
    const std::string status = s.ctl.ok({"status"});
    EXPECT_NE(status.find("majorité des deux tiers requise : 6 — adoptée"), std::string::npos) << status;
  }
  // The absolute majority: exactly half rejects, and says how many were needed.
  Sitting s(8, "french");
  s.arrive(1, 8);
  s.ctl.ok({"ballot", "open", "2026-1", "--mode", "secret"});
  for (int i = 1; i <= 3; ++i) ASSERT_EQ(s.vote("2026-1", i, "pour").status, 0);
  for (int i = 4; i <= 6; ++i) ASSERT_EQ(s.vote("2026-1", i, "contre").status, 0);
  ASSERT_EQ(s.vote("2026-1", 7, "abstention").status, 0);
  const std::string closed = s.ctl.ok({"ballot", "close", "2026-1"});
  EXPECT_NE(closed.find("3 pour sur 6 exprimés ; majorité absolue des suffrages exprimés requise : 4 — rejetée (partage égal des voix)"),
            std::string::npos) << closed;
}

TEST(TrustCtl, AWeightedTieIsATie) {
  Sitting s(3, "weighted", {600, 400, 200});
  s.arrive(1, 3);
  s.ctl.ok({"ballot", "open", "2026-1"});
  s.ctl.ok({"clerk-vote", "2026-1", m(1), "pour"});
  s.ctl.ok({"clerk-vote", "2026-1", m(2), "contre"});
  s.ctl.ok({"clerk-vote", "2026-1", m(3), "contre"});
  const std::string closed = s.ctl.ok({"ballot", "close", "2026-1"});
  EXPECT_NE(closed.find("rejected (tie)"), std::string::npos) << closed;
  EXPECT_NE(closed.find("weights: voters 1200, expressed 1200, pour 600, contre 600"), std::string::npos) << closed;
  EXPECT_NE(closed.find("heads: voters 3, expressed 3, pour 1, contre 2"), std::string::npos) << closed;
  EXPECT_NE(closed.find("600 voix pour sur 1200 voix exprimées (en nombre de membres : 1 pour sur 3 exprimés)"),
            std::string::npos) << closed;
  EXPECT_NE(closed.find("partage égal des voix"), std::string::npos) << closed;
}

TEST(TrustCtl, ACancelledBallotIsNoDeliberationAndTheItemIsVotedAgain) {
  Sitting s(6, "french-2020");
  s.arrive(1, 5);
  s.ctl.ok({"ballot", "open", "2026-1", "--mode", "nominal"});
  s.ctl.ok({"clerk-vote", "2026-1", m(1), "contre"});
  auto no_reason = s.ctl.run({"ballot", "cancel", "2026-1"});
  EXPECT_EQ(no_reason.status, 2) << no_reason.out;
  const std::string cancelled = s.ctl.ok({"ballot", "cancel", "2026-1", "--reason", "ouvert sur le mauvais point"});
  EXPECT_NE(cancelled.find("cancelled"), std::string::npos) << cancelled;
  EXPECT_EQ(s.exported().deliberations_size(), 0);
  const std::string status = s.ctl.ok({"status"});
  EXPECT_NE(status.find("cancelled ballot on 2026-1: ouvert sur le mauvais point"), std::string::npos) << status;
  auto list = s.ctl.run({"export", "list"});
  EXPECT_EQ(list.out.find("2026-1"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("Aucune délibération"), std::string::npos) << list.out << list.err;

  // Voted again, on a fresh snapshot: the arrival since counts.
  s.arrive(6, 6);
  s.ctl.ok({"ballot", "open", "2026-1"});
  for (int i = 1; i <= 6; ++i) s.ctl.ok({"clerk-vote", "2026-1", m(i), "pour"});
  s.ctl.ok({"ballot", "close", "2026-1"});
  const pb::SessionRecord r = s.exported();
  ASSERT_EQ(r.deliberations_size(), 1);
  EXPECT_EQ(r.deliberations(0).counts().voters(), 6);
  EXPECT_EQ(r.deliberations(0).counts().contre(), 0);
  EXPECT_TRUE(r.deliberations(0).outcome().unanimous());
  const std::string listed = s.ctl.ok({"export", "list"});
  EXPECT_NE(listed.find("N° 2026-1"), std::string::npos) << listed;
  EXPECT_NE(listed.find("majorité absolue des suffrages exprimés requise"), std::string::npos) << listed;
  auto closed_cancel = s.ctl.run({"ballot", "cancel", "2026-1", "--reason", "trop tard"});
  EXPECT_EQ(closed_cancel.status, 1);

  // A ballot closed with nobody voting: rejected, no vote expressed, no tie.
  s.ctl.ok({"ballot", "open", "2026-2"});
  const std::string empty = s.ctl.ok({"ballot", "close", "2026-2"});
  EXPECT_NE(empty.find("rejected: no vote expressed"), std::string::npos) << empty;
  EXPECT_EQ(empty.find("tie"), std::string::npos) << empty;
  EXPECT_EQ(empty.find("partage"), std::string::npos) << empty;
}

TEST(TrustCtl, ConfigureChangesOnlyTheFieldsGivenAndReconveneKeepsTheRest) {
  Sitting s(10, "assembly", {}, {"--majority", "3/5", "--time", "18:30"});
  const std::string changed = s.ctl.ok({"session", "configure", "--place", "Salle des fêtes"});
  EXPECT_NE(changed.find("changed: place"), std::string::npos) << changed;
  s.arrive(1, 3);  // no quorum (more than half)
  auto refused = s.ctl.run({"ballot", "open", "2026-1"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("Quorum not met"), std::string::npos) << refused.err;
  const std::string reconvened = s.ctl.ok({"session", "reconvene", "--date", "2026-12-07", "--time", "09:00"});
  EXPECT_NE(reconvened.find("reconvened on 2026-12-07"), std::string::npos) << reconvened;
  s.ctl.ok({"ballot", "open", "2026-1"});  // no quorum required any more
  for (int i = 1; i <= 3; ++i) s.ctl.ok({"clerk-vote", "2026-1", m(i), "pour"});
  s.ctl.ok({"ballot", "close", "2026-1"});
  const pb::SessionRecord r = s.exported();
  ASSERT_EQ(r.deliberations_size(), 1);
  const pb::SessionInfo& info = r.deliberations(0).session();
  EXPECT_EQ(info.body(), "Conseil municipal");
  EXPECT_EQ(info.body_name(), "Commune de Vic");
  EXPECT_EQ(info.president(), "M01");
  EXPECT_EQ(info.secretary(), "M02");
  EXPECT_EQ(info.seats(), 10);
  EXPECT_EQ(info.place(), "Salle des fêtes");
  EXPECT_EQ(info.date(), "2026-12-07");
  EXPECT_EQ(info.time(), "09:00");
  EXPECT_TRUE(info.reconvened());
  EXPECT_EQ(r.deliberations(0).rules_name(), "Assemblée générale");
  EXPECT_EQ(r.deliberations(0).majority().num(), 3);  // the rules' 3/5 was kept
  EXPECT_EQ(r.deliberations(0).majority().den(), 5);
  EXPECT_EQ(r.deliberations(0).president_name(), "Membre 1");
  auto verify = s.ctl.run({"verify", "--journal", s.server.data_dir + "/journal.sqlite"});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
}

TEST(TrustCtl, CheckingOutAProxyHolderSaysTheProxyIsNotExercised) {
  Sitting s(10, "french");
  s.arrive(1, 8);
  s.ctl.ok({"proxy", "add", m(9), m(3)});
  const std::string out = s.ctl.ok({"checkout", m(3)});
  EXPECT_NE(out.find("holds the proxy of M09"), std::string::npos) << out;
  EXPECT_NE(out.find("not exercised while he is away"), std::string::npos) << out;
  const std::string status = s.ctl.ok({"status"});
  EXPECT_NE(status.find("proxies not exercised"), std::string::npos) << status;
  EXPECT_NE(status.find("M09 to M03 (holder away)"), std::string::npos) << status;
  const std::string json = s.ctl.ok({"status", "--json"});
  EXPECT_NE(json.find("\"proxies_not_exercised\": [{\"mandant\": \"M09\", \"holder\": \"M03\"}]"), std::string::npos) << json;

  // An interested member: not a voter, his proxy not exercised.
  s.arrive(3, 3);
  s.ctl.ok({"conflict", "2026-1", m(3)});
  s.ctl.ok({"ballot", "open", "2026-1"});
  for (int i : {1, 2, 4, 5, 6, 7, 8}) s.ctl.ok({"clerk-vote", "2026-1", m(i), "pour"});
  const std::string closed = s.ctl.ok({"ballot", "close", "2026-1"});
  EXPECT_NE(closed.find("adopted unanimously — voters 7, expressed 7, pour 7, contre 0, abstentions 0, not taking part 0"),
            std::string::npos) << closed;
  const pb::SessionRecord r = s.exported();
  ASSERT_EQ(r.deliberations_size(), 1);
  EXPECT_EQ(r.deliberations(0).proxies_not_exercised_size(), 1);
  EXPECT_EQ(r.deliberations(0).names_not_taking_part_size(), 0);
}

}  // namespace
}  // namespace scrutin::testing
