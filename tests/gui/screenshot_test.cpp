// The real display and tablet under Xvfb, from a view in JSON, checked through
// their screenshots: the outcome's colour and text are where they belong.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

struct Image {
  int w = 0, h = 0;
  unsigned char* px = nullptr;
  ~Image() { stbi_image_free(px); }
  // How many pixels are within `tol` of the colour.
  long count(int r, int g, int b, int tol = 12) const {
    long n = 0;
    for (int i = 0; i < w * h; ++i) {
      const unsigned char* p = px + 3 * i;
      if (std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol) ++n;
    }
    return n;
  }
};

bool shoot(const std::string& binary, const std::string& args, const std::string& png, Image& img) {
  std::filesystem::remove(png);
  const std::string cmd = "timeout 60 xvfb-run -a -s '-screen 0 1280x800x24' " + binary + " " + args +
                          " --frames 3 --screenshot " + png + " > /dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) return false;
  int channels = 0;
  img.px = stbi_load(png.c_str(), &img.w, &img.h, &channels, 3);
  return img.px != nullptr;
}

const std::string kFixtures = SCRUTIN_GUI_FIXTURES;

TEST(Display, ShowsAdoptedInGreenAndRejectedInRed) {
  Image adopted, rejected;
  ASSERT_TRUE(shoot(SCRUTIN_DISPLAY_BINARY, "--windowed --scale 1 --view-json " + kFixtures + "/room-closed.json",
                    "/tmp/scrutin-display-adopted.png", adopted));
  ASSERT_TRUE(shoot(SCRUTIN_DISPLAY_BINARY, "--windowed --scale 1 --view-json " + kFixtures + "/room-rejected.json",
                    "/tmp/scrutin-display-rejected.png", rejected));
  EXPECT_EQ(adopted.w, 1280);
  EXPECT_EQ(adopted.h, 800);
  const int green[] = {13, 115, 38}, red[] = {166, 26, 26};
  EXPECT_GT(adopted.count(green[0], green[1], green[2]), 2000) << "the ADOPTÉ banner";
  EXPECT_LT(adopted.count(red[0], red[1], red[2]), 50);
  EXPECT_GT(rejected.count(red[0], red[1], red[2]), 2000) << "the REJETÉ banner";
  EXPECT_LT(rejected.count(green[0], green[1], green[2]), 50);
}

TEST(Display, RefusesAViewThatIsNotJson) {
  const std::string cmd = std::string("timeout 60 xvfb-run -a ") + SCRUTIN_DISPLAY_BINARY + " --view-json " + kFixtures +
                          "/../fixtures/seed-roster.csv --frames 1 > /dev/null 2>&1";
  EXPECT_NE(std::system(cmd.c_str()), 0);
}

TEST(Tablet, ShowsTheRecordedChoicePerVoice) {
  Image img;
  ASSERT_TRUE(shoot(SCRUTIN_TABLET_BINARY, "--scale 1.2 --view-json " + kFixtures + "/delegate-open.json",
                    "/tmp/scrutin-tablet.png", img));
  // Own vote recorded pour (green button), one proxy abstention (grey-blue), one not voted.
  EXPECT_GT(img.count(51, 140, 64), 10000) << "the recorded Pour button";
  EXPECT_GT(img.count(115, 115, 128), 10000) << "the recorded Abstention button";
}

}  // namespace

namespace {

// The whole demo room, headless: the real server, the seed session run with
// scrutinctl, the real display and a real tablet connected over TLS. Their
// screenshots must show the state the server holds.
TEST(LiveRoom, DisplayAndTabletFollowTheServer) {
  const std::string data = "/tmp/scrutin-live-room-" + std::to_string(::getpid());
  const std::string cmd = "cd " SCRUTIN_SOURCE_DIR " && env -u DISPLAY SCRUTIN_DEMO_DATA=" + data +
                          " timeout 300 ./deploy/demo-room.sh " SCRUTIN_BUILD_DIR " > " + data + ".log 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "see " << data << ".log";
  Image display, tablet;
  int channels = 0;
  display.px = stbi_load((data + "/export/display.png").c_str(), &display.w, &display.h, &channels, 3);
  tablet.px = stbi_load((data + "/export/tablet.png").c_str(), &tablet.w, &tablet.h, &channels, 3);
  ASSERT_NE(display.px, nullptr);
  ASSERT_NE(tablet.px, nullptr);
  EXPECT_GT(display.count(13, 115, 38), 2000) << "the projector shows ADOPTÉ from the server's RoomView";
  // Olivier CHAMBON's own vote and his two proxies, each a recorded Pour button.
  EXPECT_GT(tablet.count(51, 140, 64), 3 * 20000) << "three recorded Pour buttons on the tablet";
  std::filesystem::remove_all(data);
}

}  // namespace
