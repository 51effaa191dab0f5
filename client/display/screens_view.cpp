// Two screens the president chooses from the clerk's console (RoomView.projector):
// the attendance and quorum in large figures, and a short message.
#include <imgui.h>

#include "display/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::display {

void draw_attendance(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float) {
  const Lang lang = s.lang;
  gui::wrapped(gui::tr(lang, "Présences", "Attendance"), fonts.large, gui::theme::kMuted);
  ImGui::Spacing();
  draw_figures({{std::to_string(room.in_office()), gui::tr(lang, "en exercice", "in office"), pb::NOT_TAKING_PART},
                {std::to_string(room.present()), gui::tr(lang, "présents", "present"), pb::POUR},
                {std::to_string(room.represented()), gui::tr(lang, "représentés", "represented"), pb::ABSTENTION}},
               fonts);
  ImGui::Spacing();
  // Between ballots the quorum for the next item; during one, the quorum it was opened with.
  int present = room.quorum_present(), required = room.quorum_required();
  if (room.has_ballot() && room.ballot().open()) {
    present = room.ballot().quorum_present();
    required = room.ballot().quorum_required();
  }
  if (required > 0) centred(quorum_sentence(present, required, lang), fonts.large, gui::theme::kText);
}

void draw_message(const pb::RoomView& room, const ViewState&, const gui::Fonts& fonts, float) {
  // Vertically centred; wrapped in the large font, the body font if it would not fit.
  const std::string& text = room.projector().message();
  const float width = ImGui::GetContentRegionAvail().x;
  ImFont* font = fonts.huge;
  for (ImFont* f : {fonts.huge, fonts.large, fonts.body}) {
    font = f;
    const ImVec2 size = f->CalcTextSizeA(f->FontSize, 1e9f, width, text.c_str());
    if (size.y <= ImGui::GetContentRegionAvail().y * 0.8f) break;
  }
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, 1e9f, width, text.c_str());
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (ImGui::GetContentRegionAvail().y - size.y) / 2));
  if (size.x < width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - size.x) / 2);
  gui::wrapped(text, font, gui::theme::kText);
}

}  // namespace scrutin::display
