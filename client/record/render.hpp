// The parts of the extract of the register, worded once and laid out twice:
// as plain text (text.cpp) and as PDF (pdf.cpp). Internal to scrutin_record.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "scrutin.pb.h"

namespace scrutin::record {

struct AttendanceLine {
  std::string label;  // "Conseiller.e.s présent.e.s"
  std::string text;   // names; for a block, one per line
  bool block = false; // proxies: one "X à Y" per line
};

const pb::DeliberationRecord* find_deliberation(const pb::SessionRecord& record, const std::string& item_id);
std::string missing_deliberation(const pb::SessionRecord& record, const std::string& item_id);

std::string extract_heading(const pb::DeliberationRecord& d);   // EXTRAIT DU REGISTRE ...
std::string sitting_heading(const pb::DeliberationRecord& d);   // CONSEIL ... DU 22 MARS 2022 à 18H30
std::string sitting_date_heading(const pb::SessionInfo& s);     // DU 22 MARS 2022 à 18H30
std::string presided_line(const pb::DeliberationRecord& d);
std::string convocation_line(const pb::SessionInfo& s);        // "Date de la convocation : 11 mars 2022"
std::string convened_sentence(const pb::DeliberationRecord& d);
std::vector<std::pair<std::string, std::int64_t>> count_box(const pb::DeliberationRecord& d);
std::vector<AttendanceLine> attendance_lines(const pb::DeliberationRecord& d);
std::string quorum_line(const pb::DeliberationRecord& d);
std::string secretary_line(const pb::DeliberationRecord& d);
std::string rapporteur_line(const pb::DeliberationRecord& d);
std::string deliberated_sentence(const pb::DeliberationRecord& d);
std::vector<std::string> decision_lines(const pb::DeliberationRecord& d);  // without the "- "
std::vector<std::pair<std::string, std::int64_t>> vote_counts(const pb::DeliberationRecord& d);
std::string weighted_line(const pb::DeliberationRecord& d);
std::vector<std::pair<std::string, std::string>> names_by_direction(const pb::DeliberationRecord& d);
std::string secret_note(const pb::DeliberationRecord& d);
std::string clerk_note(const pb::DeliberationRecord& d);
std::vector<std::string> signature_lines(const pb::DeliberationRecord& d);
std::string digest_line(const pb::DeliberationRecord& d);
std::vector<std::string> prefecture_lines(const pb::DeliberationRecord& d);
// Elections of persons (election.cpp): the rounds in the usual French form.
std::vector<std::pair<std::string, std::int64_t>> election_round_counts(const pb::ElectionRoundRecord& r);
std::vector<std::string> election_round_paragraphs(const pb::DeliberationRecord& d, const pb::ElectionRoundRecord& r,
                                                   int max_rounds);
std::vector<std::string> election_paragraphs(const pb::DeliberationRecord& d);  // candidates, rounds, proclamation
std::string election_short(const pb::DeliberationRecord& d);                   // one line for the list

// The extract; `banner` (a draft's "PROJET ...") opens it when not empty.
std::string extract_text(const pb::DeliberationRecord& d, const std::string& banner);

}  // namespace scrutin::record
