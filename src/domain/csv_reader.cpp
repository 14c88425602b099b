#include "domain/csv_reader.hpp"

#include "domain/utf8.hpp"

#include <algorithm>

namespace rc {

namespace {

bool is_line_break(char c) {
    return c == '\n' || c == '\r';
}

class CsvParser {
public:
    CsvParser(std::string_view text, const CsvLimits& limits) : text_(text), limits_(limits) {}

    CsvReadResult run() {
        if (text_.size() > limits_.max_bytes) {
            problem(0, 0,
                    "the file is " + std::to_string(text_.size()) + " bytes; files over " +
                        std::to_string(limits_.max_bytes) + " bytes are not read: split it");
            return std::move(result_);
        }
        if (text_.starts_with("\xFF\xFE") || text_.starts_with("\xFE\xFF")) {
            problem(0, 0, "the file is UTF-16 text: save it as CSV UTF-8");
            return std::move(result_);
        }
        if (text_.starts_with("\xEF\xBB\xBF")) pos_ = line_start_ = 3;
        check_encoding();
        while (!stopped_ && pos_ < text_.size())
            read_record();
        std::stable_sort(result_.problems.begin(), result_.problems.end(),
                         [](const CsvProblem& a, const CsvProblem& b) {
                             return a.line != b.line ? a.line < b.line : a.column < b.column;
                         });
        return std::move(result_);
    }

private:
    // Every line with a byte that is not UTF-8, or a NUL, once per line.
    void check_encoding() {
        std::uint32_t line = 1;
        std::size_t line_start = pos_;
        bool reported = false;
        for (std::size_t i = pos_; i < text_.size() && !stopped_;) {
            const char c = text_[i];
            if (is_line_break(c)) {
                i += (c == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ? 2 : 1;
                ++line;
                line_start = i;
                reported = false;
                continue;
            }
            const Utf8Char u = decode_utf8(text_, i);
            if (!reported && (!u.valid || u.code_point == 0)) {
                problem(line, column_of(line_start, i),
                        u.valid ? "a NUL byte: this looks like a spreadsheet or UTF-16 file, not CSV; "
                                  "save it as CSV UTF-8"
                                : "a byte that is not UTF-8 text: save the file as CSV UTF-8");
                reported = true;
            }
            i += u.length;
        }
    }

    void read_record() {
        if (is_line_break(text_[pos_])) { // a blank line
            skip_line_break();
            return;
        }
        CsvRecord record;
        record.line = line_;
        while (!stopped_) {
            if (record.fields.size() == limits_.max_fields_per_record) {
                problem(line_, column_of(line_start_, pos_),
                        "more than " + std::to_string(limits_.max_fields_per_record) +
                            " fields in one record: is this the right file?");
                stopped_ = true;
                return;
            }
            record.fields.push_back(read_field());
            if (stopped_) return;
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            break;
        }
        if (pos_ < text_.size()) skip_line_break();
        if (result_.records.size() == limits_.max_records) {
            problem(record.line, 0,
                    "more than " + std::to_string(limits_.max_records) + " records: split the file");
            stopped_ = true;
            return;
        }
        result_.records.push_back(std::move(record));
    }

    std::string read_field() {
        std::string field;
        if (pos_ < text_.size() && text_[pos_] == '"') {
            const std::uint32_t open_line = line_;
            const std::uint32_t open_column = column_of(line_start_, pos_);
            ++pos_;
            while (true) {
                if (pos_ >= text_.size()) {
                    problem(open_line, open_column,
                            "a quoted field starts here and is never closed: add the closing quote");
                    stopped_ = true;
                    return field;
                }
                const char c = text_[pos_];
                if (c == '"') {
                    if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                        field += '"';
                        pos_ += 2;
                        continue;
                    }
                    ++pos_;
                    break;
                }
                if (is_line_break(c)) {
                    skip_line_break();
                    field += '\n';
                } else {
                    field += c;
                    ++pos_;
                }
                if (!field_fits(field)) return field;
            }
            if (pos_ < text_.size() && text_[pos_] != ',' && !is_line_break(text_[pos_]))
                problem(line_, column_of(line_start_, pos_),
                        "text after a closing quote: put the whole field in quotes and write each quote "
                        "inside it twice (\"\")");
        }
        bool stray_quote_reported = false;
        while (pos_ < text_.size() && text_[pos_] != ',' && !is_line_break(text_[pos_])) {
            if (text_[pos_] == '"' && !stray_quote_reported) {
                problem(line_, column_of(line_start_, pos_),
                        "a quote inside a field that does not start with one: put the whole field in quotes "
                        "and write each quote inside it twice (\"\")");
                stray_quote_reported = true;
            }
            field += text_[pos_++];
            if (!field_fits(field)) return field;
        }
        return field;
    }

    bool field_fits(const std::string& field) {
        if (field.size() <= limits_.max_field_bytes) return true;
        problem(line_, 0,
                "a field longer than " + std::to_string(limits_.max_field_bytes) +
                    " bytes: is a closing quote missing?");
        stopped_ = true;
        return false;
    }

    // At a line break: steps over it (CRLF as one) and starts the next line.
    void skip_line_break() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }

    // 1-based character column of byte `at` on the line starting at byte `line_start`.
    std::uint32_t column_of(std::size_t line_start, std::size_t at) const {
        std::uint32_t column = 1;
        for (std::size_t i = line_start; i < at; ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0U) != 0x80U) ++column;
        return column;
    }

    void problem(std::uint32_t line, std::uint32_t column, std::string message) {
        if (stopped_) return;
        if (result_.problems.size() == limits_.max_problems) {
            result_.problems.push_back(
                {line, 0,
                 "more than " + std::to_string(limits_.max_problems) + " problems; reading stopped here"});
            stopped_ = true;
            return;
        }
        result_.problems.push_back({line, column, std::move(message)});
    }

    std::string_view text_;
    const CsvLimits& limits_;
    CsvReadResult result_;
    std::size_t pos_ = 0;
    std::size_t line_start_ = 0;
    std::uint32_t line_ = 1;
    bool stopped_ = false;
};

bool needs_quotes(const std::string& field) {
    if (field.empty()) return false;
    if (field.front() == ' ' || field.back() == ' ' || field.front() == '\t' || field.back() == '\t')
        return true;
    return field.find_first_of(",\"\r\n") != std::string::npos;
}

} // namespace

CsvReadResult read_csv(std::string_view text, const CsvLimits& limits) {
    return CsvParser(text, limits).run();
}

std::string format_csv_record(const std::vector<std::string>& fields) {
    if (fields.size() == 1 && fields.front().empty()) return "\"\"";
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        const std::string& f = fields[i];
        if (!needs_quotes(f)) {
            out += f;
            continue;
        }
        out += '"';
        for (char c : f) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    return out;
}

} // namespace rc
