// The projector's frame: the body and date, the view for the room's state,
// and, when the connection is lost, a grey veil over the whole screen with
// the time the figures froze. Also the helpers the views share.
#include <algorithm>

#include <imgui.h>

#include "display/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::display {

void centred(const std::string& text, ImFont* font, ImVec4 colour) {
  const float w = gui::text_width(font, text);
  const float avail = ImGui::GetContentRegionAvail().x;
  if (w > avail) gui::report_clipped(text);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - w) / 2));
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void draw_title(const std::string& text, const gui::Fonts& fonts) {
  const float width = ImGui::GetContentRegionAvail().x;
  auto lines = [&](ImFont* f, const std::string& t) {
    return f->CalcTextSizeA(f->FontSize, 1e9f, width, t.c_str()).y / f->FontSize;
  };
  ImFont* font = fonts.large;
  std::string shown = text;
  if (lines(font, shown) > 2.01f) font = fonts.body;
  if (lines(font, shown) > 2.01f) {  // still too long: the longest start that fits, with "…"
    std::size_t lo = 0, hi = text.size();
    while (lo + 1 < hi) {
      const std::size_t mid = (lo + hi) / 2;
      (lines(font, text.substr(0, mid) + "…") <= 2.01f ? lo : hi) = mid;
    }
    while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;  // not inside a UTF-8 character
    shown = text.substr(0, lo) + "…";
  }
  gui::wrapped(shown, font);
}

void draw_figures(const std::vector<Figure>& figures, const gui::Fonts& fonts) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float column = width / static_cast<float>(figures.size());
  const float x0 = ImGui::GetCursorPosX();
  const float y0 = ImGui::GetCursorPosY();
  float bottom = y0;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    ImGui::SetCursorPos(ImVec2(x0 + column * static_cast<float>(i), y0));
    ImGui::BeginGroup();
    ImGui::PushItemWidth(column);
    ImGui::Dummy(ImVec2(column, 0));
    ImFont* number_font = gui::text_width(fonts.huge, f.number) <= column * 0.95f ? fonts.huge : fonts.large;
    const ImVec4 colour = gui::theme::of(f.colour);
    const float nw = gui::text_width(number_font, f.number);
    ImGui::SetCursorPosX(x0 + column * static_cast<float>(i) + std::max(0.0f, (column - nw) / 2));
    ImGui::PushFont(number_font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(f.number.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    const float ww = gui::text_width(fonts.large, f.word);
    if (ww > column) gui::report_clipped(f.word);
    ImGui::SetCursorPosX(x0 + column * static_cast<float>(i) + std::max(0.0f, (column - ww) / 2));
    ImGui::PushFont(fonts.large);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(f.word.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    bottom = std::max(bottom, ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y);
  }
  ImGui::SetCursorPos(ImVec2(x0, bottom + ImGui::GetStyle().ItemSpacing.y));
}

void draw_room(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("room", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                    ImGuiWindowFlags_NoScrollWithMouse);
  const std::string date = room.date();
  const float date_w = gui::text_width(fonts.body, date) + ImGui::GetStyle().ItemSpacing.x;
  gui::fitted_line(room.body().empty() ? "Scrutin" : room.body(), ImGui::GetContentRegionAvail().x - date_w,
                   {fonts.large, fonts.body}, gui::theme::kText);
  if (!date.empty()) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - date_w + ImGui::GetStyle().ItemSpacing.x);
    ImGui::PushFont(fonts.body);
    ImGui::TextDisabled("%s", date.c_str());
    ImGui::PopFont();
  }
  ImGui::Separator();
  if (const std::string problem = journal_sentence(room, lang); !problem.empty())
    gui::wrapped(problem, fonts.large, gui::theme::kOffline);
  switch (screen_of(room, s)) {
    case Screen::Agenda: draw_agenda(room, s, fonts, scale); break;
    case Screen::Open:
      if (room.ballot().round() > 0) draw_election_open(room, s, fonts, scale);
      else draw_open(room, s, fonts, scale);
      break;
    case Screen::Result:
      if (room.ballot().round() > 0) draw_election_result(room, s, fonts, scale);
      else draw_result(room, s, fonts, scale);
      break;
    case Screen::Names: {
      ViewState paged = s;
      paged.page = chosen_names_page(room, s);
      draw_names(room, paged, fonts, scale);
      break;
    }
    case Screen::Attendance: draw_attendance(room, s, fonts, scale); break;
    case Screen::Message: draw_message(room, s, fonts, scale); break;
  }
  // Nothing may run off the bottom: the views are sized from the screen, this checks they fit.
  if (ImGui::GetCursorPosY() > ImGui::GetWindowHeight() + 1) gui::report_clipped("the projector's content is taller than the screen");
  ImGui::End();

  if (!s.connected || s.wrong_server) {
    // The whole screen greyed, and one sentence across it: these figures are not live.
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    const ImVec2 a = vp->Pos, b = ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y);
    fg->AddRectFilled(a, b, IM_COL32(90, 90, 95, 170));
    const std::string text = offline_sentence(s, lang);
    const float wrap = vp->Size.x * 0.9f;
    const ImVec2 size = fonts.large->CalcTextSizeA(fonts.large->FontSize, 1e9f, wrap, text.c_str());
    const float pad = 24 * scale;
    // At the bottom, where it hides no figure; the grey says the rest.
    const ImVec2 centre(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y - size.y / 2 - 2 * pad);
    fg->AddRectFilled(ImVec2(centre.x - size.x / 2 - pad, centre.y - size.y / 2 - pad),
                      ImVec2(centre.x + size.x / 2 + pad, centre.y + size.y / 2 + pad),
                      ImGui::GetColorU32(gui::theme::kOffline), 12 * scale);
    fg->AddText(fonts.large, fonts.large->FontSize, ImVec2(centre.x - size.x / 2, centre.y - size.y / 2),
                IM_COL32(255, 255, 255, 255), text.c_str(), nullptr, wrap);
  }
}

}  // namespace scrutin::display
