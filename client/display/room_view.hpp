// The president's projector: the item under vote, the quorum, the live count
// and, once closed, the result. A pure function of the RoomView the server
// pushes (no networking here).
#pragma once

#include "gui/app.hpp"
#include "scrutin.pb.h"

namespace scrutin::display {

struct ViewState {
  bool connected = false;
  std::string status_line;  // "Connexion perdue, reconnexion…" etc.
  bool english = false;
};

void draw_room(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);

}  // namespace scrutin::display
