// The clerk's lists, read from a domain Session (the journal's mirror): the
// roster with attendance, the proxies with whether they are exercised, and who
// has voted on a ballot. Shared by scrutinctl (roster list, proxy list,
// who-voted) and scrutin-clerk, so both say the same thing. Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/session.hpp"

namespace scrutin::client {

enum class Presence { Present, Represented, Excused, Absent };
const char* to_string(Presence p);  // "present", "represented", "excused", "absent"

struct RosterLine {
  const Member* member = nullptr;
  Presence presence = Presence::Absent;
  std::string sits_for;     // a sitting substitute: the titular's id
  std::string holder;       // represented: who holds the proxy
  Millis arrived = 0;       // last arrival (0: never)
  Millis left = 0;          // last departure (0: never)
  bool took_part = false;   // in a ballot: can be edited, never removed
};
// Roster order. Presence is as it would be for the next vote.
std::vector<RosterLine> roster_lines(const Session& s);

enum class ProxyState { Exercised, HolderAway, Interested, MandantPresent };
struct ProxyLine {
  Proxy proxy;
  ProxyState state = ProxyState::Exercised;
};
// For the item to be put to the vote next (or the one open): whether each
// proxy is exercised, and if not why.
std::vector<ProxyLine> proxy_lines(const Session& s);
// The item the attendance is for: the open ballot's, else the first not yet
// put to the vote, else "" (no item).
ItemId next_item(const Session& s);

// The live board of a ballot: each voice once, voted or not yet; the members
// interested in the item take no part. For a secret ballot `choice` is never set.
struct VoiceLine {
  MemberId voice;
  MemberId holder;         // who casts it (the voice itself, or a proxy holder)
  bool voted = false;
  bool by_clerk = false;
  std::optional<Choice> choice;  // public and nominal ballots only
};
struct VoiceBoard {
  ItemId item;
  bool secret = false;
  bool closed = false;
  std::vector<VoiceLine> voted;
  std::vector<VoiceLine> not_yet;
  std::vector<MemberId> not_taking_part;  // interested in the item (roster order)
};
// nullopt: no ballot on that item.
std::optional<VoiceBoard> voice_board(const Session& s, const ItemId& item);

}  // namespace scrutin::client
