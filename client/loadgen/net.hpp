// What the load generator's parts share over the one client transport
// (client/lib/connection.hpp): its names, and a clock in nanoseconds.
#pragma once

#include <chrono>
#include <cstdint>

#include "client/lib/connection.hpp"

namespace scrutin::loadgen {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using client::Connection;
using client::ConnectionEnd;
using client::ConnectionHandler;
using client::frame_of;
using client::make_client_context;

inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

}  // namespace scrutin::loadgen
