// The journal: every domain event, in order, in SQLite (WAL, synchronous=FULL),
// each row chained to the previous one by a SHA-256 hash (proto/journal_chain.hpp).
// Delegates' PIN hashes live in a second table of the same file.
//
// The ballot box: a secret ballot's bulletins (choice, no voter) live in a third
// table, `ballot_box`, WITHOUT ROWID and keyed by 16 random bytes: its rows
// have no time, no sequence and no insertion order (the file keeps them sorted
// by key). A bulletin is written in the same transaction as the chained
// "who voted" entry, so an acknowledged secret vote is durable. When the
// ballot closes, the box's contents go into the chain sorted (SecretBoxSealed)
// and its rows are deleted in the same transaction; secure_delete zeroes them
// and the WAL is truncated after that commit, so the file keeps no trace of
// the order in which bulletins came.
//
// The head witness: after every commit the last sequence and chain hash are
// written to `<journal>.head` (not synced: it survives a killed process, which
// is what it is for). At open, a journal that ends before its witness lost an
// acknowledged tail (a WAL cut after a crash, a restored older copy): rollback()
// says which entries, and the server says it loudly rather than start silently.
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
#include "proto/journal_file.hpp"
#include "server/credentials.hpp"

struct sqlite3;

namespace scrutin::server {

// A journal row, and its conversion to the wire's entries: proto/journal_file.hpp,
// the one reader shared with the record.
using scrutin::StoredEntry;
using scrutin::journal_entries;

// One bulletin in the ballot box. `content` is event_bytes(pb::Event) of the
// bulletin; the key is drawn when it is appended (a retried commit writes the
// same row once).
struct BoxEntry {
  std::string key;  // 16 random bytes
  std::string item;
  std::string content;
};
// What a transaction does to the ballot box besides the chain.
struct BallotBoxChange {
  std::vector<BoxEntry> put;           // keys are drawn by append()
  std::vector<std::string> empty_items;  // items whose bulletins are sealed in this transaction
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
  // Reads a journal without writing to it (verify, tests): read_journal_file.
  static std::expected<std::vector<StoredEntry>, std::string> read(const std::string& path) {
    return read_journal_file(path);
  }
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Before start() only (the writer owns the connection after).
  std::expected<std::vector<StoredEntry>, std::string> load() const;
  std::expected<std::map<std::string, std::string>, std::string> load_credentials() const;

  void on_health(Health health);  // before start()
  // Before start(): who runs the `done`s of one commit. By default the writer
  // thread calls each in turn; the hub takes them all at once, to answer a
  // whole commit in one turn of its strand (one view per tablet, not one per vote).
  using Commits = std::function<void(std::vector<Done> dones)>;
  void on_commits(Commits commits);
  void start();  // the writer thread
  // Thread-safe. An append with no entries and no credentials still waits for
  // every append before it: its `done` says "all that came before is durable".
  void append(std::vector<StoredEntry> entries, std::vector<Credential> credentials, Done done) {
    append(std::move(entries), std::move(credentials), BallotBoxChange{}, std::move(done));
  }
  void append(std::vector<StoredEntry> entries, std::vector<Credential> credentials, BallotBoxChange box, Done done);
  // Before start() only: the ballot box's bulletins (in key order, i.e. no order).
  std::expected<std::vector<BoxEntry>, std::string> load_box() const;
  // Set at open when the journal ends before the last entry it had written
  // (the head witness): a sentence naming the missing entries.
  const std::optional<std::string>& rollback() const { return rollback_; }
  // Commits what is queued, then joins the writer. While commits fail it keeps
  // retrying for Options::give_up_on_stop, then gives up on what is left
  // (never acknowledged) and says so in the log.
  // Returns whether everything appended was written.
  bool stop();

  std::uint64_t transactions() const;  // commits written so far (tests, benchmark)
  // The last sequence number actually in the file (a fresh read), for the last log line.
  std::expected<std::uint64_t, std::string> disk_head() const;

 private:
  Journal(sqlite3* db, Options options);
  void run();
  struct Batch {
    std::vector<const StoredEntry*> entries;
    std::vector<const Credential*> credentials;
    std::vector<const BoxEntry*> box_put;
    std::vector<const std::string*> box_empty;
    bool empty() const { return entries.empty() && credentials.empty() && box_put.empty() && box_empty.empty(); }
  };
  // `after_failure`: the last COMMIT reported an error, yet may have reached the file.
  std::expected<void, std::string> write(const Batch& batch, bool after_failure);
  struct Statements;  // prepared once by the writer, kept until close
  std::unique_ptr<Statements> statements_;
  void write_witness(std::uint64_t seq, const std::string& hash);

  struct Pending {
    std::vector<StoredEntry> entries;
    std::vector<Credential> credentials;
    BallotBoxChange box;
    Done done;
  };
  int witness_fd_ = -1;
  std::optional<std::string> rollback_;
  sqlite3* db_;
  Options options_;
  Health health_;
  Commits commits_;
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
