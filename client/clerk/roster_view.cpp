// The roster: import a CSV with a preview and its errors line by line, in
// French; add, edit and remove members (journalled; a member who took part in
// a ballot is edited, never removed); reset a PIN (the new one shown once);
// print the PIN slips as a PDF.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <imgui.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "proto/convert.hpp"

namespace scrutin::clerk {

namespace {

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void draw_roster(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  // A PIN just reset or made: shown once, until the clerk says it is noted.
  if (!s.shown_pin.empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.95f, 0.80f, 1));
    ImGui::BeginChild("pin", ImVec2(0, 96 * ui.scale), true);
    heading(fmt::format(fmt::runtime(tr(lang, "Nouveau code de {} : {}", "New PIN of {}: {}")), member_name(session, s.shown_pin_member),
                        s.shown_pin),
            ui);
    note(tr(lang, "Affiché une seule fois : notez-le ou imprimez la fiche. Ses anciennes connexions ont été fermées.",
            "Shown once: write it down or print the slip. The member's old sessions were closed."));
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (button("pin-noted", tr(lang, "Code noté", "PIN noted"), ui)) s.shown_pin.clear(), s.shown_pin_member.clear();
  }
  const float list_w = ImGui::GetContentRegionAvail().x * 0.55f;
  ImGui::BeginChild("members", ImVec2(list_w, 0), true);
  heading(fmt::format(fmt::runtime(tr(lang, "Membres ({})", "Members ({})")), session.roster().size()), ui);
  if (ImGui::BeginTable("roster", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    ImGui::TableSetupColumn(tr(lang, "Membre", "Member"), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(tr(lang, "Qualité", "Kind"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 300 * ui.scale);
    for (const Member& m : session.roster()) {
      ImGui::PushID(m.id.c_str());
      ImGui::TableNextRow(0, 44 * ui.scale);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(fmt::format("{} ({})", m.name, m.id).c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      if (m.kind == MemberKind::Substitute)
        ImGui::TextUnformatted(fmt::format("{} {}", tr(lang, "suppléant de", "substitute for"), member_name(session, m.substitute_of)).c_str());
      else
        ImGui::TextUnformatted(m.group.empty() ? tr(lang, "titulaire", "titular") : m.group.c_str());
      ImGui::TableNextColumn();
      const std::string edit = "edit-member-" + m.id, remove = "remove-member-" + m.id, pin = "reset-pin-" + m.id;
      if (button(edit.c_str(), tr(lang, "Modifier", "Edit"), ui, true, 92 * ui.scale)) {
        s.member_new = false;
        s.member_form = to_pb(m);
      }
      ImGui::SameLine();
      if (button(pin.c_str(), tr(lang, "Code", "PIN"), ui, true, 80 * ui.scale)) {
        Intent i;
        i.command.mutable_reset_pin()->set_member(m.id);
        i.what = fmt::format(fmt::runtime(tr(lang, "Nouveau code donné à {}.", "New PIN given to {}.")), m.name);
        out.push_back(std::move(i));
      }
      ImGui::SameLine();
      // Removal is offered only when the rule allows it; the server checks it again.
      if (danger_button(remove.c_str(), tr(lang, "Retirer", "Remove"), ui, !session.took_part(m.id), 96 * ui.scale)) {
        Intent i;
        i.command.mutable_remove_member()->set_member(m.id);
        i.what = fmt::format(fmt::runtime(tr(lang, "{} retiré de la liste.", "{} removed from the roster.")), m.name);
        out.push_back(std::move(i));
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("member-form", ImVec2(0, 0), true);
  pb::Member& f = s.member_form;
  heading(s.member_new ? tr(lang, "Ajouter un membre", "Add a member")
                       : fmt::format(fmt::runtime(tr(lang, "Modifier {}", "Edit {}")), f.id()),
          ui);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  if (s.member_new) text_field("member-id", tr(lang, "Identifiant", "Id"), *f.mutable_id(), ui, half);
  text_field("member-name", tr(lang, "Nom (comme au registre)", "Name (as in the record)"), *f.mutable_name(), ui);
  text_field("member-group", tr(lang, "Groupe ou commune", "Group or commune"), *f.mutable_group(), ui, half);
  ImGui::SameLine();
  ImGui::BeginGroup();
  text_field("member-substitute-of", tr(lang, "Suppléant de (identifiant)", "Substitute for (id)"), *f.mutable_substitute_of(), ui, half);
  ImGui::EndGroup();
  f.set_kind(f.substitute_of().empty() ? pb::TITULAR : pb::SUBSTITUTE);
  if (s.member_new && session.open_ballot() == nullptr &&
      std::ranges::any_of(session.agenda(), [&](const Item& i) { return session.put_to_vote(i.id); }))
    note(tr(lang, "Un vote a eu lieu : la liste ne reçoit plus de nouveaux membres.", "A ballot was held: no new members can be added."),
         gui::theme::kContre);
  const bool ready = !f.id().empty() && !f.name().empty();
  if (button("save-member", s.member_new ? tr(lang, "Ajouter", "Add") : tr(lang, "Enregistrer", "Save"), ui, ready)) {
    Intent i;
    if (s.member_new) {
      // One line of the roster's CSV: the server makes the PIN and returns it once.
      i.command.mutable_import_roster()->set_csv(fmt::format(
          "id,name,group,kind,substitute_of,weight,birth_date\n{},{},{},{},{},1,\n", csv_field(f.id()), csv_field(f.name()),
          csv_field(f.group()), f.substitute_of().empty() ? "titular" : "substitute", csv_field(f.substitute_of())));
      i.what = fmt::format(fmt::runtime(tr(lang, "{} ajouté.", "{} added.")), f.name());
    } else {
      *i.command.mutable_edit_member()->mutable_member() = f;
      i.what = fmt::format(fmt::runtime(tr(lang, "{} modifié.", "{} edited.")), f.name());
    }
    out.push_back(std::move(i));
  }
  if (!s.member_new) {
    ImGui::SameLine();
    if (button("new-member", tr(lang, "Nouveau membre", "New member"), ui)) s.member_new = true, s.member_form = pb::Member();
  }
  ImGui::Separator();
  heading(tr(lang, "Importer une liste (CSV)", "Import a roster (CSV)"), ui);
  note(tr(lang, "Colonnes : id, nom, groupe, qualité, suppléant de, poids, date de naissance ; « ; » ou « , », UTF-8 ou Latin-1 (Excel).",
          "Columns: id, name, group, kind, substitute of, weight, birth date; \";\" or \",\", UTF-8 or Latin-1 (Excel)."));
  text_field("csv-path", tr(lang, "Fichier CSV", "CSV file"), s.csv_path, ui);
  if (button("preview-csv", tr(lang, "Aperçu", "Preview"), ui, !s.csv_path.empty()))
    out.push_back(Intent{.kind = Intent::Kind::PreviewCsv, .path = s.csv_path});
  if (!s.csv_text.empty() || !s.csv_errors.empty()) {
    if (s.csv_errors.empty())
      note(fmt::format(fmt::runtime(tr(lang, "{} membres prêts à importer.", "{} members ready to import.")), s.csv_members),
           gui::theme::kOnline);
    ImGui::BeginChild("csv-errors", ImVec2(0, std::min(120 * ui.scale, 24 * ui.scale * static_cast<float>(s.csv_errors.size() + 1))));
    for (const auto& e : s.csv_errors) gui::wrapped(e, nullptr, gui::theme::kContre);
    ImGui::EndChild();
    ImGui::SameLine();
    if (button("import-csv", tr(lang, "Importer", "Import"), ui, s.csv_errors.empty() && s.csv_members > 0))
      out.push_back(Intent{.kind = Intent::Kind::ImportCsv});
  }
  ImGui::Separator();
  text_field("slips-path", tr(lang, "Fiches des codes (PDF)", "PIN slips (PDF)"), s.slips_path, ui);
  note(tr(lang, "Une fiche par membre : nom, identifiant, un nouveau code, l'adresse du serveur, son code court et un QR code. "
                "Les codes de la liste sont remplacés.",
          "One card per member: name, id, a new PIN, the server's address, its short code and a QR code. The members' PINs are replaced."));
  if (button("pin-slips", tr(lang, "Imprimer les fiches (nouveaux codes)", "Print the slips (new PINs)"), ui,
             !session.roster().empty() && !s.slips_path.empty()))
    out.push_back(Intent{.kind = Intent::Kind::PinSlips, .path = s.slips_path});
  ImGui::EndChild();
}

}  // namespace scrutin::clerk
