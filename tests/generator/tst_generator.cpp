// The workflow generator: valid ASL at every size and seed, deterministic, realistic mixes, the 1 MB mode,
// and a matching project that survives a save/load round trip.
#include "asl/reader.h"
#include "asl/validator.h"
#include "asl/workflow.h"
#include "asl/writer.h"
#include "design/project.h"
#include "design/projectio.h"
#include "generator.h"

#include <QTest>
#include <set>

namespace asl = egress::asl;
namespace design = egress::design;
using asl::Json;

class TestGenerator : public QObject
{
    Q_OBJECT

private:
    /** Every error/warning as one line each, for a readable failure message. */
    static std::string describe(const std::vector<asl::Diagnostic> &diagnostics)
    {
        std::string out;
        for (const auto &d : diagnostics)
            out += d.toString() + "\n";
        return out;
    }

    /** States reachable from each scope's StartAt along Next/Choice/Catch edges (nested scopes via their
     * owner). */
    static std::set<int> reachable(const asl::WorkflowIndex &index)
    {
        std::set<int> seen;
        std::vector<int> work;
        auto enterScope = [&](int scope) {
            for (int s : index.scopes()[static_cast<std::size_t>(scope)].states)
                if (index.states()[static_cast<std::size_t>(s)].name ==
                    index.scopes()[static_cast<std::size_t>(scope)].startAt)
                    work.push_back(s);
        };
        enterScope(0);
        while (!work.empty()) {
            const int s = work.back();
            work.pop_back();
            if (!seen.insert(s).second)
                continue;
            for (int child : index.states()[static_cast<std::size_t>(s)].childScopes)
                enterScope(child);
            for (const asl::Edge *edge : index.edgesFrom(s))
                if (edge->to >= 0)
                    work.push_back(edge->to);
        }
        return seen;
    }

private slots:
    void validAtEverySize_data()
    {
        QTest::addColumn<int>("states");
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("depth");
        for (int states : {1, 2, 3, 5, 10, 37, 100, 1000})
            for (int seed : {1, 2, 3, 42, 1234})
                for (int depth : {0, 3})
                    QTest::addRow("%d states, seed %d, depth %d", states, seed, depth)
                        << states << seed << depth;
    }
    void validAtEverySize()
    {
        QFETCH(int, states);
        QFETCH(int, seed);
        QFETCH(int, depth);
        const Json definition = asl::generateWorkflow(
            {.states = states, .seed = static_cast<std::uint64_t>(seed), .maxDepth = depth});
        const auto index = asl::WorkflowIndex::build(definition);
        QCOMPARE(static_cast<int>(index.states().size()), states);
        QVERIFY(index.duplicateNames().empty());
        for (const asl::Edge &edge : index.edges())
            QVERIFY2(edge.to >= 0, edge.pointer.c_str());
        QCOMPARE(reachable(index).size(), index.states().size());

        const auto diagnostics = asl::validateDefinition(definition, "generated.json");
        QVERIFY2(diagnostics.empty(), describe(diagnostics).c_str());

        // Every scope ends somewhere: it holds a state that is End, Succeed or Fail.
        for (const auto &scope : index.scopes()) {
            bool terminal = false;
            for (int s : scope.states) {
                const Json *json = asl::stateJson(definition, index.states()[static_cast<std::size_t>(s)]);
                QVERIFY(json);
                terminal = terminal || json->value("End", false) || (*json)["Type"] == "Succeed" ||
                           (*json)["Type"] == "Fail";
            }
            QVERIFY2(terminal, scope.pointer.c_str());
        }
        // Depth limit: no scope nests deeper than asked.
        int deepest = 0;
        for (const auto &scope : index.scopes()) {
            int d = 0;
            for (int owner = scope.ownerState; owner >= 0;
                 owner = index
                             .scopes()[static_cast<std::size_t>(
                                 index.states()[static_cast<std::size_t>(owner)].scope)]
                             .ownerState)
                ++d;
            deepest = std::max(deepest, d);
        }
        QVERIFY(deepest <= depth);
    }

    void deterministicBySeed()
    {
        const std::string a = asl::writeJson(asl::generateWorkflow({.states = 300, .seed = 7}));
        const std::string b = asl::writeJson(asl::generateWorkflow({.states = 300, .seed = 7}));
        const std::string c = asl::writeJson(asl::generateWorkflow({.states = 300, .seed = 8}));
        QCOMPARE(a, b);
        QVERIFY(a != c);
    }

    void realisticMix()
    {
        const Json definition = asl::generateWorkflow({.states = 1000, .seed = 3});
        const auto index = asl::WorkflowIndex::build(definition);
        std::map<asl::StateType, int> types;
        std::map<asl::TaskKind, int> tasks;
        std::set<std::string> modes;
        bool retry = false, catcher = false, placeholder = false;
        for (const auto &state : index.states()) {
            ++types[state.type];
            const Json &json = *asl::stateJson(definition, state);
            if (state.type == asl::StateType::Task)
                ++tasks[asl::classifyTask(json)];
            if (state.type == asl::StateType::Map)
                modes.insert(json["ItemProcessor"]["ProcessorConfig"]["Mode"].get<std::string>());
            retry = retry || json.contains("Retry");
            catcher = catcher || json.contains("Catch");
        }
        placeholder = asl::writeJson(definition).find("\"${") != std::string::npos;
        for (auto type :
             {asl::StateType::Task, asl::StateType::Choice, asl::StateType::Wait, asl::StateType::Pass,
              asl::StateType::Parallel, asl::StateType::Map, asl::StateType::Succeed, asl::StateType::Fail})
            QVERIFY2(types[type] > 0, asl::toString(type));
        for (auto kind : {asl::TaskKind::Lambda, asl::TaskKind::Http, asl::TaskKind::AwsService})
            QVERIFY2(tasks[kind] > 0, asl::toString(kind));
        QVERIFY(types[asl::StateType::Task] > 300); // Tasks dominate, as in real workflows
        QCOMPARE(modes, (std::set<std::string>{"DISTRIBUTED", "INLINE"}));
        QVERIFY(retry && catcher && placeholder);
    }

    void oneMegabyteMode()
    {
        const Json definition = asl::generateWorkflow({.seed = 1, .targetBytes = 1'000'000});
        const std::string text = asl::writeJson(definition);
        QVERIFY2(text.size() <= 1'000'000, std::to_string(text.size()).c_str());
        QVERIFY2(text.size() > 990'000, std::to_string(text.size()).c_str());
        QVERIFY(asl::validateDefinition(definition).empty());
        // And it reads back through the file reader unchanged.
        const auto read = asl::parseJson(text, "big.json");
        QVERIFY(read.value);
        QCOMPARE(read.value->dump(), definition.dump());
    }

    void matchingProject()
    {
        const design::Project project = asl::generateProject({.states = 200, .seed = 5});
        const auto index = asl::WorkflowIndex::build(project.definition);
        QCOMPARE(project.steps.size(), index.states().size());
        bool outside = false, inside = false;
        for (const auto &[name, step] : project.steps) {
            QVERIFY(index.find(name));
            outside = outside || step.placement == design::Placement::OutsideVpc;
            inside = inside || (step.placement == design::Placement::InsideVpc && step.memoryMb != 128);
        }
        QVERIFY(outside && inside);
        const auto loaded = design::parseProject(design::serializeProject(project), "generated.egress.json");
        QVERIFY2(loaded.project.has_value(), describe(loaded.problems).c_str());
        QVERIFY(*loaded.project == project);
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
