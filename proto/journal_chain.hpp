// The journal's hash chain, shared by the server (which writes it) and the
// verifiers (scrutin-server verify, scrutinctl verify):
//   hash(n) = SHA-256( hash(n-1) || seq(n) as 8 big-endian bytes || serialized pb::Event )
// with hash(0) = 32 zero bytes and seq starting at 1 without gaps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutin.pb.h"

namespace scrutin {

inline constexpr std::size_t kHashSize = 32;
std::string genesis_hash();  // 32 zero bytes
std::string chain_hash(std::string_view prev_hash, std::uint64_t seq, std::string_view event_bytes);
std::string to_hex(std::string_view bytes);

// The bytes of an event as hashed and stored: deterministic serialization, so
// map fields (BallotOpened.voices) come out in key order. Plain
// SerializeAsString() writes a map in hash-table order, which differs between
// two copies of the same message, so a re-serialized event would not match its
// hash.
std::string event_bytes(const pb::Event& event);

// Builds the next entry of a chain from the previous one's hash.
pb::JournalEntry make_entry(std::uint64_t seq, const pb::Event& event, const std::string& prev_hash);

struct ChainProblem {
  std::uint64_t seq = 0;     // the first bad entry (its seq as stored, or the expected one)
  std::size_t index = 0;     // its position in the list
  std::string reason;        // "hash does not match its content", "sequence gap", ...
};

// Checks a whole chain from genesis. nullopt when every entry is intact.
// Entries must carry the serialized event exactly as hashed: pass the raw
// bytes read from storage in `raw_events` when available (same order),
// otherwise each entry's event is re-serialized (deterministic for our messages).
std::optional<ChainProblem> verify_chain(const std::vector<pb::JournalEntry>& entries,
                                         const std::vector<std::string>* raw_events = nullptr);

}  // namespace scrutin
