// The client's typed error (client/lib/error.hpp) against the real server: a
// refusal reaches the caller with the server's RefusalCode and ErrorKind, so
// callers branch on the code, never on the wording; scrutinctl says one
// sentence and exits with the status of the code (0 done, 1 refused, 2 bad
// usage or input, 3 the server not reached, 4 no answer: see reconnect_test).
#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "client/lib/client.hpp"
#include "client/lib/mirror.hpp"
#include "room.hpp"

namespace scrutin::testing {
namespace {

using namespace std::chrono_literals;

client::Config config(const Room& room, pb::Role role, const std::string& member, const std::string& secret) {
  client::Config c;
  c.endpoint = {room.server.host, room.server.port, room.server.fingerprint};
  c.role = role;
  c.member_id = member;
  c.secret = secret;
  c.reconnect = false;
  return c;
}

pb::Command check_in(const std::string& member) {
  pb::Command c;
  c.mutable_check_in()->set_member(member);
  return c;
}

// A council of n titulars M01..Mn, one item 2026-1, with `present` checked in.
std::map<std::string, std::string> council(Room& room, int n, int present) {
  room.ctl.ok({"session", "configure", "--body", "Conseil", "--date", "2026-12-03", "--president", "M01", "--secretary",
               "M02", "--seats", std::to_string(n), "--rules", "french"});
  std::ofstream csv(room.work + "/roster.csv");
  csv << "id,name,group,kind,substitute_of,weight,birth_date\n";
  for (int i = 1; i <= n; ++i) csv << fmt::format("M{:02},Membre {},G,titular,,1,\n", i, i);
  csv.close();
  room.ctl.ok({"roster", "import", room.work + "/roster.csv", "--pins-out", room.work + "/pins.csv"});
  room.ctl.ok({"item", "add", "--id", "2026-1", "--title", "Budget"});
  std::vector<std::string> in{"checkin"};
  for (int i = 1; i <= present; ++i) in.push_back(fmt::format("M{:02}", i));
  if (present > 0) room.ctl.ok(in);
  return read_pins(room.work + "/pins.csv");
}

void expect_refused(const client::Error& e, pb::RefusalCode code, pb::ErrorKind kind) {
  EXPECT_EQ(e.code, client::Code::Refused) << e;
  EXPECT_EQ(e.refusal, code) << pb::RefusalCode_Name(e.refusal) << ": " << e;
  EXPECT_EQ(e.kind, kind) << pb::ErrorKind_Name(e.kind) << ": " << e;
  EXPECT_TRUE(e.refused(code));
  EXPECT_FALSE(e.sentence.empty());
}

TEST(ClientError, TheServersRefusalCodeReachesTheCallerOfACommand) {
  Room room;
  client::Client clerk(config(room, pb::CLERK, "", room.server.passphrase));
  ASSERT_TRUE(clerk.start(20s));
  // Before the session is configured, then with rosters of several sizes.
  auto early = clerk.command(check_in("M01"), 20s);
  ASSERT_FALSE(early);
  expect_refused(early.error(), pb::CODE_NOT_CONFIGURED, pb::DOMAIN_REFUSED);

  council(room, 7, 2);
  auto unknown = clerk.command(check_in("M99"), 20s);
  ASSERT_FALSE(unknown);
  expect_refused(unknown.error(), pb::CODE_UNKNOWN_MEMBER, pb::DOMAIN_REFUSED);
  auto twice = clerk.command(check_in("M02"), 20s);
  ASSERT_FALSE(twice);
  expect_refused(twice.error(), pb::CODE_ALREADY_PRESENT, pb::DOMAIN_REFUSED);
  // 2 of 7 present: the quorum (a majority in office) is not met.
  pb::Command open;
  open.mutable_open_ballot()->set_item("2026-1");
  open.mutable_open_ballot()->set_mode(pb::PUBLIC);
  auto no_quorum = clerk.command(open, 20s);
  ASSERT_FALSE(no_quorum);
  expect_refused(no_quorum.error(), pb::CODE_QUORUM_NOT_MET, pb::DOMAIN_REFUSED);
  // The same code through the generic call() and accepted().
  pb::ClientMessage m;
  *m.mutable_command() = open;
  auto raw = clerk.call(m, 20s);
  ASSERT_TRUE(raw) << raw.error();
  auto answer = client::accepted(*raw);
  ASSERT_FALSE(answer);
  expect_refused(answer.error(), pb::CODE_QUORUM_NOT_MET, pb::DOMAIN_REFUSED);
}

TEST(ClientError, TheServersRefusalCodeReachesTheCallerOfAVoteALoginAndAJournalRead) {
  Room room;
  auto pins = council(room, 5, 5);
  client::Client delegate(config(room, pb::DELEGATE, "M03", pins.at("M03")));
  ASSERT_TRUE(delegate.start(20s));
  auto not_open = delegate.vote("2026-1", "M03", pb::POUR, 20s);
  ASSERT_FALSE(not_open);
  expect_refused(not_open.error(), pb::CODE_BALLOT_NOT_OPEN, pb::DOMAIN_REFUSED);
  auto no_item = delegate.vote("2026-9", "M03", pb::POUR, 20s);
  ASSERT_FALSE(no_item);
  expect_refused(no_item.error(), pb::CODE_UNKNOWN_ITEM, pb::DOMAIN_REFUSED);
  // Not the clerk: the journal is not a delegate's to read (a kind, no domain code).
  auto journal = client::fetch_journal(delegate, 1, 20s);
  ASSERT_FALSE(journal);
  expect_refused(journal.error(), pb::CODE_NONE, pb::FORBIDDEN);

  // A wrong PIN at login: refused for good, the kind kept.
  client::Client wrong(config(room, pb::DELEGATE, "M04", pins.at("M04") == "000000" ? "111111" : "000000"));
  auto login = wrong.start(20s);
  ASSERT_FALSE(login);
  expect_refused(login.error(), pb::CODE_NONE, pb::BAD_CREDENTIALS);
  EXPECT_EQ(wrong.state(), client::State::Failed);
  // What is asked of a client refused for good fails with the same error.
  auto after = wrong.vote("2026-1", "M04", pb::POUR, 5s);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().kind, pb::BAD_CREDENTIALS) << after.error();
}

// One line on stderr, nothing on stdout, and the status of the code.
void expect_one_sentence(const ProcessResult& r, int status, const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << what << ": " << r.err;
  EXPECT_TRUE(r.err.starts_with("scrutinctl: ")) << what << ": " << r.err;
  EXPECT_TRUE(r.out.empty()) << what << ": " << r.out;
}

TEST(ClientError, ScrutinctlSaysOneSentenceAndExitsWithTheStatusOfTheCode) {
  Room room;
  auto pins = council(room, 6, 2);
  // Refused by the server: 1.
  expect_one_sentence(room.ctl.run({"checkin", "M42"}), 1, "unknown member");
  expect_one_sentence(room.ctl.run({"ballot", "open", "2026-1"}), 1, "no quorum");
  expect_one_sentence(room.ctl.run({"vote", "2026-1", "M01", "pour", "--member", "M01", "--pin", pins.at("M01")}), 1,
                      "ballot not open");
  // Bad input: 2 (before anything is sent).
  expect_one_sentence(run_process(SCRUTINCTL_PATH, {"checkin", "M03", "--server", "127.0.0.1:1", "--passphrase-file", room.pass}),
                      2, "no fingerprint");
  expect_one_sentence(room.ctl.run({"vote", "2026-1", "M01", "peut-être", "--member", "M01", "--pin", "1"}), 2,
                      "not a choice");
  // The server not reached: 3. Killed (its endpoint file left behind, nothing listens there),
  // then stopped (the endpoint file removed), and by address.
  const std::string address = room.server.host + ":" + std::to_string(room.server.port);
  const std::string fingerprint = room.server.fingerprint;
  room.server.kill9();
  expect_one_sentence(room.ctl.run({"checkin", "M03", "--timeout", "3"}), 3, "server killed, through --data");
  room.server.start();
  room.server.stop();
  expect_one_sentence(room.ctl.run({"status", "--timeout", "3"}), 3, "server stopped, through --data");
  expect_one_sentence(run_process(SCRUTINCTL_PATH, {"checkin", "M03", "--server", address, "--fingerprint", fingerprint,
                                                    "--passphrase-file", room.pass, "--timeout", "3"}),
                      3, "server stopped, by address");
}

}  // namespace
}  // namespace scrutin::testing
