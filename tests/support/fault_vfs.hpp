#pragma once
// A test VFS for power cuts and disk faults, the way SQLite's own crash tests work (test6.c): a shim
// over the default VFS that remembers, per file, every write not yet synced (the bytes it replaced and
// the size at the last sync). Registered as the default VFS while a FaultVfsInstalled lives, so every
// connection of the process, the store's and its backups', goes through it.
//
//   Power cut: arm_power_cut(n) lets n more writes/syncs/truncates through; the next one fails, and from
//   then on every write fails (the machine is off). reboot() then puts every file back as it was at its
//   last sync, throwing away each unsynced write, and removes the shared-memory index (it does not
//   survive a power cut either).
//   Disk fault: arm_fault(n, code) makes the n+1-th write fail with `code` (SQLITE_FULL, SQLITE_IOERR),
//   once; everything else carries on.
#include <cstdint>
#include <filesystem>

namespace rc::test {

class FaultVfs {
public:
    // Makes the shim the default VFS; uninstall() makes SQLite's own the default again. The shim claims
    // fewer device properties than the real disk (no power-safe overwrite), which changes how SQLite
    // pads the WAL, so tests after a fault test must not run on it.
    static void install();
    static void uninstall();

    static void arm_power_cut(std::int64_t writes_before_cut);
    static void arm_fault(std::int64_t writes_before_fault, int sqlite_error_code);
    static void disarm();
    static bool power_is_off();
    // Puts every file back as it was at its last sync; the power comes back on.
    static void reboot();
    // Writes, syncs and truncates seen since the counter was last reset (to size a run of operations).
    static std::int64_t operations();
    static void reset_operations();
    // Forgets the unsynced-write records (call before copying files in place of ones it knew).
    static void forget_files();
};

// The shim as the default VFS for as long as this lives (declare it before any store it should see).
class FaultVfsInstalled {
public:
    FaultVfsInstalled() { FaultVfs::install(); }
    ~FaultVfsInstalled() { FaultVfs::uninstall(); }
    FaultVfsInstalled(const FaultVfsInstalled&) = delete;
    FaultVfsInstalled& operator=(const FaultVfsInstalled&) = delete;
};

} // namespace rc::test
