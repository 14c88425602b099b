#include "domain/permissions.hpp"

namespace rc {

bool can(UserRole role, Permission permission) {
    if (role == UserRole::Coordinator) return true;
    switch (permission) {
    case Permission::CheckIn:
    case Permission::ViewOnSite:
    case Permission::WriteLog:
    case Permission::Backup:
    // Whoever is at the door signs staff in and out: the list of who is in the building cannot wait
    // for a coordinator, and it holds nothing about the people received.
    case Permission::SignStaffInOut:
    // Bags are received and handed out by whoever is at the door or the desk, at any hour: waiting for
    // a coordinator is how bags end up "issued without record".
    case Permission::HandleStock:
        return true;
    case Permission::ViewMedicalNotes:
    case Permission::Export:
    case Permission::Import:
    case Permission::Purge:
    case Permission::ManageUsers:
    case Permission::ManageCentre:
    case Permission::ManageSettings:
    case Permission::Restore:
    case Permission::ViewAudit:
    case Permission::ManagePartners:
    // Corrections change what the record says happened rather than record what someone saw happen, and
    // are where a loss would hide: a coordinator makes them.
    case Permission::ManageStock:
    // A referral records a person's consent and discharges a legal duty (an NRM only by a first
    // responder, an MS1 kept anonymous), and its notes are special-category data: the coordinator (or the
    // safeguarding lead signed in as one) records it, not whoever is at the door.
    case Permission::RecordReferrals:
        return false;
    }
    return false;
}

std::string_view permission_label(Permission permission) {
    switch (permission) {
    case Permission::CheckIn:
        return "check people in";
    case Permission::ViewOnSite:
        return "see who is on site";
    case Permission::WriteLog:
        return "write in the activity log";
    case Permission::Backup:
        return "take a backup";
    case Permission::ViewMedicalNotes:
        return "see medical notes";
    case Permission::Export:
        return "export data";
    case Permission::Import:
        return "import data";
    case Permission::Purge:
        return "purge personal data";
    case Permission::ManageUsers:
        return "manage users";
    case Permission::ManageCentre:
        return "change the centre's details";
    case Permission::ManageSettings:
        return "change settings";
    case Permission::Restore:
        return "restore a backup";
    case Permission::ViewAudit:
        return "read the audit trail";
    case Permission::ManagePartners:
        return "call partners out or change the partner directory";
    case Permission::SignStaffInOut:
        return "sign staff in and out";
    case Permission::HandleStock:
        return "receive and issue support bags";
    case Permission::ManageStock:
        return "correct the stock record";
    case Permission::RecordReferrals:
        return "record referrals";
    }
    return "do this";
}

} // namespace rc
