// Sign-in: the delegate chooses a name in a touch list (grouped, searchable;
// the names come from the server before login), then types the PIN on a
// keypad anchored to the bottom of the screen: its keys depend only on the
// window's size, so nothing above (a longer banner, a refusal) moves them.
#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "tablet/views.hpp"

namespace scrutin::tablet {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void draw_list(const SignInSnapshot& snap, SignInState& in, ViewState& s, const gui::Fonts& fonts, float scale,
               ImVec2 size) {
  const Lang lang = s.lang;
  ImGui::BeginChild("names", size, false);
  gui::wrapped(gui::tr(lang, "1. Touchez votre nom", "1. Tap your name"), fonts.large);
  ImGui::SetNextItemWidth(-1);
  ImGui::PushFont(fonts.body);
  ImGui::InputTextWithHint("##search", gui::tr(lang, "Rechercher un nom…", "Search a name…"), in.search,
                           sizeof in.search);
  ImGui::PopFont();
  ImGui::BeginChild("list", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  if (!snap.list_loaded) {
    gui::wrapped(s.wrong_server ? gui::tr(lang, "Pas de liste : ce serveur n'est pas celui de la salle.",
                                          "No list: this server is not the room's.")
                                : gui::tr(lang, "La liste des membres arrive du serveur…",
                                          "The list of members is coming from the server…"),
                 fonts.body);
  }
  // Grouped: by group, then by name within it (the register's order is the clerk's, not the delegate's).
  std::map<std::string, std::vector<const pb::MemberEntry*>> groups;
  const std::string needle = lower(in.search);
  for (const auto& m : snap.members)
    if (needle.empty() || lower(m.name()).find(needle) != std::string::npos) groups[m.group()].push_back(&m);
  const ImVec2 row(ImGui::GetContentRegionAvail().x, 56 * scale);
  for (auto& [group, members] : groups) {
    std::ranges::sort(members, [](auto* a, auto* b) { return a->name() < b->name(); });
    if (!group.empty()) gui::wrapped(group, fonts.body, gui::theme::kMuted);
    for (const pb::MemberEntry* m : members) {
      const bool chosen = in.selected == m->id();
      const gui::ButtonLook look = chosen ? gui::ButtonLook{gui::theme::kPour, ImVec4(1, 1, 1, 1)}
                                          : gui::ButtonLook{gui::theme::kPanel, gui::theme::kText};
      if (gui::touch_button(("member-" + m->id()).c_str(), (chosen ? "✓ " : "") + m->name(), row, look, true,
                            fonts.large, fonts.body)) {
        in.selected = m->id();
        in.pin.clear();
        s.refusal.clear();
      }
    }
  }
  gui::drag_scroll();
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace

std::optional<LoginAction> draw_sign_in(const SignInSnapshot& snap, SignInState& in, ViewState& s,
                                        const gui::Fonts& fonts, float scale) {
  const Lang lang = s.lang;
  std::optional<LoginAction> action;
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 origin = ImGui::GetCursorPos();
  const ImVec2 window = ImGui::GetWindowSize();
  const float pad = style.WindowPadding.x;
  const float width = window.x - 2 * pad;
  const bool landscape = window.x > window.y * 1.1f;

  // The keypad's place: from the window's size only.
  const float info_h = ImGui::GetFontSize() * 1.6f;  // the server line at the very bottom
  const float pad_w = landscape ? width * 0.42f : width;
  // Above the keypad, a fixed block: the chosen name, the PIN as dots, and a sentence;
  // above that, room for the top band at its tallest (a title and two lines of banner).
  const float head_h = fonts.large->FontSize * 2.2f + fonts.body->FontSize * 3.4f;
  const float band_h = fonts.large->FontSize * 3.4f + 4 * style.ItemSpacing.y + 16 * scale;
  const float key_w = std::min((pad_w - 2 * style.ItemSpacing.x) / 3, 170 * scale);
  const float rows_room = window.y - 2 * pad - info_h - head_h - band_h - style.ItemSpacing.y;
  const float key_h = std::max(std::min({key_w * 0.7f, 90 * scale, rows_room / 4 - style.ItemSpacing.y}), 48 * scale);
  const float keys_h = 4 * key_h + 3 * style.ItemSpacing.y;
  const float keys_x = landscape ? window.x - pad - (3 * key_w + 2 * style.ItemSpacing.x)
                                 : pad + (width - (3 * key_w + 2 * style.ItemSpacing.x)) / 2;
  const float keys_y = window.y - pad - info_h - keys_h;
  const float head_y = keys_y - head_h - style.ItemSpacing.y;

  const ImVec2 list_size = landscape ? ImVec2(width - pad_w - style.ItemSpacing.x * 2, window.y - origin.y - pad - info_h)
                                     : ImVec2(width, std::max(head_y - origin.y - style.ItemSpacing.y, 120 * scale));
  draw_list(snap, in, s, fonts, scale, list_size);

  const float head_x = landscape ? window.x - pad - pad_w : pad;
  ImGui::SetCursorPos(ImVec2(head_x, head_y));
  ImGui::BeginChild("pin-head", ImVec2(pad_w, head_h), false, ImGuiWindowFlags_NoScrollbar);
  std::string name;
  for (const auto& m : snap.members)
    if (m.id() == in.selected) name = m.name();
  const std::string head = name.empty() ? gui::tr(lang, "2. Puis tapez votre code", "2. Then type your PIN") : name;
  if (gui::text_width(fonts.large, head) <= pad_w) gui::fitted_line(head, pad_w, {fonts.large}, gui::theme::kText);
  else gui::wrapped(head, fonts.body);  // a long name: two lines of the smaller font
  std::string dots;
  for (std::size_t i = 0; i < in.pin.size(); ++i) dots += "● ";
  ImGui::PushFont(fonts.large);
  ImGui::Text("%s %s", gui::tr(lang, "Code :", "PIN:"), in.pin.empty() ? "—" : dots.c_str());
  ImGui::PopFont();
  std::string sentence;
  if (!s.refusal.empty()) sentence = gui::refusal_sentence(s.refusal, lang);
  else if (snap.signing_in) sentence = gui::tr(lang, "Connexion…", "Signing in…");
  else if (in.selected.empty()) sentence = gui::tr(lang, "Touchez d'abord votre nom dans la liste.", "First tap your name in the list.");
  gui::wrapped(sentence, fonts.body, s.refusal.empty() ? gui::theme::kMuted : gui::theme::kOffline);
  ImGui::EndChild();

  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
  const gui::ButtonLook plain{gui::theme::kIdleButton, gui::theme::kText};
  const gui::ButtonLook go{gui::theme::kPour, ImVec4(1, 1, 1, 1)};
  for (int i = 0; i < 12; ++i) {
    ImGui::SetCursorPos(ImVec2(keys_x + static_cast<float>(i % 3) * (key_w + style.ItemSpacing.x),
                               keys_y + static_cast<float>(i / 3) * (key_h + style.ItemSpacing.y)));
    const std::string id = fmt::format("key-{}", keys[i]);
    std::string label = keys[i];
    if (i == 9) label = gui::tr(lang, "Effacer", "Clear");
    if (i == 11) label = gui::tr(lang, "Valider", "Sign in");
    const bool enabled = !snap.signing_in && (i != 11 || (!in.selected.empty() && !in.pin.empty()));
    if (!gui::touch_button(id.c_str(), label, ImVec2(key_w, key_h), i == 11 ? go : plain, enabled,
                           i == 9 || i == 11 ? fonts.body : fonts.large, fonts.body))
      continue;
    if (i == 9) in.pin.clear();
    else if (i == 11) action = LoginAction{in.selected, in.pin};
    else if (in.pin.size() < 12) {
      in.pin += keys[i];
      s.refusal.clear();
    }
  }
  ImGui::SetCursorPos(ImVec2(pad, window.y - pad - info_h * 0.8f));
  ImGui::PushStyleColor(ImGuiCol_Text, gui::theme::kMuted);
  ImGui::TextUnformatted(fmt::format("{} {}   ·   {} {}", gui::tr(lang, "Serveur", "Server"), snap.server,
                                     gui::tr(lang, "code", "code"), snap.short_code.empty() ? "—" : snap.short_code)
                             .c_str());
  ImGui::PopStyleColor();
  return action;
}

}  // namespace scrutin::tablet
