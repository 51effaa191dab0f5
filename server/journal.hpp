// The journal: every domain event, in order, in SQLite (WAL, synchronous=FULL),
// each row chained to the previous one by a SHA-256 hash (proto/journal_chain.hpp).
// Delegates' PIN hashes live in a second table of the same file.
//
// Group commit: append() only queues; a dedicated writer thread takes
// everything queued and writes it in one transaction, so the events that
// arrive while a commit runs go together in the next one. Each append's `done`
// runs (on the writer thread) after the COMMIT holding it returned: only then
// may the server acknowledge what it holds.
//
// A failed commit (disk full, read-only file, I/O error, a lock held too long
// by another process) loses nothing: the batch stays queued, first in line,
// with its sequence numbers, and is retried with back-off until it commits.
// `done` runs only then. The health callback says when the journal stops and
// starts accepting writes again, so the hub can refuse new changes meanwhile.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "proto/journal_chain.hpp"
#include "server/credentials.hpp"

struct sqlite3;

namespace scrutin::server {

struct StoredEntry {
  std::uint64_t seq = 0;
  std::string event;  // event_bytes(pb::Event): exactly the bytes hashed
  std::string prev_hash;
  std::string hash;
};

class Journal {
 public:
  using Done = std::function<void()>;  // the append is durable
  // nullopt: writes go through again; otherwise why they fail ("database or disk is full").
  using Health = std::function<void(std::optional<std::string> problem)>;

  struct Options {
    int busy_timeout_ms = 5000;                          // wait this long for another process's lock
    std::chrono::milliseconds first_retry{50};           // back-off after a failed commit, doubling...
    std::chrono::milliseconds max_retry{2000};           // ...up to this
    std::chrono::milliseconds give_up_on_stop{3000};     // stop(): keep retrying this long, then give up
  };

  // Opens (creating if needed) the journal file and proves it can be written
  // (a small transaction), so a read-only file or a held lock is found at start.
  static std::expected<std::unique_ptr<Journal>, std::string> open(const std::string& path, Options options);
  static std::expected<std::unique_ptr<Journal>, std::string> open(const std::string& path) {
    return open(path, Options{});
  }
  // Reads a journal without writing to it (verify, tests).
  static std::expected<std::vector<StoredEntry>, std::string> read(const std::string& path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Before start() only (the writer owns the connection after).
  std::expected<std::vector<StoredEntry>, std::string> load() const;
  std::expected<std::map<std::string, std::string>, std::string> load_credentials() const;

  void on_health(Health health);  // before start()
  void start();  // the writer thread
  // Thread-safe. An append with no entries and no credentials still waits for
  // every append before it: its `done` says "all that came before is durable".
  void append(std::vector<StoredEntry> entries, std::vector<Credential> credentials, Done done);
  // Commits what is queued, then joins the writer. While commits fail it keeps
  // retrying for Options::give_up_on_stop, then gives up on what is left
  // (never acknowledged) and says so in the log.
  // Returns whether everything appended was written.
  bool stop();

  std::uint64_t transactions() const;  // commits written so far (tests, benchmark)
  // The last sequence number actually in the file (a fresh read), for the last log line.
  std::expected<std::uint64_t, std::string> disk_head() const;

 private:
  Journal(sqlite3* db, Options options) : db_(db), options_(options) {}
  void run();
  std::expected<void, std::string> write(const std::vector<const StoredEntry*>& entries,
                                         const std::vector<const Credential*>& credentials);

  struct Pending {
    std::vector<StoredEntry> entries;
    std::vector<Credential> credentials;
    Done done;
  };
  sqlite3* db_;
  Options options_;
  Health health_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  bool stopping_ = false;
  bool gave_up_ = false;
  std::uint64_t transactions_ = 0;
  std::thread writer_;
};

// `scrutin-server verify`: the whole chain of a journal file; nullopt when intact.
std::expected<std::optional<ChainProblem>, std::string> verify_journal_file(const std::string& path);

}  // namespace scrutin::server
