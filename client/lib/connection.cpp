#include "client/lib/connection.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "proto/fingerprint.hpp"

namespace scrutin::client {

std::unique_ptr<ssl::context> make_client_context() {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_3_VERSION);
  // Idle connections give their 16 KiB read/write buffers back to OpenSSL's
  // allocator: with 10,000 tablets mostly waiting, that is most of the memory.
  SSL_CTX_set_mode(ctx->native_handle(), SSL_MODE_RELEASE_BUFFERS);
  ctx->set_verify_mode(ssl::verify_none);  // pinned by fingerprint after the handshake
  SSL_CTX_set_session_cache_mode(ctx->native_handle(), SSL_SESS_CACHE_OFF);
  return ctx;
}

std::string frame_of(const pb::ClientMessage& message) {
  std::string out;
  append_frame(out, message.SerializeAsString(), protocol::kMaxClientFrame);
  return out;
}

pb::ClientMessage hello_message(std::uint64_t request_id, const std::string& client_name) {
  pb::ClientMessage m;
  m.set_request_id(request_id);
  m.mutable_hello()->set_protocol_version(protocol::kVersion);
  m.mutable_hello()->set_client(client_name);
  return m;
}

pb::ClientMessage login_message(std::uint64_t request_id, pb::Role role, const std::string& member_id,
                                const std::string& secret, const std::string& resume_token) {
  pb::ClientMessage m;
  m.set_request_id(request_id);
  m.mutable_login()->set_role(role);
  m.mutable_login()->set_member_id(member_id);
  m.mutable_login()->set_secret(secret);
  if (!resume_token.empty()) m.mutable_login()->set_resume_token(resume_token);
  return m;
}

Connection::Connection(asio::io_context& io, ssl::context& tls, ConnectionHandler* handler, ConnectionOptions options)
    : strand_(asio::make_strand(io)),
      stream_(strand_, tls),
      handler_(handler),
      reader_(options.max_frame),
      buffer_(options.read_buffer) {}

void Connection::start(const tcp::endpoint& endpoint, std::string fingerprint) {
  fingerprint_ = std::move(fingerprint);
  target_ = fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
  auto self = shared_from_this();
  asio::post(strand_, [this, self, endpoint] {
    if (closed_) return;
    stream_.lowest_layer().async_connect(endpoint, [this, self](boost::system::error_code ec) {
      if (closed_) return;
      if (ec) return end(ConnectionEnd::Network, fmt::format("cannot connect to {}: {}", target_, ec.message()));
      connected();
    });
  });
}

void Connection::start(const std::string& host, int port, std::string fingerprint) {
  fingerprint_ = std::move(fingerprint);
  target_ = fmt::format("{}:{}", host, port);
  resolver_ = std::make_unique<tcp::resolver>(strand_);
  auto self = shared_from_this();
  asio::post(strand_, [this, self, host, port] {
    if (closed_) return;
    resolver_->async_resolve(
        host, std::to_string(port), [this, self, host](boost::system::error_code ec, tcp::resolver::results_type results) {
          if (closed_) return;
          if (ec) return end(ConnectionEnd::Network, fmt::format("cannot resolve {}: {}", host, ec.message()));
          asio::async_connect(stream_.lowest_layer(), results,
                              [this, self](boost::system::error_code ec2, const tcp::endpoint&) {
                                if (closed_) return;
                                if (ec2)
                                  return end(ConnectionEnd::Network,
                                             fmt::format("cannot connect to {}: {}", target_, ec2.message()));
                                connected();
                              });
        });
  });
}

void Connection::connected() {
  boost::system::error_code ignored;
  stream_.lowest_layer().set_option(tcp::no_delay(true), ignored);
  auto self = shared_from_this();
  stream_.async_handshake(ssl::stream_base::client, [this, self](boost::system::error_code ec) {
    if (closed_) return;
    if (ec) return end(ConnectionEnd::Network, fmt::format("TLS handshake with {} failed: {}", target_, ec.message()));
    X509* cert = SSL_get1_peer_certificate(stream_.native_handle());
    peer_fingerprint_ = cert ? fingerprint_of(cert) : std::string();
    if (cert) X509_free(cert);
    if (peer_fingerprint_ != fingerprint_)
      return end(ConnectionEnd::PinMismatch,
                 fmt::format("the certificate fingerprint of {} is {} but the pinned one is {}", target_,
                             peer_fingerprint_.empty() ? "missing" : peer_fingerprint_, fingerprint_));
    if (handler_) handler_->on_ready();
    if (!closed_) read();
  });
}

void Connection::read() {
  auto self = shared_from_this();
  stream_.async_read_some(asio::buffer(buffer_), [this, self](boost::system::error_code ec, std::size_t n) {
    if (closed_) return;
    if (ec)
      return end(ConnectionEnd::Network, ec == asio::error::eof || ec == ssl::error::stream_truncated
                                             ? std::string("the server closed the connection")
                                             : fmt::format("read failed: {}", ec.message()));
    reader_.feed(std::string_view(buffer_.data(), n));
    std::string payload;
    while (!closed_ && reader_.next(payload))
      if (handler_) handler_->on_message(payload);
    if (closed_) return;
    if (reader_.error() != FrameError::None)
      return end(ConnectionEnd::BadFrame, fmt::format("bad frame from the server: {}", to_string(reader_.error())));
    read();
  });
}

void Connection::send(std::string frame) {
  auto self = shared_from_this();
  asio::post(strand_, [this, self, f = std::move(frame)] { send_here(f); });
}

void Connection::send_here(std::string_view frame) {
  if (closed_) return;
  pending_.append(frame);
  if (!write_in_progress_) write();
}

void Connection::write() {
  if (pending_.empty() || closed_) return;
  writing_.clear();
  std::swap(writing_, pending_);
  write_in_progress_ = true;
  auto self = shared_from_this();
  asio::async_write(stream_, asio::buffer(writing_), [this, self](boost::system::error_code ec, std::size_t) {
    write_in_progress_ = false;
    if (closed_) return;
    if (ec) return end(ConnectionEnd::Network, fmt::format("write failed: {}", ec.message()));
    write();
  });
}

void Connection::end(ConnectionEnd why, const std::string& what) {
  if (closed_) return;
  ConnectionHandler* handler = handler_;
  close_here();
  if (handler) handler->on_end(why, what);
}

void Connection::close_here() {
  if (closed_) return;
  closed_ = true;
  handler_ = nullptr;
  boost::system::error_code ignored;
  if (resolver_) resolver_->cancel();
  stream_.lowest_layer().close(ignored);
  pending_.clear();
}

void Connection::close() {
  auto self = shared_from_this();
  asio::post(strand_, [this, self] { close_here(); });
}

}  // namespace scrutin::client
