// The frame loop shared by the display and the tablet: a GLFW window with an
// OpenGL 3.3 core context, Dear ImGui, DejaVu fonts with the French glyphs
// built at the pixel sizes the front end asks for the screen it got, and a
// screenshot option for tests.
#pragma once

#include <functional>
#include <string>

struct ImFont;

namespace scrutin::gui {

// Pixel sizes of the three fonts and the scale of everything else, chosen by
// the front end for the framebuffer it got (a projector sizes its figures from
// the screen's height; a tablet from its shorter side).
struct FontPlan {
  float scale = 1;
  float body = 20, large = 34, huge = 72;
};

struct AppOptions {
  std::string title = "Scrutin";
  int width = 1280;
  int height = 800;
  bool fullscreen = false;
  float scale = 1.0f;            // 0 = from the monitor's content scale (or the plan)
  std::function<FontPlan(int width, int height, float scale)> plan;  // unset: 20/34/72 px * scale
  std::string screenshot;        // write a PNG of frame `frames` then quit
  int frames = 0;                // quit after this many frames (0 = run until closed)
  std::function<bool()> busy;    // while true, the screenshot waits (a test script still running)
  bool check_layout = false;     // at exit: list every label that did not fit, exit status 3
};

struct Fonts {
  ImFont* body = nullptr;
  ImFont* large = nullptr;
  ImFont* huge = nullptr;  // bold; figures on the projector
};

// Tests: write a screenshot of the frame being drawn, or end the loop after it.
void screenshot_after_this_frame(const std::string& path);
void quit_after_this_frame();

// Runs the loop; `frame` draws one frame (called between NewFrame and Render).
// Returns the process exit status (non-zero when the window could not open).
int run(const AppOptions& options, const std::function<void(const Fonts&, float scale)>& frame);

}  // namespace scrutin::gui
