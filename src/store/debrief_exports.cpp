#include "store/debrief_exports.hpp"

#include "domain/text_match.hpp"
#include "domain/utf8.hpp"
#include "store/error.hpp"

#include <spdlog/spdlog.h>

namespace rc::store {

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t at = 0; at < s.size();) {
        const Utf8Char c = decode_utf8(s, at);
        if (!c.valid) return false;
        at += c.length;
    }
    return true;
}

} // namespace

std::int64_t record_debrief_export(Store& store, const DebriefExportDetails& details) {
    const std::string reason(trim_space(details.reason));
    if (details.identifiable && reason.empty())
        throw StoreError(ErrorKind::InvalidInput, "An identifiable export needs a reason.",
                         "Say why names are needed (for example: handover to children's services), or "
                         "export pseudonymised.");
    if (reason.size() > kMaxExportReason || !valid_utf8(reason))
        throw StoreError(ErrorKind::InvalidInput, "The reason must be UTF-8 text of at most " +
                                                      std::to_string(kMaxExportReason) + " bytes.");
    if (details.formats.empty() || details.formats.size() > 100 || details.people < 0)
        throw StoreError(ErrorKind::InvalidInput, "The export's formats or number of people are not valid.");
    const char* mode = details.identifiable ? "identifiable" : "pseudonymised";
    const std::int64_t id = store.write(Permission::Export, [&](WriteContext& w) {
        const std::int64_t row = w.next_id("debrief_exports");
        std::optional<Blob> sealed;
        if (details.identifiable) sealed = w.cipher.seal("debrief_exports", "reason", row, reason);
        w.db.cached("INSERT INTO debrief_exports (id, at, by_user, mode, formats, people, reason_enc) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)")
            ->bind_all(row, w.now, w.user, mode, details.formats, details.people, sealed)
            .run();
        AuditChanges c;
        c.value("mode", mode).value("formats", details.formats).value("people", details.people);
        if (details.identifiable) c.personal("reason");
        w.audit("export", "debrief_exports", row, c);
        return row;
    });
    spdlog::info("store: debrief exported ({}, {}) as debrief_exports #{}", mode, details.formats, id);
    return id;
}

std::vector<DebriefExportRecord> debrief_exports(const Store& store) {
    const FieldCipher c = store.cipher(); // throws SignedOut while locked
    if (!store.can(Permission::ViewAudit))
        throw StoreError(ErrorKind::NotPermitted, "Only a coordinator can read the audit trail.",
                         "Ask the coordinator on duty.");
    std::vector<DebriefExportRecord> out;
    auto st = store.connection_for_reading().cached(
        "SELECT id, at, by_user, mode, formats, people, reason_enc FROM debrief_exports ORDER BY id");
    while (st->step()) {
        DebriefExportRecord r;
        r.id = st->int64_at(0);
        r.at = st->int64_at(1);
        r.by = st->int64_at(2);
        r.identifiable = st->text_at(3) == "identifiable";
        r.formats = st->text_at(4);
        r.people = st->get<int>(5);
        if (!st->is_null(6))
            r.reason = c.open("debrief_exports", "reason", r.id, st->blob_at(6))
                           .value_or("[unreadable: failed its integrity check]");
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace rc::store
