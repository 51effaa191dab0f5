// Elections on the real tablet and projector under Xvfb, from views in JSON:
// the candidate screen (tap one, or up to N), "Vote blanc", the review screen
// before the final confirmation, and the projector during a round (only how
// many voted) and after it (votes per candidate, who is elected or "second
// tour"). Every run also passes the layout check (--check-layout).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>

#include "gui/harness.hpp"

namespace scrutin::testing {
namespace {

const std::string kFixtures = SCRUTIN_GUI_FIXTURES;
constexpr int kBlue[] = {0, 114, 178};  // a chosen candidate, the elected (client/gui/theme.hpp)
constexpr int kText[] = {20, 20, 26};

const std::pair<int, int> kSizes[] = {{800, 600}, {1280, 800}, {800, 1280}, {1920, 1080}};

struct Shot {
  GuiRun run;
  Image image;
  std::string png;
};

Shot run(const std::string& binary, const std::string& fixture, int w, int h, const std::string& extra,
         const std::string& tag) {
  Shot s;
  // The test's name too: parallel tests never share a file.
  s.png = shots_dir() + "/" + tag + "-" + fixture + "-" + std::to_string(w) + "x" + std::to_string(h) + "-" +
          ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".png";
  std::filesystem::remove(s.png);
  const std::string size = binary == SCRUTIN_TABLET_BINARY ? " --size " + std::to_string(w) + "x" + std::to_string(h) : "";
  s.run = run_under_xvfb(binary, "--view-json " + kFixtures + "/" + fixture + ".json" + size +
                                     " --frames 12 --check-layout " + extra + " --screenshot " + s.png,
                         w, h);
  s.image.load(s.png);
  return s;
}

long blue(const Image& i) { return i.count(kBlue[0], kBlue[1], kBlue[2]); }

TEST(ElectionTablet, CandidateScreenFitsAtEverySizeWithNothingChosenYet) {
  REQUIRE_XVFB();
  for (auto [w, h] : kSizes)
    for (const char* extra : {"", "--english"}) {
      const Shot s = run(SCRUTIN_TABLET_BINARY, "delegate-election", w, h, extra, std::string("tablet") + (*extra ? "-en" : ""));
      EXPECT_EQ(s.run.status, 0) << w << "x" << h << " " << extra << ":\n" << s.run.errors;
      ASSERT_EQ(s.image.w, w);
      EXPECT_GT(s.image.count(kText[0], kText[1], kText[2], 30), 500) << "the names are on screen";
    }
}

TEST(ElectionTablet, ATapChoosesThenTheReviewScreenShowsTheBallotBeforeConfirming) {
  REQUIRE_XVFB();
  for (auto [w, h] : {std::pair{1280, 800}, std::pair{800, 1280}}) {
    const Shot none = run(SCRUTIN_TABLET_BINARY, "delegate-election", w, h, "", "tablet-none");
    const Shot chosen = run(SCRUTIN_TABLET_BINARY, "delegate-election", w, h, "--test-taps cand-M05", "tablet-chosen");
    const Shot review = run(SCRUTIN_TABLET_BINARY, "delegate-election", w, h, "--test-taps cand-M05,review", "tablet-review");
    const Shot blank = run(SCRUTIN_TABLET_BINARY, "delegate-election", w, h, "--test-taps blank,review", "tablet-blank");
    for (const Shot* s : {&none, &chosen, &review, &blank}) EXPECT_EQ(s->run.status, 0) << s->png << ":\n" << s->run.errors;
    // Nothing chosen: no blue. A tap: the candidate's button turns blue, with its check mark.
    EXPECT_LT(blue(none.image), 200) << none.png;
    EXPECT_GT(blue(chosen.image), 5000) << chosen.png;
    // The review: the chosen name in blue and the blue "Confirmer et voter" button; the list is gone.
    EXPECT_GT(blue(review.image), 5000) << review.png;
    EXPECT_NE(blue(review.image), blue(chosen.image)) << "the review is another screen";
    EXPECT_GT(blue(blank.image), 5000) << blank.png;
    // (Confirming sends the ballot: without a server it would wait for its receipt for ever; the
    // end-to-end test sends ballots through scrutinctl.)
  }
}

TEST(ElectionTablet, SeveralSeatsTakeUpToNNames) {
  REQUIRE_XVFB();
  for (auto [w, h] : kSizes) {
    const Shot s = run(SCRUTIN_TABLET_BINARY, "delegate-election-3-seats", w, h,
                       "--test-taps cand-M01,cand-M03,cand-X1", "tablet-3-seats");
    EXPECT_EQ(s.run.status, 0) << w << "x" << h << ":\n" << s.run.errors;
    EXPECT_GT(blue(s.image), 3 * 3000) << "three names chosen: " << s.png;
  }
}

TEST(ElectionDisplay, DuringARoundOnlyHowManyVotedAfterItTheVotesAndTheElected) {
  REQUIRE_XVFB();
  for (auto [w, h] : kSizes) {
    const Shot open = run(SCRUTIN_DISPLAY_BINARY, "room-election-open", w, h, "", "display");
    const Shot closed = run(SCRUTIN_DISPLAY_BINARY, "room-election-closed", w, h, "", "display");
    const Shot again = run(SCRUTIN_DISPLAY_BINARY, "room-election-second-round", w, h, "", "display");
    for (const Shot* s : {&open, &closed, &again}) EXPECT_EQ(s->run.status, 0) << s->png << ":\n" << s->run.errors;
    EXPECT_LT(blue(open.image), 200) << "no count while the round is open: " << open.png;
    EXPECT_GT(blue(closed.image), 2000) << "the elected in blue, with the word: " << closed.png;
    EXPECT_LT(blue(again.image), blue(closed.image)) << "nobody elected: no blue verdict: " << again.png;
  }
}

}  // namespace
}  // namespace scrutin::testing
