// The partner directory: organisations and their standing contacts, kept between operations and apart
// from any operation's call-out record.
#include "store/error.hpp"
#include "store/partners.hpp"
#include "store/partners_internal.hpp"
#include "store/store_internal.hpp"

#include <spdlog/spdlog.h>

namespace rc::store {

using partners_detail::kUnreadable;
using partners_detail::plain_id;
using partners_detail::trimmed;

namespace {

constexpr const char* kDirectoryColumns =
    "SELECT id, organisation, partner_id, role, contact_name_enc, phone_enc, "
    "notes_enc, created_at, updated_at, updated_by, version FROM partner_directory";

DirectoryEntry read_directory_row(const Statement& st, const FieldCipher& c) {
    DirectoryEntry e;
    e.id = st.int64_at(0);
    e.details.organisation = st.text_at(1);
    e.details.partner_id = st.get<std::optional<std::string>>(2).value_or("");
    e.details.role = st.text_at(3);
    auto open = [&](const char* column, int index) {
        auto text = c.open("partner_directory", column, e.id, st.blob_at(index));
        if (!text) spdlog::warn("store: partner_directory #{} {} failed its integrity check", e.id, column);
        return text.value_or(kUnreadable);
    };
    e.details.contact_name = open("contact_name", 4);
    e.details.phone = open("phone", 5);
    e.details.notes = open("notes", 6);
    e.created_at = st.int64_at(7);
    e.updated_at = st.int64_at(8);
    e.updated_by = st.int64_at(9);
    e.version = st.int64_at(10);
    return e;
}

DirectoryEntryDetails normalised(const DirectoryEntryDetails& d) {
    DirectoryEntryDetails n;
    n.organisation = trimmed(d.organisation);
    n.partner_id = trimmed(d.partner_id);
    n.role = trimmed(d.role);
    n.contact_name = trimmed(d.contact_name);
    n.phone = trimmed(d.phone);
    n.notes = trimmed(d.notes);
    return n;
}

DirectoryEntryDetails checked(const DirectoryEntryDetails& in) {
    DirectoryEntryDetails d = normalised(in);
    if (auto p = directory_entry_problem(d)) throw StoreError(ErrorKind::InvalidInput, *p);
    return d;
}

std::optional<std::string> optional_id(const std::string& id) {
    if (id.empty()) return std::nullopt;
    return id;
}

std::optional<DirectoryEntry> entry_in(Connection& db, const FieldCipher& c, DirectoryEntryId id) {
    auto st = db.cached(std::string(kDirectoryColumns) + " WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) return std::nullopt;
    return read_directory_row(*st, c);
}

DirectoryEntry require_entry(WriteContext& w, DirectoryEntryId id) {
    auto e = entry_in(w.db, w.cipher, id);
    if (!e)
        throw StoreError(ErrorKind::InvalidInput, "There is no directory entry #" + std::to_string(id) + ".",
                         "Choose an entry from the partner directory.");
    return std::move(*e);
}

std::int64_t update_entry_checked(Store& store, DirectoryEntryId id, const DirectoryEntryDetails& d,
                                  std::optional<std::int64_t> started_from) {
    return store.write(Permission::ManagePartners, [&](WriteContext& w) -> std::int64_t {
        const DirectoryEntry before = require_entry(w, id);
        const DirectoryEntryDetails& b = before.details;
        if (b == d) return before.version;
        require_version("The directory entry", started_from, before.version);
        w.db.cached("UPDATE partner_directory SET organisation = ?, partner_id = ?, role = ?, "
                    "contact_name_enc = ?, phone_enc = ?, notes_enc = ?, updated_at = ?, updated_by = ?, "
                    "version = version + 1 WHERE id = ? AND version = ?")
            ->bind_all(d.organisation, optional_id(d.partner_id), d.role,
                       w.cipher.seal("partner_directory", "contact_name", id, d.contact_name),
                       w.cipher.seal("partner_directory", "phone", id, d.phone),
                       w.cipher.seal("partner_directory", "notes", id, d.notes), w.now, w.user, id,
                       before.version)
            .run();
        require_row_written(w.db, "The directory entry");
        AuditChanges c;
        if (b.organisation != d.organisation) c.change("organisation", b.organisation, d.organisation);
        if (b.partner_id != d.partner_id) c.change("partner_id", b.partner_id, d.partner_id);
        if (b.role != d.role) c.change("role", b.role, d.role);
        if (b.contact_name != d.contact_name) c.personal("contact_name");
        if (b.phone != d.phone) c.personal("phone");
        if (b.notes != d.notes) c.personal("notes");
        w.audit("update", "partner_directory", id, c);
        return before.version + 1;
    });
}

void remove_entry_checked(Store& store, DirectoryEntryId id, std::optional<std::int64_t> started_from) {
    store.write(Permission::ManagePartners, [&](WriteContext& w) {
        const DirectoryEntry before = require_entry(w, id);
        require_version("The directory entry", started_from, before.version);
        w.db.cached("DELETE FROM partner_directory WHERE id = ? AND version = ?")
            ->bind_all(id, before.version)
            .run();
        require_row_written(w.db, "The directory entry");
        w.audit("delete", "partner_directory", id,
                AuditChanges().value("organisation", before.details.organisation));
    });
}

// After a refused edit or removal (rolled back): the entry as it now is, in the error.
[[noreturn]] void refuse_changed_entry(const Store& store, DirectoryEntryId id, bool removal) {
    std::optional<DirectoryEntry> now = directory_entry(store, id);
    if (!now)
        throw StoreError(ErrorKind::InvalidInput,
                         "Directory entry #" + std::to_string(id) + " was removed at another desk meanwhile.",
                         "Nothing was saved.");
    spdlog::info("store: partner directory entry #{} {} refused: changed at another desk", id,
                 removal ? "removal" : "edit");
    const std::string what =
        "The directory entry for " + now->details.organisation + " was changed at another desk ";
    if (removal)
        throw EditConflict<DirectoryEntry>(what + "after you chose to remove it. Nothing was removed.",
                                           kRemovalConflictAdvice, std::move(*now));
    throw EditConflict<DirectoryEntry>(what + "while you were editing it. Nothing was saved.",
                                       kEditConflictAdvice, std::move(*now));
}

} // namespace

std::optional<std::string> directory_entry_problem(const DirectoryEntryDetails& in) {
    const DirectoryEntryDetails d = normalised(in);
    if (d.organisation.empty()) return "The directory entry needs an organisation.";
    if (d.organisation.size() > 200) return "The organisation is too long (more than 200 characters).";
    if (!d.partner_id.empty() && !plain_id(d.partner_id))
        return "'" + d.partner_id + "' is not a partner id (lower-case letters, digits, '-' and '_').";
    if (d.role.size() > 200) return "The contact's role is too long (more than 200 characters).";
    if (d.contact_name.size() > 200) return "The contact's name is too long (more than 200 characters).";
    if (d.phone.size() > 100) return "The phone number is too long (more than 100 characters).";
    if (d.notes.size() > 5000) return "The notes are too long (more than 5000 characters).";
    return std::nullopt;
}

std::vector<DirectoryEntry> partner_directory(const Store& store) {
    FieldCipher c = store.cipher();
    std::vector<DirectoryEntry> out;
    auto st = store.connection_for_reading().cached(std::string(kDirectoryColumns) +
                                                    " ORDER BY organisation COLLATE NOCASE, id");
    while (st->step())
        out.push_back(read_directory_row(*st, c));
    return out;
}

std::optional<DirectoryEntry> directory_entry(const Store& store, DirectoryEntryId id) {
    return entry_in(store.connection_for_reading(), store.cipher(), id);
}

DirectoryEntryId add_directory_entry(Store& store, const DirectoryEntryDetails& details) {
    const DirectoryEntryDetails d = checked(details);
    const DirectoryEntryId id = store.write(Permission::ManagePartners, [&](WriteContext& w) {
        const DirectoryEntryId new_id = w.next_id("partner_directory");
        w.db.cached("INSERT INTO partner_directory (id, organisation, partner_id, role, contact_name_enc, "
                    "phone_enc, notes_enc, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?)")
            ->bind_all(new_id, d.organisation, optional_id(d.partner_id), d.role,
                       w.cipher.seal("partner_directory", "contact_name", new_id, d.contact_name),
                       w.cipher.seal("partner_directory", "phone", new_id, d.phone),
                       w.cipher.seal("partner_directory", "notes", new_id, d.notes), w.now, w.now, w.user)
            .run();
        AuditChanges c;
        c.value("organisation", d.organisation);
        if (!d.partner_id.empty()) c.value("partner_id", d.partner_id);
        c.value("role", d.role).personal("contact_name").personal("phone").personal("notes");
        w.audit("insert", "partner_directory", new_id, c);
        return new_id;
    });
    spdlog::info("store: partner directory entry #{} added", id);
    return id;
}

std::int64_t update_directory_entry(Store& store, DirectoryEntryId id, const DirectoryEntryDetails& details,
                                    std::optional<std::int64_t> started_from) {
    const DirectoryEntryDetails d = checked(details);
    std::int64_t version = 0;
    try {
        version = update_entry_checked(store, id, d, started_from);
    } catch (const RecordChangedMeanwhile&) {
        refuse_changed_entry(store, id, false);
    }
    spdlog::info("store: partner directory entry #{} updated", id);
    return version;
}

void remove_directory_entry(Store& store, DirectoryEntryId id, std::optional<std::int64_t> started_from) {
    try {
        remove_entry_checked(store, id, started_from);
    } catch (const RecordChangedMeanwhile&) {
        refuse_changed_entry(store, id, true);
    }
    spdlog::info("store: partner directory entry #{} removed", id);
}

} // namespace rc::store
