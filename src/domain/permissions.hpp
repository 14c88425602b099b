#pragma once
// What each role may do. A volunteer checks people in and sees who is on site; only a coordinator
// exports, imports, purges, manages users or sees medical notes. Screens ask `can()` to decide what to
// show; the store asks it again before every write, so hiding a button is never the only protection.
#include "domain/centre.hpp"

#include <string_view>

namespace rc {

enum class Permission {
    CheckIn,          // check people in and out, record arrivals
    ViewOnSite,       // see who is on site (people, staff, partners)
    WriteLog,         // add entries to the activity log
    Backup,           // take a backup now (backups hold only encrypted personal data)
    ViewMedicalNotes, // read medical notes
    Export,           // export data (debrief, referrals)
    Import,           // import data (CSV, procedure)
    Purge,            // delete personal data for good (retention)
    ManageUsers,      // add users, change roles, disable, reset passphrases
    ManageCentre,     // change the centre's details and status
    ManageSettings,   // backup folder and interval, idle lock
    Restore,          // replace the database with a backup
    ViewAudit,        // read the audit trail
    ManagePartners,   // call partners out and record their answers; edit the partner directory
    SignStaffInOut,   // sign staff and partners' people in and out (the ICS 211 list)
    HandleStock,      // receive support bags, issue them, return them, move them between stores
    ManageStock,      // correct the stock record: stocktake, write-off, reversal; the list of stores
    RecordReferrals,  // record referrals and consent decisions; read their details and prompt sheets
};

bool can(UserRole role, Permission permission);
std::string_view permission_label(Permission permission); // "manage users"

} // namespace rc
