#include "server/journal.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "proto/journal_chain.hpp"
#include "server/secrets.hpp"

namespace scrutin::server {

namespace {

std::string error_of(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

bool exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

std::string column_blob(sqlite3_stmt* st, int i) {
  const void* p = sqlite3_column_blob(st, i);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st, i)))
           : std::string();
}

struct Statement {
  sqlite3_stmt* st = nullptr;
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(st); }
  bool prepare(sqlite3* db, const char* sql) {
    return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) == SQLITE_OK;
  }
  bool run() {  // a statement without rows (BEGIN, an INSERT...), left ready for the next use
    const bool done = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
    return done;
  }
};

}  // namespace

// The writer's statements, parsed once: at a steady 5,000 votes a second the
// commits are small, and parsing their SQL each time cost as much as writing.
struct Journal::Statements {
  Statement begin, commit, rollback, insert_event, put_credential, put_bulletin, empty_box;
  bool prepare(sqlite3* db) {
    return begin.prepare(db, "BEGIN IMMEDIATE") && commit.prepare(db, "COMMIT") && rollback.prepare(db, "ROLLBACK") &&
           insert_event.prepare(db, "INSERT INTO events(seq, event, prev_hash, hash) VALUES(?,?,?,?)") &&
           put_credential.prepare(db, "INSERT OR REPLACE INTO credentials(member_id, hash) VALUES(?,?)") &&
           put_bulletin.prepare(db, "INSERT OR IGNORE INTO ballot_box(key, item, content) VALUES(?,?,?)") &&
           empty_box.prepare(db, "DELETE FROM ballot_box WHERE item = ?");
  }
};

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
                       "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                       "CREATE TABLE IF NOT EXISTS ballot_box(key BLOB PRIMARY KEY, item TEXT NOT NULL,"
                       " content BLOB NOT NULL) WITHOUT ROWID;") &&
                  exec(db, "PRAGMA secure_delete=ON") &&
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
  auto journal = std::unique_ptr<Journal>(new Journal(db, options));
  // The head witness: what this journal had written when it last ran.
  const std::string witness_path = path + ".head";
  if (FILE* f = std::fopen(witness_path.c_str(), "r")) {
    unsigned long long seq = 0;
    char hex[80] = {};
    const bool read_ok = std::fscanf(f, "%llu %70s", &seq, hex) == 2;
    std::fclose(f);
    auto entries = read_journal_rows(db);
    if (read_ok && entries) {
      const std::uint64_t head = entries->empty() ? 0 : entries->back().seq;
      std::string hash_there;
      for (auto it = entries->rbegin(); it != entries->rend(); ++it)
        if (it->seq == seq) {
          hash_there = to_hex(it->hash);
          break;
        }
      if (head < seq)
        journal->rollback_ = fmt::format(
            "le journal s'arrête à l'entrée n° {} alors que le serveur avait enregistré et accusé jusqu'à l'entrée "
            "n° {} : les entrées {} à {} sont perdues (fin du journal coupée après un arrêt brutal, ou copie "
            "ancienne remise en place). Les votes accusés depuis doivent être renvoyés : les tablettes le font "
            "d'elles-mêmes ; vérifiez le pointage et les votes du scrutin en cours",
            head, seq, head + 1, seq);
      else if (hash_there != hex)
        journal->rollback_ = fmt::format(
            "l'entrée n° {} du journal n'est plus celle que le serveur avait enregistrée : le journal a été "
            "remplacé ou réécrit depuis le dernier arrêt",
            seq);
    }
  }
  journal->witness_fd_ = ::open(witness_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  return journal;
}

void Journal::write_witness(std::uint64_t seq, const std::string& hash) {
  if (witness_fd_ < 0) return;
  // Fixed width, one pwrite: a reader never sees half of an old and half of a new line.
  char line[96];
  const int n = std::snprintf(line, sizeof line, "%020llu %-64s\n", static_cast<unsigned long long>(seq),
                              to_hex(hash).c_str());
  if (n > 0 && ::pwrite(witness_fd_, line, static_cast<std::size_t>(n), 0) != n)
    spdlog::warn("journal: cannot write the head witness");
}

std::expected<std::vector<BoxEntry>, std::string> Journal::load_box() const {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT key, item, content FROM ballot_box ORDER BY key", -1, &st, nullptr) != SQLITE_OK)
    return std::unexpected(fmt::format("cannot read the ballot box: {}", error_of(db_)));
  std::vector<BoxEntry> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    out.push_back({column_blob(st, 0), reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), column_blob(st, 2)});
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return std::unexpected(fmt::format("cannot read the ballot box: {}", error_of(db_)));
  return out;
}

Journal::Journal(sqlite3* db, Options options) : db_(db), options_(options) {}

Journal::~Journal() {
  stop();
  statements_.reset();  // finalized before the close, or the close fails
  sqlite3_close(db_);
  if (witness_fd_ >= 0) ::close(witness_fd_);
}

std::expected<std::vector<StoredEntry>, std::string> Journal::load() const { return read_journal_rows(db_); }

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

void Journal::on_commits(Commits commits) {
  std::lock_guard lock(mutex_);  // the writer may already run (it reads commits_ under the lock)
  commits_ = std::move(commits);
}

void Journal::start() {
  std::lock_guard lock(mutex_);
  if (!writer_.joinable() && !stopping_) writer_ = std::thread([this] { run(); });
}

void Journal::append(std::vector<StoredEntry> entries, std::vector<Credential> credentials, BallotBoxChange box,
                     Done done) {
  for (BoxEntry& b : box.put) b.key = random_bytes(16);  // drawn once: a retried commit writes the same row
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(entries), std::move(credentials), std::move(box), std::move(done)});
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
  Batch b;
  const auto& entries = b.entries;
  std::optional<std::string> problem;  // set while commits fail
  auto backoff = options_.first_retry;
  std::optional<clock::time_point> give_up_at;
  for (;;) {
    if (problem) {  // retry after the back-off, whatever arrives meanwhile (appends must not hasten it)
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, options_.max_retry);
    }
    bool stopping;
    Commits commits;
    {
      std::unique_lock lock(mutex_);
      if (!problem) wake_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      commits = commits_;
      stopping = stopping_;
      if (queue_.empty() && batch.empty() && stopping) return;
      // What arrived meanwhile goes after what is being retried: the order of
      // sequence numbers is the order of the file.
      for (Pending& p : queue_) batch.push_back(std::move(p));
      queue_.clear();
    }
    b = Batch{};
    for (const auto& p : batch) {
      for (const auto& e : p.entries) b.entries.push_back(&e);
      for (const auto& c : p.credentials) b.credentials.push_back(&c);
      for (const auto& x : p.box.put) b.box_put.push_back(&x);
      for (const auto& x : p.box.empty_items) b.box_empty.push_back(&x);
    }
    std::expected<void, std::string> written;
    if (!b.empty()) written = write(b, problem.has_value());
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
    if (!b.empty()) {
      std::lock_guard lock(mutex_);
      ++transactions_;
    }
    if (!entries.empty()) write_witness(entries.back()->seq, entries.back()->hash);
    // A sealed box leaves no trace of its bulletins' order in the WAL's old frames.
    if (!b.box_empty.empty()) sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (problem) {
      spdlog::warn("journal: writes go through again; the {} events held back are on disk", entries.size());
      problem.reset();
      backoff = options_.first_retry;
      give_up_at.reset();
      if (health_) health_(std::nullopt);
    }
    std::vector<Done> dones;
    dones.reserve(batch.size());
    for (auto& p : batch)
      if (p.done) dones.push_back(std::move(p.done));
    batch.clear();
    if (commits) {
      commits(std::move(dones));
    } else {
      for (auto& done : dones) done();
    }
  }
}

std::expected<void, std::string> Journal::write(const Batch& batch, bool after_failure) {
  const auto& entries = batch.entries;
  const auto& credentials = batch.credentials;
  // A COMMIT that reported a failure may still have reached the file (an I/O
  // error after the WAL was written): entries already there are not written twice.
  // Otherwise the file ends where the last commit did, and nothing is asked of it.
  std::uint64_t on_disk = 0;
  if (after_failure && !entries.empty() && entries.front()->seq > 0) {
    auto head = disk_head();
    if (!head) return std::unexpected(head.error());
    on_disk = *head;
  }
  if (!statements_) {
    auto prepared = std::make_unique<Statements>();
    if (!prepared->prepare(db_)) return std::unexpected(error_of(db_));
    statements_ = std::move(prepared);
  }
  Statements& s = *statements_;
  if (!s.begin.run()) return std::unexpected(error_of(db_));
  bool ok = true;
  for (std::size_t i = 0; ok && i < entries.size(); ++i) {
    const StoredEntry& e = *entries[i];
    if (e.seq <= on_disk) continue;
    sqlite3_bind_int64(s.insert_event.st, 1, static_cast<sqlite3_int64>(e.seq));
    sqlite3_bind_blob(s.insert_event.st, 2, e.event.data(), static_cast<int>(e.event.size()), SQLITE_STATIC);
    sqlite3_bind_blob(s.insert_event.st, 3, e.prev_hash.data(), static_cast<int>(e.prev_hash.size()), SQLITE_STATIC);
    sqlite3_bind_blob(s.insert_event.st, 4, e.hash.data(), static_cast<int>(e.hash.size()), SQLITE_STATIC);
    ok = s.insert_event.run();
  }
  for (std::size_t i = 0; ok && i < credentials.size(); ++i) {
    sqlite3_bind_text(s.put_credential.st, 1, credentials[i]->member_id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s.put_credential.st, 2, credentials[i]->hash.c_str(), -1, SQLITE_STATIC);
    ok = s.put_credential.run();
  }
  for (std::size_t i = 0; ok && i < batch.box_put.size(); ++i) {
    const BoxEntry& x = *batch.box_put[i];
    sqlite3_bind_blob(s.put_bulletin.st, 1, x.key.data(), static_cast<int>(x.key.size()), SQLITE_STATIC);
    sqlite3_bind_text(s.put_bulletin.st, 2, x.item.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_blob(s.put_bulletin.st, 3, x.content.data(), static_cast<int>(x.content.size()), SQLITE_STATIC);
    ok = s.put_bulletin.run();
  }
  for (std::size_t i = 0; ok && i < batch.box_empty.size(); ++i) {
    sqlite3_bind_text(s.empty_box.st, 1, batch.box_empty[i]->c_str(), -1, SQLITE_STATIC);
    ok = s.empty_box.run();
  }
  if (ok && s.commit.run()) return {};
  std::string error = error_of(db_);
  s.rollback.run();
  return std::unexpected(std::move(error));
}

std::expected<std::optional<ChainProblem>, std::string> verify_journal_file(const std::string& path) {
  auto stored = Journal::read(path);
  if (!stored) return std::unexpected(stored.error());
  std::vector<std::string> raw;
  const auto entries = journal_entries(*stored, raw);
  return verify_chain(entries, &raw);
}

}  // namespace scrutin::server
