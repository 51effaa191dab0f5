// Proxies: the list, with whether each is exercised on the next vote and why
// not (holder away, interest declared); give one with a picker (who gives, who
// holds) and revoke. A refusal is the rule's sentence (clerk_model.cpp).
#include <fmt/format.h>
#include <imgui.h>

#include "clerk/views.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"

namespace scrutin::clerk {

namespace {

// A list of titulars to pick from, filtered by the search; tests pick by id ("mandant-M05").
void picker(const char* id, const char* title, const Session& session, const std::string& search, std::string& chosen,
            float height, const Ui& ui) {
  ImGui::BeginChild(id, ImVec2(0, height), true);
  ImGui::TextUnformatted(title);
  ImGui::Separator();
  for (const Member& m : session.roster()) {
    if (m.kind != MemberKind::Titular) continue;
    if (gui::script_step(std::string(id) + "-" + m.id)) {
      chosen = m.id;
      gui::script_advance();
    }
    if (!matches(m.name, search) && !matches(m.id, search)) continue;
    if (ImGui::Selectable(fmt::format("{}  ({})##{}", m.name, m.id, id).c_str(), chosen == m.id)) chosen = m.id;
  }
  (void)ui;
  ImGui::EndChild();
}

}  // namespace

void draw_proxies(const Feed& feed, ViewState& s, std::vector<Intent>& out, const Ui& ui) {
  const Lang lang = s.lang;
  const Session& session = feed.session;
  const auto lines = client::proxy_lines(session);
  const ItemId next = client::next_item(session);
  heading(fmt::format(fmt::runtime(tr(lang, "Pouvoirs enregistrés ({})", "Proxies registered ({})")), lines.size()), ui);
  if (!next.empty())
    note(fmt::format(fmt::runtime(tr(lang, "État pour le point {} (le prochain vote).", "State for item {} (the next vote).")), next));
  const float list_h = ImGui::GetContentRegionAvail().y * 0.42f;
  if (ImGui::BeginTable("proxies", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY, ImVec2(0, list_h))) {
    ImGui::TableSetupColumn(tr(lang, "Pouvoir", "Proxy"), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(tr(lang, "État", "State"), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 150 * ui.scale);
    ImGui::TableHeadersRow();
    for (const auto& l : lines) {
      ImGui::TableNextRow(0, 44 * ui.scale);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(fmt::format(fmt::runtime(tr(lang, "{} donne pouvoir à {}", "{} gives proxy to {}")),
                                         member_name(session, l.proxy.mandant), member_name(session, l.proxy.holder)).c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(l.state == client::ProxyState::Exercised ? gui::theme::kOnline : gui::theme::kContre, "%s",
                         proxy_state_sentence(l.state, lang).c_str());
      ImGui::TableNextColumn();
      const std::string id = "revoke-" + l.proxy.mandant;
      if (danger_button(id.c_str(), tr(lang, "Révoquer", "Revoke"), ui, true, 140 * ui.scale)) {
        Intent i;
        i.command.mutable_revoke_proxy()->set_mandant(l.proxy.mandant);
        i.what = fmt::format(fmt::runtime(tr(lang, "Pouvoir de {} révoqué.", "Proxy of {} revoked.")), member_name(session, l.proxy.mandant));
        out.push_back(std::move(i));
      }
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  heading(tr(lang, "Donner un pouvoir", "Give a proxy"), ui);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(lang, "Rechercher", "Search"));
  ImGui::SameLine();
  text_field("proxy-search", "", s.proxy_search, ui, 300 * ui.scale);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  const float h = ImGui::GetContentRegionAvail().y - 56 * ui.scale;
  ImGui::BeginChild("pickers", ImVec2(0, h));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(half);
  ImGui::BeginChild("left", ImVec2(half, h));
  picker("mandant", tr(lang, "Qui donne pouvoir (absent)", "Who gives the proxy (away)"), session, s.proxy_search, s.proxy_mandant,
         h - 8, ui);
  ImGui::EndChild();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginChild("right", ImVec2(half, h));
  picker("holder", tr(lang, "Qui le détient", "Who holds it"), session, s.proxy_search, s.proxy_holder, h - 8, ui);
  ImGui::EndChild();
  ImGui::EndChild();
  const bool ready = !s.proxy_mandant.empty() && !s.proxy_holder.empty();
  const std::string label = ready ? fmt::format(fmt::runtime(tr(lang, "Enregistrer : {} donne pouvoir à {}", "Register: {} gives proxy to {}")),
                                                member_name(session, s.proxy_mandant), member_name(session, s.proxy_holder))
                                  : tr(lang, "Choisissez qui donne et qui détient le pouvoir", "Choose who gives and who holds the proxy");
  if (button("give-proxy", label, ui, ready)) {
    Intent i;
    auto* p = i.command.mutable_register_proxy()->mutable_proxy();
    p->set_mandant(s.proxy_mandant);
    p->set_holder(s.proxy_holder);
    p->set_sessions(1);
    i.what = fmt::format(fmt::runtime(tr(lang, "Pouvoir enregistré : {} à {}.", "Proxy registered: {} to {}.")),
                         member_name(session, s.proxy_mandant), member_name(session, s.proxy_holder));
    out.push_back(std::move(i));
    s.proxy_mandant.clear();
    s.proxy_holder.clear();
  }
}

}  // namespace scrutin::clerk
