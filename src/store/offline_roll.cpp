// The offline roll's file: sealed entries appended and synced one by one, read back whole or refused.
#include "store/offline_roll.hpp"

#include "store/error.hpp"
#include "store/field_cipher.hpp"
#include "store/people_internal.hpp"
#include "store/sealed_record.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rc::store {

namespace {

constexpr std::string_view kMagic = "RCOFFROLL1\n";
constexpr std::string_view kTable = "offline_roll";
constexpr std::string_view kColumn = "entry";
constexpr std::size_t kMaxEntry = 1U << 20; // far above any person's record

enum : std::uint8_t { kPersonal = 1, kMedical = 2, kArrivedAt = 3 };

std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw StoreError(ErrorKind::Io, "The offline roll " + p.string() + " could not be read.",
                         "Check that the data folder is readable; the file was left as it is.");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The sealed values in file order; refuses a file that is not an offline roll or is cut short.
std::vector<std::string_view> split_entries(const std::filesystem::path& p, std::string_view bytes) {
    if (bytes.substr(0, kMagic.size()) != kMagic)
        throw StoreError(ErrorKind::NotOurs, "The file " + p.string() + " is not an offline roll.",
                         "Nothing was read or changed. Move the file out of the data folder to check in "
                         "offline again.");
    std::vector<std::string_view> out;
    std::size_t at = kMagic.size();
    while (at < bytes.size()) {
        std::size_t n = 0;
        if (!get_u32(bytes, at, n) || n > kMaxEntry || bytes.size() - at < n)
            throw StoreError(ErrorKind::Truncated,
                             "The offline roll " + p.string() + " is cut short after entry " +
                                 std::to_string(out.size()) + " (the desk may have stopped while saving).",
                             "Nothing was imported or changed. Keep the file and ask for help to recover "
                             "the entries before it.");
        out.push_back(bytes.substr(at, n));
        at += n;
    }
    return out;
}

[[noreturn]] void io_failed(const std::filesystem::path& p, const char* what, int err) {
    throw StoreError(err == ENOSPC ? ErrorKind::DiskFull : ErrorKind::Io,
                     std::string("Could not ") + what + " the offline roll " + p.string() + ": " +
                         std::strerror(err) + ". This check-in was not saved.",
                     "Free space on the disk or check the data folder, then save again.");
}

void sync_folder(const std::filesystem::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

std::filesystem::path OfflineRoll::path_in(const std::filesystem::path& data_dir,
                                           std::string_view centre_name) {
    std::string safe;
    for (char c : centre_name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            safe += static_cast<char>(std::tolower(u));
        else if (!safe.empty() && safe.back() != '-')
            safe += '-';
    }
    while (!safe.empty() && safe.back() == '-')
        safe.pop_back();
    if (safe.size() > 60) safe.resize(60);
    if (safe.empty()) safe = "centre";
    return data_dir / ("offline-roll-" + safe + ".rcroll");
}

bool OfflineRoll::exists() const {
    std::error_code ec;
    return std::filesystem::exists(file_, ec);
}

std::size_t OfflineRoll::count() const {
    if (!exists()) return 0;
    const std::string bytes = read_bytes(file_);
    return split_entries(file_, bytes).size();
}

SaveKey OfflineRoll::save_key() const {
    return SaveKey::of_contents("offline roll", read_bytes(file_));
}

void OfflineRoll::append(const FieldCipher& cipher, const Person& person, UnixSeconds arrived_at) {
    const bool is_new = !exists();
    const std::size_t number = count() + 1;

    std::string plain = SealedRecordWriter("\x01")
                            .field(kPersonal, encode_personal(person, std::nullopt))
                            .field(kMedical, person.medical_needs)
                            .field(kArrivedAt, static_cast<std::int64_t>(arrived_at))
                            .finish();
    const Blob sealed = cipher.seal_with_data_key(kTable, kColumn, static_cast<std::int64_t>(number), plain);
    sodium_memzero(plain.data(), plain.size());

    std::string bytes;
    if (is_new) bytes = kMagic;
    put_u32(bytes, sealed.size());
    bytes.append(reinterpret_cast<const char*>(sealed.data()), sealed.size());

    const int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) io_failed(file_, "open", errno);
    ::fchmod(fd, 0600);
    const auto start = ::lseek(fd, 0, SEEK_END);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            // Leave earlier entries whole: cut off what this append wrote.
            if (start >= 0) (void)::ftruncate(fd, start);
            ::close(fd);
            io_failed(file_, "write to", err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        io_failed(file_, "sync", err);
    }
    ::close(fd);
    if (is_new) sync_folder(file_.parent_path());
    spdlog::info("store: saved check-in {} to the offline roll", number);
}

std::vector<OfflineCheckIn> OfflineRoll::read(const FieldCipher& cipher) const {
    std::vector<OfflineCheckIn> out;
    if (!exists()) return out;
    std::string bytes = read_bytes(file_);
    const auto entries = split_entries(file_, bytes);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Blob sealed(entries[i].begin(), entries[i].end());
        auto plain = cipher.open(kTable, kColumn, static_cast<std::int64_t>(i + 1), sealed);
        if (!plain)
            throw StoreError(ErrorKind::Crypto,
                             "Entry " + std::to_string(i + 1) + " of the offline roll " + file_.string() +
                                 " does not open: it was altered, or saved for another centre.",
                             "Nothing was imported or changed. Sign in to the centre the desk checked "
                             "people in for, or keep the file and ask for help.");
        const auto fields = read_sealed_fields(*plain, 1);
        std::optional<PersonalFields> personal;
        std::optional<std::int64_t> arrived;
        if (fields && !plain->empty() && (*plain)[0] == '\x01') {
            personal = decode_personal(sealed_text(*fields, kPersonal));
            arrived = sealed_int(*fields, kArrivedAt);
        }
        if (!personal || !arrived) {
            sodium_memzero(plain->data(), plain->size());
            throw StoreError(ErrorKind::Corrupt,
                             "Entry " + std::to_string(i + 1) + " of the offline roll " + file_.string() +
                                 " opens but cannot be read.",
                             "Nothing was imported or changed. Keep the file and ask for help.");
        }
        OfflineCheckIn e;
        e.person = person_from_fields(*personal);
        e.person.medical_needs = sealed_text(*fields, kMedical);
        e.arrived_at = *arrived;
        sodium_memzero(plain->data(), plain->size());
        out.push_back(std::move(e));
    }
    return out;
}

void OfflineRoll::remove() {
    std::error_code ec;
    if (!std::filesystem::remove(file_, ec) && ec)
        throw StoreError(ErrorKind::Io,
                         "The offline roll " + file_.string() + " could not be removed: " + ec.message() +
                             ".",
                         "Its check-ins are in the centre now; move the file out of the data folder so that "
                         "they are not offered again.");
    sync_folder(file_.parent_path());
}

} // namespace rc::store
