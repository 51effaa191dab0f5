#include "client/loadgen/proc.hpp"

#include "client/lib/process.hpp"

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
  std::vector<std::string> args = {"--data", s.data_dir, "--listen", "127.0.0.1", "--port", "0",
                                   "--clerk-passphrase-file", pass_file,
                                   // every simulated tablet comes from 127.0.0.1
                                   "--max-connections-per-address", "1000000"};
  if (threads > 0) {
    args.push_back("--threads");
    args.push_back(std::to_string(threads));
  }
  args.insert(args.begin(), binary);
  try {
    s.pid = process::start(args, s.log);
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
  int status = 0;
  const auto ready = process::wait_ready(
      s.pid, [&] { return std::filesystem::exists(s.data_dir + "/endpoint"); },
      std::chrono::milliseconds(static_cast<long>(timeout_s * 1000)), status);
  if (ready == process::Ready::Yes) return s;
  if (ready == process::Ready::Exited) {
    std::ifstream log(s.log);
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    error = fmt::format("{} exited before listening (status {}); its log:\n{}", binary, status, text);
    return std::nullopt;
  }
  process::kill9(s.pid);
  error = fmt::format("{} did not write {}/endpoint within {} s (log: {})", binary, s.data_dir, timeout_s, s.log);
  return std::nullopt;
}

void stop_server(SpawnedServer& s, bool keep) {
  if (s.pid > 0) {
    process::stop(s.pid, std::chrono::seconds(10));
    s.pid = -1;
  }
  if (!keep && !s.data_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(s.data_dir).parent_path(), ec);
  }
}

}  // namespace scrutin::loadgen
