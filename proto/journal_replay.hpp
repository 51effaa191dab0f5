// The one way journal entries become a Session, for every reader of a journal:
// the server at start, the client's Mirror (scrutinctl, the clerk's console),
// and the record. Each entry must follow the last (seq + 1), convert, and pass
// the domain's check against the state as decide() would
// (Session::apply_checked): a journal edited and re-chained is refused with a
// sentence naming the entry, never folded in. The hash chain itself is checked
// by verify_chain (proto/journal_chain.hpp) where the reader has the raw bytes.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "domain/session.hpp"
#include "scrutin.pb.h"

namespace scrutin {

class JournalReplay {
 public:
  // Folds the next entry in; on a refusal nothing of it is applied.
  std::expected<void, std::string> add(const pb::JournalEntry& entry);
  const Session& session() const { return session_; }
  std::uint64_t last_seq() const { return last_seq_; }

 private:
  Session session_;
  std::uint64_t last_seq_ = 0;
};

// A whole journal, from seq 1.
std::expected<Session, std::string> replay_journal(const std::vector<pb::JournalEntry>& entries);

}  // namespace scrutin
