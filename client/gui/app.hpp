// The frame loop shared by the display and the tablet: a GLFW window with an
// OpenGL 3.3 core context, Dear ImGui, DejaVu fonts with the French glyphs,
// scaling for the screen, and a screenshot option for tests.
#pragma once

#include <functional>
#include <string>

struct ImFont;

namespace scrutin::gui {

struct AppOptions {
  std::string title = "Scrutin";
  int width = 1280;
  int height = 800;
  bool fullscreen = false;
  float scale = 1.0f;            // 0 = from the monitor's content scale
  std::string screenshot;        // write a PNG of frame `frames` then quit
  int frames = 0;                // quit after this many frames (0 = run until closed)
};

struct Fonts {
  ImFont* body = nullptr;    // 20 px * scale
  ImFont* large = nullptr;   // 34 px * scale
  ImFont* huge = nullptr;    // 72 px * scale
};

// Runs the loop; `frame` draws one frame (called between NewFrame and Render).
// Returns the process exit status (non-zero when the window could not open).
int run(const AppOptions& options, const std::function<void(const Fonts&, float scale)>& frame);

}  // namespace scrutin::gui
