// A drill file read and checked as a whole: the [drill] header and its procedure, the event list, and
// a replay in miniature (who is known and where) so that a drill is refused before it runs.
#include "domain/drill_checker.hpp"

namespace rc {

namespace drill_detail {

const std::vector<EventKind>& DrillChecker::kinds() {
    static const std::vector<EventKind> table{
        {"import_roll", {}, &DrillChecker::parse_import_roll},
        {"check_in", check_in_keys, &DrillChecker::parse_check_in},
        {"register_group", {"group", "first_tag"}, &DrillChecker::parse_register_group},
        {"step", {"tag"}, &DrillChecker::parse_step},
        {"decision", {"tag"}, &DrillChecker::parse_decision},
        {"referral",
         {"tag", "by", "status", "consent", "explained", "receiving", "reference", "made_by"},
         &DrillChecker::parse_referral},
        {"depart", {"tag"}, &DrillChecker::parse_depart},
        {"staff_in",
         {"partner", "organisation", "role", "trained", "functions", "languages"},
         &DrillChecker::parse_staff_in},
        {"staff_out", {}, &DrillChecker::parse_staff_out},
        {"stock",
         {"kind", "quantity", "store", "supplier", "reason", "tag", "tags"},
         &DrillChecker::parse_stock},
        {"raise_tier", {"reason"}, &DrillChecker::parse_raise_tier},
        {"action", {"outcome", "reason"}, &DrillChecker::parse_procedure_action},
        {"revise_expected", {"reason"}, &DrillChecker::parse_revise_expected},
    };
    return table;
}

// ---- [drill] ---------------------------------------------------------------------------------------

const toml::table* DrillChecker::header(const toml::table& root, DrillScript& s) {
    const toml::node* n = root.get("drill");
    if (!n || !n->is_table()) {
        error_at(1, 1,
                 "missing section [drill]: give the exercise's name, start, end and expected number "
                 "(see docs/drills.md)");
        return nullptr;
    }
    const toml::table& d = *n->as_table();
    check_keys(d, {"name", "start", "end", "expected", "tier", "procedure"}, "[drill]");
    if (auto name = text(d, "name", "[drill]", true)) {
        if (trim_space(*name).empty()) error(*d.get("name"), "[drill]: the name is empty");
        s.name = std::string(trim_space(*name));
    }
    bool times_ok = false;
    if (const toml::node* start = d.get("start")) {
        if (const auto at = local_time(*start, "[drill] start")) {
            s.start = start_ = *at;
            times_ok = true;
        }
    } else {
        error(d, "[drill]: missing 'start', the local date and time the drill begins, e.g. "
                 "start = \"2026-03-14T06:00\"");
    }
    if (const toml::node* end = d.get("end")) {
        std::string written;
        if (times_ok) {
            if (const auto at = drill_time(*end, "[drill] end", written)) {
                s.end = *at;
                if (s.end <= s.start) error(*end, "[drill] end: the end must come after the start");
            }
        }
    } else {
        error(d, "[drill]: missing 'end', when the alerts and the debrief are taken, e.g. end = \"+04:00\"");
    }
    if (const auto expected = whole_number(d, "expected", "[drill]", 1, max_people, true))
        s.expected = static_cast<int>(*expected);
    if (const auto tier = text(d, "tier", "[drill]", false)) {
        s.tier = tier_from_id(*tier);
        if (!s.tier) error(*d.get("tier"), "[drill] tier: " + show(*tier) + " is not small, medium or large");
    }
    load_procedure(d, s);
    return &d;
}

bool DrillChecker::load_procedure(const toml::table& drill, DrillScript& s) {
    ProcedureLoadResult loaded;
    if (const auto file = text(drill, "procedure", "[drill]", false)) {
        s.procedure_file = folder_ / *file;
        s.procedure_source = s.procedure_file.string();
        loaded = load_procedure_file(s.procedure_file);
        if (!loaded.ok()) {
            error(*drill.get("procedure"),
                  "[drill] procedure: " + show(*file) + " has problems (listed below)");
            add(std::move(loaded.diagnostics));
            return false;
        }
    } else {
        s.procedure_source = std::string(default_procedure_name);
        loaded = parse_procedure(default_procedure_text(), default_procedure_name);
        if (!loaded.ok()) {
            add(std::move(loaded.diagnostics));
            return false;
        }
    }
    s.procedure_text = std::move(loaded.text);
    procedure_ = std::make_shared<const Procedure>(std::move(*loaded.procedure));
    s.procedure = procedure_;
    return true;
}

// ---- [[events]] ------------------------------------------------------------------------------------

void DrillChecker::event(const toml::table& t, std::size_t index, DrillScript& s) {
    const std::string where = "event " + std::to_string(index + 1);
    std::vector<const EventKind*> found;
    for (const EventKind& k : kinds())
        if (t.contains(k.key)) found.push_back(&k);
    std::vector<std::string_view> all_keys{"at"};
    for (const EventKind& k : kinds())
        all_keys.push_back(k.key);
    if (found.size() != 1) {
        if (found.empty()) {
            check_keys(t, all_keys, where);
            error(t, where + ": say what happens with one of: " +
                         join(std::vector<std::string_view>(all_keys.begin() + 1, all_keys.end())));
        } else {
            error(t, where + ": one event per [[events]] table, but this one has both '" +
                         std::string(found[0]->key) + "' and '" + std::string(found[1]->key) + "'");
        }
        return;
    }
    const EventKind& kind = *found.front();
    std::vector<std::string_view> allowed{"at", kind.key};
    allowed.insert(allowed.end(), kind.fields.begin(), kind.fields.end());
    check_keys(t, allowed, where + " (" + std::string(kind.key) + ")");

    DrillEvent e;
    e.line = t.source().begin.line;
    e.column = t.source().begin.column;
    bool ok = true;
    if (const toml::node* at = t.get("at")) {
        if (const auto when = drill_time(*at, where + " at", e.when)) {
            e.at = *when;
            if (s.end > s.start && (e.at < s.start || e.at > s.end)) {
                error(*at, where + " at: " + show(e.when) + " is outside the drill (" +
                               format_local_time(s.start) + " to " + format_local_time(s.end) + ")");
                ok = false;
            }
        } else {
            ok = false;
        }
    } else {
        error(t, where + ": missing 'at', the time it happens, e.g. at = \"+00:40\"");
        ok = false;
    }
    if (!ok || !procedure_) return; // the kind's checks need the time (rolls) and the procedure
    if (!(this->*kind.parse)(t, *t.get(kind.key), e)) return;
    s.events.push_back(std::move(e));
    event_tables_.push_back(&t);
}

// ---- The replay in miniature: who is known and where, so that the drill is refused before it runs --

void DrillChecker::simulate(DrillScript& s) {
    std::map<std::string, std::vector<JourneyEvent>> journeys; // by tag
    std::map<std::string, std::uint32_t> first_seen;           // by tag: the line that brought them
    std::set<std::string> staff_on_site;
    Tier tier = s.tier.value_or(propose_tier(*procedure_, s.expected));
    std::set<std::string> actions_recorded;

    for (const DrillEvent& e : s.events) {
        const auto at_line = [&](std::string message) { error_at(e.line, e.column, std::move(message)); };
        const auto arrive = [&](const std::string& tag, std::vector<JourneyEvent> journey) {
            if (tag.empty()) return;
            if (const auto seen = first_seen.find(tag); seen != first_seen.end()) {
                at_line("tag " + show(tag) + " is already in the centre (from the event at line " +
                        std::to_string(seen->second) + "): each person needs their own tag");
                return;
            }
            first_seen.emplace(tag, e.line);
            journeys.emplace(tag, std::move(journey));
        };
        // The person's journey so far, or nullptr (reported) when the tag has not arrived yet.
        const auto journey_of = [&](const std::string& tag) -> std::vector<JourneyEvent>* {
            const auto it = journeys.find(tag);
            if (it != journeys.end()) return &it->second;
            at_line(std::string(drill_action_key(e.action)) + ": nobody with tag " + show(tag) +
                    " has arrived by " + format_local_time(e.at) +
                    " (check the tag, or move the event after their arrival)");
            return nullptr;
        };
        const auto step = [&](const std::string& tag, JourneyStep st, std::optional<Destination> d) {
            std::vector<JourneyEvent>* j = journey_of(tag);
            if (!j) return;
            const JourneyEvent next{st, e.at, d, {}};
            if (const auto problem = journey_step_problem(*j, next)) {
                at_line(std::string(drill_action_key(e.action)) + " " + show(tag) + ": " + *problem);
                return;
            }
            j->push_back(next);
        };

        std::visit(
            [&](const auto& a) {
                using T = std::decay_t<decltype(a)>;
                if constexpr (std::is_same_v<T, DrillImportRoll>) {
                    NominalRollOptions o;
                    o.today = local_date_of(e.at);
                    o.now = e.at;
                    for (const PersonDraft& d : parse_nominal_roll(a.text, o).rows)
                        arrive(d.person.tag, draft_journey(d, e.at));
                } else if constexpr (std::is_same_v<T, DrillCheckIn>) {
                    arrive(a.person.tag, {JourneyEvent{JourneyStep::Arrived, e.at, std::nullopt, {}}});
                } else if constexpr (std::is_same_v<T, DrillRegisterGroup>) {
                    std::string tag = a.first_tag;
                    for (int i = 0; i < a.count && !tag.empty(); ++i) {
                        arrive(tag, {JourneyEvent{JourneyStep::Arrived, e.at, std::nullopt, {}}});
                        tag = next_tag(tag).value_or("");
                    }
                } else if constexpr (std::is_same_v<T, DrillJourneyStep>) {
                    step(a.tag, a.step, std::nullopt);
                } else if constexpr (std::is_same_v<T, DrillDepart>) {
                    step(a.tag,
                         destination_is_temporary(a.destination) ? JourneyStep::TemporaryExit
                                                                 : JourneyStep::Departed,
                         a.destination);
                } else if constexpr (std::is_same_v<T, DrillDecision>) {
                    if (std::vector<JourneyEvent>* j = journey_of(a.tag)) {
                        const JourneySummary sum = summarise_journey(*j);
                        if (a.consent != NrmConsent::Undecided && sum.on_site && !sum.decision_recorded)
                            j->push_back({JourneyStep::DecisionRecorded, e.at, std::nullopt, {}});
                    }
                } else if constexpr (std::is_same_v<T, DrillReferral>) {
                    journey_of(a.tag);
                } else if constexpr (std::is_same_v<T, DrillStaffIn>) {
                    if (!staff_on_site.insert(a.name).second)
                        at_line("staff_in: " + show(a.name) + " is already signed in");
                } else if constexpr (std::is_same_v<T, DrillStaffOut>) {
                    if (staff_on_site.erase(a.name) == 0)
                        at_line("staff_out: nobody called " + show(a.name) +
                                " is signed in at this time (the name must be as they signed in)");
                } else if constexpr (std::is_same_v<T, DrillStock>) {
                    for (const std::string& tag : a.tags)
                        if (std::vector<JourneyEvent>* j = journey_of(tag);
                            j && !summarise_journey(*j).on_site)
                            at_line("stock issue: " + show(tag) + " is not in the centre at this time");
                } else if constexpr (std::is_same_v<T, DrillProcedureAction>) {
                    for (const std::string& id : a.ids)
                        if (!actions_recorded.insert(id).second)
                            at_line("action: " + show(id) + " is already recorded by an earlier event");
                } else if constexpr (std::is_same_v<T, DrillReviseExpected>) {
                    (void)a; // any number from 1 up may be expected at any time after activation
                } else if constexpr (std::is_same_v<T, DrillRaiseTier>) {
                    if (static_cast<int>(a.tier) <= static_cast<int>(tier))
                        at_line("raise_tier: the centre is already " + std::string(tier_label(tier)) +
                                " at this time; a tier can only go up");
                    else
                        tier = a.tier;
                }
            },
            e.action);
        if (diags_.size() > max_drill_diagnostics) return;
    }
}

std::optional<DrillScript> DrillChecker::check(const toml::table& root) {
    DrillScript s;
    check_keys(root, {"drill", "events"}, "top level");
    if (!header(root, s)) return std::nullopt;
    const toml::node* events = root.get("events");
    const toml::array* list = events ? events->as_array() : nullptr;
    if (!list || list->empty()) {
        error_at(events ? events->source().begin.line : 1, events ? events->source().begin.column : 1,
                 "no events: add [[events]] tables, each with at = \"+HH:MM\" and what happens");
        return std::nullopt;
    }
    if (list->size() > max_drill_events) {
        error(*events, "more than " + std::to_string(max_drill_events) + " events; split the drill");
        return std::nullopt;
    }
    if (!diags_.empty() && !procedure_) return std::nullopt;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const toml::node& n = *list->get(i);
        if (const toml::table* t = n.as_table())
            event(*t, i, s);
        else
            error(n, "event " + std::to_string(i + 1) + ": write each event as an [[events]] table");
    }
    if (!diags_.empty()) return std::nullopt;
    std::stable_sort(s.events.begin(), s.events.end(),
                     [](const DrillEvent& a, const DrillEvent& b) { return a.at < b.at; });
    simulate(s);
    if (!diags_.empty()) return std::nullopt;
    return s;
}

} // namespace drill_detail

using namespace drill_detail;

std::string_view drill_action_key(const DrillAction& action) {
    return std::visit(
        [](const auto& a) -> std::string_view {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, DrillImportRoll>) return "import_roll";
            if constexpr (std::is_same_v<T, DrillCheckIn>) return "check_in";
            if constexpr (std::is_same_v<T, DrillRegisterGroup>) return "register_group";
            if constexpr (std::is_same_v<T, DrillJourneyStep>) return "step";
            if constexpr (std::is_same_v<T, DrillDecision>) return "decision";
            if constexpr (std::is_same_v<T, DrillReferral>) return "referral";
            if constexpr (std::is_same_v<T, DrillDepart>) return "depart";
            if constexpr (std::is_same_v<T, DrillStaffIn>) return "staff_in";
            if constexpr (std::is_same_v<T, DrillStaffOut>) return "staff_out";
            if constexpr (std::is_same_v<T, DrillStock>) return "stock";
            if constexpr (std::is_same_v<T, DrillRaiseTier>) return "raise_tier";
            if constexpr (std::is_same_v<T, DrillProcedureAction>) return "action";
            if constexpr (std::is_same_v<T, DrillReviseExpected>) return "revise_expected";
        },
        action);
}

std::optional<UnixSeconds> parse_drill_time(std::string_view text, UnixSeconds start) {
    if (!text.empty() && text[0] == '+') {
        const std::string t(text.substr(1));
        int h = -1, m = -1, used = 0;
        if (std::sscanf(t.c_str(), "%d:%d%n", &h, &m, &used) != 2 ||
            static_cast<std::size_t>(used) != t.size() || h < 0 || h > 24 * 14 || m < 0 || m > 59 ||
            t.find(':') < 1 || t.size() - t.find(':') != 3)
            return std::nullopt;
        return start + (static_cast<UnixSeconds>(h) * 60 + m) * 60;
    }
    UnixSeconds at = 0;
    if (!parse_local_time(std::string(text), at)) return std::nullopt;
    return at;
}

DrillLoadResult parse_drill(std::string_view text, std::string_view source_name, const fs::path& folder) {
    DrillLoadResult result;
    DrillChecker checker{std::string(source_name), folder};
    if (text.size() > max_drill_bytes) {
        checker.error_at(
            0, 0, "the file is larger than 1 MiB; a drill is a few KiB, so this is probably the wrong file");
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    std::size_t conflict_at = 0;
    const std::optional<std::string> shielded = shield_toml_text(text, &conflict_at);
    if (!shielded) {
        checker.error_at(0, 0, "the file contains a private-use character (U+E000..U+EBFF); remove it");
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    toml::table root;
    try {
        root = toml::parse(*shielded, std::string_view{source_name});
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        checker.error_at(at.line, at.column,
                         "TOML syntax error: " + safe_to_show(unshield_toml_text(e.description()), 400));
        result.diagnostics = checker.take_diagnostics();
        return result;
    }
    std::optional<DrillScript> script = checker.check(root);
    result.diagnostics = checker.take_diagnostics();
    sort_diagnostics(result.diagnostics);
    if (result.diagnostics.empty() && script) {
        script->file = fs::path(std::string(source_name));
        result.script = std::move(script);
    }
    return result;
}

DrillLoadResult load_drill_file(const fs::path& path) {
    std::string text, problem;
    if (!read_file(path, max_drill_bytes, text, problem)) {
        DrillLoadResult r;
        r.diagnostics.push_back(Diagnostic{path.string(), 0, 0, problem});
        return r;
    }
    return parse_drill(text, path.string(), path.parent_path());
}

} // namespace rc
