// scrutinctl: argument parsing, help, connection and the dispatch over the
// table of subcommands (ctl.hpp). The subcommands live in the other files.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <google/protobuf/util/json_util.h>

#include "client/ctl/ctl.hpp"

namespace scrutin::ctl {

std::vector<Subcommand>& registry() {
  static std::vector<Subcommand> table;
  return table;
}

std::vector<Option> connection_options() {
  return {
      {"server", "HOST:PORT", "the server (with --fingerprint); or SCRUTIN_SERVER"},
      {"fingerprint", "HEX", "the server certificate's SHA-256 fingerprint, as the server printed it; or SCRUTIN_FINGERPRINT"},
      {"data", "DIR", "the server's data folder on this machine: reads DIR/endpoint (host, port, fingerprint); or SCRUTIN_DATA"},
      {"passphrase-file", "FILE", "the clerk passphrase (first line of FILE); or SCRUTIN_PASSPHRASE"},
      {"timeout", "SECONDS", "how long to wait for the server (default 30)"},
      {"help", "", "this help"},
  };
}

std::optional<std::string> Context::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}
std::string Context::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

int fail(const std::string& reason) {
  std::fprintf(stderr, "scrutinctl: %s\n", reason.c_str());
  return kFailed;
}
int exit_status(client::Code code) {
  switch (code) {
    case client::Code::BadInput: return kUsage;
    case client::Code::Unreachable:
    case client::Code::WrongServer: return kUnreachable;
    case client::Code::Uncertain: return kUncertain;
    default: return kFailed;
  }
}
int fail(const client::Error& error) {
  std::fprintf(stderr, "scrutinctl: %s\n", error.sentence.c_str());
  return exit_status(error.code);
}
int usage(const std::string& reason) {
  std::fprintf(stderr, "scrutinctl: %s\n", reason.c_str());
  return kUsage;
}
int ok(const std::string& line) {
  std::fprintf(stdout, "%s\n", line.c_str());
  return kOk;
}

std::expected<std::string, std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(fmt::format("cannot read {}", path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::expected<void, std::string> write_file(const std::string& path, const std::string& content, bool private_file) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, private_file ? 0600 : 0644);
  if (fd < 0) return std::unexpected(fmt::format("cannot write {}", path));
  std::size_t done = 0;
  while (done < content.size()) {
    const auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) {
      ::close(fd);
      return std::unexpected(fmt::format("cannot write {}", path));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return std::unexpected(fmt::format("cannot write {}", path));
  return {};
}

std::expected<void, std::string> read_json(const std::string& path, google::protobuf::Message& message) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  google::protobuf::util::JsonParseOptions options;
  auto status = google::protobuf::util::JsonStringToMessage(*text, &message, options);
  if (!status.ok())
    return std::unexpected(fmt::format("{} is not a {} in JSON: {}", path, message.GetTypeName(),
                                       std::string(status.message())));
  return {};
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

std::expected<pb::Choice, std::string> parse_choice(const std::string& text) {
  std::string t = text;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "pour" || t == "for" || t == "yes") return pb::POUR;
  if (t == "contre" || t == "against" || t == "no") return pb::CONTRE;
  if (t == "abstention" || t == "abstain") return pb::ABSTENTION;
  if (t == "npp" || t == "not-taking-part" || t == "ne-prend-pas-part") return pb::NOT_TAKING_PART;
  return std::unexpected(fmt::format("\"{}\" is not a choice: pour, contre, abstention or npp (ne prend pas part)", text));
}

std::expected<pb::Fraction, std::string> parse_fraction(const std::string& text) {
  auto slash = text.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument(text);
    std::size_t a = 0;
    std::size_t b = 0;
    const auto num = std::stoll(text.substr(0, slash), &a);
    const auto den = std::stoll(text.substr(slash + 1), &b);
    if (a != slash || b != text.size() - slash - 1 || num <= 0 || den <= 0 || num > den) throw std::invalid_argument(text);
    pb::Fraction f;
    f.set_num(num);
    f.set_den(den);
    return f;
  } catch (...) {
    return std::unexpected(fmt::format("\"{}\" is not a fraction like 1/2 or 2/3", text));
  }
}

// ---- Connecting ------------------------------------------------------------------------

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

std::string first_line(const std::string& text) {
  auto end = text.find_first_of("\r\n");
  return end == std::string::npos ? text : text.substr(0, end);
}

// What was typed does not parse: BadInput. No endpoint file: no server runs
// on that data folder (a stopped server removes it), Unreachable.
std::expected<client::Endpoint, client::Error> endpoint_of(const Connection& c) {
  using client::Code;
  const auto server = c.server ? c.server : env("SCRUTIN_SERVER");
  const auto data = c.data ? c.data : env("SCRUTIN_DATA");
  if (server) {
    auto hp = client::parse_host_port(*server);
    if (!hp) return std::unexpected(client::error(Code::BadInput, hp.error()));
    auto fp = c.fingerprint ? c.fingerprint : env("SCRUTIN_FINGERPRINT");
    if (!fp && data) {  // the fingerprint from the data folder, the address as given
      auto e = client::read_endpoint_file(*data);
      if (!e) return std::unexpected(client::error(Code::Unreachable, e.error()));
      fp = e->fingerprint;
    }
    if (!fp) return std::unexpected(client::error(Code::BadInput, "--server needs --fingerprint HEX (the server printed it at start)"));
    auto n = client::normalize_fingerprint(*fp);
    if (!n) return std::unexpected(client::error(Code::BadInput, n.error()));
    return client::Endpoint{hp->first, hp->second, *n};
  }
  if (data) {
    auto e = client::read_endpoint_file(*data);
    if (!e) return std::unexpected(client::error(Code::Unreachable, e.error()));
    if (c.fingerprint) {
      auto n = client::normalize_fingerprint(*c.fingerprint);
      if (!n) return std::unexpected(client::error(Code::BadInput, n.error()));
      e->fingerprint = *n;
    }
    return *e;
  }
  return std::unexpected(client::error(Code::BadInput, "which server? give --server HOST:PORT --fingerprint HEX, or --data DIR"));
}

std::optional<std::string> passphrase_of(const Connection& c, std::string& error) {
  if (c.passphrase_file) {
    auto text = read_file(*c.passphrase_file);
    if (!text) {
      error = text.error();
      return std::nullopt;
    }
    return first_line(*text);
  }
  return env("SCRUTIN_PASSPHRASE");
}

std::expected<std::unique_ptr<client::Client>, client::Error> connect_as(Context& ctx, pb::Role role,
                                                                          const std::string& member,
                                                                          const std::string& secret) {
  auto endpoint = endpoint_of(ctx.connection);
  if (!endpoint) return std::unexpected(endpoint.error());
  client::Config config;
  config.endpoint = *endpoint;
  config.role = role;
  config.member_id = member;
  config.secret = secret;
  config.client_name = "scrutinctl";
  // One command, one connection: a lost connection is reported, not retried
  // (a command on the wire may or may not have been recorded).
  config.reconnect = false;
  config.attempt_timeout = ctx.timeout();
  auto c = std::make_unique<client::Client>(config);
  auto login = c->start(ctx.timeout());
  if (!login) return std::unexpected(login.error());
  return c;
}

}  // namespace

std::expected<std::unique_ptr<client::Client>, client::Error> connect_clerk(Context& ctx) {
  std::string error;
  auto pass = passphrase_of(ctx.connection, error);
  if (!pass) {
    return std::unexpected(client::error(client::Code::BadInput,
                                         error.empty() ? std::string("the clerk passphrase is needed: --passphrase-file "
                                                                     "FILE or SCRUTIN_PASSPHRASE")
                                                       : error));
  }
  return connect_as(ctx, pb::CLERK, "", *pass);
}

std::expected<std::unique_ptr<client::Client>, client::Error> connect_delegate(Context& ctx, const std::string& member,
                                                                                const std::string& pin) {
  return connect_as(ctx, pb::DELEGATE, member, pin);
}

std::expected<std::unique_ptr<client::Client>, client::Error> connect_reader(Context& ctx) {
  std::string error;
  if (auto pass = passphrase_of(ctx.connection, error)) return connect_as(ctx, pb::CLERK, "", *pass);
  if (!error.empty()) return std::unexpected(client::error(client::Code::BadInput, error));
  const auto data = ctx.connection.data ? ctx.connection.data : env("SCRUTIN_DATA");
  if (data) {
    if (auto token = read_file(*data + "/display.token")) return connect_as(ctx, pb::DISPLAY, "", first_line(*token));
  }
  return std::unexpected(client::error(
      client::Code::BadInput,
      "reading the session needs the clerk passphrase (--passphrase-file FILE or SCRUTIN_PASSPHRASE) or the "
      "server's data folder (--data DIR, for its display token)"));
}

std::expected<pb::Done, client::Error> run_command(Context& ctx, client::Client& c, const pb::Command& command) {
  return c.command(command, ctx.timeout());
}

}  // namespace scrutin::ctl

// ---- Parsing and help ------------------------------------------------------------------------

namespace {

using namespace scrutin::ctl;

std::string option_line(const Option& o) {
  std::string left = "  --" + o.name + (o.value.empty() ? "" : " " + o.value);
  if (left.size() < 30) left.resize(30, ' ');
  else left += "  ";
  return left + o.help + "\n";
}

void print_overview() {
  std::string out =
      "usage: scrutinctl COMMAND [ARGS] [OPTIONS]\n"
      "The command-line client of the Scrutin session server: every clerk command, voting as a delegate,\n"
      "status and export. Prints one line per command; on a failure, one sentence on stderr (the server's\n"
      "reason when it refused) and the exit status says which kind:\n"
      "  0 done; 1 refused (by the server, or a check failed); 2 bad usage or input;\n"
      "  3 the server could not be reached, or is not the pinned one (nothing was sent);\n"
      "  4 sent but no answer came: it may or may not have been recorded (check with status).\n\n"
      "commands:\n";
  for (const auto& s : registry()) {
    std::string left = "  " + s.name + (s.args.empty() ? "" : " " + s.args);
    if (left.size() < 44) left.resize(44, ' ');
    else left += "\n" + std::string(44, ' ');
    out += left + s.summary + "\n";
  }
  out += "\nconnection (every command):\n";
  for (const auto& o : connection_options()) out += option_line(o);
  out += "\n`scrutinctl COMMAND --help` tells more about one command.\n";
  std::fputs(out.c_str(), stdout);
}

void print_help(const Subcommand& s) {
  std::string out = "usage: scrutinctl " + s.name + (s.args.empty() ? "" : " " + s.args) + " [OPTIONS]\n" + s.summary + "\n";
  if (!s.help.empty()) out += "\n" + s.help + "\n";
  if (!s.options.empty()) {
    out += "\noptions:\n";
    for (const auto& o : s.options) out += option_line(o);
  }
  if (s.needs_server) {
    out += "\nconnection:\n";
    for (const auto& o : connection_options()) out += option_line(o);
  }
  std::fputs(out.c_str(), stdout);
}

void print_group(const std::string& group) {
  std::string out = "commands of \"" + group + "\":\n";
  for (const auto& s : registry())
    if (s.name.rfind(group + " ", 0) == 0) out += "  scrutinctl " + s.name + " " + s.args + "\n      " + s.summary + "\n";
  out += "`scrutinctl " + group + " SUBCOMMAND --help` tells more.\n";
  std::fputs(out.c_str(), stdout);
}

// The command line as CLI11 subcommands built from the table: "ballot open" is
// the subcommand "open" of "ballot". Every value lands in the Context as text.
struct Parsed {
  const Subcommand* command = nullptr;
  CLI::App* app = nullptr;
  std::map<std::string, std::string> values;
  std::vector<std::string> args;
  bool help = false;
};

CLI::App* subcommand_for(CLI::App& root, const std::string& name, std::vector<Parsed>& leaves, std::size_t leaf) {
  CLI::App* at = &root;
  std::istringstream in(name);
  for (std::string word; in >> word;) {
    CLI::App* next = nullptr;
    for (CLI::App* sub : at->get_subcommands([](CLI::App*) { return true; }))
      if (sub->get_name() == word) next = sub;
    if (!next) {
      next = at->add_subcommand(word);
      next->set_help_flag();  // our own help, with the table's words
    }
    at = next;
  }
  Parsed& p = leaves[leaf];
  p.app = at;
  at->add_flag("-h,--help", p.help);
  auto add = [&](const Option& o) {
    if (o.value.empty()) {
      at->add_flag_callback("--" + o.name, [&p, name = o.name] { p.values[name] = ""; }, o.help);
    } else {
      at->add_option_function<std::string>(
            "--" + o.name, [&p, name = o.name](const std::string& v) { p.values[name] = v; }, o.help)
          ->type_name(o.value);
    }
  };
  for (const Option& o : p.command->options) add(o);
  for (const Option& o : connection_options()) {
    const bool own = std::ranges::any_of(p.command->options, [&](const Option& c) { return c.name == o.name; });
    if (o.name != "help" && !own) add(o);  // a command may give a connection option its own meaning (backup --data)
  }
  at->add_option("args", p.args, p.command->args);
  return at;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words_given(argv + 1, argv + argc);
  if (words_given.empty() || words_given[0] == "--help" || words_given[0] == "-h" || words_given[0] == "help") {
    print_overview();
    return words_given.empty() ? kUsage : kOk;
  }
  CLI::App app{"scrutinctl", "scrutinctl"};
  app.set_help_flag();
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last --x wins, as before
  std::vector<Parsed> leaves(registry().size());
  for (std::size_t i = 0; i < registry().size(); ++i) {
    leaves[i].command = &registry()[i];
    subcommand_for(app, registry()[i].name, leaves, i);
  }
  // A group name alone ("ballot"), or with --help: its commands.
  auto group_answer = [&](const std::string& group) {
    print_group(group);
    const bool asked = words_given.size() > 1 && (words_given[1] == "--help" || words_given[1] == "-h");
    return asked ? kOk : kUsage;
  };
  const Parsed* parsed = nullptr;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    for (const Parsed& p : leaves)
      if (p.app->parsed()) parsed = &p;
    if (parsed)
      return usage(fmt::format("{} for \"{}\"; see scrutinctl {} --help", e.what(), parsed->command->name,
                               parsed->command->name));
    if (!app.get_subcommands().empty()) return group_answer(app.get_subcommands().front()->get_name());
    return usage(fmt::format("unknown command \"{}\"; see scrutinctl --help", words_given[0]));
  }
  for (const Parsed& p : leaves)
    if (p.app->parsed()) parsed = &p;
  if (!parsed) {
    if (app.get_subcommands().empty()) return usage("unknown command; see scrutinctl --help");
    return group_answer(app.get_subcommands().front()->get_name());
  }
  const Subcommand* command = parsed->command;
  if (parsed->help) {
    print_help(*command);
    return kOk;
  }

  Context ctx;
  ctx.command = command;
  ctx.args = parsed->args;
  ctx.options = parsed->values;
  const auto n = static_cast<int>(ctx.args.size());
  if (n < command->min_args || (command->max_args >= 0 && n > command->max_args))
    return usage(fmt::format("usage: scrutinctl {} {} (see --help)", command->name, command->args));

  auto& c = ctx.connection;
  c.server = ctx.get("server");
  c.fingerprint = ctx.get("fingerprint");
  c.data = ctx.get("data");
  c.passphrase_file = ctx.get("passphrase-file");
  if (auto t = ctx.get("timeout")) {
    try {
      c.timeout_s = std::stoi(*t);
    } catch (...) {
      return usage("--timeout takes a number of seconds");
    }
    if (c.timeout_s <= 0) return usage("--timeout takes a number of seconds");
  }
  try {
    return command->run(ctx);
  } catch (const scrutin::client::Exception& e) {
    return fail(e.error);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
