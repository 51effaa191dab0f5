#include "support/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

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

int wait_status(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
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
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("ServerProcess::start: fork failed");
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;

  // The server writes the endpoint file atomically once it listens.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("scrutin-server exited before listening:\n" + tail(read_file(log)));
    }
    if (fs::exists(endpoint)) {
      std::istringstream in(read_file(endpoint));
      std::string h, fp;
      int p = 0;
      if (in >> h >> p >> fp && p > 0 && fp.size() == 64) {
        host = h;
        port = p;
        fingerprint = fp;
        return;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill9();
  throw std::runtime_error("scrutin-server did not listen within 20 s:\n" + tail(read_file(log)));
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  wait_status(pid_);
  pid_ = -1;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  // Bounded: a server that does not stop within 30 s is killed.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill9();
  return 128 + SIGKILL;
}

bool ServerProcess::running() const {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == 0) return true;
  pid_ = -1;  // reaped (or gone): never signal a pid that may have been reused
  return false;
}

std::string ServerProcess::display_token() const {
  std::string t = read_file(data_dir + "/display.token");
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  return t;
}

}  // namespace scrutin::testing
