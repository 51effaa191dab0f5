// The delegate's tablet: one card per voice (its own, then each proxy held)
// with four big buttons. A vote shows "recorded" only once the server's
// receipt (sent after the journal commit) came back. Pure function of the
// DelegateView plus view-only state; actions are returned, not performed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gui/app.hpp"
#include "scrutin.pb.h"

namespace scrutin::tablet {

struct ViewState {
  bool connected = false;
  bool logged_in = false;
  std::string status_line;                 // last error or connection state, a sentence
  std::map<std::string, pb::Choice> sending;  // voice -> choice sent, receipt not yet back
  bool english = false;
  // Login screen.
  char member_id[32] = {};
  std::string pin;
};

struct VoteAction { std::string item, voice; pb::Choice choice; };
struct LoginAction { std::string member_id, pin; };

struct Actions {
  std::vector<VoteAction> votes;
  std::optional<LoginAction> login;
};

Actions draw_tablet(const pb::DelegateView& view, ViewState& state, const gui::Fonts& fonts, float scale);

}  // namespace scrutin::tablet
