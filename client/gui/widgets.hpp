// Touch widgets shared by the tablet and the projector: buttons whose label is
// fitted (two lines or a smaller font, never clipped), touch-drag scrolling,
// and two test hooks that go through the same code as a finger:
//   - a tap script (--test-taps): buttons pressed by their id, in order;
//   - a layout check (--check-layout): every label that does not fit is listed.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace scrutin::gui {

// ---- Test hooks ----
struct TestScript {
  std::vector<std::string> steps;  // button ids, or "drag:DY" (a finger moving DY pixels up)
  std::size_t next = 0;
  int frames_since_step = 0;
  bool done() const { return next >= steps.size(); }
};
TestScript& test_script();
std::vector<std::string>& clipped_labels();  // what --check-layout reports
void report_clipped(const std::string& what);
void test_frame();      // once per frame, by the frame loop
// The current step when it starts with `prefix` and is due; the rest of it in `rest`.
// The front end acts on it and calls script_advance() (e.g. "until:online" once it is).
bool script_step(const std::string& prefix, std::string* rest = nullptr);
void script_advance();
float scripted_drag();  // a pending "drag:DY" step, else 0

// ---- Widgets ----
struct ButtonLook {
  ImVec4 fill;
  ImVec4 text;
};
// A big touch button. `id` is stable (tests press it by id); the label is
// fitted into `size` on one or two lines with `font`, else with `fallback`.
// A press is a tap: a finger that dragged (to scroll) presses nothing.
bool touch_button(const char* id, const std::string& label, ImVec2 size, const ButtonLook& look, bool enabled,
                  ImFont* font, ImFont* fallback);

// French puts a space before : ; ? ! and inside « »: a line must not break
// there, so those spaces become no-break spaces (U+00A0). wrapped() does it.
std::string keep_french_spaces(const std::string& text);

// Text wrapped to the available width; reported when even one word is wider.
void wrapped(const std::string& text, ImFont* font = nullptr, ImVec4 colour = ImVec4(0, 0, 0, 0));

// Text on one line that must fit `width`: shrinks through `fonts` (largest first).
void fitted_line(const std::string& text, float width, std::initializer_list<ImFont*> fonts, ImVec4 colour);

// Touch scrolling for the current (child) window: a finger dragging the
// content moves it. Call inside the window, after its content.
void drag_scroll();
// True when the finger moved past the drag threshold since it went down.
bool finger_dragged();

// "Label" width measured with a font.
float text_width(ImFont* font, const std::string& text);

}  // namespace scrutin::gui
