#pragma once
// The plaintext layout of a sealed record: everything a row says about a person in one value, so that
// reading a row costs one decryption. A record is a format byte, any fixed bytes the record type puts
// next, then fields, each a 1-byte field number, a 4-byte little-endian length and the bytes, ended by
// field number 0 or the end; the whole is padded with zero bytes to a multiple of 64 so that the sealed
// size says little about what is inside.
//
// Fields are found by number, not by position: a reader skips numbers it does not know, so a field
// added by a later change (the next free number; a number is never reused) leaves older records
// readable and older code able to read newer records.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rc::store {

constexpr std::size_t kSealedRecordPadTo = 64;

class SealedRecordWriter {
public:
    // `header`: the format byte and any fixed bytes after it.
    explicit SealedRecordWriter(std::string header) : out_(std::move(header)) {}
    // Empty values are left out (they read back as empty).
    SealedRecordWriter& field(std::uint8_t number, std::string_view value);
    SealedRecordWriter& field(std::uint8_t number, std::int64_t value);
    // The record, padded.
    std::string finish(); // leaves the writer empty

private:
    std::string out_;
};

// The fields after `header_size` bytes, by number; nullopt when the layout is broken.
using SealedFields = std::map<std::uint8_t, std::string>;
std::optional<SealedFields> read_sealed_fields(std::string_view record, std::size_t header_size);

// Helpers for length-prefixed values (also used by the older personal-record formats).
void put_u32(std::string& out, std::size_t n);
bool get_u32(std::string_view in, std::size_t& at, std::size_t& n);
bool get_text(std::string_view in, std::size_t& at, std::string& out);
void pad_record(std::string& out);

// A field's value as a number; nullopt when it is not one.
std::optional<std::int64_t> sealed_int(const SealedFields& f, std::uint8_t number);
// A field's value, empty when absent.
std::string sealed_text(const SealedFields& f, std::uint8_t number);

} // namespace rc::store
