// Taking access away and keeping it away: disabling a user removes their keys; rotating the data key
// re-seals everything so that neither a disabled user's passphrase nor an old backup opens new records;
// medical and referral notes are sealed to a coordinator key a volunteer's passphrase cannot open, also
// offline with the file. Each of these backs a line of docs/security.md.
#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/key_rotation.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/store_internal.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;

namespace {

constexpr const char* kVolunteer = "Val Volunteer";
constexpr const char* kVolunteerWords = "violet harbour compass";
constexpr const char* kMedical = "Insulin dependent, last dose at noon";
constexpr const char* kReferralNote = "Asked for a female interviewer";

Person someone(const std::string& name, const std::string& medical = {}) {
    Person p;
    p.name = name;
    p.sex = Sex::Female;
    p.nationality = "RO";
    p.medical_needs = medical;
    return p;
}

// What an attacker holding only the file does: read a user's wrapped keys with plain SQLite and try a
// passphrase (any user's, since they may not know whose it is).
std::vector<UserKeys> keys_opened_by(const std::filesystem::path& file, const std::string& passphrase) {
    Connection db = Connection::open(file, AccessMode::ReadOnly);
    auto st = db.cached("SELECT id, kdf_salt, kdf_opslimit, kdf_memlimit, wrapped_key, coordinator_key FROM users");
    std::vector<UserKeys> out;
    while (st->step()) {
        WrappedKey w;
        const UserId id = st->int64_at(0);
        w.salt = st->blob_at(1);
        w.limits = {static_cast<std::uint64_t>(st->int64_at(2)), static_cast<std::size_t>(st->int64_at(3))};
        w.sealed = st->blob_at(4);
        Blob coordinator = st->is_null(5) ? Blob{} : st->blob_at(5);
        if (w.sealed.empty()) continue;
        if (auto k = unwrap_user_keys(w, coordinator, passphrase, user_key_context(id))) out.push_back(std::move(*k));
        else if (auto d = unwrap_user_keys(w, {}, passphrase, user_key_context(id))) out.push_back(std::move(*d));
    }
    return out;
}

Blob column_blob(const std::filesystem::path& file, const std::string& sql) {
    Connection db = Connection::open(file, AccessMode::ReadOnly);
    auto st = db.cached(sql);
    REQUIRE(st->step());
    return st->blob_at(0);
}

Blob coordinator_public_key(const std::filesystem::path& file) {
    return column_blob(file, "SELECT value FROM meta WHERE key = 'coordinator_public_key'");
}

} // namespace

TEST_CASE("security: disabling a user removes their keys; sign-in checks it before unwrapping") {
    TempDir dir("sec-disable");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    const UserId vol = s->add_user(NewUser{kVolunteer, UserRole::Volunteer, kVolunteerWords, "1357"});
    CHECK(keys_opened_by(db, kVolunteerWords).size() == 1);

    s->set_user_disabled(vol, true);
    CHECK(s->rotation_advised());
    // The file no longer holds anything their passphrase opens (nor the WAL: it was emptied).
    CHECK(keys_opened_by(db, kVolunteerWords).empty());
    CHECK(std::filesystem::file_size(dir / "centre.sqlite-wal") == 0);
    clock.advance(5);
    CHECK(s->sign_in(kVolunteer, kVolunteerWords).status == SignInStatus::UserDisabled);
    // Enabling again is not enough: a coordinator must set a new passphrase.
    clock.advance(5);
    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    s->set_user_disabled(vol, false);
    clock.advance(5);
    CHECK(s->sign_in(kVolunteer, kVolunteerWords).status == SignInStatus::ResetNeeded);
}

TEST_CASE("security: after a rotation a disabled user's passphrase opens neither the file nor a new backup") {
    TempDir dir("sec-rotate");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    const UserId vol = s->add_user(NewUser{kVolunteer, UserRole::Volunteer, kVolunteerWords, ""});
    const UserId other = s->add_user(NewUser{"Olu Other", UserRole::Volunteer, "saffron ladder quietly", ""});
    Person tagged = someone("Mirela Before", kMedical);
    tagged.tag = "W-17";
    const CheckedIn before = check_in(*s, tagged, kT0);
    Blob tag_index_before;
    {
        auto st = s->connection_for_reading().cached("SELECT tag_index FROM people");
        REQUIRE(st->step());
        tag_index_before = st->blob_at(0);
    }
    s->append_log("Coach of 12 arrived");
    // The volunteer takes a backup home before leaving.
    const auto old_backup = s->backup_now(BackupKind::Manual).file;
    REQUIRE(keys_opened_by(old_backup, kVolunteerWords).size() == 1);

    s->set_user_disabled(vol, true);
    CHECK_THROWS_AS(KeyRotation::begin(*s, "not the passphrase at all"), StoreError);
    clock.advance(10);
    std::vector<RotationProgress> seen;
    RotationResult r = KeyRotation::run(*s, kPassphrase, [&](const RotationProgress& p) { seen.push_back(p); });
    CHECK(r.values_resealed >= 5); // 3 user names, a person's two records, the log entry
    CHECK(r.users_needing_reset == 2);
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back().done == seen.back().total);
    CHECK_FALSE(s->rotation_advised());

    // Everything still reads for the coordinator who rotated; the rest need a reset.
    CHECK(person(*s, before.id)->person.medical_needs == kMedical);
    CHECK(person(*s, before.id)->person.name == "Mirela Before");
    // The tag's blind index is keyed by the data key: computed again, and it still keeps tags unique.
    auto index_after = s->connection_for_reading().cached("SELECT tag_index FROM people");
    REQUIRE(index_after->step());
    CHECK(index_after->blob_at(0) != tag_index_before);
    index_after->reset();
    Person same_tag = someone("Nadia After", kMedical);
    same_tag.tag = "w-17";
    CHECK_THROWS_AS(check_in(*s, same_tag, clock.now()), PersonRejected);
    const CheckedIn after = check_in(*s, someone("Nadia After", kMedical), clock.now());
    const auto new_backup = s->backup_now(BackupKind::Manual).file;
    clock.advance(10);
    CHECK(s->sign_in("Olu Other", "saffron ladder quietly").status == SignInStatus::ResetNeeded);

    // The disabled volunteer's passphrase opens nothing in the file or in a backup made after rotation.
    CHECK(keys_opened_by(db, kVolunteerWords).empty());
    CHECK(keys_opened_by(new_backup, kVolunteerWords).empty());
    {
        auto b = Store::open(new_backup, OpenOptions{OpenMode::ReadOnly, {}}, clock);
        CHECK_FALSE(b->sign_in(kVolunteer, kVolunteerWords).ok());
    }
    // With the old backup they still get the old key, but it opens no record written since, nor the
    // re-sealed old ones in the current file.
    auto old_keys = keys_opened_by(old_backup, kVolunteerWords);
    REQUIRE(old_keys.size() == 1);
    const FieldCipher old_cipher(old_keys[0].data_key);
    for (const auto& file : {db, new_backup}) {
        CHECK_FALSE(old_cipher.open("people", "personal", after.id,
                                    column_blob(file, "SELECT personal_enc FROM people WHERE id = " +
                                                          std::to_string(after.id))));
        CHECK_FALSE(old_cipher.open("people", "personal", before.id,
                                    column_blob(file, "SELECT personal_enc FROM people WHERE id = " +
                                                          std::to_string(before.id))));
    }
    // A coordinator resets the other user's passphrase and they are back.
    clock.advance(60);
    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    s->reset_passphrase(other, "copper orchard whistle");
    CHECK(s->sign_in("Olu Other", "copper orchard whistle").ok());
    CHECK(person(*s, after.id)->person.name == "Nadia After");
}

TEST_CASE("security: a rotation that meets a damaged value changes nothing") {
    TempDir dir("sec-rotate-bad");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    const auto id = s->append_log("Coach of 12 arrived");
    s->append_log("Second entry");
    {
        // Damage one sealed value the way a bad sector would.
        Connection raw = Connection::open(db, AccessMode::ReadWrite);
        raw.exec("UPDATE activity_log SET text_enc = zeroblob(60) WHERE id = " + std::to_string(id));
    }
    const std::string before = file_hash(db);
    (void)before;
    CHECK_THROWS_AS(KeyRotation::run(*s, kPassphrase), StoreError);
    // Still the old key, the triggers still in force, and the other entry readable.
    CHECK(s->log_entries().size() == 2);
    CHECK(s->connection_for_reading().query_int("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") > 5);
    CHECK(keys_opened_by(db, kPassphrase).size() == 1);
}

TEST_CASE("security: a volunteer's passphrase cannot decrypt a medical or referral note from the file") {
    TempDir dir("sec-coordinator-key");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    auto s = make_store(db, clock);
    ActivationRequest a;
    a.name = "Operation Larch";
    a.expected_people = 20;
    a.procedure_text = std::string(default_procedure_text());
    a.procedure_source = "p.toml";
    activate(*s, a);
    s->add_user(NewUser{kVolunteer, UserRole::Volunteer, kVolunteerWords, ""});
    s->add_user(NewUser{"Cora Second", UserRole::Coordinator, "granite violin season", ""});
    const CheckedIn in = check_in(*s, someone("Mirela Sample", kMedical), kT0);
    Referral r;
    r.type = ReferralType::SafeAccommodation;
    r.making_partner = "council";
    r.receiving_organisation = "Safe house";
    r.consent_explained = true;
    r.consent = ReferralConsent::Given;
    r.notes = kReferralNote;
    const ReferralId rid = add_referral(*s, in.id, r);

    const Blob medical = column_blob(db, "SELECT medical_enc FROM people WHERE id = " + std::to_string(in.id));
    const Blob notes = column_blob(db, "SELECT notes_enc FROM referrals WHERE id = " + std::to_string(rid));
    CHECK(FieldCipher::sealed_for_coordinators(medical));
    CHECK(FieldCipher::sealed_for_coordinators(notes));

    // The volunteer's passphrase gives the data key and nothing else: the notes do not open with it.
    auto vol = keys_opened_by(db, kVolunteerWords);
    REQUIRE(vol.size() == 1);
    CHECK(vol[0].coordinator_key.empty());
    const Blob pub = coordinator_public_key(db);
    const FieldCipher volunteer_cipher(vol[0].data_key, &pub, nullptr);
    CHECK_FALSE(volunteer_cipher.open("people", "medical", in.id, medical));
    CHECK_FALSE(volunteer_cipher.open("referrals", "notes", rid, notes));
    // Nor the data key pretending to be the coordinator key.
    const FieldCipher pretend(vol[0].data_key, &pub, &vol[0].data_key);
    CHECK_FALSE(pretend.open("people", "medical", in.id, medical));
    // Either coordinator's passphrase opens them.
    for (const char* words : {kPassphrase, "granite violin season"}) {
        auto c = keys_opened_by(db, words);
        REQUIRE(c.size() == 1);
        REQUIRE_FALSE(c[0].coordinator_key.empty());
        const FieldCipher coordinator(c[0].data_key, &pub, &c[0].coordinator_key);
        CHECK(coordinator.open("referrals", "notes", rid, notes) == std::string(kReferralNote));
        CHECK(coordinator.open("people", "medical", in.id, medical).has_value());
    }

    // In the console: the volunteer checks someone in with a medical need and adds to a note they cannot
    // read; the coordinator reads both.
    clock.advance(5);
    REQUIRE(s->sign_in(kVolunteer, kVolunteerWords).ok());
    CHECK_FALSE(s->holds_coordinator_key());
    const CheckedIn theirs = check_in(*s, someone("Ana Sample", "Sprained ankle"), clock.now());
    CHECK(person(*s, theirs.id)->medical_withheld);
    Person edit = person(*s, in.id)->person;
    edit.medical_needs = "Asked for water";
    update_person(*s, in.id, edit);
    // A coordinator who unlocks a volunteer's session with a PIN does not get the coordinator key.
    clock.advance(5);
    REQUIRE(s->sign_in(kCoordinator, kPassphrase).ok());
    CHECK(s->holds_coordinator_key());
    CHECK(person(*s, theirs.id)->person.medical_needs == "Sprained ankle");
    CHECK(person(*s, in.id)->person.medical_needs == std::string(kMedical) + "\nAsked for water");
    CHECK(referral(*s, rid)->referral.notes == kReferralNote);
}

TEST_CASE("security: key-derivation limits in the file are never below the floor") {
    TempDir dir("sec-kdf");
    ManualClock clock(kT0);
    const auto db = dir / "centre.sqlite";
    make_store(db, clock).reset();
    // The program's floor is MODERATE: the test's minimum-cost file is refused at sign-in, not weakened.
    ScopedKdfFloor program(KdfLimits::moderate());
    auto s = Store::open(db, {}, clock);
    CHECK_THROWS_AS(s->sign_in(kCoordinator, kPassphrase), StoreError);
    CreateOptions o = quick_options(dir / "weak.sqlite");
    CHECK_THROWS_AS(Store::create(o, clock), StoreError);
}
