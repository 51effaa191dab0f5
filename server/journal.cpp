#include "server/journal.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace scrutin::server {

namespace {

std::string error_of(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

bool exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

std::string column_blob(sqlite3_stmt* st, int i) {
  const void* p = sqlite3_column_blob(st, i);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st, i)))
           : std::string();
}

std::expected<std::vector<StoredEntry>, std::string> read_all(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT seq, event, prev_hash, hash FROM events ORDER BY seq", -1, &st, nullptr) !=
      SQLITE_OK)
    return std::unexpected(fmt::format("cannot read the journal: {}", error_of(db)));
  std::vector<StoredEntry> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    out.push_back({static_cast<std::uint64_t>(sqlite3_column_int64(st, 0)), column_blob(st, 1), column_blob(st, 2),
                   column_blob(st, 3)});
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return std::unexpected(fmt::format("cannot read the journal: {}", error_of(db)));
  return out;
}

// Statements live as long as one transaction; cheap next to an fsync.
struct Statement {
  sqlite3_stmt* st = nullptr;
  ~Statement() { sqlite3_finalize(st); }
};

}  // namespace

std::expected<std::unique_ptr<Journal>, std::string> Journal::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string e = error_of(db);
    sqlite3_close(db);
    return std::unexpected(fmt::format("cannot open the journal {}: {}", path, e));
  }
  sqlite3_busy_timeout(db, 5000);
  // WAL + FULL: a COMMIT that returned is on the disk, and readers never block the writer.
  const bool ok = exec(db, "PRAGMA journal_mode=WAL") && exec(db, "PRAGMA synchronous=FULL") &&
                  exec(db,
                       "CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, event BLOB NOT NULL,"
                       " prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
                       "CREATE TABLE IF NOT EXISTS credentials(member_id TEXT PRIMARY KEY, hash TEXT NOT NULL);");
  if (!ok) {
    std::string e = error_of(db);
    sqlite3_close(db);
    return std::unexpected(fmt::format("cannot prepare the journal {}: {}", path, e));
  }
  return std::unique_ptr<Journal>(new Journal(db));
}

std::expected<std::vector<StoredEntry>, std::string> Journal::read(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string e = error_of(db);
    sqlite3_close(db);
    return std::unexpected(fmt::format("cannot open the journal {}: {}", path, e));
  }
  auto out = read_all(db);
  sqlite3_close(db);
  return out;
}

Journal::~Journal() {
  stop();
  sqlite3_close(db_);
}

std::expected<std::vector<StoredEntry>, std::string> Journal::load() const { return read_all(db_); }

std::expected<std::map<std::string, std::string>, std::string> Journal::load_credentials() const {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT member_id, hash FROM credentials", -1, &st, nullptr) != SQLITE_OK)
    return std::unexpected(error_of(db_));
  std::map<std::string, std::string> out;
  while (sqlite3_step(st) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] =
        reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
  sqlite3_finalize(st);
  return out;
}

void Journal::start() {
  std::lock_guard lock(mutex_);
  if (!writer_.joinable() && !stopping_) writer_ = std::thread([this] { run(); });
}

void Journal::append(std::vector<StoredEntry> entries, std::vector<Credential> credentials, Done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(entries), std::move(credentials), std::move(done)});
  }
  wake_.notify_one();
}

void Journal::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
}

std::uint64_t Journal::transactions() const {
  std::lock_guard lock(mutex_);
  return transactions_;
}

void Journal::run() {
  std::vector<Pending> batch;
  std::vector<const StoredEntry*> entries;
  std::vector<const Credential*> credentials;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty() && stopping_) return;
      batch.swap(queue_);  // everything that arrived during the last commit
    }
    entries.clear();
    credentials.clear();
    for (const auto& p : batch) {
      for (const auto& e : p.entries) entries.push_back(&e);
      for (const auto& c : p.credentials) credentials.push_back(&c);
    }
    bool ok = true;
    if (!entries.empty() || !credentials.empty()) {
      ok = write(entries, credentials);
      std::lock_guard lock(mutex_);
      ++transactions_;
    }
    for (auto& p : batch)
      if (p.done) p.done(ok);
    batch.clear();
  }
}

bool Journal::write(const std::vector<const StoredEntry*>& entries, const std::vector<const Credential*>& credentials) {
  if (!exec(db_, "BEGIN IMMEDIATE")) {
    spdlog::critical("journal: cannot begin a transaction: {}", error_of(db_));
    return false;
  }
  Statement ins, cred;
  bool ok = sqlite3_prepare_v2(db_, "INSERT INTO events(seq, event, prev_hash, hash) VALUES(?,?,?,?)", -1, &ins.st,
                               nullptr) == SQLITE_OK &&
            sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO credentials(member_id, hash) VALUES(?,?)", -1, &cred.st,
                               nullptr) == SQLITE_OK;
  for (std::size_t i = 0; ok && i < entries.size(); ++i) {
    const StoredEntry& e = *entries[i];
    sqlite3_bind_int64(ins.st, 1, static_cast<sqlite3_int64>(e.seq));
    sqlite3_bind_blob(ins.st, 2, e.event.data(), static_cast<int>(e.event.size()), SQLITE_STATIC);
    sqlite3_bind_blob(ins.st, 3, e.prev_hash.data(), static_cast<int>(e.prev_hash.size()), SQLITE_STATIC);
    sqlite3_bind_blob(ins.st, 4, e.hash.data(), static_cast<int>(e.hash.size()), SQLITE_STATIC);
    ok = sqlite3_step(ins.st) == SQLITE_DONE;
    sqlite3_reset(ins.st);
  }
  for (std::size_t i = 0; ok && i < credentials.size(); ++i) {
    sqlite3_bind_text(cred.st, 1, credentials[i]->member_id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(cred.st, 2, credentials[i]->hash.c_str(), -1, SQLITE_STATIC);
    ok = sqlite3_step(cred.st) == SQLITE_DONE;
    sqlite3_reset(cred.st);
  }
  if (ok && exec(db_, "COMMIT")) return true;
  spdlog::critical("journal: a transaction of {} events failed: {}", entries.size(), error_of(db_));
  exec(db_, "ROLLBACK");
  return false;
}

std::expected<std::optional<ChainProblem>, std::string> verify_journal_file(const std::string& path) {
  auto stored = Journal::read(path);
  if (!stored) return std::unexpected(stored.error());
  std::vector<pb::JournalEntry> entries;
  std::vector<std::string> raw;
  entries.reserve(stored->size());
  raw.reserve(stored->size());
  for (StoredEntry& s : *stored) {
    pb::JournalEntry e;
    e.set_seq(s.seq);
    e.set_prev_hash(s.prev_hash);
    e.set_hash(s.hash);
    e.mutable_event()->ParseFromString(s.event);  // an unparsable event fails its hash anyway
    entries.push_back(std::move(e));
    raw.push_back(std::move(s.event));
  }
  return verify_chain(entries, &raw);
}

}  // namespace scrutin::server
