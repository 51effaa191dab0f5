// What the GUI tests share: running the real display and tablet under Xvfb
// at a given screen size, and reading their screenshots.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace scrutin::testing {

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> px;  // RGB
  bool load(const std::string& path);
  bool near(int x, int y, int r, int g, int b, int tol) const;
  // Pixels within `tol` of the colour, in rows [y0, y1) (the whole image by default).
  long count(int r, int g, int b, int tol = 12, int y0 = 0, int y1 = -1) const;
  // The tallest run of consecutive rows each holding at least `min` pixels of
  // the colour: the height of the tallest glyphs drawn in it.
  int tallest_run(int r, int g, int b, int tol = 40, int min = 3) const;
  double mean_brightness(int y0 = 0, int y1 = -1) const;
};

// True when xvfb-run is installed. The tests that need it fail without it on
// CI, and are skipped with the reason elsewhere (see REQUIRE_XVFB).
bool have_xvfb();
#define REQUIRE_XVFB()                                                                                         \
  do {                                                                                                         \
    if (!::scrutin::testing::have_xvfb()) {                                                                    \
      if (std::getenv("CI")) FAIL() << "xvfb-run is missing: install xvfb (deploy/setup.sh) — required on CI"; \
      GTEST_SKIP() << "xvfb-run is missing: install xvfb (deploy/setup.sh) to run the GUI tests";              \
    }                                                                                                          \
  } while (0)

struct GuiRun {
  int status = -1;     // the binary's exit status (xvfb-run passes it on)
  std::string errors;  // its stderr
};
// Runs `binary args` under Xvfb on a screen of `width`x`height`.
GuiRun run_under_xvfb(const std::string& binary, const std::string& args, int width, int height, int timeout_s = 90);

// Where the screenshots of a run go (kept for a person to look at).
std::string shots_dir();

}  // namespace scrutin::testing
