// The command line shared by the display and the tablet: where the server is,
// the window, screenshots for tests, and an offline view read from JSON.
#pragma once

#include <functional>
#include <string>

#include <google/protobuf/message.h>

namespace CLI {
class App;
}

#include "gui/app.hpp"
#include "gui/connect.hpp"

namespace scrutin::gui {

struct CommonOptions {
  AppOptions app;
  ServerOptions server;
  std::string view_json;  // offline: show this view instead of connecting
  bool english = false;
  bool server_required = true;  // false: the tablet finds the server on the LAN without one
};

// Adds the front end's own options to its command line.
using OwnOptions = std::function<void(CLI::App& app)>;

// Parses argv (CLI11): the options both front ends share, and `own`. Returns
// -1 to go on, or the exit status: 0 after --help (the help on stdout), 2 after
// a usage error (a sentence on stderr). --data, --server and --fingerprint fall
// back on SCRUTIN_DATA, SCRUTIN_SERVER and SCRUTIN_FINGERPRINT, as in scrutinctl.
int parse_options(int argc, char** argv, const char* name, const char* description, CommonOptions& options,
                  const OwnOptions& own);

// Reads a protobuf message in JSON (the --view-json files); false with a
// sentence on stderr when it cannot.
bool load_json(const std::string& path, google::protobuf::Message& message);

}  // namespace scrutin::gui
