// One reader of the journal file (proto/journal_file): the server and the
// record read the same entries, byte for byte, from the same file — a journal
// copied out of a data folder, as a clerk takes it away — and the same as the
// server serves over FetchJournal; a damaged event reads the same way in both
// (kept, empty, so verify names its seq); reading changes nothing in the file.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "client/record/record.hpp"
#include "proto/journal_file.hpp"
#include "seeded_server.hpp"
#include "server/journal.hpp"
#include "support/journal_file.hpp"

namespace scrutin::testing {
namespace {

namespace fs = std::filesystem;

// Equal as messages (a map's order on the wire is not fixed).
bool same(const pb::JournalEntry& a, const pb::JournalEntry& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Both readers on one file: the same rows, the same entries, the same raw bytes.
void expect_same_reading(const std::string& path, std::size_t expected_entries) {
  const std::string before = bytes_of(path);
  auto server_rows = server::Journal::read(path);
  ASSERT_TRUE(server_rows) << server_rows.error();
  std::vector<std::string> server_raw;
  const auto server_entries = server::journal_entries(*server_rows, server_raw);
  std::vector<std::string> record_raw;
  auto record_entries = record::read_journal_sqlite(path, &record_raw);
  ASSERT_TRUE(record_entries) << record_entries.error();

  ASSERT_EQ(server_entries.size(), expected_entries);
  ASSERT_EQ(record_entries->size(), expected_entries);
  EXPECT_EQ(record_raw, server_raw);
  for (std::size_t i = 0; i < expected_entries; ++i) {
    EXPECT_TRUE(same((*record_entries)[i], server_entries[i])) << "entry " << i + 1;
    EXPECT_EQ((*record_entries)[i].seq(), i + 1);
    EXPECT_EQ(server_raw[i], (*server_rows)[i].event);
  }
  EXPECT_EQ(bytes_of(path), before) << "reading wrote to the file";
}

class JournalReadersTest : public ServerTest {
 protected:
  // The seed ballot with `voters` votes, closed; the server stopped; the
  // journal copied into a folder of its own. Returns the copy and what the
  // server served over FetchJournal before it stopped.
  std::pair<std::string, std::vector<pb::JournalEntry>> sitting_copied_out(std::size_t voters) {
    open_seed_ballot();
    vote_and_close_seed_ballot(voters, [](std::size_t i) { return i % 3 ? pb::CONTRE : pb::POUR; });
    auto c = clerk();
    auto served = fetch_all(*c);
    c.reset();
    EXPECT_EQ(server.stop(), 0);
    const std::string away = make_temp_dir() + "/journal.sqlite";
    fs::copy_file(server.data_dir + "/journal.sqlite", away);
    return {away, served};
  }
};

TEST_F(JournalReadersTest, TheServerAndTheRecordReadTheSameEntriesAsTheServerServes) {
  auto [copy, served] = sitting_copied_out(7);
  ASSERT_FALSE(served.empty());
  expect_same_reading(copy, served.size());
  auto read = record::read_journal_sqlite(copy);
  ASSERT_TRUE(read);
  for (std::size_t i = 0; i < served.size(); ++i)
    EXPECT_TRUE(same((*read)[i], served[i])) << "entry " << i + 1;
  // And the record's verdict on it is the server's: intact.
  std::vector<std::string> raw;
  auto again = record::read_journal_sqlite(copy, &raw);
  EXPECT_TRUE(record::verify(*again, &raw, nullptr).ok);
  auto server_verdict = server::verify_journal_file(copy);
  ASSERT_TRUE(server_verdict);
  EXPECT_FALSE(server_verdict->has_value());
}

TEST_F(JournalReadersTest, ADamagedEventReadsTheSameInBothAndIsNamedByBoth) {
  auto [copy, served] = sitting_copied_out(3);
  // The last vote's event, one bit flipped: it no longer parses or no longer hashes.
  std::uint64_t seq = 0;
  for (const auto& e : served)
    if (e.event().has_vote_cast()) seq = e.seq();
  ASSERT_GT(seq, 0u);
  flip_event_byte(copy, seq, 0);
  expect_same_reading(copy, served.size());
  std::vector<std::string> raw;
  auto read = record::read_journal_sqlite(copy, &raw);
  ASSERT_TRUE(read);
  const auto v = record::verify(*read, &raw, nullptr);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.line.find("seq " + std::to_string(seq) + ":"), std::string::npos) << v.line;
  auto server_verdict = server::verify_journal_file(copy);
  ASSERT_TRUE(server_verdict);
  ASSERT_TRUE(server_verdict->has_value());
  EXPECT_EQ((*server_verdict)->seq, seq);
}

TEST_F(JournalReadersTest, WhatIsNotAJournalIsRefusedByBoth) {
  const std::string folder = make_temp_dir();
  EXPECT_FALSE(server::Journal::read(folder + "/none.sqlite"));
  EXPECT_FALSE(record::read_journal_sqlite(folder + "/none.sqlite"));
  EXPECT_FALSE(fs::exists(folder + "/none.sqlite")) << "a reader created the file";
  std::ofstream(folder + "/text.sqlite") << "not a database\n";
  EXPECT_FALSE(server::Journal::read(folder + "/text.sqlite"));
  EXPECT_FALSE(record::read_journal_sqlite(folder + "/text.sqlite"));
}

}  // namespace
}  // namespace scrutin::testing
