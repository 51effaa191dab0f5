// Backup while the server runs, restore on "a second laptop" (a new folder):
// `scrutinctl backup` mid-ballot, the first server SIGKILLed (its disk lost),
// a new server started with --data on a copy of the backup. Checked, for
// several ballot modes and sizes:
//  - every vote acknowledged before the backup is in the restored journal, at
//    the seq its receipt named, with the chain hash the receipt witnessed;
//  - votes acknowledged after the backup are not (the risk the README states);
//  - votes cast while no server ran are resent by the clients, unprompted,
//    and acknowledged by the restored server, which kept the certificate
//    (the clients pin the first server's fingerprint) and the passphrase;
//  - the restored journal verifies end to end and the tally is what survived.
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "client/backup/backup.hpp"
#include "client/lib/client.hpp"
#include "client/lib/mirror.hpp"
#include "client/record/record.hpp"
#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "support/seed.hpp"
#include "support/server_process.hpp"
#include "../client/run_process.hpp"

namespace scrutin::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string t(int n) { return fmt::format("T{:02}", n); }

// Where the room's server is: the tablets' discovery, reduced to "read the
// endpoint file of the folder the current server uses". The fingerprint is
// pinned: the first server's, whatever the file says.
struct Room {
  std::mutex mutex;
  std::string data_dir;
  std::string pinned;

  std::function<std::optional<client::Endpoint>()> resolver() {
    return [this]() -> std::optional<client::Endpoint> {
      std::string dir;
      {
        std::lock_guard lock(mutex);
        dir = data_dir;
      }
      auto e = client::read_endpoint_file(dir);
      if (!e) return std::nullopt;
      e->fingerprint = pinned;
      return *e;
    };
  }
};

client::Config config(Room& room, pb::Role role, std::string member, std::string secret) {
  client::Config c;
  c.role = role;
  c.member_id = std::move(member);
  c.secret = std::move(secret);
  c.client_name = "backup-test";
  c.resolve = room.resolver();
  c.backoff_max = 500ms;
  return c;
}

struct Case {
  const char* name;
  pb::BallotMode mode;
  int before;   // votes acknowledged before the backup
  int after;    // acknowledged after it, on the first server only
  int offline;  // cast while no server runs: resent to the restored one
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class BackupRestore : public ::testing::TestWithParam<Case> {};

std::string backup_folder_from(const std::string& out) {
  const std::string prefix = "backup written to ";
  auto at = out.find(prefix);
  if (at == std::string::npos) return {};
  auto end = out.find('\n', at);
  return out.substr(at + prefix.size(), end - at - prefix.size());
}

TEST_P(BackupRestore, AcknowledgedBeforeTheBackupSurvivesAndUnacknowledgedIsResent) {
  const Case c = GetParam();
  const int delegates = c.before + c.after + c.offline;
  const std::string item = "2026-9";

  auto first = std::make_unique<ServerProcess>();
  first->start();
  Room room;
  room.data_dir = first->data_dir;
  room.pinned = first->fingerprint;
  const std::string passphrase = first->passphrase;

  client::Client clerk(config(room, pb::CLERK, "", passphrase));
  ASSERT_TRUE(clerk.start(30s));
  pb::Command configure;
  *configure.mutable_configure_session()->mutable_info() = to_pb(seed::session_info());
  *configure.mutable_configure_session()->mutable_rules() = to_pb(french_council());
  ASSERT_TRUE(clerk.command(configure));
  pb::Command roster;
  roster = to_pb(Command{cmd::ImportRoster{seed::roster()}});
  auto imported = clerk.command(roster);
  ASSERT_TRUE(imported) << imported.error();
  std::map<std::string, std::string> pins;
  for (const auto& p : imported->pins()) pins[p.member_id()] = p.pin();
  for (int n = 1; n <= 40; ++n) {  // a quorum of the seed's 58 seats
    pb::Command in;
    in.mutable_check_in()->set_member(t(n));
    ASSERT_TRUE(clerk.command(in)) << t(n);
  }
  pb::Command add;
  add.mutable_add_item()->mutable_item()->set_id(item);
  add.mutable_add_item()->mutable_item()->set_title("Sauvegarde en cours de scrutin");
  ASSERT_TRUE(clerk.command(add));
  pb::Command open;
  open.mutable_open_ballot()->set_item(item);
  open.mutable_open_ballot()->set_mode(c.mode);
  ASSERT_TRUE(clerk.command(open));

  std::vector<std::unique_ptr<client::Client>> tablets;
  for (int n = 1; n <= delegates; ++n) {
    tablets.push_back(std::make_unique<client::Client>(config(room, pb::DELEGATE, t(n), pins[t(n)])));
    auto login = tablets.back()->start(30s);
    ASSERT_TRUE(login) << t(n) << ": " << login.error();
  }
  auto tablet = [&](int n) -> client::Client& { return *tablets[static_cast<std::size_t>(n - 1)]; };
  auto choice = [](int n) { return n % 3 == 0 ? pb::CONTRE : pb::POUR; };

  // Votes acknowledged before the backup.
  std::map<int, pb::VoteReceipt> before;
  for (int n = 1; n <= c.before; ++n) {
    auto r = tablet(n).vote(item, t(n), choice(n), 30s);
    ASSERT_TRUE(r) << t(n) << ": " << r.error();
    before[n] = *r;
  }

  // The backup, as the clerk types it, to a "USB stick".
  const std::string stick = make_temp_dir();
  const ProcessResult b = run_process(SCRUTINCTL_PATH, {"backup", stick, "--data", first->data_dir});
  ASSERT_EQ(b.status, 0) << b.out << b.err;
  const std::string folder = backup_folder_from(b.out);
  ASSERT_FALSE(folder.empty()) << b.out;
  EXPECT_EQ(fs::path(folder).parent_path(), fs::path(stick));
  EXPECT_NE(b.out.find("verified: OK"), std::string::npos) << b.out;
  for (const auto& name : backup::backed_up_files()) {
    EXPECT_TRUE(fs::exists(fs::path(folder) / name)) << name;
    EXPECT_NE(b.out.find(name), std::string::npos) << "the output names " << name << ":\n" << b.out;
  }
  EXPECT_FALSE(fs::exists(folder + ".partial"));

  // Acknowledged after the backup: on the first laptop's disk only.
  std::map<int, pb::VoteReceipt> after;
  for (int n = c.before + 1; n <= c.before + c.after; ++n) {
    auto r = tablet(n).vote(item, t(n), choice(n), 30s);
    ASSERT_TRUE(r) << t(n) << ": " << r.error();
    after[n] = *r;
  }

  // The first laptop dies, disk and all.
  first->kill9();
  const std::string lost_dir = first->data_dir;
  first.reset();
  fs::remove_all(lost_dir);

  // Votes cast meanwhile wait in the tablets.
  std::map<int, std::future<pb::ServerMessage>> offline;
  for (int n = c.before + c.after + 1; n <= delegates; ++n) offline[n] = tablet(n).vote_async(item, t(n), choice(n));
  for (auto& [n, f] : offline) EXPECT_EQ(f.wait_for(0ms), std::future_status::timeout) << t(n) << " answered by no server";

  // The second laptop: the stick's folder copied to a new folder, started on it.
  const std::string second_dir = make_temp_dir() + "/restored";
  fs::copy(folder, second_dir, fs::copy_options::recursive);
  ServerProcess second(second_dir);
  second.passphrase = "not-the-clerks-passphrase";  // a first-start passphrase file, ignored: clerk.hash came along
  second.start();
  EXPECT_EQ(second.fingerprint, room.pinned) << "the restored server keeps the certificate";
  {
    std::lock_guard lock(room.mutex);
    room.data_dir = second_dir;
  }

  // The offline votes are resent by the clients themselves and acknowledged.
  std::map<int, pb::VoteReceipt> resent;
  for (auto& [n, f] : offline) {
    ASSERT_EQ(f.wait_for(60s), std::future_status::ready) << t(n) << " never resent";
    auto answer = client::accepted(f.get());
    ASSERT_TRUE(answer) << t(n) << ": " << answer.error();
    ASSERT_TRUE(answer->has_receipt()) << t(n);
    resent[n] = answer->receipt();
    EXPECT_GE(tablet(n).logins(), 2u) << t(n) << " reconnected to the restored server";
  }
  // The clerk's console reconnects with the same passphrase.
  pb::Command close;
  close.mutable_close_ballot()->set_item(item);
  auto closed = clerk.command(close, 60s);
  ASSERT_TRUE(closed) << closed.error();
  auto journal = client::fetch_journal(clerk);
  ASSERT_TRUE(journal) << journal.error();
  std::map<std::uint64_t, const pb::JournalEntry*> by_seq;
  const pb::BallotClosed* result = nullptr;
  for (const auto& e : *journal) {
    by_seq[e.seq()] = &e;
    if (e.event().has_ballot_closed()) result = &e.event().ballot_closed();
  }
  auto witnessed = [&](const pb::VoteReceipt& r) {
    auto it = by_seq.find(r.journal_seq());
    return it != by_seq.end() && to_hex(it->second->hash()) == r.journal_head();
  };
  for (const auto& [n, r] : before) {
    EXPECT_TRUE(witnessed(r)) << t(n) << " acknowledged before the backup at seq " << r.journal_seq()
                              << " is not in the restored journal";
    if (c.mode != pb::SECRET) {
      auto it = by_seq.find(r.journal_seq());
      ASSERT_NE(it, by_seq.end());
      ASSERT_TRUE(it->second->event().has_vote_cast()) << t(n);
      EXPECT_EQ(it->second->event().vote_cast().voice(), t(n));
      EXPECT_EQ(it->second->event().vote_cast().cast().choice(), choice(n));
    }
  }
  for (const auto& [n, r] : after)
    EXPECT_FALSE(witnessed(r)) << t(n) << " acknowledged after the backup cannot be on the second laptop";
  for (const auto& [n, r] : resent) EXPECT_TRUE(witnessed(r)) << t(n) << " resent";

  ASSERT_NE(result, nullptr);
  const auto& heads = result->tally().heads();
  int pour = 0, contre = 0;
  for (const auto* kept : {&before, &resent})
    for (const auto& [n, r] : *kept) (choice(n) == pb::POUR ? pour : contre) += 1;
  EXPECT_EQ(static_cast<int>(heads.pour()), pour);
  EXPECT_EQ(static_cast<int>(heads.contre()), contre);

  // The restored journal verifies end to end, on disk, after a clean stop.
  clerk.close();
  for (auto& tab : tablets) tab->close();
  EXPECT_EQ(second.stop(), 0);
  std::vector<std::string> raw;
  auto on_disk = record::read_journal_sqlite(second_dir + "/journal.sqlite", &raw);
  ASSERT_TRUE(on_disk) << on_disk.error();
  const record::Verdict v = record::verify(*on_disk, &raw, nullptr);
  EXPECT_TRUE(v.ok) << v.line;
  const ProcessResult server_verify = run_process(SCRUTIN_SERVER_PATH, {"verify", second_dir + "/journal.sqlite"});
  EXPECT_EQ(server_verify.status, 0) << server_verify.out << server_verify.err;
  std::printf("%s: %d acknowledged before the backup kept, %d after it lost, %d resent to the restored server\n",
              c.name, c.before, c.after, c.offline);
}

INSTANTIATE_TEST_SUITE_P(Modes, BackupRestore,
                         ::testing::Values(Case{"public", pb::PUBLIC, 6, 3, 3}, Case{"secret", pb::SECRET, 11, 4, 5},
                                           Case{"nominal", pb::NOMINAL, 1, 0, 7}),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// The copy is one consistent state even while votes stream in: every vote
// acknowledged before `scrutinctl backup` started is in it, the copy's chain
// verifies, and its last entry is the live journal's.
TEST(BackupWhileVoting, TheCopyIsConsistentUnderLoad) {
  ServerProcess server;
  server.start();
  Room room;
  room.data_dir = server.data_dir;
  room.pinned = server.fingerprint;
  client::Client clerk(config(room, pb::CLERK, "", server.passphrase));
  ASSERT_TRUE(clerk.start(30s));
  pb::Command configure;
  *configure.mutable_configure_session()->mutable_info() = to_pb(seed::session_info());
  *configure.mutable_configure_session()->mutable_rules() = to_pb(french_council_2020_2022());
  ASSERT_TRUE(clerk.command(configure));
  pb::Command roster;
  roster = to_pb(Command{cmd::ImportRoster{seed::roster()}});
  auto imported = clerk.command(roster);
  ASSERT_TRUE(imported) << imported.error();
  std::map<std::string, std::string> pins;
  for (const auto& p : imported->pins()) pins[p.member_id()] = p.pin();
  constexpr int kVoters = 30, kRounds = 8;
  for (int n = 1; n <= 58; ++n) {
    pb::Command in;
    in.mutable_check_in()->set_member(t(n));
    ASSERT_TRUE(clerk.command(in));
  }
  pb::Command add;
  add.mutable_add_item()->mutable_item()->set_id("2026-1");
  add.mutable_add_item()->mutable_item()->set_title("Sous charge");
  ASSERT_TRUE(clerk.command(add));
  pb::Command open;
  open.mutable_open_ballot()->set_item("2026-1");
  open.mutable_open_ballot()->set_allow_change(true);
  ASSERT_TRUE(clerk.command(open));

  std::mutex mutex;
  std::vector<pb::VoteReceipt> receipts;
  std::vector<std::string> errors;
  std::vector<std::unique_ptr<client::Client>> tablets;
  for (int n = 1; n <= kVoters; ++n) {
    tablets.push_back(std::make_unique<client::Client>(config(room, pb::DELEGATE, t(n), pins[t(n)])));
    ASSERT_TRUE(tablets.back()->start(30s));
  }
  std::vector<std::jthread> voters;
  for (int n = 1; n <= kVoters; ++n)
    voters.emplace_back([&, n] {
      for (int round = 0; round < kRounds; ++round) {
        auto r = tablets[static_cast<std::size_t>(n - 1)]->vote("2026-1", t(n), round % 2 ? pb::CONTRE : pb::POUR, 30s);
        std::lock_guard lock(mutex);
        if (!r) {
          errors.push_back(r.error().sentence);
          return;
        }
        receipts.push_back(*r);
      }
    });
  // Start the backup once some votes are in; the rest keep coming.
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(mutex);
      if (receipts.size() >= kVoters) break;
    }
    std::this_thread::sleep_for(10ms);  // polling a count the voters fill; bounded (2 s)
  }
  std::vector<pb::VoteReceipt> acknowledged_before;
  {
    std::lock_guard lock(mutex);
    acknowledged_before = receipts;
  }
  auto report = backup::backup_data_folder(server.data_dir, make_temp_dir());
  for (auto& v : voters) v.join();
  ASSERT_TRUE(errors.empty()) << errors.front();
  ASSERT_TRUE(report) << report.error();
  EXPECT_GE(report->live_seq, report->head_seq);

  std::vector<std::string> raw;
  auto copy = record::read_journal_sqlite(report->folder + "/journal.sqlite", &raw);
  ASSERT_TRUE(copy) << copy.error();
  EXPECT_TRUE(record::verify(*copy, &raw, nullptr).ok);
  EXPECT_EQ(copy->back().seq(), report->head_seq);
  std::map<std::uint64_t, std::string> hash_at;
  for (const auto& e : *copy) hash_at[e.seq()] = to_hex(e.hash());
  for (const auto& r : acknowledged_before) {
    if (r.repeat()) continue;
    ASSERT_TRUE(hash_at.contains(r.journal_seq())) << "acknowledged before the backup, seq " << r.journal_seq();
    EXPECT_EQ(hash_at[r.journal_seq()], r.journal_head());
  }
  // The live journal went on: all the votes are there once the voters are done.
  EXPECT_EQ(receipts.size(), static_cast<std::size_t>(kVoters * kRounds));
  auto check = backup::check_backup_folder(report->folder);
  ASSERT_TRUE(check) << check.error();
  EXPECT_EQ(check->head_seq, report->head_seq);
  EXPECT_EQ(check->fingerprint, server.fingerprint);
  std::printf("backup under load: copy at seq %llu while the live journal reached %llu; %zu receipts checked\n",
              static_cast<unsigned long long>(report->head_seq), static_cast<unsigned long long>(report->live_seq),
              acknowledged_before.size());
}

// A folder that is not a data folder, and a backup that is not whole, are
// refused with a sentence and leave nothing behind.
TEST(Backup, RefusesWhatIsNotADataFolder) {
  const std::string empty = make_temp_dir();
  const std::string dest = make_temp_dir();
  auto r = backup::backup_data_folder(empty, dest);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, client::Code::NotDataFolder) << r.error();
  EXPECT_NE(r.error().sentence.find("not a Scrutin data folder"), std::string::npos) << r.error();
  EXPECT_TRUE(fs::is_empty(dest));
  auto check = backup::check_backup_folder(empty);
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, client::Code::NotDataFolder) << check.error();
  EXPECT_NE(check.error().sentence.find("not a Scrutin backup"), std::string::npos) << check.error();
}

}  // namespace
}  // namespace scrutin::testing
