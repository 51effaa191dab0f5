// Enrolment: the tablet lists the servers announced on the LAN; the delegate
// taps one and confirms that its short code is the one the projector shows;
// only then is its fingerprint pinned and saved. And the settings screen
// (a long press on the title) that shows the room joined and can forget it.
#include <fmt/format.h>
#include <imgui.h>

#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "proto/fingerprint.hpp"
#include "tablet/views.hpp"

namespace scrutin::tablet {

std::optional<discovery::Announcement> draw_enrolment(const EnrolmentSnapshot& snap, EnrolmentState& in,
                                                      ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  const float width = ImGui::GetContentRegionAvail().x;
  const gui::ButtonLook plain{gui::theme::kPanel, gui::theme::kText};
  const gui::ButtonLook go{gui::theme::kPour, ImVec4(1, 1, 1, 1)};
  const gui::ButtonLook stop{gui::theme::kIdleButton, gui::theme::kText};
  std::optional<discovery::Announcement> confirmed;

  if (in.chosen) {
    // One question, the code large enough to compare from arm's length.
    gui::wrapped(gui::tr(lang, "Vérifiez le code de la salle", "Check the room's code"), fonts.large);
    gui::wrapped(in.chosen->body.empty() ? in.chosen->name : in.chosen->body, fonts.body, gui::theme::kMuted);
    ImGui::Dummy(ImVec2(0, 12 * scale));
    gui::fitted_line(fingerprint_short_code(in.chosen->fingerprint), width, {fonts.huge, fonts.large},
                     gui::theme::kText);
    ImGui::Dummy(ImVec2(0, 12 * scale));
    gui::wrapped(code_question(*in.chosen, lang), fonts.large);
    ImGui::Dummy(ImVec2(0, 12 * scale));
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 button((width - spacing) / 2, 96 * scale);
    if (gui::touch_button("code-yes", gui::tr(lang, "Oui, c'est le même code", "Yes, it is the same code"), button, go,
                          true, fonts.large, fonts.body))
      confirmed = *in.chosen;
    ImGui::SameLine();
    if (gui::touch_button("code-no", gui::tr(lang, "Non, il est différent", "No, it is different"), button, stop,
                          true, fonts.large, fonts.body)) {
      in.refused_names.insert(in.chosen->name);
      in.said_no = true;
      in.chosen.reset();
    }
    return confirmed;
  }

  gui::wrapped(gui::tr(lang, "Choisissez la salle", "Choose the room"), fonts.large);
  if (in.said_no) gui::wrapped(code_mismatch_sentence(lang), fonts.body, gui::theme::kOffline);
  gui::wrapped(enrolment_sentence(snap, lang), fonts.body, gui::theme::kMuted);
  ImGui::BeginChild("servers", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const ImVec2 row(ImGui::GetContentRegionAvail().x, 96 * scale);
  for (const auto& a : snap.found) {
    const bool refused = in.refused_names.contains(a.name);
    if (gui::touch_button(("server-" + a.name).c_str(), server_line(a, lang), row, refused ? stop : plain, !refused,
                          fonts.large, fonts.body)) {
      in.chosen = a;
      in.said_no = false;
    }
  }
  gui::drag_scroll();
  ImGui::EndChild();
  return confirmed;
}

SettingsActions draw_settings(const SettingsSnapshot& snap, ViewState& s, const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  SettingsActions actions;
  const float width = ImGui::GetContentRegionAvail().x;
  gui::wrapped(gui::tr(lang, "Réglages de la tablette", "Tablet settings"), fonts.large);
  ImGui::Dummy(ImVec2(0, 8 * scale));
  if (snap.room_name.empty()) {
    gui::wrapped(gui::tr(lang, "Aucune salle enregistrée.", "No room saved."), fonts.body);
  } else {
    gui::wrapped(fmt::format("{} {}", gui::tr(lang, "Salle :", "Room:"), snap.room_name), fonts.body);
    gui::wrapped(fmt::format("{} {} · {} {}", gui::tr(lang, "Serveur", "Server"), snap.address,
                             gui::tr(lang, "code", "code"), snap.short_code),
                 fonts.body);
  }
  if (snap.from_command_line)
    gui::wrapped(gui::tr(lang, "Serveur fixé au démarrage par le technicien : il ne se change pas ici.",
                         "Server set at start-up by the technician: it cannot be changed here."),
                 fonts.body, gui::theme::kMuted);
  ImGui::Dummy(ImVec2(0, 12 * scale));
  const gui::ButtonLook plain{gui::theme::kIdleButton, gui::theme::kText};
  const ImVec2 button(width, 80 * scale);
  if (!snap.from_command_line && !snap.room_name.empty() &&
      gui::touch_button("forget-room",
                        gui::tr(lang, "Oublier cette salle et en choisir une autre", "Forget this room and choose another"),
                        button, plain, true, fonts.large, fonts.body))
    actions.forget = true;
  if (gui::touch_button("settings-back", gui::tr(lang, "Retour", "Back"), button, plain, true, fonts.large, fonts.body))
    actions.back = true;
  return actions;
}

}  // namespace scrutin::tablet
