// Between ballots on the projector: the agenda with the item under
// discussion, attendance and the quorum as it stands, and in a corner the
// server's address and short code for enrolling tablets.
#include <algorithm>

#include <imgui.h>

#include "display/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::display {

void draw_agenda(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float) {
  const Lang lang = s.lang;
  gui::wrapped(gui::tr(lang, "Aucun vote en cours", "No vote in progress"), fonts.large);
  gui::wrapped(attendance_sentence(room, lang), fonts.large, gui::theme::kText);
  if (room.quorum_required() > 0)
    gui::wrapped(quorum_sentence(room.quorum_present(), room.quorum_required(), lang), fonts.large, gui::theme::kText);
  ImGui::Spacing();
  ImGui::Separator();
  if (room.agenda_size() > 0) {
    gui::wrapped(gui::tr(lang, "Ordre du jour", "Agenda"), fonts.large, gui::theme::kMuted);
    // As many lines as the screen holds above the corner line, around the next item.
    const float line = fonts.body->FontSize + ImGui::GetStyle().ItemSpacing.y;
    const float room_left = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - 2.5f * line;
    const int fit = std::max(1, static_cast<int>(room_left / (2 * line)));  // two lines each if a title wraps
    int next = 0;
    while (next < room.agenda_size() && room.agenda(next).state() != pb::AGENDA_PENDING &&
           room.agenda(next).state() != pb::AGENDA_OPEN)
      ++next;
    const int first = std::clamp(next - fit / 3, 0, std::max(0, room.agenda_size() - fit));
    for (int i = first; i < std::min(room.agenda_size(), first + fit); ++i) {
      if (i != next) {
        gui::wrapped(agenda_line(room.agenda(i), lang), fonts.body, gui::theme::kMuted);
        continue;
      }
      const bool open = room.agenda(i).state() == pb::AGENDA_OPEN;
      gui::wrapped(std::string(open ? gui::tr(lang, "En cours : ", "Now: ") : gui::tr(lang, "Prochain point : ", "Next item: ")) +
                       room.agenda(i).item() + "  " + room.agenda(i).title(),
                   fonts.large, gui::theme::kText);
    }
  }
  const std::string corner = enrolment_line(s, lang);
  if (!corner.empty()) {
    const float w = gui::text_width(fonts.body, corner);
    const ImVec2 window = ImGui::GetWindowSize();
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    ImGui::SetCursorPos(ImVec2(std::max(pad.x, window.x - pad.x - w), window.y - pad.y - fonts.body->FontSize));
    ImGui::PushFont(fonts.body);
    ImGui::PushStyleColor(ImGuiCol_Text, gui::theme::kMuted);
    ImGui::TextUnformatted(corner.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SetCursorPosY(window.y - pad.y);
  }
}

}  // namespace scrutin::display
