// What the tablet says in each state, as plain functions of the DelegateView
// the server pushed plus the tablet's own view-only state. No ImGui: the
// view-logic tests check every sentence without a window.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gui/text.hpp"
#include "proto/discovery.hpp"
#include "scrutin.pb.h"

namespace scrutin::tablet {

using gui::Lang;

struct VoteAction {
  std::string item, voice;
  pb::Choice choice;
  // An election's ballot (ballot.round > 0): the names chosen, or blank.
  bool election = false;
  std::vector<std::string> names;
  bool blank = false;
  bool operator==(const VoteAction&) const = default;
};

// A vote the server acknowledged: the receipt's witness of the journal
// (sequence and chain hash), and the sign-in it came in.
struct HeldReceipt {
  std::string item;
  pb::Choice choice = pb::POUR;
  std::uint64_t journal_seq = 0;
  std::string journal_head;
  unsigned login = 0;    // the Client's logins() when it came
  bool seen = false;     // a view taken since showed it recorded
  std::optional<pb::ElectionPaper> paper;  // an election's ballot: what is sent again if lost
};

// An election ballot being filled in on the tablet, per voice, before it is sent.
struct PaperDraft {
  std::vector<std::string> names;  // candidate ids, in the order tapped
  bool blank = false;
  bool reviewing = false;  // the review screen: "Confirmer" sends, "Modifier" comes back
  bool operator==(const PaperDraft&) const = default;
};

// The tablet's own state: what the network side said, and what the delegate
// did that the server has not answered yet.
struct ViewState {
  Lang lang = Lang::Fr;
  bool online = false;         // connected and signed in now
  bool wrong_server = false;   // the certificate is not the pinned one: refused for good
  bool reachable = false;      // before sign-in: the server answered (the list of names came)
  std::string last_update;     // "14:05:09": when the last view arrived ("" = never)
  std::string refusal;         // code of the last refusal (sign-in or vote), shown as a sentence
  std::map<std::string, pb::Choice> sending;  // voice -> choice sent, receipt not back yet
  std::vector<VoteAction> to_confirm;         // a ballot whose vote cannot change: one at a time
  std::map<std::string, float> card_height;   // measured last frame: a card answers only when whole
  std::map<std::string, PaperDraft> drafts;   // elections: voice -> the ballot being filled in
  bool taken_over = false;     // signed in on another tablet since: this one let go
  std::map<std::string, HeldReceipt> held;    // voice -> the last receipt the server gave
  std::uint64_t rollback_seq = 0;             // the server lost a vote it had acknowledged (its receipt's seq)
};

// Votes the server acknowledged and no longer knows (its journal lost its
// tail): a held receipt for the open ballot, and a view that can be trusted to
// include it (seen recorded once, or taken after a later sign-in) shows the
// voice not voted at all (a different choice may be the clerk's entry: kept). These are resubmitted, and the banner says so loudly.
std::vector<VoteAction> lost_votes(const pb::DelegateView& view, const ViewState& state, unsigned login);
// Marks the held receipts a view shows recorded (after the receipt, that view is
// proof the server had it).
void note_recorded(const pb::DelegateView& view, ViewState& state);

// ---- Enrolment: joining the room's server without typing ----
// What the enrolment screen shows, from what the browser found.
struct EnrolmentSnapshot {
  std::vector<discovery::Announcement> found;
  bool browsing = true;       // the tablet can search the LAN (an Avahi daemon answers)
  bool searched_long = false; // nothing found after a while: say what to do
};
// The sentence under the title: searching, nothing found, cannot search, or "tap your room".
std::string enrolment_sentence(const EnrolmentSnapshot& snapshot, Lang lang);
// The one question before pinning: the code the projector shows.
std::string code_question(const discovery::Announcement& server, Lang lang);
// After "no": this server must not be used.
std::string code_mismatch_sentence(Lang lang);
// One server in the list: its body (or name), address and short code.
std::string server_line(const discovery::Announcement& server, Lang lang);

enum class Situation {
  NotCheckedIn,         // not present, no proxy given
  Represented,          // not present, gave a proxy
  Interested,           // declared an interest in the item under vote
  ArrivedAfterOpening,  // present, but the ballot's attendance was taken before
  Voting,               // a ballot is open and some voices are this delegate's to cast
  Closed,               // the last ballot is closed: its result and this delegate's choices
  NoBallot,             // nothing opened yet: the agenda
};

Situation situation_of(const pb::DelegateView& view);
// The headline: one sentence saying where the delegate stands.
std::string situation_sentence(const pb::DelegateView& view, Lang lang);

// Proxies held but not exercised while this member is checked out, one sentence each.
std::vector<std::string> proxies_not_exercised_sentences(const pb::DelegateView& view, Lang lang);

bool vote_can_change(const pb::BallotView& ballot);
std::string choice_word(pb::Choice choice, Lang lang);
// "Mon vote" or "Pouvoir de Maryse BARGE".
std::string voice_title(const pb::DelegateView& view, const pb::DelegateVoice& voice, Lang lang);
// One voice's line: recorded (with the choice unless secret), pending (never
// "recorded" before the receipt), or not voted yet.
std::string voice_status(const pb::DelegateView& view, const pb::DelegateVoice& voice, const ViewState& state,
                         Lang lang);
int voices_left(const pb::DelegateView& view, const ViewState& state);
std::string voices_left_sentence(const pb::DelegateView& view, const ViewState& state, Lang lang);
// "Vote clos : adopté. Pour 20 · Contre 30 · Abstentions 6".
std::string result_sentence(const pb::BallotView& ballot, Lang lang);
// What the confirmation asks before a vote that cannot be changed.
std::string confirm_sentence(const pb::DelegateView& view, const VoteAction& vote, Lang lang);
// The connection band, always at the top.
std::string banner_sentence(const ViewState& state, Lang lang);
// The item being discussed between ballots: the open one, else the first not voted yet.
const pb::AgendaEntry* item_under_discussion(const pb::DelegateView& view);
using gui::agenda_line;

// ---- Elections of persons ----
// One seat: a tap chooses that candidate (another tap on another replaces it).
// N seats: taps add up to N names; a tap on a chosen name takes it off. Blank
// clears the names; a name clears blank.
void toggle_candidate(PaperDraft& draft, const std::string& candidate, int seats);
void toggle_blank(PaperDraft& draft);
bool ready_to_review(const PaperDraft& draft);
std::string candidate_name(const pb::BallotView& ballot, const std::string& id);
// "Touchez un nom" / "Touchez jusqu'à 3 noms (2 choisis)".
std::string election_instruction(const pb::BallotView& ballot, const PaperDraft& draft, Lang lang);
// The review: what the ballot says, and that it cannot be changed.
std::string review_sentence(const pb::DelegateView& view, const std::string& voice, const PaperDraft& draft, Lang lang);
// After a round: "Tour 1 clos : aucun élu — second tour" / "Tour 3 clos : élu(e) : X (au bénéfice de l'âge)".
std::string round_result_sentence(const pb::BallotView& ballot, Lang lang);

// The same choice for every voice not cast yet (or every voice, when votes can change).
std::vector<VoteAction> same_choice_for_all(const pb::DelegateView& view, const ViewState& state, pb::Choice choice);

}  // namespace scrutin::tablet
