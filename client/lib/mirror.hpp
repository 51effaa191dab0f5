// The state mirror: the journal read through a Client and replayed into a
// domain Session (scrutinctl's status and export, the clerk's console).
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "client/lib/client.hpp"
#include "domain/session.hpp"
#include "proto/journal_replay.hpp"
#include "scrutin.pb.h"

namespace scrutin::client {

using namespace std::chrono_literals;

// The journal read through FetchJournal (clerk or display) and replayed into a
// domain Session (proto/journal_replay: each entry checked as the server checks
// it at start): what status and export show. sync() fetches only what is new.
class Mirror {
 public:
  // A refused entry is a Code::JournalInvalid Error.
  std::expected<void, Error> sync(Client& client, std::chrono::milliseconds timeout = 60s);
  const Session& session() const { return replay_.session(); }
  const std::vector<pb::JournalEntry>& journal() const { return journal_; }
  std::uint64_t head_seq() const { return journal_.empty() ? 0 : journal_.back().seq(); }

 private:
  JournalReplay replay_;
  std::vector<pb::JournalEntry> journal_;
};

// Every journal entry from `from_seq` on, page by page.
std::expected<std::vector<pb::JournalEntry>, Error> fetch_journal(Client& client, std::uint64_t from_seq = 1,
                                                                  std::chrono::milliseconds timeout = 60s);

}  // namespace scrutin::client
