// A closed ballot on the projector: the verdict in words with its mark, and
// the counts as figures sized from the screen (a tenth of its height or more).
#include <imgui.h>

#include "client/record/french.hpp"
#include "display/views.hpp"
#include "proto/convert.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::display {

void draw_result(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float) {
  const Lang lang = s.lang;
  const pb::BallotView& b = room.ballot();
  draw_title(b.item() + "  " + b.title(), fonts);
  gui::wrapped(mode_sentence(b, lang) + " · " + quorum_sentence(b.quorum_present(), b.quorum_required(), lang),
               fonts.body, gui::theme::kMuted);
  centred(verdict(b, lang), fonts.huge, b.outcome().adopted() ? gui::theme::kAdopted : gui::theme::kRejected);
  const pb::Counts& c = b.counts();
  draw_figures({{std::to_string(c.pour()), gui::tr(lang, "Pour", "For"), pb::POUR},
                {std::to_string(c.contre()), gui::tr(lang, "Contre", "Against"), pb::CONTRE},
                {std::to_string(c.abstentions()), gui::tr(lang, "Abstentions", "Abstentions"), pb::ABSTENTION}},
               fonts);
  gui::wrapped(result_details(b, lang), fonts.body, gui::theme::kText);
  if (lang == Lang::Fr) {  // the rule and the number needed, worded as in the record (French only)
    const MajorityCheck m = check_majority(b.has_majority() ? from_pb(b.majority()) : Fraction{1, 2},
                                           from_pb(b.majority_base()), b.weighted(),
                                           Tally{from_pb(b.counts()), from_pb(b.weighted_counts())});
    gui::wrapped(record::fr::majority_line(m, from_pb(b.outcome())), fonts.body, gui::theme::kMuted);
  }
  if (name_pages(room) > 0)
    gui::wrapped(gui::tr(lang, "Les noms par sens de vote suivent, page par page.",
                         "The names by direction follow, page by page."),
                 fonts.body, gui::theme::kMuted);
}

}  // namespace scrutin::display
