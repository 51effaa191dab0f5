// The command line shared by the display and the tablet: where the server is,
// the window, screenshots for tests, and an offline view read from JSON.
#pragma once

#include <functional>
#include <string>

#include <google/protobuf/message.h>

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

// Takes one option of the front end's own (`value()` reads its argument);
// returns false when it is not one of its options.
using ExtraOption = std::function<bool(const std::string& option, const std::function<std::string()>& value)>;

// Parses argv. Returns -1 to go on, or the exit status: 0 after --help
// (`usage` printed), 2 after a usage error (a sentence on stderr).
int parse_options(int argc, char** argv, const char* usage, CommonOptions& options, const ExtraOption& extra);

// Reads a protobuf message in JSON (the --view-json files); false with a
// sentence on stderr when it cannot.
bool load_json(const std::string& path, google::protobuf::Message& message);

}  // namespace scrutin::gui
