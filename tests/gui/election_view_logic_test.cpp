// What the tablet and the projector say about an election's round, without a
// window: the choice of one or up to N names, blank, the review sentence, the
// round's result; the projector never shows a live count during a round.
#include <gtest/gtest.h>

#include <string>

#include "display/room_model.hpp"
#include "tablet/tablet_model.hpp"

namespace scrutin {
namespace {

using gui::Lang;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

pb::BallotView round(int number, int seats, std::vector<std::pair<std::string, std::string>> candidates) {
  pb::BallotView b;
  b.set_item("2026-01");
  b.set_title("Élection du maire");
  b.set_mode(pb::SECRET);
  b.set_open(true);
  b.set_round(number);
  b.set_seats(seats);
  b.set_absolute_rounds(2);
  for (const auto& [id, name] : candidates) {
    auto* c = b.add_candidates();
    c->set_id(id);
    c->set_name(name);
  }
  return b;
}

TEST(ElectionTabletLogic, OneSeatATapReplacesTheChoice) {
  tablet::PaperDraft d;
  tablet::toggle_candidate(d, "A", 1);
  tablet::toggle_candidate(d, "B", 1);
  EXPECT_EQ(d.names, std::vector<std::string>{"B"});
  tablet::toggle_candidate(d, "B", 1);
  EXPECT_TRUE(d.names.empty()) << "a tap on the chosen name takes it off";
  EXPECT_FALSE(tablet::ready_to_review(d));
}

TEST(ElectionTabletLogic, NSeatsTakeUpToNNamesAndBlankClearsThem) {
  for (int seats : {2, 3, 5}) {
    tablet::PaperDraft d;
    for (int i = 0; i < seats + 2; ++i) tablet::toggle_candidate(d, "C" + std::to_string(i), seats);
    EXPECT_EQ(static_cast<int>(d.names.size()), seats) << "at most " << seats << " names";
    EXPECT_TRUE(tablet::ready_to_review(d));
    tablet::toggle_blank(d);
    EXPECT_TRUE(d.blank);
    EXPECT_TRUE(d.names.empty());
    EXPECT_TRUE(tablet::ready_to_review(d));
    tablet::toggle_candidate(d, "C0", seats);
    EXPECT_FALSE(d.blank) << "a name clears blank";
  }
}

TEST(ElectionTabletLogic, TheReviewSaysWhatTheBallotHoldsAndThatItIsFinal) {
  pb::DelegateView v;
  v.set_member_id("M04");
  v.set_present(true);
  *v.mutable_ballot() = round(1, 2, {{"M03", "Julien ROCHE"}, {"M05", "Agnès MOREL"}, {"M07", "Lucie PERRIN"}});
  auto* voice = v.add_voices();
  voice->set_voice("M04");
  tablet::PaperDraft d{{"M05", "M03"}, false, true};
  const std::string fr = tablet::review_sentence(v, "M04", d, Lang::Fr);
  EXPECT_TRUE(has(fr, "Agnès MOREL, Julien ROCHE")) << fr;
  EXPECT_TRUE(has(fr, "ne pourra plus être modifié")) << fr;
  EXPECT_TRUE(has(tablet::review_sentence(v, "M04", tablet::PaperDraft{{}, true, true}, Lang::En), "blank vote"));
  EXPECT_TRUE(has(tablet::election_instruction(v.ballot(), d, Lang::Fr), "jusqu'à 2 noms (2 choisi(s))"));
  EXPECT_EQ(tablet::situation_of(v), tablet::Situation::Voting);
  EXPECT_TRUE(has(tablet::situation_sentence(v, Lang::Fr), "Élection, tour 1"));
}

TEST(ElectionDisplayLogic, NoLiveCountDuringARoundThenTheResult) {
  pb::BallotView b = round(2, 1, {{"M03", "Julien ROCHE"}, {"M05", "Agnès MOREL"}});
  b.set_mode(pb::PUBLIC);
  b.mutable_counts()->set_pour(4);  // whatever the server sent, a round shows no live count
  display::ViewState s;
  EXPECT_FALSE(display::live_counts_shown(b, s));
  EXPECT_TRUE(has(display::live_note(b, s, Lang::Fr), "seul le nombre de votes reçus"));
  EXPECT_TRUE(has(display::round_sentence(b, Lang::Fr), "tour 2 · 1 siège · majorité absolue"));
  b.set_open(false);
  b.set_closed(true);
  auto* r = b.mutable_result();
  r->set_round(2);
  r->set_seats(1);
  r->set_papers(11);
  r->set_blank(0);
  r->set_spoilt(1);
  r->set_majority_needed(6);
  r->set_another_round(true);
  for (auto [id, n] : {std::pair{"M03", 5}, std::pair{"M05", 5}}) {
    auto* v = r->add_votes();
    v->set_candidate(id);
    v->set_votes(n);
  }
  EXPECT_EQ(display::round_figures(b, Lang::Fr), "Votants 11 · Blancs 0 · Nuls 1 · Exprimés 10 · Majorité absolue 6");
  EXPECT_EQ(display::round_verdict(b, Lang::Fr), "Aucun élu — tour 3, à la majorité relative");
  b.set_round(1);
  r->set_round(1);
  EXPECT_EQ(display::round_verdict(b, Lang::Fr), "Aucun élu — second tour");
  r->set_another_round(false);
  r->add_elected("M05");
  r->add_elected_by_age("M05");
  EXPECT_EQ(display::round_verdict(b, Lang::Fr), "✓ Élu(e) : Agnès MOREL (au bénéfice de l'âge)");
  const auto lines = display::round_lines(b);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[1].elected && lines[1].by_age);
  EXPECT_TRUE(has(tablet::round_result_sentence(b, Lang::Fr), "Tour 1 clos : élu(e) : Agnès MOREL (au bénéfice de l'âge)"));
}

}  // namespace
}  // namespace scrutin
