// Building the session record from the domain and the journal, the JSON
// export, reading a journal file, and verifying a journal against an export.
#include <fmt/format.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <memory>

#include "client/record/record.hpp"
#include "proto/convert.hpp"
#include "proto/journal_chain.hpp"
#include "proto/journal_file.hpp"
#include "proto/journal_replay.hpp"

namespace scrutin::record {

namespace {

// The seq-ordered journal's last entry closing `item`, as hex; empty if none.
std::string closing_digest(const std::vector<pb::JournalEntry>& journal, const std::string& item) {
  for (auto it = journal.rbegin(); it != journal.rend(); ++it)
    if ((it->event().kind_case() == pb::Event::kBallotClosed && it->event().ballot_closed().item() == item) ||
        (it->event().kind_case() == pb::Event::kDesignatedWithoutBallot && it->event().designated_without_ballot().item() == item))
      return to_hex(it->hash());
  return {};
}

}  // namespace

pb::SessionRecord build(const Session& session, const std::vector<pb::JournalEntry>& journal) {
  pb::SessionRecord out;
  for (const Item& item : session.agenda()) {
    auto r = make_record(session, item.id);
    if (!r) continue;  // no closed ballot: not a deliberation (yet)
    if (r->election && !r->election->over) continue;  // an election between rounds: not decided yet
    pb::DeliberationRecord d = to_pb(*r);
    d.set_journal_digest(closing_digest(journal, item.id));
    // Recorded in the journal by `scrutinctl export dates`: every document made
    // from the server's journal prints them.
    const PrefectureDates& dates = session.prefecture_dates(item.id);
    d.set_prefecture_received(dates.received);
    d.set_published(dates.published);
    *out.add_deliberations() = std::move(d);
  }
  for (const pb::JournalEntry& e : journal) *out.add_journal() = e;
  return out;
}

std::expected<Session, std::string> replay(const std::vector<pb::JournalEntry>& journal) {
  return replay_journal(journal);
}

std::expected<pb::SessionRecord, std::string> build_from_journal(const std::vector<pb::JournalEntry>& journal) {
  auto session = replay(journal);
  if (!session) return std::unexpected(session.error());
  return build(*session, journal);
}

std::expected<void, std::string> set_prefecture_dates(pb::SessionRecord& record, const std::string& item_id,
                                                      const std::string& received, const std::string& published) {
  for (pb::DeliberationRecord& d : *record.mutable_deliberations()) {
    if (d.item().id() != item_id) continue;
    if (!received.empty()) d.set_prefecture_received(received);
    if (!published.empty()) d.set_published(published);
    return {};
  }
  return std::unexpected(fmt::format("no deliberation {} in this record", item_id));
}

// ---- JSON ------------------------------------------------------------------

std::string to_json(const pb::SessionRecord& record) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  // Zero counts are facts of the record ("Contre : 0"): print them.
  options.always_print_primitive_fields = true;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(record, &out, options);
  if (!status.ok()) return {};  // cannot happen for a well-formed message of ours
  return out;
}

std::expected<pb::SessionRecord, std::string> from_json(std::string_view json) {
  pb::SessionRecord record;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &record, options);
  if (!status.ok())
    return std::unexpected(fmt::format("not a Scrutin record (JSON): {}", status.message().as_string()));
  return record;
}

// ---- Journal file -----------------------------------------------------------

std::expected<std::vector<pb::JournalEntry>, std::string> read_journal_sqlite(const std::string& path) {
  return read_journal_sqlite(path, nullptr);
}

std::expected<std::vector<pb::JournalEntry>, std::string> read_journal_sqlite(const std::string& path,
                                                                              std::vector<std::string>* raw_events) {
  // The one reader of the file (proto/journal_file), the server's own.
  auto rows = read_journal_file(path);
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::string> raw;
  auto entries = journal_entries(*rows, raw);
  if (raw_events) *raw_events = std::move(raw);
  return entries;
}

// ---- Verify -----------------------------------------------------------------

namespace {

// The first difference between two deliberations, as "field: a -> b".
std::string first_difference(const pb::DeliberationRecord& derived, const pb::DeliberationRecord& exported) {
  using google::protobuf::util::MessageDifferencer;
  MessageDifferencer diff;
  const auto* desc = pb::DeliberationRecord::descriptor();
  // Filled in by the clerk after the session, not derived from the journal.
  diff.IgnoreField(desc->FindFieldByName("prefecture_received"));
  diff.IgnoreField(desc->FindFieldByName("published"));
  std::string report;
  diff.ReportDifferencesToString(&report);
  if (diff.Compare(derived, exported)) return {};
  // One line per difference, "modified: counts.pour: 56 -> 55"; keep the first.
  std::string line = report.substr(0, report.find('\n'));
  for (const char* prefix : {"modified: ", "added: ", "deleted: "})
    if (line.starts_with(prefix)) {
      const std::string kind(prefix, std::string_view(prefix).size() - 2);
      line = line.substr(std::string_view(prefix).size());
      if (kind != "modified") line += fmt::format(" ({} in the export)", kind);
      break;
    }
  return line.empty() ? "a field differs" : line;
}

}  // namespace

Verdict verify(const std::vector<pb::JournalEntry>& journal, const pb::SessionRecord* exported) {
  return verify(journal, nullptr, exported);
}

Verdict verify(const std::vector<pb::JournalEntry>& journal, const std::vector<std::string>* raw_events,
               const pb::SessionRecord* exported) {
  if (journal.empty()) return {false, "FAILED: the journal is empty"};
  if (auto problem = verify_chain(journal, raw_events))
    return {false, fmt::format("FAILED: journal entry seq {}: {}", problem->seq, problem->reason)};
  const std::string head = to_hex(journal.back().hash());
  auto derived = build_from_journal(journal);
  if (!derived) return {false, fmt::format("FAILED: the journal does not replay: {}", derived.error())};
  const std::string chain_ok =
      fmt::format("{} entries, seq 1..{}, chain intact, head {}", journal.size(), journal.back().seq(), head.substr(0, 16));
  if (!exported) return {true, fmt::format("OK: {}; {} deliberations re-derived", chain_ok, derived->deliberations_size())};

  const auto& d = derived->deliberations();
  const auto& x = exported->deliberations();
  for (int i = 0; i < x.size(); ++i) {
    const std::string& id = x[i].item().id();
    const pb::DeliberationRecord* mine = nullptr;
    for (const auto& r : d)
      if (r.item().id() == id) mine = &r;
    if (!mine)
      return {false, fmt::format("FAILED: deliberation {} of the export has no closed ballot in the journal", id)};
    std::string diff = first_difference(*mine, x[i]);
    if (!diff.empty())
      return {false, fmt::format("FAILED: deliberation {}: the export differs from the journal at {}", id, diff)};
  }
  for (const auto& r : d) {
    bool found = false;
    for (const auto& e : x) found = found || e.item().id() == r.item().id();
    if (!found)
      return {false, fmt::format("FAILED: deliberation {} is in the journal but missing from the export", r.item().id())};
  }
  return {true, fmt::format("OK: {}; the {} exported deliberations match the journal", chain_ok, x.size())};
}

}  // namespace scrutin::record
