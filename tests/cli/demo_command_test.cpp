// `reception-console demo`, run as the real program: it builds a whole operation in its own database,
// refuses to overwrite one unless told to, and what it writes is a consistent centre when read back
// through the store API (waves, children, decisions, referrals that break no rule, bags, staff,
// call-outs, one late and one not-applicable procedure step), with names sealed in the file.
#include "domain/clock.hpp"
#include "domain/procedure_rules.hpp"
#include "store/operation.hpp"
#include "store/partners.hpp"
#include "store/people.hpp"
#include "store/referrals.hpp"
#include "store/stock.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
namespace st = rc::store;

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

class Scratch {
public:
    Scratch() {
        const char* base = std::getenv("RC_TEST_TMP");
        fs::path root = base && *base ? fs::path(base) : fs::temp_directory_path() / "rc-cli-tests";
        static int n = 0;
        dir = root / ("demo-cli-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        if (!std::getenv("RC_KEEP_TEST_FILES")) fs::remove_all(dir, ec);
    }
    fs::path dir;
};

// Runs the console with its data directory inside the scratch folder.
Run run_console(const fs::path& scratch, std::vector<std::string> args) {
    const fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        if (entry.rfind("XDG_", 0) != 0) env.push_back(entry);
    }
    // Data, settings and log all in the scratch folder, none in the user's own.
    for (const char* variable : {"XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "XDG_STATE_HOME="})
        env.push_back(variable + (scratch / "data").string());
    std::vector<char*> envp;
    for (auto& s : env)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    std::string program = RC_CONSOLE_BINARY;
    args.insert(args.begin(), program);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE_MESSAGE(rc == 0, "could not start " << program);
    int status = 0;
    waitpid(pid, &status, 0);
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

} // namespace

TEST_CASE("cli: demo builds a consistent operation that reads back through the store") {
    Scratch s;
    const fs::path db = s.dir / "data" / "reception-console" / "demo.sqlite";
    const rc::UnixSeconds before = rc::SystemClock().now();

    const Run r = run_console(s.dir, {"demo"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CAPTURE(r.out);
    CHECK(contains(r.out, "Created the demo operation in " + db.string()));
    CHECK(contains(r.out, "24 people in three waves (5 children or age disputed)"));
    CHECK(contains(r.out, "\"Demo Coordinator\""));
    CHECK(contains(r.out, "\"demo passphrase 2026\""));
    CHECK(run_console(s.dir, {"verify", "--db", db.string()}).exit_code == 0);

    // Names are sealed in the file, in every script the demo uses.
    const std::string bytes = slurp(db) + slurp(fs::path(db.string() + "-wal"));
    for (const char* name : {"Ionuț", "Димитров", "Nguyễn", "Коваль", "Dumitru", "Helen Marsh"}) {
        CAPTURE(name);
        CHECK_FALSE(contains(bytes, name));
    }

    rc::SystemClock clock;
    auto store = st::Store::open(db, {}, clock);
    REQUIRE(store->sign_in("Demo Coordinator", "demo passphrase 2026").status == st::SignInStatus::Ok);

    const st::Centre centre = store->centre();
    CHECK(centre.status == rc::CentreStatus::Open);
    CHECK(centre.tier == rc::Tier::Medium);
    const auto activation = st::activation(*store);
    REQUIRE(activation);
    // Activated four and a half hours before the command ran (to the minute).
    CHECK(activation->activated_at >= before - 271 * 60);
    CHECK(activation->activated_at <= before - 269 * 60);

    // Three waves, children among them, some gone and the rest still here.
    const auto people = st::people(*store);
    REQUIRE(people.size() == 24);
    std::map<std::string, int> groups;
    std::set<std::string> nationalities;
    int children = 0, departed = 0, decided = 0, temporary_exits = 0;
    for (const st::PersonRecord& p : people) {
        ++groups[p.person.arrival_group];
        nationalities.insert(p.person.nationality);
        if (rc::treated_as_child(rc::child_status(p.person, rc::local_date_of(*p.journey.arrived_at))))
            ++children;
        if (p.journey.departed) ++departed;
        if (p.journey.decision_recorded) ++decided;
        for (const rc::JourneyEvent& e : p.person.journey)
            if (e.step == rc::JourneyStep::TemporaryExit) ++temporary_exits;
        CHECK(*p.journey.arrived_at <= clock.now());
    }
    CHECK(groups == std::map<std::string, int>{{"Bus 1", 12}, {"Van", 9}, {"Car", 3}});
    CHECK(children == 5);
    CHECK(departed == 7);
    CHECK(decided >= 10);
    CHECK(temporary_exits == 1);
    CHECK(nationalities.size() >= 8);

    // Referrals of every kind the rules ask for, none contradicting them.
    const auto referrals = st::referrals(*store);
    std::set<rc::ReferralType> types;
    for (const st::ReferralRecord& ref : referrals) {
        types.insert(ref.referral.type);
        if (ref.referral.type == rc::ReferralType::DutyToNotify) CHECK_FALSE(ref.referral.identifying);
    }
    for (rc::ReferralType t :
         {rc::ReferralType::Nrm, rc::ReferralType::DutyToNotify, rc::ReferralType::ChildrensServices,
          rc::ReferralType::PreNrmSupport, rc::ReferralType::SafeAccommodation}) {
        CAPTURE(rc::referral_type_id(t));
        CHECK(types.count(t) == 1);
    }
    const auto overview = st::referral_overview(*store, clock.now());
    CHECK(overview.contradictions == 0);
    CHECK(overview.undecided >= 1);

    // Bags: delivered, moved to the centre, issued; one person on site still waiting for one.
    int bags = 0;
    for (const st::PersonRecord& p : people)
        bags += st::bags_held_by(*store, p.id);
    CHECK(bags == 23);
    int written_off = 0;
    for (const st::StockMovementRecord& m : st::stock_movements(*store))
        if (m.movement.kind == rc::MovementKind::WrittenOff) ++written_off;
    CHECK(written_off == 1);
    for (const rc::StockBalance& b : st::stock_balances(*store))
        CHECK(b.on_hand >= 0);

    // Staff from several partners, and the call-out cascade worked through.
    std::set<std::string> partners;
    const auto on_site = st::on_site_staff(*store);
    for (const st::StaffRecord& m : on_site)
        partners.insert(m.partner_id);
    CHECK(on_site.size() == 15);
    CHECK(st::staff(*store).size() == 16);
    CHECK(partners.size() >= 6);
    int partners_on_site = 0;
    for (const st::CalloutBoardEntry& e : st::callout_board(*store))
        if (e.state.status == rc::CalloutStatus::OnSite) ++partners_on_site;
    CHECK(partners_on_site == 3);

    // The procedure: one step done late, one not applicable, nothing overdue.
    const auto procedure = st::pinned_procedure(*store);
    REQUIRE(procedure);
    const auto records = st::action_records(*store);
    const auto states =
        rc::evaluate_actions(*procedure, centre.tier, *st::operation_times(*store), records, clock);
    const rc::ActionCounts counts = rc::count_actions(*procedure, states);
    CHECK(counts.done_late == 1);
    CHECK(counts.not_applicable == 1);
    CHECK(counts.overdue == 0);
    CHECK(counts.done >= 30);

    int manual_log = 0;
    for (const st::LogEntry& e : store->log_entries())
        if (e.kind == st::LogKind::Manual) ++manual_log;
    CHECK(manual_log >= 8);

    // The volunteer can sign in too (role separation shows in the demo).
    CHECK(store->sign_in("Demo Volunteer", "practice shift 2026").status == st::SignInStatus::Ok);
    CHECK_FALSE(store->can(rc::Permission::ManageCentre));
}

TEST_CASE("cli: demo refuses to overwrite a database unless told to replace it") {
    Scratch s;
    const fs::path db = s.dir / "practice.sqlite";
    REQUIRE(run_console(s.dir, {"demo", "--db", db.string()}).exit_code == 0);
    const std::string first = slurp(db);

    const Run again = run_console(s.dir, {"demo", "--db", db.string()});
    CHECK(again.exit_code == 1);
    CHECK(contains(again.err, db.string() + " already exists."));
    CHECK(contains(again.err, "--replace"));
    CHECK(again.out.empty());
    CHECK(slurp(db) == first);

    const Run replaced = run_console(s.dir, {"demo", "--db", db.string(), "--replace"});
    CHECK_MESSAGE(replaced.exit_code == 0, replaced.err);
    CHECK(run_console(s.dir, {"verify", "--db", db.string()}).exit_code == 0);
    // Nothing was written into the default data directory.
    CHECK_FALSE(fs::exists(s.dir / "data" / "reception-console" / "demo.sqlite"));
}
