// Tampering with a journal file on purpose, for the tests that check that
// verify and the server catch it.
#pragma once

#include <cstdint>
#include <string>

namespace scrutin::testing {

// Flips the low bit of one byte of the stored event at `seq` (byte < 0: the
// last byte), with the sqlite3 API. Throws std::runtime_error when it cannot.
void flip_event_byte(const std::string& journal_path, std::uint64_t seq, int byte = -1);

}  // namespace scrutin::testing
