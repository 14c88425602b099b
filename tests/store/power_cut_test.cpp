// Power cuts and disk faults, the way SQLite tests itself (test6.c): the fault VFS (tests/support)
// throws away every write not yet synced at a chosen point and "reboots". Over a thousand cuts, spread
// across check-ins, roll imports, stock movements, referrals and the retention purge, no acknowledged
// write is lost, nothing is half-saved and integrity_check is ok. The negative check runs the same
// with the store's synchronous setting lowered and shows that it then loses acknowledged writes:
//
//   synchronous = OFF: 40 of 40 acknowledged writes lost after the cut (the test asserts some are).
//
// (The SIGKILL test cannot show this: the page cache outlives a killed process.) RC_POWER_CUTS changes
// the number of cuts (default 1000).
#include "domain/default_procedure.hpp"
#include "store/error.hpp"
#include "store/operation.hpp"
#include "store/people.hpp"
#include "store/purge.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"
#include "support/fault_vfs.hpp"
#include "test_support.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <map>
#include <random>
#include <set>
#include <sqlite3.h>

using namespace rc;
using namespace rc::store;
using namespace rc::store::test;
using rc::test::FaultVfs;
using rc::test::FaultVfsInstalled;

namespace {

namespace fs = std::filesystem;

struct Acknowledged {
    std::set<std::string> tags;                                 // checked in, one by one or by a roll import
    std::vector<std::vector<std::string>> unacknowledged_rolls; // each: all or none
    std::int64_t stock_received = 0;                            // bags received and acknowledged
    std::int64_t stock_unacknowledged = 0; // received in a call that failed: 0 or all of it
    std::int64_t referrals = 0;
    bool purged = false;
    bool purge_attempted = false;
};

void activate_default(Store& s) {
    ActivationRequest r;
    r.name = "Operation Larch";
    r.expected_people = 200;
    r.procedure_text = std::string(default_procedure_text());
    r.procedure_source = "p.toml";
    activate(s, r);
}

Person arrival(const std::string& tag) {
    Person p;
    p.tag = tag;
    p.name = "Person " + tag;
    p.sex = Sex::Female;
    p.nationality = "RO";
    p.medical_needs = "Note for " + tag;
    return p;
}

std::string roll(const std::vector<std::string>& tags) {
    std::string text = "tag,name,sex,nationality\n";
    for (const auto& t : tags)
        text += t + ",Rolled " + t + ",male,RO\n";
    return text;
}

std::string bag_kind(Store& s) {
    return stock_bag_kinds(s).at(0).id;
}

void copy_database(const fs::path& from, const fs::path& to) {
    for (const char* suffix : {"", "-wal"}) {
        fs::path src = from, dst = to;
        src += suffix;
        dst += suffix;
        std::error_code ec;
        fs::remove(dst, ec);
        if (fs::exists(src)) fs::copy_file(src, dst);
    }
    fs::path shm = to;
    shm += "-shm";
    std::error_code ec;
    fs::remove(shm, ec);
}

// The work of one cut: until the power goes, each call that returns is acknowledged.
void run_operations(Store& s, UnixSeconds now, int cut, std::mt19937& rng, Acknowledged& ack,
                    bool with_purge) {
    const std::string kind = bag_kind(s);
    if (with_purge) {
        ack.purge_attempted = true;
        PurgeOptions o;
        o.force_before_period = true;
        purge_personal_data(s, o);
        ack.purged = true;
        return;
    }
    for (int step = 0; step < 6; ++step) {
        const std::string tag = "C" + std::to_string(cut) + "-" + std::to_string(step);
        switch (rng() % 4) {
        case 0: {
            check_in(s, arrival(tag), now);
            ack.tags.insert(tag);
            break;
        }
        case 1: {
            const std::vector<std::string> tags{tag + "a", tag + "b", tag + "c"};
            ack.unacknowledged_rolls.push_back(tags);
            import_roll(s, roll(tags));
            ack.unacknowledged_rolls.pop_back();
            ack.tags.insert(tags.begin(), tags.end());
            break;
        }
        case 2: {
            ack.stock_unacknowledged = 7;
            record_movement(s, receipt(kind, 7, kCentreStockStore, "Red Cross"));
            ack.stock_unacknowledged = 0;
            ack.stock_received += 7;
            break;
        }
        default: {
            const std::int64_t person = s.connection_for_reading().query_int("SELECT min(id) FROM people");
            Referral r;
            r.type = ReferralType::SafeAccommodation;
            r.making_partner = "council";
            r.receiving_organisation = "Safe house";
            r.consent_explained = true;
            r.consent = ReferralConsent::Given;
            r.notes = "Referral note " + tag;
            add_referral(s, person, r);
            ++ack.referrals;
            break;
        }
        }
    }
}

struct Baseline {
    std::int64_t people = 0, stock = 0, referrals = 0;
};

Baseline baseline_of(const fs::path& db, const Clock& clock) {
    auto s = open_signed_in(db, clock);
    Baseline b;
    Connection& c = s->connection_for_reading();
    b.people = c.query_int("SELECT count(*) FROM people");
    b.stock = c.query_int("SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE kind = 'received'");
    b.referrals = c.query_int("SELECT count(*) FROM referrals");
    return b;
}

// After the reboot: what was acknowledged is there, what was not is all there or not at all.
// Returns the number of acknowledged writes lost (0 is the only passing answer).
std::int64_t check_after_reboot(const fs::path& db, const Clock& clock, const Baseline& base,
                                const Acknowledged& ack) {
    {
        Connection raw = Connection::open(db, AccessMode::ReadWrite);
        const auto check = raw.query_texts("PRAGMA integrity_check");
        REQUIRE(check.size() == 1);
        REQUIRE(check[0] == "ok");
    }
    auto s = open_signed_in(db, clock);
    Connection& c = s->connection_for_reading();
    std::int64_t lost = 0;
    if (ack.purge_attempted) {
        const std::int64_t purges = c.query_int("SELECT count(*) FROM retention_purges");
        if (ack.purged && purges == 0) ++lost;
        // All or nothing: purged means every person's sealed record was cleared with its purge row.
        // Tags are sealed: counted from the decrypted records.
        std::int64_t named = 0;
        for (const auto& p : people(*s))
            if (!p.person.tag.empty()) ++named;
        CHECK(((purges == 0 && named == base.people) || (purges == 1 && named == 0)));
        return lost;
    }
    std::map<std::string, std::int64_t> tag_count;
    for (const auto& p : people(*s))
        ++tag_count[p.person.tag];
    const auto has_tag = [&](const std::string& t) {
        const auto it = tag_count.find(t);
        return it == tag_count.end() ? std::int64_t{0} : it->second;
    };
    for (const std::string& t : ack.tags)
        if (has_tag(t) != 1) ++lost;
    for (const auto& r : ack.unacknowledged_rolls) {
        std::int64_t present = 0;
        for (const std::string& t : r)
            present += has_tag(t);
        CHECK((present == 0 || present == static_cast<std::int64_t>(r.size())));
    }
    const std::int64_t received =
        c.query_int("SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE kind = 'received'") -
        base.stock;
    if (received < ack.stock_received) lost += (ack.stock_received - received) / 7;
    CHECK((received == ack.stock_received || received == ack.stock_received + ack.stock_unacknowledged));
    const std::int64_t referrals = c.query_int("SELECT count(*) FROM referrals") - base.referrals;
    if (referrals < ack.referrals) lost += ack.referrals - referrals;
    CHECK(referrals <= ack.referrals + 1);
    // Nothing half-saved: every person and referral has the audit row written in its transaction.
    CHECK(c.query_int("SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE "
                      "a.table_name = 'people' AND (a.record_id = p.id OR a.action = 'import'))") == 0);
    CHECK(c.query_int("SELECT count(*) FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE "
                      "a.table_name = 'referrals' AND a.record_id = r.id)") == 0);
    // Everything present decrypts.
    for (const auto& p : people(*s))
        CHECK(p.person.name.rfind("[unreadable", 0) != 0);
    return lost;
}

struct Templates {
    TempDir dir{"power-cut"};
    fs::path open_centre = dir / "open-template.sqlite";
    fs::path closed_centre = dir / "closed-template.sqlite";
    Templates(ManualClock& clock) {
        {
            auto s = make_store(open_centre, clock);
            activate_default(*s);
            check_in(*s, arrival("BASE-1"), clock.now());
            record_movement(*s, receipt(bag_kind(*s), 20, kCentreStockStore, "Red Cross"));
        }
        {
            auto s = make_store(closed_centre, clock);
            activate_default(*s);
            import_roll(*s, roll({"P1", "P2", "P3", "P4"}));
            s->set_centre_status(CentreStatus::StandingDown);
            s->set_centre_status(CentreStatus::Closed);
        }
    }
};

} // namespace

TEST_CASE("power cuts: over a thousand cuts lose no acknowledged write and leave the file healthy") {
    FaultVfsInstalled fault_vfs; // first, so it outlives every store below
    ManualClock clock(kT0);
    Templates t(clock);
    const fs::path db = t.dir / "centre.sqlite";
    const int cuts = std::getenv("RC_POWER_CUTS") ? std::atoi(std::getenv("RC_POWER_CUTS")) : 1000;
    std::mt19937 rng(20261206);
    const Baseline open_base = [&] {
        copy_database(t.open_centre, db);
        return baseline_of(db, clock);
    }();
    const Baseline closed_base = [&] {
        copy_database(t.closed_centre, db);
        return baseline_of(db, clock);
    }();
    // How many writes and syncs a cut's work takes, to choose cut points across all of it.
    std::int64_t span_open = 0, span_purge = 0;
    for (int purge = 0; purge < 2; ++purge) {
        copy_database(purge ? t.closed_centre : t.open_centre, db);
        FaultVfs::forget_files();
        FaultVfs::reset_operations();
        {
            auto s = open_signed_in(db, clock);
            Acknowledged ack;
            std::mt19937 probe(1);
            run_operations(*s, clock.now(), -1, probe, ack, purge == 1);
        }
        (purge ? span_purge : span_open) = FaultVfs::operations();
    }
    REQUIRE(span_open > 20);
    REQUIRE(span_purge > 20);

    const auto started = std::chrono::steady_clock::now();
    std::int64_t lost = 0, acknowledged = 0, cut_mid_work = 0;
    for (int cut = 0; cut < cuts; ++cut) {
        CAPTURE(cut);
        const bool purge = cut % 10 == 9;
        copy_database(purge ? t.closed_centre : t.open_centre, db);
        FaultVfs::forget_files();
        const std::int64_t span = purge ? span_purge : span_open;
        FaultVfs::arm_power_cut(static_cast<std::int64_t>(rng() % static_cast<std::uint32_t>(span + 5)));
        Acknowledged ack;
        try {
            auto s = open_signed_in(db, clock);
            run_operations(*s, clock.now(), cut, rng, ack, purge);
        } catch (const StoreError&) {
            // The power went mid-call: that call was not acknowledged.
        } catch (const std::runtime_error&) {
            // Sign-in could not record its audit row or open the file: nothing acknowledged yet.
        }
        if (FaultVfs::power_is_off()) ++cut_mid_work;
        FaultVfs::reboot();
        acknowledged += static_cast<std::int64_t>(ack.tags.size()) + ack.referrals + ack.stock_received / 7 +
                        (ack.purged ? 1 : 0);
        lost += check_after_reboot(db, clock, purge ? closed_base : open_base, ack);
        clock.advance(1);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE(cuts << " power cuts (" << cut_mid_work << " in the middle of the work), " << acknowledged
                 << " acknowledged writes, " << lost << " lost, in " << seconds << " s");
    CHECK(cut_mid_work > cuts / 2);
    CHECK(lost == 0);
}

TEST_CASE("power cuts: with synchronous lowered, the same check finds acknowledged writes lost") {
    FaultVfsInstalled fault_vfs; // first, so it outlives every store below
    ManualClock clock(kT0);
    Templates t(clock);
    const fs::path db = t.dir / "centre.sqlite";
    const Baseline base = [&] {
        copy_database(t.open_centre, db);
        return baseline_of(db, clock);
    }();
    for (const char* level : {"FULL", "OFF"}) {
        CAPTURE(level);
        copy_database(t.open_centre, db);
        FaultVfs::forget_files();
        Acknowledged ack;
        {
            auto s = open_signed_in(db, clock);
            s->connection_for_reading().exec(std::string("PRAGMA synchronous = ") + level);
            for (int i = 0; i < 40; ++i) {
                const std::string tag = std::string("N-") + level + "-" + std::to_string(i);
                check_in(*s, arrival(tag), clock.now());
                ack.tags.insert(tag);
            }
            FaultVfs::arm_power_cut(0); // the power goes now, with the console still running
            CHECK_THROWS_AS(s->append_log("never acknowledged"), StoreError);
        }
        FaultVfs::reboot();
        const std::int64_t lost = check_after_reboot(db, clock, base, ack);
        MESSAGE("synchronous = " << std::string(level) << ": " << lost
                                 << " of 40 acknowledged writes lost after the cut");
        if (std::string(level) == "FULL")
            CHECK(lost == 0);
        else
            CHECK(lost > 0); // the test can fail for the reason it exists
    }
}
