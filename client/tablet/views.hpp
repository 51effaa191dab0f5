// The tablet's views, one file each: the top band (banner_view.cpp), sign-in
// (signin_view.cpp), and the delegate's screen (ballot_view.cpp). Each is a
// function of a snapshot plus view-only state; actions are returned, never
// performed here (no networking in draw code).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gui/app.hpp"
#include "tablet/tablet_model.hpp"

namespace scrutin::tablet {

// ---- Top band: name, language, sign-out, and the connection banner ----
struct TopBandActions {
  bool sign_out = false;
  bool settings = false;  // a long press on the title (tests: the step "hold:title")
};
// Returns the height it took; the banner never scrolls away.
// `banner`: the connection banner (not while choosing the room: there is no connection yet).
TopBandActions draw_top_band(const std::string& title, bool signed_in, bool banner, ViewState& state, const gui::Fonts& fonts,
                             float scale);

// ---- Sign-in: a name from the list, then the PIN on a keypad that never moves ----
struct SignInSnapshot {
  std::vector<pb::MemberEntry> members;  // from ListMembers, before login
  bool list_loaded = false;
  std::string server;      // "192.168.1.10:7443"
  std::string short_code;  // "K3QF-7ZDA", as on the projector
  bool signing_in = false;
};
struct SignInState {
  std::string selected;  // member id
  std::string pin;
  char search[64] = {};
};
struct LoginAction {
  std::string member_id, pin;
};
std::optional<LoginAction> draw_sign_in(const SignInSnapshot& snapshot, SignInState& sign_in, ViewState& state,
                                        const gui::Fonts& fonts, float scale);

// ---- Enrolment (enrolment_view.cpp): the servers found on the LAN, then the code to confirm ----
struct EnrolmentState {
  std::optional<discovery::Announcement> chosen;  // tapped, code not confirmed yet
  std::set<std::string> refused_names;            // the delegate said the code differs
  bool said_no = false;
};
// Returns the server once the delegate confirmed its code.
std::optional<discovery::Announcement> draw_enrolment(const EnrolmentSnapshot& snapshot, EnrolmentState& enrolment,
                                                      ViewState& state, const gui::Fonts& fonts, float scale);

// ---- Settings (enrolment_view.cpp) ----
struct SettingsSnapshot {
  std::string room_name, address, short_code;
  bool from_command_line = false;  // --server/--data: nothing to forget
};
struct SettingsActions {
  bool forget = false, back = false;
};
SettingsActions draw_settings(const SettingsSnapshot& snapshot, ViewState& state, const gui::Fonts& fonts, float scale);

// ---- The delegate's screen: every state has its sentence ----
std::vector<VoteAction> draw_delegate(const pb::DelegateView& view, ViewState& state, const gui::Fonts& fonts,
                                      float scale);
// An election's round (election_view.cpp): candidates, "Vote blanc", review, confirmation.
std::vector<VoteAction> draw_election(const pb::DelegateView& view, ViewState& state, const gui::Fonts& fonts,
                                      float scale);

}  // namespace scrutin::tablet
