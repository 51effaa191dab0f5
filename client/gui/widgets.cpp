#include "gui/widgets.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "gui/theme.hpp"

namespace scrutin::gui {

TestScript& test_script() {
  static TestScript script;
  return script;
}

std::vector<std::string>& clipped_labels() {
  static std::vector<std::string> labels;
  return labels;
}

void report_clipped(const std::string& what) {
  auto& all = clipped_labels();
  if (std::find(all.begin(), all.end(), what) == all.end()) all.push_back(what);
}

namespace {

// A scripted step waits a few frames so that each tap lands on a settled view
// (the server's answer arrives between frames, as it would for a finger).
constexpr int kFramesBetweenSteps = 3;

bool script_wants(const std::string& id) {
  TestScript& s = test_script();
  if (s.done() || s.frames_since_step < kFramesBetweenSteps || s.steps[s.next] != id) return false;
  ++s.next;
  s.frames_since_step = 0;
  return true;
}

// Splits a label in two lines at the space nearest its middle.
std::string two_lines(const std::string& label) {
  std::size_t best = std::string::npos;
  for (std::size_t i = 0; i < label.size(); ++i)
    if (label[i] == ' ' && (best == std::string::npos ||
                            std::abs(static_cast<long>(i) - static_cast<long>(label.size() / 2)) <
                                std::abs(static_cast<long>(best) - static_cast<long>(label.size() / 2))))
      best = i;
  if (best == std::string::npos) return label;
  std::string out = label;
  out[best] = '\n';
  return out;
}

bool g_dragged = false;

}  // namespace

bool script_step(const std::string& prefix, std::string* rest) {
  TestScript& s = test_script();
  if (s.done() || s.frames_since_step < kFramesBetweenSteps || !s.steps[s.next].starts_with(prefix)) return false;
  if (rest) *rest = s.steps[s.next].substr(prefix.size());
  return true;
}

void script_advance() {
  TestScript& s = test_script();
  ++s.next;
  s.frames_since_step = 0;
}

void test_frame() { ++test_script().frames_since_step; }

float scripted_drag() {
  TestScript& s = test_script();
  if (s.done() || s.frames_since_step < kFramesBetweenSteps || !s.steps[s.next].starts_with("drag:")) return 0;
  const float dy = std::strtof(s.steps[s.next].c_str() + 5, nullptr);
  ++s.next;
  s.frames_since_step = 0;
  return dy;
}

float text_width(ImFont* font, const std::string& text) {
  ImFont* f = font ? font : ImGui::GetFont();
  return f->CalcTextSizeA(f->FontSize, 1e9f, 0.0f, text.c_str()).x;
}

bool touch_button(const char* id, const std::string& label, ImVec2 size, const ButtonLook& look, bool enabled,
                  ImFont* font, ImFont* fallback) {
  const float pad = ImGui::GetStyle().FramePadding.x * 2;
  const float room = size.x - pad;
  auto fits = [&](ImFont* f, const std::string& text) {
    const ImVec2 t = f->CalcTextSizeA(f->FontSize, 1e9f, 0.0f, text.c_str());
    return t.x <= room && t.y <= size.y - ImGui::GetStyle().FramePadding.y;
  };
  ImFont* use = font;
  std::string text = label;
  if (!fits(font, text)) {
    text = two_lines(label);
    if (!fits(font, text)) {
      use = fallback;
      text = fits(fallback, label) ? label : two_lines(label);
      if (!fits(fallback, text)) report_clipped(label);
    }
  }
  ImGui::PushID(id);
  ImGui::PushFont(use);
  ImGui::PushStyleColor(ImGuiCol_Button, look.fill);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, look.fill);  // a finger has no hover: hover must not look chosen
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(look.fill.x * 0.85f, look.fill.y * 0.85f, look.fill.z * 0.85f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, look.text);
  ImGui::BeginDisabled(!enabled);
  bool pressed = ImGui::Button((text + "##b").c_str(), size) && !g_dragged;
  ImGui::EndDisabled();
  ImGui::PopStyleColor(4);
  ImGui::PopFont();
  ImGui::PopID();
  if (enabled && script_wants(id)) pressed = true;
  return pressed;
}

std::string keep_french_spaces(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool before_mark = text[i] == ' ' && i + 1 < text.size() && std::string_view(":;?!").find(text[i + 1]) != std::string_view::npos;
    const bool before_close = text[i] == ' ' && text.compare(i + 1, 2, "»") == 0;
    const bool after_open = text[i] == ' ' && i >= 2 && text.compare(i - 2, 2, "«") == 0;
    // A mark stays with its word: "✓ adopté" never splits.
    const bool after_mark = text[i] == ' ' && i >= 3 && (text.compare(i - 3, 3, "✓") == 0 || text.compare(i - 3, 3, "✗") == 0);
    out += before_mark || before_close || after_open || after_mark ? std::string("\u00a0") : std::string(1, text[i]);
  }
  return out;
}

void wrapped(const std::string& raw, ImFont* font, ImVec4 colour) {
  const std::string text = keep_french_spaces(raw);
  if (font) ImGui::PushFont(font);
  // A single word wider than the line would run off: report it.
  std::size_t start = 0;
  const float room = ImGui::GetContentRegionAvail().x;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    if (text_width(nullptr, text.substr(start, end - start)) > room) report_clipped(text);
    start = end + 1;
  }
  if (colour.w > 0) ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  if (colour.w > 0) ImGui::PopStyleColor();
  if (font) ImGui::PopFont();
}

void fitted_line(const std::string& text, float width, std::initializer_list<ImFont*> fonts, ImVec4 colour) {
  ImFont* use = nullptr;
  for (ImFont* f : fonts)
    if (text_width(f, text) <= width) {
      use = f;
      break;
    }
  if (!use) {
    report_clipped(text);
    use = *(fonts.end() - 1);
  }
  ImGui::PushFont(use);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void drag_scroll() {
  if (ImGui::IsMouseClicked(0)) g_dragged = false;
  if (ImGui::IsMouseDragging(0) && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                                          ImGuiHoveredFlags_ChildWindows)) {
    g_dragged = true;
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  }
}

bool finger_dragged() { return g_dragged; }

}  // namespace scrutin::gui
