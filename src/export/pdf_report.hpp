#pragma once
// The debrief report's page layout (libharu): fonts, colours, the A4 page with its running footer, and
// the pieces a section is made of (headings, paragraphs, bullets, tables, charts). Used by
// pdf_writer.cpp, which writes the sections; not for use outside src/export.
#include "domain/debrief_figures.hpp"
#include "domain/referral_check.hpp"
#include "domain/utf8.hpp"
#include "export/debrief_export.hpp"
#include "export/output_files.hpp"
#include "os/paths.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <hpdf.h>
#include <optional>
#include <string_view>

namespace rc::exports::pdf {

constexpr float kPageWidth = 595.0f; // A4, points
constexpr float kPageHeight = 842.0f;
constexpr float kMargin = 50.0f;
constexpr float kBottom = 60.0f; // above the footer
constexpr float kTextWidth = kPageWidth - 2 * kMargin;
constexpr std::size_t kMaxListed = 40; // alerts, log entries and actions listed before "and N more"
constexpr float kChartHeight = 140.0f;

struct Rgb {
    float r, g, b;
};
constexpr Rgb kInk{0.1f, 0.1f, 0.12f};
constexpr Rgb kMuted{0.4f, 0.4f, 0.45f};
constexpr Rgb kAccent{0.16f, 0.35f, 0.6f};
constexpr Rgb kWarning{0.7f, 0.1f, 0.1f};
constexpr Rgb kGrid{0.8f, 0.8f, 0.83f};

struct PdfErrors {
    HPDF_STATUS first = HPDF_OK;
    HPDF_STATUS detail = 0;
};

inline void on_pdf_error(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
    auto* errors = static_cast<PdfErrors*>(user);
    if (errors->first == HPDF_OK) {
        errors->first = error;
        errors->detail = detail;
    }
}

// DejaVu Sans, from os::font_folders() (Debian's fonts-dejavu-core, or the fonts folder the Windows
// build ships beside the program), as a path libharu's fopen() can open.
inline std::optional<std::string> report_font(std::string_view file_name) {
    const auto found = os::find_font(file_name);
    if (!found) return std::nullopt;
    return os::path_for_c_library(*found);
}

inline std::string local(UnixSeconds t, const char* format = "%Y-%m-%d %H:%M") {
    return format_local_time(t, format);
}

inline std::string shown_count(int n, bool suppress) {
    return count_display(n, suppress);
}

inline std::string actions(int n) {
    return std::to_string(n) + (n == 1 ? " action" : " actions");
}

inline std::string figure(const DebriefData& d, std::string_view key) {
    const Figure* f = find_figure(d.summary, key);
    return f ? f->display : "—";
}

class Report {
public:
    Report(const DebriefData& data, const std::filesystem::path& path) : data_(data), path_(path) {
        pdf_ = HPDF_New(on_pdf_error, &errors_);
        if (!pdf_) throw store::StoreError(store::ErrorKind::Io, "Could not start the PDF report.");
        HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(pdf_);
        const std::optional<std::string> regular = report_font("DejaVuSans.ttf");
        if (!regular)
            throw store::StoreError(
                store::ErrorKind::NotFound,
                "The report's font (DejaVu Sans) is not installed, so the PDF was not made.",
                "Install the fonts-dejavu-core package, or export another format.");
        const std::optional<std::string> bold = report_font("DejaVuSans-Bold.ttf");
        font_ = HPDF_GetFont(pdf_, HPDF_LoadTTFontFromFile(pdf_, regular->c_str(), HPDF_TRUE), "UTF-8");
        bold_ = bold ? HPDF_GetFont(pdf_, HPDF_LoadTTFontFromFile(pdf_, bold->c_str(), HPDF_TRUE), "UTF-8")
                     : font_;
        fail_if_error("loading the font");
        const std::string title = "Debrief: " + data.centre_name + " (" + data.centre_code + ")";
        HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, title.c_str());
        HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, "Reception Console " RC_VERSION);
        new_page();
    }
    ~Report() { HPDF_Free(pdf_); }
    Report(const Report&) = delete;
    Report& operator=(const Report&) = delete;

    void save() {
        HPDF_SaveToFile(pdf_, os::path_for_c_library(path_).c_str());
        fail_if_error("saving");
    }

    // ---- text
    void title(const std::string& text) {
        line(text, bold_, 18, kInk);
        y_ -= 4;
    }
    // `keep_with`: the height of what follows, kept on the same page as the heading.
    void heading(const std::string& text, float keep_with = 40) {
        ensure(keep_with + 24);
        y_ -= 10;
        line(text, bold_, 13, kAccent);
        HPDF_Page_SetRGBStroke(page_, kAccent.r, kAccent.g, kAccent.b);
        HPDF_Page_SetLineWidth(page_, 0.6f);
        HPDF_Page_MoveTo(page_, kMargin, y_ + 2);
        HPDF_Page_LineTo(page_, kMargin + kTextWidth, y_ + 2);
        HPDF_Page_Stroke(page_);
        y_ -= 6;
    }
    void paragraph(const std::string& text, Rgb colour = kInk, float size = 10, HPDF_Font font = nullptr) {
        for (const std::string& l : wrap(text, font ? font : font_, size, kTextWidth))
            line(l, font ? font : font_, size, colour);
        y_ -= 3;
    }
    void bullet(const std::string& text, Rgb colour = kInk) {
        const auto lines = wrap(text, font_, 10, kTextWidth - 12);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            ensure(13);
            if (i == 0) draw(kMargin + 2, y_ - 10, "•", font_, 10, colour);
            draw(kMargin + 12, y_ - 10, lines[i], font_, 10, colour);
            y_ -= 13;
        }
    }
    // Rows of cells at fixed x offsets (from the margin); the first row in bold when `header`.
    void table(const std::vector<float>& columns, const std::vector<std::vector<std::string>>& rows,
               bool header = true) {
        for (std::size_t r = 0; r < rows.size(); ++r) {
            ensure(14);
            const bool head = header && r == 0;
            for (std::size_t c = 0; c < rows[r].size() && c < columns.size(); ++c) {
                const float width = (c + 1 < columns.size() ? columns[c + 1] : kTextWidth) - columns[c] - 4;
                draw(kMargin + columns[c], y_ - 10, clip(rows[r][c], head ? bold_ : font_, 9, width),
                     head ? bold_ : font_, 9, head ? kMuted : kInk);
            }
            y_ -= 13;
            if (head) {
                HPDF_Page_SetRGBStroke(page_, kGrid.r, kGrid.g, kGrid.b);
                HPDF_Page_SetLineWidth(page_, 0.5f);
                HPDF_Page_MoveTo(page_, kMargin, y_ + 2);
                HPDF_Page_LineTo(page_, kMargin + kTextWidth, y_ + 2);
                HPDF_Page_Stroke(page_);
            }
        }
        y_ -= 4;
    }

    // ---- charts
    void bar_chart(const std::vector<HourCount>& hours) {
        constexpr float kHeight = kChartHeight;
        ensure(kHeight + 40);
        const float left = kMargin + 28, width = kTextWidth - 28, bottom = y_ - kHeight - 6;
        int peak = 1;
        for (const HourCount& h : hours)
            peak = std::max(peak, h.count);
        axes(left, bottom, width, kHeight, peak);
        const float slot = width / static_cast<float>(hours.size());
        const std::size_t label_every =
            std::max<std::size_t>(1, hours.size() / 12 + (hours.size() % 12 ? 1 : 0));
        HPDF_Page_SetRGBFill(page_, kAccent.r, kAccent.g, kAccent.b);
        for (std::size_t i = 0; i < hours.size(); ++i) {
            const float h = kHeight * static_cast<float>(hours[i].count) / static_cast<float>(peak);
            const float x = left + slot * static_cast<float>(i) + slot * 0.15f;
            if (h > 0) {
                HPDF_Page_Rectangle(page_, x, bottom, slot * 0.7f, h);
                HPDF_Page_Fill(page_);
            }
        }
        for (std::size_t i = 0; i < hours.size(); i += label_every)
            draw(left + slot * static_cast<float>(i) + slot * 0.15f, bottom - 11,
                 local(hours[i].hour_start, "%H:00"), font_, 7, kMuted);
        y_ = bottom - 22;
    }

    void line_chart(const std::vector<OnSitePoint>& points, UnixSeconds until) {
        constexpr float kHeight = kChartHeight;
        ensure(kHeight + 40);
        const float left = kMargin + 28, width = kTextWidth - 28, bottom = y_ - kHeight - 6;
        const UnixSeconds t0 = points.front().at;
        const UnixSeconds t1 = std::max(until, points.back().at + 60);
        const int peak = std::max(1, peak_on_site(points));
        axes(left, bottom, width, kHeight, peak);
        const auto x_of = [&](UnixSeconds t) {
            return left + width * static_cast<float>(t - t0) / static_cast<float>(t1 - t0);
        };
        const auto y_of = [&](int n) {
            return bottom + kHeight * static_cast<float>(n) / static_cast<float>(peak);
        };
        HPDF_Page_SetRGBStroke(page_, kAccent.r, kAccent.g, kAccent.b);
        HPDF_Page_SetLineWidth(page_, 1.4f);
        HPDF_Page_MoveTo(page_, x_of(t0), y_of(0));
        int level = 0;
        for (const OnSitePoint& p : points) {
            HPDF_Page_LineTo(page_, x_of(p.at), y_of(level));
            HPDF_Page_LineTo(page_, x_of(p.at), y_of(p.on_site));
            level = p.on_site;
        }
        HPDF_Page_LineTo(page_, x_of(t1), y_of(level));
        HPDF_Page_Stroke(page_);
        constexpr int kTicks = 6;
        for (int i = 0; i <= kTicks; ++i) {
            const UnixSeconds t = t0 + (t1 - t0) * i / kTicks;
            draw(x_of(t) - 10, bottom - 11, local(t, "%H:%M"), font_, 7, kMuted);
        }
        y_ = bottom - 22;
    }

    const DebriefData& data() const { return data_; }

private:
    void new_page() {
        page_ = HPDF_AddPage(pdf_);
        HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        ++pages_;
        y_ = kPageHeight - kMargin;
        const bool named = data_.mode == DebriefMode::Identifiable;
        const std::string footer = "Debrief " + data_.centre_code + " · " +
                                   (named ? "IDENTIFIABLE: contains names, keep secure" : "Pseudonymised") +
                                   " · page " + std::to_string(pages_);
        draw(kMargin, 30, footer, font_, 8, named ? kWarning : kMuted);
    }
    void ensure(float height) {
        if (y_ - height < kBottom) new_page();
    }
    void line(const std::string& text, HPDF_Font font, float size, Rgb colour) {
        ensure(size + 4);
        draw(kMargin, y_ - size, text, font, size, colour);
        y_ -= size + 4;
    }
    void draw(float x, float y, const std::string& text, HPDF_Font font, float size, Rgb colour) {
        if (text.empty()) return;
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font, size);
        HPDF_Page_SetRGBFill(page_, colour.r, colour.g, colour.b);
        HPDF_Page_TextOut(page_, x, y, text.c_str());
        HPDF_Page_EndText(page_);
    }
    float width_of(const std::string& text, HPDF_Font font, float size) const {
        const HPDF_TextWidth w = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                                     static_cast<HPDF_UINT>(text.size()));
        return static_cast<float>(w.width) * size / 1000.0f;
    }
    // Cut to fit `width`, ending in "…" when cut.
    std::string clip(const std::string& text, HPDF_Font font, float size, float width) {
        if (width_of(text, font, size) <= width) return text;
        std::string out;
        for (std::size_t at = 0; at < text.size();) {
            const std::size_t n = decode_utf8(text, at).length;
            if (width_of(out + text.substr(at, n) + "…", font, size) > width) break;
            out += text.substr(at, n);
            at += n;
        }
        return out + "…";
    }
    std::vector<std::string> wrap(const std::string& text, HPDF_Font font, float size, float width) {
        std::vector<std::string> lines;
        std::string current;
        std::size_t at = 0;
        while (at <= text.size()) {
            const std::size_t space = std::min(text.find(' ', at), text.size());
            const std::string word = text.substr(at, space - at);
            const std::string candidate = current.empty() ? word : current + " " + word;
            if (!current.empty() && width_of(candidate, font, size) > width) {
                lines.push_back(current);
                current = word;
            } else {
                current = candidate;
            }
            while (width_of(current, font, size) > width && current.size() > 1) {
                // One word wider than the line: cut it.
                const std::string cut = clip(current, font, size, width);
                std::size_t kept = cut.size() - std::string("…").size();
                if (kept == 0) kept = decode_utf8(current, 0).length;
                lines.push_back(current.substr(0, kept));
                current = current.substr(kept);
            }
            at = space + 1;
        }
        if (!current.empty() || lines.empty()) lines.push_back(current);
        return lines;
    }
    void axes(float left, float bottom, float width, float height, int peak) {
        HPDF_Page_SetRGBStroke(page_, kGrid.r, kGrid.g, kGrid.b);
        HPDF_Page_SetLineWidth(page_, 0.5f);
        for (int i = 0; i <= 2; ++i) {
            const float y = bottom + height * static_cast<float>(i) / 2.0f;
            HPDF_Page_MoveTo(page_, left, y);
            HPDF_Page_LineTo(page_, left + width, y);
            HPDF_Page_Stroke(page_);
            const int value = static_cast<int>(std::lround(static_cast<double>(peak) * i / 2.0));
            draw(kMargin, y - 3, std::to_string(value), font_, 7, kMuted);
        }
    }
    void fail_if_error(const char* doing) {
        if (errors_.first == HPDF_OK) return;
        char code[32];
        std::snprintf(code, sizeof code, "0x%04X/%u", static_cast<unsigned>(errors_.first),
                      static_cast<unsigned>(errors_.detail));
        throw store::StoreError(store::ErrorKind::Io,
                                "Could not write the report " + os::path_to_utf8(path_) + " (libharu error " +
                                    code + " while " + doing + ").",
                                "Check the folder can be written to and has space, then export again.");
    }

    const DebriefData& data_;
    std::filesystem::path path_;
    PdfErrors errors_;
    HPDF_Doc pdf_ = nullptr;
    HPDF_Font font_ = nullptr;
    HPDF_Font bold_ = nullptr;
    HPDF_Page page_ = nullptr;
    int pages_ = 0;
    float y_ = 0;
};

} // namespace rc::exports::pdf
