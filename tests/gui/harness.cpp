#include "gui/harness.hpp"

#include <stb_image.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace scrutin::testing {

bool Image::load(const std::string& path) {
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &channels, 3);
  if (!data) return false;
  px.assign(data, data + static_cast<std::size_t>(w) * h * 3);
  stbi_image_free(data);
  return true;
}

bool Image::near(int x, int y, int r, int g, int b, int tol) const {
  const unsigned char* p = px.data() + 3 * (static_cast<std::size_t>(y) * w + x);
  return std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol;
}

long Image::count(int r, int g, int b, int tol, int y0, int y1) const {
  if (y1 < 0) y1 = h;
  long n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = 0; x < w; ++x) n += near(x, y, r, g, b, tol);
  return n;
}

int Image::tallest_run(int r, int g, int b, int tol, int min) const {
  int best = 0, run = 0;
  for (int y = 0; y < h; ++y) {
    int in_row = 0;
    for (int x = 0; x < w && in_row < min; ++x) in_row += near(x, y, r, g, b, tol);
    run = in_row >= min ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

double Image::mean_brightness(int y0, int y1) const {
  if (y1 < 0) y1 = h;
  double sum = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* p = px.data() + 3 * (static_cast<std::size_t>(y) * w + x);
      sum += (p[0] + p[1] + p[2]) / 3.0;
    }
  return sum / (static_cast<double>(w) * (y1 - y0));
}

bool have_xvfb() { return std::system("command -v xvfb-run > /dev/null 2>&1") == 0; }

GuiRun run_under_xvfb(const std::string& binary, const std::string& args, int width, int height, int timeout_s) {
  const std::string err = shots_dir() + "/stderr-" + std::to_string(::getpid()) + ".txt";
  const std::string cmd = "timeout " + std::to_string(timeout_s) + " xvfb-run -a -s '-screen 0 " + std::to_string(width) +
                          "x" + std::to_string(height) + "x24' " + binary + " " + args + " > /dev/null 2> " + err;
  GuiRun run;
  const int raw = std::system(cmd.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128;
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  run.errors = text.str();
  std::filesystem::remove(err);
  return run;
}

std::string shots_dir() {
  const std::string dir = SCRUTIN_BUILD_DIR "/gui-shots";  // beside the build: two checkouts never share it
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace scrutin::testing
