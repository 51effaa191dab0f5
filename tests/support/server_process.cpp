#include "support/server_process.hpp"

#include "client/lib/process.hpp"

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef SCRUTIN_SERVER_BINARY
#error "SCRUTIN_SERVER_BINARY must name the scrutin-server executable"
#endif

namespace scrutin::testing {

namespace fs = std::filesystem;

std::string make_temp_dir() {
  std::string templ = (fs::temp_directory_path() / "scrutin-test-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("make_temp_dir: mkdtemp failed");
  return templ;
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string tail(const std::string& text, std::size_t n = 2000) {
  return text.size() <= n ? text : text.substr(text.size() - n);
}

}  // namespace

ServerProcess::ServerProcess(std::string dir) : data_dir(std::move(dir)), passphrase("test-passphrase-123") {}

ServerProcess::~ServerProcess() {
  if (running()) kill9();
}

std::string ServerProcess::log_path() const { return data_dir + ".log"; }

void ServerProcess::start() {
  if (running()) throw std::runtime_error("ServerProcess::start: already running");
  fs::create_directories(data_dir);
  const std::string endpoint = data_dir + "/endpoint";
  std::error_code ec;
  fs::remove(endpoint, ec);  // a stale one from a killed server
  const std::string pass_file = data_dir + ".passphrase";
  std::ofstream(pass_file) << passphrase << "\n";

  std::vector<std::string> args = {SCRUTIN_SERVER_BINARY, "--data", data_dir, "--listen", "127.0.0.1", "--port", "0",
                                   "--clerk-passphrase-file", pass_file};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  const std::string log = log_path();
  pid_ = process::start(args, log);

  // The server writes the endpoint file atomically once it listens.
  auto listening = [&] {
    if (!fs::exists(endpoint)) return false;
    std::istringstream in(read_file(endpoint));
    std::string h, fp;
    int p = 0;
    if (!(in >> h >> p >> fp) || p <= 0 || fp.size() != 64) return false;
    host = h;
    port = p;
    fingerprint = fp;
    return true;
  };
  int status = 0;
  switch (process::wait_ready(pid_, listening, std::chrono::seconds(20), status)) {
    case process::Ready::Yes: return;
    case process::Ready::Exited:
      pid_ = -1;
      throw std::runtime_error("scrutin-server exited before listening:\n" + tail(read_file(log)));
    case process::Ready::TimedOut: break;
  }
  kill9();
  throw std::runtime_error("scrutin-server did not listen within 20 s:\n" + tail(read_file(log)));
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  process::kill9(pid_);
  pid_ = -1;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  const int status = process::stop(pid_, std::chrono::seconds(30));  // bounded: a server that does not stop is killed
  pid_ = -1;
  return status;
}

bool ServerProcess::running() const {
  if (pid_ <= 0) return false;
  if (!process::exited(pid_)) return true;
  pid_ = -1;  // reaped (or gone): never signal a pid that may have been reused
  return false;
}

std::string ServerProcess::display_token() const {
  std::string t = read_file(data_dir + "/display.token");
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  return t;
}

}  // namespace scrutin::testing
