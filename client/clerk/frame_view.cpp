// The console's frame: a band with the body, the quorum (live), the connection
// and the language switch; a row of tabs; the chosen view; the last notice at
// the bottom. Also the widgets every view shares.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::clerk {

namespace {

float row_height(const Ui& ui) { return 40 * ui.scale; }

float label_width(const std::string& label, const Ui& ui) {
  return gui::text_width(ui.fonts.body, label) + ImGui::GetStyle().FramePadding.x * 2 + 16 * ui.scale;
}

}  // namespace

bool button(const char* id, const std::string& label, const Ui& ui, bool enabled, float width) {
  const ImVec2 size(width > 0 ? width : label_width(label, ui), row_height(ui));
  return gui::touch_button(id, label, size, {gui::theme::kIdleButton, gui::theme::kText}, enabled, ui.fonts.body,
                           ui.fonts.body);
}

bool danger_button(const char* id, const std::string& label, const Ui& ui, bool enabled, float width) {
  const ImVec2 size(width > 0 ? width : label_width(label, ui), row_height(ui));
  return gui::touch_button(id, label, size, {gui::theme::kContre, ImVec4(1, 1, 1, 1)}, enabled, ui.fonts.body,
                           ui.fonts.body);
}

bool text_field(const char* id, const std::string& label, std::string& value, const Ui& ui, float width, int lines,
                bool missing) {
  bool changed = false;
  // Tests type through here too: a step "type:ID=TEXT" fills this field.
  std::string typed;
  if (gui::script_step(std::string("type:") + id + "=", &typed)) {
    value = typed;
    gui::script_advance();
    changed = true;
  }
  ImGui::PushID(id);
  if (!label.empty()) {
    ImGui::AlignTextToFramePadding();
    if (missing) ImGui::PushStyleColor(ImGuiCol_Text, gui::theme::kContre);
    ImGui::TextUnformatted((label + (missing ? " ✗" : "")).c_str());
    if (missing) ImGui::PopStyleColor();
  }
  const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(w);
  if (missing) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1.0f, 0.88f, 0.84f, 1));
  if (lines > 1)
    changed |= ImGui::InputTextMultiline("##v", &value, ImVec2(w, ImGui::GetTextLineHeight() * static_cast<float>(lines) + 8));
  else
    changed |= ImGui::InputText("##v", &value);
  if (missing) ImGui::PopStyleColor();
  ImGui::PopID();
  return changed;
}

void heading(const std::string& text, const Ui& ui) { gui::wrapped(text, ui.fonts.large, gui::theme::kText); }

void note(const std::string& text, ImVec4 colour) { gui::wrapped(text, nullptr, colour); }

void draw_frame(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("clerk", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                     ImGuiWindowFlags_NoScrollWithMouse);
  // The band: body and date, the connection, the language.
  const Session& session = feed.session;
  std::string title = session.info().body.empty() ? std::string("Scrutin") : session.info().body;
  if (!session.info().date.empty()) title += " — " + session.info().date;
  const std::string connection = feed.wrong_server ? tr(lang, "Mauvais serveur (empreinte)", "Wrong server (fingerprint)")
                                 : feed.connected  ? tr(lang, "● connecté", "● connected")
                                                   : tr(lang, "● hors ligne", "● offline");
  const std::string other = lang == Lang::Fr ? "English" : "Français";
  const float right = gui::text_width(ui.fonts.body, connection) + label_width(other, ui) + 24 * ui.scale;
  gui::fitted_line(title, ImGui::GetContentRegionAvail().x - right, {ui.fonts.large, ui.fonts.body}, gui::theme::kText);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - right + 8 * ui.scale);
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, feed.connected && !feed.wrong_server ? gui::theme::kOnline : gui::theme::kOffline);
  ImGui::TextUnformatted(connection.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (button("lang", other, ui)) s.lang = lang == Lang::Fr ? Lang::En : Lang::Fr;
  // The quorum, live, on every view.
  if (session.configured()) {
    const bool met = quorum_met(session);
    gui::wrapped(quorum_line(session, s.lang), ui.fonts.body, met ? gui::theme::kOnline : gui::theme::kContre);
  }
  if (!feed.room.journal_problem().empty())
    gui::wrapped(tr(s.lang, "Le serveur ne peut plus écrire son journal : rien de nouveau n'est enregistré. Libérez de la place ou appelez l'assistance.",
                    "The server cannot write its journal: nothing new is recorded. Free some space or call for help."),
                 ui.fonts.body, gui::theme::kOffline);
  // The tabs.
  const float tab_w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 7) / 8;
  for (Tab t : kTabs) {
    if (t != kTabs[0]) ImGui::SameLine();
    const bool chosen = s.tab == t;
    const gui::ButtonLook look = chosen ? gui::ButtonLook{gui::theme::kPour, ImVec4(1, 1, 1, 1)}
                                        : gui::ButtonLook{gui::theme::kIdleButton, gui::theme::kText};
    if (gui::touch_button(tab_id(t), tab_name(t, s.lang), ImVec2(tab_w, row_height(ui)), look, true, ui.fonts.body,
                          ui.fonts.body))
      s.tab = t;
  }
  ImGui::Separator();
  // The view, above the notice line.
  const float notice_h = ImGui::GetTextLineHeightWithSpacing() * 2 + 8 * ui.scale;
  ImGui::BeginChild("view", ImVec2(0, ImGui::GetContentRegionAvail().y - notice_h), false);
  switch (s.tab) {
    case Tab::Attendance: draw_attendance(feed, s, out, ui); break;
    case Tab::Ballot: draw_ballot(feed, s, out, ui); break;
    case Tab::Session: draw_session(feed, s, out, ui); break;
    case Tab::Agenda: draw_agenda(feed, s, out, ui); break;
    case Tab::Proxies: draw_proxies(feed, s, out, ui); break;
    case Tab::Roster: draw_roster(feed, s, out, ui); break;
    case Tab::Projector: draw_projector(feed, s, out, ui); break;
    case Tab::Export: draw_export(feed, s, out, ui); break;
  }
  ImGui::EndChild();
  ImGui::Separator();
  if (!s.notice.empty()) gui::wrapped(s.notice, ui.fonts.body, s.notice_error ? gui::theme::kContre : gui::theme::kOnline);
  ImGui::End();
}

}  // namespace scrutin::clerk
