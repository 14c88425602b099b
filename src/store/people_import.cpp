// Importing a nominal roll: the whole file is checked (by the domain's parser, then against the
// database) inside the transaction that writes it, so a roll is imported whole or not at all.
#include "domain/name_likeness.hpp"
#include "domain/text_match.hpp"
#include "domain/utf8.hpp"
#include "store/people.hpp"
#include "store/people_internal.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

// Thrown out of Store::write() so that the transaction rolls back and nothing, not even the data
// version, changes.
struct RollRefused {
    std::vector<RollProblem> errors;
    std::vector<RollProblem> warnings;
};

bool by_line(const RollProblem& a, const RollProblem& b) {
    return a.line < b.line;
}

// Adds problems in line order, before the closing whole-file lines ("N more problems are not listed").
void add_in_line_order(std::vector<RollProblem>& to, std::vector<RollProblem> problems) {
    for (RollProblem& p : problems) {
        std::size_t end = to.size();
        while (end > 0 && to[end - 1].line == 0)
            --end;
        const auto at =
            std::upper_bound(to.begin(), to.begin() + static_cast<std::ptrdiff_t>(end), p, by_line);
        to.insert(at, std::move(p));
    }
}

} // namespace

// Someone already checked in who looks like the same person (NameLikeness): a warning, not an error
// (two people can share a name and a date of birth; the coordinator decides).
void warn_of_people_already_in(WriteContext& w, const std::vector<PersonDraft>& rows,
                               std::vector<RollProblem>& warnings) {
    const Date today = local_date_of(w.now);
    std::vector<std::unique_ptr<NameLikeness>> likeness;
    std::vector<std::uint32_t> lines;
    for (const PersonDraft& d : rows)
        if (!trim_space(d.person.name).empty()) {
            likeness.push_back(std::make_unique<NameLikeness>(d.person, today));
            lines.push_back(d.line);
        }
    if (likeness.empty()) return;
    std::vector<RollProblem> found;
    auto st = w.db.cached("SELECT id, reference, personal_enc FROM people ORDER BY id");
    while (st->step()) {
        const auto fields = open_personal(w.cipher, st->int64_at(0), st->blob_at(2));
        if (!fields || trim_space(fields->name).empty()) continue;
        Person other = person_from_fields(*fields);
        std::string other_key = name_key(other.name);
        for (std::size_t i = 0; i < likeness.size(); ++i)
            if (const auto why = likeness[i]->why_alike(other, other_key))
                found.push_back(
                    {lines[i], "name",
                     *why + " as " + st->text_at(1) + ", already checked in: is this the same person?"});
        sodium_memzero(other_key.data(), other_key.size());
    }
    add_in_line_order(warnings, std::move(found));
}

NominalRoll check_roll(std::string_view text, const RollImportOptions& options, UnixSeconds now) {
    NominalRollOptions o;
    o.today = options.date_of ? options.date_of(now) : local_date_of(now);
    o.now = now;
    o.to_unix_seconds = options.to_unix_seconds;
    o.limits = options.limits;
    o.max_problems = options.max_problems;
    o.column_choices = options.column_choices;
    NominalRoll roll = parse_nominal_roll(text, o);
    // The parser warns about a tag on two rows (its only warning in the tag column); in an operation
    // a tag belongs to one person, so for an import it is an error.
    std::vector<RollProblem> extra_errors;
    std::erase_if(roll.warnings, [&](RollProblem& w) {
        if (w.column != "tag") return false;
        extra_errors.push_back({w.line, w.column, w.message + ": each tag belongs to one person"});
        return true;
    });
    // Without arrived_at a row arrives at the import's time, which is after any departure it gives.
    for (const PersonDraft& d : roll.rows)
        if (d.departed_at && !d.arrived_at)
            extra_errors.push_back(
                {d.line, "arrived_at", "is empty but departed_at is given: add the time the person arrived"});
    if (!extra_errors.empty()) {
        add_in_line_order(roll.errors, std::move(extra_errors));
        roll.rows.clear();
    }
    return roll;
}

RollImportResult import_roll(Store& store, std::string_view text, const RollImportOptions& options,
                             const SaveKey& attempt) {
    try {
        RollImportResult out;
        const SaveOutcome saved = store.save(
            Permission::Import, SaveKey::of_contents(attempt.text(), text), "import_roll",
            [&](WriteContext& w) {
                out = RollImportResult{}; // a retry inside save() starts afresh
                NominalRoll roll = check_roll(text, options, w.now);
                if (!roll.ok() || roll.rows.empty())
                    throw RollRefused{std::move(roll.errors), std::move(roll.warnings)};
                out.warnings = std::move(roll.warnings);
                for (const PersonDraft& d : roll.rows)
                    if (auto other = reference_with_tag(w.db, w.cipher, d.person.tag, std::nullopt))
                        out.errors.push_back({d.line, "tag",
                                              "tag " + safe_to_show(d.person.tag, 32) + " is already on " +
                                                  *other + ": each tag belongs to one person"});
                if (!out.errors.empty()) throw RollRefused{std::move(out.errors), std::move(out.warnings)};
                warn_of_people_already_in(w, roll.rows, out.warnings);

                const std::string code = read_centre(w.db).code;
                out.imported.reserve(roll.rows.size());
                std::vector<std::int64_t> ids;
                for (const PersonDraft& d : roll.rows) {
                    out.imported.push_back(insert_person(w, d.person, draft_journey(d, w.now), code));
                    ids.push_back(out.imported.back().id);
                }
                w.audit("import", "people", std::nullopt,
                        AuditChanges()
                            .value("rows", static_cast<std::int64_t>(out.imported.size()))
                            .value("first", out.imported.front().reference)
                            .value("last", out.imported.back().reference));
                return ids;
            });
        if (saved.replayed) {
            out = RollImportResult{};
            out.imported = checked_in_rows(store, saved.ids);
            out.already_imported = true;
            spdlog::info("store: this roll was already imported under its key ({} people, {} to {})",
                         out.imported.size(), out.imported.front().reference, out.imported.back().reference);
            return out;
        }
        spdlog::info("store: imported a roll of {} people ({} to {})", out.imported.size(),
                     out.imported.front().reference, out.imported.back().reference);
        return out;
    } catch (RollRefused& refused) {
        RollImportResult out;
        out.errors = std::move(refused.errors);
        out.warnings = std::move(refused.warnings);
        if (!out.errors.empty()) spdlog::info("store: refused a roll with {} problems", out.errors.size());
        return out;
    }
}

} // namespace rc::store
