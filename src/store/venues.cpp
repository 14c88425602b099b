#include "store/venues.hpp"

#include "store/error.hpp"
#include "store/store_internal.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool same_name(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

constexpr const char* kVenueColumns =
    "SELECT id, name, address, capacity, interview_rooms, showers, kitchen, step_free_access, parking, "
    "keyholder_name_enc, keyholder_phone_enc, notes_enc, created_at, updated_at, version FROM venues";

Venue read_venue_row(const Statement& st, const FieldCipher& c) {
    Venue v;
    v.id = st.int64_at(0);
    v.details.name = st.text_at(1);
    v.details.address = st.text_at(2);
    v.details.capacity = st.get<int>(3);
    v.details.facilities =
        VenueFacilities{st.get<bool>(4), st.get<bool>(5), st.get<bool>(6), st.get<bool>(7), st.get<bool>(8)};
    auto open = [&](const char* column, int index) {
        auto text = c.open("venues", column, v.id, st.blob_at(index));
        if (!text) spdlog::warn("store: venues #{} {} failed its integrity check", v.id, column);
        return text.value_or("[unreadable: failed its integrity check]");
    };
    v.details.keyholder_name = open("keyholder_name", 9);
    v.details.keyholder_phone = open("keyholder_phone", 10);
    v.details.notes = open("notes", 11);
    v.created_at = st.int64_at(12);
    v.updated_at = st.int64_at(13);
    v.version = st.int64_at(14);
    return v;
}

AuditChanges facility_values(AuditChanges c, const VenueDetails& d) {
    c.value("interview_rooms", d.facilities.interview_rooms ? 1 : 0)
        .value("showers", d.facilities.showers ? 1 : 0)
        .value("kitchen", d.facilities.kitchen ? 1 : 0)
        .value("step_free_access", d.facilities.step_free_access ? 1 : 0)
        .value("parking", d.facilities.parking ? 1 : 0);
    return c;
}

void require_unique_name(Connection& db, std::string_view name, std::optional<VenueId> except) {
    auto st = db.cached("SELECT id FROM venues WHERE name = ? COLLATE NOCASE");
    st->bind(1, name);
    while (st->step())
        if (!except || st->int64_at(0) != *except)
            throw StoreError(ErrorKind::InvalidInput,
                             "There is already a venue called '" + std::string(name) + "' in the register.",
                             "Choose another name, or edit that venue instead.");
}

} // namespace

// Shared with the CSV import, which writes through the same statements.
VenueId insert_venue(WriteContext& w, const VenueDetails& d) {
    require_unique_name(w.db, d.name, std::nullopt);
    const VenueId id = w.next_id("venues");
    w.db.cached("INSERT INTO venues (id, name, address, capacity, interview_rooms, showers, kitchen, "
                "step_free_access, parking, keyholder_name_enc, keyholder_phone_enc, notes_enc, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(id, d.name, d.address, d.capacity, d.facilities.interview_rooms ? 1 : 0,
                   d.facilities.showers ? 1 : 0, d.facilities.kitchen ? 1 : 0,
                   d.facilities.step_free_access ? 1 : 0, d.facilities.parking ? 1 : 0,
                   w.cipher.seal("venues", "keyholder_name", id, d.keyholder_name),
                   w.cipher.seal("venues", "keyholder_phone", id, d.keyholder_phone),
                   w.cipher.seal("venues", "notes", id, d.notes), w.now, w.now)
        .run();
    AuditChanges c;
    c.value("name", d.name).value("address", d.address).value("capacity", d.capacity);
    c = facility_values(c, d);
    c.personal("keyholder_name").personal("keyholder_phone").personal("notes");
    w.audit("insert", "venues", id, c);
    return id;
}

void replace_venue(WriteContext& w, const Venue& before, const VenueDetails& d) {
    require_unique_name(w.db, d.name, before.id);
    const VenueId id = before.id;
    w.db.cached("UPDATE venues SET name = ?, address = ?, capacity = ?, interview_rooms = ?, showers = ?, "
                "kitchen = ?, step_free_access = ?, parking = ?, keyholder_name_enc = ?, "
                "keyholder_phone_enc = ?, notes_enc = ?, updated_at = ?, version = version + 1 "
                "WHERE id = ? AND version = ?")
        ->bind_all(d.name, d.address, d.capacity, d.facilities.interview_rooms ? 1 : 0,
                   d.facilities.showers ? 1 : 0, d.facilities.kitchen ? 1 : 0,
                   d.facilities.step_free_access ? 1 : 0, d.facilities.parking ? 1 : 0,
                   w.cipher.seal("venues", "keyholder_name", id, d.keyholder_name),
                   w.cipher.seal("venues", "keyholder_phone", id, d.keyholder_phone),
                   w.cipher.seal("venues", "notes", id, d.notes), w.now, id, before.version)
        .run();
    // The version read is the one overwritten: another desk's commit since then leaves no row matching.
    require_row_written(w.db, "The venue '" + before.details.name + "'");
    const VenueDetails& b = before.details;
    AuditChanges c;
    if (b.name != d.name) c.change("name", b.name, d.name);
    if (b.address != d.address) c.change("address", b.address, d.address);
    if (b.capacity != d.capacity) c.change("capacity", b.capacity, d.capacity);
    auto flag = [&](const char* field, bool from, bool to) {
        if (from != to) c.change(field, from ? 1 : 0, to ? 1 : 0);
    };
    flag("interview_rooms", b.facilities.interview_rooms, d.facilities.interview_rooms);
    flag("showers", b.facilities.showers, d.facilities.showers);
    flag("kitchen", b.facilities.kitchen, d.facilities.kitchen);
    flag("step_free_access", b.facilities.step_free_access, d.facilities.step_free_access);
    flag("parking", b.facilities.parking, d.facilities.parking);
    if (b.keyholder_name != d.keyholder_name) c.personal("keyholder_name");
    if (b.keyholder_phone != d.keyholder_phone) c.personal("keyholder_phone");
    if (b.notes != d.notes) c.personal("notes");
    w.audit("update", "venues", id, c);
}

std::optional<std::string> venue_details_problem(const VenueDetails& d) {
    if (blank(d.name)) return "The venue needs a name.";
    if (d.name.size() > 200) return "The venue's name is too long (more than 200 characters).";
    if (d.address.size() > 1000) return "The address is too long (more than 1000 characters).";
    if (d.capacity < 1 || d.capacity > kMaxVenueCapacity)
        return "The capacity must be a number of people from 1 to " + std::to_string(kMaxVenueCapacity) + ".";
    if (d.keyholder_name.size() > 200) return "The keyholder's name is too long (more than 200 characters).";
    if (d.keyholder_phone.size() > 100)
        return "The keyholder's phone is too long (more than 100 characters).";
    if (d.notes.size() > 5000) return "The notes are too long (more than 5000 characters).";
    return std::nullopt;
}

std::vector<Venue> venues(const Store& store) {
    FieldCipher c = store.cipher();
    std::vector<Venue> out;
    auto st = store.connection_for_reading().cached(std::string(kVenueColumns) + " ORDER BY name, id");
    while (st->step())
        out.push_back(read_venue_row(*st, c));
    return out;
}

std::optional<Venue> venue(const Store& store, VenueId id) {
    FieldCipher c = store.cipher();
    auto st = store.connection_for_reading().cached(std::string(kVenueColumns) + " WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_venue_row(*st, c);
}

std::optional<Venue> find_venue(const Store& store, std::string_view name) {
    for (Venue& v : venues(store))
        if (same_name(v.details.name, name)) return std::move(v);
    return std::nullopt;
}

std::vector<Venue> venues_that_fit(const std::vector<Venue>& all, int expected_people) {
    std::vector<Venue> out;
    for (const Venue& v : all)
        if (v.details.capacity >= expected_people) out.push_back(v);
    std::stable_sort(out.begin(), out.end(),
                     [](const Venue& a, const Venue& b) { return a.details.capacity < b.details.capacity; });
    return out;
}

VenueId add_venue(Store& store, const VenueDetails& details) {
    if (auto p = venue_details_problem(details)) throw StoreError(ErrorKind::InvalidInput, *p);
    const VenueId id =
        store.write(Permission::ManageCentre, [&](WriteContext& w) { return insert_venue(w, details); });
    spdlog::info("store: venue #{} added", id);
    return id;
}

namespace {

// After a refused edit or removal (rolled back): the venue as it now is, in the error.
[[noreturn]] void refuse_changed_venue(const Store& store, VenueId id, bool removal) {
    std::optional<Venue> now = venue(store, id);
    if (!now)
        throw StoreError(ErrorKind::InvalidInput,
                         "Venue #" + std::to_string(id) + " was removed at another desk meanwhile.",
                         "Nothing was saved.");
    spdlog::info("store: venue #{} {} refused: changed at another desk", id, removal ? "removal" : "edit");
    const std::string what = "The venue '" + now->details.name + "' was changed at another desk ";
    if (removal)
        throw EditConflict<Venue>(what + "after you chose to remove it. Nothing was removed.",
                                  kRemovalConflictAdvice, std::move(*now));
    throw EditConflict<Venue>(what + "while you were editing it. Nothing was saved.", kEditConflictAdvice,
                              std::move(*now));
}

void remove_venue_checked(Store& store, VenueId id, std::optional<std::int64_t> started_from) {
    store.write(Permission::ManageCentre, [&](WriteContext& w) {
        auto before = venue(store, id);
        if (!before)
            throw StoreError(ErrorKind::InvalidInput, "There is no venue #" + std::to_string(id) + ".");
        require_version("The venue", started_from, before->version);
        auto used = w.db.cached("SELECT count(*) FROM activation WHERE venue_id = ?");
        used->bind(1, id);
        used->step();
        if (used->int64_at(0) != 0)
            throw StoreError(ErrorKind::InvalidInput,
                             "'" + before->details.name + "' is the venue this centre was activated at.",
                             "It stays in the register as part of the operation's record.");
        w.db.cached("DELETE FROM venues WHERE id = ? AND version = ?")->bind_all(id, before->version).run();
        require_row_written(w.db, "The venue");
        w.audit("delete", "venues", id, AuditChanges().value("name", before->details.name));
    });
}

} // namespace

std::int64_t update_venue(Store& store, VenueId id, const VenueDetails& details,
                          std::optional<std::int64_t> started_from) {
    if (auto p = venue_details_problem(details)) throw StoreError(ErrorKind::InvalidInput, *p);
    try {
        return store.write(Permission::ManageCentre, [&](WriteContext& w) -> std::int64_t {
            auto before = venue(store, id);
            if (!before)
                throw StoreError(ErrorKind::InvalidInput, "There is no venue #" + std::to_string(id) + ".");
            if (before->details == details) return before->version;
            require_version("The venue", started_from, before->version);
            replace_venue(w, *before, details);
            return before->version + 1;
        });
    } catch (const RecordChangedMeanwhile&) {
        refuse_changed_venue(store, id, false);
    }
}

void remove_venue(Store& store, VenueId id, std::optional<std::int64_t> started_from) {
    try {
        remove_venue_checked(store, id, started_from);
    } catch (const RecordChangedMeanwhile&) {
        refuse_changed_venue(store, id, true);
    }
    spdlog::info("store: venue #{} removed", id);
}

} // namespace rc::store
