#include "client/lib/mirror.hpp"

#include <fmt/format.h>

#include "proto/convert.hpp"
#include "proto/protocol.hpp"

namespace scrutin::client {

std::expected<std::vector<pb::JournalEntry>, Error> fetch_journal(Client& client, std::uint64_t from_seq,
                                                                  std::chrono::milliseconds timeout) {
  std::vector<pb::JournalEntry> entries;
  for (;;) {
    pb::ClientMessage m;
    m.mutable_fetch_journal()->set_from_seq(from_seq);
    m.mutable_fetch_journal()->set_max_entries(protocol::kJournalPageEntries);
    auto answer = client.call(std::move(m), timeout);
    if (!answer) return std::unexpected(answer.error());
    if (answer->has_refused()) return std::unexpected(refused_error(answer->refused()));
    if (!answer->has_journal_page()) return std::unexpected(error(Code::Protocol, "unexpected answer to FetchJournal"));
    const auto& page = answer->journal_page();
    for (const auto& e : page.entries()) entries.push_back(e);
    if (page.done() || page.entries_size() == 0) break;
    from_seq = page.entries(page.entries_size() - 1).seq() + 1;
  }
  return entries;
}

std::expected<void, Error> Mirror::sync(Client& client, std::chrono::milliseconds timeout) {
  auto entries = fetch_journal(client, head_seq() + 1, timeout);
  if (!entries) return std::unexpected(entries.error());
  for (auto& e : *entries) {
    if (auto ok = replay_.add(e); !ok) return std::unexpected(error(Code::JournalInvalid, ok.error()));
    journal_.push_back(std::move(e));
  }
  return {};
}

}  // namespace scrutin::client
