// The clerk's console, one file per view: attendance_view.cpp, ballot_view.cpp,
// session_view.cpp, agenda_view.cpp, proxies_view.cpp, roster_view.cpp,
// projector_view.cpp, export_view.cpp; frame_view.cpp draws the band and the
// tabs around them. Every view is a function of the Feed (what the server
// pushed) and the console's view-only state; what the clerk asks for comes out
// as Intents, which main.cpp sends or carries out. No networking here.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "clerk/clerk_model.hpp"
#include "gui/app.hpp"

namespace scrutin::clerk {

// What a view asks main.cpp to do.
struct Intent {
  enum class Kind {
    Command,      // send `command` (a domain command); `what` says it on success
    Projector,    // send `show`
    Export,       // write `documents` of the record to `path` (a folder)
    Verify,       // verify the journal against the JSON export at `path`
    LoadText,     // read the .txt/.md file at `path` into the item form's `field`
    PreviewCsv,   // read the CSV at `path` for the import preview
    ImportCsv,    // send the previewed roster
    PinSlips,     // write the PIN slips PDF to `path`
    Backup,       // copy the server's data folder into a new folder under `path` (a USB stick)
  };
  Kind kind = Kind::Command;
  pb::Command command;
  pb::ProjectorShow show;
  std::string what;   // "M03 pointé présent": the notice once it is done
  std::string path;
  std::string field;  // LoadText: "text" or "decision"
};

// The console's own state: what is typed and chosen, never what the server knows.
struct ViewState {
  Lang lang = Lang::Fr;
  Tab tab = Tab::Attendance;
  std::string notice;        // the last result, a sentence
  bool notice_error = false;
  // Attendance
  std::string search;
  // Ballot
  std::string ballot_item;   // chosen in the list; "" = the next item
  int ballot_mode = 0;       // 0 public (show of hands), 1 nominal, 2 secret
  bool allow_change = true;
  int majority = 0;          // 0 the rules', 1 two thirds, 2 three fifths
  bool confirm_close = false;
  bool confirm_cancel = false;
  std::string cancel_reason;
  std::string clerk_voice;   // the voice the clerk enters a vote for
  // Session
  bool session_loaded = false;
  pb::SessionInfo session_form;
  int rules_preset = 0;      // 0 french, 1 french-2020, 2 assembly, 3 weighted
  // Agenda
  bool item_new = true;
  pb::Item item_form;
  std::string text_path;     // a .txt/.md file to load
  std::string conflict_member;  // a member to declare interested in the item
  // Proxies
  std::string proxy_mandant, proxy_holder, proxy_search;
  // Roster
  bool member_new = true;
  pb::Member member_form;
  std::string csv_path;
  std::vector<Member> csv_members;      // the file read for the preview
  std::vector<std::string> csv_errors;  // per line, in French
  std::string shown_pin_member, shown_pin;  // a reset PIN, shown once
  std::string slips_path = "fiches-codes.pdf";
  // Projector
  std::string projector_message;
  // Export
  std::string export_folder = "export";
  std::string export_item;
  std::vector<std::string> export_lines;  // what was written
  std::string verify_line;
  std::vector<std::string> backup_lines;  // what the last backup wrote, or why it was not made
  bool backup_failed = false;
  bool backup_running = false;
  std::string preview;       // page 1 of the extract
};

struct Ui {
  const gui::Fonts& fonts;
  float scale;
};

void draw_frame(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_attendance(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_ballot(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_session(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_agenda(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_proxies(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_roster(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_projector(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);
void draw_export(const Feed& feed, ViewState& state, std::vector<Intent>& out, const Ui& ui);

// Shared widgets (frame_view.cpp).
// A button a finger or --test-taps presses by `id`.
bool button(const char* id, const std::string& label, const Ui& ui, bool enabled = true, float width = 0);
bool danger_button(const char* id, const std::string& label, const Ui& ui, bool enabled = true, float width = 0);
// A text field bound to a std::string; multi-line when `lines` > 1.
bool text_field(const char* id, const std::string& label, std::string& value, const Ui& ui, float width = 0,
                int lines = 1, bool missing = false);
void heading(const std::string& text, const Ui& ui);
void note(const std::string& text, ImVec4 colour = ImVec4(0.35f, 0.35f, 0.40f, 1));

}  // namespace scrutin::clerk
