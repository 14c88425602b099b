#pragma once
// Which people the Arrivals table shows, in which order: a filter and a sort over the snapshot's rows,
// giving row indices. The screen runs it only when the snapshot, the filter or the sort changes; with
// 10,000 people it takes a few milliseconds (the benchmark measures it).
#include "app/people_snapshot.hpp"
#include "domain/clock.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace rc::app {

struct PeopleFilter {
    std::string search; // matches reference, tag, name or alias (folded, anywhere)
    bool on_site_only = false;
    bool children_only = false; // children and disputed ages
    bool interpreter_needed = false;
    bool urgent_medical = false;     // flagged as needing medical attention now
    bool awaiting_welfare = false;   // on site, no welfare check yet
    bool awaiting_interview = false; // on site, not interviewed yet
    bool awaiting_decision = false;  // on site, no decision yet
    std::string group;               // empty: every group
    bool operator==(const PeopleFilter&) const = default;
};

enum class PeopleColumn {
    Reference,
    Tag,
    Name,
    Sex,
    Age,
    Nationality,
    Languages,
    Group,
    Status,
    TimeInCentre
};

struct PeopleSort {
    PeopleColumn column = PeopleColumn::Reference;
    bool descending = false;
    bool operator==(const PeopleSort&) const = default;
};

bool matches(const PersonRow& row, const PeopleFilter& filter, const std::string& search_lower);
// Indices into snapshot.rows that pass the filter, in sort order (ties by reference).
std::vector<std::size_t> filter_and_sort(const PeopleSnapshot& snapshot, const PeopleFilter& filter,
                                         const PeopleSort& sort, UnixSeconds now);

// Folded as fold_for_search folds (case, accents and stroked letters do not count: "nguyen" finds
// "Nguyễn"), for the search key and the query.
std::string search_folded(std::string_view text);

} // namespace rc::app
