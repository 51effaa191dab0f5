// scrutin-display: the president's projector, full screen, read-only.
#include <ifaddrs.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "display/views.hpp"
#include "gui/options.hpp"

namespace {

namespace gui = scrutin::gui;
namespace display = scrutin::display;

// The address tablets should use: the endpoint's host, or this machine's
// first LAN address when the server listens on every interface.
std::string lan_address(const std::string& host) {
  if (host != "0.0.0.0" && host != "::") return host;
  std::string found = host;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return found;
  for (ifaddrs* i = list; i; i = i->ifa_next)
    if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET) {
      char text[INET_ADDRSTRLEN] = {};
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(i->ifa_addr)->sin_addr, text, sizeof text);
      if (std::string(text) != "127.0.0.1") {
        found = text;
        break;
      }
    }
  freeifaddrs(list);
  return found;
}

}  // namespace

int main(int argc, char** argv) {
  gui::CommonOptions o;
  o.app.title = "Scrutin — écran";
  o.app.fullscreen = true;
  o.app.scale = 0;
  std::string token, offline_since;
  int names_page = -1;
  bool hide_live_count = false;
  const int parsed = gui::parse_options(
      argc, argv, "scrutin-display",
      "scrutin-display: the projector: the agenda between ballots, the item under vote, the votes received, the "
      "result. Full screen (--windowed: a 1280x800 window).",
      o, [&](CLI::App& app) {
        app.add_option("--token", token, "the display token (default: read from DIR/display.token)")
            ->envname("SCRUTIN_DISPLAY_TOKEN");
        app.add_flag("--hide-live-count", hide_live_count, "public ballots: show the counts only at the close");
        app.add_option("--offline-since", offline_since, "with --view-json: show it as frozen since HH:MM:SS (tests)");
        app.add_option("--names-page", names_page, "with --view-json: show this page of a nominal ballot's names (tests)");
      });
  if (parsed >= 0) return parsed;
  // Read at ten or twenty metres: the fonts are built for this screen's
  // height (figures drawn at a fifth of it: digits of 0.14 of the height),
  // narrowed on a portrait screen.
  o.app.plan = [forced = o.app.scale](int w, int h, float) {
    const float hf = static_cast<float>(h), wf = static_cast<float>(w);
    const float scale = forced > 0 ? forced : std::max(1.0f, hf / 900.0f);
    return gui::FontPlan{scale, std::min(hf * 0.032f, wf * 0.022f), std::min(hf * 0.058f, wf * 0.036f),
                         std::min(hf * 0.20f, wf * 0.13f)};
  };

  display::ViewState state;
  state.lang = o.english ? gui::Lang::En : gui::Lang::Fr;
  state.hide_live_count = hide_live_count;
  scrutin::pb::RoomView room;
  if (!o.view_json.empty()) {
    if (!gui::load_json(o.view_json, room)) return 2;
    state.connected = offline_since.empty();
    state.last_update = offline_since;
  }
  // Network: the client library keeps itself connected on its own thread; the
  // newest RoomView and connection state are picked up once per frame.
  std::unique_ptr<scrutin::client::Client> client;
  gui::Latest<scrutin::pb::RoomView> latest_room;
  gui::Latest<scrutin::client::State> latest_state;
  if (o.view_json.empty()) {
    auto resolve = gui::make_resolver(o.server);
    if (!resolve) {
      std::fprintf(stderr, "error: %s\n", resolve.error().c_str());
      return 2;
    }
    if (auto e = (*resolve)()) {
      state.server = lan_address(e->host) + ":" + std::to_string(e->port);
      state.short_code = scrutin::fingerprint_short_code(e->fingerprint);
    }
    if (token.empty() && !o.server.data.empty()) {
      std::ifstream in(o.server.data + "/display.token");
      std::getline(in, token);
    }
    if (token.empty()) {
      std::fprintf(stderr, "error: no display token: give --token, or --data DIR holding display.token\n");
      return 2;
    }
    scrutin::client::Config config;
    config.resolve = *resolve;
    config.role = scrutin::pb::DISPLAY;
    config.secret = token;
    config.client_name = "scrutin-display";
    client = std::make_unique<scrutin::client::Client>(config);
    client->on_push([&](const scrutin::pb::ServerMessage& m) {
      if (m.has_room_view()) latest_room.put(m.room_view());
    });
    client->on_state([&](scrutin::client::State s, const std::string&) { latest_state.put(s); });
    (void)client->start(std::chrono::milliseconds(0));  // starts the network thread; does not wait
  }
  const auto started = std::chrono::steady_clock::now();
  bool have_room = !o.view_json.empty();
  o.app.busy = [&] { return !have_room; };
  const int status = gui::run(o.app, [&](const gui::Fonts& fonts, float scale) {
    if (auto r = latest_room.take()) {
      room = std::move(*r);
      have_room = true;
      state.last_update = gui::clock_time(std::chrono::system_clock::now());
    }
    if (auto s = latest_state.take()) {
      state.connected = *s == scrutin::client::State::Ready;
      if (*s == scrutin::client::State::Failed) state.wrong_server = client->failure().fingerprint_mismatch;
    }
    // A closed nominal ballot: the result, then each page of names, eight seconds each.
    const int pages = display::name_pages(room);
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
    state.page = pages > 0 ? static_cast<int>((seconds / 8) % (pages + 1)) : 0;
    if (names_page >= 0) state.page = names_page;
    display::draw_room(room, state, fonts, scale);
  });
  if (client) client->close();
  return status;
}
