// What the projector says in each state, as plain functions of the RoomView
// the server pushed plus the projector's own view-only state. No ImGui: the
// view-logic tests check every sentence without a window.
#pragma once

#include <string>
#include <vector>

#include "gui/text.hpp"
#include "scrutin.pb.h"

namespace scrutin::display {

using gui::Lang;

struct ViewState {
  Lang lang = Lang::Fr;
  bool connected = false;
  bool wrong_server = false;    // the certificate is not the pinned one
  std::string last_update;      // "14:05:09": when the last RoomView arrived ("" = never)
  bool hide_live_count = false; // public ballots: the counts only at the close (the president's choice)
  std::string server;           // "192.168.1.10:7443", for enrolment
  std::string short_code;       // "K3QF-7ZDA", the same as on the tablets and PIN slips
  int page = 0;                 // closed nominal ballot: 0 = the result, then the pages of names
};

enum class Screen { Agenda, Open, Result, Names, Attendance, Message };
// The president's choice (RoomView.projector) when it can be shown, else what
// the session calls for (AUTO: agenda, open ballot, result and names).
Screen screen_of(const pb::RoomView& room, const ViewState& state);
// The names page to show under the president's "names" choice (from 1).
int chosen_names_page(const pb::RoomView& room, const ViewState& state);

std::string received_figure(const pb::BallotView& ballot);  // "12 / 56"
std::string received_words(Lang lang);                      // "votes reçus" (not "exprimés": a legal term)
std::string mode_sentence(const pb::BallotView& ballot, Lang lang);
std::string quorum_sentence(int present, int required, Lang lang);
std::string attendance_sentence(const pb::RoomView& room, Lang lang);
std::string verdict(const pb::BallotView& ballot, Lang lang);  // "✓ ADOPTÉ" / "✗ REJETÉ"
std::string result_details(const pb::BallotView& ballot, Lang lang);  // voters, not taking part, unanimous, casting vote
// Why the live counts are not on screen while a ballot is open ("" when they are).
std::string live_note(const pb::BallotView& ballot, const ViewState& state, Lang lang);
bool live_counts_shown(const pb::BallotView& ballot, const ViewState& state);
// The band over a frozen screen: the figures are as of the last update.
std::string offline_sentence(const ViewState& state, Lang lang);
// The server cannot write its journal: figures stop moving ("" when all is well).
std::string journal_sentence(const pb::RoomView& room, Lang lang);
std::string enrolment_line(const ViewState& state, Lang lang);  // "Serveur … · code …"

// An election's round (BallotView.round > 0): during the vote only how many
// voted; after the close the votes per candidate, blank, spoilt, expressed, the
// majority required and who is elected, or the next round.
std::string round_sentence(const pb::BallotView& ballot, Lang lang);  // "Élection — tour 2 · 1 siège · majorité absolue"
struct CandidateLine {
  std::string name;
  std::int64_t votes = 0;
  bool elected = false;
  bool by_age = false;  // preferred as the oldest at equal votes
};
std::vector<CandidateLine> round_lines(const pb::BallotView& ballot);  // most votes first
std::string round_figures(const pb::BallotView& ballot, Lang lang);   // "Votants 10 · Blancs 1 · Nuls 0 · Exprimés 9 · Majorité absolue 5"
std::string round_verdict(const pb::BallotView& ballot, Lang lang);   // "Élu(e) : X" / "Aucun élu — second tour"

// A closed nominal ballot's names, by direction, a page at a time.
inline constexpr int kNamesPerPage = 24;
int name_pages(const pb::RoomView& room);
struct NamesPage {
  std::string heading;  // "Pour (20) — page 1 sur 2"
  pb::Choice direction = pb::POUR;
  std::vector<std::string> names;
};
NamesPage names_page(const pb::RoomView& room, int page, Lang lang);  // page in 1..name_pages

}  // namespace scrutin::display
