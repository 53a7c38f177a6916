#include "pdf_canvas.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <ostream>
#include <stdexcept>

namespace ews::exporting::detail {

namespace {
constexpr const char* kFont = "DejaVu Sans";
constexpr Colour kBarColour{0.13, 0.45, 0.71};
constexpr Colour kGrey{0.55, 0.55, 0.55};

cairo_status_t writeToStream(void* closure, const unsigned char* data, unsigned int length) {
  auto& out = *static_cast<std::ostream*>(closure);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(length));
  return out ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

void setColour(cairo_t* cr, const Colour& colour) { cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue); }
}  // namespace

Colour Colour::parse(const std::string& hex) {
  unsigned red = 0, green = 0, blue = 0;
  if (hex.size() != 7 || hex[0] != '#' || std::sscanf(hex.c_str() + 1, "%2x%2x%2x", &red, &green, &blue) != 3) return kGrey;
  return {red / 255.0, green / 255.0, blue / 255.0};
}

PdfCanvas::PdfCanvas(std::ostream& out, char decimalSeparator) : decimal_(decimalSeparator) {
  surface_ = cairo_pdf_surface_create_for_stream(writeToStream, &out, kWidth, kHeight);
  cr_ = cairo_create(surface_);
  if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(fmt::format("PDF: {}", cairo_status_to_string(cairo_status(cr_))));
  }
}

std::string PdfCanvas::number(double value, int decimals) const {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  std::replace(text.begin(), text.end(), '.', decimal_);
  return text;
}

PdfCanvas::~PdfCanvas() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

double PdfCanvas::text(const std::string& content, double x, double y, double size, bool bold, bool alignRight,
                       double maxWidth) {
  PangoLayout* layout = pango_cairo_create_layout(cr_);
  PangoFontDescription* font = pango_font_description_from_string(kFont);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_text(layout, content.c_str(), -1);
  if (maxWidth > 0.0) {
    pango_layout_set_width(layout, static_cast<int>(maxWidth * PANGO_SCALE));
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  }
  int width = 0, height = 0;
  pango_layout_get_size(layout, &width, &height);
  const double widthPt = static_cast<double>(width) / PANGO_SCALE;
  cairo_move_to(cr_, alignRight ? x - widthPt : x, y);
  setColour(cr_, {});
  pango_cairo_show_layout(cr_, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
  return static_cast<double>(height) / PANGO_SCALE;
}

void PdfCanvas::line(const std::string& content, double size, bool bold) {
  need(size * 1.6);
  y_ += text(content, kMargin, y_, size, bold, false, kWidth - 2 * kMargin) + size * 0.3;
}

void PdfCanvas::need(double points) {
  if (y_ + points > kHeight - kMargin) newPage();
}

void PdfCanvas::newPage() {
  cairo_show_page(cr_);
  y_ = kMargin;
}

void PdfCanvas::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                      const std::vector<double>& widths) {
  constexpr double kRow = 15.0;
  constexpr double kSize = 8.5;
  const auto drawRow = [&](const std::vector<std::string>& cells, bool bold) {
    need(kRow);
    double x = kMargin;
    for (std::size_t column = 0; column < cells.size() && column < widths.size(); ++column) {
      if (column == 0) {
        text(cells[column], x + 2, y_ + 2, kSize, bold, false, widths[column] - 4);
      } else {
        text(cells[column], x + widths[column] - 2, y_ + 2, kSize, bold, true);
      }
      x += widths[column];
    }
    cairo_set_line_width(cr_, bold ? 0.8 : 0.3);
    setColour(cr_, kGrey);
    cairo_move_to(cr_, kMargin, y_ + kRow);
    cairo_line_to(cr_, x, y_ + kRow);
    cairo_stroke(cr_);
    y_ += kRow;
  };
  drawRow(header, true);
  for (const auto& row : rows) drawRow(row, false);
  y_ += 8.0;
}

void PdfCanvas::histogram(const std::string& title, const std::vector<std::optional<double>>& values,
                          const std::vector<std::string>& labels, const std::string& unit, double height) {
  need(height + 40.0);
  y_ += text(fmt::format("{} ({})", title, unit), kMargin, y_, 9.5, true) + 4.0;
  double largest = 0.0;
  for (const auto& value : values) largest = std::max(largest, value.value_or(0.0));
  const double axisX = kMargin + 50.0;
  const double width = kWidth - kMargin - axisX;
  const double baseY = y_ + height;
  setColour(cr_, kGrey);
  cairo_set_line_width(cr_, 0.5);
  cairo_move_to(cr_, axisX, y_);
  cairo_line_to(cr_, axisX, baseY);
  cairo_line_to(cr_, axisX + width, baseY);
  cairo_stroke(cr_);
  text(number(largest, 1), axisX - 4, y_ - 4, 7, false, true);
  text("0", axisX - 4, baseY - 8, 7, false, true);
  const double slot = values.empty() ? width : width / static_cast<double>(values.size());
  for (std::size_t index = 0; index < values.size(); ++index) {
    const double x = axisX + slot * static_cast<double>(index);
    if (values[index] && largest > 0.0 && *values[index] > 0.0) {
      const double barHeight = height * *values[index] / largest;
      setColour(cr_, kBarColour);
      cairo_rectangle(cr_, x + slot * 0.15, baseY - barHeight, slot * 0.7, barHeight);
      cairo_fill(cr_);
    }
    // Every label when they fit, else every other one.
    if (index < labels.size() && (slot >= 12.0 || index % 2 == 0)) {
      text(labels[index], x + slot / 2 + 3, baseY + 2, 6.5, false, true);
    }
  }
  y_ = baseY + 16.0;
}

void PdfCanvas::pie(const std::string& title, const std::vector<PieSlice>& slices, const std::string& unit,
                    double height) {
  double total = 0.0;
  for (const auto& slice : slices) total += std::max(0.0, slice.value);
  if (total <= 0.0) return;
  need(height + 30.0);
  y_ += text(title, kMargin, y_, 9.5, true) + 4.0;
  const double radius = height / 2;
  const double centreX = kMargin + 50.0 + radius;
  const double centreY = y_ + radius;
  double angle = -std::numbers::pi / 2;
  double legendY = y_;
  for (const auto& slice : slices) {
    const double share = std::max(0.0, slice.value) / total;
    setColour(cr_, slice.colour);
    cairo_move_to(cr_, centreX, centreY);
    cairo_arc(cr_, centreX, centreY, radius, angle, angle + share * 2 * std::numbers::pi);
    cairo_close_path(cr_);
    cairo_fill(cr_);
    angle += share * 2 * std::numbers::pi;
    const double legendX = centreX + radius + 30.0;
    cairo_rectangle(cr_, legendX, legendY + 2, 8, 8);
    cairo_fill(cr_);
    text(fmt::format("{}: {} {} ({} %)", slice.label, number(slice.value, 2), unit, number(share * 100.0, 1)),
         legendX + 12, legendY, 8.5, false);
    legendY += 14.0;
  }
  y_ = std::max(centreY + radius, legendY) + 14.0;
}

void PdfCanvas::finish() {
  if (finished_) return;
  finished_ = true;
  cairo_surface_finish(surface_);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(fmt::format("PDF: {}", cairo_status_to_string(cairo_surface_status(surface_))));
  }
}

}  // namespace ews::exporting::detail
