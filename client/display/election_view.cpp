// An election's round on the projector. During the vote: only how many have
// voted (never a live count, even in a public round). After the close: the
// votes per candidate as bars with their figures, the blank and spoilt
// ballots, the expressed, the majority required, and who is elected or which
// round comes next. Words say it all; the bars only repeat the figures.
#include <algorithm>

#include <imgui.h>

#include "display/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::display {

void draw_election_open(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const pb::BallotView& b = room.ballot();
  draw_title(b.item() + "  " + b.title(), fonts);
  gui::wrapped(round_sentence(b, lang) + " · " + mode_sentence(b, lang) + " · " +
                   quorum_sentence(b.quorum_present(), b.quorum_required(), lang),
               fonts.body, gui::theme::kMuted);
  std::string names;
  for (const auto& c : b.candidates()) names += (names.empty() ? "" : " · ") + (c.name().empty() ? c.id() : c.name());
  gui::wrapped(gui::tr(lang, "Candidats : ", "Candidates: ") + names, fonts.body, gui::theme::kText);
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
  gui::wrapped(live_note(b, s, lang), fonts.large, gui::theme::kMuted);
}

void draw_election_result(const pb::RoomView& room, const ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const pb::BallotView& b = room.ballot();
  draw_title(b.item() + "  " + b.title(), fonts);
  gui::wrapped(round_sentence(b, lang) + " · " + mode_sentence(b, lang), fonts.body, gui::theme::kMuted);
  const std::string verdict_text = round_verdict(b, lang);
  const bool someone = !b.result().elected().empty();
  gui::fitted_line(verdict_text, ImGui::GetContentRegionAvail().x, {fonts.huge, fonts.large, fonts.body},
                   someone ? gui::theme::kAdopted : gui::theme::kText);
  ImGui::Spacing();
  // One line per candidate: name, a bar as long as the votes, the figure.
  const auto lines = round_lines(b);
  std::int64_t most = 1;
  for (const auto& l : lines) most = std::max(most, l.votes);
  const float width = ImGui::GetContentRegionAvail().x;
  ImFont* row_font = lines.size() > 6 ? fonts.body : fonts.large;
  float name_w = 0;
  for (const auto& l : lines) name_w = std::max(name_w, gui::text_width(row_font, "✓ " + l.name + "  "));
  name_w = std::min(name_w, width * 0.45f);
  const float figure_w = gui::text_width(fonts.large, "0000 voix");
  const float bar_w = std::max(10.0f, width - name_w - figure_w);
  for (const auto& l : lines) {
    const float y = ImGui::GetCursorPosY();
    const float x = ImGui::GetCursorPosX();
    const ImVec4 colour = l.elected ? gui::theme::kAdopted : gui::theme::kText;
    gui::fitted_line((l.elected ? "✓ " : "") + l.name, name_w, {row_font, fonts.body}, colour);
    const ImVec2 origin = ImGui::GetWindowPos();
    const float h = row_font->FontSize * 0.7f;
    const float bar = bar_w * static_cast<float>(l.votes) / static_cast<float>(most);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a(origin.x + x + name_w, origin.y + y + (row_font->FontSize - h) / 2);
    dl->AddRectFilled(a, ImVec2(a.x + std::max(2.0f, bar * 0.98f), a.y + h),
                      ImGui::GetColorU32(l.elected ? gui::theme::kAdopted : gui::theme::kMuted), 4 * scale);
    ImGui::SetCursorPos(ImVec2(x + name_w + bar_w, y));
    ImGui::PushFont(row_font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    const std::string figure = std::to_string(l.votes) + gui::tr(lang, " voix", " votes");
    ImGui::TextUnformatted(figure.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SetCursorPosX(x);
  }
  ImGui::Spacing();
  gui::wrapped(round_figures(b, lang), fonts.large, gui::theme::kText);
  gui::wrapped(gui::tr(lang, "Les bulletins blancs et nuls sont comptés mais ne sont pas des suffrages exprimés.",
                       "Blank and spoilt ballots are counted but are not expressed votes."),
               fonts.body, gui::theme::kMuted);
}

}  // namespace scrutin::display
