#include "client/loadgen/proc.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

namespace scrutin::loadgen {

ProcStats read_proc_stats(pid_t pid) {
  ProcStats s;
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  if (!status) return s;
  std::string line;
  while (std::getline(status, line)) {
    auto kib = [&](const char* key) -> std::optional<double> {
      if (line.rfind(key, 0) != 0) return std::nullopt;
      return std::stod(line.substr(std::string(key).size())) / 1024.0;
    };
    if (auto v = kib("VmRSS:")) s.rss_mib = *v;
    if (auto v = kib("VmHWM:")) s.hwm_mib = *v;
    if (line.rfind("Threads:", 0) == 0) s.threads = std::stoi(line.substr(8));
  }
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return s;
  std::istringstream rest(text.substr(close + 2));
  std::vector<std::string> f;
  for (std::string w; rest >> w;) f.push_back(w);
  // rest starts at field 3 (state); utime is field 14, stime 15.
  if (f.size() < 13) return s;
  const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
  s.cpu_s = (std::stod(f[11]) + std::stod(f[12])) / tick;
  s.ok = true;
  return s;
}

std::optional<pid_t> pid_listening_on(int port) {
  std::vector<std::string> inodes;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream l(line);
      std::string sl, local, remote, st, queues, tr, retr, uid, timeout, inode;
      l >> sl >> local >> remote >> st >> queues >> tr >> retr >> uid >> timeout >> inode;
      if (st != "0A") continue;  // LISTEN
      const auto colon = local.rfind(':');
      if (colon == std::string::npos) continue;
      if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) inodes.push_back(fmt::format("socket:[{}]", inode));
    }
  }
  if (inodes.empty()) return std::nullopt;
  const pid_t self = ::getpid();
  std::error_code ec;
  for (const auto& proc : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = proc.path().filename();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    if (pid == self) continue;
    std::error_code ec2;
    for (const auto& fd : std::filesystem::directory_iterator(proc.path() / "fd", ec2)) {
      std::error_code ec3;
      const auto target = std::filesystem::read_symlink(fd.path(), ec3);
      if (ec3) continue;
      for (const auto& i : inodes)
        if (target == i) return pid;
    }
  }
  return std::nullopt;
}

long raise_fd_limit() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return -1;
  if (r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
  }
  return static_cast<long>(r.rlim_cur);
}

std::optional<SpawnedServer> spawn_server(const std::string& binary, int threads, double timeout_s,
                                          std::string& error) {
  SpawnedServer s;
  char templ[] = "/tmp/scrutin-loadgen-XXXXXX";
  if (!::mkdtemp(templ)) {
    error = "cannot make a temporary data folder in /tmp";
    return std::nullopt;
  }
  const std::string base = templ;
  s.data_dir = base + "/data";
  s.log = base + "/server.log";
  std::random_device rd;
  s.passphrase = fmt::format("loadgen-{:08x}{:08x}", rd(), rd());
  const std::string pass_file = base + "/passphrase";
  {
    std::ofstream out(pass_file);
    out << s.passphrase << "\n";
  }
  ::chmod(pass_file.c_str(), 0600);
  std::vector<std::string> args = {binary, "--data", s.data_dir, "--listen", "127.0.0.1", "--port", "0",
                                   "--clerk-passphrase-file", pass_file,
                                   // every simulated tablet comes from 127.0.0.1
                                   "--max-connections-per-address", "1000000"};
  if (threads > 0) {
    args.push_back("--threads");
    args.push_back(std::to_string(threads));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    error = "fork failed";
    return std::nullopt;
  }
  if (pid == 0) {
    const int fd = ::open(s.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  s.pid = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(s.data_dir + "/endpoint")) return s;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      std::ifstream log(s.log);
      std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
      error = fmt::format("{} exited before listening (status {}); its log:\n{}", binary, status, text);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  error = fmt::format("{} did not write {}/endpoint within {} s (log: {})", binary, s.data_dir, timeout_s, s.log);
  return std::nullopt;
}

void stop_server(SpawnedServer& s, bool keep) {
  if (s.pid > 0) {
    ::kill(s.pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(s.pid, &status, WNOHANG) == s.pid) {
        s.pid = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (s.pid > 0) {
      ::kill(s.pid, SIGKILL);
      ::waitpid(s.pid, &status, 0);
      s.pid = -1;
    }
  }
  if (!keep && !s.data_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(s.data_dir).parent_path(), ec);
  }
}

}  // namespace scrutin::loadgen
