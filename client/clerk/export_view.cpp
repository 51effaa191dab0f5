// The record: page 1 of the extract in the window, then the extract (text and
// PDF), list of deliberations, minutes, SCDL CSV and JSON written to a chosen
// folder (a USB stick), and the verification of the journal against the JSON
// written, with its one-line verdict. The documents come from client/record.
#include <fmt/format.h>
#include <imgui.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "proto/convert.hpp"

namespace scrutin::clerk {

void draw_export(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  std::vector<const Item*> closed;
  for (const Item& i : session.agenda())
    if (const Ballot* b = session.ballot(i.id); b && b->closed) closed.push_back(&i);
  if (const std::string missing = missing_summary(session.info(), lang); !missing.empty())
    note(missing + tr(lang, " Complétez l'onglet Séance.", " Complete the Session tab."), gui::theme::kContre);
  if (closed.empty()) {
    note(tr(lang, "Aucune délibération pour l'instant : les documents suivent la clôture des votes.",
            "No deliberation yet: the documents follow the closing of ballots."));
  }
  const float left = ImGui::GetContentRegionAvail().x * 0.40f;
  ImGui::BeginChild("export-actions", ImVec2(left, 0), true);
  if (s.export_item.empty() && !closed.empty()) s.export_item = closed.back()->id;
  heading(tr(lang, "Délibération", "Deliberation"), ui);
  for (const Item* i : closed) {
    const std::string id = "extract-" + i->id;
    if (gui::script_step(id)) {
      s.export_item = i->id;
      gui::script_advance();
    }
    if (ImGui::Selectable(fmt::format("{}  {}", i->id, i->title).c_str(), s.export_item == i->id)) s.export_item = i->id;
  }
  ImGui::Separator();
  text_field("export-folder", tr(lang, "Dossier (ou clé USB)", "Folder (or USB stick)"), s.export_folder, ui);
  if (button("export-all", tr(lang, "Écrire les documents", "Write the documents"), ui, !s.export_folder.empty()))
    out.push_back(Intent{.kind = Intent::Kind::Export, .path = s.export_folder});
  note(tr(lang, "Extraits (texte et PDF), liste des délibérations, procès-verbal, CSV SCDL, JSON : un projet marqué « PROJET » tant qu'un champ manque.",
          "Extracts (text and PDF), list of deliberations, minutes, SCDL CSV, JSON: a draft marked \"PROJET\" while a field is missing."));
  for (const auto& l : s.export_lines) note(l, gui::theme::kText);
  ImGui::Separator();
  if (button("verify", tr(lang, "Vérifier le journal contre le JSON écrit", "Verify the journal against the JSON written"), ui,
             !s.export_folder.empty()))
    out.push_back(Intent{.kind = Intent::Kind::Verify, .path = s.export_folder + "/seance.json"});
  if (!s.verify_line.empty()) gui::wrapped(s.verify_line, ui.fonts.body, s.verify_line.starts_with("OK") ? gui::theme::kOnline : gui::theme::kContre);
  ImGui::Separator();
  heading(tr(lang, "Sauvegarde", "Backup"), ui);
  note(tr(lang, "Copie le journal, le certificat et le mot de passe dans un nouveau dossier de la clé, pendant que le vote continue. "
                "Sur un second ordinateur, le serveur repart de cette copie ; les votes enregistrés après la sauvegarde n'y sont pas.",
          "Copies the journal, the certificate and the passphrase into a new folder on the stick while voting goes on. "
          "On a second laptop the server starts again from this copy; votes recorded after the backup are not in it."));
  if (button("backup", s.backup_running ? tr(lang, "Sauvegarde en cours…", "Backing up…")
                                        : tr(lang, "Sauvegarder les données dans ce dossier", "Back up the data to this folder"),
             ui, !s.export_folder.empty() && !s.backup_running))
    out.push_back(Intent{.kind = Intent::Kind::Backup, .path = s.export_folder});
  for (std::size_t i = 0; i < s.backup_lines.size(); ++i)
    gui::wrapped(s.backup_lines[i], ui.fonts.body,
                 s.backup_failed ? gui::theme::kContre : i == 0 ? gui::theme::kOnline : gui::theme::kText);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("preview", ImVec2(0, 0), true);
  heading(tr(lang, "Aperçu : page 1 de l'extrait", "Preview: page 1 of the extract"), ui);
  if (s.preview.empty()) note(tr(lang, "Choisissez une délibération.", "Choose a deliberation."));
  else gui::wrapped(s.preview);
  ImGui::EndChild();
}

}  // namespace scrutin::clerk
