// Delivery notes for support bags: every bad row named by line and column, valid ids listed, all or
// nothing.
#include "domain/delivery_note.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace rc;

namespace {

DeliveryNoteOptions options() {
    DeliveryNoteOptions o;
    o.bag_kinds = {"adult_female", "adult_male", "child", "infant"};
    o.stores = {"centre", "depot"};
    return o;
}

std::vector<std::string> formatted(const std::vector<DeliveryProblem>& problems) {
    std::vector<std::string> out;
    for (const DeliveryProblem& p : problems)
        out.push_back(format_delivery_problem(p));
    return out;
}

} // namespace

TEST_CASE("delivery note: a good note reads whole, columns in any order and case") {
    const DeliveryNote n = parse_delivery_note("Quantity,Kind,STORE,From,Notes\r\n"
                                               "20,adult_female,centre,Mothers' Union,\r\n"
                                               "\r\n"
                                               " 5 ,Infant,Depot,\"Clewer Initiative, Derby\",fragile\r\n",
                                               options());
    REQUIRE(n.ok());
    REQUIRE(n.lines.size() == 2);
    CHECK(n.lines[0].line == 2);
    CHECK(n.lines[0].bag_kind == "adult_female");
    CHECK(n.lines[0].store == "centre");
    CHECK(n.lines[0].quantity == 20);
    CHECK(n.lines[0].from == "Mothers' Union");
    CHECK(n.lines[1].line == 4);
    CHECK(n.lines[1].bag_kind == "infant"); // spelt as the procedure spells it
    CHECK(n.lines[1].store == "depot");
    CHECK(n.lines[1].quantity == 5);
    CHECK(n.lines[1].from == "Clewer Initiative, Derby");
    REQUIRE(n.warnings.size() == 1);
    CHECK(format_delivery_problem(n.warnings[0]) ==
          "line 1, column Notes: unknown column, ignored; the columns are kind, store, quantity, from");
}

TEST_CASE("delivery note: every bad row is named with its line and column, and nothing is read") {
    const DeliveryNote n = parse_delivery_note("kind,store,quantity,from\n"
                                               "adult_female,centre,12,Mothers' Union\n"
                                               "adult_f,centre,twelve,Mothers' Union\n"
                                               "child,ripley,0,\n"
                                               ",centre,100001,Mothers' Union\n"
                                               "child,depot,3,Mothers' Union,extra\n",
                                               options());
    CHECK_FALSE(n.ok());
    CHECK(n.lines.empty());
    CHECK(formatted(n.errors) ==
          std::vector<std::string>{
              "line 3, column kind: 'adult_f' is not a bag kind; the kinds are adult_female, adult_male, "
              "child, "
              "infant",
              "line 3, column quantity: 'twelve' is not a whole number",
              "line 4, column store: 'ripley' is not a store; the stores are centre, depot",
              "line 4, column quantity: '0' is not from 1 to 100000",
              "line 4, column from: empty: say who delivered the bags (the organisation)",
              "line 5, column kind: empty: give a bag kind; the kinds are adult_female, adult_male, child, "
              "infant",
              "line 5, column quantity: '100001' is not from 1 to 100000",
              "line 6: cell 5 holds a value, but the header has only 4 columns",
          });
}

TEST_CASE("delivery note: a missing column, an empty file, a header alone, a broken quote") {
    CHECK(formatted(parse_delivery_note("kind,store,quantity\nchild,centre,1\n", options()).errors) ==
          std::vector<std::string>{
              "line 1: the header has no 'from' column; the columns are kind, store, quantity, from"});
    CHECK(formatted(parse_delivery_note("", options()).errors) ==
          std::vector<std::string>{
              "the file is empty: a delivery note needs a header row (kind, store, quantity, "
              "from), then one row for each kind and store delivered"});
    CHECK(formatted(parse_delivery_note("kind,store,quantity,from\n", options()).errors) ==
          std::vector<std::string>{
              "the delivery note has no rows: after the header, one row for each kind and store delivered"});
    const DeliveryNote quote =
        parse_delivery_note("kind,store,quantity,from\nchild,centre,1,\"Mothers\n", options());
    CHECK_FALSE(quote.ok());
    CHECK(quote.errors.front().line == 2);
}
