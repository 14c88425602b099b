// The offline roll's file: sealed entries appended and synced one by one, read back whole or refused.
#include "store/offline_roll.hpp"

#include "os/file_io.hpp"
#include "os/utf8_path.hpp"
#include "store/error.hpp"
#include "store/field_cipher.hpp"
#include "store/people_internal.hpp"
#include "store/sealed_record.hpp"

#include <cctype>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <spdlog/spdlog.h>

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
        throw StoreError(ErrorKind::Io, "The offline roll " + os::path_to_utf8(p) + " could not be read.",
                         "Check that the data folder is readable; the file was left as it is.");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The sealed values in file order; refuses a file that is not an offline roll or is cut short.
std::vector<std::string_view> split_entries(const std::filesystem::path& p, std::string_view bytes) {
    if (bytes.substr(0, kMagic.size()) != kMagic)
        throw StoreError(ErrorKind::NotOurs, "The file " + os::path_to_utf8(p) + " is not an offline roll.",
                         "Nothing was read or changed. Move the file out of the data folder to check in "
                         "offline again.");
    std::vector<std::string_view> out;
    std::size_t at = kMagic.size();
    while (at < bytes.size()) {
        std::size_t n = 0;
        if (!get_u32(bytes, at, n) || n > kMaxEntry || bytes.size() - at < n)
            throw StoreError(ErrorKind::Truncated,
                             "The offline roll " + os::path_to_utf8(p) + " is cut short after entry " +
                                 std::to_string(out.size()) + " (the desk may have stopped while saving).",
                             "Nothing was imported or changed. Keep the file and ask for help to recover "
                             "the entries before it.");
        out.push_back(bytes.substr(at, n));
        at += n;
    }
    return out;
}

[[noreturn]] void io_failed(const std::filesystem::path& p, const std::error_code& ec) {
    throw StoreError(ec == std::errc::no_space_on_device ? ErrorKind::DiskFull : ErrorKind::Io,
                     "Could not save to the offline roll " + os::path_to_utf8(p) + ": " + ec.message() +
                         ". This check-in was not saved.",
                     "Free space on the disk or check the data folder, then save again.");
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

    // Owner-only from the moment it exists; a failed write leaves the earlier entries whole.
    if (auto ec = os::append_durably(file_, bytes, os::Privacy::OwnerOnly)) io_failed(file_, ec);
    if (is_new) (void)os::sync_directory(file_.parent_path()); // the new name survives a power cut
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
                             "Entry " + std::to_string(i + 1) + " of the offline roll " +
                                 os::path_to_utf8(file_) +
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
                             "Entry " + std::to_string(i + 1) + " of the offline roll " +
                                 os::path_to_utf8(file_) + " opens but cannot be read.",
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
                         "The offline roll " + os::path_to_utf8(file_) +
                             " could not be removed: " + ec.message() + ".",
                         "Its check-ins are in the centre now; move the file out of the data folder so that "
                         "they are not offered again.");
    (void)os::sync_directory(file_.parent_path());
}

} // namespace rc::store
