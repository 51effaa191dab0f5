// The journal: every domain event, in order, in SQLite (WAL, synchronous=FULL),
// each row chained to the previous one by a SHA-256 hash (proto/journal_chain.hpp).
// Delegates' PIN hashes live in a second table of the same file.
//
// Group commit: append() only queues; a dedicated writer thread takes
// everything queued and writes it in one transaction, so the events that
// arrive while a commit runs go together in the next one. Each append's `done`
// runs (on the writer thread) after the COMMIT holding it returned: only then
// may the server acknowledge what it holds.
#pragma once

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

struct sqlite3;

namespace scrutin::server {

struct StoredEntry {
  std::uint64_t seq = 0;
  std::string event;  // event_bytes(pb::Event): exactly the bytes hashed
  std::string prev_hash;
  std::string hash;
};

struct Credential {
  std::string member_id;
  std::string hash;  // to_text(SecretHash)
};

class Journal {
 public:
  using Done = std::function<void(bool committed)>;

  // Opens (creating if needed) the journal file. Start-up only.
  static std::expected<std::unique_ptr<Journal>, std::string> open(const std::string& path);
  // Reads a journal without writing to it (verify, tests).
  static std::expected<std::vector<StoredEntry>, std::string> read(const std::string& path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Before start() only (the writer owns the connection after).
  std::expected<std::vector<StoredEntry>, std::string> load() const;
  std::expected<std::map<std::string, std::string>, std::string> load_credentials() const;

  void start();  // the writer thread
  // Thread-safe. An append with no entries and no credentials still waits for
  // every append before it: its `done` says "all that came before is durable".
  void append(std::vector<StoredEntry> entries, std::vector<Credential> credentials, Done done);
  void stop();  // commits what is queued, then joins the writer

  std::uint64_t transactions() const;  // commits written so far (tests, benchmark)

 private:
  explicit Journal(sqlite3* db) : db_(db) {}
  void run();
  bool write(const std::vector<const StoredEntry*>& entries, const std::vector<const Credential*>& credentials);

  struct Pending {
    std::vector<StoredEntry> entries;
    std::vector<Credential> credentials;
    Done done;
  };
  sqlite3* db_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  bool stopping_ = false;
  std::uint64_t transactions_ = 0;
  std::thread writer_;
};

// `scrutin-server verify`: the whole chain of a journal file; nullopt when intact.
std::expected<std::optional<ChainProblem>, std::string> verify_journal_file(const std::string& path);

}  // namespace scrutin::server
