// The real display and tablet under Xvfb, from views in JSON: their
// screenshots (colours, sizes of the figures, the offline veil) and their
// layout check (--check-layout: the binary lists every label that did not
// fit and exits 3) at screen sizes from 800x600 to 2560x1600.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>

#include "gui/harness.hpp"

namespace scrutin::testing {
namespace {

const std::string kFixtures = SCRUTIN_GUI_FIXTURES;
const std::string kDisplay = SCRUTIN_DISPLAY_BINARY;
const std::string kTablet = SCRUTIN_TABLET_BINARY;

// The theme's colours (client/gui/theme.hpp).
constexpr int kBlue[] = {0, 114, 178};       // pour, adopted
constexpr int kVermillion[] = {213, 94, 0};  // contre, rejected
constexpr int kOfflineBand[] = {153, 51, 0};
constexpr int kText[] = {20, 20, 26};

const std::pair<int, int> kSizes[] = {{800, 600}, {1280, 800}, {800, 1280}, {1920, 1080}, {2560, 1600}};

struct Shot {
  GuiRun run;
  Image image;
};

std::string current_test() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

Shot display(const std::string& fixture, int w, int h, const std::string& extra = "") {
  Shot s;
  // Named after the test too: ctest runs tests in parallel, and two tests shooting
  // the same fixture at the same size must not remove each other's file.
  const std::string png = shots_dir() + "/display-" + fixture + "-" + std::to_string(w) + "x" + std::to_string(h) +
                          (extra.empty() ? "" : "-x") + "-" + current_test() + ".png";
  std::filesystem::remove(png);
  s.run = run_under_xvfb(kDisplay, "--view-json " + kFixtures + "/" + fixture + ".json --frames 4 --check-layout " +
                                       extra + " --screenshot " + png,
                         w, h);
  s.image.load(png);
  return s;
}

Shot tablet(const std::string& fixture, int w, int h, const std::string& extra = "") {
  Shot s;
  // Named after the test too: ctest runs tests in parallel, and two tests shooting
  // the same fixture at the same size must not remove each other's file.
  const std::string png = shots_dir() + "/tablet-" + fixture + "-" + std::to_string(w) + "x" + std::to_string(h) +
                          (extra.empty() ? "" : "-x") + "-" + current_test() + ".png";
  std::filesystem::remove(png);
  s.run = run_under_xvfb(kTablet, "--view-json " + kFixtures + "/" + fixture + ".json --size " + std::to_string(w) +
                                      "x" + std::to_string(h) + " --frames 4 --check-layout " + extra +
                                      " --screenshot " + png,
                         w, h);
  s.image.load(png);
  return s;
}

TEST(Display, TheVerdictIsInItsColourBesideItsWord) {
  REQUIRE_XVFB();
  const Shot adopted = display("room-closed", 1280, 800);
  const Shot rejected = display("room-rejected", 1280, 800);
  ASSERT_EQ(adopted.run.status, 0) << adopted.run.errors;
  ASSERT_EQ(rejected.run.status, 0) << rejected.run.errors;
  EXPECT_EQ(adopted.image.w, 1280);
  EXPECT_EQ(adopted.image.h, 800);
  // Adopted 56-0-0: the verdict and the 56 in blue; rejected: the verdict and the 30 in vermillion.
  EXPECT_GT(adopted.image.count(kBlue[0], kBlue[1], kBlue[2]), 3 * adopted.image.count(kVermillion[0], kVermillion[1], kVermillion[2]));
  EXPECT_GT(rejected.image.count(kVermillion[0], kVermillion[1], kVermillion[2]), rejected.image.count(kBlue[0], kBlue[1], kBlue[2]));
}

TEST(Display, FiguresAreAtLeastATenthOfTheScreenAt1920x1080) {
  REQUIRE_XVFB();
  // Closed, rejected 20-30-6: the blue pixels are the "20" and its word "Pour" under it.
  const Shot closed = display("room-rejected", 1920, 1080);
  ASSERT_EQ(closed.run.status, 0) << closed.run.errors;
  ASSERT_EQ(closed.image.h, 1080);
  const int pour_digits = closed.image.tallest_run(kBlue[0], kBlue[1], kBlue[2]);
  EXPECT_GE(pour_digits, 108) << "the Pour figure's digits are " << pour_digits << " px high";
  EXPECT_LT(pour_digits, 1080 / 3);
  // Open: "37 / 56" in the text colour is the tallest dark line on the screen.
  const Shot open = display("room-open", 1920, 1080);
  ASSERT_EQ(open.run.status, 0) << open.run.errors;
  const int received = open.image.tallest_run(kText[0], kText[1], kText[2], 30, 6);
  EXPECT_GE(received, 108) << "the votes-received figure is " << received << " px high";
  const int contre = open.image.tallest_run(kVermillion[0], kVermillion[1], kVermillion[2]);
  EXPECT_GE(contre, 108) << "the live Contre figure is " << contre << " px high";
}

TEST(Display, NothingIsCutOffFrom800x600To2560x1600) {
  REQUIRE_XVFB();
  const std::pair<const char*, const char*> kCases[] = {
      {"room-open", ""}, {"room-open", "--english --offline-since 14:05:09"}, {"room-closed", "--english"},
      {"room-rejected", ""}, {"room-agenda", ""}, {"room-agenda", "--english"}, {"room-nominal-names", "--names-page 1"},
      {"room-nominal-names", "--names-page 2 --english"}, {"room-journal-problem", ""}};
  for (auto [fixture, extra] : kCases)
    for (auto [w, h] : kSizes) {
      const Shot s = display(fixture, w, h, extra);
      EXPECT_EQ(s.run.status, 0) << fixture << " at " << w << "x" << h << " " << extra << ":\n" << s.run.errors;
      EXPECT_EQ(s.image.w, w);
    }
}

TEST(Display, OfflineGreysTheWholeScreenWithTheTimeItFroze) {
  REQUIRE_XVFB();
  const Shot live = display("room-open", 1920, 1080);
  const Shot frozen = display("room-open", 1920, 1080, "--offline-since 14:05:09");
  ASSERT_EQ(frozen.run.status, 0) << frozen.run.errors;
  // Greyed: every part of the screen is darker, not one red line.
  for (int band = 0; band < 4; ++band) {
    const int y0 = band * 270, y1 = y0 + 270;
    EXPECT_LT(frozen.image.mean_brightness(y0, y1), 0.75 * live.image.mean_brightness(y0, y1)) << "rows " << y0;
  }
  EXPECT_GT(frozen.image.count(kOfflineBand[0], kOfflineBand[1], kOfflineBand[2], 20), 20000) << "the band with the sentence";
}

TEST(Display, RefusesAViewThatIsNotJson) {
  REQUIRE_XVFB();
  const GuiRun r = run_under_xvfb(kDisplay, "--view-json " + kFixtures + "/../fixtures/seed-roster.csv --frames 1", 800, 600);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.errors.find("is not a scrutin.pb.RoomView"), std::string::npos) << r.errors;
}

TEST(Tablet, ThreeProxiesFitOrScrollWithNothingClippedAtEverySize) {
  REQUIRE_XVFB();
  for (auto [w, h] : kSizes)
    for (const char* extra : {"", "--english"}) {
      const Shot s = tablet("delegate-3-proxies", w, h, extra);
      EXPECT_EQ(s.run.status, 0) << w << "x" << h << " " << extra << ":\n" << s.run.errors;
      ASSERT_EQ(s.image.w, w);
      // Own vote recorded Pour: a blue button with its check mark and word.
      EXPECT_GT(s.image.count(kBlue[0], kBlue[1], kBlue[2]), 2000) << w << "x" << h;
    }
}

TEST(Tablet, EveryStateHasASentenceThatFits) {
  REQUIRE_XVFB();
  for (const char* fixture : {"delegate-represented", "delegate-not-checked-in", "delegate-interested", "delegate-closed"})
    for (auto [w, h] : kSizes)
      for (const char* extra : {"", "--english"}) {
        const Shot s = tablet(fixture, w, h, extra);
        EXPECT_EQ(s.run.status, 0) << fixture << " at " << w << "x" << h << " " << extra << ":\n" << s.run.errors;
        EXPECT_GT(s.image.count(kText[0], kText[1], kText[2], 30), 500) << fixture << ": some text on screen";
      }
}

}  // namespace
}  // namespace scrutin::testing
