// A closed public ballot with names: who voted what, one direction and one
// page at a time (the page turns by itself; see scrutin-display's main).
#include <algorithm>

#include <imgui.h>

#include "display/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::display {

void draw_names(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float) {
  const pb::BallotView& b = room.ballot();
  draw_title(b.item() + "  " + b.title(), fonts);
  const NamesPage page = names_page(room, s.page, s.lang);
  gui::wrapped(page.heading, fonts.large, gui::theme::of(page.direction));
  ImGui::Separator();
  // Three columns when the longest name fits in a third of the width, else two, else one.
  float longest = 0;
  for (const std::string& name : page.names) longest = std::max(longest, gui::text_width(fonts.body, name));
  const float width = ImGui::GetContentRegionAvail().x;
  int columns = 3;
  while (columns > 1 && longest > width / static_cast<float>(columns) * 0.95f) --columns;
  const float column = width / static_cast<float>(columns);
  const int rows = (kNamesPerPage + columns - 1) / columns;
  const float x0 = ImGui::GetCursorPosX(), y0 = ImGui::GetCursorPosY();
  const float line = ImGui::GetTextLineHeightWithSpacing() * fonts.body->FontSize / ImGui::GetFontSize();
  for (std::size_t i = 0; i < page.names.size(); ++i) {
    ImGui::SetCursorPos(ImVec2(x0 + column * static_cast<float>(i / rows), y0 + line * static_cast<float>(i % rows)));
    gui::fitted_line(page.names[i], column * 0.95f, {fonts.body}, gui::theme::kText);
  }
  ImGui::SetCursorPos(ImVec2(x0, y0 + line * rows));
}

}  // namespace scrutin::display
