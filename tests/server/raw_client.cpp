#include "raw_client.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>

#include "common/frame.hpp"
#include "proto/fingerprint.hpp"
#include "proto/protocol.hpp"
#include "proto/journal_chain.hpp"

namespace scrutin::testing {

namespace asio = boost::asio;

RawClient::RawClient(const std::string& host, int port, const std::string& fingerprint,
                     std::chrono::milliseconds read_timeout, const std::string& source)
    : tls_(asio::ssl::context::tls_client), stream_(io_, tls_) {
  SSL_CTX_set_min_proto_version(tls_.native_handle(), TLS1_3_VERSION);
  tls_.set_verify_mode(asio::ssl::verify_none);  // pinned below instead
  asio::ip::tcp::endpoint ep(asio::ip::make_address(host), static_cast<unsigned short>(port));
  if (!source.empty()) {
    stream_.lowest_layer().open(ep.protocol());
    stream_.lowest_layer().bind(asio::ip::tcp::endpoint(asio::ip::make_address(source), 0));
  }
  stream_.lowest_layer().connect(ep);
  timeval tv{};
  tv.tv_sec = read_timeout.count() / 1000;
  tv.tv_usec = static_cast<suseconds_t>((read_timeout.count() % 1000) * 1000);
  setsockopt(stream_.lowest_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  stream_.handshake(asio::ssl::stream_base::client);
  X509* cert = SSL_get1_peer_certificate(stream_.native_handle());
  if (!cert) throw std::runtime_error("no server certificate");
  const std::string fp = fingerprint_of(cert);
  X509_free(cert);
  if (fp != fingerprint) throw std::runtime_error("fingerprint mismatch: " + fp);
}

RawClient::~RawClient() {
  boost::system::error_code ec;
  stream_.lowest_layer().close(ec);
}

void RawClient::send(const pb::ClientMessage& message) {
  std::string frame;
  append_frame(frame, message.SerializeAsString(), protocol::kMaxClientFrame);
  if (!send_raw(frame)) throw std::runtime_error("send: connection closed");
}

bool RawClient::send_raw(const std::string& bytes) {
  boost::system::error_code ec;
  asio::write(stream_, asio::buffer(bytes), ec);
  return !ec;
}

std::optional<pb::ServerMessage> RawClient::read() {
  // buffer_ holds bytes received and not yet taken: take one whole frame.
  for (int rounds = 0; rounds < 100000; ++rounds) {
    if (buffer_.size() >= 4) {
      const auto* b = reinterpret_cast<const unsigned char*>(buffer_.data());
      const std::size_t len = (std::size_t{b[0]} << 24) | (std::size_t{b[1]} << 16) | (std::size_t{b[2]} << 8) | b[3];
      if (len == 0 || len > protocol::kMaxServerFrame) return std::nullopt;
      if (buffer_.size() >= 4 + len) {
        pb::ServerMessage m;
        const bool ok = m.ParseFromArray(buffer_.data() + 4, static_cast<int>(len));
        buffer_.erase(0, 4 + len);
        if (!ok) return std::nullopt;
        return m;
      }
    }
    char chunk[16 * 1024];
    boost::system::error_code ec;
    const std::size_t n = stream_.read_some(asio::buffer(chunk), ec);
    if (ec) return std::nullopt;
    buffer_.append(chunk, n);
  }
  return std::nullopt;
}

std::optional<pb::ServerMessage> RawClient::answer(std::uint64_t request_id) {
  for (int i = 0; i < 10000; ++i) {
    auto m = read();
    if (!m) return std::nullopt;
    if (m->request_id() == request_id && request_id != 0) return m;
    if (m->request_id() == 0 && pushes.size() < 10000) pushes.push_back(*m);
  }
  return std::nullopt;
}

std::optional<pb::ServerMessage> RawClient::request(pb::ClientMessage message) {
  if (message.request_id() == 0) message.set_request_id(next_id());
  send(message);
  return answer(message.request_id());
}

bool RawClient::closed_by_server() {
  for (int i = 0; i < 100000; ++i) {
    char chunk[16 * 1024];
    boost::system::error_code ec;
    stream_.read_some(asio::buffer(chunk), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return false;  // read timeout: still open
    if (ec) return true;
  }
  return false;
}

std::optional<pb::ServerMessage> RawClient::hello(std::uint32_t version) {
  pb::ClientMessage m;
  m.mutable_hello()->set_protocol_version(version);
  m.mutable_hello()->set_client("raw-test-client");
  return request(m);
}

std::optional<pb::ServerMessage> RawClient::login(pb::Role role, const std::string& member, const std::string& secret) {
  pb::ClientMessage m;
  m.mutable_login()->set_role(role);
  m.mutable_login()->set_member_id(member);
  m.mutable_login()->set_secret(secret);
  return request(m);
}

pb::ClientMessage vote_message(const std::string& item, const std::string& voice, pb::Choice choice) {
  pb::ClientMessage m;
  m.mutable_vote()->set_item(item);
  m.mutable_vote()->set_voice(voice);
  m.mutable_vote()->set_choice(choice);
  return m;
}

pb::ClientMessage command_message(const pb::Command& command) {
  pb::ClientMessage m;
  *m.mutable_command() = command;
  return m;
}

pb::ClientMessage ping_message() {
  pb::ClientMessage m;
  m.mutable_ping();
  return m;
}

}  // namespace scrutin::testing
