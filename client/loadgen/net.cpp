#include "client/loadgen/net.hpp"

#include "proto/certificate.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace scrutin::loadgen {

namespace {
void tls13_only(ssl::context& ctx) {
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_3_VERSION);
  // Idle connections give their 16 KiB read/write buffers back to OpenSSL's
  // allocator: with 10,000 tablets mostly waiting, that is most of the memory.
  SSL_CTX_set_mode(ctx.native_handle(), SSL_MODE_RELEASE_BUFFERS);
}
}  // namespace

std::unique_ptr<ssl::context> make_client_context() {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  tls13_only(*ctx);
  ctx->set_verify_mode(ssl::verify_none);  // pinned by fingerprint after the handshake
  // No session cache: every simulated tablet does the full handshake a real one does.
  SSL_CTX_set_session_cache_mode(ctx->native_handle(), SSL_SESS_CACHE_OFF);
  return ctx;
}

std::unique_ptr<ssl::context> make_server_context(std::string& fingerprint) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  tls13_only(*ctx);
  const SelfSigned made = make_self_signed("scrutin-loadgen-echo", std::chrono::hours(24));
  ctx->use_certificate(asio::buffer(made.cert_pem), ssl::context::pem);
  ctx->use_private_key(asio::buffer(made.key_pem), ssl::context::pem);
  fingerprint = made.fingerprint;
  return ctx;
}

std::string frame_of(const pb::ClientMessage& m) {
  std::string out;
  append_frame(out, m.SerializeAsString(), protocol::kMaxClientFrame);
  return out;
}

Conn::Conn(asio::io_context& io, ssl::context& ctx, Handler* handler, std::uint32_t max_frame)
    : strand_(asio::make_strand(io)), stream_(strand_, ctx), handler_(handler), reader_(max_frame) {}

void Conn::start(const tcp::endpoint& ep, std::string fingerprint) {
  fingerprint_ = std::move(fingerprint);
  auto self = shared_from_this();
  asio::post(strand_, [this, self, ep] {
    stream_.lowest_layer().async_connect(ep, [this, self](boost::system::error_code ec) {
      if (ec) return fail(fmt::format("connect: {}", ec.message()));
      boost::system::error_code ignored;
      stream_.lowest_layer().set_option(tcp::no_delay(true), ignored);
      stream_.async_handshake(ssl::stream_base::client, [this, self](boost::system::error_code ec2) {
        if (ec2) return fail(fmt::format("TLS handshake: {}", ec2.message()));
        X509* cert = SSL_get1_peer_certificate(stream_.native_handle());
        const std::string actual = cert ? fingerprint_of(cert) : std::string();
        if (cert) X509_free(cert);
        if (actual != fingerprint_)
          return fail(fmt::format("certificate fingerprint {} is not the pinned {}", actual.empty() ? "(none)" : actual,
                                  fingerprint_));
        if (handler_) handler_->on_ready();
        read();
      });
    });
  });
}

void Conn::read() {
  auto self = shared_from_this();
  stream_.async_read_some(asio::buffer(buf_), [this, self](boost::system::error_code ec, std::size_t n) {
    if (ec) return fail(ec == asio::error::eof || ec == ssl::error::stream_truncated ? "closed by the server"
                                                                                       : ec.message());
    reader_.feed(std::string_view(buf_.data(), n));
    std::string payload;
    while (!closed_ && reader_.next(payload))
      if (handler_) handler_->on_message(payload);
    if (reader_.error() != FrameError::None) return fail(fmt::format("bad frame: {}", to_string(reader_.error())));
    if (!closed_) read();
  });
}

void Conn::send(std::string frame) {
  auto self = shared_from_this();
  asio::post(strand_, [this, self, f = std::move(frame)] { send_on_strand(f); });
}

void Conn::send_on_strand(std::string_view frame) {
  if (closed_) return;
  pending_.append(frame);
  if (!write_in_progress_) write();
}

void Conn::write() {
  if (pending_.empty() || closed_) return;
  writing_.clear();
  std::swap(writing_, pending_);
  write_in_progress_ = true;
  auto self = shared_from_this();
  asio::async_write(stream_, asio::buffer(writing_), [this, self](boost::system::error_code ec, std::size_t) {
    write_in_progress_ = false;
    if (ec) return fail(fmt::format("write: {}", ec.message()));
    write();
  });
}

void Conn::fail(const std::string& what) {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  stream_.lowest_layer().close(ignored);
  if (handler_) handler_->on_error(what);
}

void Conn::close() {
  auto self = shared_from_this();
  asio::post(strand_, [this, self] {
    if (closed_) return;
    closed_ = true;
    handler_ = nullptr;
    boost::system::error_code ignored;
    stream_.lowest_layer().close(ignored);
  });
}

}  // namespace scrutin::loadgen
