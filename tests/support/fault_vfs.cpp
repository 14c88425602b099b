#include "fault_vfs.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace rc::test {

namespace {

struct Undo {
    sqlite3_int64 offset;
    std::vector<unsigned char> old_bytes;
};

// What happened to a file since its last sync.
struct FileState {
    sqlite3_int64 synced_size = 0;
    std::vector<Undo> undo; // applied newest first at a power cut
};

struct Shared {
    std::mutex mutex;
    std::map<std::string, FileState> files;
    std::int64_t operations = 0;
    std::int64_t cut_after = -1;   // power cut when operations reaches this (-1: none)
    std::int64_t fault_after = -1; // one fault when operations reaches this
    int fault_code = SQLITE_IOERR;
    bool power_off = false;
};

Shared& shared() {
    static Shared s;
    return s;
}

sqlite3_vfs* g_parent = nullptr;
sqlite3_vfs g_vfs;

struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;
    std::string path; // empty for temporary files (not tracked)
};

ShimFile* shim(sqlite3_file* f) {
    return reinterpret_cast<ShimFile*>(f);
}

// Counts a write-like operation; returns the error to give instead of doing it, or SQLITE_OK.
int gate(Shared& s) {
    if (s.power_off) return SQLITE_IOERR_WRITE;
    ++s.operations;
    if (s.cut_after >= 0 && s.operations > s.cut_after) {
        s.power_off = true;
        return SQLITE_IOERR_WRITE;
    }
    if (s.fault_after >= 0 && s.operations > s.fault_after) {
        s.fault_after = -1;
        return s.fault_code;
    }
    return SQLITE_OK;
}

FileState& state_of(Shared& s, ShimFile* f) {
    auto it = s.files.find(f->path);
    if (it == s.files.end()) {
        FileState st;
        sqlite3_int64 size = 0;
        f->real->pMethods->xFileSize(f->real, &size);
        st.synced_size = size; // what was there before the shim saw it counts as synced
        it = s.files.emplace(f->path, std::move(st)).first;
    }
    return it->second;
}

void remember(ShimFile* f, sqlite3_int64 offset, sqlite3_int64 length) {
    if (f->path.empty()) return;
    Shared& s = shared();
    FileState& st = state_of(s, f);
    sqlite3_int64 size = 0;
    f->real->pMethods->xFileSize(f->real, &size);
    const sqlite3_int64 end = std::min(offset + length, size);
    Undo u{offset, {}};
    if (end > offset) {
        u.old_bytes.resize(static_cast<std::size_t>(end - offset));
        f->real->pMethods->xRead(f->real, u.old_bytes.data(), static_cast<int>(end - offset), offset);
    }
    st.undo.push_back(std::move(u));
}

int x_close(sqlite3_file* f) {
    int rc = shim(f)->real->pMethods->xClose(shim(f)->real);
    shim(f)->path.~basic_string();
    sqlite3_free(shim(f)->real);
    return rc;
}
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    return shim(f)->real->pMethods->xRead(shim(f)->real, buf, n, off);
}
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    if (int rc = gate(s); rc != SQLITE_OK) return rc;
    remember(shim(f), off, n);
    return shim(f)->real->pMethods->xWrite(shim(f)->real, buf, n, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    if (int rc = gate(s); rc != SQLITE_OK) return rc;
    sqlite3_int64 old = 0;
    shim(f)->real->pMethods->xFileSize(shim(f)->real, &old);
    if (old > size) remember(shim(f), size, old - size);
    return shim(f)->real->pMethods->xTruncate(shim(f)->real, size);
}
int x_sync(sqlite3_file* f, int flags) {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    if (int rc = gate(s); rc != SQLITE_OK) return rc;
    int rc = shim(f)->real->pMethods->xSync(shim(f)->real, flags);
    if (rc == SQLITE_OK && !shim(f)->path.empty()) {
        FileState& st = state_of(s, shim(f));
        st.undo.clear();
        shim(f)->real->pMethods->xFileSize(shim(f)->real, &st.synced_size);
    }
    return rc;
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
    return shim(f)->real->pMethods->xFileSize(shim(f)->real, size);
}
int x_lock(sqlite3_file* f, int l) {
    return shim(f)->real->pMethods->xLock(shim(f)->real, l);
}
int x_unlock(sqlite3_file* f, int l) {
    return shim(f)->real->pMethods->xUnlock(shim(f)->real, l);
}
int x_check_reserved(sqlite3_file* f, int* out) {
    return shim(f)->real->pMethods->xCheckReservedLock(shim(f)->real, out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
    return shim(f)->real->pMethods->xFileControl(shim(f)->real, op, arg);
}
int x_sector_size(sqlite3_file* f) {
    return shim(f)->real->pMethods->xSectorSize(shim(f)->real);
}
int x_device_characteristics(sqlite3_file* f) {
    // Claim nothing that would let SQLite skip a sync or assume atomic writes.
    return shim(f)->real->pMethods->xDeviceCharacteristics(shim(f)->real) &
           ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL |
             SQLITE_IOCAP_POWERSAFE_OVERWRITE | SQLITE_IOCAP_BATCH_ATOMIC);
}
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return shim(f)->real->pMethods->xShmMap(shim(f)->real, page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    return shim(f)->real->pMethods->xShmLock(shim(f)->real, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
    shim(f)->real->pMethods->xShmBarrier(shim(f)->real);
}
int x_shm_unmap(sqlite3_file* f, int del) {
    return shim(f)->real->pMethods->xShmUnmap(shim(f)->real, del);
}

const sqlite3_io_methods kMethods = {
    2, // no xFetch: every read goes through xRead
    x_close,   x_read,     x_write,          x_truncate,     x_sync,        x_file_size,
    x_lock,    x_unlock,   x_check_reserved, x_file_control, x_sector_size, x_device_characteristics,
    x_shm_map, x_shm_lock, x_shm_barrier,    x_shm_unmap,    nullptr,       nullptr};

int v_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    ShimFile* s = shim(f);
    s->real = static_cast<sqlite3_file*>(sqlite3_malloc(g_parent->szOsFile));
    if (!s->real) return SQLITE_NOMEM;
    std::memset(s->real, 0, static_cast<std::size_t>(g_parent->szOsFile));
    int rc = g_parent->xOpen(g_parent, name, s->real, flags, out_flags);
    if (rc != SQLITE_OK || !s->real->pMethods) {
        sqlite3_free(s->real);
        s->base.pMethods = nullptr;
        return rc;
    }
    new (&s->path) std::string(name ? name : "");
    s->base.pMethods = &kMethods;
    return SQLITE_OK;
}
int v_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    Shared& s = shared();
    {
        std::lock_guard<std::mutex> g(s.mutex);
        if (s.power_off) return SQLITE_IOERR_DELETE;
        s.files.erase(name); // a deleted file is gone for good (deletes are taken as durable)
    }
    return g_parent->xDelete(g_parent, name, sync_dir);
}
int v_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return g_parent->xAccess(g_parent, name, flags, out);
}
int v_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return g_parent->xFullPathname(g_parent, name, n, out);
}
void* v_dl_open(sqlite3_vfs*, const char* name) {
    return g_parent->xDlOpen(g_parent, name);
}
void v_dl_error(sqlite3_vfs*, int n, char* out) {
    g_parent->xDlError(g_parent, n, out);
}
void (*v_dl_sym(sqlite3_vfs*, void* h, const char* sym))(void) {
    return g_parent->xDlSym(g_parent, h, sym);
}
void v_dl_close(sqlite3_vfs*, void* h) {
    g_parent->xDlClose(g_parent, h);
}
int v_randomness(sqlite3_vfs*, int n, char* out) {
    return g_parent->xRandomness(g_parent, n, out);
}
int v_sleep(sqlite3_vfs*, int us) {
    return g_parent->xSleep(g_parent, us);
}
int v_current_time(sqlite3_vfs*, double* out) {
    return g_parent->xCurrentTime(g_parent, out);
}
int v_last_error(sqlite3_vfs*, int n, char* out) {
    return g_parent->xGetLastError ? g_parent->xGetLastError(g_parent, n, out) : 0;
}
int v_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
    return g_parent->xCurrentTimeInt64(g_parent, out);
}

} // namespace

void FaultVfs::install() {
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite3_initialize();
        g_parent = sqlite3_vfs_find(nullptr);
        std::memset(&g_vfs, 0, sizeof g_vfs);
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = static_cast<int>(sizeof(ShimFile));
        g_vfs.mxPathname = g_parent->mxPathname;
        g_vfs.zName = "rc-fault";
        g_vfs.xOpen = v_open;
        g_vfs.xDelete = v_delete;
        g_vfs.xAccess = v_access;
        g_vfs.xFullPathname = v_full_pathname;
        g_vfs.xDlOpen = v_dl_open;
        g_vfs.xDlError = v_dl_error;
        g_vfs.xDlSym = v_dl_sym;
        g_vfs.xDlClose = v_dl_close;
        g_vfs.xRandomness = v_randomness;
        g_vfs.xSleep = v_sleep;
        g_vfs.xCurrentTime = v_current_time;
        g_vfs.xGetLastError = v_last_error;
        g_vfs.xCurrentTimeInt64 = v_current_time_int64;
    });
    sqlite3_vfs_register(&g_vfs, 1);
}

void FaultVfs::uninstall() {
    if (g_parent != nullptr) sqlite3_vfs_register(g_parent, 1);
}

void FaultVfs::arm_power_cut(std::int64_t writes_before_cut) {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    s.operations = 0;
    s.cut_after = writes_before_cut;
}

void FaultVfs::arm_fault(std::int64_t writes_before_fault, int code) {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    s.operations = 0;
    s.fault_after = writes_before_fault;
    s.fault_code = code;
}

void FaultVfs::disarm() {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    s.cut_after = -1;
    s.fault_after = -1;
}

bool FaultVfs::power_is_off() {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    return s.power_off;
}

void FaultVfs::reboot() {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    for (auto& [path, st] : s.files) {
        // Portable file calls, so the power-cut tests run on the Windows build too.
        {
            std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
            if (!f) continue;
            for (auto it = st.undo.rbegin(); it != st.undo.rend(); ++it)
                if (!it->old_bytes.empty()) {
                    f.seekp(static_cast<std::streamoff>(it->offset));
                    f.write(reinterpret_cast<const char*>(it->old_bytes.data()),
                            static_cast<std::streamsize>(it->old_bytes.size()));
                }
        }
        std::error_code ec;
        std::filesystem::resize_file(path, static_cast<std::uintmax_t>(st.synced_size), ec);
        // The wal-index is shared memory: after a power cut it is rebuilt from the WAL.
        if (path.size() > 4 && path.compare(path.size() - 4, 4, "-wal") == 0)
            std::filesystem::remove(path.substr(0, path.size() - 4) + "-shm", ec);
    }
    s.files.clear();
    s.power_off = false;
    s.cut_after = -1;
    s.fault_after = -1;
    s.operations = 0;
}

std::int64_t FaultVfs::operations() {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    return s.operations;
}

void FaultVfs::reset_operations() {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    s.operations = 0;
}

void FaultVfs::forget_files() {
    Shared& s = shared();
    std::lock_guard<std::mutex> g(s.mutex);
    s.files.clear();
}

} // namespace rc::test
