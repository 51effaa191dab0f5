#include "support/journal_file.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "proto/journal_chain.hpp"

namespace scrutin::testing {

void flip_event_byte(const std::string& path, std::uint64_t seq, int byte) {
  sqlite3* db = nullptr;
  auto fail = [&](const char* what) {
    const std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    throw std::runtime_error("flip_event_byte " + path + ": " + message);
  };
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) fail("open");
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT event FROM events WHERE seq = ?", -1, &st, nullptr) != SQLITE_OK) fail("select");
  sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(seq));
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    fail("no such event");
  }
  std::string blob(static_cast<const char*>(sqlite3_column_blob(st, 0)), static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
  sqlite3_finalize(st);
  if (blob.empty()) fail("empty event");
  const std::size_t at = byte < 0 ? blob.size() - 1 : static_cast<std::size_t>(byte);
  blob.at(at) = static_cast<char>(blob.at(at) ^ 0x01);
  if (sqlite3_prepare_v2(db, "UPDATE events SET event = ? WHERE seq = ?", -1, &st, nullptr) != SQLITE_OK) fail("update");
  sqlite3_bind_blob(st, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, static_cast<sqlite3_int64>(seq));
  const int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) fail("write");
  sqlite3_close(db);
}

void rewrite_event_and_rechain(const std::string& path, std::uint64_t seq, const std::function<void(pb::Event&)>& edit) {
  sqlite3* db = nullptr;
  auto fail = [&](const std::string& what) {
    const std::string message = what + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    throw std::runtime_error("rewrite_event_and_rechain " + path + ": " + message);
  };
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) fail("open");
  struct Row {
    std::uint64_t seq;
    std::string event, prev_hash;
  };
  std::vector<Row> rows;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT seq, event, prev_hash FROM events ORDER BY seq", -1, &st, nullptr) != SQLITE_OK)
    fail("select");
  while (sqlite3_step(st) == SQLITE_ROW) {
    auto blob = [&](int i) {
      return std::string(static_cast<const char*>(sqlite3_column_blob(st, i)), static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
    };
    rows.push_back({static_cast<std::uint64_t>(sqlite3_column_int64(st, 0)), blob(1), blob(2)});
  }
  sqlite3_finalize(st);
  std::string prev = genesis_hash();
  bool found = false;
  if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) fail("begin");
  if (sqlite3_prepare_v2(db, "UPDATE events SET event = ?, prev_hash = ?, hash = ? WHERE seq = ?", -1, &st, nullptr) != SQLITE_OK)
    fail("update");
  for (Row& r : rows) {
    if (r.seq == seq) {
      pb::Event e;
      if (!e.ParseFromString(r.event)) fail("unreadable event");
      edit(e);
      r.event = event_bytes(e);
      found = true;
    }
    const std::string hash = chain_hash(prev, r.seq, r.event);
    if (r.seq >= seq) {
      sqlite3_bind_blob(st, 1, r.event.data(), static_cast<int>(r.event.size()), SQLITE_TRANSIENT);
      sqlite3_bind_blob(st, 2, prev.data(), static_cast<int>(prev.size()), SQLITE_TRANSIENT);
      sqlite3_bind_blob(st, 3, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 4, static_cast<sqlite3_int64>(r.seq));
      if (sqlite3_step(st) != SQLITE_DONE) fail("write");
      sqlite3_reset(st);
    }
    prev = hash;
  }
  sqlite3_finalize(st);
  if (!found) fail("no event at seq " + std::to_string(seq));
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) fail("commit");
  sqlite3_close(db);
}

std::pair<std::uint64_t, std::uint64_t> cut_wal_tail(const std::string& journal_path) {
  const std::string wal = journal_path + "-wal";
  std::error_code ec;
  const auto size = std::filesystem::file_size(wal, ec);
  if (ec || size <= 32) throw std::runtime_error("cut_wal_tail: no WAL frames in " + wal);
  unsigned char header[32];
  std::ifstream in(wal, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(header), sizeof header)) throw std::runtime_error("cut_wal_tail: cannot read " + wal);
  // WAL header: page size, big-endian, at offset 8 (1 stands for 65536).
  std::uint32_t page = (std::uint32_t{header[8]} << 24) | (std::uint32_t{header[9]} << 16) | (std::uint32_t{header[10]} << 8) | header[11];
  if (page == 1) page = 65536;
  const std::uint64_t frame = 24 + std::uint64_t{page};
  const std::uint64_t frames = (size - 32) / frame;
  if (frames == 0) throw std::runtime_error("cut_wal_tail: no whole frame in " + wal);
  const std::uint64_t cut = 32 + (frames - 1) * frame;
  std::filesystem::resize_file(wal, cut, ec);
  if (ec) throw std::runtime_error("cut_wal_tail: " + ec.message());
  return {size, cut};
}

OutsideLock::OutsideLock(const std::string& journal_path) {
  if (sqlite3_open(journal_path.c_str(), &db_) != SQLITE_OK ||
      sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    const std::string e = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot lock " + journal_path + ": " + e);
  }
}

OutsideLock::~OutsideLock() { release(); }

void OutsideLock::release() {
  if (!db_) return;
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
  db_ = nullptr;
}

}  // namespace scrutin::testing
