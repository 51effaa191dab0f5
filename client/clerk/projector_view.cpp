// The projector, the president's choice: what scrutin-display shows. The
// display follows within 100 ms; "automatic" is what it does unattended, and
// opening or closing a ballot comes back to it.
#include <fmt/format.h>
#include <imgui.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::clerk {

void draw_projector(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const pb::ProjectorScreen now = feed.room.projector().screen();
  heading(fmt::format(fmt::runtime(tr(lang, "Le projecteur montre : {}", "The projector shows: {}")), projector_word(now, lang)), ui);
  if (now == pb::PROJECTOR_MESSAGE) note("« " + feed.room.projector().message() + " »", gui::theme::kText);
  note(tr(lang, "Ouvrir ou clôturer un vote remet le projecteur en automatique. Un choix impossible pour l'instant (pas de vote en cours, pas de noms) laisse la séance décider.",
          "Opening or closing a ballot puts the projector back on automatic. A choice that cannot be shown now leaves it to the session."));
  ImGui::Spacing();
  const pb::RoomView& room = feed.room;
  const bool open = room.has_ballot() && room.ballot().open();
  const bool closed = room.has_ballot() && room.ballot().closed();
  const bool names = closed && room.ballot().mode() == pb::NOMINAL;
  struct Choice {
    pb::ProjectorScreen screen;
    const char* id;
    bool possible;
  };
  const Choice choices[] = {{pb::PROJECTOR_AUTO, "show-auto", true},           {pb::PROJECTOR_WELCOME, "show-welcome", true},
                            {pb::PROJECTOR_ATTENDANCE, "show-attendance", true}, {pb::PROJECTOR_BALLOT, "show-ballot", open},
                            {pb::PROJECTOR_RESULT, "show-result", closed},     {pb::PROJECTOR_NAMES, "show-names", names}};
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 2) / 3;
  int n = 0;
  for (const Choice& c : choices) {
    if (n++ % 3) ImGui::SameLine();
    const bool chosen = now == c.screen;
    const gui::ButtonLook look = chosen ? gui::ButtonLook{gui::theme::kPour, ImVec4(1, 1, 1, 1)}
                                        : gui::ButtonLook{gui::theme::kIdleButton, gui::theme::kText};
    if (gui::touch_button(c.id, projector_word(c.screen, lang), ImVec2(w, 72 * ui.scale), look, c.possible, ui.fonts.large,
                          ui.fonts.body)) {
      Intent i{.kind = Intent::Kind::Projector};
      i.show.set_screen(c.screen);
      i.what = fmt::format(fmt::runtime(tr(lang, "Projecteur : {}.", "Projector: {}.")), projector_word(c.screen, lang));
      out.push_back(std::move(i));
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  heading(tr(lang, "Message court", "Short message"), ui);
  text_field("projector-message", tr(lang, "Texte (280 caractères au plus)", "Text (280 characters at most)"), s.projector_message, ui, 0, 2);
  const bool fits = !s.projector_message.empty() && s.projector_message.size() <= 280;
  if (s.projector_message.size() > 280) note(tr(lang, "Trop long : 280 caractères au plus.", "Too long: 280 characters at most."), gui::theme::kContre);
  if (button("show-message", tr(lang, "Afficher ce message", "Show this message"), ui, fits)) {
    Intent i{.kind = Intent::Kind::Projector};
    i.show.set_screen(pb::PROJECTOR_MESSAGE);
    i.show.set_message(s.projector_message);
    i.what = tr(lang, "Projecteur : message affiché.", "Projector: message shown.");
    out.push_back(std::move(i));
  }
}

}  // namespace scrutin::clerk
