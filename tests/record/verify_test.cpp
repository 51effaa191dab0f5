// verify: the hash chain and the sequence of a journal, and the record
// re-derived from it against an export.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>

#include "client/record/record.hpp"
#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "record/journalled.hpp"
#include "support/journal_file.hpp"

namespace scrutin {
namespace {

// Writes a journal as the server does (proto/PROTOCOL.md).
void write_sqlite(const std::string& path, const std::vector<pb::JournalEntry>& journal) {
  std::remove(path.c_str());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE events(seq INTEGER PRIMARY KEY, event BLOB NOT NULL, prev_hash BLOB NOT NULL, "
                         "hash BLOB NOT NULL); BEGIN;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO events VALUES(?,?,?,?)", -1, &st, nullptr), SQLITE_OK);
  for (const auto& e : journal) {
    const std::string bytes = event_bytes(e.event());
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(e.seq()));
    sqlite3_bind_blob(st, 2, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 3, e.prev_hash().data(), static_cast<int>(e.prev_hash().size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 4, e.hash().data(), static_cast<int>(e.hash().size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::string db_path(const std::string& name) { return std::string(SCRUTIN_RECORD_TEST_OUT) + "/" + name; }

TEST(Verify, IntactJournalAndItsExportAreAccepted) {
  auto j = testing::seed_session();
  auto exported = record::build(j.session, j.journal);
  auto v = record::verify(j.journal, &exported);
  EXPECT_TRUE(v.ok) << v.line;
  EXPECT_TRUE(v.line.starts_with("OK: ")) << v.line;
  EXPECT_EQ(v.line.find('\n'), std::string::npos) << "one line";
  // Through the JSON file, with the journal it carries.
  auto back = record::from_json(record::to_json(exported));
  ASSERT_TRUE(back);
  std::vector<pb::JournalEntry> carried(back->journal().begin(), back->journal().end());
  EXPECT_TRUE(record::verify(carried, &*back).ok);
  // Prefecture dates are filled in later: not a difference.
  ASSERT_TRUE(record::set_prefecture_dates(*back, "20220322-59", "2022-04-04", "2022-04-04"));
  EXPECT_TRUE(record::verify(carried, &*back).ok);
}

TEST(Verify, JournalFileRoundTripsThroughSqlite) {
  auto j = testing::three_item_session();
  const std::string path = db_path("verify-intact.sqlite");
  write_sqlite(path, j.journal);
  std::vector<std::string> raw;
  auto read = record::read_journal_sqlite(path, &raw);
  ASSERT_TRUE(read) << read.error();
  ASSERT_EQ(read->size(), j.journal.size());
  auto exported = record::build(j.session, j.journal);
  auto v = record::verify(*read, &raw, &exported);
  EXPECT_TRUE(v.ok) << v.line;
  // Left in the build folder for trying scrutinctl verify and export by hand.
  std::FILE* f = std::fopen(db_path("verify-intact.json").c_str(), "wb");
  ASSERT_NE(f, nullptr);
  const std::string json = record::to_json(exported);
  std::fwrite(json.data(), 1, json.size(), f);
  std::fclose(f);
  EXPECT_FALSE(record::read_journal_sqlite(db_path("no-such-journal.sqlite")));
}

TEST(Verify, OneEditedByteInAStoredEventIsNamedBySeq) {
  auto j = testing::seed_session();
  const std::string path = db_path("verify-edited.sqlite");
  // A vote in the middle of the ballot, one byte in the middle of its event and
  // the last byte of another.
  for (auto [seq, byte] : {std::pair<std::uint64_t, int>{100, 5}, {j.journal.size() - 3, -1}, {1, 0}}) {
    write_sqlite(path, j.journal);
    testing::flip_event_byte(path, seq, byte);
    std::vector<std::string> raw;
    auto read = record::read_journal_sqlite(path, &raw);
    ASSERT_TRUE(read) << read.error();
    auto v = record::verify(*read, &raw, nullptr);
    EXPECT_FALSE(v.ok);
    EXPECT_NE(v.line.find("seq " + std::to_string(seq) + ":"), std::string::npos) << v.line;
  }
}

TEST(Verify, EditedEventInMemoryAndSequenceGapAreNamed) {
  auto j = testing::seed_session();
  auto journal = j.journal;
  // Turn one vote into a "contre" without re-hashing.
  for (auto& e : journal)
    if (e.event().has_vote_cast() && e.seq() > 90) {
      e.mutable_event()->mutable_vote_cast()->mutable_cast()->set_choice(pb::CONTRE);
      auto v = record::verify(journal, nullptr);
      EXPECT_FALSE(v.ok);
      EXPECT_NE(v.line.find("seq " + std::to_string(e.seq()) + ":"), std::string::npos) << v.line;
      break;
    }
  auto gap = j.journal;
  gap.erase(gap.begin() + 10);
  auto v = record::verify(gap, nullptr);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.line.find("seq 12:"), std::string::npos) << v.line;
}

TEST(Verify, ExportWithAnEditedCountIsRejectedNamingTheField) {
  auto j = testing::three_item_session();
  auto exported = record::build(j.session, j.journal);
  exported.mutable_deliberations(1)->mutable_counts()->set_pour(5);
  auto v = record::verify(j.journal, &exported);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.line.find("2026-02"), std::string::npos) << v.line;
  EXPECT_NE(v.line.find("counts.pour: 4 -> 5"), std::string::npos) << v.line;

  auto names = record::build(j.session, j.journal);
  names.mutable_deliberations(0)->set_names_pour(0, "Someone ELSE");
  v = record::verify(j.journal, &names);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.line.find("names_pour"), std::string::npos) << v.line;

  auto missing = record::build(j.session, j.journal);
  missing.mutable_deliberations()->RemoveLast();
  v = record::verify(j.journal, &missing);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.line.find("2026-03"), std::string::npos) << v.line;
}

TEST(Verify, EmptyJournalIsRefused) {
  EXPECT_FALSE(record::verify({}, nullptr).ok);
}

}  // namespace
}  // namespace scrutin
