#include "frame.hpp"

namespace scrutin {

const char* to_string(FrameError e) {
  switch (e) {
    case FrameError::None: return "no error";
    case FrameError::Empty: return "empty frame";
    case FrameError::TooLarge: return "frame larger than the maximum";
  }
  return "?";
}

FrameError append_frame(std::string& out, std::string_view payload, std::uint32_t max) {
  if (payload.size() > max) return FrameError::TooLarge;
  const auto n = static_cast<std::uint32_t>(payload.size());
  const char header[4] = {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                          static_cast<char>(n)};
  out.append(header, 4);
  out.append(payload);
  return FrameError::None;
}

bool FrameReader::next(std::string& payload) {
  if (error_ != FrameError::None || buffered() < 4) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(buffer_.data() + pos_);
  const std::uint32_t n = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
  if (n > max_) {
    error_ = FrameError::TooLarge;
    return false;
  }
  if (n == 0) {
    error_ = FrameError::Empty;  // every message has at least a oneof tag
    return false;
  }
  if (buffered() < 4 + n) return false;
  payload.assign(buffer_, pos_ + 4, n);
  pos_ += 4 + n;
  if (pos_ == buffer_.size()) {
    // All read: an idle connection keeps no buffer (10,000 tablets add up).
    std::string().swap(buffer_);
    pos_ = 0;
  } else if (pos_ > 4096 && pos_ * 2 > buffer_.size()) {
    // Compact once the consumed prefix dominates, so the buffer stays bounded.
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  return true;
}

}  // namespace scrutin
