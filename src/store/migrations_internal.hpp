#pragma once
// The parts of the schema history (migrations.hpp), one file per range of versions. Not for use outside
// src/store.
#include "store/migrations.hpp"

#include <span>

namespace rc::store {

std::span<const Migration> migrations_v1_v5();
std::span<const Migration> migrations_v6_v9();
std::span<const Migration> migrations_v10_v13();
std::span<const Migration> migrations_v14_v17();

// Migration 13's keyed step (reseal_migration.cpp): seals the facts kept in clear until schema 12.
void seal_person_facts(Connection& db, const FieldCipher& cipher, std::string_view sql,
                       std::string_view sql_after);

} // namespace rc::store
