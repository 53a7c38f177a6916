#pragma once
// A few drawing primitives of the PDF reports over cairo's PDF surface, text laid out by
// pango (fonts found by fontconfig, embedded as subsets by cairo): text lines, a table, a
// histogram and a pie. A4 portrait, units in PostScript points.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ews::exporting::detail {

struct Colour {
  double red = 0.0, green = 0.0, blue = 0.0;
  /// "#RRGGBB" (a tariff's colour); grey for another text.
  static Colour parse(const std::string& hex);
};

struct PieSlice {
  std::string label;
  double value = 0.0;
  Colour colour;
};

class PdfCanvas {
 public:
  static constexpr double kWidth = 595.0;   ///< A4
  static constexpr double kHeight = 842.0;
  static constexpr double kMargin = 48.0;

  /// The document is written to `out` as it is drawn, page by page; numbers drawn by the
  /// charts use `decimalSeparator` (the site's, as the tables).
  PdfCanvas(std::ostream& out, char decimalSeparator);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  /// Writes `text` at the cursor and moves it down; size in points.
  void line(const std::string& text, double size, bool bold = false);
  void skip(double points) { y_ += points; }
  /// Starts a new page when less than `points` remain on this one.
  void need(double points);
  void newPage();
  /// A table: a header row then rows; `widths` in points, the first column left-aligned, the
  /// others right-aligned (numbers).
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<double>& widths);
  /// A histogram of `values` (none: no bar) with a label under each bar, `height` points high.
  void histogram(const std::string& title, const std::vector<std::optional<double>>& values,
                 const std::vector<std::string>& labels, const std::string& unit, double height);
  /// A pie of `slices` with its legend beside; nothing when they add up to nothing.
  void pie(const std::string& title, const std::vector<PieSlice>& slices, const std::string& unit, double height);
  /// Closes the document (the surface's last bytes reach `out`).
  void finish();

 private:
  /// Draws `text` with its left edge (or right edge when `alignRight`) at x, top at y; returns its height.
  double text(const std::string& text, double x, double y, double size, bool bold, bool alignRight = false,
              double maxWidth = 0.0);

  std::string number(double value, int decimals) const;

  char decimal_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double y_ = kMargin;
  bool finished_ = false;
};

}  // namespace ews::exporting::detail
