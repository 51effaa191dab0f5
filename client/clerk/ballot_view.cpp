// The ballot: open one (mode, change allowed, majority), then a live board of
// the voices — voted, not yet, not taking part — by name with the choice for a
// public ballot, only "who has voted" for a secret one; a vote entered by the
// clerk for a failed tablet; cancel; close after a confirmation that lists who
// has not voted; then the result as the record prints it.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <imgui.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::clerk {

namespace {

void choice_group(const char* id_prefix, const std::vector<std::string>& labels, int& value, const Ui& ui) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) ImGui::SameLine();
    const bool chosen = value == static_cast<int>(i);
    const std::string id = fmt::format("{}-{}", id_prefix, i);
    const gui::ButtonLook look = chosen ? gui::ButtonLook{gui::theme::kPour, ImVec4(1, 1, 1, 1)}
                                        : gui::ButtonLook{gui::theme::kIdleButton, gui::theme::kText};
    const float w = gui::text_width(ui.fonts.body, labels[i]) + 32 * ui.scale;
    if (gui::touch_button(id.c_str(), labels[i], ImVec2(w, 40 * ui.scale), look, true, ui.fonts.body, ui.fonts.body))
      value = static_cast<int>(i);
  }
}

void draw_open_form(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  // The item: the chosen one, else the next not yet voted.
  std::vector<const Item*> votable;
  for (const Item& i : session.agenda())
    if (!session.ballot(i.id)) votable.push_back(&i);
  if (votable.empty()) {
    note(tr(lang, "Aucun point à mettre aux voix : ajoutez-en dans l'onglet Ordre du jour.",
            "No item left to put to the vote: add some in the Agenda tab."));
    return;
  }
  if (s.ballot_item.empty() || !session.item(s.ballot_item) || session.ballot(s.ballot_item)) s.ballot_item = votable.front()->id;
  heading(tr(lang, "Ouvrir un vote", "Open a ballot"), ui);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(lang, "Point", "Item"));
  ImGui::SameLine();
  const Item* chosen = session.item(s.ballot_item);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::BeginCombo("##item", fmt::format("{}  {}", chosen->id, chosen->title).c_str())) {
    for (const Item* i : votable)
      if (ImGui::Selectable(fmt::format("{}  {}", i->id, i->title).c_str(), i->id == s.ballot_item)) s.ballot_item = i->id;
    ImGui::EndCombo();
  }
  for (const Item* i : votable)  // tests choose the item by id, as a tap would
    if (gui::script_step("item-" + i->id)) {
      s.ballot_item = i->id;
      gui::script_advance();
    }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(lang, "Mode", "Mode"));
  ImGui::SameLine();
  choice_group("mode", {mode_word(BallotMode::Public, lang), mode_word(BallotMode::Nominal, lang), mode_word(BallotMode::Secret, lang)},
               s.ballot_mode, ui);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(lang, "Majorité", "Majority"));
  ImGui::SameLine();
  choice_group("majority", {tr(lang, "celle des règles", "the rules'"), tr(lang, "deux tiers", "two thirds"),
                            tr(lang, "trois cinquièmes", "three fifths")},
               s.majority, ui);
  const bool secret = s.ballot_mode == 2;
  int change = s.allow_change && !secret ? 0 : 1;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(lang, "Changement de vote", "Changing a vote"));
  ImGui::SameLine();
  choice_group("change", {tr(lang, "permis", "allowed"), tr(lang, "interdit", "not allowed")}, change, ui);
  s.allow_change = change == 0 && !secret;
  if (secret) note(tr(lang, "Un vote secret ne se modifie jamais.", "A secret vote can never be changed."));
  const AttendanceSnapshot a = session.attendance_for(s.ballot_item);
  note(fmt::format(fmt::runtime(tr(lang, "Voix attendues : {} présents, {} représentés ; {} ne prennent pas part (intérêt).",
                                   "Voices expected: {} present, {} represented; {} take no part (interest).")),
                   a.present_titulars.size() + a.sitting_substitutes.size() - std::min(a.interested.size(), a.present_titulars.size() + a.sitting_substitutes.size()),
                   a.represented.size(), a.interested.size()));
  const bool can_open = quorum_met(session);
  if (!can_open) note(tr(lang, "Le quorum n'est pas atteint : le vote ne peut pas s'ouvrir.", "The quorum is not met: the ballot cannot open."),
                      gui::theme::kContre);
  if (button("open-ballot", tr(lang, "Ouvrir le vote", "Open the ballot"), ui, can_open)) {
    Intent i;
    auto* o = i.command.mutable_open_ballot();
    o->set_item(s.ballot_item);
    o->set_mode(s.ballot_mode == 1 ? pb::NOMINAL : secret ? pb::SECRET : pb::PUBLIC);
    o->set_allow_change(s.allow_change);
    if (s.majority == 1) o->mutable_qualified_majority()->set_num(2), o->mutable_qualified_majority()->set_den(3);
    if (s.majority == 2) o->mutable_qualified_majority()->set_num(3), o->mutable_qualified_majority()->set_den(5);
    i.what = fmt::format(fmt::runtime(tr(lang, "Vote ouvert sur le point {}.", "Ballot open on item {}.")), s.ballot_item);
    out.push_back(std::move(i));
  }
}

void draw_board(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui, const Ballot& b) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  const auto board = client::voice_board(session, b.item);
  if (!board) return;
  const Item* item = session.item(b.item);
  heading(fmt::format("{}  {}", b.item, item ? item->title : ""), ui);
  note(fmt::format(fmt::runtime(tr(lang, "Vote {} — {} voté · {} pas encore · {} ne prennent pas part",
                                   "Ballot {} — {} voted · {} not yet · {} not taking part")),
                   mode_word(b.mode, lang), board->voted.size(), board->not_yet.size(), board->not_taking_part.size()),
       gui::theme::kText);
  if (board->secret)
    note(tr(lang, "Vote secret : seul « qui a voté » est affiché, jamais le choix.",
            "Secret ballot: only who has voted is shown, never the choice."));
  // Three columns: voted, not yet, not taking part.
  const float h = ImGui::GetContentRegionAvail().y - 140 * ui.scale;
  if (ImGui::BeginTable("board", 3, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY, ImVec2(0, std::max(h, 120 * ui.scale)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(fmt::format(fmt::runtime(tr(lang, "A voté ({})", "Voted ({})")), board->voted.size()).c_str());
    ImGui::TableSetupColumn(fmt::format(fmt::runtime(tr(lang, "Pas encore ({})", "Not yet ({})")), board->not_yet.size()).c_str());
    ImGui::TableSetupColumn(fmt::format(fmt::runtime(tr(lang, "Ne prend pas part ({})", "Not taking part ({})")),
                                        board->not_taking_part.size()).c_str());
    ImGui::TableHeadersRow();
    const std::size_t rows = std::max({board->voted.size(), board->not_yet.size(), board->not_taking_part.size()});
    for (std::size_t r = 0; r < rows; ++r) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (r < board->voted.size()) {
        const auto& l = board->voted[r];
        ImGui::PushStyleColor(ImGuiCol_Text, l.choice ? gui::theme::of(static_cast<pb::Choice>(static_cast<int>(*l.choice)))
                                                      : gui::theme::kText);
        ImGui::TextWrapped("%s", voice_line(session, l, board->secret, lang).c_str());
        ImGui::PopStyleColor();
      }
      ImGui::TableNextColumn();
      if (r < board->not_yet.size()) {
        const auto& l = board->not_yet[r];
        const bool chosen = s.clerk_voice == l.voice;
        if (ImGui::Selectable((voice_line(session, l, true, lang) + "##" + l.voice).c_str(), chosen))
          s.clerk_voice = l.voice;
        if (gui::script_step("pick-voice-" + l.voice)) {
          s.clerk_voice = l.voice;
          gui::script_advance();
        }
      }
      ImGui::TableNextColumn();
      if (r < board->not_taking_part.size()) ImGui::TextDisabled("%s", member_name(session, board->not_taking_part[r]).c_str());
    }
    ImGui::EndTable();
  }
  if (b.closed) return;
  // A vote entered by the clerk, for the voice chosen in "not yet".
  const bool picked = !s.clerk_voice.empty() && b.voices.contains(s.clerk_voice);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(picked ? fmt::format(fmt::runtime(tr(lang, "Saisie pour {} (tablette en panne) :", "Entry for {} (tablet failed):")),
                                              member_name(session, s.clerk_voice)).c_str()
                                : tr(lang, "Tablette en panne : touchez un nom dans « Pas encore », puis son choix.",
                                     "Tablet failed: tap a name under \"Not yet\", then its choice."));
  if (picked) {
    for (Choice c : {Choice::Pour, Choice::Contre, Choice::Abstention, Choice::NotTakingPart}) {
      ImGui::SameLine();
      const std::string id = fmt::format("clerk-vote-{}", static_cast<int>(c));
      if (button(id.c_str(), choice_word(c, lang), ui)) {
        Intent i;
        auto* v = i.command.mutable_cast_vote();
        v->set_item(b.item);
        v->set_voice(s.clerk_voice);
        v->set_choice(static_cast<pb::Choice>(static_cast<int>(c)));
        v->set_by_clerk(true);
        i.what = fmt::format(fmt::runtime(tr(lang, "Vote de {} saisi par le secrétariat (mentionné au registre).",
                                             "Vote of {} entered by the clerk (noted in the record).")),
                             member_name(session, s.clerk_voice));
        out.push_back(std::move(i));
        s.clerk_voice.clear();
      }
    }
  }
  // Close (with the confirmation) or cancel.
  if (!s.confirm_close && !s.confirm_cancel) {
    if (button("close-ballot", tr(lang, "Clôturer le vote…", "Close the ballot…"), ui)) s.confirm_close = true;
    ImGui::SameLine();
    if (danger_button("cancel-ballot", tr(lang, "Annuler ce vote…", "Cancel this ballot…"), ui)) s.confirm_cancel = true;
  }
}

void draw_close_confirmation(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui, const Ballot& b) {
  const Lang lang = s.lang;
  ImGui::OpenPopup("confirm-close");
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x * 0.6f, 0));
  if (ImGui::BeginPopupModal("confirm-close", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    heading(fmt::format(fmt::runtime(tr(lang, "Clôturer le vote sur le point {} ?", "Close the ballot on item {}?")), b.item), ui);
    const auto lines = close_confirmation(feed.session, b.item, lang);
    ImGui::BeginChild("not-voted", ImVec2(0, std::min(260 * ui.scale, (static_cast<float>(lines.size()) + 1) * ImGui::GetTextLineHeightWithSpacing())));
    for (const auto& l : lines) gui::wrapped(l);
    ImGui::EndChild();
    if (button("confirm-close", tr(lang, "Oui, clôturer", "Yes, close"), ui)) {
      Intent i;
      i.command.mutable_close_ballot()->set_item(b.item);
      i.what = fmt::format(fmt::runtime(tr(lang, "Vote clos sur le point {}.", "Ballot closed on item {}.")), b.item);
      out.push_back(std::move(i));
      s.confirm_close = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (button("keep-open", tr(lang, "Non, laisser ouvert", "No, keep it open"), ui)) {
      s.confirm_close = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void draw_cancel_confirmation(ViewState& s, std::vector<Intent>& out, const Ui& ui, const Ballot& b) {
  const Lang lang = s.lang;
  heading(fmt::format(fmt::runtime(tr(lang, "Annuler le vote sur le point {} ?", "Cancel the ballot on item {}?")), b.item), ui);
  note(tr(lang, "Un vote ouvert par erreur est mis de côté (consigné au journal) : ce n'est pas une délibération, le point pourra être remis aux voix.",
          "A ballot opened by mistake is put aside (journalled): it is no deliberation, and the item can be put to the vote again."));
  text_field("cancel-reason", tr(lang, "Motif (obligatoire)", "Reason (required)"), s.cancel_reason, ui);
  const bool has_reason = s.cancel_reason.find_first_not_of(" ") != std::string::npos;
  if (danger_button("confirm-cancel", tr(lang, "Oui, annuler ce vote", "Yes, cancel this ballot"), ui, has_reason)) {
    Intent i;
    i.command.mutable_cancel_ballot()->set_item(b.item);
    i.command.mutable_cancel_ballot()->set_reason(s.cancel_reason);
    i.what = fmt::format(fmt::runtime(tr(lang, "Vote sur le point {} annulé.", "Ballot on item {} cancelled.")), b.item);
    out.push_back(std::move(i));
    s.confirm_cancel = false;
    s.cancel_reason.clear();
  }
  ImGui::SameLine();
  if (button("keep-ballot", tr(lang, "Non, garder le vote", "No, keep the ballot"), ui)) s.confirm_cancel = false;
}

}  // namespace

void draw_ballot(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  if (!session.configured()) {
    note(tr(lang, "Configurez d'abord la séance.", "Configure the session first."));
    return;
  }
  if (const Ballot* open = session.open_ballot()) {
    if (s.confirm_cancel) return draw_cancel_confirmation(s, out, ui, *open);
    draw_board(feed, s, out, ui, *open);
    if (s.confirm_close) draw_close_confirmation(feed, s, out, ui, *open);
    return;
  }
  s.confirm_close = s.confirm_cancel = false;
  // The last result, as the record prints it, above the form for the next ballot.
  if (const ItemId last = ballot_item(session); !last.empty()) {
    if (const std::string result = result_as_recorded(session, feed.journal, last); !result.empty()) {
      const Ballot* b = session.ballot(last);
      heading(fmt::format(fmt::runtime(tr(lang, "Résultat du point {} : {}", "Result of item {}: {}")), last,
                          b->outcome.adopted ? tr(lang, "adopté", "adopted") : tr(lang, "rejeté", "rejected")),
              ui);
      ImGui::BeginChild("result", ImVec2(0, 190 * ui.scale), true);
      gui::wrapped(result);
      ImGui::EndChild();
    }
  }
  draw_open_form(feed, s, out, ui);
}

}  // namespace scrutin::clerk
