// Importing the offline roll into the centre: the same checks as a check-in for every entry, a tag
// used twice, and the roll import's duplicate warnings, inside the transaction that writes them all.
#include "domain/text_match.hpp"
#include "store/offline_roll.hpp"
#include "store/people_internal.hpp"

#include <cctype>
#include <map>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

// Thrown out of Store::write() so that the transaction rolls back (a refused import, or a preview).
struct NotWritten {
    RollImportResult result;
};

std::string folded(std::string_view tag) {
    std::string out(trim_space(tag));
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Checks every entry and, when `key` is given and there is no problem, writes them all under it.
RollImportResult check_and_write(Store& store, const std::vector<OfflineCheckIn>& entries,
                                 const SaveKey* key) {
    for (const OfflineCheckIn& e : entries)
        if (!e.person.adult_judgement.empty() && !store.can(Permission::RecordReferrals))
            throw StoreError(ErrorKind::NotPermitted,
                             "The offline roll holds a coordinator's judgement that a person is an adult.",
                             "Ask a coordinator to sign in and import the offline roll.");
    RollImportResult result;
    // The checks, and the rows when writing; returns the ids made.
    auto check_then_write = [&](WriteContext& w) {
        result = RollImportResult{}; // a retry inside save() starts afresh
        std::map<std::string, std::uint32_t> first_with_tag;
        std::vector<PersonDraft> drafts;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto line = static_cast<std::uint32_t>(i + 1);
            for (FieldProblem& p : person_problems(w.db, w.cipher, entries[i].person, entries[i].arrived_at,
                                                   w.now, std::nullopt))
                result.errors.push_back({line, p.field, std::move(p.message)});
            if (const std::string t = folded(entries[i].person.tag); !t.empty()) {
                auto [at, inserted] = first_with_tag.emplace(t, line);
                if (!inserted)
                    result.errors.push_back({line, "tag",
                                             "the same tag as offline check-in " +
                                                 std::to_string(at->second) +
                                                 ": each tag belongs to one person"});
            }
            drafts.push_back({line, entries[i].person, entries[i].arrived_at, std::nullopt, std::nullopt});
        }
        warn_of_people_already_in(w, drafts, result.warnings);
        if (!result.errors.empty() || !key || entries.empty()) throw NotWritten{std::move(result)};

        const std::string code = read_centre(w.db).code;
        std::vector<std::int64_t> ids;
        for (const OfflineCheckIn& e : entries) {
            result.imported.push_back(
                insert_person(w, e.person, {{JourneyStep::Arrived, e.arrived_at, std::nullopt, {}}}, code));
            ids.push_back(result.imported.back().id);
        }
        w.audit("import", "people", std::nullopt,
                AuditChanges()
                    .value("source", std::string("offline roll"))
                    .value("rows", static_cast<std::int64_t>(result.imported.size()))
                    .value("first", result.imported.front().reference)
                    .value("last", result.imported.back().reference));
        return ids;
    };
    try {
        if (!key) {
            store.write(Permission::CheckIn, check_then_write); // always throws NotWritten
            return result;
        }
        const SaveOutcome saved =
            store.save(Permission::CheckIn, *key, "import_offline_roll", check_then_write);
        if (saved.replayed) {
            result = RollImportResult{};
            result.imported = checked_in_rows(store, saved.ids);
            result.already_imported = true;
        }
        return result;
    } catch (NotWritten& nw) {
        return std::move(nw.result);
    }
}

} // namespace

RollImportResult preview_offline_roll(Store& store, const std::vector<OfflineCheckIn>& entries) {
    return check_and_write(store, entries, nullptr);
}

RollImportResult import_offline_roll(Store& store, const std::vector<OfflineCheckIn>& entries,
                                     const SaveKey& key) {
    RollImportResult out = check_and_write(store, entries, &key);
    if (out.already_imported)
        spdlog::info("store: the offline roll was already imported under its key, {} people ({} to {})",
                     out.imported.size(), out.imported.front().reference, out.imported.back().reference);
    else if (!out.imported.empty())
        spdlog::info("store: imported the offline roll, {} people ({} to {})", out.imported.size(),
                     out.imported.front().reference, out.imported.back().reference);
    else if (!out.errors.empty())
        spdlog::info("store: refused the offline roll with {} problems", out.errors.size());
    return out;
}

} // namespace rc::store
