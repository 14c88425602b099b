// StoreSession: the people received — check-in, group arrivals, edits, journey steps, the roll import,
// and the snapshot the Arrivals screen draws from (rebuilt when the store's data version moves).
#include "app/people_view.hpp"
#include "app/store_session.hpp"
#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"
#include "domain/printed_scripts.hpp"
#include "domain/procedure_rules.hpp"
#include "os/example_paths.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/people.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::app {

namespace {

// The name as written, and beside it the name in Latin letters when the written one is in a script
// the report cannot print (or is missing): "ዳዊት — Dawit".
std::string written_name(const Person& p) {
    if (p.latin_name.empty() || (!p.name.empty() && prints_in_report(p.name))) return p.name;
    return p.name.empty() ? p.latin_name : p.name + " \u2014 " + p.latin_name;
}

std::string name_text(const Person& p) {
    const std::string name = written_name(p);
    if (!name.empty() && !p.alias.empty()) return name + " (" + p.alias + ")";
    if (!name.empty()) return name;
    if (!p.alias.empty()) return "\u201c" + p.alias + "\u201d";
    return "not given";
}

std::string status_text(const JourneySummary& j) {
    if (j.departed)
        return "Departed" +
               (j.destination ? ": " + std::string(destination_label(*j.destination)) : std::string());
    if (j.temporarily_out) return "Out, expected back";
    if (j.decision_recorded) return "Decision recorded";
    if (j.interviewed) return "Interviewed";
    if (j.welfare_check_done) return "Welfare check done";
    if (j.arrived) return "Arrived";
    return "Not arrived";
}

bool read_text_file(const std::filesystem::path& file, std::string& text, std::string& problem) {
    std::error_code ec;
    if (file.empty()) {
        problem = "Type the path of the CSV file first.";
        return false;
    }
    if (!std::filesystem::is_regular_file(file, ec)) {
        problem = os::path_to_utf8(file) + ": there is no file there. Check the path (e.g. " +
                  os::usb_example("roll.csv") + ").";
        return false;
    }
    if (std::filesystem::file_size(file, ec) > 16u * 1024u * 1024u) {
        problem = file.string() +
                  ": the file is larger than 16 MB; a nominal roll is far smaller. Check it is "
                  "the right file.";
        return false;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problem = file.string() + ": the file cannot be read (permissions?).";
        return false;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

PersonRow person_row(store::PersonRecord&& rec, UnixSeconds now) {
    PersonRow row;
    row.id = rec.id;
    row.version = rec.version;
    row.journey = rec.journey;
    const Date arrival_date = local_date_of(rec.journey.arrived_at.value_or(now));
    row.child = child_status(rec.person, arrival_date);
    row.age_band = effective_age_band(rec.person, arrival_date);
    row.with_unrelated_adult = child_with_unrelated_adult(rec.person, arrival_date);
    row.name_text = name_text(rec.person);
    if (const Country* country =
            rec.person.nationality.empty() ? nullptr : find_country(rec.person.nationality))
        row.nationality_text = std::string(country->name);
    for (const std::string& code : rec.person.languages) {
        if (!row.languages_text.empty()) row.languages_text += ", ";
        const Language* l = find_language(code);
        row.languages_text += l ? std::string(l->name) : code;
    }
    row.status_text = status_text(rec.journey);
    row.search_key = search_folded(rec.person.reference + "\n" + rec.person.tag + "\n" + rec.person.name +
                                   "\n" + rec.person.latin_name + "\n" + rec.person.alias);
    row.person = std::move(rec.person);
    return row;
}

void wipe_row(PersonRow& r) {
    sodium_memzero(r.person.name.data(), r.person.name.size());
    sodium_memzero(r.person.alias.data(), r.person.alias.size());
    sodium_memzero(r.person.latin_name.data(), r.person.latin_name.size());
    sodium_memzero(r.name_text.data(), r.name_text.size());
    sodium_memzero(r.person.arrived_with.data(), r.person.arrived_with.size());
    sodium_memzero(r.search_key.data(), r.search_key.size());
}

// Arrivals per hour and people on site at the end of each hour, from the first arrival's hour.
void hourly_series(PeopleSnapshot& s, UnixSeconds now) {
    s.arrivals_per_hour.clear();
    s.on_site_per_hour.clear();
    std::optional<UnixSeconds> first;
    for (const PersonRow& r : s.rows)
        if (r.journey.arrived_at && (!first || *r.journey.arrived_at < *first)) first = r.journey.arrived_at;
    if (!first) return;
    constexpr UnixSeconds kHour = 3600;
    s.chart_start = *first - *first % kHour;
    const UnixSeconds hours = std::min<UnixSeconds>(72, (std::max(now, *first) - s.chart_start) / kHour + 1);
    s.chart_start = std::max(s.chart_start, now - now % kHour - (hours - 1) * kHour);
    s.arrivals_per_hour.assign(static_cast<std::size_t>(hours), 0.0f);
    s.on_site_per_hour.assign(static_cast<std::size_t>(hours), 0.0f);
    for (const PersonRow& r : s.rows) {
        if (!r.journey.arrived_at) continue;
        const UnixSeconds in = *r.journey.arrived_at;
        const auto bucket = static_cast<std::size_t>((in - s.chart_start) / kHour);
        if (in >= s.chart_start && bucket < s.arrivals_per_hour.size()) s.arrivals_per_hour[bucket] += 1.0f;
        for (UnixSeconds h = 0; h < hours; ++h) {
            const UnixSeconds end = std::min(now, s.chart_start + (h + 1) * kHour);
            if (in <= end && (!r.journey.departed_at || *r.journey.departed_at > end))
                s.on_site_per_hour[static_cast<std::size_t>(h)] += 1.0f;
        }
    }
}

// Counts and groups over every row: a few microseconds per thousand people.
void recount(PeopleSnapshot& s, const Procedure* procedure, UnixSeconds now) {
    s.counts = {};
    s.groups.clear();
    PeopleCounts& c = s.counts;
    for (const PersonRow& row : s.rows) {
        if (!row.person.arrival_group.empty() &&
            std::find(s.groups.begin(), s.groups.end(), row.person.arrival_group) == s.groups.end())
            s.groups.push_back(row.person.arrival_group);
        ++c.total;
        const JourneySummary& j = row.journey;
        if (j.departed) ++c.departed;
        if (!j.on_site) continue;
        ++c.on_site;
        if (treated_as_child(row.child)) ++c.children_on_site; // children or presumed
        if (row.child == ChildStatus::Unknown) ++c.age_unknown_on_site;
        if (row.person.interpreter_needed == true) ++c.interpreter_needed_on_site;
        if (row.person.urgent_medical) ++c.urgent_medical_on_site;
        if (row.with_unrelated_adult) ++c.with_unrelated_adult_on_site;
        if (!j.welfare_check_done) ++c.awaiting_welfare;
        if (!j.interviewed) ++c.awaiting_interview;
        if (!j.decision_recorded) ++c.awaiting_decision;
        if (j.arrived_at && procedure && on_site_too_long(*procedure, *j.arrived_at, now))
            ++c.on_site_too_long;
    }
    hourly_series(s, now);
}

} // namespace

// "HH:MM" today (or the day before, if that time is still to come), or now when empty.
std::optional<UnixSeconds> clock_time_on_day_of(std::string_view hhmm, UnixSeconds now) {
    int h = -1, m = -1;
    char tail = 0;
    const std::string t(hhmm);
    if (std::sscanf(t.c_str(), "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
        return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d", format_local_time(now, "%Y-%m-%d").c_str(), h, m);
    UnixSeconds at = 0;
    if (!parse_local_time(buf, at)) return std::nullopt;
    return at;
}

std::optional<UnixSeconds> arrival_time(std::string_view text, UnixSeconds now, std::string& problem) {
    if (text.empty()) return now;
    auto at = clock_time_on_day_of(text, now);
    if (!at) {
        problem = "Write the arrival time as HH:MM, e.g. 06:40 (or leave it empty for now).";
        return std::nullopt;
    }
    if (*at > now + 60) *at -= 24 * 60 * 60; // "23:50" typed just after midnight means yesterday
    return at;
}

void StoreSession::refresh_people(bool signed_in) {
    if (signed_in && !people_patch_.empty() && people_loaded_) {
        patch_people();
        return;
    }
    people_patch_.clear();
    for (PersonRow& r : people_.rows)
        wipe_row(r);
    people_.rows.clear();
    people_.groups.clear();
    people_.counts = {};
    people_loaded_ = false;
    ++people_.version;
    if (!signed_in || !store_->can(Permission::ViewOnSite)) return;
    ++full_people_reads_;
    std::vector<store::PersonRecord> records;
    try {
        records = store::people(*store_);
    } catch (const store::StoreError& e) {
        failed(message_of(e));
        return;
    }
    const Procedure* procedure = operation_.procedure.get();
    people_.on_site_warning_hours = procedure ? procedure->info.on_site_warning_hours : 12;
    const UnixSeconds now = clock_.now();
    people_.rows.reserve(records.size());
    for (store::PersonRecord& rec : records)
        people_.rows.push_back(person_row(std::move(rec), now));
    recount(people_, procedure, now);
    people_loaded_ = true;
}

void StoreSession::patch_people() {
    // After this session's own edit of a few people, or another desk's on a shared centre, re-read just
    // them: a full reload of 10,000 people costs tens of milliseconds, a visible stall at the desk.
    const UnixSeconds now = clock_.now();
    try {
        for (const std::int64_t id : people_patch_) {
            std::optional<store::PersonRecord> rec = store::person(*store_, id);
            auto at = std::find_if(people_.rows.begin(), people_.rows.end(),
                                   [&](const PersonRow& r) { return r.id == id; });
            if (!rec) {
                if (at != people_.rows.end()) people_.rows.erase(at);
                continue;
            }
            PersonRow row = person_row(std::move(*rec), now);
            if (at != people_.rows.end()) {
                wipe_row(*at);
                *at = std::move(row);
            } else {
                // In id order: another desk's arrival may have taken its id before one of ours.
                const auto place =
                    std::upper_bound(people_.rows.begin(), people_.rows.end(), id,
                                     [](std::int64_t value, const PersonRow& r) { return value < r.id; });
                people_.rows.insert(place, std::move(row));
            }
        }
    } catch (const store::StoreError& e) {
        failed(message_of(e));
    }
    people_patch_.clear();
    recount(people_, operation_.procedure.get(), now);
    ++people_.version;
}

CheckInResult StoreSession::check_in(const Person& person, std::string_view arrived_at) {
    CheckInResult r;
    if (!store_) return {false, "No centre database is open.", {}, {}, {}, {}, 0};
    std::string problem;
    const auto at = arrival_time(arrived_at, clock_.now(), problem);
    if (!at) {
        r.problems.push_back({"arrived_at", problem});
        r.message = "Nothing was saved: correct the fields marked in red.";
        return r;
    }
    try {
        const store::CheckedIn in = store::check_in(*store_, person, *at);
        r.ok = true;
        r.id = in.id;
        r.references.push_back(in.reference);
        r.message = "Checked in as " + in.reference + ".";
        people_patch_.push_back(in.id);
        // The first arrival starts the reception clock; the forecast counts who waits for a bag.
        edit_parts_ = kPeoplePart | kOperationPart | kStockPart;
        spdlog::info("arrivals: {} checked in", in.reference);
    } catch (const store::PersonRejected& e) {
        r.problems = e.problems();
        r.message = "Nothing was saved: correct the fields marked in red.";
        return r;
    } catch (const store::StoreError& e) {
        r.message = not_saved(e);
        return r;
    }
    refresh();
    return r;
}

CheckInResult StoreSession::register_group(int count, std::string_view group, std::string_view arrived_at,
                                           std::string_view first_tag) {
    CheckInResult r;
    if (!store_) return {false, "No centre database is open.", {}, {}, {}, {}, 0};
    if (count < 1 || count > store::kMaxGroupSize) {
        r.message = "Say how many people arrived (1 to " + std::to_string(store::kMaxGroupSize) + ").";
        return r;
    }
    std::string problem;
    const auto at = arrival_time(arrived_at, clock_.now(), problem);
    if (!at) {
        r.message = problem;
        return r;
    }
    try {
        const auto in =
            store::register_group(*store_, count, group, *at,
                                  first_tag.empty() ? std::nullopt : std::optional<std::string>(first_tag));
        r.ok = true;
        for (const store::CheckedIn& c : in) {
            r.references.push_back(c.reference);
            people_patch_.push_back(c.id);
        }
        edit_parts_ = kPeoplePart | kOperationPart | kStockPart; // the forecast counts who waits for a bag
        if (!in.empty()) r.id = in.front().id;
        r.message = std::to_string(in.size()) + " people registered" +
                    (group.empty() ? std::string() : " in " + std::string(group)) + ": " +
                    r.references.front() + " to " + r.references.back() +
                    ". Complete their details when there is time.";
        spdlog::info("arrivals: group of {} registered ({} to {})", in.size(), r.references.front(),
                     r.references.back());
    } catch (const store::StoreError& e) {
        r.message = not_saved(e);
        return r;
    }
    refresh();
    return r;
}

CheckInResult StoreSession::update_person(std::int64_t id, const Person& person,
                                          std::optional<std::int64_t> started_from) {
    CheckInResult r;
    if (!store_) return {false, "No centre database is open.", {}, {}, {}, {}, 0};
    try {
        r.version = store::update_person(*store_, id, person, started_from);
        people_patch_.push_back(id);
        edit_parts_ = kPeoplePart | kStockPart; // sex or age may change the bag that fits
        r.ok = true;
        r.id = id;
        r.message = "Saved.";
    } catch (const store::PersonRejected& e) {
        r.problems = e.problems();
        r.message = "Nothing was saved: correct the fields marked in red.";
        return r;
    } catch (const store::PersonEditConflict& e) {
        const store::PersonRecord& now = e.current();
        r.conflict = PersonConflict{person, now.person, now.version, now.medical_withheld};
        r.conflict->mine.reference = now.person.reference;
        r.conflict->mine.journey.clear();
        r.conflict->theirs.journey.clear();
        r.message = "Someone at another desk changed " + now.person.reference +
                    " while you were editing. Nothing was saved: compare the two and choose what to keep.";
        // This desk's snapshot shows the record as it now is. Nothing was committed here, so the
        // store's data version has not moved and refresh() would not look: the row is re-read directly.
        people_patch_.push_back(id);
        refresh_people(store_->signed_in());
        return r;
    } catch (const store::StoreError& e) {
        r.message = not_saved(e);
        return r;
    }
    refresh();
    return r;
}

EditResult StoreSession::record_journey_step(std::int64_t id, JourneyStep step,
                                             std::optional<Destination> destination) {
    return guarded(
        [&] {
            store::record_journey_step(*store_, id, step, clock_.now(), destination);
            people_patch_.push_back(id);
        },
        kPeoplePart | kOperationPart | kStockPart); // someone leaving no longer waits for a bag
}

std::vector<std::string> StoreSession::duplicate_warnings(const Person& person,
                                                          std::optional<std::int64_t> id) const {
    std::vector<std::string> out;
    if (!store_ || !store_->signed_in()) return out;
    try {
        for (const FieldProblem& p : store::duplicate_warnings(*store_, person, id))
            out.push_back(p.message);
    } catch (const store::StoreError&) {
    }
    return out;
}

RollPreview StoreSession::preview_roll(const std::filesystem::path& file,
                                       const std::vector<std::string>& column_choices) const {
    RollPreview preview;
    preview.file = file.string();
    std::string text, problem;
    if (!read_text_file(file, text, problem)) {
        preview.errors.push_back(problem);
        return preview;
    }
    store::RollImportOptions options;
    options.column_choices = column_choices;
    NominalRoll roll = store::check_roll(text, options, clock_.now());
    preview.mapping = std::move(roll.mapping);
    preview.rows = static_cast<int>(roll.rows.size());
    const std::string name = file.filename().string();
    for (const RollProblem& p : roll.errors)
        preview.errors.push_back(name + ": " + format_roll_problem(p));
    for (const RollProblem& p : roll.warnings)
        preview.warnings.push_back(name + ": " + format_roll_problem(p));
    if (roll.rows.empty() && roll.errors.empty())
        preview.errors.push_back(name + ": the file has no rows to import.");
    return preview;
}

EditResult StoreSession::import_roll(const std::filesystem::path& file,
                                     const std::vector<std::string>& column_choices) {
    std::string text, problem;
    if (!read_text_file(file, text, problem)) return {false, problem};
    std::string message;
    bool imported = false;
    EditResult r = guarded([&] {
        store::RollImportOptions options;
        options.column_choices = column_choices;
        const store::RollImportResult result =
            store::import_roll(*store_, text, options, import_attempt("roll", file));
        import_settled("roll", file);
        const std::string name = file.filename().string();
        if (!result.ok()) {
            message = "Nothing was imported: fix these and import again.";
            for (const RollProblem& p : result.errors)
                message += "\n" + name + ": " + format_roll_problem(p);
            return;
        }
        imported = true;
        if (result.already_imported) {
            message = name + " was already imported: its " + std::to_string(result.imported.size()) +
                      " people (" + result.imported.front().reference + " to " +
                      result.imported.back().reference +
                      ") reached the centre before the connection broke. Nobody was imported twice.";
            spdlog::info("arrivals: roll was already imported ({} people)", result.imported.size());
            return;
        }
        message = std::to_string(result.imported.size()) + " people imported from " + name + ".";
        spdlog::info("arrivals: roll imported ({} people)", result.imported.size());
    });
    if (!r.ok) return r;
    return {imported, message};
}

} // namespace rc::app
