#pragma once
// The record of debrief exports: who exported, when, in which mode and formats, for how many people,
// and, for an identifiable export, why. Written in one transaction with its audit row, before any file
// is made, so an identifiable export that left the console is always accounted for. The reason is free
// text: sealed in the file, named without its value in the audit trail.
//
//   auto id = rc::store::record_debrief_export(*store, {.identifiable = true, .formats = "xlsx,pdf",
//                                                       .people = 42, .reason = "Safeguarding handover"});
#include "store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace rc::store {

inline constexpr std::size_t kMaxExportReason = 2000;

struct DebriefExportDetails {
    bool identifiable = false;
    std::string formats; // "xlsx,pdf,csv,json", or "preview" for a look on screen
    int people = 0;
    std::string reason; // required (non-blank) when identifiable
};

struct DebriefExportRecord {
    std::int64_t id = 0;
    UnixSeconds at = 0;
    UserId by = 0;
    bool identifiable = false;
    std::string formats;
    int people = 0;
    std::string reason; // decrypted; empty for a pseudonymised export (and after a retention purge)
};

// Permission::Export (coordinators). An identifiable export without a reason is refused with
// StoreError(InvalidInput) and nothing is written. Returns the record's id.
std::int64_t record_debrief_export(Store& store, const DebriefExportDetails& details);

// Every export, oldest first. Permission::ViewAudit.
std::vector<DebriefExportRecord> debrief_exports(const Store& store);

} // namespace rc::store
