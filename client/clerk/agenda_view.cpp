// The agenda: items with number, title, rapporteur, state; an item is edited
// or removed until it is put to the vote. The statement of reasons and the
// decision are multi-line, typed, pasted or loaded from a .txt/.md file.
// Interested members are declared here too.
#include <fmt/format.h>
#include <imgui.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "proto/convert.hpp"

namespace scrutin::clerk {

void draw_agenda(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  const float list_w = ImGui::GetContentRegionAvail().x * 0.42f;
  ImGui::BeginChild("items", ImVec2(list_w, 0), true);
  if (button("new-item", tr(lang, "Nouveau point", "New item"), ui)) {
    s.item_new = true;
    s.item_form = pb::Item();
    s.item_form.set_nature("DE");
  }
  for (const Item& i : session.agenda()) {
    ImGui::PushID(i.id.c_str());
    ImGui::Separator();
    gui::wrapped(fmt::format("{}  {}", i.id, i.title), ui.fonts.body, gui::theme::kText);
    std::string line = item_state_word(session, i.id, lang);
    if (!i.rapporteur.empty()) line += " · " + std::string(tr(lang, "rapporteur ", "rapporteur ")) + member_name(session, i.rapporteur);
    const auto& interested = session.interested(i.id);
    if (!interested.empty()) line += fmt::format(fmt::runtime(tr(lang, " · {} intéressé(s)", " · {} interested")), interested.size());
    note(line);
    const bool editable = item_editable(session, i.id);
    const std::string edit_id = "edit-item-" + i.id, remove_id = "remove-item-" + i.id;
    if (button(edit_id.c_str(), tr(lang, "Modifier", "Edit"), ui, editable)) {
      s.item_new = false;
      s.item_form = to_pb(i);
    }
    ImGui::SameLine();
    if (danger_button(remove_id.c_str(), tr(lang, "Retirer", "Remove"), ui, item_removable(session, i.id))) {
      Intent in;
      in.command.mutable_remove_item()->set_item(i.id);
      in.what = fmt::format(fmt::runtime(tr(lang, "Point {} retiré de l'ordre du jour.", "Item {} removed from the agenda.")), i.id);
      out.push_back(std::move(in));
      if (s.item_form.id() == i.id) s.item_new = true, s.item_form = pb::Item();
    }
    if (!editable) {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%s", tr(lang, "mis aux voix : gardé tel quel", "put to the vote: kept as it was"));
    }
    ImGui::PopID();
  }
  if (session.agenda().empty()) note(tr(lang, "L'ordre du jour est vide.", "The agenda is empty."));
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("item-form", ImVec2(0, 0), true);
  pb::Item& f = s.item_form;
  heading(s.item_new ? tr(lang, "Nouveau point", "New item")
                     : fmt::format(fmt::runtime(tr(lang, "Modifier le point {}", "Edit item {}")), f.id()),
          ui);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  if (s.item_new) {
    text_field("item-id", tr(lang, "Numéro (ex. 2026-41)", "Number (e.g. 2026-41)"), *f.mutable_id(), ui, half);
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  text_field("item-matter", tr(lang, "Code matière (ex. 7.10)", "Subject code (e.g. 7.10)"), *f.mutable_matter_code(), ui, half);
  ImGui::EndGroup();
  text_field("item-title", tr(lang, "Titre", "Title"), *f.mutable_title(), ui, 0, 1, f.title().empty());
  text_field("item-rapporteur", tr(lang, "Rapporteur (identifiant)", "Rapporteur (member id)"), *f.mutable_rapporteur(), ui, half);
  ImGui::SameLine();
  ImGui::BeginGroup();
  text_field("item-rapporteur-title", tr(lang, "Qualité du rapporteur", "Rapporteur's title"), *f.mutable_rapporteur_title(), ui, half);
  ImGui::EndGroup();
  if (!f.rapporteur().empty())
    note(session.member(f.rapporteur()) ? session.member(f.rapporteur())->name : tr(lang, "identifiant inconnu", "unknown id"),
         session.member(f.rapporteur()) ? gui::theme::kMuted : gui::theme::kContre);
  text_field("item-text", tr(lang, "Exposé des motifs", "Statement of reasons"), *f.mutable_text(), ui, 0, 5);
  text_field("item-decision", tr(lang, "Décision (dispositif)", "Decision (operative part)"), *f.mutable_decision(), ui, 0, 4,
             f.decision().empty());
  // Load a text from a file (.txt or .md).
  text_field("text-path", tr(lang, "Fichier .txt ou .md à charger", "A .txt or .md file to load"), s.text_path, ui);
  const bool has_path = !s.text_path.empty();
  if (button("load-text", tr(lang, "Charger dans l'exposé", "Load into the statement"), ui, has_path))
    out.push_back(Intent{.kind = Intent::Kind::LoadText, .path = s.text_path, .field = "text"});
  ImGui::SameLine();
  if (button("load-decision", tr(lang, "Charger dans la décision", "Load into the decision"), ui, has_path))
    out.push_back(Intent{.kind = Intent::Kind::LoadText, .path = s.text_path, .field = "decision"});
  // Interested members take no part in the item's vote (declared before it is put to the vote).
  if (!s.item_new && session.item(f.id())) {
    std::string names;
    for (const MemberId& id : session.interested(f.id())) names += (names.empty() ? "" : ", ") + member_name(session, id);
    note(fmt::format("{} {}", tr(lang, "Intéressés (ne prennent pas part au vote) :", "Interested (take no part in the vote):"),
                     names.empty() ? tr(lang, "aucun", "none") : names));
    text_field("conflict-member", tr(lang, "Membre intéressé (identifiant)", "Interested member (id)"), s.conflict_member, ui, half);
    ImGui::SameLine();
    if (button("declare-conflict", tr(lang, "Déclarer l'intérêt", "Declare the interest"), ui,
               !s.conflict_member.empty() && item_editable(session, f.id()))) {
      Intent in;
      in.command.mutable_declare_conflict()->set_item(f.id());
      in.command.mutable_declare_conflict()->set_member(s.conflict_member);
      in.what = fmt::format(fmt::runtime(tr(lang, "{} ne prendra pas part au vote du point {}.", "{} takes no part in the vote on item {}.")),
                            member_name(session, s.conflict_member), f.id());
      out.push_back(std::move(in));
      s.conflict_member.clear();
    }
  }
  ImGui::Separator();
  const bool ready = !f.id().empty() && !f.title().empty();
  if (button("save-item", s.item_new ? tr(lang, "Ajouter le point", "Add the item") : tr(lang, "Enregistrer les modifications", "Save the changes"),
             ui, ready)) {
    Intent i;
    if (s.item_new) {
      *i.command.mutable_add_item()->mutable_item() = f;
      i.what = fmt::format(fmt::runtime(tr(lang, "Point {} ajouté.", "Item {} added.")), f.id());
    } else {
      *i.command.mutable_edit_item()->mutable_item() = f;
      i.what = fmt::format(fmt::runtime(tr(lang, "Point {} modifié.", "Item {} edited.")), f.id());
    }
    out.push_back(std::move(i));
  }
  ImGui::EndChild();
}

}  // namespace scrutin::clerk
