#include "server/server.hpp"

#include <openssl/ssl.h>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <malloc.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

namespace scrutin::server {

Server::Server(Options options)
    : options_(std::move(options)),
      data_(DataFolder::open(options_.data_dir, options_.passphrase_file)),
      tls_(asio::ssl::context::tls_server),
      acceptor_(io_),
      signals_(io_, SIGINT, SIGTERM) {
  Journal::Options journal_options;
  journal_options.busy_timeout_ms = options_.journal_busy_ms;
  auto journal = Journal::open(data_.journal_path(), journal_options);
  if (!journal) throw std::runtime_error(journal.error());
  journal_ = std::move(*journal);

  auto entries = journal_->load();
  if (!entries) throw std::runtime_error(entries.error());
  auto creds = journal_->load_credentials();
  if (!creds) throw std::runtime_error(creds.error());
  for (const auto& [member, hash] : *creds) credentials_.set(member, hash);
  credentials_.set_resume_key(data_.resume_key);

  auto box = journal_->load_box();
  if (!box) throw std::runtime_error(box.error());
  hub_ = std::make_unique<Hub>(io_, *journal_, credentials_);
  if (const auto& lost = journal_->rollback()) {
    spdlog::critical("journal: {}", *lost);
    hub_->set_rollback(*lost);
  }
  if (auto ok = hub_->replay(*entries, *box); !ok)
    throw std::runtime_error(ok.error() + fmt::format(" (in {}; check it with `scrutin-server verify {}`)",
                                                      data_.journal_path(), data_.journal_path()));
  spdlog::info("journal: {} events replayed, {} delegate PINs", entries->size(), credentials_.size());

  // TLS 1.3 only, with the self-signed certificate of the data folder; the
  // settings of the thin TLS socket (proto/tls_socket.hpp).
  tls::configure_server(tls_.native_handle());
  tls_.use_certificate_chain_file(data_.cert_path());
  tls_.use_private_key_file(data_.key_path(), asio::ssl::context::pem);

  secrets_.clerk = data_.clerk;
  secrets_.display_token = data_.display_token;
  secrets_.delegates = &credentials_;
  secrets_.hashing = hashing_.get_executor();
  secrets_.clerk_hashing = clerk_hashing_.get_executor();
  // The passphrase's PBKDF2 (about 100 ms) runs at normal priority: guessers
  // get one check at a time among them, at most one a second (LoginGuard), so
  // they cannot keep this thread busy. (At nice 19 it was starved on a busy
  // laptop: the clerk's own login took seconds, and a starved thread holding a
  // lock the network threads need stalls the votes.)
  secrets_.guard = &login_guard_;
  hub_->watch_logins(&login_guard_);
  secrets_.idle_timeout = std::chrono::seconds(std::max(1, options_.idle_timeout_s));
  secrets_.login_deadline = std::chrono::seconds(std::max(1, options_.login_timeout_s));
  secrets_.frame_deadline = std::chrono::seconds(std::max(1, options_.frame_timeout_s));
}

Server::~Server() = default;

int Server::run() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options_.listen, ec);
  if (ec) throw std::runtime_error(fmt::format("--listen {}: not an IP address", options_.listen));
  const asio::ip::tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error(fmt::format("cannot listen on {}:{}: {} (another server running? try --port 0)",
                                         options_.listen, options_.port, ec.message()));
  const int port = acceptor_.local_endpoint().port();
  journal_->on_health([this](std::optional<std::string> problem) { hub_->journal_health(std::move(problem)); });
  journal_->start();
  data_.write_endpoint(options_.listen, port);
  spdlog::info("listening on {}:{} (TLS 1.3), fingerprint {}", options_.listen, port, data_.fingerprint);
  if (options_.announce && !address.is_loopback()) {
    announcer_ = std::make_unique<Announcer>(
        options_.announce_name.empty() ? default_announce_name() : options_.announce_name, port, data_.fingerprint,
        hub_->body_name(), [](const std::string& sentence) { spdlog::info("{}", sentence); });
  }

  trim_memory();
  signals_.async_wait([this](const boost::system::error_code& error, int signal) {
    if (error) return;
    spdlog::info("signal {}: stopping", signal);
    stop();
  });
  accept();

  std::vector<std::thread> pool;
  for (int i = 1; i < std::max(1, options_.threads); ++i) pool.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& t : pool) t.join();
  // A closed connection's pending read ends with operation_aborted, and that
  // completion may still be queued when io_.stop() ran; until it runs, the
  // connection is held by its own read handler (found by the ASan run). Run
  // what is ready, boundedly: the closed connections let go and free.
  io_.restart();
  for (int round = 0; round < 100 && io_.poll() > 0; ++round) {
  }

  // The io_context is stopped: nobody adds to the journal any more. The hub's
  // stop may not have run before io_.stop(): drain it here (no thread runs its
  // strand now), then commit what is queued and say we are gone.
  hub_->drain();
  hashing_.stop();
  hashing_.join();
  clerk_hashing_.stop();
  clerk_hashing_.join();
  const bool all_written = journal_->stop();
  data_.remove_endpoint();
  // The last line says what is really on disk, read back from the file.
  auto on_disk = journal_->disk_head();
  const std::string head = on_disk ? std::to_string(*on_disk) : "unknown (" + on_disk.error() + ")";
  if (!all_written) {
    spdlog::critical("stopped with the journal failing; the journal on disk ends at seq {}", head);
    return 1;
  }
  spdlog::info("stopped cleanly; the journal on disk ends at seq {}", head);
  return 0;
}

void Server::stop() {
  if (stopping_.exchange(true)) return;
  asio::post(io_, [this] { shutdown(); });
}

void Server::shutdown() {
  boost::system::error_code ec;
  acceptor_.close(ec);
  signals_.cancel(ec);
  trim_timer_.cancel();
  data_.remove_endpoint();  // clients stop coming back to this address
  announcer_.reset();
  hub_->stop();
  {
    std::lock_guard lock(connections_mutex_);
    for (auto& weak : connections_)
      if (auto c = weak.lock()) c->close("server stopping");
    connections_.clear();
  }
  // Let the strands finish what was posted (answers of committed work), then stop.
  // Whatever the hub already handed the journal is committed by journal_->stop().
  asio::post(io_, [this] { io_.stop(); });
}

// glibc keeps freed heap for reuse; after connections close (a burst of
// tablets leaving, or a flood of hostile ones), give it back to the system.
void Server::trim_memory() {
  trim_timer_.expires_after(std::chrono::seconds(10));
  trim_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_) return;
    bool trim = false;
    {
      std::lock_guard lock(addresses_->mutex);
      trim = std::exchange(addresses_->closed_since_trim, false);
    }
    if (trim) malloc_trim(0);
    trim_memory();
  });
}

void Server::accept() {
  // Each connection on its own strand.
  acceptor_.async_accept(asio::make_strand(io_), [this](const boost::system::error_code& ec,
                                                        asio::ip::tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || stopping_) return;
      spdlog::warn("accept: {}", ec.message());
    } else {
      socket.set_option(asio::ip::tcp::no_delay(true));
      boost::system::error_code peer_ec;
      const auto peer = socket.remote_endpoint(peer_ec);
      const std::string address = peer_ec ? "?" : peer.address().to_string();
      std::shared_ptr<Connection> c;
      {
        std::lock_guard lock(addresses_->mutex);
        int& n = addresses_->live[address];
        if (n >= options_.max_connections_per_address) {
          // Closed before TLS: a device opening connections without end costs nothing more.
          if (addresses_->capped.insert(address).second)
            spdlog::warn("accept: {} already has {} connections; refusing more (--max-connections-per-address)",
                         address, n);
          socket.close(peer_ec);
        } else {
          ++n;
          c = std::make_shared<Connection>(std::move(socket), tls_, *hub_, secrets_, next_id_++);
          c->on_gone = [counts = addresses_, address] {
            std::lock_guard lock(counts->mutex);
            if (--counts->live[address] <= 0) counts->live.erase(address);
            counts->capped.erase(address);
            counts->closed_since_trim = true;
          };
        }
      }
      if (c) {
        std::lock_guard lock(connections_mutex_);
        // Swept when it has doubled, not at every accept: 10,000 tablets
        // connecting at once would otherwise cost 10,000 walks of the list.
        if (connections_.size() >= sweep_at_) {
          std::erase_if(connections_, [](const auto& w) { return w.expired(); });
          sweep_at_ = std::max<std::size_t>(256, 2 * connections_.size());
        }
        connections_.push_back(c);
      }
      if (c) c->start();
    }
    if (!stopping_) accept();
  });
}

}  // namespace scrutin::server
