// The one reader of a journal file (the SQLite table the server writes:
// events(seq, event BLOB, prev_hash BLOB, hash BLOB), proto/PROTOCOL.md): the
// server at start and for `scrutin-server verify`, the record (scrutinctl
// verify and export of a copied journal) and the backup's check all read the
// rows here, in seq order, with the event bytes exactly as hashed. Writing
// stays the server's (server/journal.*).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "scrutin.pb.h"

struct sqlite3;

namespace scrutin {

// One row of the journal, as stored.
struct StoredEntry {
  std::uint64_t seq = 0;
  std::string event;  // event_bytes(pb::Event): exactly the bytes hashed
  std::string prev_hash;
  std::string hash;
};

// Every row of an open journal, in seq order (the server's own connection).
std::expected<std::vector<StoredEntry>, std::string> read_journal_rows(sqlite3* db);
// Opens the file read-only (it is never written, nor created: a journal copied
// out of a data folder or a backup is read where it is) and reads every row.
std::expected<std::vector<StoredEntry>, std::string> read_journal_file(const std::string& path);

// Rows as the wire's journal entries: the event parsed (one that does not parse
// is left empty and fails its hash, so verify names its seq), and the raw event
// bytes the hash covers appended to `raw`.
std::vector<pb::JournalEntry> journal_entries(const std::vector<StoredEntry>& stored, std::vector<std::string>& raw);

}  // namespace scrutin
