#include "ui/screens/check_in_form.hpp"

#include "domain/date.hpp"
#include "domain/iso_countries.hpp"
#include "domain/iso_languages.hpp"
#include "domain/person_fields.hpp"
#include "domain/text_match.hpp"
#include "ui/keys.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <sodium.h>

namespace rc::ui {

namespace {

std::vector<PickOption> country_options(std::string_view query, std::string_view) {
    std::vector<PickOption> out;
    for (const Country* c : search_countries(query, 6))
        out.push_back({std::string(c->alpha2), std::string(c->name) + " (" + std::string(c->alpha2) + ")"});
    return out;
}

// The context is the person's nationality: its languages come before the rest.
std::vector<PickOption> language_options(std::string_view query, std::string_view nationality) {
    std::vector<PickOption> out;
    for (const Language* l : search_languages_for(query, nationality, 6))
        out.push_back({std::string(l->code), std::string(l->name) + " (" + std::string(l->code) + ")"});
    return out;
}

std::string country_name(const std::string& code) {
    const Country* c = code.empty() ? nullptr : find_country(code);
    return c ? std::string(c->name) : code;
}

std::string language_name(const std::string& code) {
    const Language* l = find_language(code);
    return l ? std::string(l->name) : code;
}

// The label of "##Label##id" (or of "Label##id").
std::string visible(const char* id) {
    std::string s(id);
    if (s.rfind("##", 0) == 0) s.erase(0, 2);
    return s.substr(0, s.find("##"));
}

void wipe_person(Person& p) {
    for (std::string* s : {&p.name, &p.alias, &p.latin_name, &p.medical_needs, &p.property_held,
                           &p.adult_judgement, &p.diet, &p.arrived_with})
        sodium_memzero(s->data(), s->size());
    p = Person{};
}

} // namespace

CheckInForm::CheckInForm()
    : conflict_(&wipe_person), nationality_(country_options), languages_(language_options) {}

void CheckInForm::open_conflict(const app::PersonConflict& conflict) {
    conflict_.open(conflict, editing_base_, person_fields(),
                   "this person (" + conflict.theirs.reference + ")",
                   [](const app::PersonConflict& c, ConflictField& row) {
                       if (row.id != "medical" || !c.medical_withheld) return;
                       // A note this role may not read: what was typed is added to it, never shown.
                       if (c.mine.medical_needs.empty()) row.mine = "(no text added)";
                       row.theirs = "(a note your role may not read; it is kept)";
                   });
}

void CheckInForm::start_new() {
    conflict_.close();
    editing_.reset();
    draft_ = Person{};
    if (has_last_saved_) {
        draft_.arrival_group = last_saved_.arrival_group;
        draft_.nationality = last_saved_.nationality;
        draft_.languages = last_saved_.languages;
        draft_.interpreter_needed = last_saved_.interpreter_needed;
    }
    sex_text_.clear();
    dob_text_.clear();
    age_text_.clear();
    arrived_text_.clear();
    disputed_ = false;
    arrived_with_text_.clear();
    interpreter_ = draft_.interpreter_needed.value_or(false);
    nationality_.clear();
    languages_.clear();
    problems_.clear();
    warnings_.clear();
    focus_first_ = true;
}

void CheckInForm::start_edit(std::int64_t id, const Person& person, std::int64_t version) {
    conflict_.close();
    editing_ = id;
    editing_version_ = version;
    editing_base_ = person;
    draft_ = person;
    sex_text_ = person.sex == Sex::Unknown ? std::string() : std::string(sex_label(person.sex));
    dob_text_.clear();
    if (person.date_of_birth) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", person.date_of_birth->year,
                      person.date_of_birth->month, person.date_of_birth->day);
        dob_text_ = buf;
    }
    age_text_ = person.claimed_age ? std::to_string(*person.claimed_age) : std::string();
    disputed_ = person.stated_child == ChildStatus::AgeDisputed;
    arrived_with_text_ = person.arrived_with;
    interpreter_ = person.interpreter_needed.value_or(false);
    nationality_.clear();
    languages_.clear();
    problems_.clear();
    warnings_.clear();
    message_.clear();
    focus_first_ = true;
}

void CheckInForm::draw_problem(const char* field) const {
    for (const FieldProblem& p : problems_)
        if (p.field == field) {
            const float* c = palette().danger;
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
            paragraph(p.message.c_str());
            ImGui::PopStyleColor();
        }
}

bool CheckInForm::text_field(const char* id, const char* hint, std::string& value, float width) {
    ImGui::SetNextItemWidth(width);
    const bool enter = input_text(id, hint, value, ImGuiInputTextFlags_EnterReturnsTrue);
    if (enter) save_requested_ = true;
    return enter;
}

Person CheckInForm::build() const {
    Person p = draft_;
    p.sex = sex_text_.empty() ? Sex::Unknown : parse_sex(sex_text_).value_or(Sex::Unknown);
    p.date_of_birth.reset();
    if (!dob_text_.empty())
        if (const auto d = parse_day_month_year_or_iso_date(dob_text_)) p.date_of_birth = *d;
    p.claimed_age.reset();
    if (!age_text_.empty()) {
        try {
            std::size_t used = 0;
            const int age = std::stoi(age_text_, &used);
            if (used == age_text_.size()) p.claimed_age = age;
        } catch (const std::exception&) {
        }
    }
    p.stated_child = disputed_ ? ChildStatus::AgeDisputed
                               : (draft_.stated_child == ChildStatus::AgeDisputed ? ChildStatus::Unknown
                                                                                  : draft_.stated_child);
    // A coordinator's "clearly an adult", with its reason, stands for an age nobody could record.
    if (!disputed_ && !trim_space(p.adult_judgement).empty() && p.stated_child == ChildStatus::Unknown)
        p.stated_child = ChildStatus::Adult;
    p.interpreter_needed = interpreter_ ? std::optional<bool>(true) : draft_.interpreter_needed;
    if (!interpreter_ && draft_.interpreter_needed == true) p.interpreter_needed = false;
    return p;
}

std::string CheckInForm::resolve_arrived_with(ScreenContext& ctx) const {
    const std::string typed(trim_space(arrived_with_text_));
    if (typed.empty()) return {};
    const app::PeopleSnapshot& people = ctx.session.people();
    for (const app::PersonRow& r : people.rows)
        if (equals_ignore_case(r.person.reference, typed)) return r.person.reference;
    for (const app::PersonRow& r : people.rows)
        if (!r.person.tag.empty() && equals_ignore_case(r.person.tag, typed)) return r.person.reference;
    // "4" or "004": the reference that ends in that number.
    if (typed.find_first_not_of("0123456789") == std::string::npos && typed.size() <= 6) {
        std::string number = typed;
        if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
        for (const app::PersonRow& r : people.rows) {
            const std::string& ref = r.person.reference;
            if (ref.size() > number.size() &&
                ref.compare(ref.size() - number.size(), number.size(), number) == 0 &&
                ref[ref.size() - number.size() - 1] == '-')
                return ref;
        }
    }
    return typed; // the store says it is not on the roll
}

void CheckInForm::save(ScreenContext& ctx) {
    problems_.clear();
    message_.clear();
    draft_.arrived_with = resolve_arrived_with(ctx);
    if (draft_.arrived_with.empty()) draft_.arrived_with_relation.reset();
    // Text the form could not read is a problem beside its field (the store never sees it).
    if (!sex_text_.empty() && !parse_sex(sex_text_))
        problems_.push_back({"sex", "Type F, M, X (other) or U (unknown)."});
    if (!dob_text_.empty() && !parse_day_month_year_or_iso_date(dob_text_))
        problems_.push_back({"dob", "Write the date as YYYY-MM-DD or DD/MM/YYYY, e.g. 14/03/2009."});
    const Person p = build();
    if (!age_text_.empty() && !p.claimed_age) problems_.push_back({"age", "Write the age in whole years."});
    if (!problems_.empty()) {
        message_ = "Nothing was saved: correct the fields marked in red.";
        message_is_error_ = true;
        return;
    }
    const std::vector<std::string> warnings = ctx.session.duplicate_warnings(p, editing_);
    if (!warnings.empty() && warnings != warnings_) {
        warnings_ = warnings; // shown; saving again goes ahead
        message_ = "Check the warning above, then press Enter again (or Save anyway) to save.";
        message_is_error_ = true;
        return;
    }
    const bool offline = !editing_ && ctx.session.offline_roll_offered();
    const app::CheckInResult r = editing_  ? ctx.session.update_person(*editing_, p, editing_version_)
                                 : offline ? ctx.session.save_offline(p, arrived_text_)
                                           : ctx.session.check_in(p, arrived_text_);
    problems_ = r.problems;
    message_ = r.message;
    message_is_error_ = !r.ok;
    if (r.conflict) {
        open_conflict(*r.conflict);
        return;
    }
    if (!r.ok) {
        if (message_.empty()) message_ = "Nothing was saved: correct the fields marked in red.";
        return;
    }
    warnings_.clear();
    last_saved_ = p;
    has_last_saved_ = true;
    last_saved_id_ = editing_ ? editing_ : r.id;
    if (offline) {
        start_new();
        message_ = r.message + " Ready for the next person.";
        message_is_error_ = false;
    } else if (!editing_) {
        const std::string saved = r.references.empty() ? std::string() : r.references.front();
        start_new();
        message_ = "Checked in as " + saved + ". Ready for the next person.";
        message_is_error_ = false;
    } else {
        editing_version_ = r.version;
        editing_base_ = p;
        message_ = "Saved.";
    }
}

void CheckInForm::save_resolution(ScreenContext& ctx, Person person, const char* done) {
    const std::int64_t id = *editing_;
    const app::CheckInResult r = ctx.session.update_person(id, person, conflict_.conflict().their_version);
    if (r.conflict) { // changed yet again meanwhile: the same choice, against the newest record
        open_conflict(*r.conflict);
        message_ = r.message;
        message_is_error_ = true;
        return;
    }
    // The form shows what was chosen, at the version it is now; refused (a merge whose fields do not
    // fit together), at theirs, to correct and save.
    const Person theirs = conflict_.conflict().theirs;
    const std::int64_t version = r.ok ? r.version : conflict_.conflict().their_version;
    conflict_.close();
    start_edit(id, person, version);
    if (!r.ok) editing_base_ = theirs;
    problems_ = r.problems;
    message_ = r.ok ? done : r.message;
    message_is_error_ = !r.ok;
    if (r.ok) last_saved_id_ = id;
}

void CheckInForm::handle_conflict_choice(ScreenContext& ctx, EditConflictDialog::Choice choice) {
    if (!editing_) return;
    switch (choice) {
    case EditConflictDialog::Choice::None:
        return;
    case EditConflictDialog::Choice::KeepMine:
        save_resolution(ctx, conflict_.conflict().mine, "Saved: your values replace the other desk's.");
        return;
    case EditConflictDialog::Choice::SaveMerge:
        save_resolution(ctx, conflict_.merged(), "Saved the merge of both versions.");
        return;
    case EditConflictDialog::Choice::KeepTheirs: {
        const std::int64_t id = *editing_;
        const Person theirs = conflict_.conflict().theirs;
        const std::int64_t version = conflict_.conflict().their_version;
        conflict_.close();
        start_edit(id, theirs, version);
        message_ = "Kept the other desk's version; your changes were dropped.";
        message_is_error_ = false;
        return;
    }
    case EditConflictDialog::Choice::Back:
        // The edit stays in the form, unsaved; saving again shows the dialog again.
        conflict_.close();
        message_ = "Not saved: someone at another desk changed this person. Save again to compare.";
        message_is_error_ = true;
        return;
    }
}

void CheckInForm::handle_toggles() {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || !io.KeyShift || io.KeyAlt) return;
    if (ImGui::IsKeyPressed(keys::A + 3, false)) disputed_ = !disputed_;                          // D
    if (ImGui::IsKeyPressed(keys::A + 8, false)) interpreter_ = !interpreter_;                    // I
    if (ImGui::IsKeyPressed(keys::A + 20, false)) draft_.urgent_medical = !draft_.urgent_medical; // U
}

bool CheckInForm::draw(ScreenContext& ctx) {
    save_requested_ = false;
    handle_toggles();
    const std::optional<std::int64_t> saved_before = last_saved_id_;
    const float w = std::max(em(10.0f), ImGui::GetContentRegionAvail().x - em(0.5f));
    const auto label = [](const char* id) {
        const std::string v = visible(id);
        ImGui::TextUnformatted(v.c_str());
    };
    ImGui::PushID("check_in_form");
    if (!editing_)
        heading("Check someone in");
    else
        heading(("Edit " + draft_.reference).c_str());
    paragraph_disabled(
        "Only the reference is needed, and it is given on saving. Tab: next field. Enter: save.");

    label(kTag);
    if (focus_first_) {
        ImGui::SetKeyboardFocusHere();
        focus_first_ = false;
    }
    text_field(kTag, "e.g. 017", draft_.tag, w * 0.5f);
    draw_problem("tag");
    label(kName);
    text_field(kName, "if given, in the person's own letters", draft_.name, w);
    draw_problem("name");
    label(kLatinName);
    text_field(kLatinName, "when written in another script, e.g. Arabic or Amharic", draft_.latin_name, w);
    draw_problem("latin_name");
    label(kAlias);
    text_field(kAlias, "a name used for them, if any", draft_.alias, w);
    draw_problem("alias");

    label(kSex);
    text_field(kSex, "F, M, X or U", sex_text_, em(5.0f));
    ImGui::SameLine();
    if (const auto s = parse_sex(sex_text_)) ImGui::TextDisabled("%s", std::string(sex_label(*s)).c_str());
    draw_problem("sex");

    label(kDob);
    text_field(kDob, "YYYY-MM-DD or DD/MM/YYYY", dob_text_, em(9.0f));
    ImGui::SameLine();
    ImGui::TextDisabled("or age given");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(4.0f));
    if (input_text(kAge, "age", age_text_, ImGuiInputTextFlags_EnterReturnsTrue)) save_requested_ = true;
    draw_problem("dob");
    draw_problem("age");
    checkbox(kDisputed, &disputed_);
    {
        const Person p = build();
        // Age on the arrival date (never today's): someone who turns 18 after arriving is still a child here.
        const JourneySummary journey = summarise_journey(p.journey);
        const ChildStatus cs = child_status(p, local_date_of(journey.arrived_at.value_or(ctx.clock.now())));
        ImGui::SameLine();
        const bool child = treated_as_child(cs);
        const float* c = child ? palette().warning : palette().ok;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
        ImGui::TextUnformatted(cs == ChildStatus::Unknown ? "Age not established: presumed a child"
                               : child ? "Child: children's services and NRM, no consent needed"
                                       : "Adult");
        ImGui::PopStyleColor();
        const bool no_age = !p.date_of_birth && !p.claimed_age &&
                            age_band_is_child(p.age_band) == std::nullopt && !disputed_ &&
                            p.stated_child != ChildStatus::Child;
        if (no_age && ctx.session.can(Permission::RecordReferrals)) {
            label(kAdultJudgement);
            text_field(kAdultJudgement, "only if clearly an adult, e.g. \"visibly in their 40s\"",
                       draft_.adult_judgement, w);
            draw_problem("adult_judgement");
        }
    }
    draw_problem("child");

    label(kNationality);
    PickOption picked;
    if (nationality_.draw(kNationality, "type to search, Enter picks", w * 0.6f, picked))
        draft_.nationality = picked.code;
    if (nationality_.enter_with_nothing()) save_requested_ = true;
    if (!draft_.nationality.empty()) {
        ImGui::SameLine();
        ImGui::Text("%s", country_name(draft_.nationality).c_str());
        ImGui::SameLine();
        if (small_button("clear##nationality")) draft_.nationality.clear();
    }
    draw_problem("nationality");

    label(kLanguages);
    languages_.set_context(draft_.nationality);
    if (languages_.draw(kLanguages, "type to search, Enter adds", w * 0.6f, picked)) {
        bool have = false;
        for (const std::string& c : draft_.languages)
            have |= c == picked.code;
        if (!have) draft_.languages.push_back(picked.code);
    }
    if (languages_.enter_with_nothing()) save_requested_ = true;
    for (std::size_t i = 0; i < draft_.languages.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        const std::string chip = language_name(draft_.languages[i]) + " \u00d7##lang_" + draft_.languages[i];
        if (small_button(chip.c_str())) {
            draft_.languages.erase(draft_.languages.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    draw_problem("languages");
    checkbox(kInterpreter, &interpreter_);

    label(kMedical);
    text_field(kMedical, "urgent needs only", draft_.medical_needs, w);
    checkbox(kUrgentMedical, &draft_.urgent_medical);
    draw_problem("medical");
    label(kDiet);
    text_field(kDiet, "e.g. halal, vegetarian, allergy", draft_.diet, w);
    draw_problem("diet");
    label(kGroup);
    text_field(kGroup, "e.g. Bus 1; family kept together", draft_.arrival_group, w);
    draw_problem("group");

    // Who a child arrived with: a parent or relative, or an unrelated adult (an indicator to share).
    label(kArrivedWith);
    text_field(kArrivedWith, "e.g. 004 or T004; empty: nobody", arrived_with_text_, em(12.0f));
    if (!trim_space(arrived_with_text_).empty()) {
        ImGui::TextUnformatted("Who is the adult to them?");
        for (CompanionRelation r : all_companion_relations) {
            ImGui::SameLine();
            const std::string l =
                std::string(companion_relation_label(r)) + "##with_" + std::string(companion_relation_id(r));
            if (radio(l.c_str(), draft_.arrived_with_relation == r)) draft_.arrived_with_relation = r;
        }
        if (draft_.arrived_with_relation == CompanionRelation::UnrelatedAdult) {
            const float* c = palette().warning;
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c[0], c[1], c[2], c[3]));
            paragraph("A child with an unrelated adult is an indicator: share it with children's services.");
            ImGui::PopStyleColor();
        }
    }
    draw_problem("arrived_with");

    ImGui::TextUnformatted("Suspected exploitation");
    int n = 0;
    for (ExploitationType t : all_exploitation_types) {
        bool on = draft_.exploitation.contains(t);
        if (n++ % 4 != 0) ImGui::SameLine();
        const std::string l =
            std::string(exploitation_type_label(t)) + "##ex_" + std::string(exploitation_type_id(t));
        if (checkbox(l.c_str(), &on)) {
            if (on)
                draft_.exploitation.insert(t);
            else
                draft_.exploitation.erase(t);
        }
    }
    draw_problem("exploitation");
    ImGui::TextUnformatted("Indicators seen");
    n = 0;
    for (ForcedLabourIndicator i : all_forced_labour_indicators) {
        bool on = draft_.indicators.contains(i);
        if (n++ % 2 != 0) ImGui::SameLine(w * 0.5f);
        const std::string l = std::string(forced_labour_indicator_label(i)) + "##ind_" +
                              std::string(forced_labour_indicator_id(i));
        if (checkbox(l.c_str(), &on)) {
            if (on)
                draft_.indicators.insert(i);
            else
                draft_.indicators.erase(i);
        }
    }
    // The adult's NRM decision drives the referral rules (a child needs no consent).
    ImGui::TextUnformatted("NRM decision (adults)");
    const std::optional<NrmConsent> answers[] = {std::nullopt, NrmConsent::Undecided, NrmConsent::Yes,
                                                 NrmConsent::No};
    for (const std::optional<NrmConsent>& answer : answers) {
        ImGui::SameLine();
        const std::string l = std::string(nrm_consent_answer_label(answer)) + "##nrm_" +
                              (answer ? std::string(nrm_consent_id(*answer)) : std::string("not_asked"));
        if (radio(l.c_str(), draft_.nrm_consent == answer)) draft_.nrm_consent = answer;
    }
    label(kProperty);
    text_field(kProperty, "e.g. phone, bag (held by police)", draft_.property_held, w);
    draw_problem("property");
    if (!editing_) {
        label(kArrivedAt);
        text_field(kArrivedAt, "HH:MM", arrived_text_, em(6.0f));
        draw_problem("arrived_at");
    }

    for (const std::string& warning : warnings_)
        result_message("Warning: " + warning, true);
    ImGui::Spacing();
    const bool offline = !editing_ && ctx.session.offline_roll_offered();
    if (offline)
        paragraph_disabled("The shared centre's server cannot be reached. A check-in saved now stays on this "
                           "desk, encrypted, and gets its reference when it is imported once the server is "
                           "back.");
    const bool clicked = button(editing_ ? kSaveChanges : offline ? kSaveOffline : kSave);
    bool anyway = false;
    if (!warnings_.empty()) {
        ImGui::SameLine();
        anyway = button(kSaveAnyway);
    }
    if (nationality_.consumed_enter() || languages_.consumed_enter()) save_requested_ = false;
    if (!conflict_.is_open() && (clicked || anyway || save_requested_)) save(ctx);
    result_message(message_, message_is_error_);
    handle_conflict_choice(ctx, conflict_.draw());
    ImGui::PopID();
    return last_saved_id_ != saved_before;
}

} // namespace rc::ui
