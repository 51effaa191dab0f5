// scrutin-display: the president's projector, full screen, read-only.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <memory>
#include <string>
#include <tuple>

#include <google/protobuf/util/json_util.h>

#include "display/room_view.hpp"
#include "gui/connect.hpp"

namespace {

void usage() {
  std::puts(
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
      "  --help");
}

}  // namespace

int main(int argc, char** argv) {
  scrutin::gui::AppOptions app;
  app.title = "Scrutin — écran";
  app.fullscreen = true;
  app.scale = 0;
  std::string view_json, token;
  scrutin::gui::ServerOptions server;
  scrutin::display::ViewState state;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "error: %s needs a value (see --help)\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") return usage(), 0;
    else if (a == "--view-json") view_json = value();
    else if (a == "--data") server.data = value();
    else if (a == "--server") server.server = value();
    else if (a == "--fingerprint") server.fingerprint = value();
    else if (a == "--token") token = value();
    else if (a == "--windowed") app.fullscreen = false;
    else if (a == "--scale") app.scale = std::stof(value());
    else if (a == "--english") state.english = true;
    else if (a == "--screenshot") app.screenshot = value();
    else if (a == "--frames") app.frames = std::stoi(value());
    else {
      std::fprintf(stderr, "error: unknown option %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  scrutin::pb::RoomView room;
  if (!view_json.empty()) {
    std::ifstream in(view_json);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || !google::protobuf::util::JsonStringToMessage(text.str(), &room).ok()) {
      std::fprintf(stderr, "error: %s is not a RoomView in protobuf JSON\n", view_json.c_str());
      return 2;
    }
    state.connected = true;
  }
  // Network: the client library keeps itself connected on its own thread; the
  // newest RoomView and connection state are picked up once per frame.
  std::unique_ptr<scrutin::client::Client> client;
  scrutin::gui::Latest<scrutin::pb::RoomView> latest_room;
  scrutin::gui::Latest<std::pair<bool, std::string>> latest_state;
  if (view_json.empty()) {
    if (!server.given()) {
      std::fprintf(stderr, "error: which server? give --data DIR, or --server HOST:PORT --fingerprint HEX (see --help)\n");
      return 2;
    }
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
