// The store's public headers must not bring in sqlite3.h: screens include them.
#include "store/audit.hpp"
#include "store/backup.hpp"
#include "store/backup_scheduler.hpp"
#include "store/error.hpp"
#include "store/field_cipher.hpp"
#include "store/inspect.hpp"
#include "store/key_wrap.hpp"
#include "store/keyring.hpp"
#include "store/migrations.hpp"
#include "store/operation.hpp"
#include "store/records.hpp"
#include "store/secure_memory.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"
#include "store/venues.hpp"
#include "store/writer_lock.hpp"

#ifdef SQLITE_VERSION
#error "a public store header includes sqlite3.h"
#endif
#ifdef sodium_H
#error "a public store header includes sodium.h"
#endif

#include <doctest/doctest.h>

TEST_CASE("public store headers compile without sqlite3.h or sodium.h") {
    CHECK(true);
}
