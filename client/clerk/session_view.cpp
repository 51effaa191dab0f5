// The session: body (and its grammatical gender), date, time, place,
// convocation date, president, secretary, seats, rules preset, SIREN, SIRET and
// department (the ACTES identifier). The fields the record needs and that are
// missing are flagged in red, in place, before any export.
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

RuleSet preset(int i, const RuleSet& current) {
  switch (i) {
    case 0: return french_council();
    case 1: return french_council_2020_2022();
    case 2: return general_assembly({1, 2}, true, {1, 2});
    case 3: return weighted_assembly({1, 2}, {1, 2});
    default: return current;
  }
}

int preset_of(const RuleSet& r) {
  for (int i = 0; i < 4; ++i)
    if (preset(i, r).name == r.name) return i;
  return 0;
}

}  // namespace

void draw_session(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  if (!s.session_loaded && (session.configured() || feed.connected)) {
    s.session_form = to_pb(session.info());
    s.rules_preset = session.configured() ? preset_of(session.rules()) : 0;
    s.session_loaded = true;
  }
  pb::SessionInfo& f = s.session_form;
  const std::set<std::string> missing = missing_session_fields(from_pb(f));
  if (const std::string summary = missing_summary(from_pb(f), lang); !summary.empty()) note(summary, gui::theme::kContre);
  else note(tr(lang, "Tous les champs requis par le registre sont remplis.", "Every field the record needs is filled in."),
            gui::theme::kOnline);
  const bool locked = session.open_ballot() || std::ranges::any_of(session.agenda(), [&](const Item& i) { return session.put_to_vote(i.id); });
  if (locked)
    note(tr(lang, "Un vote a eu lieu : la séance ne se reconfigure plus (le registre garde ce qui a été voté).",
            "A ballot has been held: the session can no longer be reconfigured."));

  const float col = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 2) / 3;
  auto field = [&](const char* id, const char* fr, const char* en, std::string* value, const char* key) {
    ImGui::BeginGroup();
    text_field(id, tr(lang, fr, en), *value, ui, col, 1, key && missing.contains(key));
    ImGui::EndGroup();
  };
  // Three columns of fields; protobuf strings are edited in place.
  auto str = [](std::string* p) { return p; };
  ImGui::BeginChild("fields", ImVec2(0, ImGui::GetContentRegionAvail().y - 60 * ui.scale));
  field("body", "Assemblée (ex. Conseil municipal)", "Body (e.g. Conseil municipal)", str(f.mutable_body()), "body");
  ImGui::SameLine();
  field("body-name", "Collectivité", "Collectivity", str(f.mutable_body_name()), "body_name");
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr(lang, "Genre de l'assemblée", "Body's gender"));
  int gender = f.body_gender() == "f" ? 1 : f.body_gender() == "m" ? 2 : 0;
  const char* genders[] = {tr(lang, "d'après le nom", "from the name"), tr(lang, "féminin (la)", "feminine (la)"),
                           tr(lang, "masculin (le)", "masculine (le)")};
  ImGui::SetNextItemWidth(col);
  if (ImGui::Combo("##gender", &gender, genders, 3)) f.set_body_gender(gender == 1 ? "f" : gender == 2 ? "m" : "");
  ImGui::EndGroup();

  field("date", "Date de la séance (AAAA-MM-JJ)", "Date (YYYY-MM-DD)", str(f.mutable_date()), "date");
  ImGui::SameLine();
  field("time", "Heure (18:30)", "Time (18:30)", str(f.mutable_time()), nullptr);
  ImGui::SameLine();
  field("convocation", "Date de convocation", "Convocation date", str(f.mutable_convocation_date()), "convocation_date");

  field("place", "Lieu", "Place", str(f.mutable_place()), nullptr);
  ImGui::SameLine();
  field("president", "Président (identifiant)", "President (member id)", str(f.mutable_president()), "president");
  ImGui::SameLine();
  field("president-title", "Titre du président", "President's title", str(f.mutable_president_title()), nullptr);

  field("secretary", "Secrétaire de séance (identifiant)", "Secretary (member id)", str(f.mutable_secretary()), "secretary");
  ImGui::SameLine();
  std::string seats = f.seats() ? std::to_string(f.seats()) : "";
  field("seats", "Sièges", "Seats", &seats, nullptr);
  try {
    f.set_seats(seats.empty() ? 0 : std::stoi(seats));
  } catch (...) {
  }
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr(lang, "Règles", "Rules"));
  const char* presets[] = {tr(lang, "Conseil (CGCT)", "Council (CGCT)"), tr(lang, "Conseil (régime 2020-2022)", "Council (2020-2022)"),
                           tr(lang, "Assemblée générale", "General assembly"), tr(lang, "Assemblée pondérée", "Weighted assembly")};
  ImGui::SetNextItemWidth(col);
  ImGui::Combo("##rules", &s.rules_preset, presets, 4);
  ImGui::EndGroup();

  field("siren", "SIREN (9 chiffres)", "SIREN (9 digits)", str(f.mutable_siren()), "siren");
  ImGui::SameLine();
  field("siret", "SIRET (données ouvertes)", "SIRET (open data)", str(f.mutable_siret()), "siret");
  ImGui::SameLine();
  field("department", "Département (063)", "Department (063)", str(f.mutable_department()), "department");
  text_field("address", tr(lang, "Adresse de la collectivité (plusieurs lignes)", "Address (several lines)"),
             *f.mutable_body_address(), ui, 0, 3);
  // Names of the president and secretary, so a wrong id shows at once.
  for (auto [fr, en, id] : {std::tuple{"Président", "President", f.president()}, std::tuple{"Secrétaire", "Secretary", f.secretary()}})
    if (!id.empty())
      note(fmt::format("{} : {}", tr(lang, fr, en),
                       session.member(id) ? session.member(id)->name : tr(lang, "identifiant inconnu", "unknown id")),
           session.member(id) ? gui::theme::kMuted : gui::theme::kContre);
  ImGui::EndChild();
  if (button("save-session", tr(lang, "Enregistrer la séance", "Save the session"), ui, !locked)) {
    Intent i;
    *i.command.mutable_configure_session()->mutable_info() = f;
    const bool same_preset = session.configured() && preset_of(session.rules()) == s.rules_preset;
    *i.command.mutable_configure_session()->mutable_rules() = to_pb(same_preset ? session.rules() : preset(s.rules_preset, session.rules()));
    i.what = tr(lang, "Séance enregistrée.", "Session saved.");
    out.push_back(std::move(i));
  }
  ImGui::SameLine();
  if (button("reload-session", tr(lang, "Revenir à ce qui est enregistré", "Back to what is recorded"), ui)) s.session_loaded = false;
}

}  // namespace scrutin::clerk
