// The official record of a session: the extract of the register (text and
// PDF), the list of deliberations, the minutes skeleton, the SCDL open-data
// CSV, the JSON export, and the verification of a journal against an export.
//
// Everything here renders a pb::SessionRecord and nothing else, so a JSON
// export read back from disk re-renders every document without the server.
// Shared by scrutinctl and (later) the clerk console.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "domain/session.hpp"
#include "scrutin.pb.h"

namespace scrutin::record {

// One DeliberationRecord per closed ballot (agenda order); journal_digest is the
// hex hash of the journal entry holding that ballot's BallotClosed (empty when
// the journal does not hold it). The journal entries are included in the record.
pb::SessionRecord build(const Session& session, const std::vector<pb::JournalEntry>& journal);

// Replays a journal into a fresh Session (the events in order); refuses an
// entry whose event does not convert.
std::expected<Session, std::string> replay(const std::vector<pb::JournalEntry>& journal);
// replay() then build().
std::expected<pb::SessionRecord, std::string> build_from_journal(const std::vector<pb::JournalEntry>& journal);

// Fills what the system cannot know, in an export read back from JSON (the
// server's own record takes them from the journal, where `scrutinctl export
// dates` records them): the prefecture's acknowledgement date and the
// publication date (ISO dates; empty leaves the field as it is).
std::expected<void, std::string> set_prefecture_dates(pb::SessionRecord& record, const std::string& item_id,
                                                      const std::string& received, const std::string& published);

// ---- Mandatory fields and drafts ----------------------------------------------
// An official document (extract, list, minutes, SCDL CSV) needs what the
// prefecture checks: the body and the collectivity's name, its SIREN and
// department (the ACTES identifier), the sitting's date, the convocation date,
// the president and the secretary, and for each deliberation its title and its
// decision (the operative part). Without them a document is refused, unless it
// is asked for as a draft: then every page says "PROJET".

struct Options {
  bool draft = false;
};

// What is missing, in French, one entry per field: "le SIREN de la
// collectivité (9 chiffres, --siren)". Empty when complete.
std::vector<std::string> missing_fields(const pb::DeliberationRecord& d);
// Over every deliberation of the record (the session's fields once).
std::vector<std::string> missing_fields(const pb::SessionRecord& record);
// "Document refusé : il manque A, B et C. Complétez ..., ou demandez un projet avec --draft."
// Without `draft_possible` (open data is never published as a draft) the sentence stops before the draft.
std::string missing_sentence(const std::vector<std::string>& missing, bool draft_possible = true);
// The line that opens every page of a draft ("PROJET — ..."), naming what is missing.
std::string draft_banner(const std::vector<std::string>& missing);

std::string to_json(const pb::SessionRecord&);  // protobuf JSON mapping, pretty, UTF-8
std::expected<pb::SessionRecord, std::string> from_json(std::string_view json);

// The extract of the register of one deliberation; refused (the sentence of
// missing_sentence) when a mandatory field is missing, unless options.draft.
std::expected<std::string, std::string> extract_text(const pb::SessionRecord&, const std::string& item_id,
                                                     const Options& options = {});
std::expected<void, std::string> extract_pdf(const pb::SessionRecord&, const std::string& item_id,
                                             const std::string& pdf_path, const Options& options = {});

// These render whatever they are given (a draft banner with options.draft);
// check missing_fields() first for an official document, as scrutinctl does.
std::string deliberation_list_text(const pb::SessionRecord&, const Options& options = {});
std::string minutes_text(const pb::SessionRecord&, const Options& options = {});
std::string scdl_csv(const pb::SessionRecord&);  // SCDL "Délibérations", header row first
// What the SCDL CSV needs beyond missing_fields(): the SIRET (COLL_SIRET).
std::vector<std::string> missing_for_open_data(const pb::SessionRecord& record);

// Reads the server's journal file: table events(seq, event BLOB, prev_hash, hash)
// (proto/PROTOCOL.md), in seq order. The raw event bytes, exactly as hashed, are
// returned in `raw_events` when given.
std::expected<std::vector<pb::JournalEntry>, std::string> read_journal_sqlite(const std::string& path);
std::expected<std::vector<pb::JournalEntry>, std::string> read_journal_sqlite(const std::string& path,
                                                                              std::vector<std::string>* raw_events);

struct Verdict {
  bool ok;
  std::string line;  // one-line verdict
};
// The hash chain and the sequence (proto/journal_chain.hpp), then the record
// re-derived from the journal (replay, build) against the exported
// deliberations when `exported` is given. Names the first bad seq or the first
// differing field.
Verdict verify(const std::vector<pb::JournalEntry>& journal, const pb::SessionRecord* exported);
Verdict verify(const std::vector<pb::JournalEntry>& journal, const std::vector<std::string>* raw_events,
               const pb::SessionRecord* exported);

}  // namespace scrutin::record
