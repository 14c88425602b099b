#include "store/sealed_record.hpp"

#include <charconv>

namespace rc::store {

void put_u32(std::string& out, std::size_t n) {
    for (int shift = 0; shift < 32; shift += 8)
        out += static_cast<char>((n >> shift) & 0xFF);
}

bool get_u32(std::string_view in, std::size_t& at, std::size_t& n) {
    if (at > in.size() || in.size() - at < 4) return false;
    n = 0;
    for (std::size_t i = 0; i < 4; ++i)
        n |= static_cast<std::size_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    at += 4;
    return true;
}

bool get_text(std::string_view in, std::size_t& at, std::string& out) {
    std::size_t n = 0;
    if (!get_u32(in, at, n) || in.size() - at < n) return false;
    out.assign(in.substr(at, n));
    at += n;
    return true;
}

void pad_record(std::string& out) {
    out.append((kSealedRecordPadTo - out.size() % kSealedRecordPadTo) % kSealedRecordPadTo, '\0');
}

SealedRecordWriter& SealedRecordWriter::field(std::uint8_t number, std::string_view value) {
    if (value.empty()) return *this;
    out_ += static_cast<char>(number);
    put_u32(out_, value.size());
    out_ += value;
    return *this;
}

SealedRecordWriter& SealedRecordWriter::field(std::uint8_t number, std::int64_t value) {
    return field(number, std::to_string(value));
}

std::string SealedRecordWriter::finish() {
    out_ += '\0';
    pad_record(out_);
    return std::move(out_);
}

std::optional<SealedFields> read_sealed_fields(std::string_view record, std::size_t header_size) {
    if (record.size() < header_size) return std::nullopt;
    SealedFields out;
    std::size_t at = header_size;
    while (at < record.size()) {
        const auto number = static_cast<std::uint8_t>(record[at]);
        ++at;
        if (number == 0) break; // the end; what follows is padding
        std::string value;
        if (!get_text(record, at, value)) return std::nullopt;
        out[number] = std::move(value);
    }
    return out;
}

std::optional<std::int64_t> sealed_int(const SealedFields& f, std::uint8_t number) {
    const auto it = f.find(number);
    if (it == f.end()) return std::nullopt;
    std::int64_t v = 0;
    const char* end = it->second.data() + it->second.size();
    const auto [ptr, ec] = std::from_chars(it->second.data(), end, v);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return v;
}

std::string sealed_text(const SealedFields& f, std::uint8_t number) {
    const auto it = f.find(number);
    return it == f.end() ? std::string() : it->second;
}

} // namespace rc::store
