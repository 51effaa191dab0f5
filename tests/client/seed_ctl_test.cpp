// The seed session of 22 March 2022 driven end to end through the scrutinctl
// binary against the real server, and the exported JSON checked against every
// number of the extract (tests/fixtures/seed-deliberation.txt).
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "client/record/record.hpp"
#include "common/csv.hpp"
#include "proto/convert.hpp"
#include "room.hpp"
#include "run_process.hpp"
#include "support/seed.hpp"
#include "support/server_process.hpp"

namespace scrutin::testing {
namespace {

std::string t(int n) { return fmt::format("T{:02}", n); }

const std::vector<std::pair<int, int>> kProxies = {{44, 2}, {45, 6}, {46, 2}, {47, 15}, {48, 20},
                                                   {49, 30}, {50, 34}, {51, 29}, {52, 39}, {53, 5}};

TEST(SeedThroughScrutinctl, ReproducesTheExtract) {
  Room room;
  auto& [server, work, pass, ctl] = room;

  // Before anything: the session is not configured.
  EXPECT_NE(ctl.ok({"status"}).find("not configured"), std::string::npos);

  const SessionInfo info = seed::session_info();
  ctl.ok({"session", "configure", "--body", info.body, "--body-name", info.body_name, "--body-address",
          escaped(info.body_address), "--siren", info.siren, "--siret", info.siret, "--department", info.department,
          "--date", info.date, "--time", info.time, "--place", info.place, "--convocation-date", info.convocation_date,
          "--president", info.president, "--president-title", info.president_title, "--secretary", info.secretary,
          "--seats", "58", "--rules", "french-2020"});

  const std::string pins_file = work + "/pins.csv";
  auto imported = ctl.ok({"roster", "import", seed::fixture_path("seed-roster.csv"), "--pins-out", pins_file});
  EXPECT_NE(imported.find("imported 61 members"), std::string::npos) << imported;
  std::map<std::string, std::string> pins;
  {
    const std::string text = slurp(pins_file);
    EXPECT_TRUE(text.starts_with("id,name,pin\n")) << text.substr(0, 40);
    auto table = csv::read(text);
    ASSERT_TRUE(table) << table.error().sentence;
    for (std::size_t r = 1; r < table->rows.size(); ++r) {
      const auto& f = table->rows[r].fields;
      ASSERT_EQ(f.size(), 3u) << r;
      EXPECT_EQ(f[2].size(), 6u) << f[0];
      pins[f[0]] = f[2];
    }
  }
  ASSERT_EQ(pins.size(), 61u);

  std::vector<std::string> present{"checkin"};
  for (int n = 1; n <= 43; ++n) present.push_back(t(n));
  ctl.ok(present);
  std::vector<std::string> excused{"excuse"};
  for (int n = 54; n <= 58; ++n) excused.push_back(t(n));
  ctl.ok(excused);
  ctl.ok({"checkin", "S01", "S02", "S03"});
  for (auto [mandant, holder] : kProxies) ctl.ok({"proxy", "add", t(mandant), t(holder)});

  // The item from a JSON file (protobuf JSON of pb::Item).
  std::string item_json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(to_pb(seed::item()), &item_json).ok());
  std::ofstream(work + "/item.json") << item_json;
  ctl.ok({"item", "add", "--from", work + "/item.json"});

  // A refusal exits non-zero with the server's one-line reason.
  auto refused = ctl.run({"checkin", "T01"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(refused.out.empty());
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;

  ctl.ok({"ballot", "open", seed::kItem});

  // The 56 votes, each by the member entitled to it (holders for their mandants),
  // four scrutinctl processes at a time. Every vote by one member goes through one
  // worker: a member signing in while its other session is open takes that place
  // over (issue 11), as a second tablet would, and the first command then fails.
  std::vector<std::pair<std::string, std::string>> votes;  // voice, by
  for (int n = 1; n <= 43; ++n) votes.emplace_back(t(n), t(n));
  for (const char* s : {"S01", "S02", "S03"}) votes.emplace_back(s, s);
  for (auto [mandant, holder] : kProxies) votes.emplace_back(t(mandant), t(holder));
  ASSERT_EQ(votes.size(), 56u);
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  std::map<std::string, std::size_t> worker_of;  // by -> worker, round robin in order of first vote
  for (const auto& [voice, by] : votes) worker_of.try_emplace(by, worker_of.size() % 4);
  std::vector<std::thread> workers;
  for (std::size_t w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (const auto& [voice, by] : votes) {
        if (worker_of.at(by) != w) continue;
        auto r = ctl.run({"vote", seed::kItem, voice, "pour", "--member", by, "--pin", pins.at(by)});
        if (r.status != 0 || r.out.find("vote recorded") == std::string::npos) {
          std::lock_guard lock(failures_mutex);
          failures.push_back(voice + ": " + r.out + r.err);
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_TRUE(failures.empty()) << fmt::format("{}", fmt::join(failures, "\n"));

  // The same vote again: answered as a repeat, not counted twice.
  auto again = ctl.ok({"vote", seed::kItem, "T44", "pour", "--member", "T02", "--pin", pins["T02"]});
  EXPECT_NE(again.find("already recorded"), std::string::npos) << again;
  // A member cannot vote for a voice that is not its own.
  auto forbidden = ctl.run({"vote", seed::kItem, "T45", "pour", "--member", "T02", "--pin", pins["T02"]});
  EXPECT_EQ(forbidden.status, 1) << forbidden.out;
  // A wrong PIN is refused.
  const std::string wrong_pin = pins["T01"] == "000000" ? "111111" : "000000";
  auto bad_pin = ctl.run({"vote", seed::kItem, "T01", "pour", "--member", "T01", "--pin", wrong_pin});
  EXPECT_EQ(bad_pin.status, 1);

  // Live status before the close.
  auto live = ctl.ok({"status", "--json"});
  EXPECT_NE(live.find("\"cast\": 56"), std::string::npos) << live;

  auto closed = ctl.ok({"ballot", "close", seed::kItem});
  EXPECT_NE(closed.find("adopted unanimously"), std::string::npos) << closed;
  EXPECT_NE(closed.find("voters 56, expressed 56, pour 56, contre 0, abstentions 0"), std::string::npos) << closed;

  // After the close, a vote is refused with the server's reason.
  auto late = ctl.run({"vote", seed::kItem, "T01", "contre", "--member", "T01", "--pin", pins["T01"]});
  EXPECT_EQ(late.status, 1);
  EXPECT_FALSE(late.err.empty());

  // status --json: the numbers of the extract (the ballot's snapshot).
  auto status = ctl.ok({"status", "--json"});
  for (const char* expected :
       {"\"in_office\": 58, \"present_titulars\": 43, \"substitutes\": 3, \"present\": 46, \"represented\": 10, "
        "\"excused\": 5",
        "\"voters\": 56, \"expressed\": 56, \"pour\": 56, \"contre\": 0, \"abstentions\": 0",
        "\"adopted\": true, \"unanimous\": true"})
    EXPECT_NE(status.find(expected), std::string::npos) << expected << "\n" << status;

  // export json, read back and checked against every number of the extract.
  const std::string out = work + "/session.json";
  auto exported = ctl.ok({"export", "json", "--out", out});
  EXPECT_NE(exported.find("exported 1 deliberation"), std::string::npos) << exported;
  auto record = record::from_json(slurp(out));
  ASSERT_TRUE(record) << record.error();
  ASSERT_EQ(record->deliberations_size(), 1);
  const pb::DeliberationRecord& d = record->deliberations(0);
  EXPECT_EQ(d.acts_id(), "063-200070712-20220322-20220322_59-DE");
  EXPECT_EQ(d.item().id(), seed::kItem);
  EXPECT_EQ(d.president_name(), "Tony BERNARD");
  EXPECT_EQ(d.secretary_name(), "Caroline GUELON");
  EXPECT_EQ(d.rapporteur_name(), "Stéphane RODIER");
  EXPECT_EQ(d.session().date(), "2022-03-22");
  EXPECT_EQ(d.session().convocation_date(), "2022-03-11");
  EXPECT_EQ(d.session().body_address(), info.body_address);
  EXPECT_EQ(d.in_office(), 58);
  EXPECT_EQ(d.present_titulars(), 43);
  EXPECT_EQ(d.substitutes(), 3);
  EXPECT_EQ(d.present_titulars() + d.substitutes(), 46);
  EXPECT_EQ(d.represented(), 10);
  EXPECT_EQ(d.present_names_size(), 43);
  EXPECT_EQ(d.proxies_size(), 10);
  EXPECT_EQ(d.excused_names_size(), 5);
  EXPECT_EQ(d.substitute_names_size(), 3);
  EXPECT_EQ(d.absent_names_size(), 0);
  EXPECT_EQ(d.counts().voters(), 56);
  EXPECT_EQ(d.counts().pour() + d.counts().contre(), 56);  // expressed
  EXPECT_EQ(d.counts().pour(), 56);
  EXPECT_EQ(d.counts().contre(), 0);
  EXPECT_EQ(d.counts().abstentions(), 0);
  EXPECT_EQ(d.counts().not_taking_part(), 0);
  EXPECT_TRUE(d.outcome().adopted());
  EXPECT_TRUE(d.outcome().unanimous());
  EXPECT_EQ(d.names_pour_size(), 56);
  EXPECT_EQ(d.entered_by_clerk_size(), 0);
  EXPECT_EQ(d.journal_digest().size(), 64u);
  EXPECT_FALSE(record->journal().empty());

  // The same export to standard output, read with the display token only (--data, no passphrase).
  auto as_display = run_process(SCRUTINCTL_PATH, {"export", "json", "--data", server.data_dir});
  EXPECT_EQ(as_display.status, 0) << as_display.err;
  auto again_record = record::from_json(as_display.out);
  ASSERT_TRUE(again_record) << again_record.error();
  EXPECT_EQ(again_record->deliberations(0).SerializeAsString(), d.SerializeAsString());
}

TEST(Scrutinctl, HelpOnEveryCommand) {
  auto top = run_process(SCRUTINCTL_PATH, {"--help"});
  EXPECT_EQ(top.status, 0);
  for (const char* command : {"session configure", "roster import", "checkin", "checkout", "excuse", "proxy add",
                              "proxy revoke", "item add", "conflict", "ballot open", "ballot close", "clerk-vote",
                              "vote", "status", "export json"}) {
    EXPECT_NE(top.out.find(command), std::string::npos) << command;
    std::vector<std::string> args;
    std::istringstream in(command);
    for (std::string w; in >> w;) args.push_back(w);
    args.push_back("--help");
    auto r = run_process(SCRUTINCTL_PATH, args);
    EXPECT_EQ(r.status, 0) << command;
    EXPECT_NE(r.out.find(std::string("usage: scrutinctl ") + command), std::string::npos) << r.out;
  }
  auto unknown = run_process(SCRUTINCTL_PATH, {"frobnicate"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("unknown command"), std::string::npos);
}

TEST(Scrutinctl, ClerkVoteIsMarkedInTheRecord) {
  Room room;
  auto& [server, work, pass, ctl] = room;
  ctl.ok({"session", "configure", "--body", "Conseil", "--date", "2024-01-15", "--president", "T01", "--secretary",
          "T02", "--rules", "french"});
  ctl.ok({"roster", "import", seed::fixture_path("seed-roster.csv"), "--pins-out", work + "/pins.csv"});
  std::vector<std::string> present{"checkin"};
  for (int n = 1; n <= 40; ++n) present.push_back(t(n));
  ctl.ok(present);
  ctl.ok({"item", "add", "--id", "2024-1", "--title", "Budget", "--rapporteur", "T03"});
  ctl.ok({"conflict", "2024-1", "T04"});
  ctl.ok({"ballot", "open", "2024-1", "--mode", "nominal", "--majority", "2/3"});
  ctl.ok({"clerk-vote", "2024-1", "T01", "contre"});
  auto refused = ctl.run({"clerk-vote", "2024-1", "T04", "pour"});  // interested: takes no part
  EXPECT_EQ(refused.status, 1);
  ctl.ok({"ballot", "close", "2024-1"});
  auto json = ctl.run({"export", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  auto record = record::from_json(json.out);
  ASSERT_TRUE(record) << record.error();
  ASSERT_EQ(record->deliberations_size(), 1);
  EXPECT_EQ(record->deliberations(0).entered_by_clerk_size(), 1);
  EXPECT_EQ(record->deliberations(0).counts().contre(), 1);
  EXPECT_FALSE(record->deliberations(0).outcome().adopted());
  EXPECT_EQ(record->deliberations(0).interested_names_size(), 1);
}

}  // namespace
}  // namespace scrutin::testing

namespace scrutin::testing {
namespace {

// A hundred arrivals in one command: more than the server's 64 requests in
// flight per connection, so scrutinctl must pipeline in a window.
TEST(Scrutinctl, CheckInMoreMembersThanTheServersInFlightLimit) {
  Room room;
  auto& [server, work, pass, ctl] = room;
  const std::string roster = work + "/roster.csv";
  {
    std::ofstream csv(roster);
    csv << "id,name\n";
    for (int i = 1; i <= 100; ++i) csv << fmt::format("R{:03},Member {}\n", i, i);
  }
  ctl.ok({"session", "configure", "--body", "Assemblée", "--date", "2026-12-01", "--rules", "assembly"});
  ctl.ok({"roster", "import", roster, "--pins-out", work + "/pins.csv"});
  std::vector<std::string> args{"checkin"};
  for (int i = 1; i <= 100; ++i) args.push_back(fmt::format("R{:03}", i));
  const std::string out = ctl.ok(args);
  EXPECT_NE(out.find("R100"), std::string::npos) << out;
  const std::string status = ctl.ok({"status", "--json"});
  EXPECT_NE(status.find("\"present\": 100,"), std::string::npos) << status;
}

}  // namespace
}  // namespace scrutin::testing
