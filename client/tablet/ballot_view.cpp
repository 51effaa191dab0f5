#include "tablet/ballot_view.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include "client/record/french.hpp"
#include "proto/convert.hpp"

namespace scrutin::tablet {

namespace {

const char* tr(bool en, const char* fr, const char* english) { return en ? english : fr; }

struct ChoiceStyle {
  pb::Choice choice;
  const char* fr;
  const char* en;
  ImVec4 colour;
};
const ChoiceStyle kChoices[] = {
    {pb::POUR, "Pour", "For", ImVec4(0.2f, 0.55f, 0.25f, 1)},
    {pb::CONTRE, "Contre", "Against", ImVec4(0.75f, 0.2f, 0.2f, 1)},
    {pb::ABSTENTION, "Abstention", "Abstain", ImVec4(0.45f, 0.45f, 0.5f, 1)},
    {pb::NOT_TAKING_PART, "Ne prend pas part", "Not taking part", ImVec4(0.35f, 0.35f, 0.35f, 1)},
};

std::optional<LoginAction> draw_login(ViewState& s, const gui::Fonts& fonts, float scale) {
  const bool en = s.english;
  ImGui::PushFont(fonts.large);
  ImGui::TextUnformatted(tr(en, "Identification", "Sign in"));
  ImGui::PopFont();
  ImGui::TextUnformatted(tr(en, "Identifiant du membre", "Member id"));
  ImGui::SetNextItemWidth(300 * scale);
  ImGui::InputText("##member", s.member_id, sizeof s.member_id);
  ImGui::Text("%s %s", tr(en, "Code :", "PIN:"), std::string(s.pin.size(), '*').c_str());
  // A keypad: large targets for fingers (at least 12 mm at arm's length).
  const ImVec2 key(96 * scale, 80 * scale);
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<", "0", "OK"};
  std::optional<LoginAction> action;
  for (int i = 0; i < 12; ++i) {
    if (i % 3) ImGui::SameLine();
    if (ImGui::Button(keys[i], key)) {
      if (i == 9) {
        if (!s.pin.empty()) s.pin.pop_back();
      } else if (i == 11) {
        if (s.member_id[0] && !s.pin.empty()) action = LoginAction{s.member_id, s.pin};
      } else if (s.pin.size() < 12) {
        s.pin += keys[i];
      }
    }
  }
  return action;
}

}  // namespace

Actions draw_tablet(const pb::DelegateView& view, ViewState& s, const gui::Fonts& fonts, float scale) {
  const bool en = s.english;
  Actions actions;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("tablet", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  if (!s.status_line.empty()) ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", s.status_line.c_str());
  if (!s.logged_in) {
    actions.login = draw_login(s, fonts, scale);
    ImGui::End();
    return actions;
  }
  ImGui::PushFont(fonts.large);
  ImGui::TextUnformatted(view.name().c_str());
  ImGui::PopFont();
  for (const std::string& mandant : view.proxies_not_exercised())
    ImGui::TextWrapped("%s %s %s", tr(en, "Pouvoir de", "Proxy from"), mandant.c_str(),
                       tr(en, ": non exercé tant que vous êtes absent.", ": not exercised while you are away."));
  if (!view.has_ballot() || !view.ballot().open()) {
    ImGui::Dummy(ImVec2(0, 40 * scale));
    ImGui::PushFont(fonts.large);
    ImGui::TextWrapped("%s", tr(en, "Pas de vote en cours. Attendez l'ouverture du scrutin.",
                                "No vote in progress. Wait for the ballot to open."));
    ImGui::PopFont();
    if (view.has_ballot() && view.ballot().closed()) {
      const pb::BallotView& last = view.ballot();
      ImGui::Text("%s %s : %s", tr(en, "Dernier vote", "Last vote"), last.item().c_str(),
                  last.outcome().adopted() ? tr(en, "adopté", "adopted") : tr(en, "rejeté", "rejected"));
      // The rule and the number needed, as on the projector and in the record.
      const MajorityCheck m = check_majority(last.has_majority() ? from_pb(last.majority()) : Fraction{1, 2},
                                             from_pb(last.majority_base()), last.weighted(),
                                             Tally{from_pb(last.counts()), from_pb(last.weighted_counts())});
      ImGui::TextWrapped("%s", record::fr::majority_line(m, from_pb(last.outcome())).c_str());
    }
    ImGui::End();
    return actions;
  }
  const pb::BallotView& b = view.ballot();
  ImGui::TextWrapped("%s  %s", b.item().c_str(), b.title().c_str());
  if (b.mode() == pb::SECRET) ImGui::TextUnformatted(tr(en, "Scrutin secret : un vote ne peut pas être modifié.",
                                                        "Secret ballot: a vote cannot be changed."));
  ImGui::Separator();
  const float button_w = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
  const ImVec2 button(button_w, 110 * scale);
  for (const pb::DelegateVoice& v : view.voices()) {
    ImGui::PushID(v.voice().c_str());
    ImGui::PushFont(fonts.large);
    if (v.voice() == view.member_id()) ImGui::TextUnformatted(tr(en, "Mon vote", "My vote"));
    else ImGui::Text("%s %s", tr(en, "Pouvoir de", "Proxy for"), v.name().c_str());
    ImGui::PopFont();
    auto pending = s.sending.find(v.voice());
    const bool locked = v.voted() && (!b.allow_change() || b.mode() == pb::SECRET);
    for (int i = 0; i < 4; ++i) {
      const ChoiceStyle& c = kChoices[i];
      if (i) ImGui::SameLine();
      const bool recorded = v.voted() && v.choice() == c.choice && pending == s.sending.end();
      const bool sent = pending != s.sending.end() && pending->second == c.choice;
      // Chosen state shown by a check mark and the word, not only colour.
      std::string label = fmt::format("{}{}", recorded ? "✓ " : "", tr(en, c.fr, c.en));
      ImGui::PushStyleColor(ImGuiCol_Button, recorded || sent ? c.colour : ImVec4(0.85f, 0.85f, 0.87f, 1));
      // Hover must not look like a choice (a finger has no hover anyway).
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, recorded || sent ? c.colour : ImVec4(0.78f, 0.78f, 0.8f, 1));
      ImGui::PushStyleColor(ImGuiCol_Text, recorded || sent ? ImVec4(1, 1, 1, 1) : ImVec4(0.1f, 0.1f, 0.1f, 1));
      ImGui::BeginDisabled(locked || pending != s.sending.end());
      if (ImGui::Button(label.c_str(), button)) actions.votes.push_back({b.item(), v.voice(), c.choice});
      ImGui::EndDisabled();
      ImGui::PopStyleColor(3);
    }
    if (pending != s.sending.end()) ImGui::TextUnformatted(tr(en, "Envoi… (le vote n'est pas encore enregistré)",
                                                              "Sending… (not recorded yet)"));
    else if (v.voted()) ImGui::TextUnformatted(tr(en, "✓ Vote enregistré", "✓ Vote recorded"));
    else ImGui::TextUnformatted(tr(en, "Pas encore voté", "Not voted yet"));
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::End();
  return actions;
}

}  // namespace scrutin::tablet
