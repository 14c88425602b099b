#pragma once
// The offline roll: check-ins a desk of a shared centre keeps while the server is away, in a file of
// its own in the desk's data folder, imported into the shared centre when the server is back.
//
//   OfflineRoll roll(OfflineRoll::path_in(data_dir, centre.name));
//   roll.append(store.cipher(), person, arrived_at);    // durable (fsync) before it returns
//   auto preview = preview_offline_roll(store, roll.read(store.cipher()));   // duplicate warnings
//   auto result = import_offline_roll(store, roll.read(store.cipher()));     // all or nothing
//   if (result.ok()) roll.remove();
//
// The file is a header ("RCOFFROLL1\n") then entries, each a 4-byte little-endian length and a value
// sealed under the centre's data key (FieldCipher, associated data naming the entry's position), so a
// name never appears in clear and an entry moved, altered or sealed under another centre's key does not
// open. Mode 0600. Everything in an entry is sealed under the data key, the medical note included (a
// desk cannot seal for coordinators what it must later re-seal for the server's row).
#include "domain/person.hpp"
#include "store/people.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace rc::store {

class FieldCipher;

struct OfflineCheckIn {
    Person person; // reference and journey empty
    UnixSeconds arrived_at = 0;
};

class OfflineRoll {
public:
    explicit OfflineRoll(std::filesystem::path file) : file_(std::move(file)) {}

    // "<data_dir>/offline-roll-<centre name made safe for a file name>.rcroll".
    static std::filesystem::path path_in(const std::filesystem::path& data_dir, std::string_view centre_name);

    const std::filesystem::path& path() const { return file_; }
    bool exists() const;

    // Appends one check-in and syncs the file (and the folder when the file is new) before returning.
    // Throws StoreError (Io, DiskFull) and leaves earlier entries as they were.
    void append(const FieldCipher& cipher, const Person& person, UnixSeconds arrived_at);

    // Every entry, in the order they were saved. Throws StoreError (NotOurs for a file that is not an
    // offline roll, Crypto for one sealed under another key or altered, Truncated for one cut short);
    // the file is never changed by reading.
    std::vector<OfflineCheckIn> read(const FieldCipher& cipher) const;
    // How many entries the file holds, without opening them (0 when there is no file).
    std::size_t count() const;

    // The import's save key, made from the file's bytes: no other roll has the same bytes (each entry
    // is sealed under a random nonce), and the file stays as it is until the import committed, so an
    // import tried again after a lost acknowledgement, even after the desk restarted or failed to
    // remove the file, finds the first one. Throws StoreError(Io) when the file cannot be read.
    SaveKey save_key() const;

    // After the import committed: removes the file and syncs the folder.
    void remove();

private:
    std::filesystem::path file_;
};

// The same as import_roll's result: errors (nothing imported), warnings (duplicates against the
// centre), what was imported. A problem's line is the entry's number in the offline roll (1, 2, ...).
// Checks every entry against the centre (its problems, a tag already in use or used twice in the
// offline roll) and warns of people who look like someone already checked in; writes nothing.
RollImportResult preview_offline_roll(Store& store, const std::vector<OfflineCheckIn>& entries);
// Imports every entry in one transaction, or none when any has a problem. Permission::CheckIn. `key`:
// OfflineRoll::save_key(); a roll already imported under it returns the people the first import made
// (already_imported) and imports no one twice.
RollImportResult import_offline_roll(Store& store, const std::vector<OfflineCheckIn>& entries,
                                     const SaveKey& key);

} // namespace rc::store
