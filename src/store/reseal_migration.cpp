// Migration 13's keyed step: seals the facts that schema 12 and before kept in clear (see the
// migration's own comment in migrations_v10_v13.cpp). Runs inside the upgrade's transaction: any
// failure leaves the file as it was.
#include "domain/text_match.hpp"
#include "store/error.hpp"
#include "store/migrations_internal.hpp"
#include "store/people_internal.hpp"
#include "store/referral_record.hpp"
#include "store/sqlite_db.hpp"

#include <sodium.h>
#include <utility>
#include <vector>

namespace rc::store {

namespace {

struct SealedPerson {
    PersonId id = 0;
    Blob personal;
    std::optional<Blob> tag;
};

[[noreturn]] void refuse(Connection& db, const std::string& what) {
    throw StoreError(ErrorKind::Corrupt,
                     what + " does not open under the data key, so the database could not be upgraded. "
                            "Nothing was changed.",
                     restore_advice(db.path().string()));
}

std::vector<SealedPerson> seal_people(Connection& db, const FieldCipher& c) {
    std::vector<SealedPerson> out;
    auto st = db.cached("SELECT id, tag, sex, claimed_age, age_band, child_status, nationality, languages, "
                        "interpreter_needed, exploitation, indicators, nrm_consent, status, "
                        "coalesce(destination_detail, destination), personal_enc FROM people ORDER BY id");
    while (st->step()) {
        const PersonId id = st->int64_at(0);
        auto fields = open_personal(c, id, st->blob_at(14));
        if (!fields) refuse(db, "Person #" + std::to_string(id));
        Person p = person_from_fields(*fields);
        if (fields->has_medical) p.medical_needs = "(kept)"; // keeps the record's "has a note" mark
        p.tag = st->text_at(1);
        p.sex = parse_sex(st->text_at(2)).value_or(Sex::Unknown);
        if (!st->is_null(3)) p.claimed_age = static_cast<int>(st->int64_at(3));
        p.age_band = parse_age_band(st->text_at(4)).value_or(AgeBand::Unknown);
        p.stated_child = child_status_from_id(st->text_at(5)).value_or(ChildStatus::Unknown);
        p.nationality = st->text_at(6);
        const std::string languages = st->text_at(7); // split_list's views point into it
        for (std::string_view code : split_list(languages, ';'))
            p.languages.emplace_back(code);
        if (!st->is_null(8)) p.interpreter_needed = st->int64_at(8) != 0;
        p.exploitation = ExploitationTypes::from_bits(static_cast<std::uint32_t>(st->int64_at(9)));
        p.indicators = ForcedLabourIndicators::from_bits(static_cast<std::uint32_t>(st->int64_at(10)));
        if (!st->is_null(11)) p.nrm_consent = nrm_consent_from_id(st->text_at(11));
        std::optional<Destination> departed_to;
        if (st->text_at(12) == "departed" && !st->is_null(13))
            departed_to = parse_destination(st->text_at(13));
        std::string plain = encode_personal(p, departed_to);
        out.push_back(SealedPerson{id, c.seal("people", "personal", id, plain), tag_index(c, p.tag)});
        sodium_memzero(plain.data(), plain.size());
    }
    return out;
}

std::vector<std::pair<std::int64_t, Blob>> seal_journey_events(Connection& db, const FieldCipher& c) {
    std::vector<std::pair<std::int64_t, Blob>> out;
    auto st = db.cached(
        "SELECT id, step, coalesce(destination_detail, destination) FROM journey_events ORDER BY id");
    while (st->step()) {
        const std::int64_t id = st->int64_at(0);
        JourneyEvent e;
        const auto step = journey_step_from_id(st->text_at(1));
        if (!step) refuse(db, "Journey step #" + std::to_string(id));
        e.step = *step;
        if (!st->is_null(2)) e.destination = parse_destination(st->text_at(2));
        out.emplace_back(id, c.seal("journey_events", "event", id, encode_journey_event(e)));
    }
    return out;
}

std::vector<std::pair<std::int64_t, Blob>> seal_referrals(Connection& db, const FieldCipher& c) {
    std::vector<std::pair<std::int64_t, Blob>> out;
    auto st = db.cached("SELECT id, type, making_partner, receiving_organisation, consent_explained, "
                        "interpreter_language, consent, status, identifying FROM referrals ORDER BY id");
    while (st->step()) {
        const std::int64_t id = st->int64_at(0);
        Referral r;
        const auto type = referral_type_from_id(st->text_at(1));
        const auto consent = referral_consent_from_id(st->text_at(6));
        const auto status = referral_status_from_id(st->text_at(7));
        if (!type || !consent || !status) refuse(db, "Referral #" + std::to_string(id));
        r.type = *type;
        r.making_partner = st->text_at(2);
        r.receiving_organisation = st->text_at(3);
        r.consent_explained = st->int64_at(4) != 0;
        r.interpreter_language = st->text_at(5);
        r.consent = *consent;
        r.status = *status;
        r.identifying = st->int64_at(8) != 0;
        out.emplace_back(id, c.seal("referrals", "referral", id, encode_referral(r)));
    }
    return out;
}

std::vector<std::pair<std::int64_t, Blob>> seal_referral_events(Connection& db, const FieldCipher& c) {
    std::vector<std::pair<std::int64_t, Blob>> out;
    auto st = db.cached("SELECT id, action, from_status, to_status, fields FROM referral_events ORDER BY id");
    while (st->step()) {
        const std::int64_t id = st->int64_at(0);
        ReferralEventFacts e;
        e.action = st->text_at(1);
        if (!st->is_null(2)) e.from_status = referral_status_from_id(st->text_at(2));
        const auto to = referral_status_from_id(st->text_at(3));
        if (!to) refuse(db, "Referral history entry #" + std::to_string(id));
        e.to_status = *to;
        e.fields = st->text_at(4);
        out.emplace_back(id, c.seal("referral_events", "event", id, encode_referral_event(e)));
    }
    return out;
}

void write_sealed(Connection& db, const std::string& table, const std::string& column,
                  const std::vector<std::pair<std::int64_t, Blob>>& rows) {
    auto st = db.cached("UPDATE " + table + " SET " + column + " = ? WHERE id = ?");
    for (const auto& [id, blob] : rows) {
        st->bind_all(blob, id).run();
        st->reset();
    }
}

} // namespace

void seal_person_facts(Connection& db, const FieldCipher& c, std::string_view sql,
                       std::string_view sql_after) {
    // Everything is read and sealed first, from the old columns; then the tables are rebuilt without
    // them and the sealed values written in.
    const std::vector<SealedPerson> people = seal_people(db, c);
    const auto events = seal_journey_events(db, c);
    const auto referrals = seal_referrals(db, c);
    const auto referral_events = seal_referral_events(db, c);
    db.clear_cache(); // statements prepared against the old tables
    db.exec(sql);
    {
        auto st = db.cached("UPDATE people SET personal_enc = ?, tag_index = ? WHERE id = ?");
        for (const SealedPerson& p : people) {
            st->bind_all(p.personal, p.tag, p.id).run();
            st->reset();
        }
    }
    write_sealed(db, "journey_events", "event_enc", events);
    write_sealed(db, "referrals", "referral_enc", referrals);
    write_sealed(db, "referral_events", "event_enc", referral_events);
    db.exec(sql_after);
    db.clear_cache();
}

} // namespace rc::store
