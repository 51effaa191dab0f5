// The protocol's numbers, in one place: every process that speaks the wire
// reads them from here (PROTOCOL.md says what each means for a client).
// Plain constants, no protobuf: included by the server, the client library,
// scrutinctl, the load generator and the tests alike.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace scrutin::protocol {

// Hello.protocol_version: a client and a server of different versions refuse each other.
// 2: ImportRoster carries `repeated Member` (1 sent CSV text).
inline constexpr std::uint32_t kVersion = 2;

// Frames: 4-byte big-endian length + one message.
// Client to server: 64 KiB, so a stranger cannot make the server allocate much.
inline constexpr std::uint32_t kMaxClientFrame = 64 * 1024;
// Server to client (a pinned, trusted peer): journal pages of a large assembly
// carry ballots whose attendance snapshot lists thousands of members.
inline constexpr std::uint32_t kMaxServerFrame = 16 * 1024 * 1024;

// Requests one connection may have unanswered; one more is refused (SERVER_BUSY).
inline constexpr int kMaxInFlight = 64;
// What a client keeps in flight when it pipelines (scrutinctl, the load
// generator's clerk): well under kMaxInFlight.
inline constexpr int kClientWindow = 32;
// Frames queued for one slow reader before the server closes it (it resyncs on reconnect).
inline constexpr std::size_t kMaxQueuedFrames = 256;

// Journal pages (FetchJournal): entries per page when the client does not say,
// and the bytes a page stays under (well under kMaxServerFrame).
inline constexpr std::uint32_t kJournalPageEntries = 1000;
inline constexpr std::size_t kJournalPageBytes = 8u << 20;

// ImportRoster: members per command, and the bytes a command stays under
// (room for the envelope in a kMaxClientFrame).
inline constexpr int kRosterChunkMembers = 1000;
inline constexpr std::size_t kRosterChunkBytes = 56 * 1024;

// Login.member_id: longer ids are refused before anything else.
inline constexpr std::size_t kMaxMemberIdBytes = 64;

// ProjectorShow.message: a short line on the projector.
inline constexpr std::size_t kMaxProjectorMessageBytes = 280;

// RoomView pushes are coalesced to at most one per interval.
inline constexpr std::chrono::milliseconds kRoomViewInterval{50};

}  // namespace scrutin::protocol
