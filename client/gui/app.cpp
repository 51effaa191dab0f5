#include "gui/app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <cstdio>
#include <vector>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"

namespace scrutin::gui {

namespace {

constexpr const char* kSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Latin-1 + Latin Extended-A (œ, Œ), typographic quotes and dashes, €, ✓ ✗.
const ImWchar kRanges[] = {0x0020, 0x017F, 0x2013, 0x2026, 0x20AC, 0x20AC, 0x2713, 0x2717, 0};

Fonts load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts f;
  f.body = io.Fonts->AddFontFromFileTTF(kSans, 20.0f * scale, nullptr, kRanges);
  f.large = io.Fonts->AddFontFromFileTTF(kSansBold, 34.0f * scale, nullptr, kRanges);
  f.huge = io.Fonts->AddFontFromFileTTF(kSansBold, 72.0f * scale, nullptr, kRanges);
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

}  // namespace

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
  ImGui::StyleColorsLight();
  float scale = options.scale;
  if (scale <= 0) {
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window, &sx, &sy);
    scale = sx;
  }
  ImGui::GetStyle().ScaleAllSizes(scale);
  Fonts fonts = load_fonts(scale);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  for (int n = 1; !glfwWindowShouldClose(window); ++n) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    frame(fonts, scale);
    ImGui::Render();
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(0.95f, 0.95f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
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
  return 0;
}

}  // namespace scrutin::gui
