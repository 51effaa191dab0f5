// The tablet's views, one file each: the top band (banner_view.cpp), sign-in
// (signin_view.cpp), and the delegate's screen (ballot_view.cpp). Each is a
// function of a snapshot plus view-only state; actions are returned, never
// performed here (no networking in draw code).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gui/app.hpp"
#include "tablet/tablet_model.hpp"

namespace scrutin::tablet {

// ---- Top band: name, language, sign-out, and the connection banner ----
struct TopBandActions {
  bool sign_out = false;
};
// Returns the height it took; the banner never scrolls away.
TopBandActions draw_top_band(const std::string& title, bool signed_in, ViewState& state, const gui::Fonts& fonts,
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

// ---- The delegate's screen: every state has its sentence ----
std::vector<VoteAction> draw_delegate(const pb::DelegateView& view, ViewState& state, const gui::Fonts& fonts,
                                      float scale);
// An election's round (election_view.cpp): candidates, "Vote blanc", review, confirmation.
std::vector<VoteAction> draw_election(const pb::DelegateView& view, ViewState& state, const gui::Fonts& fonts,
                                      float scale);

}  // namespace scrutin::tablet
