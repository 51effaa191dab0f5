// What the clerk's console says and lists, as plain functions of what the
// server pushed (the RoomView and the journal replayed into a Session) plus the
// console's own view-only state. No ImGui and no network: the view-logic tests
// check every list and sentence without a window.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "client/backup/backup.hpp"
#include "client/lib/lists.hpp"
#include "domain/session.hpp"
#include "gui/text.hpp"
#include "scrutin.pb.h"

namespace scrutin::clerk {

using gui::Lang;
using gui::tr;

enum class Tab { Attendance, Ballot, Session, Agenda, Proxies, Roster, Projector, Export };
inline constexpr Tab kTabs[] = {Tab::Attendance, Tab::Ballot, Tab::Session, Tab::Agenda,
                                Tab::Proxies,    Tab::Roster, Tab::Projector, Tab::Export};
const char* tab_name(Tab tab, Lang lang);
const char* tab_id(Tab tab);  // "tab-attendance": what --test-taps presses

// What the server pushed, as every view reads it.
struct Feed {
  bool connected = false;
  bool wrong_server = false;
  pb::RoomView room;                       // the newest RoomView
  Session session;                         // the journal, replayed
  std::vector<pb::JournalEntry> journal;   // as fetched, for the exports and verify
  std::string server;                      // "127.0.0.1:7443"
  std::string fingerprint;                 // hex, for the PIN slips
  bool online(const MemberId& id) const;   // a tablet signed in as this member now
};

// ---- Attendance -------------------------------------------------------------
// Case and accents ignored: "benoit" finds "Benoît", "CHAMB" finds "Olivier CHAMBON".
std::string folded(std::string_view text);
bool matches(std::string_view text, std::string_view search);

struct AttendanceRow {
  MemberId id;
  std::string name;
  std::string group;
  client::Presence presence = client::Presence::Absent;
  bool substitute = false;
  std::string status;     // "présent", "représenté par Paul MARTIN", "excusé", "absent"
  std::string titular;    // a substitute: "suppléant de Luc PETIT"
  std::string times;      // "arrivé 18:02 · parti 19:40"
  bool tablet_online = false;
};
std::vector<AttendanceRow> attendance_rows(const Feed& feed, std::string_view search, Lang lang);
// "Quorum : 12 présents sur 29 en exercice, 15 requis — atteint"
std::string quorum_line(const Session& s, Lang lang);
bool quorum_met(const Session& s);

// ---- Ballot -----------------------------------------------------------------
std::string mode_word(BallotMode mode, Lang lang);
std::string choice_word(Choice choice, Lang lang);
std::string member_name(const Session& s, const MemberId& id);
// The voice board's lines, worded: "Paul MARTIN — pour", "Anne ROUX (pouvoir à Luc PETIT)".
// A secret ballot never says what a voice chose.
std::string voice_line(const Session& s, const client::VoiceLine& line, bool secret, Lang lang);
// The sentence of the close confirmation: who has not voted yet (by name), or that everyone has.
std::vector<std::string> close_confirmation(const Session& s, const ItemId& item, Lang lang);
// The result of a closed ballot as the record prints it (the vote paragraph of
// the extract, worded by client/record); empty when the ballot is not closed.
std::string result_as_recorded(const Session& s, const std::vector<pb::JournalEntry>& journal, const ItemId& item);
// The item the ballot view is about: the open ballot's, else the last one closed, else the next to vote.
ItemId ballot_item(const Session& s);

// ---- Session ----------------------------------------------------------------
// Which fields of the session the record needs and are missing, by field name
// ("body", "siren", ...), so the session view flags each in place.
std::set<std::string> missing_session_fields(const SessionInfo& info);
std::string missing_summary(const SessionInfo& info, Lang lang);  // "" when complete

// ---- Proxies, agenda, roster --------------------------------------------------
std::string proxy_state_sentence(client::ProxyState state, Lang lang);
std::string item_state_word(const Session& s, const ItemId& item, Lang lang);
bool item_editable(const Session& s, const ItemId& item);   // no ballot open or closed on it
bool item_removable(const Session& s, const ItemId& item);  // never put to the vote (not even cancelled)
std::string presence_word(client::Presence p, Lang lang);

// ---- Refusals ------------------------------------------------------------------
// The sentence for a refused command, in the console's language. The clerk's
// corrections (codes 150-159) carry the domain's French sentence; the other
// codes get the console's own sentence (the server's English is never shown on
// a French screen).
std::string refusal_sentence(const pb::Refused& refused, Lang lang);

// ---- Projector -----------------------------------------------------------------
const char* projector_word(pb::ProjectorScreen screen, Lang lang);

// ---- Backup (Export tab) -----------------------------------------------------
// What a backup wrote, for the clerk: where, how much of the journal, the short
// code the restored server keeps, that it verified, and whether the server has
// gone on since (client/backup says how the copy is made and checked).
std::vector<std::string> backup_lines(const backup::Report& report, Lang lang);
// Why a backup was not made, as one sentence in the console's language, from
// the error's code (its sentence is for scrutinctl, in English).
std::string backup_failure(const client::Error& error, const std::string& data_folder, const std::string& destination,
                           Lang lang);

}  // namespace scrutin::clerk
