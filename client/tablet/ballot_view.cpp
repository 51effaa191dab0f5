// The delegate's screen once signed in: a sentence for every state, then the
// ballot. While voting, one card per voice (its own, then each proxy held) in
// a region that scrolls by touch drag with a visible scrollbar; a card's
// buttons answer only when the whole card is on screen (a tap on a strip at
// the edge cast a vote for a colleague once). A vote shows "recorded" only
// once the server's receipt, sent after the journal commit, came back.
#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "client/record/french.hpp"
#include "gui/theme.hpp"
#include "proto/convert.hpp"
#include "gui/widgets.hpp"
#include "tablet/views.hpp"

namespace scrutin::tablet {

namespace {

constexpr pb::Choice kChoices[] = {pb::POUR, pb::CONTRE, pb::ABSTENTION, pb::NOT_TAKING_PART};

const char* choice_id(pb::Choice c) {
  switch (c) {
    case pb::POUR: return "pour";
    case pb::CONTRE: return "contre";
    case pb::ABSTENTION: return "abstention";
    default: return "nppp";
  }
}

// Four choices in one row, or two rows of two when a row would be too narrow.
int columns_for(float width, float scale) { return width / 4 < 170 * scale ? 2 : 4; }

void draw_agenda(const pb::DelegateView& v, Lang lang, const gui::Fonts& fonts) {
  if (const pb::AgendaEntry* now = item_under_discussion(v)) {
    gui::wrapped(fmt::format("{} {}  {}", gui::tr(lang, "En discussion :", "Under discussion:"), now->item(), now->title()),
                 fonts.large);
  }
  if (v.agenda_size() == 0) return;
  ImGui::Spacing();
  gui::wrapped(gui::tr(lang, "Ordre du jour", "Agenda"), fonts.body, gui::theme::kMuted);
  for (const auto& e : v.agenda()) gui::wrapped(agenda_line(e, lang), fonts.body);
}

// The result and this delegate's own recorded choices.
void draw_closed(const pb::DelegateView& v, const ViewState& s, const gui::Fonts& fonts) {
  const Lang lang = s.lang;
  if (lang == Lang::Fr && v.ballot().round() == 0) {  // the rule and the number needed, as on the projector and in the record (French only)
    const pb::BallotView& b = v.ballot();
    const MajorityCheck m = check_majority(b.has_majority() ? from_pb(b.majority()) : Fraction{1, 2},
                                           from_pb(b.majority_base()), b.weighted(),
                                           Tally{from_pb(b.counts()), from_pb(b.weighted_counts())});
    gui::wrapped(record::fr::majority_line(m, from_pb(b.outcome())), fonts.body, gui::theme::kMuted);
  }
  for (const auto& voice : v.voices())
    gui::wrapped(fmt::format("{} — {}", voice_title(v, voice, lang), voice_status(v, voice, s, lang)), fonts.body);
}

std::vector<VoteAction> draw_voting(const pb::DelegateView& v, ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const pb::BallotView& b = v.ballot();
  std::vector<VoteAction> votes;
  const ImGuiStyle& style = ImGui::GetStyle();
  const gui::ButtonLook idle{gui::theme::kIdleButton, gui::theme::kText};

  // A vote that cannot change: one confirmation per choice, before anything else.
  if (!s.to_confirm.empty()) {
    const VoteAction next = s.to_confirm.front();
    gui::wrapped(confirm_sentence(v, next, lang), fonts.large);
    const float w = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x) / 2;
    const ImVec2 size(w, 96 * scale);
    if (gui::touch_button("confirm", gui::tr(lang, "Confirmer", "Confirm"), size,
                          {gui::theme::of(next.choice), ImVec4(1, 1, 1, 1)}, true, fonts.large, fonts.body)) {
      votes.push_back(next);
      s.to_confirm.erase(s.to_confirm.begin());
    }
    ImGui::SameLine();
    if (gui::touch_button("cancel", gui::tr(lang, "Annuler", "Cancel"), size, idle, true, fonts.large, fonts.body))
      s.to_confirm.clear();
    if (s.to_confirm.size() > 1)
      gui::wrapped(fmt::format(fmt::runtime(gui::tr(lang, "Encore {} confirmation(s) après celle-ci.",
                                                    "{} more confirmation(s) after this one.")),
                               s.to_confirm.size() - 1),
                   fonts.body, gui::theme::kMuted);
    return votes;
  }
  auto ask = [&](const VoteAction& a) {
    if (vote_can_change(b)) votes.push_back(a);
    else s.to_confirm.push_back(a);
  };

  gui::wrapped(voices_left_sentence(v, s, lang), fonts.large, voices_left(v, s) > 0 ? gui::theme::kText : gui::theme::kOnline);
  // The same choice for all my voices: only worth it with more than one.
  if (v.voices_size() > 1) {
    gui::wrapped(gui::tr(lang, "Même choix pour toutes mes voix :", "Same choice for all my voices:"), fonts.body);
    const float avail = ImGui::GetContentRegionAvail().x;
    const int cols = columns_for(avail, scale);
    const float w = (avail - static_cast<float>(cols - 1) * style.ItemSpacing.x) / static_cast<float>(cols);
    for (int i = 0; i < 4; ++i) {
      if (i % cols) ImGui::SameLine();
      const auto todo = same_choice_for_all(v, s, kChoices[i]);
      if (gui::touch_button(fmt::format("all-{}", choice_id(kChoices[i])).c_str(), choice_word(kChoices[i], lang),
                            ImVec2(w, 52 * scale), idle, !todo.empty(), fonts.body, fonts.body))
        for (const auto& a : todo) ask(a);
    }
    ImGui::Separator();
  }

  // The cards: a scrolling region below what is above (the banner is outside it).
  ImGui::BeginChild("voices", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const float avail = ImGui::GetContentRegionAvail().x;
  const int cols = columns_for(avail, scale);
  const float button_w = (avail - static_cast<float>(cols - 1) * style.ItemSpacing.x) / static_cast<float>(cols);
  const float button_h = 72 * scale;  // 12 mm and more on a 10-inch tablet
  const float rows = static_cast<float>(4 / cols);
  const float estimate = fonts.large->FontSize + fonts.body->FontSize + rows * (button_h + style.ItemSpacing.y) +
                         3 * style.ItemSpacing.y;
  const float top = ImGui::GetWindowPos().y;
  const float bottom = top + ImGui::GetWindowHeight();
  for (const pb::DelegateVoice& voice : v.voices()) {
    ImGui::PushID(voice.voice().c_str());
    const float y = ImGui::GetCursorScreenPos().y;
    const auto measured = s.card_height.find(voice.voice());
    const float card_h = measured != s.card_height.end() ? measured->second : estimate;
    const bool whole = y >= top - 1 && y + card_h <= bottom + 1;  // partly hidden: scroll first
    ImGui::BeginGroup();
    const auto pending = s.sending.find(voice.voice());
    const bool is_pending = pending != s.sending.end();
    const bool locked = voice.voted() && !vote_can_change(b);
    // Whose voice, and its state: on one line when both fit, else one under the other.
    const std::string title = voice_title(v, voice, lang);
    const std::string status = voice_status(v, voice, s, lang);
    const ImVec4 status_colour =
        is_pending ? ImVec4(0.55f, 0.35f, 0.0f, 1) : voice.voted() ? gui::theme::kOnline : gui::theme::kMuted;
    const float gap = 2 * style.ItemSpacing.x;
    const bool one_line = gui::text_width(fonts.large, title) + gap + gui::text_width(fonts.body, status) <= avail;
    gui::fitted_line(title, avail, {fonts.large, fonts.body}, gui::theme::kText);
    if (one_line) {
      ImGui::SameLine(0, gap);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (fonts.large->FontSize - fonts.body->FontSize) * 0.7f);
      gui::fitted_line(status, avail, {fonts.body}, status_colour);
    } else {
      gui::wrapped(status, fonts.body, status_colour);
    }
    for (int i = 0; i < 4; ++i) {
      const pb::Choice c = kChoices[i];
      if (i % cols) ImGui::SameLine();
      const bool recorded = voice.voted() && voice.choice() == c && !is_pending && b.mode() != pb::SECRET;
      const bool sent = is_pending && pending->second == c;
      // The chosen state is a mark and a word, not only a colour: ✓ recorded, … pending.
      const std::string label = (recorded ? "✓ " : sent ? "… " : "") + choice_word(c, lang);
      const gui::ButtonLook look = recorded ? gui::ButtonLook{gui::theme::of(c), ImVec4(1, 1, 1, 1)}
                                   : sent   ? gui::ButtonLook{gui::theme::kPending, gui::theme::kText}
                                            : idle;
      const std::string id = fmt::format("voice-{}-{}", voice.voice(), choice_id(c));
      // While a choice is on its way the card takes no other; the pending one keeps its colour.
      const bool enabled = whole && !locked && (!is_pending || sent);
      if (gui::touch_button(id.c_str(), label, ImVec2(button_w, button_h), look, enabled, fonts.large, fonts.body) &&
          !is_pending)
        ask({b.item(), voice.voice(), c});
    }
    ImGui::EndGroup();
    s.card_height[voice.voice()] = ImGui::GetItemRectSize().y;
    ImGui::Separator();
    ImGui::PopID();
  }
  gui::drag_scroll();
  if (const float dy = gui::scripted_drag()) ImGui::SetScrollY(ImGui::GetScrollY() + dy);
  ImGui::EndChild();
  return votes;
}

}  // namespace

std::vector<VoteAction> draw_delegate(const pb::DelegateView& v, ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const Situation situation = situation_of(v);
  if (!s.refusal.empty())
    gui::wrapped(gui::refusal_sentence(s.refusal, lang), fonts.body, gui::theme::kOffline);
  if (v.has_ballot() && (situation == Situation::Voting || situation == Situation::Interested ||
                         situation == Situation::ArrivedAfterOpening || situation == Situation::Closed))
    gui::wrapped(fmt::format("{}  {}", v.ballot().item(), v.ballot().title()), fonts.large);
  gui::wrapped(situation_sentence(v, lang), situation == Situation::Voting ? fonts.body : fonts.large,
               situation == Situation::NotCheckedIn ? gui::theme::kOffline : gui::theme::kText);
  for (const std::string& line : proxies_not_exercised_sentences(v, lang)) gui::wrapped(line, fonts.body, gui::theme::kMuted);
  ImGui::Spacing();
  if (situation == Situation::Voting)
    return v.ballot().round() > 0 ? draw_election(v, s, fonts, scale) : draw_voting(v, s, fonts, scale);
  ImGui::BeginChild("info", ImVec2(0, 0), false);
  if (situation == Situation::Closed) draw_closed(v, s, fonts);
  if (situation != Situation::Voting) {
    ImGui::Spacing();
    draw_agenda(v, lang, fonts);
  }
  gui::drag_scroll();
  ImGui::EndChild();
  return {};
}

}  // namespace scrutin::tablet
