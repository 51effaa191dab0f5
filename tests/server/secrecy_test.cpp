// Secrecy of a secret ballot against the real server: no reader of the
// journal (its rows, their order, rowids and timestamps, the raw file and its
// WAL), the log, the journal pages a record is built from, or the views pushed
// to tablets and the projector can link a voice to its choice, whatever the
// timing: a lone vote, resends after each other vote, votes one at a time (each
// its own commit). And an acknowledged secret vote survives SIGKILL.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "seeded_server.hpp"

namespace scrutin::testing {
namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The journal file read as an outsider would, with its own SQLite connection.
struct FileView {
  std::vector<std::string> tables;
  std::string box_sql;                 // CREATE TABLE statement of the ballot box
  std::vector<std::string> box_columns;
  std::vector<std::string> box_keys;   // in the order the file gives them
  std::vector<pb::Event> bulletins;    // same order
  bool box_has_rowid = true;
  std::vector<pb::Event> chained;      // events table, seq order
};

FileView read_file(const std::string& path) {
  FileView v;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto rows = [&](const char* sql, auto each) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return false;
    while (sqlite3_step(st) == SQLITE_ROW) each(st);
    sqlite3_finalize(st);
    return true;
  };
  auto blob = [](sqlite3_stmt* st, int i) {
    return std::string(static_cast<const char*>(sqlite3_column_blob(st, i)), static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
  };
  auto text = [](sqlite3_stmt* st, int i) {
    const auto* p = sqlite3_column_text(st, i);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  };
  rows("SELECT name, sql FROM sqlite_master WHERE type = 'table'", [&](sqlite3_stmt* st) {
    v.tables.push_back(text(st, 0));
    if (text(st, 0) == "ballot_box") v.box_sql = text(st, 1);
  });
  rows("PRAGMA table_info(ballot_box)", [&](sqlite3_stmt* st) { v.box_columns.push_back(text(st, 1)); });
  v.box_has_rowid = rows("SELECT rowid FROM ballot_box", [](sqlite3_stmt*) {});
  rows("SELECT key, content FROM ballot_box", [&](sqlite3_stmt* st) {
    v.box_keys.push_back(blob(st, 0));
    pb::Event e;
    EXPECT_TRUE(e.ParseFromString(blob(st, 1)));
    v.bulletins.push_back(e);
  });
  rows("SELECT event FROM events ORDER BY seq", [&](sqlite3_stmt* st) {
    pb::Event e;
    EXPECT_TRUE(e.ParseFromString(blob(st, 0)));
    v.chained.push_back(e);
  });
  sqlite3_close(db);
  return v;
}

bool carries_a_choice(const pb::Event& e) {
  return e.has_secret_choice_cast() || e.has_secret_box_sealed() || e.has_vote_cast() || e.has_ballot_closed();
}

class SecrecyTest : public ServerTest {
 protected:
  // Closes the seed's public ballot and opens a secret one on a new item.
  void open_secret(const std::string& item) {
    open_seed_ballot();
    auto c = clerk();
    pb::Command close;
    close.mutable_close_ballot()->set_item(seed::kItem);
    ASSERT_TRUE(c->request(command_message(close)));
    pb::Command add;
    add.mutable_add_item()->mutable_item()->set_id(item);
    add.mutable_add_item()->mutable_item()->set_title("Désignation d'un représentant");
    ASSERT_TRUE(c->request(command_message(add)));
    pb::Command open;
    open.mutable_open_ballot()->set_item(item);
    open.mutable_open_ballot()->set_mode(pb::SECRET);
    auto opened = c->request(command_message(open));
    ASSERT_TRUE(opened && opened->has_done()) << opened->DebugString();
  }
  std::string journal() const { return server.data_dir + "/journal.sqlite"; }
};

// Votes one at a time (each its own commit), a lone vote first, and after each
// other vote the first voter resends: the timing the old 150 ms mix leaked.
TEST_F(SecrecyTest, NoArtefactLinksAVoiceToItsChoiceWhateverTheTiming) {
  const std::string item = "S-7";
  open_secret(item);
  auto display = logged_in(pb::DISPLAY, "", server.display_token());
  const pb::Choice pattern[] = {pb::CONTRE, pb::POUR, pb::ABSTENTION, pb::POUR, pb::CONTRE, pb::NOT_TAKING_PART,
                                pb::POUR, pb::ABSTENTION, pb::CONTRE};
  const std::size_t n = std::size(pattern);
  std::vector<std::unique_ptr<RawClient>> tablets;
  for (std::size_t i = 0; i < n; ++i) tablets.push_back(delegate(votes[i].by));
  std::vector<std::string> voters;
  for (std::size_t i = 0; i < n; ++i) {
    auto r = tablets[i]->request(vote_message(item, votes[i].voice, pattern[i]));
    ASSERT_TRUE(r && r->has_receipt()) << (r ? r->DebugString() : "no answer");
    voters.push_back(votes[i].voice);
    if (i == 0) {
      // The lone vote: on disk, one name in the chain and one bulletin in the box, nothing tying them but the count.
      const FileView lone = read_file(journal());
      ASSERT_EQ(lone.bulletins.size(), 1u);
      for (const auto& e : lone.chained) EXPECT_FALSE(e.has_secret_choice_cast() || e.has_secret_box_sealed());
    } else {
      // The first voter resends right after each other vote: refused, and the refusal says nothing of a choice.
      auto again = tablets[0]->request(vote_message(item, votes[0].voice, pattern[0]));
      ASSERT_TRUE(again && again->has_refused());
      EXPECT_EQ(again->refused().code(), pb::CODE_ALREADY_VOTED);
      for (const char* word : {"pour", "contre", "abstention", "POUR", "CONTRE"})
        EXPECT_EQ(again->refused().message().find(word), std::string::npos) << again->refused().message();
    }
  }

  // While the ballot is open: the box has no rowid, no time, no sequence; its
  // rows come in key order (random keys), so the file keeps no order of arrival.
  const FileView open = read_file(journal());
  EXPECT_NE(open.box_sql.find("WITHOUT ROWID"), std::string::npos) << open.box_sql;
  EXPECT_FALSE(open.box_has_rowid);
  EXPECT_EQ(open.box_columns, (std::vector<std::string>{"key", "item", "content"}));
  ASSERT_EQ(open.box_keys.size(), n);
  EXPECT_TRUE(std::ranges::is_sorted(open.box_keys)) << "rows come in key order, not arrival order";
  EXPECT_EQ(std::set<std::string>(open.box_keys.begin(), open.box_keys.end()).size(), n);
  for (const auto& k : open.box_keys) EXPECT_EQ(k.size(), 16u);
  for (const auto& b : open.bulletins) {
    ASSERT_TRUE(b.has_secret_choice_cast()) << b.DebugString();
    EXPECT_EQ(b.secret_choice_cast().weight(), 1) << "no weight that could name a member under unweighted rules";
  }
  // The chain names who voted, in order and with times, and holds no choice of this ballot.
  int who = 0;
  for (const auto& e : open.chained) {
    if (e.has_secret_vote_cast()) ++who;
    if (e.has_secret_choice_cast() || e.has_secret_box_sealed()) ADD_FAILURE() << e.DebugString();
  }
  EXPECT_EQ(who, static_cast<int>(n));
  // No table beyond the known ones (nothing else keeps a trace).
  for (const auto& t : open.tables)
    EXPECT_TRUE(t == "events" || t == "credentials" || t == "meta" || t == "ballot_box") << t;

  // The views pushed so far: no tablet and no projector was told any choice of this ballot.
  for (auto& t : tablets) {
    for (const auto& m : t->pushes) {
      if (m.has_delegate_view() && m.delegate_view().ballot().item() == item) {
        EXPECT_FALSE(m.delegate_view().ballot().has_counts());
        for (const auto& v : m.delegate_view().voices()) EXPECT_EQ(v.choice(), pb::Choice{}) << v.DebugString();
      }
    }
  }
  auto live = display->request(ping_message());
  ASSERT_TRUE(live);
  for (const auto& m : display->pushes)
    if (m.has_room_view() && m.room_view().ballot().item() == item) EXPECT_FALSE(m.room_view().ballot().has_counts());

  // Close. The box is sealed into the chain, sorted; its rows and their keys are gone from the files.
  auto c = clerk();
  pb::Command close;
  close.mutable_close_ballot()->set_item(item);
  auto closed = c->request(command_message(close));
  ASSERT_TRUE(closed && closed->has_done());
  const auto entries = fetch_all(*c);
  int seals = 0;
  std::uint64_t last_who = 0, seal_seq = 0;
  for (const auto& e : entries) {
    if (e.event().has_secret_vote_cast() && e.event().secret_vote_cast().item() == item) last_who = e.seq();
    if (!e.event().has_secret_box_sealed()) continue;
    ++seals;
    seal_seq = e.seq();
    const auto& contents = e.event().secret_box_sealed().contents();
    ASSERT_EQ(static_cast<std::size_t>(contents.size()), n);
    for (int k = 1; k < contents.size(); ++k)
      EXPECT_LE(std::pair(contents[k - 1].choice(), contents[k - 1].weight()), std::pair(contents[k].choice(), contents[k].weight()))
          << "sealed in sorted order, never in order of arrival";
  }
  EXPECT_EQ(seals, 1);
  EXPECT_GT(seal_seq, last_who) << "the seal comes after every 'who voted'";
  for (const auto& e : entries)
    if (e.seq() <= last_who && e.seq() > 0 && e.event().has_secret_choice_cast()) ADD_FAILURE() << e.DebugString();

  const FileView after = read_file(journal());
  EXPECT_TRUE(after.bulletins.empty());
  const std::string raw = file_bytes(journal()) + file_bytes(journal() + "-wal");
  for (const auto& key : open.box_keys)
    EXPECT_EQ(raw.find(key), std::string::npos) << "a box key is still in the files after the seal";
  std::error_code ec;
  EXPECT_EQ(std::filesystem::file_size(journal() + "-wal", ec), 0u) << "the WAL is truncated after the seal";

  // The log: no line with a choice beside the secret item or a voter.
  std::ifstream log(server.log_path());
  for (std::string line; std::getline(log, line);) {
    bool names_choice = false;
    for (const char* word : {"pour", "contre", "abstention", "POUR", "CONTRE", "ABSTENTION"})
      names_choice |= line.find(word) != std::string::npos;
    if (!names_choice) continue;
    EXPECT_EQ(line.find(item), std::string::npos) << line;
    for (const auto& v : voters) EXPECT_EQ(line.find(" " + v), std::string::npos) << line;
  }
  // The result: the counts, nothing more.
  auto result = room_view_until(*display, [&](const pb::RoomView& v) { return v.ballot().item() == item && v.ballot().closed(); });
  ASSERT_TRUE(result);
  EXPECT_EQ(result->ballot().counts().pour(), 3);
  EXPECT_EQ(result->ballot().counts().contre(), 3);
  EXPECT_EQ(result->ballot().counts().abstentions(), 2);
  EXPECT_TRUE(result->names_pour().empty());
}

// A secret vote acknowledged before a SIGKILL is on disk: after a restart the
// voice has voted, a resend is refused, and the close counts it.
TEST_F(SecrecyTest, AnAcknowledgedSecretVoteSurvivesSigkill) {
  const std::string item = "S-8";
  open_secret(item);
  const pb::Choice choices[] = {pb::CONTRE, pb::POUR, pb::CONTRE};
  for (std::size_t i = 0; i < std::size(choices); ++i) {
    auto t = delegate(votes[i].by);
    auto r = t->request(vote_message(item, votes[i].voice, choices[i]));
    ASSERT_TRUE(r && r->has_receipt());
  }
  server.kill9();
  server.start();
  auto again = delegate(votes[1].by);
  auto r = again->request(vote_message(item, votes[1].voice, pb::POUR));
  ASSERT_TRUE(r && r->has_refused()) << r->DebugString();
  EXPECT_EQ(r->refused().code(), pb::CODE_ALREADY_VOTED);
  auto c = clerk();
  pb::Command close;
  close.mutable_close_ballot()->set_item(item);
  ASSERT_TRUE(c->request(command_message(close)));
  auto display = logged_in(pb::DISPLAY, "", server.display_token());
  auto result = room_view_until(*display, [&](const pb::RoomView& v) { return v.ballot().item() == item && v.ballot().closed(); });
  ASSERT_TRUE(result);
  EXPECT_EQ(result->ballot().counts().contre(), 2);
  EXPECT_EQ(result->ballot().counts().pour(), 1);
}

}  // namespace
}  // namespace scrutin::testing
