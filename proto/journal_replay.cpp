#include "proto/journal_replay.hpp"

#include <fmt/format.h>

#include "proto/convert.hpp"

namespace scrutin {

std::expected<void, std::string> JournalReplay::add(const pb::JournalEntry& entry) {
  if (entry.seq() != last_seq_ + 1)
    return std::unexpected(fmt::format("Le journal saute de l'entrée n° {} à la n° {}.", last_seq_, entry.seq()));
  auto event = from_pb(entry.event());
  if (!event)
    return std::unexpected(fmt::format("Le journal est refusé à l'entrée n° {} : {}", entry.seq(), event.error().message));
  if (auto ok = session_.apply_checked(*event, entry.seq()); !ok) return std::unexpected(ok.error().message);
  last_seq_ = entry.seq();
  return {};
}

std::expected<Session, std::string> replay_journal(const std::vector<pb::JournalEntry>& entries) {
  JournalReplay replay;
  for (const pb::JournalEntry& e : entries)
    if (auto ok = replay.add(e); !ok) return std::unexpected(ok.error());
  return replay.session();
}

}  // namespace scrutin
