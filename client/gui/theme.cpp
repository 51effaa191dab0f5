#include "gui/theme.hpp"

namespace scrutin::gui::theme {

ImVec4 of(pb::Choice choice) {
  switch (choice) {
    case pb::POUR: return kPour;
    case pb::CONTRE: return kContre;
    case pb::ABSTENTION: return kAbstention;
    default: return kNotTakingPart;
  }
}

void apply(float scale) {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.ScaleAllSizes(scale);
  style.ScrollbarSize = 28 * scale;  // held by a finger
  style.ScrollbarRounding = 6 * scale;
  style.FrameRounding = 8 * scale;
  style.Colors[ImGuiCol_Text] = kText;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_ScrollbarBg] = ImVec4(0.88f, 0.88f, 0.90f, 1);
  style.Colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.45f, 0.45f, 0.50f, 1);
  style.Colors[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.40f, 0.40f, 0.45f, 1);
  style.Colors[ImGuiCol_ScrollbarGrabActive] = ImVec4(0.30f, 0.30f, 0.35f, 1);
  style.DisabledAlpha = 0.45f;
  ImGui::GetIO().MouseDragThreshold = 12 * scale;  // a finger wobbles more than a mouse
}

}  // namespace scrutin::gui::theme
