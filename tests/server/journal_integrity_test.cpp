// The real server on journals someone changed: (1) an event edited and the
// whole hash chain recomputed after it, so `verify` passes: the server checks
// each event against the state at start and refuses the journal with a
// sentence naming the entry (seq and kind), never a crash; (2) the WAL's last
// transaction cut after a SIGKILL: the server finds its head witness ahead of
// the journal and says which acknowledged entries are lost, in the log and to
// the clerk, instead of losing them silently.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "seeded_server.hpp"
#include "server/journal.hpp"
#include "support/journal_file.hpp"

namespace scrutin::testing {
namespace {

namespace fs = std::filesystem;

struct Run {
  int status = -1;
  std::string output;
};
Run run(const std::string& command) {
  Run r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Forgery {
  const char* what;
  const char* kind;  // the event's name in the sentence
  std::function<bool(const pb::Event&)> target;
  std::function<void(pb::Event&)> edit;
};

class JournalIntegrityTest : public ServerTest {};
using server::Journal;

TEST_F(JournalIntegrityTest, AForgedJournalWithARecomputedChainIsRefusedNamingTheEntry) {
  open_seed_ballot();
  vote_and_close_seed_ballot(6, [](std::size_t i) { return i % 2 ? pb::CONTRE : pb::POUR; });
  ASSERT_FALSE(HasFailure());
  ASSERT_EQ(server.stop(), 0);
  const auto intact = Journal::read(server.data_dir + "/journal.sqlite");
  ASSERT_TRUE(intact);

  const std::vector<Forgery> forgeries = {
      {"a check-in of a member not on the roster", "MemberArrived", [](const pb::Event& e) { return e.has_member_arrived(); },
       [](pb::Event& e) { e.mutable_member_arrived()->set_member("X99"); }},
      {"a proxy to a holder not on the roster", "ProxyRegistered", [](const pb::Event& e) { return e.has_proxy_registered(); },
       [](pb::Event& e) { e.mutable_proxy_registered()->mutable_proxy()->set_holder("X99"); }},
      {"a quorum of 1/0", "SessionConfigured", [](const pb::Event& e) { return e.has_session_configured(); },
       [](pb::Event& e) { e.mutable_session_configured()->mutable_rules()->mutable_quorum()->set_den(0); }},
      {"a quorum near 2^63", "SessionConfigured", [](const pb::Event& e) { return e.has_session_configured(); },
       [](pb::Event& e) {
         e.mutable_session_configured()->mutable_rules()->mutable_quorum()->set_num((std::int64_t{1} << 62) + 1);
         e.mutable_session_configured()->mutable_rules()->mutable_quorum()->set_den((std::int64_t{1} << 62) + 2);
       }},
      {"a weight near 2^63", "MemberAdded", [](const pb::Event& e) { return e.has_member_added(); },
       [](pb::Event& e) { e.mutable_member_added()->mutable_member()->set_weight((std::int64_t{1} << 62) + 1); }},
      {"a vote changed after the close was counted", "BallotClosed", [](const pb::Event& e) { return e.has_ballot_closed(); },
       [](pb::Event& e) { e.mutable_ballot_closed()->mutable_tally()->mutable_heads()->set_pour(e.ballot_closed().tally().heads().pour() + 1); }},
  };
  for (const Forgery& f : forgeries) {
    ServerProcess forged(make_temp_dir());
    fs::copy(server.data_dir, forged.data_dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    const std::string journal = forged.data_dir + "/journal.sqlite";
    std::uint64_t seq = 0;
    for (const auto& s : *intact) {
      pb::Event e;
      ASSERT_TRUE(e.ParseFromString(s.event));
      if (f.target(e)) {
        seq = s.seq;
        break;
      }
    }
    ASSERT_GT(seq, 0u) << f.what;
    rewrite_event_and_rechain(journal, seq, f.edit);
    auto verified = run(std::string(SCRUTIN_SERVER_BINARY) + " verify " + journal);
    EXPECT_EQ(verified.status, 0) << f.what << ": the chain was recomputed, verify cannot see it\n" << verified.output;
    try {
      forged.start();
      ADD_FAILURE() << f.what << ": the server started on a forged journal";
    } catch (const std::runtime_error& e) {
      const std::string said = e.what();
      EXPECT_NE(said.find("entrée n° " + std::to_string(seq) + " (" + f.kind + ")"), std::string::npos) << f.what << "\n" << said;
      EXPECT_EQ(said.find("Sanitizer"), std::string::npos) << said;
      EXPECT_EQ(said.find("Segmentation"), std::string::npos) << said;
    }
  }
}

// SIGKILL right after an acknowledged vote, then the WAL's last transaction is
// cut (what a disk losing the end of a write does). The server starts, says in
// its log and to the clerk which entries it had acknowledged and lost, and the
// voice can vote again.
TEST_F(JournalIntegrityTest, ACutWalTailIsSaidNotSilentlyLost) {
  open_seed_ballot();
  auto d = delegate(votes[0].by);
  ASSERT_TRUE(vote(*d, votes[0]).has_receipt());
  auto d2 = delegate(votes[1].by);
  auto receipt = vote(*d2, votes[1], pb::CONTRE);
  ASSERT_TRUE(receipt.has_receipt());
  const std::uint64_t acknowledged = receipt.receipt().journal_seq();
  d.reset();
  d2.reset();
  server.kill9();
  const auto [before, after] = cut_wal_tail(server.data_dir + "/journal.sqlite");
  ASSERT_LT(after, before);
  server.start();
  const std::string log = slurp(server.log_path());
  EXPECT_NE(log.find("perdues"), std::string::npos) << log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
  EXPECT_NE(log.find("n° " + std::to_string(acknowledged)), std::string::npos);
  auto c = clerk();
  auto status = c->request(ping_message());
  ASSERT_TRUE(status);
  std::optional<pb::RoomView> view;
  for (const auto& m : c->pushes)
    if (m.has_room_view()) view = m.room_view();
  if (!view) view = room_view_until(*c, [](const pb::RoomView&) { return true; });
  ASSERT_TRUE(view);
  EXPECT_NE(view->journal_rollback().find(std::to_string(acknowledged)), std::string::npos) << view->journal_rollback();
  EXPECT_LT(view->journal_seq(), acknowledged);
  // The lost vote is not there: the voice votes again and gets a fresh receipt.
  auto again = delegate(votes[1].by);
  auto r = vote(*again, votes[1], pb::CONTRE);
  ASSERT_TRUE(r.has_receipt()) << r.DebugString();
  EXPECT_FALSE(r.receipt().repeat());
}

}  // namespace
}  // namespace scrutin::testing
