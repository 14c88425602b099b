#include "domain/delivery_note.hpp"

#include "domain/stock_ledger.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>

namespace rc {

namespace {

enum Column : std::size_t { Kind, Store, Quantity, From };
constexpr std::size_t no_column = std::numeric_limits<std::size_t>::max();

std::string normalise_header(std::string_view cell) {
    std::string out = to_lower_ascii(trim_space(cell));
    for (char& c : out)
        if (c == ' ' || c == '-') c = '_';
    return out;
}

std::string quoted(std::string_view value) {
    return "'" + safe_to_show(value, 40) + "'";
}

std::string joined(const auto& ids) {
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty()) out += ", ";
        out += id;
    }
    return out.empty() ? "(none)" : out;
}

class DeliveryParser {
public:
    DeliveryParser(std::string_view text, const DeliveryNoteOptions& options)
        : text_(text), options_(options) {}

    DeliveryNote run() {
        const CsvReadResult csv = read_csv(text_, options_.limits);
        for (const CsvProblem& p : csv.problems)
            error(p.line, "",
                  p.column > 0 ? "at character " + std::to_string(p.column) + ", " + p.message : p.message);
        if (csv.records.empty()) {
            if (csv.problems.empty())
                error(0, "",
                      "the file is empty: a delivery note needs a header row (" +
                          joined(delivery_note_columns) +
                          "), then one row for each kind and store delivered");
            return finish();
        }
        if (!read_header(csv.records.front())) return finish();
        for (std::size_t i = 1; i < csv.records.size(); ++i) {
            // A record the reader found wrong is not checked further: its cells are in doubt.
            const std::uint32_t line = csv.records[i].line;
            const std::uint32_t next_line = i + 1 < csv.records.size()
                                                ? csv.records[i + 1].line
                                                : std::numeric_limits<std::uint32_t>::max();
            const bool read_badly =
                std::any_of(csv.problems.begin(), csv.problems.end(),
                            [&](const CsvProblem& p) { return p.line >= line && p.line < next_line; });
            if (!read_badly) read_row(csv.records[i]);
        }
        if (note_.lines.empty() && note_.errors.empty())
            error(
                0, "",
                "the delivery note has no rows: after the header, one row for each kind and store delivered");
        return finish();
    }

private:
    bool read_header(const CsvRecord& header) {
        for (std::size_t i = 0; i < header.fields.size(); ++i) {
            const std::string name = normalise_header(header.fields[i]);
            const auto known = std::find(delivery_note_columns.begin(), delivery_note_columns.end(), name);
            if (known == delivery_note_columns.end()) {
                if (!name.empty())
                    warning(header.line, safe_to_show(header.fields[i], 40),
                            "unknown column, ignored; the columns are " + joined(delivery_note_columns));
                continue;
            }
            std::size_t& at = column_at_[static_cast<std::size_t>(known - delivery_note_columns.begin())];
            if (at != no_column) {
                error(header.line, name,
                      "appears twice in the header (cells " + std::to_string(at + 1) + " and " +
                          std::to_string(i + 1) + "): remove one");
                continue;
            }
            at = i;
        }
        header_size_ = header.fields.size();
        bool complete = true;
        for (std::size_t c = 0; c < delivery_note_columns.size(); ++c)
            if (column_at_[c] == no_column) {
                error(header.line, "",
                      "the header has no '" + std::string(delivery_note_columns[c]) +
                          "' column; the columns are " + joined(delivery_note_columns));
                complete = false;
            }
        return complete;
    }

    std::string cell(const CsvRecord& r, Column c) const {
        const std::size_t at = column_at_[c];
        return at < r.fields.size() ? std::string(trim_space(r.fields[at])) : std::string();
    }

    // The id as `valid` spells it, matching ignoring case.
    static std::optional<std::string> match(std::string_view value, const std::vector<std::string>& valid) {
        for (const std::string& v : valid)
            if (equals_ignore_case(v, value)) return v;
        return std::nullopt;
    }

    void read_row(const CsvRecord& r) {
        if (std::all_of(r.fields.begin(), r.fields.end(),
                        [](const std::string& f) { return trim_space(f).empty(); }))
            return;
        const std::size_t errors_before = note_.errors.size();
        for (std::size_t i = header_size_; i < r.fields.size(); ++i)
            if (!trim_space(r.fields[i]).empty()) {
                error(r.line, "",
                      "cell " + std::to_string(i + 1) + " holds a value, but the header has only " +
                          std::to_string(header_size_) + " columns");
                break;
            }

        DeliveryLine line;
        line.line = r.line;
        const std::string kind = cell(r, Kind);
        if (kind.empty())
            error(r.line, "kind", "empty: give a bag kind; the kinds are " + joined(options_.bag_kinds));
        else if (auto k = match(kind, options_.bag_kinds))
            line.bag_kind = *k;
        else
            error(r.line, "kind",
                  quoted(kind) + " is not a bag kind; the kinds are " + joined(options_.bag_kinds));

        const std::string store = cell(r, Store);
        if (store.empty())
            error(r.line, "store", "empty: give a store; the stores are " + joined(options_.stores));
        else if (auto s = match(store, options_.stores))
            line.store = *s;
        else
            error(r.line, "store",
                  quoted(store) + " is not a store; the stores are " + joined(options_.stores));

        const std::string quantity = cell(r, Quantity);
        long long n = 0;
        const auto [end, ec] = std::from_chars(quantity.data(), quantity.data() + quantity.size(), n);
        if (quantity.empty())
            error(r.line, "quantity", "empty: give the number of bags");
        else if (ec != std::errc() || end != quantity.data() + quantity.size())
            error(r.line, "quantity", quoted(quantity) + " is not a whole number");
        else if (n < 1 || n > max_movement_quantity)
            error(r.line, "quantity",
                  quoted(quantity) + " is not from 1 to " + std::to_string(max_movement_quantity));
        else
            line.quantity = static_cast<int>(n);

        line.from = cell(r, From);
        if (line.from.empty())
            error(r.line, "from", "empty: say who delivered the bags (the organisation)");
        else if (auto p = supplier_problem(line.from))
            error(r.line, "from", "the value " + *p);

        if (note_.errors.size() == errors_before) note_.lines.push_back(std::move(line));
    }

    void error(std::uint32_t line, std::string column, std::string message) {
        ++error_count_;
        if (note_.errors.size() < options_.max_problems)
            note_.errors.push_back({line, std::move(column), std::move(message)});
    }
    void warning(std::uint32_t line, std::string column, std::string message) {
        note_.warnings.push_back({line, std::move(column), std::move(message)});
    }

    DeliveryNote finish() {
        std::stable_sort(note_.errors.begin(), note_.errors.end(),
                         [](const DeliveryProblem& a, const DeliveryProblem& b) { return a.line < b.line; });
        if (error_count_ > note_.errors.size())
            note_.errors.push_back(
                {0, "", "and " + std::to_string(error_count_ - note_.errors.size()) + " more problems"});
        if (!note_.errors.empty()) note_.lines.clear();
        return std::move(note_);
    }

    std::string_view text_;
    const DeliveryNoteOptions& options_;
    std::array<std::size_t, delivery_note_columns.size()> column_at_{no_column, no_column, no_column,
                                                                     no_column};
    std::size_t header_size_ = 0;
    std::size_t error_count_ = 0;
    DeliveryNote note_;
};

} // namespace

std::string format_delivery_problem(const DeliveryProblem& p) {
    if (p.line == 0) return p.message;
    std::string out = "line " + std::to_string(p.line);
    if (!p.column.empty()) out += ", column " + p.column;
    return out + ": " + p.message;
}

DeliveryNote parse_delivery_note(std::string_view text, const DeliveryNoteOptions& options) {
    return DeliveryParser(text, options).run();
}

} // namespace rc
