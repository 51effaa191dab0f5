// What the hub knows of a connection: somewhere to deliver frames. Keeps the
// hub free of sockets (and lets tests use fakes).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "scrutin.pb.h"

namespace scrutin::server {

// A frame ready for the wire: 4-byte length + serialized ServerMessage. Shared
// so one RoomView serialized once goes to every display.
using Frame = std::shared_ptr<const std::string>;
Frame make_frame(const pb::ServerMessage& message);

enum class FrameKind {
  Answer,        // answers a request (the sender counts requests in flight)
  Push,          // pushed, kept in order
  RoomView,      // pushed; a newer one replaces one still queued
  DelegateView,  // same
  Goodbye,       // pushed last: the connection closes once it is written
};

struct Outgoing {
  Frame frame;
  FrameKind kind;
};

// Who a logged-in connection is, as the hub sees it (the Connection converts Login.role).
enum class Role { Delegate, Clerk, Display };

class Peer {
 public:
  virtual ~Peer() = default;
  // Thread-safe; never blocks. A peer whose queue overflows closes itself.
  virtual void deliver(Frame frame, FrameKind kind) = 0;
  // Several frames that should leave in one write (a vote's receipt and the
  // delegate's new view), in this order. Same rules as deliver().
  virtual void deliver_together(std::vector<Outgoing> frames) {
    for (Outgoing& f : frames) deliver(std::move(f.frame), f.kind);
  }
  virtual std::uint64_t id() const = 0;
  // Ends the conversation (thread-safe; e.g. a delegate whose PIN was reset).
  virtual void close(const char* reason) { (void)reason; }
};

}  // namespace scrutin::server
