#include "proto/journal_file.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace scrutin {

namespace {

std::string error_of(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

std::string column_blob(sqlite3_stmt* st, int i) {
  const void* p = sqlite3_column_blob(st, i);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st, i)))
           : std::string();
}

}  // namespace

std::expected<std::vector<StoredEntry>, std::string> read_journal_rows(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT seq, event, prev_hash, hash FROM events ORDER BY seq", -1, &st, nullptr) !=
      SQLITE_OK) {
    // No events table: not a journal (or not readable at all).
    return std::unexpected(fmt::format("not a Scrutin journal: {}", error_of(db)));
  }
  std::vector<StoredEntry> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    out.push_back({static_cast<std::uint64_t>(sqlite3_column_int64(st, 0)), column_blob(st, 1), column_blob(st, 2),
                   column_blob(st, 3)});
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return std::unexpected(fmt::format("cannot read the journal: {}", error_of(db)));
  return out;
}

std::expected<std::vector<StoredEntry>, std::string> read_journal_file(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string e = error_of(db);
    sqlite3_close(db);
    return std::unexpected(fmt::format("cannot open the journal {}: {}", path, e));
  }
  auto out = read_journal_rows(db);
  sqlite3_close(db);
  if (!out) return std::unexpected(fmt::format("{}: {}", path, out.error()));
  return out;
}

std::vector<pb::JournalEntry> journal_entries(const std::vector<StoredEntry>& stored, std::vector<std::string>& raw) {
  std::vector<pb::JournalEntry> entries;
  entries.reserve(stored.size());
  raw.reserve(raw.size() + stored.size());
  for (const StoredEntry& s : stored) {
    pb::JournalEntry e;
    e.set_seq(s.seq);
    e.set_prev_hash(s.prev_hash);
    e.set_hash(s.hash);
    if (!e.mutable_event()->ParseFromString(s.event)) e.clear_event();
    entries.push_back(std::move(e));
    raw.push_back(s.event);
  }
  return entries;
}

}  // namespace scrutin
