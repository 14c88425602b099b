// The roles matrix: which partner roles the tier needs, who is filling them, alerts for the ones nobody
// on site is filling, and staff on shift too long.
#include "domain/role_coverage.hpp"
#include "procedure_test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;
using rc::test::default_procedure_file;
using rc::test::load_default;
using rc::test::with_edit;

namespace {

constexpr UnixSeconds t0 = 1773470400; // 2026-03-14 06:40 UTC
constexpr UnixSeconds hour = 3600;

StaffOnSite staff(std::int64_t id, std::string partner, UnixSeconds time_in, std::string organisation = {}) {
    return StaffOnSite{id,
                       "Staff " + std::to_string(id),
                       std::move(partner),
                       std::move(organisation),
                       "Welfare",
                       time_in,
                       {},
                       {}};
}

const RoleCoverage& row(const RolesMatrix& m, const std::string& partner) {
    for (const RoleCoverage& r : m.roles)
        if (r.partner_id == partner) return r;
    FAIL("no row for " << partner);
    return m.roles.front();
}

bool has_alert(const RolesMatrix& m, const std::string& partner) {
    return std::any_of(m.alerts.begin(), m.alerts.end(),
                       [&](const CoverageAlert& a) { return a.partner_id == partner; });
}

} // namespace

TEST_CASE("role coverage: nobody on site at a medium centre: every on-site role is an alert") {
    const Procedure p = load_default();
    const RolesMatrix m = role_coverage(p, Tier::Medium, {});
    CHECK(m.tier == Tier::Medium);
    // Leads first, then support, each in file order.
    REQUIRE(m.roles.size() >= 3);
    CHECK(m.roles[0].partner_id == "police");
    CHECK(m.roles[0].role == PartnerRole::Lead);
    CHECK(m.roles[1].partner_id == "council");
    for (const RoleCoverage& r : m.roles) {
        CAPTURE(r.partner_id);
        CHECK(r.filled_by.empty());
        CHECK(r.status == (r.on_site_required ? CoverageStatus::Missing : CoverageStatus::NotNeededOnSite));
        CHECK(has_alert(m, r.partner_id) == r.on_site_required);
    }
    CHECK(row(m, "red_cross").status == CoverageStatus::Missing);
    CHECK(row(m, "emsou").status == CoverageStatus::NotNeededOnSite); // by phone at medium
    CHECK(m.alerts.size() == 7);
    CHECK(m.alerts[0].partner_id == "police"); // same order as the rows
    CHECK(m.alerts[0].message == "No one from Derbyshire Constabulary (Modern Slavery Team) is on site: the "
                                 "procedure needs them on site to lead a medium centre.");
}

TEST_CASE("role coverage: the alert names the partner, the tier, and disappears when someone signs in") {
    const Procedure p = load_default();
    std::vector<StaffOnSite> here{staff(1, "police", t0), staff(2, "council", t0)};
    RolesMatrix m = role_coverage(p, Tier::Large, here);
    REQUIRE(has_alert(m, "red_cross"));
    const auto red_cross = std::find_if(m.alerts.begin(), m.alerts.end(),
                                        [](const CoverageAlert& a) { return a.partner_id == "red_cross"; });
    CHECK(red_cross->message ==
          "No one from British Red Cross is on site: the procedure needs them on site at a large centre.");
    CHECK(row(m, "police").status == CoverageStatus::OnSite);
    CHECK_FALSE(has_alert(m, "police"));

    here.push_back(staff(3, "red_cross", t0 + hour, "British Red Cross"));
    m = role_coverage(p, Tier::Large, here);
    CHECK_FALSE(has_alert(m, "red_cross"));
    CHECK(row(m, "red_cross").status == CoverageStatus::OnSite);
    CHECK(row(m, "red_cross").filled_by == std::vector<std::size_t>{2});
}

TEST_CASE("role coverage: raising the tier from medium to large adds the large tier's on-site roles") {
    const Procedure p = load_default();
    const RolesMatrix medium = role_coverage(p, Tier::Medium, {});
    const RolesMatrix large = role_coverage(p, Tier::Large, {});
    CHECK_FALSE(has_alert(medium, "emsou"));
    CHECK_FALSE(has_alert(medium, "justice_and_care"));
    CHECK(has_alert(large, "emsou"));
    CHECK(has_alert(large, "justice_and_care"));
    CHECK(large.alerts.size() == medium.alerts.size() + 2);
    // A small centre needs only the leads on site.
    const RolesMatrix small = role_coverage(p, Tier::Small, {});
    CHECK(small.alerts.size() == 2);
    CHECK(row(small, "red_cross").status == CoverageStatus::NotNeededOnSite);
}

TEST_CASE("role coverage: several people for one partner, by time in; others listed apart") {
    const Procedure p = load_default();
    const std::vector<StaffOnSite> here{staff(1, "nhs", t0 + 2 * hour), staff(2, "", t0, "St John Ambulance"),
                                        staff(3, "nhs", t0 + hour), staff(4, "emsou", t0)};
    const RolesMatrix m = role_coverage(p, Tier::Small, here);
    CHECK(row(m, "nhs").filled_by == std::vector<std::size_t>{2, 0});
    CHECK(row(m, "nhs").status == CoverageStatus::OnSite); // on site even where the phone would do
    // EMSOU is not involved at a small centre; with the free-text organisation, they are "others".
    CHECK(m.others == std::vector<std::size_t>{1, 3});
}

TEST_CASE("long shifts: over the procedure's threshold, longest first; the next one to cross it") {
    const Procedure p = load_default();
    REQUIRE(p.info.staff_shift_warning_hours == 12);
    const std::vector<StaffOnSite> here{staff(1, "police", t0), staff(2, "council", t0 + 2 * hour),
                                        staff(3, "nhs", t0 - hour)};
    const UnixSeconds now = t0 + 12 * hour;
    auto w = long_shifts(p, here, now);
    REQUIRE(w.size() == 1); // exactly 12 hours is not yet too long
    CHECK(w[0].staff == 2);
    CHECK(w[0].on_shift == 13 * hour);
    CHECK(next_long_shift_at(p, here, now) == t0 + 12 * hour + 1);
    w = long_shifts(p, here, now + 1);
    REQUIRE(w.size() == 2);
    CHECK(w[0].staff == 2);
    CHECK(w[1].staff == 0);
    CHECK(next_long_shift_at(p, here, now + 1) == t0 + 14 * hour + 1);
    CHECK_FALSE(next_long_shift_at(p, here, t0 + 15 * hour));

    const Procedure eight = [] {
        ProcedureLoadResult r = parse_procedure(
            with_edit(default_procedure_file(), "staff_shift_hours = 12", "staff_shift_hours = 8"), "p.toml");
        REQUIRE(r.ok());
        return std::move(*r.procedure);
    }();
    CHECK(long_shifts(eight, here, t0 + 8 * hour + 1).size() == 2);
}
