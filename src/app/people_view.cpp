#include "app/people_view.hpp"

#include "domain/text_match.hpp"

#include <algorithm>

namespace rc::app {

std::string search_folded(std::string_view text) {
    return fold_for_search(text);
}

bool matches(const PersonRow& row, const PeopleFilter& f, const std::string& search_lower) {
    const JourneySummary& j = row.journey;
    if (f.on_site_only && !j.on_site) return false;
    if (f.children_only && !treated_as_child(row.child)) return false;
    if (f.interpreter_needed && row.person.interpreter_needed != true) return false;
    if (f.urgent_medical && !row.person.urgent_medical) return false;
    if (f.awaiting_welfare && !(j.on_site && !j.welfare_check_done)) return false;
    if (f.awaiting_interview && !(j.on_site && !j.interviewed)) return false;
    if (f.awaiting_decision && !(j.on_site && !j.decision_recorded)) return false;
    if (!f.group.empty() && row.person.arrival_group != f.group) return false;
    if (!search_lower.empty() && row.search_key.find(search_lower) == std::string::npos) return false;
    return true;
}

namespace {

int age_key(const PersonRow& r) {
    return static_cast<int>(r.age_band);
}

} // namespace

std::vector<std::size_t> filter_and_sort(const PeopleSnapshot& s, const PeopleFilter& filter,
                                         const PeopleSort& sort, UnixSeconds now) {
    const std::string query = search_folded(filter.search);
    std::vector<std::size_t> out;
    out.reserve(s.rows.size());
    for (std::size_t i = 0; i < s.rows.size(); ++i)
        if (matches(s.rows[i], filter, query)) out.push_back(i);

    const auto time_in = [&](const PersonRow& r) -> UnixSeconds {
        if (!r.journey.arrived_at) return 0;
        return (r.journey.departed_at ? *r.journey.departed_at : now) - *r.journey.arrived_at;
    };
    const auto less = [&](std::size_t a, std::size_t b) {
        const PersonRow& x = s.rows[a];
        const PersonRow& y = s.rows[b];
        int c = 0;
        switch (sort.column) {
        case PeopleColumn::Reference:
            break;
        case PeopleColumn::Tag:
            c = x.person.tag.compare(y.person.tag);
            break;
        case PeopleColumn::Name:
            c = x.name_text.compare(y.name_text);
            break;
        case PeopleColumn::Sex:
            c = static_cast<int>(x.person.sex) - static_cast<int>(y.person.sex);
            break;
        case PeopleColumn::Age:
            c = age_key(x) - age_key(y);
            break;
        case PeopleColumn::Nationality:
            c = x.nationality_text.compare(y.nationality_text);
            break;
        case PeopleColumn::Languages:
            c = x.languages_text.compare(y.languages_text);
            break;
        case PeopleColumn::Group:
            c = x.person.arrival_group.compare(y.person.arrival_group);
            break;
        case PeopleColumn::Status:
            c = x.status_text.compare(y.status_text);
            break;
        case PeopleColumn::TimeInCentre: {
            const UnixSeconds tx = time_in(x), ty = time_in(y);
            c = tx < ty ? -1 : (tx > ty ? 1 : 0);
            break;
        }
        }
        if (c == 0) c = x.id < y.id ? -1 : (x.id > y.id ? 1 : 0); // check-in order
        return sort.descending ? c > 0 : c < 0;
    };
    std::sort(out.begin(), out.end(), less);
    return out;
}

} // namespace rc::app
