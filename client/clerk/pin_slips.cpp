#include "clerk/pin_slips.hpp"

#include <array>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <fmt/format.h>

#include "proto/fingerprint.hpp"

namespace scrutin::clerk {

namespace {

constexpr double kMm = 72.0 / 25.4;  // PDF points per millimetre
constexpr double kPageW = 210 * kMm, kPageH = 297 * kMm;
constexpr int kColumns = 2, kRows = 4;  // eight cards per A4 page, cut along the lines
constexpr double kMargin = 10 * kMm;

void text(cairo_t* cr, const std::string& s, double x, double y, double size, bool bold, double width) {
  PangoLayout* l = pango_cairo_create_layout(cr);
  PangoFontDescription* f = pango_font_description_new();
  pango_font_description_set_family(f, "DejaVu Sans");
  pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(l, f);
  pango_font_description_free(f);
  pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l, s.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
  g_object_unref(l);
}

// The QR code's modules as black squares in a `size` square at (x, y).
bool qr(cairo_t* cr, const std::string& data, double x, double y, double size) {
  QRcode* code = QRcode_encodeString(data.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!code) return false;
  const int n = code->width;
  const double cell = size / (n + 8);  // a quiet zone of four modules around it
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      if (code->data[r * n + c] & 1) cairo_rectangle(cr, x + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
  cairo_fill(cr);
  QRcode_free(code);
  return true;
}

}  // namespace

std::string connection_uri(const std::string& server, const std::string& fingerprint, const std::string& member_id) {
  return fmt::format("scrutin://{}?fp={}&member={}", server, fingerprint, member_id);
}

std::expected<void, std::string> write_pin_slips(const std::string& pdf_path, const std::vector<Slip>& slips,
                                                 const std::string& server, const std::string& fingerprint,
                                                 const std::string& body) {
  cairo_surface_t* surface = cairo_pdf_surface_create(pdf_path.c_str(), kPageW, kPageH);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return std::unexpected(fmt::format("Impossible d'écrire {}.", pdf_path));
  }
  cairo_t* cr = cairo_create(surface);
  const double card_w = (kPageW - 2 * kMargin) / kColumns, card_h = (kPageH - 2 * kMargin) / kRows;
  const std::string short_code = fingerprint_short_code(fingerprint);
  bool ok = true;
  for (std::size_t i = 0; i < slips.size(); ++i) {
    const int on_page = static_cast<int>(i % (kColumns * kRows));
    if (i > 0 && on_page == 0) cairo_show_page(cr);
    const double x = kMargin + (on_page % kColumns) * card_w, y = kMargin + (on_page / kColumns) * card_h;
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_set_dash(cr, std::array{3.0, 3.0}.data(), 2, 0);
    cairo_rectangle(cr, x, y, card_w, card_h);  // where to cut
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const double pad = 5 * kMm, qr_size = 34 * kMm, text_w = card_w - 3 * pad - qr_size;
    const Slip& s = slips[i];
    text(cr, body.empty() ? "Scrutin" : body, x + pad, y + pad, 8, false, text_w);
    text(cr, s.name, x + pad, y + pad + 5 * kMm, 12, true, text_w);
    text(cr, "Identifiant : " + s.member_id, x + pad, y + pad + 16 * kMm, 10, false, text_w);
    text(cr, "Code personnel :", x + pad, y + pad + 22 * kMm, 10, false, text_w);
    text(cr, s.pin, x + pad, y + pad + 27 * kMm, 20, true, text_w);
    // Below the QR code, so the whole card width: in the text column the short code
    // wrapped at its hyphen and the delegate could not read it as one code.
    text(cr, "Serveur : " + server, x + pad, y + pad + 40 * kMm, 9, false, card_w - 2 * pad);
    text(cr, "Code du serveur : " + short_code, x + pad, y + pad + 45 * kMm, 9, true, card_w - 2 * pad);
    text(cr, "Vérifiez que la tablette affiche ce code du serveur avant de taper votre code personnel. Ne montrez cette fiche à personne.",
         x + pad, y + pad + 51 * kMm, 7, false, card_w - 2 * pad);
    ok &= qr(cr, connection_uri(server, fingerprint, s.member_id), x + card_w - pad - qr_size, y + pad, qr_size);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const bool written = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(surface);
  if (!ok) return std::unexpected("Le QR code n'a pas pu être produit.");
  if (!written) return std::unexpected(fmt::format("Impossible d'écrire {}.", pdf_path));
  return {};
}

}  // namespace scrutin::clerk
