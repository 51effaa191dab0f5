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

std::expected<std::unique_ptr<Journal>, std::string> Journal::open(const std::string& path, Options options) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string e = error_of(db);
    sqlite3_close(db);
    return std::unexpected(fmt::format("cannot open the journal {}: {}", path, e));
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  // WAL + FULL: a COMMIT that returned is on the disk, and readers never block the writer.
  // The last statement is a real write: a journal that cannot take one is refused now,
  // not at the first vote.
  const bool ok = exec(db, "PRAGMA journal_mode=WAL") && exec(db, "PRAGMA synchronous=FULL") &&
                  exec(db,
                       "CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, event BLOB NOT NULL,"
                       " prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
                       "CREATE TABLE IF NOT EXISTS credentials(member_id TEXT PRIMARY KEY, hash TEXT NOT NULL);"
                       "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);") &&
                  exec(db,
                       "BEGIN IMMEDIATE; INSERT OR REPLACE INTO meta(key, value) VALUES('opened', datetime('now'));"
                       " COMMIT;");
  if (!ok) {
    std::string e = error_of(db);
    exec(db, "ROLLBACK");
    std::string head = "unknown";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(seq), 0) FROM events", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      head = std::to_string(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return std::unexpected(fmt::format(
        "the journal {} cannot be written: {}. Nothing was changed; fix the cause (free space, permissions, "
        "another program holding the file) and start again. The journal on disk ends at seq {}",
        path, e, head));
  }
  return std::unique_ptr<Journal>(new Journal(db, options));
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

void Journal::on_health(Health health) { health_ = std::move(health); }

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

bool Journal::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
  std::lock_guard lock(mutex_);
  return !gave_up_ && queue_.empty();
}

std::uint64_t Journal::transactions() const {
  std::lock_guard lock(mutex_);
  return transactions_;
}

std::expected<std::uint64_t, std::string> Journal::disk_head() const {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT coalesce(max(seq), 0) FROM events", -1, &st, nullptr) != SQLITE_OK)
    return std::unexpected(error_of(db_));
  std::expected<std::uint64_t, std::string> out = std::unexpected(std::string("no answer"));
  if (sqlite3_step(st) == SQLITE_ROW) out = static_cast<std::uint64_t>(sqlite3_column_int64(st, 0));
  else out = std::unexpected(error_of(db_));
  sqlite3_finalize(st);
  return out;
}

void Journal::run() {
  using clock = std::chrono::steady_clock;
  std::vector<Pending> batch;  // kept across failed attempts: nothing is dropped
  std::vector<const StoredEntry*> entries;
  std::vector<const Credential*> credentials;
  std::optional<std::string> problem;  // set while commits fail
  auto backoff = options_.first_retry;
  std::optional<clock::time_point> give_up_at;
  for (;;) {
    if (problem) {  // retry after the back-off, whatever arrives meanwhile (appends must not hasten it)
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, options_.max_retry);
    }
    bool stopping;
    {
      std::unique_lock lock(mutex_);
      if (!problem) wake_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      stopping = stopping_;
      if (queue_.empty() && batch.empty() && stopping) return;
      // What arrived meanwhile goes after what is being retried: the order of
      // sequence numbers is the order of the file.
      for (Pending& p : queue_) batch.push_back(std::move(p));
      queue_.clear();
    }
    entries.clear();
    credentials.clear();
    for (const auto& p : batch) {
      for (const auto& e : p.entries) entries.push_back(&e);
      for (const auto& c : p.credentials) credentials.push_back(&c);
    }
    std::expected<void, std::string> written;
    if (!entries.empty() || !credentials.empty()) written = write(entries, credentials);
    if (!written) {
      if (problem != written.error()) {
        spdlog::critical("journal: a commit of {} events failed ({}); keeping them, retrying, refusing changes",
                         entries.size(), written.error());
        if (health_) health_(written.error());
      }
      problem = written.error();
      if (stopping) {
        if (!give_up_at) give_up_at = clock::now() + options_.give_up_on_stop;
        if (clock::now() >= *give_up_at) {
          auto head = disk_head();
          spdlog::critical("journal: stopping with {} events never written (seq {} to {}) and never acknowledged: {}",
                           entries.size(), entries.empty() ? 0 : entries.front()->seq,
                           entries.empty() ? 0 : entries.back()->seq, *problem);
          spdlog::critical("journal: the journal on disk ends at seq {}",
                           head ? std::to_string(*head) : "unknown (" + head.error() + ")");
          std::lock_guard lock(mutex_);
          gave_up_ = true;
          return;
        }
      }
      continue;
    }
    if (!entries.empty() || !credentials.empty()) {
      std::lock_guard lock(mutex_);
      ++transactions_;
    }
    if (problem) {
      spdlog::warn("journal: writes go through again; the {} events held back are on disk", entries.size());
      problem.reset();
      backoff = options_.first_retry;
      give_up_at.reset();
      if (health_) health_(std::nullopt);
    }
    for (auto& p : batch)
      if (p.done) p.done();
    batch.clear();
  }
}

std::expected<void, std::string> Journal::write(const std::vector<const StoredEntry*>& entries,
                                                const std::vector<const Credential*>& credentials) {
  // A COMMIT that reported a failure may still have reached the file (an I/O
  // error after the WAL was written): entries already there are not written twice.
  std::uint64_t on_disk = 0;
  if (!entries.empty() && entries.front()->seq > 0) {
    auto head = disk_head();
    if (!head) return std::unexpected(head.error());
    on_disk = *head;
  }
  if (!exec(db_, "BEGIN IMMEDIATE")) return std::unexpected(error_of(db_));
  Statement ins, cred;
  bool ok = sqlite3_prepare_v2(db_, "INSERT INTO events(seq, event, prev_hash, hash) VALUES(?,?,?,?)", -1, &ins.st,
                               nullptr) == SQLITE_OK &&
            sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO credentials(member_id, hash) VALUES(?,?)", -1, &cred.st,
                               nullptr) == SQLITE_OK;
  for (std::size_t i = 0; ok && i < entries.size(); ++i) {
    const StoredEntry& e = *entries[i];
    if (e.seq <= on_disk) continue;
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
  if (ok && exec(db_, "COMMIT")) return {};
  std::string error = error_of(db_);
  exec(db_, "ROLLBACK");
  return std::unexpected(std::move(error));
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
