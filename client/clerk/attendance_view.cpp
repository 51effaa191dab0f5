// Attendance: a searchable list of the members with their presence, their
// tablet, their arrival and departure; one tap checks a member in or out.
// Substitutes are shown with their titular. The quorum is in the band above.
#include <fmt/format.h>
#include <imgui.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::clerk {

void draw_attendance(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  if (feed.session.roster().empty()) {
    note(tr(lang, "La liste des membres est vide : importez-la dans l'onglet Membres.",
            "The roster is empty: import it in the Roster tab."));
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(lang, "Rechercher", "Search"));
  ImGui::SameLine();
  text_field("search", "", s.search, ui, 320 * ui.scale);
  const auto rows = attendance_rows(feed, s.search, lang);
  int present = 0;
  for (const auto& r : rows) present += r.presence == client::Presence::Present;
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", fmt::format(fmt::runtime(tr(lang, "{} membres affichés, {} présents", "{} members shown, {} present")),
                                        rows.size(), present).c_str());

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("attendance", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(lang, "Nom", "Name"), ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableSetupColumn(tr(lang, "Groupe", "Group"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(tr(lang, "Présence", "Presence"), ImGuiTableColumnFlags_WidthStretch, 2.6f);
  ImGui::TableSetupColumn(tr(lang, "Tablette", "Tablet"), ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 260 * ui.scale);
  ImGui::TableHeadersRow();
  for (const AttendanceRow& r : rows) {
    ImGui::TableNextRow(0, 44 * ui.scale);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(r.name.c_str());
    if (!r.titular.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("(%s)", r.titular.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(r.group.c_str());
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    const ImVec4 colour = r.presence == client::Presence::Present       ? gui::theme::kOnline
                          : r.presence == client::Presence::Represented ? gui::theme::kPour
                                                                        : gui::theme::kMuted;
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(r.status.c_str());
    ImGui::PopStyleColor();
    if (!r.times.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("%s", r.times.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    if (r.tablet_online) ImGui::TextColored(gui::theme::kOnline, "%s", tr(lang, "en ligne", "online"));
    else ImGui::TextDisabled("%s", tr(lang, "—", "—"));
    ImGui::TableNextColumn();
    ImGui::PushID(r.id.c_str());
    const std::string in_id = "in-" + r.id, out_id = "out-" + r.id, excuse_id = "excuse-" + r.id;
    if (r.presence == client::Presence::Present) {
      if (button(out_id.c_str(), tr(lang, "Départ", "Leaves"), ui, true, 120 * ui.scale)) {
        Intent i;
        i.command.mutable_check_out()->set_member(r.id);
        i.what = fmt::format(fmt::runtime(tr(lang, "Départ de {} enregistré.", "{} checked out.")), r.name);
        out.push_back(std::move(i));
      }
    } else {
      if (button(in_id.c_str(), tr(lang, "Arrivée", "Arrives"), ui, true, 120 * ui.scale)) {
        Intent i;
        i.command.mutable_check_in()->set_member(r.id);
        i.what = fmt::format(fmt::runtime(tr(lang, "Arrivée de {} enregistrée.", "{} checked in.")), r.name);
        out.push_back(std::move(i));
      }
      if (r.presence == client::Presence::Absent && !r.substitute) {
        ImGui::SameLine();
        if (button(excuse_id.c_str(), tr(lang, "Excusé", "Excused"), ui, true, 120 * ui.scale)) {
          Intent i;
          i.command.mutable_excuse_absence()->set_member(r.id);
          i.what = fmt::format(fmt::runtime(tr(lang, "{} excusé.", "{} excused.")), r.name);
          out.push_back(std::move(i));
        }
      }
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace scrutin::clerk
