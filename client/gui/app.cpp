#include "gui/app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::gui {

namespace {

constexpr const char* kSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Latin-1 + Latin Extended-A (œ, Œ), typographic quotes and dashes, €, ● (PIN dots), ✓ ✗.
const ImWchar kRanges[] = {0x0020, 0x017F, 0x2013, 0x2026, 0x20AC, 0x20AC, 0x25CF, 0x25CF, 0x2713, 0x2717, 0};
// The huge font only writes figures, verdicts and short words: fewer glyphs
// keep its atlas small at 170 px.
const ImWchar kHugeRanges[] = {0x0020, 0x007E, 0x00C0, 0x00DF, 0x2713, 0x2717, 0};

Fonts load_fonts(const FontPlan& plan) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts f;
  f.body = io.Fonts->AddFontFromFileTTF(kSans, plan.body, nullptr, kRanges);
  f.large = io.Fonts->AddFontFromFileTTF(kSansBold, plan.large, nullptr, kRanges);
  f.huge = io.Fonts->AddFontFromFileTTF(kSansBold, plan.huge, nullptr, kHugeRanges);
  if (!f.body || !f.large || !f.huge) {  // fonts-dejavu-core missing: fall back, still usable
    std::fprintf(stderr, "warning: DejaVu fonts not found; accents may not show\n");
    f.body = f.large = f.huge = io.Fonts->AddFontDefault();
  }
  return f;
}

void write_screenshot(GLFWwindow* window, const std::string& path) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);
  if (!stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3))
    std::fprintf(stderr, "error: could not write the screenshot %s\n", path.c_str());
}

std::string g_screenshot_now;
bool g_quit_now = false;

}  // namespace

void screenshot_after_this_frame(const std::string& path) { g_screenshot_now = path; }
void quit_after_this_frame() { g_quit_now = true; }

int run(const AppOptions& options, const std::function<void(const Fonts&, float)>& frame) {
  if (!glfwInit()) {
    std::fprintf(stderr, "error: no display available (GLFW could not start). Run under X11, or use xvfb-run.\n");
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWmonitor* monitor = options.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
  int width = options.width, height = options.height;
  if (monitor) {
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    width = mode->width;
    height = mode->height;
  }
  GLFWwindow* window = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
  if (!window) {
    std::fprintf(stderr, "error: could not open an OpenGL 3.3 window.\n");
    glfwTerminate();
    return 2;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // kiosks keep no layout file
  float scale = options.scale;
  if (scale <= 0) {
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window, &sx, &sy);
    scale = sx;
  }
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(window, &fb_w, &fb_h);
  FontPlan plan{scale, 20 * scale, 34 * scale, 72 * scale};
  if (options.plan) plan = options.plan(fb_w, fb_h, scale);
  scale = plan.scale;
  theme::apply(scale);
  Fonts fonts = load_fonts(plan);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  for (int n = 1; !glfwWindowShouldClose(window); ++n) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    test_frame();
    frame(fonts, scale);
    ImGui::Render();
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(0.95f, 0.95f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!g_screenshot_now.empty()) {
      write_screenshot(window, g_screenshot_now);
      g_screenshot_now.clear();
    }
    if (g_quit_now) break;
    if (options.busy && options.busy()) n = std::min(n, options.frames - 1);  // wait for the script
    if (options.frames > 0 && n >= options.frames) {
      if (!options.screenshot.empty()) write_screenshot(window, options.screenshot);
      break;
    }
    glfwSwapBuffers(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  if (options.check_layout && !clipped_labels().empty()) {
    for (const std::string& label : clipped_labels()) std::fprintf(stderr, "does not fit: %s\n", label.c_str());
    return 3;
  }
  return 0;
}

}  // namespace scrutin::gui
