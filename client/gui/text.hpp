// The words the tablet and the projector show, in French and English: one
// tr() for both front ends, and the sentence for each refusal code the server
// sends. No ImGui here: the view-logic tests use it without a window.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "scrutin.pb.h"

namespace scrutin::gui {

enum class Lang { Fr, En };

inline const char* tr(Lang lang, const char* fr, const char* en) { return lang == Lang::En ? en : fr; }

// The code a refusal is known by, in lower case: Refused.code (pb::RefusalCode,
// "ballot_closed") when set, else its ErrorKind ("bad_credentials", "locked_out").
std::string refusal_code(const pb::Refused& refused);

// The sentence for a refusal code, in the tablet's language: never the
// server's English text. An unknown code gets a general sentence that names it.
std::string refusal_sentence(std::string_view code, Lang lang);

// Why a tablet or projector cannot reach the room's server, as a sentence.
std::string fingerprint_mismatch_sentence(Lang lang);

// "2026-41  Budget primitif — ✓ adopté": one line of the agenda.
std::string agenda_line(const pb::AgendaEntry& entry, Lang lang);

// "14:05:09", local time: when the figures on screen were last updated.
std::string clock_time(std::chrono::system_clock::time_point when);

}  // namespace scrutin::gui
