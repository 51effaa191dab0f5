// The top band of the tablet: who is signed in, the language switch, the
// sign-out button, and the connection banner, drawn outside any scrolling
// region so that it stays at the top whatever the scroll.
#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: a long press fires once

#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "tablet/views.hpp"

namespace scrutin::tablet {

TopBandActions draw_top_band(const std::string& title, bool signed_in, bool banner, ViewState& s, const gui::Fonts& fonts,
                             float scale) {
  const Lang lang = s.lang;
  TopBandActions actions;
  const ImVec2 button(150 * scale, 44 * scale);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float buttons = button.x + (signed_in ? button.x + spacing : 0);
  const float title_room = ImGui::GetContentRegionAvail().x - buttons - spacing;
  // The title hides the settings: a long press on it (a delegate will not do that by chance).
  const ImVec2 title_at = ImGui::GetCursorPos();
  gui::fitted_line(title, title_room, {fonts.large, fonts.body}, gui::theme::kText);
  const ImVec2 after_title = ImGui::GetCursorPos();
  ImGui::SetCursorPos(title_at);
  ImGui::InvisibleButton("title-hold", ImVec2(std::max(title_room, 1.0f), std::max(after_title.y - title_at.y, 1.0f)));
  if (ImGui::IsItemActive() && ImGui::GetIO().MouseDownDuration[0] > 1.5f && !gui::finger_dragged()) {
    actions.settings = true;
    ImGui::ClearActiveID();
  }
  if (gui::script_step("hold:title")) {
    actions.settings = true;
    gui::script_advance();
  }
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - buttons);
  const gui::ButtonLook plain{gui::theme::kIdleButton, gui::theme::kText};
  // The switch is labelled in the language it switches to.
  if (gui::touch_button("lang", lang == Lang::Fr ? "English" : "Français", button, plain, true, fonts.body, fonts.body))
    s.lang = lang == Lang::Fr ? Lang::En : Lang::Fr;
  if (signed_in) {
    ImGui::SameLine();
    actions.sign_out = gui::touch_button("sign-out", gui::tr(lang, "Se déconnecter", "Sign out"), button, plain, true,
                                         fonts.body, fonts.body);
  }
  if (!banner) return actions;
  // The banner: a band the width of the screen, white on dark when offline.
  const bool bad = s.wrong_server || s.taken_over || !(s.online || (s.reachable && s.last_update.empty()));
  const std::string text = gui::keep_french_spaces(banner_sentence(s, lang));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float pad = 8 * scale;
  // Large when something is wrong, unless it would take more than two lines.
  ImFont* font = bad && fonts.large->CalcTextSizeA(fonts.large->FontSize, 1e9f, width - 2 * pad, text.c_str()).y <=
                            2.1f * fonts.large->FontSize
                     ? fonts.large
                     : fonts.body;
  ImGui::PushFont(font);
  const float height = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - 2 * pad).y + 2 * pad;
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height),
                      ImGui::GetColorU32(bad ? gui::theme::kOffline : ImVec4(0.90f, 0.95f, 0.93f, 1)), 6 * scale);
  ImGui::SetCursorScreenPos(ImVec2(at.x + pad, at.y + pad));
  ImGui::PushStyleColor(ImGuiCol_Text, bad ? ImVec4(1, 1, 1, 1) : gui::theme::kOnline);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + height + ImGui::GetStyle().ItemSpacing.y));
  return actions;
}

}  // namespace scrutin::tablet
