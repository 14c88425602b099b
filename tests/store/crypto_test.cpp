#include "store/error.hpp"
#include "store/field_cipher.hpp"
#include "store/key_wrap.hpp"
#include "store/keyring.hpp"
#include "store/secure_memory.hpp"

#include <doctest/doctest.h>

using namespace rc::store;

TEST_CASE("field cipher: round trip, bound to table, column and row") {
    SecureBuffer key = SecureBuffer::random(32);
    FieldCipher c(key);
    Blob sealed = c.seal("people", "name", 17, "Ștefan Nguyễn");
    CHECK(sealed.size() == 1 + 24 + std::string("Ștefan Nguyễn").size() + 16);
    CHECK(c.open("people", "name", 17, sealed) == std::optional<std::string>("Ștefan Nguyễn"));
    CHECK_FALSE(c.open("people", "name", 18, sealed));  // another row
    CHECK_FALSE(c.open("people", "alias", 17, sealed)); // another column
    CHECK_FALSE(c.open("staff", "name", 17, sealed));   // another table
    Blob tampered = sealed;
    tampered[30] ^= 0x01;
    CHECK_FALSE(c.open("people", "name", 17, tampered));
    CHECK_FALSE(c.open("people", "name", 17, Blob{1, 2, 3}));
    // Two seals of the same value differ (random nonce): equal names are not visible as equal blobs.
    CHECK(c.seal("people", "name", 17, "A") != c.seal("people", "name", 17, "A"));
    // An empty value round-trips.
    CHECK(c.open("people", "notes", 1, c.seal("people", "notes", 1, "")) == std::optional<std::string>(""));

    SecureBuffer other = SecureBuffer::random(32);
    CHECK_FALSE(FieldCipher(other).open("people", "name", 17, sealed));
    // The associated data cannot be confused across boundaries ("ab","c" vs "a","bc").
    CHECK(FieldCipher::associated_data("ab", "c", 1) != FieldCipher::associated_data("a", "bc", 1));
}

TEST_CASE("field cipher: refuses to work without a key") {
    SecureBuffer none;
    CHECK_THROWS_AS(FieldCipher{none}, StoreError);
}

TEST_CASE("key wrapping: the passphrase unwraps the data key, nothing else does") {
    SecureBuffer key = SecureBuffer::random(32);
    WrappedKey w = wrap_data_key(key, "a long passphrase", KdfLimits::minimum(), "users:1");
    CHECK(w.salt.size() == 16);
    auto back = unwrap_data_key(w, "a long passphrase", "users:1");
    REQUIRE(back);
    CHECK(std::equal(back->data(), back->data() + 32, key.data()));
    CHECK_FALSE(unwrap_data_key(w, "a long passphrasE", "users:1"));
    CHECK_FALSE(unwrap_data_key(w, "a long passphrase", "users:2")); // moved to another user's row
    WrappedKey absurd = w;
    absurd.limits.memlimit = std::size_t{1} << 40; // a tampered file asking for 1 TiB
    CHECK_THROWS_AS(unwrap_data_key(absurd, "a long passphrase", "users:1"), StoreError);
}

TEST_CASE("PINs: only a hash is kept") {
    std::string h = hash_pin("4821", KdfLimits::minimum());
    CHECK(h.find("4821") == std::string::npos);
    CHECK(h.rfind("$argon2id$", 0) == 0);
    CHECK(verify_pin(h, "4821"));
    CHECK_FALSE(verify_pin(h, "4822"));
    CHECK_FALSE(verify_pin("", "4821"));
    CHECK(pin_problem("12"));
    CHECK(pin_problem("12a4"));
    CHECK_FALSE(pin_problem("1234"));
}

TEST_CASE("passphrases: one rule, at least 12 characters and not easy to guess") {
    CHECK(passphrase_problem("short"));
    CHECK(passphrase_problem("eleven char")); // 11 characters
    CHECK(passphrase_problem("aaaaaaaaaaaaaaaa"));
    CHECK(passphrase_problem("abcdefghijklmnop"));
    CHECK(passphrase_problem("anna kowalska!", "Anna Kowalska")); // the user's own name
    CHECK_FALSE(passphrase_problem("quiet lantern meadow"));
    CHECK_FALSE(passphrase_problem("ÿłęśćżźńółęą")); // 12 characters, more bytes
    CHECK(passphrase_problem("łęśćżźńółęą"));      // 11 characters
    const auto p = passphrase_problem("short");
    REQUIRE(p);
    CHECK(p->find("12") != std::string::npos);
    CHECK(p->find("short") != std::string::npos);
}

TEST_CASE("user names: normalised for lookup, tagged with a keyed hash") {
    CHECK(normalise_user_name("  Anna   KOWALSKA ") == "anna kowalska");
    Blob k1(32, 1), k2(32, 2);
    CHECK(user_name_tag(k1, "Anna Kowalska") == user_name_tag(k1, " anna  kowalska"));
    CHECK(user_name_tag(k1, "Anna Kowalska") != user_name_tag(k2, "Anna Kowalska"));
    CHECK(user_name_tag(k1, "Anna Kowalska") != user_name_tag(k1, "Anna Kowalski"));
}

TEST_CASE("keyring: lock seals, restore unseals, forget wipes") {
    Keyring k;
    CHECK_FALSE(k.unlocked());
    CHECK_THROWS_AS(k.key(), StoreError);
    SecureBuffer key = SecureBuffer::random(32);
    Blob copy(key.data(), key.data() + 32);
    k.unlock(std::move(key));
    CHECK(k.unlocked());
    Blob sealed_value;
    {
        FieldCipher c(k.key());
        sealed_value = c.seal("t", "c", 1, "value");
    }
    k.lock();
    CHECK_FALSE(k.unlocked());
    CHECK(k.has_sealed_key());
    CHECK_THROWS_AS(k.key(), StoreError);
    REQUIRE(k.restore());
    CHECK(Blob(k.key().data(), k.key().data() + 32) == copy);
    CHECK(FieldCipher(k.key()).open("t", "c", 1, sealed_value) == std::optional<std::string>("value"));
    k.lock();
    k.forget();
    CHECK_FALSE(k.has_sealed_key());
    CHECK_FALSE(k.restore());
}
