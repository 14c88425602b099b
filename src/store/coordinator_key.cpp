// The coordinator key for a database made before it existed: made at the first passphrase sign-in of a
// coordinator, wrapped for them, and the coordinator-only notes already written re-sealed to it, all in
// one transaction. Other coordinators get it when a coordinator resets their passphrase.
#include "store/error.hpp"
#include "store/store.hpp"
#include "store/store_internal.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace rc::store {

namespace {
// (table, column) of every coordinator-only field, with its `_enc` column.
struct CoordinatorField {
    const char* table;
    const char* column;
    const char* sql_column;
};
constexpr CoordinatorField kCoordinatorFields[] = {{"people", "medical", "medical_enc"},
                                                   {"referrals", "notes", "notes_enc"}};
} // namespace

void Store::create_coordinator_key(const UserRow& user, std::string_view passphrase) {
    try {
        SecureBuffer secret = SecureBuffer::random(crypto_scalarmult_SCALARBYTES);
        Blob pub(FieldCipher::coordinator_public_key_size);
        crypto_scalarmult_base(pub.data(), secret.data());
        const KdfLimits limits = user.wrapped.limits.valid() && user.wrapped.limits.at_least_floor()
                                     ? user.wrapped.limits
                                     : passphrase_kdf_;
        WrappedUserKeys wrapped =
            wrap_user_keys(keyring_.key(), &secret, passphrase, limits, user_key_context(user.id));
        const FieldCipher before(keyring_.key());
        const FieldCipher after(keyring_.key(), &pub, &secret);
        std::int64_t resealed = 0;
        {
            Transaction tx(conn_);
            if (shared_centre()) check_key_generation(); // never re-sealed under a key rotated meanwhile
            for (const CoordinatorField& f : kCoordinatorFields) {
                auto read = conn_.cached(std::string("SELECT id, ") + f.sql_column + " FROM " + f.table +
                                         " WHERE " + f.sql_column + " IS NOT NULL");
                std::vector<std::pair<std::int64_t, Blob>> rows;
                while (read->step())
                    rows.emplace_back(read->int64_at(0), read->blob_at(1));
                read->reset();
                auto write = conn_.cached(std::string("UPDATE ") + f.table + " SET " + f.sql_column +
                                          " = ? WHERE id = ?");
                for (auto& [id, blob] : rows) {
                    if (FieldCipher::sealed_for_coordinators(blob)) continue;
                    auto plain = before.open(f.table, f.column, id, blob);
                    if (!plain) continue; // damaged: left as it is, reported where it is read
                    write->bind_all(after.seal(f.table, f.column, id, *plain), id).run();
                    write->reset();
                    sodium_memzero(plain->data(), plain->size());
                    ++resealed;
                }
            }
            conn_
                .cached("UPDATE users SET kdf_salt = ?, kdf_opslimit = ?, kdf_memlimit = ?, wrapped_key = ?, "
                        "coordinator_key = ? WHERE id = ?")
                ->bind_all(wrapped.data.salt, static_cast<std::int64_t>(wrapped.data.limits.opslimit),
                           static_cast<std::int64_t>(wrapped.data.limits.memlimit), wrapped.data.sealed,
                           wrapped.coordinator_sealed, user.id)
                .run();
            conn_.cached("INSERT INTO meta (key, value) VALUES ('coordinator_public_key', ?)")
                ->bind_all(pub)
                .run();
            AuditChanges c;
            c.value("coordinator_key", "created").value("notes_resealed", resealed);
            insert_audit_row(conn_, clock_.now(), user.id, "create_coordinator_key", "users", user.id, c);
            tx.commit();
        }
        coordinator_public_key_ = std::move(pub);
        keyring_.set_coordinator_key(std::move(secret));
        ++data_version_;
        spdlog::info("store: coordinator key created for user #{} ({} notes re-sealed)", user.id, resealed);
    } catch (const StoreError& e) {
        // Sign-in still succeeds: the notes stay sealed as they were, and the next sign-in tries again.
        spdlog::warn("store: could not create the coordinator key: {}", error_kind_id(e.kind()));
    }
}

} // namespace rc::store
