// The delegate's screen during an election's round: one ballot at a time (its
// own voice first, then each proxy held). A list of candidates to tap (one, or
// up to N for N seats), "Vote blanc", then a review screen that says what the
// ballot holds before the final confirmation: a secret ballot cannot be
// changed once sent. A ballot shows "recorded" only once the receipt came back.
#include <algorithm>
#include <fmt/format.h>
#include <imgui.h>

#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "tablet/views.hpp"

namespace scrutin::tablet {

std::vector<VoteAction> draw_election(const pb::DelegateView& v, ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const pb::BallotView& b = v.ballot();
  std::vector<VoteAction> votes;
  const ImGuiStyle& style = ImGui::GetStyle();
  const gui::ButtonLook idle{gui::theme::kIdleButton, gui::theme::kText};
  const gui::ButtonLook chosen{gui::theme::kPour, ImVec4(1, 1, 1, 1)};

  // The voice to fill in now: the first not voted and not on its way.
  const pb::DelegateVoice* current = nullptr;
  for (const auto& voice : v.voices())
    if (!voice.voted() && !s.sending.contains(voice.voice())) {
      current = &voice;
      break;
    }
  gui::wrapped(voices_left_sentence(v, s, lang), fonts.body, voices_left(v, s) > 0 ? gui::theme::kText : gui::theme::kOnline);
  if (v.voices_size() > 1 || !current)
    for (const auto& voice : v.voices())
      gui::wrapped(fmt::format("{} — {}", voice_title(v, voice, lang), voice_status(v, voice, s, lang)), fonts.body,
                   voice.voted() ? gui::theme::kOnline : gui::theme::kMuted);
  if (!current) return votes;

  PaperDraft& draft = s.drafts[current->voice()];
  const float avail = ImGui::GetContentRegionAvail().x;
  const float half = (avail - style.ItemSpacing.x) / 2;
  if (draft.reviewing) {
    // The review: the ballot in words, then send it or go back.
    ImGui::Separator();
    gui::wrapped(review_sentence(v, current->voice(), draft, lang), fonts.large);
    ImGui::Spacing();
    for (const std::string& id : draft.names) gui::wrapped("✓ " + candidate_name(b, id), fonts.large, gui::theme::kPour);
    if (draft.blank) gui::wrapped(gui::tr(lang, "✓ Vote blanc", "✓ Blank vote"), fonts.large, gui::theme::kPour);
    ImGui::Spacing();
    const ImVec2 size(half, 96 * scale);
    if (gui::touch_button("confirm-paper", gui::tr(lang, "Confirmer et voter", "Confirm and vote"), size, chosen, true,
                          fonts.large, fonts.body)) {
      votes.push_back({b.item(), current->voice(), pb::POUR, true, draft.names, draft.blank});
      s.drafts.erase(current->voice());
      return votes;
    }
    ImGui::SameLine();
    if (gui::touch_button("edit-paper", gui::tr(lang, "Modifier", "Change"), size, idle, true, fonts.large, fonts.body))
      draft.reviewing = false;
    return votes;
  }

  gui::fitted_line(voice_title(v, *current, lang), avail, {fonts.large, fonts.body}, gui::theme::kText);
  gui::wrapped(election_instruction(b, draft, lang), fonts.body, gui::theme::kMuted);
  // The candidates: big targets, two columns when the screen is wide enough.
  ImGui::BeginChild("candidates", ImVec2(0, -(84 * scale + 2 * style.ItemSpacing.y)), false,
                    ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const float inner = ImGui::GetContentRegionAvail().x;
  const int cols = inner / 2 < 300 * scale ? 1 : 2;
  const float w = (inner - static_cast<float>(cols - 1) * style.ItemSpacing.x) / static_cast<float>(cols);
  const bool full = b.seats() > 1 && static_cast<int>(draft.names.size()) >= b.seats();
  for (int i = 0; i < b.candidates_size(); ++i) {
    const auto& c = b.candidates(i);
    if (i % cols) ImGui::SameLine();
    const bool on = std::find(draft.names.begin(), draft.names.end(), c.id()) != draft.names.end();
    // The choice is a mark and a word as well as a colour.
    const std::string label = (on ? "✓ " : "") + (c.name().empty() ? c.id() : c.name());
    if (gui::touch_button(("cand-" + c.id()).c_str(), label, ImVec2(w, 76 * scale), on ? chosen : idle, on || !full,
                          fonts.large, fonts.body))
      toggle_candidate(draft, c.id(), b.seats());
  }
  gui::drag_scroll();
  if (const float dy = gui::scripted_drag()) ImGui::SetScrollY(ImGui::GetScrollY() + dy);
  ImGui::EndChild();
  const ImVec2 size(half, 84 * scale);
  if (gui::touch_button("blank", (draft.blank ? "✓ " : "") + std::string(gui::tr(lang, "Vote blanc", "Blank vote")), size,
                        draft.blank ? chosen : idle, true, fonts.large, fonts.body))
    toggle_blank(draft);
  ImGui::SameLine();
  if (gui::touch_button("review", gui::tr(lang, "Vérifier mon bulletin", "Check my ballot"), size,
                        {gui::theme::kOnline, ImVec4(1, 1, 1, 1)}, ready_to_review(draft), fonts.large, fonts.body))
    draft.reviewing = true;
  return votes;
}

}  // namespace scrutin::tablet
