// Tampering with a journal file on purpose, for the tests that check that
// verify and the server catch it, and holding it as another program would.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "scrutin.pb.h"

struct sqlite3;

namespace scrutin::testing {

// Flips the low bit of one byte of the stored event at `seq` (byte < 0: the
// last byte), with the sqlite3 API. Throws std::runtime_error when it cannot.
void flip_event_byte(const std::string& journal_path, std::uint64_t seq, int byte = -1);

// Replaces the event at `seq` by edit(event) and recomputes every hash from
// there to the end, as a forger who knows the chain's rule would: `verify`
// passes on the result. Throws std::runtime_error when it cannot.
void rewrite_event_and_rechain(const std::string& journal_path, std::uint64_t seq,
                               const std::function<void(pb::Event&)>& edit);

// Cuts the last frame of the journal's WAL file (<journal>-wal), as a disk
// that lost the end of the last write would: SQLite then drops the whole last
// transaction. Only meaningful after a SIGKILL (a clean stop checkpoints the
// WAL). Returns the WAL's size before and after. Throws when there is no WAL.
std::pair<std::uint64_t, std::uint64_t> cut_wal_tail(const std::string& journal_path);

// Another program holding the journal's write lock, as `sqlite3 journal.sqlite`
// then `BEGIN IMMEDIATE;` would, until release() or destruction. Throws
// std::runtime_error when it cannot take the lock.
class OutsideLock {
 public:
  explicit OutsideLock(const std::string& journal_path);
  ~OutsideLock();
  OutsideLock(const OutsideLock&) = delete;
  OutsideLock& operator=(const OutsideLock&) = delete;
  void release();

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace scrutin::testing
