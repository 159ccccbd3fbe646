// JSONata states on the simulator with the official jsonata library in QJSEngine: Arguments, Output,
// Assign, Condition, $states.*, variable scope across Parallel and Map, the functions Step Functions adds,
// and a failing expression as a located States.QueryEvaluationError.
#include "jsonata/qjsjsonata.h"
#include "sim/interpreter.h"

#include <QTest>

using egress::sim::Json;
namespace sim = egress::sim;

/** QCOMPARE for JSON values (QTest's overloads cannot take nlohmann's implicit conversions). */
#define COMPARE_JSON(actual, expected)                                                                       \
    do {                                                                                                     \
        const Json actual_ = (actual);                                                                       \
        const Json expected_ = (expected);                                                                   \
        QVERIFY2(actual_ == expected_, qPrintable(QString::fromStdString(                                    \
                                           "got " + actual_.dump() + ", expected " + expected_.dump())));    \
    } while (false)

namespace {

Json j(const char *text)
{
    return Json::parse(text);
}

} // namespace

class TestSimJsonata : public QObject
{
    Q_OBJECT

    std::unique_ptr<sim::JsonataEvaluator> m_evaluator;

    sim::RunResult run(const Json &definition, const Json &input, const sim::MockConfig *config = nullptr,
                       const char *testCase = nullptr)
    {
        sim::RunOptions options;
        options.input = input;
        options.jsonata = m_evaluator.get();
        if (config) {
            options.mocks.config = config;
            options.mocks.testCase = config->testCase("M", testCase);
        }
        return sim::runStateMachine(definition, options);
    }

    Json eval(const char *expression, const Json &input = Json::object())
    {
        Json definition =
            j(R"({"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
        definition["States"]["P"]["Output"] = std::string("{% ") + expression + " %}";
        const auto r = run(definition, input);
        return r.status == "SUCCEEDED" ? r.output : Json{{"error", r.error}, {"cause", r.cause}};
    }

private slots:
    void initTestCase() { m_evaluator = egress::jsonata::makeEvaluator(); }

    void expressions()
    {
        COMPARE_JSON(eval("$states.input.a + 1", j(R"({"a":41})")), Json(42));
        COMPARE_JSON(eval("$sum($states.input.items.price)", j(R"({"items":[{"price":2},{"price":3.5}]})")),
                     Json(5.5));
        COMPARE_JSON(eval("$states.context.Execution.Name"), Json("simulated-run"));
    }

    void stepFunctionsFunctions()
    {
        COMPARE_JSON(eval("$partition([1,2,3,4,5], 2)"), j("[[1,2],[3,4],[5]]"));
        COMPARE_JSON(eval("$range(0, 10, 2)"), j("[0,2,4,6,8,10]"));
        COMPARE_JSON(eval("$hash('input data', 'SHA-1')"), Json("aaff4a450a104cd177d28d18d74485e8cae074b7"));
        COMPARE_JSON(eval("$parse('{\"a\": [1, 2]}')"), j(R"({"a":[1,2]})"));
        COMPARE_JSON(eval("$random(7) = $random(7)"), Json(true));
        const Json r = eval("$random()");
        QVERIFY(r.is_number() && r.get<double>() >= 0 && r.get<double>() < 1);
        QCOMPARE(eval("$uuid()").get<std::string>().size(), std::size_t(36));
    }

    void argumentsOutputAndErrorOutput()
    {
        std::string error;
        const auto config = *sim::MockConfig::fromJson(
            j(R"({"StateMachines":{"M":{"TestCases":{"Ok":{"Call":"Ok"},"Bad":{"Call":"Bad"}}}},
            "MockedResponses":{"Ok":{"0":{"Return":{"Payload":{"total":30}}}},
                               "Bad":{"0":{"Throw":{"Error":"Api.Down","Cause":"503"}}}}})"),
            error);
        const Json definition = j(R"({"QueryLanguage":"JSONata","StartAt":"Call","States":{
            "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Arguments":{"FunctionName":"f","Payload":{"id":"{% $states.input.id %}"}},
              "Output":{"id":"{% $states.input.id %}","total":"{% $states.result.Payload.total %}"},
              "Assign":{"seen":"{% $states.result.Payload.total %}"},
              "Catch":[{"ErrorEquals":["States.ALL"],"Output":{"failed":"{% $states.errorOutput.Error %}"},"Next":"Done"}],
              "Next":"Done"},
            "Done":{"Type":"Pass","Output":"{% $merge([$states.input, {'seen': $seen}]) %}","End":true}}})");
        auto r = run(definition, j(R"({"id":"o-1"})"), &config, "Ok");
        QVERIFY2(r.status == "SUCCEEDED", r.cause.c_str());
        COMPARE_JSON(r.trace[0].input, j(R"({"id":"o-1"})"));
        COMPARE_JSON(r.output, j(R"({"id":"o-1","total":30,"seen":30})"));
        r = run(definition, j(R"({"id":"o-1"})"), &config, "Bad");
        // $seen was never assigned: the Catch path's Done reads an undefined variable, which merges to
        // nothing.
        QVERIFY2(r.status == "SUCCEEDED", r.cause.c_str());
        COMPARE_JSON(r.output["failed"], Json("Api.Down"));
    }

    void choiceConditions()
    {
        const Json definition = j(R"({"QueryLanguage":"JSONata","StartAt":"C","States":{
            "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 5 %}","Next":"Big"}],"Default":"Small"},
            "Big":{"Type":"Pass","Output":"big","End":true},"Small":{"Type":"Pass","Output":"small","End":true}}})");
        COMPARE_JSON(run(definition, j(R"({"n":9})")).output, Json("big"));
        COMPARE_JSON(run(definition, j(R"({"n":1})")).output, Json("small"));
        Json notBoolean = definition;
        notBoolean["States"]["C"]["Choices"][0]["Condition"] = "{% $states.input.n %}";
        const auto r = run(notBoolean, j(R"({"n":9})"));
        QCOMPARE(r.error, std::string("States.QueryEvaluationError"));
    }

    void variableScopeAcrossMapAndParallel()
    {
        // Outer variables are visible inside; assignments inside stay inside (AWS's variable scope rules).
        const Json definition = j(R"({"QueryLanguage":"JSONata","StartAt":"Set","States":{
            "Set":{"Type":"Pass","Assign":{"rate":2,"tag":"outer"},"Next":"Each"},
            "Each":{"Type":"Map","Items":"{% $states.input.prices %}",
              "ItemSelector":{"price":"{% $states.context.Map.Item.Value %}","i":"{% $states.context.Map.Item.Index %}"},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Mul","States":{
                "Mul":{"Type":"Pass","Assign":{"tag":"inner"},"Output":"{% $states.input.price * $rate + $states.input.i %}","End":true}}},
              "Next":"Par"},
            "Par":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Output":"{% $tag %}","End":true}}}],
              "Output":{"mapped":"{% $states.input %}","branch":"{% $states.result[0] %}","tag":"{% $tag %}"},"End":true}}})");
        const auto r = run(definition, j(R"({"prices":[10,20]})"));
        QVERIFY2(r.status == "SUCCEEDED", r.cause.c_str());
        COMPARE_JSON(r.output, j(R"({"mapped":[20,41],"branch":"outer","tag":"outer"})"));
    }

    void failingExpressionIsLocated()
    {
        const Json r = eval("$states.input.(");
        COMPARE_JSON(r["error"], Json("States.QueryEvaluationError"));
        QVERIFY2(r["cause"].get<std::string>().find("state 'P', Output") != std::string::npos,
                 r.dump().c_str());
        QVERIFY2(r["cause"].get<std::string>().find("position") != std::string::npos, r.dump().c_str());
    }
};

QTEST_GUILESS_MAIN(TestSimJsonata)
#include "tst_simjsonata.moc"
