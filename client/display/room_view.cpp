#include "display/room_view.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include "client/record/french.hpp"
#include "proto/convert.hpp"

namespace scrutin::display {

namespace {

const char* tr(bool en, const char* fr, const char* english) { return en ? english : fr; }

// Colour is never the only signal: every bar carries its label and number.
void bar(const char* label, std::int64_t n, std::int64_t total, ImVec4 colour, float scale) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine(260 * scale);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
  const float fraction = total > 0 ? static_cast<float>(n) / static_cast<float>(total) : 0.0f;
  ImGui::ProgressBar(fraction, ImVec2(-1, 44 * scale), fmt::format("{}", n).c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void draw_room(const pb::RoomView& room, const ViewState& state, const gui::Fonts& fonts, float scale) {
  const bool en = state.english;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("room", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);

  ImGui::PushFont(fonts.large);
  ImGui::TextUnformatted(room.body().empty() ? "Scrutin" : room.body().c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", room.date().c_str());
  if (!state.connected || !state.status_line.empty()) {
    ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s",
                       state.status_line.empty() ? tr(en, "Hors ligne", "Offline") : state.status_line.c_str());
  }
  ImGui::Separator();
  ImGui::Text("%s %d   %s %d   %s %d", tr(en, "En exercice :", "In office:"), room.in_office(),
              tr(en, "Présents :", "Present:"), room.present(), tr(en, "Représentés :", "Represented:"),
              room.represented());

  if (!room.has_ballot()) {
    ImGui::Dummy(ImVec2(0, 60 * scale));
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(tr(en, "Aucun vote en cours", "No vote in progress"));
    ImGui::PopFont();
    ImGui::End();
    return;
  }
  const pb::BallotView& b = room.ballot();
  ImGui::Dummy(ImVec2(0, 16 * scale));
  ImGui::PushFont(fonts.large);
  ImGui::TextWrapped("%s  %s", b.item().c_str(), b.title().c_str());
  ImGui::PopFont();
  const bool quorum_ok = b.quorum_present() >= b.quorum_required();
  ImGui::Text("%s %d / %d %s  %s", tr(en, "Quorum :", "Quorum:"), b.quorum_present(), b.quorum_required(),
              tr(en, "requis", "required"), quorum_ok ? tr(en, "✓ atteint", "✓ met") : tr(en, "✗ non atteint", "✗ not met"));
  ImGui::Text("%s", b.mode() == pb::SECRET    ? tr(en, "Scrutin secret", "Secret ballot")
                    : b.mode() == pb::NOMINAL ? tr(en, "Scrutin public nominal", "Nominal ballot")
                                              : tr(en, "Vote à main levée", "Public ballot"));
  ImGui::Dummy(ImVec2(0, 16 * scale));

  if (b.open()) {
    ImGui::PushFont(fonts.huge);
    ImGui::Text("%lld / %lld", static_cast<long long>(b.cast()), static_cast<long long>(b.expected()));
    ImGui::PopFont();
    ImGui::TextUnformatted(tr(en, "votes exprimés sur les tablettes", "votes cast on the tablets"));
    ImGui::ProgressBar(b.expected() > 0 ? static_cast<float>(b.cast()) / static_cast<float>(b.expected()) : 0.0f,
                       ImVec2(-1, 30 * scale), "");
  }
  if (b.closed()) {
    ImGui::PushFont(fonts.huge);
    const bool adopted = b.outcome().adopted();
    ImGui::TextColored(adopted ? ImVec4(0.05f, 0.45f, 0.15f, 1) : ImVec4(0.65f, 0.1f, 0.1f, 1), "%s",
                       adopted ? tr(en, "✓ ADOPTÉ", "✓ ADOPTED") : tr(en, "✗ REJETÉ", "✗ REJECTED"));
    ImGui::PopFont();
    if (b.outcome().unanimous()) ImGui::TextUnformatted(tr(en, "à l'unanimité", "unanimously"));
    if (b.outcome().casting_vote_decided())
      ImGui::TextUnformatted(tr(en, "Partage des voix : la voix du président est prépondérante",
                                "Tie: the president's casting vote decided"));
    // The rule and the number needed, as in the record (weights where the rules weigh).
    const Fraction majority = b.has_majority() ? from_pb(b.majority()) : Fraction{1, 2};
    const MajorityCheck m = check_majority(majority, from_pb(b.majority_base()), b.weighted(),
                                           Tally{from_pb(b.counts()), from_pb(b.weighted_counts())});
    ImGui::TextWrapped("%s", record::fr::majority_line(m, from_pb(b.outcome())).c_str());
  }
  if (b.has_counts() && (b.closed() || b.mode() != pb::SECRET)) {
    const pb::Counts& c = b.counts();
    ImGui::Dummy(ImVec2(0, 12 * scale));
    const std::int64_t total = c.voters();
    bar(tr(en, "Pour", "For"), c.pour(), total, ImVec4(0.2f, 0.55f, 0.25f, 1), scale);
    bar(tr(en, "Contre", "Against"), c.contre(), total, ImVec4(0.75f, 0.2f, 0.2f, 1), scale);
    bar(tr(en, "Abstentions", "Abstentions"), c.abstentions(), total, ImVec4(0.5f, 0.5f, 0.55f, 1), scale);
    ImGui::Text("%s %lld   %s %lld   %s %lld", tr(en, "Votants :", "Voters:"), static_cast<long long>(c.voters()),
                tr(en, "Exprimés :", "Expressed:"), static_cast<long long>(c.pour() + c.contre()),
                tr(en, "Ne prennent pas part :", "Not taking part:"), static_cast<long long>(c.not_taking_part()));
  }
  ImGui::End();
}

}  // namespace scrutin::display
