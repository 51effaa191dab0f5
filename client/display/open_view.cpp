// An open ballot on the projector: the item, how it is voted, the quorum, and
// the voices received against the voices expected ("votes reçus": "exprimés"
// is the legal term for pour + contre), with the live counts for a public
// ballot unless the president hides them until the close.
#include <imgui.h>

#include "display/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::display {

void draw_open(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const pb::BallotView& b = room.ballot();
  draw_title(b.item() + "  " + b.title(), fonts);
  gui::wrapped(mode_sentence(b, lang) + " · " + quorum_sentence(b.quorum_present(), b.quorum_required(), lang),
               fonts.body, gui::theme::kMuted);
  ImGui::Spacing();
  const std::string figure = received_figure(b);
  centred(figure, gui::text_width(fonts.huge, figure) <= ImGui::GetContentRegionAvail().x ? fonts.huge : fonts.large,
          gui::theme::kText);
  centred(received_words(lang), fonts.large, gui::theme::kText);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, gui::theme::kMuted);
  ImGui::ProgressBar(b.expected() > 0 ? static_cast<float>(b.cast()) / static_cast<float>(b.expected()) : 0.0f,
                     ImVec2(-1, 18 * scale), "");
  ImGui::PopStyleColor();
  ImGui::Spacing();
  if (live_counts_shown(b, s)) {
    const pb::Counts& c = b.counts();
    draw_figures({{std::to_string(c.pour()), gui::tr(lang, "Pour", "For"), pb::POUR},
                  {std::to_string(c.contre()), gui::tr(lang, "Contre", "Against"), pb::CONTRE},
                  {std::to_string(c.abstentions()), gui::tr(lang, "Abstentions", "Abstentions"), pb::ABSTENTION}},
                 fonts);
  } else {
    gui::wrapped(live_note(b, s, lang), fonts.large, gui::theme::kMuted);
  }
}

}  // namespace scrutin::display
