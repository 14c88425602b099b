// The staff sign-in list (ICS 211) and the roles matrix built from it.
#include "domain/iso_languages.hpp"
#include "domain/text_match.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/partners_internal.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <set>
#include <spdlog/spdlog.h>

namespace rc::store {

using partners_detail::kUnreadable;
using partners_detail::plain_id;
using partners_detail::trimmed;

namespace {

constexpr UnixSeconds kDay = 24 * 60 * 60;
constexpr UnixSeconds kClockSlack = 5 * 60;

constexpr const char* kStaffColumns =
    "SELECT id, person_id, name_enc, phone_enc, partner_id, organisation, role_at_centre, awareness_trained, "
    "time_in, time_out, signed_in_by, signed_out_by, functions, languages, version FROM staff";

std::string languages_text(const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& c : codes) {
        if (!out.empty()) out += ';';
        out += c;
    }
    return out;
}

StaffRecord read_staff_row(const Statement& st, const FieldCipher& c) {
    StaffRecord r;
    r.id = st.int64_at(0);
    r.person_id = st.int64_at(1);
    auto open = [&](const char* column, int index) {
        auto text = c.open("staff", column, r.id, st.blob_at(index));
        if (!text) spdlog::warn("store: staff #{} {} failed its integrity check", r.id, column);
        return text.value_or(kUnreadable);
    };
    r.name = open("name", 2);
    r.phone = open("phone", 3);
    r.partner_id = st.get<std::optional<std::string>>(4).value_or("");
    r.organisation = st.text_at(5);
    r.role_at_centre = st.text_at(6);
    r.awareness_trained = st.get<bool>(7);
    r.time_in = st.int64_at(8);
    r.time_out = st.get<std::optional<std::int64_t>>(9);
    r.signed_in_by = st.int64_at(10);
    r.signed_out_by = st.get<std::optional<std::int64_t>>(11);
    r.functions = site_functions_from_text(st.text_at(12));
    r.version = st.int64_at(14);
    const std::string languages = st.text_at(13); // split_list's views point into it
    for (std::string_view code : split_list(languages, ';'))
        r.languages.emplace_back(code);
    return r;
}

std::vector<StaffRecord> read_staff(const Store& store, const std::string& where) {
    FieldCipher c = store.cipher();
    std::vector<StaffRecord> out;
    auto st = store.connection_for_reading().cached(std::string(kStaffColumns) + where);
    while (st->step())
        out.push_back(read_staff_row(*st, c));
    return out;
}

StaffDetails normalised(const StaffDetails& d) {
    StaffDetails n = d;
    n.name = trimmed(d.name);
    n.phone = trimmed(d.phone);
    n.partner_id = trimmed(d.partner_id);
    n.organisation = trimmed(d.organisation);
    n.role_at_centre = trimmed(d.role_at_centre);
    n.languages.clear();
    for (const std::string& code : d.languages) {
        const Language* l = find_language(code);
        const std::string stored = l ? std::string(l->code) : trimmed(code);
        if (!stored.empty() && std::find(n.languages.begin(), n.languages.end(), stored) == n.languages.end())
            n.languages.push_back(stored);
    }
    return n;
}

// Checks the partner against the pinned procedure (when there is one) and fills in its name as the
// organisation when none was given.
StaffDetails checked(const Store& store, const StaffDetails& in) {
    StaffDetails d = normalised(in);
    if (auto p = staff_details_problem(d)) throw StoreError(ErrorKind::InvalidInput, *p);
    if (!d.partner_id.empty()) {
        if (std::optional<Procedure> procedure = pinned_procedure(store)) {
            const Partner* partner = find_partner(*procedure, d.partner_id);
            if (!partner)
                throw StoreError(ErrorKind::InvalidInput,
                                 "There is no partner '" + d.partner_id + "' in the pinned procedure.",
                                 "Choose a partner from the list, or type the organisation instead.");
            if (d.organisation.empty()) d.organisation = partner->name.substr(0, kMaxStaffText);
        } else if (d.organisation.empty())
            d.organisation = d.partner_id;
    }
    return d;
}

void check_time_in(UnixSeconds time_in, UnixSeconds now) {
    if (time_in > now + kClockSlack || time_in < now - kDay)
        throw StoreError(ErrorKind::InvalidInput, "The time in is in the future or more than a day ago.",
                         "Check the time, or leave it empty for now.");
}

std::optional<StaffRecord> record_in(WriteContext& w, StaffId id) {
    auto st = w.db.cached(std::string(kStaffColumns) + " WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_staff_row(*st, w.cipher);
}

StaffRecord require_record(WriteContext& w, StaffId id) {
    auto r = record_in(w, id);
    if (!r)
        throw StoreError(ErrorKind::InvalidInput, "There is no staff record #" + std::to_string(id) + ".",
                         "Choose someone from the sign-in list.");
    return std::move(*r);
}

StaffId insert_staff(WriteContext& w, const StaffDetails& d, UnixSeconds time_in,
                     std::optional<StaffId> person) {
    const StaffId id = w.next_id("staff");
    const StaffId person_id = person.value_or(id);
    std::optional<std::string> partner;
    if (!d.partner_id.empty()) partner = d.partner_id;
    w.db.cached("INSERT INTO staff (id, person_id, name_enc, phone_enc, partner_id, organisation, "
                "role_at_centre, awareness_trained, time_in, signed_in_by, functions, languages) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(id, person_id, w.cipher.seal("staff", "name", id, d.name),
                   w.cipher.seal("staff", "phone", id, d.phone), partner, d.organisation, d.role_at_centre,
                   d.awareness_trained ? 1 : 0, time_in, w.user, site_functions_text(d.functions),
                   languages_text(d.languages))
        .run();
    AuditChanges c;
    c.personal("name").personal("phone");
    if (partner) c.value("partner_id", *partner);
    c.value("organisation", d.organisation)
        .value("role_at_centre", d.role_at_centre)
        .value("awareness_trained", d.awareness_trained ? 1 : 0)
        .value("time_in", time_in);
    if (!d.functions.empty()) c.value("functions", site_functions_text(d.functions));
    if (!d.languages.empty()) c.value("languages", languages_text(d.languages));
    if (person) c.value("person_id", *person);
    w.audit("insert", "staff", id, c);
    return id;
}

} // namespace

std::optional<std::string> staff_details_problem(const StaffDetails& in) {
    const StaffDetails d = normalised(in);
    if (d.name.empty()) return "The staff member needs a name.";
    if (d.name.size() > kMaxStaffText) return "The name is too long (more than 200 characters).";
    if (d.phone.size() > 100) return "The phone number is too long (more than 100 characters).";
    if (!d.partner_id.empty() && !plain_id(d.partner_id))
        return "'" + d.partner_id + "' is not a partner id (lower-case letters, digits, '-' and '_').";
    if (d.partner_id.empty() && d.organisation.empty())
        return "Say which organisation the staff member is from: a partner, or the organisation's name.";
    if (d.organisation.size() > kMaxStaffText)
        return "The organisation is too long (more than 200 characters).";
    if (d.role_at_centre.size() > kMaxStaffText)
        return "The role at the centre is too long (more than 200 characters).";
    for (const std::string& code : d.languages)
        if (!find_language_by_code(code))
            return "'" + code.substr(0, 12) + "' is not a language: choose it from the list (ISO 639).";
    if (!d.languages.empty() && !d.functions.contains(SiteFunction::Interpreter))
        return "Languages are recorded for interpreters: tick Interpreter, or remove the languages.";
    if (d.languages.size() > 20) return "More than 20 languages: record the ones they interpret here.";
    return std::nullopt;
}

StaffId sign_in_staff(Store& store, const StaffDetails& details, const SaveKey& key) {
    const StaffDetails d = checked(store, details);
    const StaffId id =
        store
            .save(Permission::SignStaffInOut, key, "staff_sign_in",
                  [&](WriteContext& w) {
                      const UnixSeconds time_in = d.time_in.value_or(w.now);
                      check_time_in(time_in, w.now);
                      return std::vector<std::int64_t>{insert_staff(w, d, time_in, std::nullopt)};
                  })
            .ids.at(0);
    spdlog::info("store: staff #{} signed in", id);
    return id;
}

StaffId quick_sign_in(Store& store, StaffId previous, std::optional<UnixSeconds> time_in_given) {
    const StaffId id = store.write(Permission::SignStaffInOut, [&](WriteContext& w) {
        const StaffRecord before = require_record(w, previous);
        if (before.name == kUnreadable || before.phone == kUnreadable)
            throw StoreError(ErrorKind::Crypto,
                             "Staff record #" + std::to_string(previous) + " failed its integrity check.",
                             "Sign the person in with their details instead.");
        auto st = w.db.cached("SELECT id FROM staff WHERE person_id = ? AND time_out IS NULL");
        st->bind(1, before.person_id);
        if (st->step())
            throw StoreError(ErrorKind::InvalidInput,
                             "This person is still signed in (staff record #" +
                                 std::to_string(st->int64_at(0)) + ").",
                             "Sign them out first, or leave them signed in.");
        const UnixSeconds time_in = time_in_given.value_or(w.now);
        check_time_in(time_in, w.now);
        const StaffDetails d{before.name,
                             before.phone,
                             before.partner_id,
                             before.organisation,
                             before.role_at_centre,
                             before.awareness_trained,
                             time_in,
                             before.functions,
                             before.languages};
        return insert_staff(w, d, time_in, before.person_id);
    });
    spdlog::info("store: staff #{} signed in again (from staff #{})", id, previous);
    return id;
}

void sign_out_staff(Store& store, StaffId id, std::optional<UnixSeconds> at_given) {
    store.write(Permission::SignStaffInOut, [&](WriteContext& w) {
        const StaffRecord before = require_record(w, id);
        if (before.time_out)
            throw StoreError(ErrorKind::InvalidInput,
                             "Staff record #" + std::to_string(id) + " is already signed out.");
        const UnixSeconds at = at_given.value_or(w.now);
        if (at > w.now + kClockSlack)
            throw StoreError(ErrorKind::InvalidInput, "The time out is in the future.",
                             "Check the time, or leave it empty for now.");
        if (at < before.time_in)
            throw StoreError(ErrorKind::InvalidInput,
                             "The time out is before the time in (" + format_local_time(before.time_in) +
                                 ").",
                             "Check the time, or correct the time in first.");
        w.db.cached("UPDATE staff SET time_out = ?, signed_out_by = ? WHERE id = ?")
            ->bind_all(at, w.user, id)
            .run();
        w.audit("update", "staff", id,
                AuditChanges()
                    .change("time_out", std::nullopt, at)
                    .change("signed_out_by", std::nullopt, w.user));
    });
    spdlog::info("store: staff #{} signed out", id);
}

namespace {

std::int64_t update_staff_checked(Store& store, StaffId id, const StaffDetails& d,
                                  std::optional<std::int64_t> started_from) {
    return store.write(Permission::SignStaffInOut, [&](WriteContext& w) -> std::int64_t {
        const StaffRecord b = require_record(w, id);
        const UnixSeconds time_in = d.time_in.value_or(b.time_in);
        AuditChanges c;
        if (b.name != d.name) c.personal("name");
        if (b.phone != d.phone) c.personal("phone");
        if (b.partner_id != d.partner_id) c.change("partner_id", b.partner_id, d.partner_id);
        if (b.organisation != d.organisation) c.change("organisation", b.organisation, d.organisation);
        if (b.role_at_centre != d.role_at_centre)
            c.change("role_at_centre", b.role_at_centre, d.role_at_centre);
        if (b.awareness_trained != d.awareness_trained)
            c.change("awareness_trained", b.awareness_trained ? 1 : 0, d.awareness_trained ? 1 : 0);
        if (b.time_in != time_in) c.change("time_in", b.time_in, time_in);
        if (b.functions != d.functions)
            c.change("functions", site_functions_text(b.functions), site_functions_text(d.functions));
        if (b.languages != d.languages)
            c.change("languages", languages_text(b.languages), languages_text(d.languages));
        // Nothing differs from the record as it is (also when another desk saved the same values).
        if (c.empty()) return b.version;
        require_version("The staff record", started_from, b.version);
        if (time_in != b.time_in) check_time_in(time_in, w.now);
        if (b.time_out && time_in > *b.time_out)
            throw StoreError(ErrorKind::InvalidInput, "The time in would be after the time out (" +
                                                          format_local_time(*b.time_out) + ").");
        std::optional<std::string> partner;
        if (!d.partner_id.empty()) partner = d.partner_id;
        w.db.cached("UPDATE staff SET name_enc = ?, phone_enc = ?, partner_id = ?, organisation = ?, "
                    "role_at_centre = ?, awareness_trained = ?, time_in = ?, functions = ?, languages = ?, "
                    "version = version + 1 WHERE id = ? AND version = ?")
            ->bind_all(w.cipher.seal("staff", "name", id, d.name),
                       w.cipher.seal("staff", "phone", id, d.phone), partner, d.organisation,
                       d.role_at_centre, d.awareness_trained ? 1 : 0, time_in,
                       site_functions_text(d.functions), languages_text(d.languages), id, b.version)
            .run();
        require_row_written(w.db, "The staff record");
        w.audit("update", "staff", id, c);
        return b.version + 1;
    });
}

} // namespace

std::int64_t update_staff(Store& store, StaffId id, const StaffDetails& details,
                          std::optional<std::int64_t> started_from) {
    const StaffDetails d = checked(store, details);
    std::int64_t version = 0;
    try {
        version = update_staff_checked(store, id, d, started_from);
    } catch (const RecordChangedMeanwhile&) {
        // Read after the rollback: the record as it now is.
        std::optional<StaffRecord> now = staff_record(store, id);
        if (!now)
            throw StoreError(ErrorKind::InvalidInput, "Staff record #" + std::to_string(id) + " is gone.",
                             "Nothing was saved.");
        spdlog::info("store: staff #{} edit refused: changed at another desk", id);
        throw EditConflict<StaffRecord>("Staff record #" + std::to_string(id) +
                                            " was changed at another desk while you were editing it. "
                                            "Nothing was saved.",
                                        kEditConflictAdvice, std::move(*now));
    }
    spdlog::info("store: staff #{} updated", id);
    return version;
}

std::vector<StaffRecord> staff(const Store& store) {
    return read_staff(store, " ORDER BY time_in, id");
}

std::optional<StaffRecord> staff_record(const Store& store, StaffId id) {
    FieldCipher c = store.cipher();
    auto st = store.connection_for_reading().cached(std::string(kStaffColumns) + " WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_staff_row(*st, c);
}

std::vector<StaffRecord> on_site_staff(const Store& store) {
    return read_staff(store, " WHERE time_out IS NULL ORDER BY time_in, id");
}

std::vector<StaffRecord> returning_staff(const Store& store) {
    std::vector<StaffRecord> all = read_staff(store, " ORDER BY id DESC");
    std::set<StaffId> seen; // people whose latest record has been taken (or who are on site)
    for (const StaffRecord& r : all)
        if (r.on_site()) seen.insert(r.person_id);
    std::vector<StaffRecord> out;
    for (StaffRecord& r : all)
        if (seen.insert(r.person_id).second) out.push_back(std::move(r));
    std::stable_sort(out.begin(), out.end(), [](const StaffRecord& a, const StaffRecord& b) {
        return a.time_out.value_or(a.time_in) > b.time_out.value_or(b.time_in);
    });
    return out;
}

std::vector<StaffOnSite> staff_on_site_view(std::span<const StaffRecord> records) {
    std::vector<StaffOnSite> out;
    out.reserve(records.size());
    for (const StaffRecord& r : records)
        if (r.on_site())
            out.push_back(StaffOnSite{r.id, r.name, r.partner_id, r.organisation, r.role_at_centre, r.time_in,
                                      r.functions, r.languages});
    return out;
}

std::optional<RolesOnSite> roles_matrix(const Store& store) {
    std::optional<Procedure> p = pinned_procedure(store);
    if (!p) return std::nullopt;
    RolesOnSite out;
    out.on_site = staff_on_site_view(on_site_staff(store));
    out.matrix = role_coverage(*p, store.centre().tier, out.on_site);
    return out;
}

} // namespace rc::store
