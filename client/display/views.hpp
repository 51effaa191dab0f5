// The projector's views, one file each: the agenda between ballots
// (agenda_view.cpp), an open ballot (open_view.cpp), the result
// (result_view.cpp) and a closed nominal ballot's names (names_view.cpp);
// room_view.cpp draws the frame around them and the offline veil. Every view
// is a function of the RoomView plus view-only state: no networking here.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "display/room_model.hpp"
#include "gui/app.hpp"

namespace scrutin::display {

void draw_room(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);

// Shared by the views.
void draw_title(const std::string& text, const gui::Fonts& fonts);  // at most two lines: wraps, shrinks, then cuts with "…"
// Figures side by side, each centred in its column with its word under it.
struct Figure {
  std::string number, word;
  pb::Choice colour;
};
void draw_figures(const std::vector<Figure>& figures, const gui::Fonts& fonts);
void centred(const std::string& text, ImFont* font, ImVec4 colour);

void draw_agenda(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);
void draw_open(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);
void draw_result(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);
void draw_names(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);
// An election's round (election_view.cpp): open, then its result.
void draw_election_open(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);
void draw_election_result(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);
void draw_attendance(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);
void draw_message(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale);

}  // namespace scrutin::display
