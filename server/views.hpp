// What the tablets, the projector and the clerk are shown: pure functions of
// the durable Session (no clock, no journal, no connection), so each view is
// tested on its own (tests/server/views_test.cpp). The hub adds what only it
// knows (the journal's head and health, failed logins) and sends them.
#pragma once

#include "domain/session.hpp"
#include "scrutin.pb.h"

namespace scrutin::server {

// The ballot last opened (empty when none): live counts of a public or
// nominal ballot, only how many voted for a secret one, the result once closed.
pb::BallotView ballot_view(const Session& session);

// One delegate's tablet. `ballot` is ballot_view(session), shared by every
// delegate's view when a ballot opening pushes thousands of them.
pb::DelegateView delegate_view(const Session& session, const MemberId& member, const pb::BallotView& ballot);

// The projector's and the clerk's room, without the journal's fields.
pb::RoomView room_view(const Session& session);

}  // namespace scrutin::server
