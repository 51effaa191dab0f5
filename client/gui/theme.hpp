// One colour theme for the tablet and the projector. Colours come from the
// Okabe-Ito palette (told apart with every common colour-vision deficiency),
// and never carry a meaning alone: every coloured thing has its word beside it.
#pragma once

#include <imgui.h>

#include "scrutin.pb.h"

namespace scrutin::gui::theme {

inline const ImVec4 kPour{0.0f, 114 / 255.0f, 178 / 255.0f, 1};          // blue
inline const ImVec4 kContre{213 / 255.0f, 94 / 255.0f, 0.0f, 1};         // vermillion
inline const ImVec4 kAbstention{0.45f, 0.45f, 0.50f, 1};                 // grey
inline const ImVec4 kNotTakingPart{0.28f, 0.28f, 0.30f, 1};              // dark grey
inline const ImVec4 kAdopted = kPour;
inline const ImVec4 kRejected = kContre;
inline const ImVec4 kText{0.08f, 0.08f, 0.10f, 1};
inline const ImVec4 kMuted{0.35f, 0.35f, 0.40f, 1};
inline const ImVec4 kIdleButton{0.86f, 0.86f, 0.88f, 1};
inline const ImVec4 kPending{230 / 255.0f, 159 / 255.0f, 0.0f, 1};       // orange: sent, receipt not back
inline const ImVec4 kOffline{0.60f, 0.20f, 0.0f, 1};                     // the offline band (white text on it)
inline const ImVec4 kOnline{0.0f, 0.40f, 0.30f, 1};
inline const ImVec4 kPanel{1, 1, 1, 1};

ImVec4 of(pb::Choice choice);

// Light style, sizes scaled, a thick scrollbar a finger can hold.
void apply(float scale);

}  // namespace scrutin::gui::theme
