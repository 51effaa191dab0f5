// scrutin-display: the president's projector, full screen, read-only.
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <tuple>

#include "display/room_view.hpp"
#include "gui/options.hpp"

namespace {

const char* const kUsage =
    "usage: scrutin-display [options]\n"
    "The projector: item under vote, quorum, live count and result.\n"
    "  --data DIR          the server's data folder on this machine (endpoint and display token)\n"
    "  --server HOST:PORT  the server, with --fingerprint HEX (its certificate's SHA-256)\n"
    "  --token TOKEN       the display token (default: read from DIR/display.token)\n"
    "  --view-json FILE    show a RoomView read from FILE (protobuf JSON), without a server\n"
    "  --windowed          a 1280x800 window instead of full screen\n"
    "  --scale S           interface scale (default: the monitor's)\n"
    "  --english           English labels\n"
    "  --screenshot F.png  write a screenshot after --frames frames, then quit\n"
    "  --frames N          quit after N frames\n"
    "  --help";

}  // namespace

int main(int argc, char** argv) {
  scrutin::gui::CommonOptions o;
  o.app.title = "Scrutin — écran";
  o.app.fullscreen = true;
  o.app.scale = 0;  // the monitor's
  std::string token;
  const int parsed = scrutin::gui::parse_options(argc, argv, kUsage, o, [&](const std::string& a, const auto& value) {
    if (a != "--token") return false;
    token = value();
    return true;
  });
  if (parsed >= 0) return parsed;
  const auto& server = o.server;
  auto& app = o.app;
  scrutin::display::ViewState state;
  state.english = o.english;
  scrutin::pb::RoomView room;
  if (!o.view_json.empty()) {
    if (!scrutin::gui::load_json(o.view_json, room)) return 2;
    state.connected = true;
  }
  // Network: the client library keeps itself connected on its own thread; the
  // newest RoomView and connection state are picked up once per frame.
  std::unique_ptr<scrutin::client::Client> client;
  scrutin::gui::Latest<scrutin::pb::RoomView> latest_room;
  scrutin::gui::Latest<std::pair<bool, std::string>> latest_state;
  if (o.view_json.empty()) {
    auto resolve = scrutin::gui::make_resolver(server);
    if (!resolve) {
      std::fprintf(stderr, "error: %s\n", resolve.error().c_str());
      return 2;
    }
    if (token.empty() && !server.data.empty()) {
      std::ifstream in(server.data + "/display.token");
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
    client->on_state([&](scrutin::client::State s, const std::string& detail) {
      const bool up = s == scrutin::client::State::Ready;
      latest_state.put({up, up ? std::string() : (state.english ? "Connecting to the server… " : "Connexion au serveur… ") + detail});
    });
    (void)client->start(std::chrono::milliseconds(0));  // starts the network thread; does not wait
  }
  const int status = scrutin::gui::run(app, [&](const scrutin::gui::Fonts& fonts, float scale) {
    if (auto r = latest_room.take()) room = std::move(*r);
    if (auto s = latest_state.take()) std::tie(state.connected, state.status_line) = *s;
    scrutin::display::draw_room(room, state, fonts, scale);
  });
  if (client) client->close();
  return status;
}
