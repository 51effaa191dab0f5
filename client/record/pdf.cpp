// The extract of the register as a PDF: A4, DejaVu fonts, cairo + pango.
// Laid out like the register extracts councils sign: the body and its address
// at the top left, the prefecture acknowledgement box at the top right, the
// heading, the box of counts, the attendance, the item, the decision, the vote,
// the signature, and the journal digest at the foot. Flows onto more pages when
// long; every page carries the prefecture's stamp box (ACTES identifier and the
// receipt date, or room for the stamp), "page n / N", and on a draft "PROJET".
// The signature never stands alone on a page: the paragraph before it keeps
// at least its last lines on the signature's page.
#include <cairo-pdf.h>
#include <fmt/format.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <memory>

#include "client/record/french.hpp"
#include "client/record/record.hpp"
#include "client/record/render.hpp"

namespace scrutin::record {

namespace {

constexpr double kPageW = 595.276;  // A4 in points
constexpr double kPageH = 841.890;
constexpr double kLeft = 56.7;      // 2 cm
constexpr double kRight = 56.7;
constexpr double kTop = 48.0;
constexpr double kBottom = 62.0;    // room for the footer
constexpr double kWidth = kPageW - kLeft - kRight;
constexpr const char* kSans = "DejaVu Sans";
constexpr const char* kMono = "DejaVu Sans Mono";
constexpr double kStampWidth = 200;     // the prefecture's box, top right of every page
constexpr double kStampMinHeight = 44;  // room for the ACTES platform's stamp

std::string esc(const std::string& s) {
  std::unique_ptr<gchar, decltype(&g_free)> e(g_markup_escape_text(s.c_str(), static_cast<gssize>(s.size())), &g_free);
  return e.get();
}

struct Style {
  double size = 9.0;
  bool bold = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  const char* family = kSans;
  double grey = 0.0;  // 0 black .. 1 white
  double indent = 0;  // hanging indent when negative (points)
};

// Lays out one document; run twice: once to count the pages, once to draw.
class Page {
 public:
  // `draft`: the banner of a draft ("PROJET ..."), empty for an official extract.
  Page(cairo_t* cr, const pb::DeliberationRecord& d, int total_pages, std::string draft)
      : cr_(cr), d_(d), total_(total_pages), draft_(std::move(draft)) {}

  double y() const { return y_; }
  int pages() const { return page_; }
  void space(double pts) { y_ += pts; }
  double bottom() const { return kPageH - kBottom; }

  // Starts a new page if less than `pts` are left.
  void need(double pts) {
    if (y_ + pts > bottom()) new_page();
  }

  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(const std::string& markup, const Style& st,
                                                                 double width) {
    std::unique_ptr<PangoLayout, decltype(&g_object_unref)> l(pango_cairo_create_layout(cr_), &g_object_unref);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, st.family);
    pango_font_description_set_absolute_size(font, st.size * PANGO_SCALE);
    if (st.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), st.align);
    pango_layout_set_justify(l.get(), st.justify);
    if (st.indent != 0) pango_layout_set_indent(l.get(), static_cast<int>(st.indent * PANGO_SCALE));
    pango_layout_set_markup(l.get(), markup.c_str(), -1);
    return l;
  }

  static double height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return h / static_cast<double>(PANGO_SCALE);
  }

  // Draws a paragraph line by line from the cursor, breaking pages between lines.
  // `keep_with_next` (points): what follows must share the page with the
  // paragraph's last lines (its last two, or all of a paragraph of three lines
  // or fewer), so those lines go to the next page when it would not fit.
  void flow(const std::string& markup, const Style& st = {}, double x = kLeft, double width = kWidth, double after = 5.0,
            double keep_with_next = 0) {
    auto l = layout(markup, st, width);
    cairo_set_source_rgb(cr_, st.grey, st.grey, st.grey);
    const int lines = pango_layout_get_line_count(l.get());
    const int kept_from = keep_with_next > 0 ? (lines <= 3 ? 0 : lines - 2) : lines;
    const double total_h = height(l.get());
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    double offset = 0;  // layout y drawn at the top of the current page part
    double end = 0;
    int index = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double top = logical.y / double(PANGO_SCALE), h = logical.height / double(PANGO_SCALE);
      const bool tail_fits_here = y_ + (total_h - offset) + after + keep_with_next <= bottom();
      const bool break_for_tail = index == kept_from && !tail_fits_here && index > 0;
      const bool whole_moves = index == 0 && kept_from == 0 && !tail_fits_here && y_ > first_line_y();
      if (y_ + (top - offset) + h > bottom() || break_for_tail || whole_moves) {
        y_ += end - offset;
        new_page();
        cairo_set_source_rgb(cr_, st.grey, st.grey, st.grey);
        offset = top;
      }
      const double baseline = pango_layout_iter_get_baseline(it) / double(PANGO_SCALE);
      cairo_move_to(cr_, x + logical.x / double(PANGO_SCALE), y_ + baseline - offset);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      end = top + h;
      ++index;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    y_ += end - offset + after;
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  // Draws a laid-out block at (x, y) without moving the cursor.
  void put(PangoLayout* l, double x, double y, double grey = 0) {
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  void rule(double x0, double x1, double width = 0.6) {
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x0, y_);
    cairo_line_to(cr_, x1, y_);
    cairo_stroke(cr_);
  }

  void box(double x, double y, double w, double h, double line = 0.8, double fill = -1) {
    cairo_rectangle(cr_, x, y, w, h);
    if (fill >= 0) {
      cairo_set_source_rgb(cr_, fill, fill, fill);
      cairo_fill_preserve(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    cairo_set_line_width(cr_, line);
    cairo_stroke(cr_);
  }

  void finish() { footer(); }

  // The prefecture's box at the top right of every page: the ACTES identifier,
  // the receipt and publication dates once known, else room for the stamp.
  // Returns its height.
  double stamp_box(double top) {
    const double bx = kPageW - kRight - kStampWidth;
    std::string ar = "<b>Accusé de réception en préfecture</b>\n<span font_family=\"" + std::string(kMono) +
                     "\" size=\"7000\">" + esc(d_.acts_id()) + "</span>";
    if (d_.prefecture_received().empty())
      ar += "\n<span foreground=\"#777777\">Reçu le : ____ / ____ / ________</span>";
    for (const std::string& line : prefecture_lines(d_)) ar += "\n" + esc(line);
    auto l = layout(ar, Style{7.5}, kStampWidth - 12);
    const double h = std::max(height(l.get()) + 10, kStampMinHeight);
    box(bx, top, kStampWidth, h, 0.7);
    put(l.get(), bx + 6, top + 5);
    return h;
  }

  double first_line_y() const { return page_top_; }
  void set_first_line_y(double y) { page_top_ = y; }

 private:
  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    // Later pages repeat who and what in a thin running head, beside the stamp box.
    const double box_h = stamp_box(kTop);
    Style st{7.5, false, PANGO_ALIGN_LEFT, false, kSans, 0.35};
    auto head = layout(esc(fmt::format("Délibération n° {} (suite) — {} du {}", d_.item().id(), d_.session().body(),
                                       fr::date_words(d_.session().date()))),
                       st, kWidth - kStampWidth - 12);
    put(head.get(), kLeft, kTop, st.grey);
    y_ = kTop + std::max(box_h, height(head.get())) + 6;
    cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
    rule(kLeft, kPageW - kRight, 0.4);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    y_ += 10;
    page_top_ = y_;
  }

  // A draft: "PROJET" across the page, light enough to read the text through.
  void watermark() {
    Style st{96, true, PANGO_ALIGN_CENTER};
    auto l = layout("PROJET", st, kPageW);
    cairo_save(cr_);
    cairo_translate(cr_, kPageW / 2, kPageH / 2);
    cairo_rotate(cr_, -0.95);
    cairo_set_source_rgba(cr_, 0.55, 0.55, 0.55, 0.22);
    cairo_move_to(cr_, -kPageW / 2, -height(l.get()) / 2);
    pango_cairo_show_layout(cr_, l.get());
    cairo_restore(cr_);
  }

  void footer() {
    if (!draft_.empty()) watermark();
    const double y = kPageH - kBottom + 24;
    cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr_, 0.4);
    cairo_move_to(cr_, kLeft, y - 4);
    cairo_line_to(cr_, kPageW - kRight, y - 4);
    cairo_stroke(cr_);
    Style st{7.0, false, PANGO_ALIGN_LEFT, false, kSans, 0.3};
    auto left = layout(esc(fmt::format("{}Extrait du registre — n° {} — {}", draft_.empty() ? "" : "PROJET — ",
                                       d_.item().id(), d_.acts_id())),
                       st, kWidth);
    put(left.get(), kLeft, y, 0.3);
    st.align = PANGO_ALIGN_RIGHT;
    auto right = layout(esc(total_ > 0 ? fmt::format("page {} / {}", page_, total_) : fmt::format("page {}", page_)), st, kWidth);
    put(right.get(), kLeft, y, 0.3);
  }

  cairo_t* cr_;
  const pb::DeliberationRecord& d_;
  int total_;
  std::string draft_;
  int page_ = 1;
  double y_ = kTop;
  double page_top_ = kTop;  // where the text starts on this page, below the running head
};

std::string b(const std::string& s) { return "<b>" + esc(s) + "</b>"; }

// A list of names "Claude GOUILLON-CHENOT, Jany BROUSSE." never breaks inside a
// name: each name is a span where pango may not break lines; lines break only
// after the commas. The characters stay plain (spaces, U+002D hyphens) so that
// the PDF's text is searchable: "Jean-Pierre" is found as typed.
std::string names_unbroken(const std::string& list) {
  std::string out;
  std::size_t a = 0;
  while (a < list.size()) {
    auto b = list.find(", ", a);
    if (b == std::string::npos) b = list.size();
    out += "<span allow_breaks=\"false\">" + esc(list.substr(a, b - a)) + "</span>";
    if (b < list.size()) out += ", ";
    a = b + 2;
  }
  return out;
}

void draw_header(Page& p, const pb::DeliberationRecord& d) {
  const pb::SessionInfo& s = d.session();
  const double top = p.y();
  // Left: the body and its address.
  std::string addr = b(s.body_name());
  for (const std::string& line : fr::lines(s.body_address())) addr += "\n" + esc(line);
  auto left = p.layout(addr, Style{8.5}, kWidth - kStampWidth - 12);
  p.put(left.get(), kLeft, top);
  double left_h = Page::height(left.get());

  // Right: the prefecture acknowledgement box (ACTES id always; dates when filled).
  const double box_h = p.stamp_box(top);
  p.space(std::max(left_h, box_h) + 14);
}

void draw_count_box(Page& p, const pb::DeliberationRecord& d) {
  const auto cells = count_box(d);
  const double cw = kWidth / static_cast<double>(cells.size());
  // Each cell: the label (small, wrapped) above the number (large).
  double label_h = 0;
  std::vector<std::unique_ptr<PangoLayout, decltype(&g_object_unref)>> labels, numbers;
  for (const auto& [what, n] : cells) {
    labels.push_back(p.layout(esc(what), Style{7.5, false, PANGO_ALIGN_CENTER}, cw - 8));
    numbers.push_back(p.layout(esc(std::to_string(n)), Style{15, true, PANGO_ALIGN_CENTER}, cw - 8));
    label_h = std::max(label_h, Page::height(labels.back().get()));
  }
  const double h = 6 + label_h + 4 + Page::height(numbers.front().get()) + 6;
  p.need(h + 8);
  const double top = p.y();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const double x = kLeft + cw * static_cast<double>(i);
    p.box(x, top, cw, h, 0.8, i + 1 == cells.size() ? 0.90 : 0.97);
    p.put(labels[i].get(), x + 4, top + 6);
    p.put(numbers[i].get(), x + 4, top + 6 + label_h + 4);
  }
  p.space(h + 12);
}

void draw_vote_table(Page& p, const pb::DeliberationRecord& d) {
  const auto rows = vote_counts(d);
  const double row_h = 14.5, w = 250, x = kLeft;
  const double h = row_h * static_cast<double>(rows.size()) + 4;
  p.need(h + 10);
  const double top = p.y();
  p.box(x, top, w, h, 0.8);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [what, n] = rows[i];
    const bool strong = what == "TOTAL VOTANTS" || what == "TOTAL DES VOIX EXPRIMÉES";
    const double ry = top + 2 + row_h * static_cast<double>(i);
    if (strong) {
      p.box(x, ry, w, row_h, 0.0, 0.92);
    }
    auto l = p.layout(esc(what), Style{8.5, strong}, w - 70);
    auto r = p.layout(esc(std::to_string(n)), Style{9, true, PANGO_ALIGN_RIGHT}, 50);
    p.put(l.get(), x + 6, ry + 2);
    p.put(r.get(), x + w - 56, ry + 2);
  }
  p.space(h + 10);
}

void draw(Page& p, const pb::DeliberationRecord& d, const std::string& draft) {
  const pb::SessionInfo& s = d.session();
  draw_header(p, d);
  if (!draft.empty()) p.flow(b(draft), Style{9.5, false, PANGO_ALIGN_CENTER}, kLeft, kWidth, 8);
  p.flow(b(extract_heading(d)), Style{11, false, PANGO_ALIGN_CENTER}, kLeft, kWidth, 4);
  p.flow(b("N° " + d.item().id()), Style{11, false, PANGO_ALIGN_CENTER}, kLeft, kWidth, 6);
  p.rule(kLeft + 120, kPageW - kRight - 120, 0.6);
  p.space(8);
  p.flow(b(sitting_heading(d)), Style{10.5, false, PANGO_ALIGN_CENTER}, kLeft, kWidth, 8);
  p.flow(esc(presided_line(d)), Style{9}, kLeft, kWidth, 1);
  p.flow(esc(convocation_line(s)), Style{9}, kLeft, kWidth, 10);
  draw_count_box(p, d);
  p.flow(esc(convened_sentence(d)), Style{9, false, PANGO_ALIGN_LEFT, true});
  for (const AttendanceLine& a : attendance_lines(d))
    p.flow(b(a.label + fr::kNbsp + ":") + (a.block ? "\n" + esc(a.text) : " " + names_unbroken(a.text)),
           Style{9});  // ragged right: justifying would stretch the spaces inside names
  p.flow(esc(quorum_line(d)), Style{9});
  p.flow(b(fr::label("Secrétaire de séance")) + esc(d.secretary_name()), Style{9}, kLeft, kWidth, 12);

  p.need(70);  // keep the title with the rapporteur and the first lines
  p.flow(b(fr::typeset(d.item().title())), Style{11}, kLeft, kWidth, 4);
  if (!rapporteur_line(d).empty()) p.flow("<i>" + esc(rapporteur_line(d)) + "</i>", Style{9}, kLeft, kWidth, 10);
  for (const std::string& para : fr::lines(d.item().text())) p.flow(esc(fr::typeset(para)), Style{9, false, PANGO_ALIGN_LEFT, true});
  p.space(2);
  struct Para {
    std::string markup;
    Style style;
    double after;
  };
  std::vector<Para> tail;
  if (d.has_election()) {
    // An election: the rounds in the usual form, then the signature.
    for (const std::string& para : election_paragraphs(d)) {
      const bool heading = para.find("TOUR DE SCRUTIN") != std::string::npos;
      const bool proclaimed = para.find("proclamé") != std::string::npos || para.find("désigné(e)") != std::string::npos;
      tail.push_back({heading || proclaimed ? b(fr::typeset(para)) : esc(fr::typeset(para)),
                      Style{heading ? 10.0 : 9.0}, heading ? 3.0 : 6.0});
    }
  } else {
  p.flow(esc("Ayant entendu l'exposé qui précède,"), Style{9});
  p.flow(b(deliberated_sentence(d)), Style{9}, kLeft, kWidth, 6);
  for (const std::string& line : decision_lines(d)) {
    // The verb that opens each article in bold, as registers print it.
    const auto space = line.find(' ');
    const std::string markup = space == std::string::npos ? b(line) : b(line.substr(0, space)) + esc(line.substr(space));
    p.flow("–" + std::string(fr::kNbsp) + markup, Style{9, false, PANGO_ALIGN_LEFT, true, kSans, 0, -10}, kLeft + 18, kWidth - 18, 4);
  }
  p.space(8);
  p.flow(esc(fr::label("Mode de scrutin") + fr::mode_words(d.mode())), Style{8.5}, kLeft, kWidth, 6);
  draw_vote_table(p, d);
  if (!weighted_line(d).empty()) p.flow(esc(weighted_line(d)), Style{8.5});
  // The result, the names and the notes, then the signature: the last of
  // these paragraphs keeps its last lines on the signature's page.
  tail.push_back({esc(fr::typeset(fr::majority_line(d) + ".")), Style{8.5}, 5});
  tail.push_back({b(fr::outcome_sentence(d)), Style{10}, 8});
  for (const auto& [what, who] : names_by_direction(d)) tail.push_back({b(fr::label(what)) + names_unbroken(who), Style{8.5}, 5});
  if (!secret_note(d).empty()) tail.push_back({"<i>" + esc(fr::typeset(secret_note(d))) + "</i>", Style{8.5}, 5});
  if (!clerk_note(d).empty()) tail.push_back({"<i>" + esc(clerk_note(d)) + "</i>", Style{8.5}, 5});
  }  // a motion

  // Signature: right half of the page.
  const auto sig = signature_lines(d);
  const std::string signature = esc(sig[0]) + "\n\n" + esc(sig[1]) + "\n\n\n" + b(sig[2]);
  const double signature_gap = 10;
  const double signature_h = Page::height(p.layout(signature, Style{9}, kWidth / 2).get());
  for (std::size_t i = 0; i < tail.size(); ++i)
    p.flow(tail[i].markup, tail[i].style, kLeft, kWidth, tail[i].after,
           i + 1 == tail.size() ? signature_gap + signature_h : 0);
  p.space(signature_gap);
  p.need(signature_h);
  p.flow(signature, Style{9}, kLeft + kWidth / 2, kWidth / 2, 18);

  // The journal digest at the foot of the text.
  p.need(40);
  p.rule(kLeft, kPageW - kRight, 0.4);
  p.space(4);
  const std::string digest = d.journal_digest().empty() ? "non disponible" : d.journal_digest();
  p.flow(esc("Journal de séance — empreinte SHA-256 de l'événement de clôture du scrutin, vérifiable par « scrutinctl verify »" +
             std::string(fr::kNbsp) + ":"),
         Style{7, false, PANGO_ALIGN_LEFT, false, kSans, 0.25}, kLeft, kWidth, 1);
  p.flow(esc(digest), Style{7.5, false, PANGO_ALIGN_LEFT, false, kMono, 0.1}, kLeft, kWidth, 0);
  p.finish();
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

// Renders on `surface`; returns the number of pages.
int render(cairo_surface_t* surface, const pb::DeliberationRecord& d, int total, const std::string& draft) {
  cairo_t* cr = cairo_create(surface);
  Page page(cr, d, total, draft);
  draw(page, d, draft);
  cairo_show_page(cr);
  const int pages = page.pages();
  cairo_destroy(cr);
  return pages;
}

}  // namespace

std::expected<void, std::string> extract_pdf(const pb::SessionRecord& record, const std::string& item_id,
                                             const std::string& pdf_path, const Options& options) {
  const pb::DeliberationRecord* d = find_deliberation(record, item_id);
  if (!d) return std::unexpected(missing_deliberation(record, item_id));
  const auto missing = missing_fields(*d);
  if (!missing.empty() && !options.draft) return std::unexpected(missing_sentence(missing));
  const std::string draft = options.draft ? draft_banner(missing) : "";

  // First pass into nowhere to count the pages for "page n / N".
  cairo_surface_t* count = cairo_pdf_surface_create_for_stream(&discard, nullptr, kPageW, kPageH);
  const int total = render(count, *d, 0, draft);
  cairo_surface_destroy(count);

  cairo_surface_t* surface = cairo_pdf_surface_create(pdf_path.c_str(), kPageW, kPageH);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return std::unexpected(fmt::format("cannot write {}: {}", pdf_path, why));
  }
  const std::string title = fmt::format("{}Extrait du registre des délibérations — n° {}", draft.empty() ? "" : "PROJET — ",
                                        d->item().id());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d->session().body_name().c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, d->acts_id().c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Scrutin");
  render(surface, *d, total, draft);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return std::unexpected(fmt::format("cannot write {}: {}", pdf_path, cairo_status_to_string(status)));
  return {};
}

}  // namespace scrutin::record
