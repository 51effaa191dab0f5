#include "support/journal_file.hpp"

#include <sqlite3.h>

#include <stdexcept>

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
