// The cost engine: price tables, expected visits (checked against a Monte-Carlo simulation), every strategy's
// line items against figures computed by hand, break-even volumes, and bad input refused with clear messages.
#include "asl/reader.h"
#include "asl/workflow.h"
#include "cost/costcompare.h"
#include "cost/costengine.h"
#include "cost/costformat.h"
#include "cost/offerimport.h"
#include "cost/pricetable.h"
#include "cost/visits.h"
#include "design/projectio.h"
#include "generator.h"
#include "pricesupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/resource.h>

using egress::asl::Json;
namespace cost = egress::cost;
namespace design = egress::design;

namespace {

cost::PriceTable usEast1()
{
    return test::bundledPrices("us-east-1");
}

design::StepDesign lambdaStep(design::Placement placement, design::Egress egress, int memoryMb,
                              double durationMs, double requestKb = 0, double responseKb = 0)
{
    design::StepDesign s;
    s.placement = placement;
    s.egress = egress;
    s.memoryMb = memoryMb;
    s.durationMs = durationMs;
    s.requestKb = requestKb;
    s.responseKb = responseKb;
    return s;
}

/**
 * A → B → C, Standard, 1,000,000 executions/month, us-east-1, 2 AZs, no trigger, free tiers off.
 * A: inside, vpc-private, 512 MB, 100 ms, x86. B: inside, internet, 128 MB, 200 ms, 10 KB out / 90 KB in.
 * C: inside, no egress, 128 MB, 0 ms... C is a Pass state (a transition, no Lambda).
 */
design::Project smallProject()
{
    design::Project p;
    p.name = "small";
    p.definition = Json::parse(R"({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C"},
        "C": {"Type": "Pass", "End": true}}})");
    using design::Egress;
    using design::Placement;
    p.steps["A"] = lambdaStep(Placement::InsideVpc, Egress::VpcPrivate, 512, 100);
    p.steps["B"] = lambdaStep(Placement::InsideVpc, Egress::Internet, 128, 200, 10, 90);
    p.usage.executionsPerMonth = 1'000'000;
    p.usage.freeTier = false;
    p.usage.trigger = design::Trigger::None;
    p.vpc.availabilityZones = 2;
    return p;
}

double itemUsd(const cost::CostReport &r, const char *strategy, const char *item)
{
    const cost::StrategyCost *s = r.strategy(strategy);
    if (!s)
        return -1;
    const cost::LineItem *li = s->item(item);
    return li ? li->usd : 0.0;
}

bool near(double a, double b, double relative = 1e-9)
{
    return std::abs(a - b) <= relative * std::max({1.0, std::abs(a), std::abs(b)});
}

/** An independent walker over the ASL JSON: one random execution, counting entries and attempts. */
struct Simulator
{
    explicit Simulator(const design::Project &p) : project(p) {}
    const design::Project &project;
    std::mt19937_64 rng{20261127};
    std::map<std::string, double> visits;
    double transitions = 0;

    double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng); }

    void run(const Json &scope)
    {
        std::string name = scope["StartAt"];
        while (true) {
            const Json &state = scope["States"][name];
            visits[name] += 1;
            const std::string type = state["Type"];
            const design::StepDesign d = project.step(name);
            if (type == "Choice") {
                transitions += 1;
                const auto &w = *d.choiceWeights;
                double r = uniform(), acc = 0;
                std::string next = state["Default"];
                for (std::size_t i = 0; i < w.rules.size(); ++i) {
                    acc += w.rules[i];
                    if (r < acc) {
                        next = state["Choices"][i]["Next"];
                        break;
                    }
                }
                name = next;
                continue;
            }
            if (type == "Succeed" || type == "Fail") {
                transitions += 1;
                return;
            }
            int retries = 0;
            if (state.contains("Retry"))
                retries = state["Retry"][0].value("MaxAttempts", 3);
            bool failed = true;
            for (int attempt = 0; attempt <= retries && failed; ++attempt) {
                transitions += 1;
                if (type == "Map")
                    for (int i = 0; i < static_cast<int>(*d.mapItems); ++i)
                        run(state["ItemProcessor"]);
                failed = uniform() < d.failureRate;
            }
            if (failed) {
                if (!state.contains("Catch"))
                    return;
                name = state["Catch"][0]["Next"];
                continue;
            }
            if (state.value("End", false))
                return;
            name = state["Next"];
        }
    }
};

/** An AWS-format offer with one NAT price among 400,000 other products (≈ 80 MB). */
void writeLargeOffer(const std::string &path)
{
    std::ofstream out(path);
    out << "{\"formatVersion\":\"v1.0\",\"offerCode\":\"AmazonEC2\",\"publicationDate\":\"2026-09-25T00:00:"
           "00Z\","
           "\"products\":{\"SKUNATH\":{\"sku\":\"SKUNATH\",\"attributes\":{\"usagetype\":\"EU-NatGateway-"
           "Hours\","
           "\"regionCode\":\"eu-west-1\"}}";
    for (int i = 0; i < 400'000; ++i)
        out << ",\"F" << i << "\":{\"sku\":\"F" << i
            << "\",\"productFamily\":\"Compute "
               "Instance\",\"attributes\":{\"usagetype\":\"EU-BoxUsage:m5.large\","
               "\"regionCode\":\"eu-west-1\",\"operatingSystem\":\"Linux\",\"instanceType\":\"m5.large\"}}";
    const char *dimension =
        "{\"priceDimensions\":{\"R\":{\"beginRange\":\"0\",\"endRange\":\"Inf\",\"unit\":\"Hrs\","
        "\"pricePerUnit\":{\"USD\":";
    out << "},\"terms\":{\"OnDemand\":{\"SKUNATH\":{\"SKUNATH.T\":" << dimension << "\"0.0480000000\"}}}}}";
    for (int i = 0; i < 200'000; ++i)
        out << ",\"F" << i << "\":{\"F.T\":" << dimension << "\"0.096\"}}}}}";
    out << "}}}";
}

} // namespace

class TestCost : public QObject
{
    Q_OBJECT

private slots:
    // ---- price tables -------------------------------------------------------------------------------------
    void bundledTables_data()
    {
        QTest::addColumn<QString>("region");
        for (const char *r :
             {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"})
            QTest::newRow(r) << r;
    }
    void bundledTables()
    {
        QFETCH(QString, region);
        const cost::PriceTableLoad load = cost::bundledPriceTable(region.toStdString());
        QVERIFY2(load, load.error.c_str());
        QCOMPARE(load.table->region, region.toStdString());
        QCOMPARE(load.table->date.size(), std::size_t(10));
        for (const std::string &id : cost::requiredPriceIds()) {
            const cost::Price &p = load.table->price(id);
            QVERIFY2(!p.unit.empty() && !p.source.empty() && p.date.size() == 10, id.c_str());
        }
        QCOMPARE(load.table->freeQuantity("sfn-state-transition"), 4000.0);
        QVERIFY(cost::knownRegions().size() >= 6);
    }

    void pricesAsPublished()
    {
        const cost::PriceTable t = usEast1();
        QCOMPARE(t.price("nat-gateway-hour").usd(), 0.045);
        QCOMPARE(t.price("sfn-state-transition").usd(), 0.025 / 1000);
        QCOMPARE(t.price("lambda-gb-second-x86_64").tiers.size(), std::size_t(3));
        QVERIFY(!t.price("nat-gateway-hour").estimate);
        const cost::PriceTable eu = *cost::bundledPriceTable("eu-central-1").table;
        QVERIFY(eu.price("nat-gateway-hour").estimate); // ⚠ in PRICING-FACTS
        QCOMPARE(eu.price("nat-gateway-hour").usd(), 0.052);
        QCOMPARE(cost::bundledPriceTable("ap-northeast-1").table->price("nat-gateway-gb").usd(), 0.062);
    }

    void unknownRegionListsKnownOnes()
    {
        const cost::PriceTableLoad load = cost::bundledPriceTable("mars-north-1");
        QVERIFY(!load);
        QVERIFY2(load.error.find("unknown region \"mars-north-1\"") != std::string::npos, load.error.c_str());
        QVERIFY2(load.error.find("us-east-1, us-west-2") != std::string::npos, load.error.c_str());
    }

    void malformedTables_data()
    {
        QTest::addColumn<QString>("edit"); // a JSON pointer to change, "=" and the new JSON value
        QTest::addColumn<QString>("message");
        QTest::newRow("not a table") << "/format=\"x\""
                                     << "t.json: /format: not a price table";
        QTest::newRow("newer version") << "/version=7"
                                       << "t.json: /version: price table version 7 is newer";
        QTest::newRow("bad date") << "/date=\"Nov 2026\""
                                  << "t.json: /date: \"date\" must be YYYY-MM-DD";
        QTest::newRow("negative price")
            << "/regions/us-east-1/prices/nat-gateway-hour/usd=-1"
            << "/regions/us-east-1/prices/nat-gateway-hour/usd: \"usd\" must not be negative";
        QTest::newRow("text price")
            << "/regions/us-east-1/prices/lambda-request/usd=\"0.2\""
            << "/regions/us-east-1/prices/lambda-request/usd: \"usd\" must be a number";
        QTest::newRow("no source")
            << "/regions/us-east-1/prices/lambda-request/source=\"\""
            << "/regions/us-east-1/prices/lambda-request/source: \"source\" must be a non-empty";
        QTest::newRow("tiers down")
            << "/regions/us-east-1/prices/lambda-gb-second-arm64/tiers/1/upTo=1"
            << "/regions/us-east-1/prices/lambda-gb-second-arm64/tiers/1/upTo: tier bounds must increase";
        QTest::newRow("closed last tier")
            << "/regions/us-east-1/prices/lambda-gb-second-arm64/tiers/2/upTo=1e20"
            << "tiers/2/upTo: the last tier must be open-ended";
        QTest::newRow("free not object")
            << "/regions/us-east-1/freeTier/lambda-request=5"
            << "/regions/us-east-1/freeTier/lambda-request: a free allowance must be";
        QTest::newRow("no regions") << "/regions={}"
                                    << "/regions: \"regions\" must be an object with at least one";
    }
    void malformedTables()
    {
        QFETCH(QString, edit);
        QFETCH(QString, message);
        std::string text;
        QVERIFY(!egress::asl::readWholeFile(EGRESS_SOURCE_DIR "/resources/pricing/us-east-1.json", text));
        Json doc = Json::parse(text);
        const std::string e = edit.toStdString();
        const auto eq = e.find('=');
        doc[Json::json_pointer(e.substr(0, eq))] = Json::parse(e.substr(eq + 1));
        const cost::PriceTableLoad load = cost::parsePriceTable(doc.dump(), "t.json", "us-east-1");
        QVERIFY(!load);
        QVERIFY2(load.error.find(message.toStdString()) != std::string::npos, load.error.c_str());
    }

    void malformedJsonHasLineAndColumn()
    {
        const cost::PriceTableLoad load = cost::parsePriceTable("{\"format\": \n  nope}", "t.json", "");
        QVERIFY(!load);
        QVERIFY2(load.error.rfind("t.json:2:", 0) == 0, load.error.c_str());
    }

    void missingPriceIsNamed()
    {
        std::string text;
        QVERIFY(!egress::asl::readWholeFile(EGRESS_SOURCE_DIR "/resources/pricing/us-east-1.json", text));
        Json doc = Json::parse(text);
        doc["regions"]["us-east-1"]["prices"].erase("lambda-request");
        const cost::PriceTableLoad load = cost::parsePriceTable(doc.dump(), "t.json", "");
        QVERIFY(!load);
        QVERIFY2(
            load.error.find("price lambda-request missing from table AWS public prices us-east-1 2026-11") !=
                std::string::npos,
            load.error.c_str());
        // A table can also lose a price after loading (a GUI edit): the engine reports it, it does not crash.
        cost::PriceTable table = usEast1();
        table.prices.erase("nat-gateway-hour");
        const cost::CostReport r = cost::computeCosts(smallProject(), table);
        QVERIFY(r.strategies.empty());
        QCOMPARE(r.errors.size(), std::size_t(1));
        QVERIFY2(r.errors[0].find("price nat-gateway-hour missing from table") != std::string::npos,
                 r.errors[0].c_str());
    }

    void regionNotInTable()
    {
        std::string text;
        QVERIFY(!egress::asl::readWholeFile(EGRESS_SOURCE_DIR "/resources/pricing/eu-west-1.json", text));
        const cost::PriceTableLoad load = cost::parsePriceTable(text, "eu.json", "us-east-1");
        QVERIFY(!load);
        QVERIFY2(load.error.find("region \"us-east-1\" is not in this table (it has: eu-west-1)") !=
                     std::string::npos,
                 load.error.c_str());
    }

    void priceOverrides()
    {
        cost::PriceTable t = usEast1();
        QCOMPARE(cost::applyPriceOverrides(t, Json::parse(R"({"sfn-state-transition": 0.03})")),
                 std::string());
        QCOMPARE(t.price("sfn-state-transition").usd(), 0.03 / 1000);
        QVERIFY(cost::applyPriceOverrides(t, Json::parse(R"({"nope": 1})")).find("/priceOverrides/nope") ==
                0);
        QVERIFY(cost::applyPriceOverrides(t, Json::parse(R"({"lambda-request": -1})")).find("≥ 0") !=
                std::string::npos);
    }

    // ---- the definition's graph
    // -------------------------------------------------------------------------------
    void graphMatchesTheWorkflowIndex()
    {
        // WorkflowGraph walks the definition itself (for speed) but must number states and scopes exactly
        // as asl::WorkflowIndex does and resolve transitions the same way. The hand-written definition has
        // what valid ones lack: a name used in two scopes, Choices on a Task, unresolved and non-string
        // targets, a non-object branch and state, a processor that is not an object, a scope without
        // StartAt whose state is named "".
        std::vector<Json> definitions;
        for (std::uint64_t seed : {1, 2, 3})
            definitions.push_back(egress::asl::generateWorkflow({.states = 300, .seed = seed}));
        definitions.push_back(Json::parse(R"({"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Choices": [{"Next": "B"}, 3, {"Next": "Nope"}], "Default": "B", "Next": "P"},
            "P": {"Type": "Parallel", "Next": "M", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}},
                7,
                {"States": {"": {"Type": "Succeed"}}}]},
            "M": {"Type": "Map", "ItemProcessor": 1, "Next": "B",
                  "Iterator": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}},
            "B": {"Type": "Choice", "Choices": [{"Next": "A"}, {"Next": 5}, {"Next": "C"}], "Default": "Nope"},
            "C": "not an object"}})"));
        for (const Json &definition : definitions) {
            const egress::asl::WorkflowIndex index = egress::asl::WorkflowIndex::build(definition);
            const cost::WorkflowGraph g = cost::WorkflowGraph::build(definition);
            QCOMPARE(g.states().size(), index.states().size());
            QCOMPARE(g.scopes().size(), index.scopes().size());
            for (std::size_t s = 0; s < g.states().size(); ++s) {
                const cost::GraphState &gs = g.states()[s];
                const egress::asl::StateEntry &entry = index.states()[s];
                QCOMPARE(std::string(gs.name), entry.name);
                QCOMPARE(gs.scope, entry.scope);
                QVERIFY(gs.type == entry.type);
                QVERIFY(std::ranges::equal(gs.childScopes, entry.childScopes));
                QCOMPARE(g.indexOf(gs.name), index.indexOf(std::string(gs.name)));
            }
            for (std::size_t sc = 0; sc < g.scopes().size(); ++sc) {
                const egress::asl::ScopeEntry &scope = index.scopes()[sc];
                QCOMPARE(g.scopes()[sc].ownerState, scope.ownerState);
                QVERIFY(g.scopes()[sc].states == scope.states);
                int start = -1;
                for (int s : scope.states)
                    if (start < 0 && index.states()[static_cast<std::size_t>(s)].name == scope.startAt)
                        start = s;
                QCOMPARE(g.startState(static_cast<int>(sc)), start);
            }
            for (const egress::asl::Edge &edge : index.edges()) {
                const cost::GraphState &gs = g.states()[static_cast<std::size_t>(edge.from)];
                if (edge.kind == egress::asl::EdgeKind::Next)
                    QCOMPARE(gs.next, edge.to);
                if (edge.kind == egress::asl::EdgeKind::ChoiceRule) {
                    QVERIFY(static_cast<std::size_t>(edge.index) < gs.choiceRules.size());
                    QCOMPARE(gs.choiceRules[static_cast<std::size_t>(edge.index)], edge.to);
                }
                if (edge.kind == egress::asl::EdgeKind::ChoiceDefault) {
                    QVERIFY(gs.hasDefault);
                    QCOMPARE(gs.choiceDefault, edge.to);
                }
            }
        }
        QCOMPARE(cost::WorkflowGraph::build(definitions.back()).indexOf("Nope"), -1);
    }

    void stepDesignsByName()
    {
        // The hash lookup gives every state the design the project's map holds for its name.
        const design::Project p = egress::asl::generateProject({.states = 300, .seed = 4});
        const cost::WorkflowGraph g = cost::WorkflowGraph::build(p.definition);
        const auto designs = g.stepDesigns(p);
        QCOMPARE(designs.size(), g.states().size());
        int found = 0;
        for (std::size_t s = 0; s < designs.size(); ++s) {
            const auto it = p.steps.find(std::string(g.states()[s].name));
            QCOMPARE(designs[s], it == p.steps.end() ? nullptr : &it->second);
            found += designs[s] ? 1 : 0;
        }
        QVERIFY(found > 250);

        // The graph keeps its own copy of the names: a copy (and a moved-to graph) outlives the original and
        // the definition it was built from (the cost engine keeps a graph while projects are copied).
        cost::WorkflowGraph copy, moved;
        {
            design::Project temporary = p;
            cost::WorkflowGraph original = cost::WorkflowGraph::build(temporary.definition);
            copy = original;
            moved = std::move(original);
            temporary.definition = Json::object();
        }
        QCOMPARE(copy.states().size(), g.states().size());
        for (std::size_t s = 0; s < g.states().size(); ++s) {
            QCOMPARE(copy.states()[s].name, g.states()[s].name);
            QCOMPARE(moved.states()[s].name, g.states()[s].name);
            QCOMPARE(copy.indexOf(g.states()[s].name), g.indexOf(g.states()[s].name));
        }
    }

    void definitionNotAnObject()
    {
        // computeCosts on a definition that is not an object (the loaders refuse one; the API must not
        // crash on it either: the Express price once read the duration of a top-level scope that is not
        // there).
        design::Project p = smallProject();
        p.definition = Json::array({p.definition});
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        QVERIFY(r.steps.empty());
        QCOMPARE(r.strategies.size(), std::size_t(9));
    }

    // ---- expected visits
    // -----------------------------------------------------------------------------------
    void retryAndCatch()
    {
        // f = 0.02, MaxAttempts 3: attempts = 1 + 0.02 + 0.02² + 0.02³ = 1.020408; final failure 0.02⁴
        // = 1.6e-7.
        design::Project p;
        std::string text;
        QVERIFY(!egress::asl::readWholeFile(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json",
                                            text));
        p = *design::parseProject(text, "partner").project;
        const cost::WorkflowGraph g = cost::WorkflowGraph::build(p.definition);
        const cost::VisitAnalysis v = cost::analyzeVisits(g, p);
        QVERIFY(v.errors.empty());
        const auto at = [&](const char *n) { return static_cast<std::size_t>(g.indexOf(n)); };
        QVERIFY(near(v.attempts[at("Call partner API")], 1.020408));
        QVERIFY(near(v.finalFailure[at("Call partner API")], 1.6e-7));
        QVERIFY(near(v.visits[at("Record failure")], 1.6e-7));
        QVERIFY(near(v.visits[at("Record result")], 1 - 1.6e-7));
        // 1 + 1.020408 + (1 − 1.6e-7) + 1.6e-7 + 1.6e-7 (Partner unavailable)
        QVERIFY(near(v.transitions(0), 3.020408 + 1.6e-7));
    }

    void loopsAreSolvedExactly()
    {
        // Poll → Done? (Choice: 0.25 to Finish, else Wait) → Wait → Poll: visits of Poll = 1 / 0.25 = 4.
        design::Project p;
        p.definition = Json::parse(R"({"StartAt": "Poll", "States": {
            "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done?"},
            "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Finish"}],
                      "Default": "Pause"},
            "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Poll"},
            "Finish": {"Type": "Succeed"}}})");
        p.steps["Done?"].choiceWeights = design::ChoiceWeights{{0.25}, 0.75};
        const cost::WorkflowGraph g = cost::WorkflowGraph::build(p.definition);
        const cost::VisitAnalysis v = cost::analyzeVisits(g, p);
        QVERIFY(v.errors.empty());
        QVERIFY(near(v.visits[static_cast<std::size_t>(g.indexOf("Poll"))], 4));
        QVERIFY(near(v.visits[static_cast<std::size_t>(g.indexOf("Pause"))], 3));
        QVERIFY(near(v.transitions(0), 4 + 4 + 3 + 1));
    }

    void loopWithNoWayOut()
    {
        design::Project p;
        p.definition = Json::parse(R"({"StartAt": "Start", "States": {
            "Start": {"Type": "Pass", "Next": "Ping"},
            "Ping": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Pong"},
            "Pong": {"Type": "Pass", "Next": "Ping"}}})");
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        QCOMPARE(r.errors.size(), std::size_t(1));
        QCOMPARE(r.errors[0], std::string("a loop with no way out: \"Ping\", \"Pong\""));
        QVERIFY(r.strategies.empty());

        // A way out that has weight 0 is no way out either.
        design::Project q;
        q.definition = Json::parse(R"({"StartAt": "Again?", "States": {
            "Again?": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Again?"}],
                       "Default": "End"},
            "End": {"Type": "Succeed"}}})");
        q.steps["Again?"].choiceWeights = design::ChoiceWeights{{1}, 0};
        const cost::CostReport r2 = cost::computeCosts(q, usEast1());
        QCOMPARE(r2.errors.size(), std::size_t(1));
        QVERIFY2(r2.errors[0].find("never ends") != std::string::npos &&
                     r2.errors[0].find("\"Again?\"") != std::string::npos,
                 r2.errors[0].c_str());
    }

    void weightsAreNormalisedWithAWarning()
    {
        design::Project p;
        p.definition = Json::parse(R"({"StartAt": "Pick", "States": {
            "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "A"},
                                                   {"Variable": "$.b", "IsPresent": true, "Next": "B"}],
                     "Default": "C"},
            "A": {"Type": "Pass", "End": true}, "B": {"Type": "Pass", "End": true}, "C": {"Type": "Pass", "End": true}}})");
        p.steps["Pick"].choiceWeights = design::ChoiceWeights{{2, 1}, 1}; // sum 4 → 0.5, 0.25, 0.25
        const cost::WorkflowGraph g = cost::WorkflowGraph::build(p.definition);
        const cost::VisitAnalysis v = cost::analyzeVisits(g, p);
        QCOMPARE(v.warnings.size(), std::size_t(1));
        QCOMPARE(v.warnings[0], std::string("state \"Pick\": choice weights sum to 4, not 1; normalised"));
        QVERIFY(near(v.visits[static_cast<std::size_t>(g.indexOf("A"))], 0.5));
        QVERIFY(near(v.visits[static_cast<std::size_t>(g.indexOf("C"))], 0.25));
        // Uniform without weights: three ways, a third each.
        p.steps["Pick"].choiceWeights.reset();
        const cost::VisitAnalysis u = cost::analyzeVisits(g, p);
        QVERIFY(u.warnings.empty());
        QVERIFY(near(u.visits[static_cast<std::size_t>(g.indexOf("B"))], 1.0 / 3));
        // Wrong number of weights: uniform, with a warning.
        p.steps["Pick"].choiceWeights = design::ChoiceWeights{{1}, std::nullopt};
        const cost::VisitAnalysis w = cost::analyzeVisits(g, p);
        QCOMPARE(w.warnings.size(), std::size_t(1));
        QVERIFY(w.warnings[0].find("has 1 rule weights but the Choice has 2 rules") != std::string::npos);
    }

    void monteCarloAgreesWithMarkov()
    {
        // Choice weights, a retried task with a Catch, a Map of 3 items whose processor retries, and a loop.
        design::Project p;
        p.definition = Json::parse(R"({"StartAt": "Fetch", "States": {
            "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report"}], "Next": "Kind?"},
            "Kind?": {"Type": "Choice", "Choices": [
                        {"Variable": "$.k", "StringEquals": "batch", "Next": "Each"},
                        {"Variable": "$.k", "StringEquals": "again", "Next": "Fetch"}],
                      "Default": "Done"},
            "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {
                        "Item": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                 "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}], "Next": "Check"},
                        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true,
                                  "Next": "Ok"}], "Default": "Bad"},
                        "Ok": {"Type": "Succeed"}, "Bad": {"Type": "Fail"}}},
                     "Next": "Done"},
            "Report": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Failed"},
            "Failed": {"Type": "Fail"},
            "Done": {"Type": "Succeed"}}})");
        p.steps["Fetch"].failureRate = 0.3;
        p.steps["Kind?"].choiceWeights = design::ChoiceWeights{{0.5, 0.2}, 0.3};
        p.steps["Each"].mapItems = 3;
        p.steps["Item"].failureRate = 0.25;
        p.steps["Check"].choiceWeights = design::ChoiceWeights{{0.9}, 0.1};

        const cost::WorkflowGraph g = cost::WorkflowGraph::build(p.definition);
        const cost::VisitAnalysis v = cost::analyzeVisits(g, p);
        QVERIFY(v.errors.empty());

        Simulator sim(p);
        const int runs = 100'000;
        for (int i = 0; i < runs; ++i)
            sim.run(p.definition);
        const double simulated = sim.transitions / runs;
        const double expected = v.transitions(0);
        QVERIFY2(std::abs(simulated - expected) / expected < 0.01,
                 qPrintable(QString("simulated %1, Markov %2").arg(simulated).arg(expected)));
        for (const char *name : {"Fetch", "Each", "Item", "Report", "Done"}) {
            const double markov = v.visits[static_cast<std::size_t>(g.indexOf(name))];
            const double simulatedVisits = sim.visits[name] / runs;
            QVERIFY2(std::abs(simulatedVisits - markov) / markov < 0.01,
                     qPrintable(
                         QString("%1: simulated %2, Markov %3").arg(name).arg(simulatedVisits).arg(markov)));
        }
    }

    // ---- strategies, by hand
    // -------------------------------------------------------------------------------
    void standardByHand()
    {
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        QVERIFY(r.errors.empty());
        QCOMPARE(r.transitionsPerExecution, 3.0);
        const char *s = "step-functions-standard";
        QVERIFY(r.strategy(s)->designed);
        // 1,000,000 × 3 transitions × $0.025/1,000 = $75.00 (free tiers off)
        QVERIFY(near(itemUsd(r, s, "sfn-state-transitions"), 75.0));
        // B calls the internet from inside the VPC: a NAT is still needed. 2 AZ × 730 h × $0.045 = $65.70
        QVERIFY(near(itemUsd(r, s, "nat-gateway-hours"), 65.70));
        QVERIFY(near(itemUsd(r, s, "nat-public-ipv4"), 7.30)); // 2 × 730 × $0.005
        // 1,000,000 × (10 + 90) KB / 1,048,576 KB/GB = 95.367431640625 GB × $0.045
        QVERIFY(near(itemUsd(r, s, "nat-data-processing"), 95.367431640625 * 0.045));
        // 1,000,000 × 10 KB out = 9.5367431640625 GB × $0.09
        QVERIFY(near(itemUsd(r, s, "data-transfer-out"), 9.5367431640625 * 0.09));
        // 2 invocations × 1,000,000 × $0.20/M = $0.40
        QVERIFY(near(itemUsd(r, s, "lambda-requests"), 0.40));
        // A: 0.5 GB × 0.1 s + B: 0.125 GB × 0.2 s = 0.075 GB-s × 1,000,000 = 75,000 GB-s × $0.0000166667
        QVERIFY(near(itemUsd(r, s, "lambda-duration"), 75000 * 0.0000166667));
        QVERIFY(near(r.strategy(s)->monthlyUsd, 75 + 65.7 + 7.3 + 95.367431640625 * 0.045 +
                                                    9.5367431640625 * 0.09 + 0.4 + 75000 * 0.0000166667));
    }

    void expressByHand()
    {
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        const char *s = "step-functions-express";
        QVERIFY(!r.strategy(s)->designed);
        QCOMPARE(itemUsd(r, s, "sfn-state-transitions"), 0.0);
        QVERIFY(near(itemUsd(r, s, "sfn-express-requests"), 1.00)); // 1,000,000 × $1.00/M
        // memory 50 MB + definition (< 1 MB) → one 64 MB chunk = 0.0625 GB; 100 + 200 ms = 0.3 s (already a
        // multiple of 100 ms): 0.01875 GB-s × 1,000,000 = 18,750 GB-s × $0.00001667 (first tier)
        QVERIFY(near(itemUsd(r, s, "sfn-express-duration"), 18750 * 0.00001667));
        QVERIFY(near(itemUsd(r, s, "lambda-duration"), 75000 * 0.0000166667));
    }

    void natGatewayMonolithByHand()
    {
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        const char *s = "nat-gateway";
        QVERIFY(near(itemUsd(r, s, "lambda-requests"), 0.20)); // one invocation per execution
        // one function: max memory 512 MB, 100 + 200 ms: 0.5 GB × 0.3 s × 1,000,000 = 150,000 GB-s
        QVERIFY(near(itemUsd(r, s, "lambda-duration"), 150000 * 0.0000166667));
        QVERIFY(near(itemUsd(r, s, "nat-gateway-hours"), 65.70));
        QVERIFY(near(itemUsd(r, s, "nat-data-processing"), 95.367431640625 * 0.045));
        QCOMPARE(itemUsd(r, s, "sfn-state-transitions"), 0.0);
        // The NAT items are the same as in the designed Standard strategy: they differ only where they
        // differ.
        const auto diff =
            cost::differingItems(*r.strategy("nat-gateway"), *r.strategy("step-functions-standard"));
        QStringList ids;
        for (const auto &d : diff)
            ids << QString::fromStdString(d.id);
        ids.sort();
        QCOMPARE(ids, QStringList({"lambda-duration", "lambda-requests", "sfn-state-transitions"}));
    }

    void httpTaskByHand()
    {
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        const char *s = "http-task";
        QVERIFY(r.strategy(s)->available);
        QVERIFY(near(itemUsd(r, s, "sfn-state-transitions"), 75.0)); // same transitions
        QVERIFY(near(itemUsd(r, s, "lambda-requests"), 0.20));       // only A is left
        QVERIFY(near(itemUsd(r, s, "lambda-duration"), 50000 * 0.0000166667));
        QCOMPARE(itemUsd(r, s, "nat-gateway-hours"), 0.0); // nothing calls the internet from the VPC now
        // 1 secret × $0.40 + 1,000,000 reads × $0.05/10,000 = $5.40
        QVERIFY(near(itemUsd(r, s, "http-connection-secret"), 5.40));
        QVERIFY(near(itemUsd(r, s, "data-transfer-out"), 9.5367431640625 * 0.09));
    }

    void natInstanceIpv6AndOutsideByHand()
    {
        design::Project p = smallProject();
        cost::CostReport r = cost::computeCosts(p, usEast1());
        QVERIFY(near(itemUsd(r, "nat-instance", "nat-instance-hours"), 2 * 730 * 0.0042)); // $6.132
        QVERIFY(near(itemUsd(r, "nat-instance", "nat-public-ipv4"), 7.30));
        QVERIFY(near(itemUsd(r, "nat-instance", "nat-instance-ebs"), 2 * 8 * 0.08));
        QCOMPARE(itemUsd(r, "nat-instance", "nat-data-processing"), 0.0);
        QVERIFY(!r.strategy("ipv6-egress")->available); // the API does not speak IPv6
        QVERIFY(!r.strategy("outside-vpc")->available); // A needs vpc-private
        QVERIFY(!r.strategy("outside-vpc")->compliant);

        p.usage.apiSupportsIpv6 = true;
        p.steps["A"].egress = design::Egress::None;
        r = cost::computeCosts(p, usEast1());
        const cost::StrategyCost *ipv6 = r.strategy("ipv6-egress");
        QVERIFY(ipv6->available);
        // the monolith without any NAT: $0.20 + 150,000 GB-s × $0.0000166667 + 9.5367 GB × $0.09
        QVERIFY(near(ipv6->monthlyUsd, 0.20 + 150000 * 0.0000166667 + 9.5367431640625 * 0.09));
        QVERIFY(r.strategy("outside-vpc")->available);
        QVERIFY(!r.strategy("outside-vpc")->compliant);
        QVERIFY(near(r.strategy("outside-vpc")->monthlyUsd, ipv6->monthlyUsd));
        QCOMPARE(r.cheapest, std::string("ipv6-egress")); // the cheapest compliant one
    }

    // ---- one shared NAT gateway and the regional NAT gateway (hand-computed, three regions) ------------
    // smallProject: B calls the internet, 10 KB out + 90 KB in, 1,000,000 times: 1e8 KB = 95.367431640625 GB.
    void singleNatGatewayByHand()
    {
        const double gb = 95.367431640625;
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        const char *s = "nat-gateway-single";
        QVERIFY(r.strategy(s)->available);
        QVERIFY(near(itemUsd(r, s, "nat-gateway-hours"), 730 * 0.045)); // one NAT gateway: $32.85
        QVERIFY(near(itemUsd(r, s, "nat-public-ipv4"), 730 * 0.005));   // one address: $3.65
        QVERIFY(near(itemUsd(r, s, "nat-data-processing"), gb * 0.045));
        // 2 AZs: half the traffic comes from the other AZ, billed out of one and into the other (2 × 1/2)
        QVERIFY(near(itemUsd(r, s, "inter-az-transfer"), gb * 2 * 0.5 * 0.01)); // $0.95
        QVERIFY(!r.strategy(s)->item("inter-az-transfer")->estimate);           // us-east-1 is confirmed
        QVERIFY(near(r.strategy(s)->monthlyUsd,
                     32.85 + 3.65 + gb * 0.045 + gb * 0.01 + 0.20 + 150000 * 0.0000166667 + gb / 10 * 0.09));
        bool outage = false;
        for (const std::string &n : r.strategy(s)->notes)
            outage = outage || n.find("outage") != std::string::npos;
        QVERIFY(outage);

        // eu-west-1 with 3 AZs: two thirds cross, in both directions: 2 × 2/3 of the traffic at $0.01
        design::Project p = smallProject();
        p.vpc.availabilityZones = 3;
        const cost::CostReport eu = cost::computeCosts(p, *cost::bundledPriceTable("eu-west-1").table);
        QVERIFY(near(itemUsd(eu, s, "nat-gateway-hours"), 730 * 0.048)); // $35.04
        QVERIFY(near(itemUsd(eu, s, "nat-data-processing"), gb * 0.048));
        QVERIFY(near(itemUsd(eu, s, "inter-az-transfer"), gb * 4.0 / 3.0 * 0.01));
        QVERIFY(eu.strategy(s)->item("inter-az-transfer")->estimate); // assumed equal to us-east-1
        // The zonal NAT gateway per AZ costs three hours a month more than one shared gateway, never less.
        QVERIFY(near(itemUsd(eu, "nat-gateway", "nat-gateway-hours"), 3 * 730 * 0.048));

        // One AZ: nothing crosses zones, the shared gateway is the zonal one.
        p.vpc.availabilityZones = 1;
        const cost::CostReport one = cost::computeCosts(p, *cost::bundledPriceTable("ap-northeast-1").table);
        QVERIFY(!one.strategy(s)->item("inter-az-transfer"));
        QVERIFY(near(one.strategy(s)->monthlyUsd, one.strategy("nat-gateway")->monthlyUsd));
        QVERIFY(near(itemUsd(one, s, "nat-gateway-hours"), 730 * 0.062));
    }

    // The text output's line items form one column: every amount ends at the same place, even beside the
    // longest id (regional-nat-gateway-hours, 26 characters, once ran into its amount).
    void textLineItemsLineUp()
    {
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        QVERIFY(r.strategy("regional-nat-gateway"));
        const QStringList lines = QString::fromStdString(cost::formatCostText(r)).split(QLatin1Char('\n'));
        static const QRegularExpression item(QStringLiteral("^  ([a-z0-9-]+) +(\\$[0-9,.]+)  "));
        QSet<qsizetype> amountEnds;
        bool sawLongest = false;
        for (const QString &line : lines) {
            const QRegularExpressionMatch m = item.match(line);
            if (!m.hasMatch())
                continue;
            amountEnds.insert(m.capturedEnd(2));
            sawLongest |= m.captured(1) == QLatin1String("regional-nat-gateway-hours");
        }
        QVERIFY(sawLongest);
        QCOMPARE(amountEnds.size(), 1);
    }

    void regionalNatGatewayByHand()
    {
        const double gb = 95.367431640625;
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        const char *s = "regional-nat-gateway";
        QVERIFY(r.strategy(s)->available);
        // active in both AZs (the function has ENIs in each): 2 × 730 h × $0.045 = $65.70
        QVERIFY(near(itemUsd(r, s, "regional-nat-gateway-hours"), 2 * 730 * 0.045));
        QVERIFY(near(itemUsd(r, s, "nat-public-ipv4"), 2 * 730 * 0.005));
        QVERIFY(near(itemUsd(r, s, "nat-data-processing"), gb * 0.045));
        QCOMPARE(itemUsd(r, s, "inter-az-transfer"), 0.0);                    // every AZ has its own presence
        QVERIFY(r.strategy(s)->item("regional-nat-gateway-hours")->estimate); // ⚠ per-AZ rate
        QVERIFY(std::find(r.estimatedPrices.begin(), r.estimatedPrices.end(), "regional-nat-gateway-hour") !=
                r.estimatedPrices.end());

        design::Project p = smallProject();
        p.vpc.availabilityZones = 3;
        const cost::CostReport eu = cost::computeCosts(p, *cost::bundledPriceTable("eu-west-1").table);
        QVERIFY(near(itemUsd(eu, s, "regional-nat-gateway-hours"), 3 * 730 * 0.048)); // $105.12
        QVERIFY(near(itemUsd(eu, s, "nat-public-ipv4"), 3 * 730 * 0.005));            // $10.95
        QVERIFY(near(itemUsd(eu, s, "nat-data-processing"), gb * 0.048));
        QVERIFY(!eu.strategy(s)->item("nat-data-processing")->estimate); // eu-west-1's rate is in the facts
        QVERIFY(near(eu.strategy(s)->monthlyUsd,
                     105.12 + 10.95 + gb * 0.048 + 0.20 + 150000 * 0.0000166667 + gb / 10 * 0.09));
    }

    void olderTablesWithoutTheNewMeters()
    {
        // A user's table from before the new meters still prices everything else; the two new strategies say
        // what is missing instead of failing the whole report.
        cost::PriceTable t = usEast1();
        t.prices.erase("regional-nat-gateway-hour");
        t.prices.erase("inter-az-transfer-gb");
        const cost::CostReport r = cost::computeCosts(smallProject(), t);
        QVERIFY(r.errors.empty());
        QVERIFY(!r.strategy("regional-nat-gateway")->available);
        QVERIFY(!r.strategy("nat-gateway-single")->available);
        QVERIFY(r.strategy("nat-gateway")->available);
        const auto &notes = r.strategy("nat-gateway-single")->notes;
        QVERIFY(std::any_of(notes.begin(), notes.end(), [](const std::string &n) {
            return n.find("no inter-az-transfer-gb price") != std::string::npos;
        }));
    }

    void freeTiersFollowTheSetting()
    {
        design::Project p = smallProject();
        p.usage.freeTier = true;
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        // (3,000,000 − 4,000) × $0.025/1,000 = $74.90
        QVERIFY(near(itemUsd(r, "step-functions-standard", "sfn-state-transitions"), 74.90));
        // (2,000,000 − 1,000,000) × $0.20/M = $0.20
        QVERIFY(near(itemUsd(r, "step-functions-standard", "lambda-requests"), 0.20));
        // 75,000 GB-s < 400,000 free
        QCOMPARE(itemUsd(r, "step-functions-standard", "lambda-duration"), 0.0);
        // (9.5367 − 100 GB) < 0
        QCOMPARE(itemUsd(r, "step-functions-standard", "data-transfer-out"), 0.0);
        QCOMPARE(r.freeTiersApplied.size(), std::size_t(4));
        const cost::CostReport off = cost::computeCosts(smallProject(), usEast1());
        QVERIFY(off.freeTiersApplied.empty());
    }

    void interfaceEndpointAndTrigger()
    {
        design::Project p = smallProject();
        p.steps["A"].egress = design::Egress::AwsInterfaceEndpoint;
        p.steps["A"].requestKb = 1;
        p.steps["A"].responseKb = 1;
        p.usage.trigger = design::Trigger::ApiGatewayHttp;
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        for (const char *s : {"step-functions-standard", "nat-gateway"}) {
            // 1 endpoint × 2 AZ × 730 h × $0.01 = $14.60; 1,000,000 × 2 KB = 1.9073 GB × $0.01
            QVERIFY(near(itemUsd(r, s, "interface-endpoint-hours"), 14.60));
            QVERIFY(near(itemUsd(r, s, "interface-endpoint-data"), 2e6 / 1048576 * 0.01));
            QVERIFY(near(itemUsd(r, s, "trigger-requests"), 1.00)); // HTTP API $1.00/M
        }
        QCOMPARE(itemUsd(r, "outside-vpc", "interface-endpoint-hours"), 0.0); // public endpoints outside
    }

    void distributedMapChildrenPricedByType()
    {
        design::Project p;
        p.definition = Json::parse(R"({"StartAt": "Fan out", "States": {
            "Fan out": {"Type": "Map", "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                       "End": true}}},
                "End": true}}})");
        p.steps["Fan out"].mapItems = 100;
        p.steps["Work"] = lambdaStep(design::Placement::OutsideVpc, design::Egress::None, 128, 250);
        p.usage.freeTier = false;
        p.usage.executionsPerMonth = 10'000;
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        QVERIFY(r.errors.empty());
        // The parent: 1 transition (the Map); the 100 children are Express executions, not transitions.
        QCOMPARE(r.transitionsPerExecution, 1.0);
        const char *s = "step-functions-standard";
        QVERIFY(near(itemUsd(r, s, "sfn-state-transitions"), 10000 * 0.025 / 1000));
        QVERIFY(near(itemUsd(r, s, "sfn-express-requests"), 1e6 * 1e-6)); // 10,000 × 100 children × $1/M
        // each child: 64 MB × 0.3 s (250 ms rounded up to 100 ms) = 0.01875 GB-s × 1,000,000 children
        QVERIFY(near(itemUsd(r, s, "sfn-express-duration"), 18750 * 0.00001667));
        QVERIFY(near(itemUsd(r, s, "lambda-requests"), 1e6 * 0.2e-6));

        // STANDARD children: their transitions are Standard transitions.
        p.definition["States"]["Fan out"]["ItemProcessor"]["ProcessorConfig"]["ExecutionType"] = "STANDARD";
        const cost::CostReport st = cost::computeCosts(p, usEast1());
        QVERIFY(near(itemUsd(st, s, "sfn-state-transitions"), (10000 + 1e6) * 0.025 / 1000));
        // The header's transitions per execution is the bill's: the Map plus its 100 STANDARD children.
        QCOMPARE(st.transitionsPerExecution, 101.0);
        const cost::LineItem *billed = st.strategy(s)->item("sfn-state-transitions");
        QVERIFY(billed && !billed->meters.empty());
        QCOMPARE(billed->meters.front().perExecution, st.transitionsPerExecution);
        QCOMPARE(itemUsd(st, s, "sfn-express-requests"), 0.0);
    }

    void parallelRunsEveryBranch()
    {
        design::Project p;
        p.definition = Json::parse(R"({"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
            "Branches": [{"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}},
                         {"StartAt": "R1", "States": {"R1": {"Type": "Pass", "Next": "R2"},
                                                      "R2": {"Type": "Pass", "End": true}}}]}}})");
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        QCOMPARE(r.transitionsPerExecution, 4.0); // Both + L + R1 + R2
    }

    // ---- break-even --------------------------------------------------------------------------------------
    void breakEvenCostsAreEqual_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<bool>("freeTier");
        QTest::newRow("partner, free tier")
            << EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json" << true;
        QTest::newRow("partner, no free tier")
            << EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json" << false;
        QTest::newRow("small") << "" << false;
        QTest::newRow("small, free tier") << "" << true;
    }
    void breakEvenCostsAreEqual()
    {
        QFETCH(QString, project);
        QFETCH(bool, freeTier);
        design::Project p = smallProject();
        if (!project.isEmpty())
            p = *design::loadProject(project.toStdString()).project;
        p.usage.freeTier = freeTier;
        p.usage.apiSupportsIpv6 = true;
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        QVERIFY(!r.breakEven.empty());
        int crossings = 0;
        for (const cost::BreakEven &b : r.breakEven) {
            const cost::StrategyCost *a = r.strategy(b.a), *c = r.strategy(b.b);
            for (double n : b.executionsPerMonth) {
                ++crossings;
                const double ca = a->costAt(n), cc = c->costAt(n);
                QVERIFY2(std::abs(ca - cc) <= 1e-4 * std::max(ca, cc),
                         qPrintable(QString("%1/%2 at %3: %4 vs %5")
                                        .arg(b.a.c_str(), b.b.c_str())
                                        .arg(n)
                                        .arg(ca)
                                        .arg(cc)));
            }
            // No crossing is missed: a dense log grid shows a sign change only where one is reported.
            double previous = a->costAt(1) - c->costAt(1), previousN = 1;
            for (double e = 0.05; e <= 13; e += 0.05) {
                const double n = std::pow(10.0, e);
                const double d = a->costAt(n) - c->costAt(n);
                if (std::abs(d) > 1e-9 && std::abs(previous) > 1e-9 && (d > 0) != (previous > 0)) {
                    bool reported = false;
                    for (double x : b.executionsPerMonth)
                        reported = reported || (x >= previousN * 0.999 && x <= n * 1.001);
                    QVERIFY2(reported,
                             qPrintable(QString("%1/%2 cross near %3").arg(b.a.c_str(), b.b.c_str()).arg(n)));
                }
                if (std::abs(d) > 1e-9) {
                    previous = d;
                    previousN = n;
                }
            }
        }
        QVERIFY(crossings > 0);
    }

    void articleStory()
    {
        // The article: Step Functions wins at low volume, the NAT gateway at "hundreds of requests per
        // second".
        const design::Project p =
            *design::loadProject(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json").project;
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        const cost::StrategyCost *designed = r.strategy("step-functions-standard");
        const cost::StrategyCost *nat = r.strategy("nat-gateway");
        QVERIFY(designed->designed);
        QVERIFY(designed->monthlyUsd < nat->monthlyUsd);
        QVERIFY(designed->item("nat-gateway-hours") == nullptr);
        const std::vector<double> x = cost::crossings(*designed, *nat);
        QCOMPARE(x.size(), std::size_t(1));
        QVERIFY(x[0] > 200'000 && x[0] < 100.0 * 730 * 3600); // above today's volume, below 100/s
        QVERIFY(designed->costAt(x[0] * 2) > nat->costAt(x[0] * 2));
    }

    void curvesCoverTheRange()
    {
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        const auto curve = cost::costCurve(*r.strategy("step-functions-express"));
        QCOMPARE(curve.front().executionsPerMonth, 1e3);
        QVERIFY(near(curve.back().executionsPerMonth, 1e10));
        for (std::size_t i = 1; i < curve.size(); ++i) {
            QVERIFY(curve[i].executionsPerMonth > curve[i - 1].executionsPerMonth);
            QVERIFY(curve[i].usd >= curve[i - 1].usd); // costs never fall with volume
        }
        // The Express duration tier boundary (1,000 GB-hours = 3,600,000 GB-s at 0.01875 GB-s each) is a
        // point.
        const double boundary = 3'600'000 / 0.01875;
        bool found = false;
        for (const auto &pt : curve)
            found = found || near(pt.executionsPerMonth, boundary);
        QVERIFY(found);
    }

    // ---- output -------------------------------------------------------------------------------------------
    void jsonContract()
    {
        const cost::CostReport r = cost::computeCosts(smallProject(), usEast1());
        const Json j = cost::costReportToJson(r);
        for (const char *key : {"project", "region", "priceTable", "executionsPerMonth", "workflowType",
                                "freeTier", "transitionsPerExecution", "strategies", "breakEven", "cheapest"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["priceTable"]["date"].get<std::string>(), std::string("2026-11-20"));
        QCOMPARE(j["workflowType"].get<std::string>(), std::string("STANDARD"));
        QCOMPARE(j["strategies"].size(), std::size_t(9));
        for (const Json &s : j["strategies"]) {
            for (const char *key :
                 {"id", "monthlyUsd", "available", "compliant", "designed", "notes", "items"})
                QVERIFY2(s.contains(key), key);
            for (const Json &i : s["items"])
                for (const char *key : {"id", "label", "usd", "formula"})
                    QVERIFY2(i.contains(key), key);
        }
        const Json &nat = j["strategies"][0];
        QCOMPARE(nat["items"][2]["id"].get<std::string>(), std::string("data-transfer-out"));
        bool hours = false;
        for (const Json &i : nat["items"])
            if (i["id"] == "nat-gateway-hours") {
                hours = true;
                QCOMPARE(i["formula"].get<std::string>(), std::string("2 AZ × 730 h × $0.045/h"));
                QCOMPARE(i["usd"].get<double>(), 65.7);
            }
        QVERIFY(hours);
        QVERIFY(j["breakEven"][0].contains("executionsPerMonth"));
    }

    void formatsMentionTheStory()
    {
        const design::Project p =
            *design::loadProject(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json").project;
        const cost::CostReport r = cost::computeCosts(p, usEast1());
        const std::string text = cost::formatCostText(r);
        QVERIFY(text.find("Break-even step-functions-standard vs nat-gateway") != std::string::npos);
        QVERIFY(text.find("nat-gateway-hours") != std::string::npos);
        const std::string md = cost::formatCostMarkdown(r);
        QVERIFY(md.find("| `nat-gateway` |") != std::string::npos);
        const std::string csv = cost::formatCostCsv(r);
        QVERIFY(csv.rfind("strategy,available,compliant,designed,item,label,usd,formula\n", 0) == 0);
        QVERIFY(csv.find("nat-gateway,true,true,false,nat-gateway-hours,NAT gateway hours,65.700000,") !=
                std::string::npos);
    }

    void compareNamesTheMovedStepsItems()
    {
        // Moving "Call partner API" into the VPC: the designed strategies now need a NAT gateway for it; the
        // monolith strategies do not change; the cheapest choice changes.
        const design::Project before =
            *design::loadProject(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json").project;
        design::Project after = before;
        after.steps["Call partner API"].placement = design::Placement::InsideVpc;
        const cost::CostComparison c =
            cost::compareCosts(cost::computeCosts(before, usEast1()), cost::computeCosts(after, usEast1()));
        QVERIFY(c.cheapestChanged());
        for (const cost::StrategyChange &s : c.strategies) {
            QStringList ids;
            for (const cost::ItemChange &i : s.items)
                ids << QString::fromStdString(i.id);
            if (s.id == "step-functions-standard" || s.id == "step-functions-express") {
                QCOMPARE(ids, QStringList({"nat-gateway-hours", "nat-public-ipv4", "nat-data-processing"}));
                QVERIFY(near(s.newUsd - s.oldUsd, 65.70 + 7.30 + s.items[2].newUsd));
            } else {
                QVERIFY2(ids.isEmpty(), s.id.c_str());
                QVERIFY(near(s.newUsd, s.oldUsd));
            }
        }
        const std::string md = cost::formatComparisonMarkdown(c);
        QVERIFY(
            md.find("| `step-functions-standard` | $15.70 | $88.88 | +$73.18 | nat-gateway-hours +$65.70") !=
            std::string::npos);
        const Json j = cost::costComparisonToJson(c);
        QCOMPARE(j["cheapestChanged"].get<bool>(), true);
        QCOMPARE(j["strategies"][3]["id"].get<std::string>(), std::string("step-functions-standard"));
        QCOMPARE(j["strategies"][3]["items"][0]["id"].get<std::string>(), std::string("nat-gateway-hours"));
    }

    // ---- AWS Price List import
    // ------------------------------------------------------------------------------
    void importJsonAndCsvOffers()
    {
        cost::OfferImport import;
        cost::importOfferFile(EGRESS_SOURCE_DIR "/tests/cost/data/AmazonEC2-eu-west-1.offer.json",
                              "eu-west-1", import);
        cost::importOfferFile(EGRESS_SOURCE_DIR "/tests/cost/data/AmazonStates-eu-west-1.offer.csv",
                              "eu-west-1", import);
        QVERIFY2(import.error.empty(), import.error.c_str());
        // Exact usage types: NatGateway-Prvd-Gbps ($0.90) and RegionalNatGateway-Hours ($0.049) are not NAT
        // hours.
        QCOMPARE(import.prices.at("nat-gateway-hour").usd(), 0.048);
        QCOMPARE(import.prices.at("nat-gateway-gb").usd(), 0.048);
        // Only the Linux, shared, on-demand (capacitystatus Used) t4g.nano; not Windows, not a reservation.
        QCOMPARE(import.prices.at("nat-instance-hour").usd(), 0.0046);
        QVERIFY(import.prices.at("nat-instance-hour").source.find("SKU SKUNANO") != std::string::npos);
        // Tiers sorted by beginRange, the leading $0 tier (free 100 GB) taken out, bounds counted after it.
        const cost::Price &dto = import.prices.at("data-transfer-out-gb");
        QCOMPARE(dto.tiers.size(), std::size_t(4));
        QCOMPARE(dto.tiers[0].usdPerUnit, 0.09);
        QCOMPARE(dto.tiers[0].upTo, 10140.0);
        QVERIFY(std::isinf(dto.tiers[3].upTo));
        // CSV: per-unit prices, the three Express duration tiers of one SKU; the us-east-1 row is skipped.
        QCOMPARE(import.prices.at("sfn-state-transition").usd(), 0.000025);
        QCOMPARE(import.prices.at("sfn-express-gb-second").tiers.size(), std::size_t(3));
        QCOMPARE(import.prices.at("sfn-express-gb-second").tiers[1].usdPerUnit, 0.00000833);
        QCOMPARE(import.publicationDate, std::string("2026-10-02"));
        // The regional NAT gateway and inter-AZ transfer have meters of their own.
        QCOMPARE(import.prices.at("regional-nat-gateway-hour").usd(), 0.049);
        QCOMPARE(import.prices.at("regional-nat-gateway-gb").usd(), 0.049);
        QCOMPARE(import.prices.at("inter-az-transfer-gb").usd(), 0.011);
        QVERIFY(!import.prices.count("lambda-request"));

        // The table built from it loads, keeps the base's other prices and prices a project.
        const cost::PriceTable base = *cost::bundledPriceTable("eu-west-1").table;
        const Json table = cost::offerTableToJson(base, import, "imported", "2026-10-02");
        const cost::PriceTableLoad load = cost::parsePriceTable(table.dump(), "imported.json", "eu-west-1");
        QVERIFY2(load, load.error.c_str());
        QCOMPARE(load.table->price("sfn-state-transition").usd(), 0.000025);
        QCOMPARE(load.table->price("sfn-state-transition").per, 1000.0);
        QVERIFY(!load.table->price("nat-gateway-hour").estimate);
        QCOMPARE(load.table->price("lambda-request").source, base.price("lambda-request").source);
        QVERIFY(cost::computeCosts(smallProject(), *load.table).errors.empty());
    }

    void importRefusesBrokenFiles()
    {
        cost::OfferImport import;
        cost::importOfferFile(EGRESS_SOURCE_DIR "/tests/cost/data/truncated.offer.json", "eu-west-1", import);
        QVERIFY2(import.error.find("truncated.offer.json: byte ") != std::string::npos &&
                     import.error.find("unexpected end of input") != std::string::npos,
                 import.error.c_str());
        cost::OfferImport missing;
        cost::importOfferFile("/nonexistent/offer.json", "eu-west-1", missing);
        QCOMPARE(missing.error, std::string("/nonexistent/offer.json: cannot open the file"));
        cost::OfferImport notCsv;
        cost::importOfferFile(EGRESS_SOURCE_DIR "/resources/pricing/../../README.md", "eu-west-1", notCsv);
        QVERIFY2(notCsv.error.find("not a Price List CSV") != std::string::npos, notCsv.error.c_str());
    }

    void importStreamsLargeFiles()
    {
        // An 80 MB offer file: read whole, nlohmann would need several hundred MB; streamed, the process
        // grows by far less than the file's size.
        QTemporaryDir dir;
        const std::string path = dir.filePath("big.json").toStdString();
        writeLargeOffer(path);
        const auto size = std::filesystem::file_size(path);
        QVERIFY(size > 70'000'000);
        rusage before{};
        getrusage(RUSAGE_SELF, &before);
        cost::OfferImport import;
        cost::importOfferFile(path, "eu-west-1", import);
        QVERIFY2(import.error.empty(), import.error.c_str());
        QCOMPARE(import.prices.at("nat-gateway-hour").usd(), 0.048);
        rusage after{};
        getrusage(RUSAGE_SELF, &after);
        const long grownKb = after.ru_maxrss - before.ru_maxrss;
#ifdef __SANITIZE_ADDRESS__
        // AddressSanitizer keeps freed blocks in quarantine, so the peak says nothing about streaming there.
        QSKIP("peak memory is not meaningful under AddressSanitizer (freed memory is quarantined)");
#endif
        QVERIFY2(grownKb < 20'000, qPrintable(QString("peak memory grew by %1 KB").arg(grownKb)));
    }

    void cliImportsAndPricesWithTheTable()
    {
        QTemporaryDir dir;
        const QString table = dir.filePath("eu.json");
        QProcess import;
        import.start(EGRESS_BINARY_DIR "/app/cli/egress-cli",
                     {"prices", "import", EGRESS_SOURCE_DIR "/tests/cost/data/AmazonEC2-eu-west-1.offer.json",
                      EGRESS_SOURCE_DIR "/tests/cost/data/AmazonStates-eu-west-1.offer.csv", "--region",
                      "eu-west-1", "-o", table});
        QVERIFY(import.waitForFinished(30000));
        QCOMPARE(import.exitCode(), 0);
        QVERIFY(QString::fromUtf8(import.readAllStandardError())
                    .contains("imported 11 of 22 prices for eu-west-1"));
        QProcess costRun;
        costRun.start(EGRESS_BINARY_DIR "/app/cli/egress-cli",
                      {"cost", EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json", "--prices",
                       table, "--region", "eu-west-1", "--format", "json"});
        QVERIFY(costRun.waitForFinished(30000));
        QCOMPARE(costRun.exitCode(), 0);
        const Json j = Json::parse(costRun.readAllStandardOutput().toStdString());
        QCOMPARE(j["priceTable"]["name"].get<std::string>(),
                 std::string("AWS Price List import eu-west-1 2026-10-02"));
        QCOMPARE(j["region"].get<std::string>(), std::string("eu-west-1"));
        // 2 AZ × 730 h × $0.048 = $70.08
        for (const Json &item : j["strategies"][0]["items"])
            if (item["id"] == "nat-gateway-hours")
                QCOMPARE(item["usd"].get<double>(), 70.08);
    }

    // ---- the command line -------------------------------------------------------------------------------
    void cliRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString example = EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json";
        QTest::newRow("negative") << QStringList{"cost", example, "--executions", "-5"} << 2
                                  << "must be a number ≥ 0";
        QTest::newRow("not a number") << QStringList{"cost", example, "--executions", "lots"} << 2 << "lots";
        QTest::newRow("both volumes")
            << QStringList{"cost", example, "--executions", "1", "--per-second", "1"} << 2 << "excludes";
        QTest::newRow("unknown region") << QStringList{"cost", example, "--region", "xx-nowhere-1"} << 2
                                        << "known regions: ap-northeast-1, ap-southeast-1, eu-central-1";
        QTest::newRow("missing table")
            << QStringList{"cost", example, "--prices", "/nonexistent.json"} << 2 << "/nonexistent.json";
        QTest::newRow("format") << QStringList{"cost", example, "--format", "xml"} << 2 << "xml";
        QTest::newRow("json ok") << QStringList{"cost", example, "--format", "json", "--per-second", "100"}
                                 << 0 << "\"executionsPerMonth\": 262800000";
    }
    void cliRefusesBadInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QProcess cli;
        cli.start(EGRESS_BINARY_DIR "/app/cli/egress-cli", args);
        QVERIFY(cli.waitForFinished(30000));
        const QString out = QString::fromUtf8(cli.readAllStandardError() + cli.readAllStandardOutput());
        QCOMPARE(cli.exitCode(), exitCode);
        QVERIFY2(out.contains(message), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestCost)
#include "tst_cost.moc"
