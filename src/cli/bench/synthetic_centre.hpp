#pragma once
// A large centre made up in memory for the screen benchmarks: an AppSession whose snapshots hold
// thousands of people (and later referrals and stock), so a screen's frame time can be measured
// with the data volumes the issues set, without a database in the way.
#include "app/app_session.hpp"

#include <cstddef>

namespace rc::cli::bench {

class SyntheticCentre final : public app::AppSession {
public:
    SyntheticCentre(std::size_t people, UnixSeconds now);

    app::GateState gate_state() const override { return app::GateState::Open; }
    bool can_lock() const override { return false; }
    void lock() override {}
    const app::StatusSnapshot& status() const override { return status_; }
    const app::LogSnapshot& log() const override { return log_; }
    app::EditResult add_log_entry(std::string_view) override { return {false, "read-only"}; }
    bool can(Permission) const override { return true; }
    const app::PeopleSnapshot& people() const override { return people_; }
    const app::OperationSnapshot& operation() const override { return operation_; }
    void note_activity() override {}
    bool tick() override { return false; }
    std::optional<double> seconds_until_due() const override { return std::nullopt; }

    const app::ReferralsSnapshot& referrals() const override { return referrals_; }
    const app::AlertsSnapshot& alerts() const override { return alerts_; }

    app::PeopleSnapshot& people_snapshot() { return people_; }
    // `per_person` referrals for everyone, the checks that go with them, and an alert for each
    // person still missing one (what the dashboard and the Referrals screen draw from).
    void add_referrals(int per_person, UnixSeconds now);

private:
    app::StatusSnapshot status_;
    app::LogSnapshot log_;
    app::PeopleSnapshot people_;
    app::OperationSnapshot operation_;
    app::ReferralsSnapshot referrals_;
    app::AlertsSnapshot alerts_;
};

} // namespace rc::cli::bench
