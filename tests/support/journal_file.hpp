// Tampering with a journal file on purpose, for the tests that check that
// verify and the server catch it, and holding it as another program would.
#pragma once

#include <cstdint>
#include <string>

struct sqlite3;

namespace scrutin::testing {

// Flips the low bit of one byte of the stored event at `seq` (byte < 0: the
// last byte), with the sqlite3 API. Throws std::runtime_error when it cannot.
void flip_event_byte(const std::string& journal_path, std::uint64_t seq, int byte = -1);

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
