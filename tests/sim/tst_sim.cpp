// The simulator (model/sim) against AWS's documented behaviour: every intrinsic with the examples of the
// "Intrinsic functions" page, every Choice operator, path processing (InputPath → Parameters →
// ResultSelector → ResultPath → OutputPath), Retry timing and Catch, Parallel and Map error semantics,
// mocks with attempt ranges, the simulated clock and the 25,000-transition limit.
#include "asl/reader.h"
#include "sim/choice.h"
#include "sim/errors.h"
#include "sim/hashes.h"
#include "sim/interpreter.h"
#include "sim/intrinsics.h"
#include "sim/jsonpath.h"
#include "sim/mocks.h"

#include <QDir>
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

/** Runs one intrinsic against `input`; an error comes back as {"error": NAME}. */
Json intrinsic(const std::string &call, const Json &input)
{
    sim::Random random(7);
    sim::PathRoots roots{&input, nullptr, nullptr};
    try {
        return sim::evaluateIntrinsic(call, roots, random);
    } catch (const sim::StatesError &e) {
        return Json{{"error", e.error}, {"cause", e.cause}};
    }
}

struct Mocked
{
    std::optional<sim::MockConfig> config;
    const sim::TestCase *testCase = nullptr;
};

Mocked mocks(const Json &file, const std::string &machine, const std::string &testCase)
{
    Mocked m;
    std::string error;
    m.config = sim::MockConfig::fromJson(file, error);
    if (m.config)
        m.testCase = m.config->testCase(machine, testCase);
    return m;
}

sim::RunResult run(const Json &definition, const Json &input, const Mocked *m = nullptr)
{
    sim::RunOptions options;
    options.input = input;
    if (m) {
        options.mocks.config = m->config ? &*m->config : nullptr;
        options.mocks.testCase = m->testCase;
    }
    return sim::runStateMachine(definition, options);
}

QString describe(const sim::RunResult &r)
{
    return QString::fromStdString(sim::toJson(r).dump(1));
}

} // namespace

class TestSim : public QObject
{
    Q_OBJECT

private slots:
    // ---- intrinsics, with the documented examples -----------------------------------------------------
    void intrinsics_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *call, const char *input, const char *expected) {
            QTest::newRow(name) << call << input << expected;
        };
        row("Format", "States.Format('Hello, my name is {}.', $.name)", R"({"name":"Arnav"})",
            R"("Hello, my name is Arnav.")");
        row("Format escapes", "States.Format('\\{\\} {} it\\'s', 5)", "{}", "\"{} 5 it's\"");
        row("Format too few args", "States.Format('{} {}', 1)", "{}",
            R"({"error":"States.IntrinsicFailure"})");
        row("StringToJson", "States.StringToJson($.someString)", "{\"someString\":\"{\\\"number\\\": 20}\"}",
            R"({"number":20})");
        row("JsonToString", "States.JsonToString($.someJson)", R"({"someJson":{"name":"Foo","year":2020}})",
            "\"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\"");
        row("Array", "States.Array('Foo', 2020, $.someJson, null)", R"({"someJson":{"random":"abcdefghij"}})",
            R"(["Foo",2020,{"random":"abcdefghij"},null])");
        row("ArrayPartition", "States.ArrayPartition($.inputArray,4)",
            R"({"inputArray":[1,2,3,4,5,6,7,8,9]})", "[[1,2,3,4],[5,6,7,8],[9]]");
        row("ArrayContains", "States.ArrayContains($.inputArray, $.lookingFor)",
            R"({"inputArray":[1,2,3,4,5,6,7,8,9],"lookingFor":5})", "true");
        row("ArrayRange", "States.ArrayRange(1, 9, 2)", "{}", "[1,3,5,7,9]");
        row("ArrayRange over 1000", "States.ArrayRange(1, 2000, 1)", "{}",
            R"({"error":"States.IntrinsicFailure"})");
        row("ArrayGetItem", "States.ArrayGetItem($.inputArray, $.index)",
            R"({"inputArray":[1,2,3,4,5,6,7,8,9],"index":5})", "6");
        row("ArrayLength", "States.ArrayLength($.inputArray)", R"({"inputArray":[1,2,3,4,5,6,7,8,9]})", "9");
        row("ArrayUnique", "States.ArrayUnique($.inputArray)", R"({"inputArray":[1,2,3,3,3,3,3,3,4]})",
            "[1,2,3,4]");
        row("Base64Encode", "States.Base64Encode($.input)", R"({"input":"Data to encode"})",
            R"("RGF0YSB0byBlbmNvZGU=")");
        row("Base64Decode", "States.Base64Decode($.base64)", R"({"base64":"RGF0YSB0byBlbmNvZGU="})",
            R"("Data to encode")");
        row("Hash SHA-1", "States.Hash($.Data, $.Algorithm)", R"({"Data":"input data","Algorithm":"SHA-1"})",
            R"("aaff4a450a104cd177d28d18d74485e8cae074b7")");
        row("Hash unknown algorithm", "States.Hash('x', 'SHA-3')", "{}",
            R"({"error":"States.IntrinsicFailure"})");
        row("JsonMerge", "States.JsonMerge($.json1, $.json2, false)",
            R"({"json1":{"a":{"a1":1,"a2":2},"b":2},"json2":{"a":{"a3":1,"a4":2},"c":3}})",
            R"({"a":{"a3":1,"a4":2},"b":2,"c":3})");
        row("JsonMerge deep refused", "States.JsonMerge($.a, $.a, true)", R"({"a":{}})",
            R"({"error":"States.IntrinsicFailure"})");
        row("MathAdd", "States.MathAdd($.value1, $.step)", R"({"value1":111,"step":-1})", "110");
        row("StringSplit", "States.StringSplit($.inputString, $.splitter)",
            R"({"inputString":"1,2,3,4,5","splitter":","})", R"(["1","2","3","4","5"])");
        row("StringSplit many delimiters", "States.StringSplit($.inputString, $.splitter)",
            R"({"inputString":"This.is+a,test=string","splitter":".+,="})",
            R"(["This","is","a","test","string"])");
        row("nested calls", "States.ArrayLength(States.StringSplit('a b c', ' '))", "{}", "3");
        row("unknown function", "States.Nope(1)", "{}", R"({"error":"States.IntrinsicFailure"})");
        row("path selects nothing", "States.ArrayLength($.missing)", "{}", R"({"error":"States.Runtime"})");
    }

    void intrinsics()
    {
        QFETCH(QString, call);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        Json got = intrinsic(call.toStdString(), Json::parse(input.toStdString()));
        if (got.is_object() && got.contains("cause"))
            got.erase("cause");
        QCOMPARE(QString::fromStdString(got.dump()),
                 QString::fromStdString(Json::parse(expected.toStdString()).dump()));
    }

    void deepIntrinsicNestingIsRefused()
    {
        std::string call = "1";
        for (int i = 0; i < 10000; ++i)
            call = "States.Array(" + call + ")";
        QCOMPARE(intrinsic(call, Json::object()).value("error", std::string()),
                 std::string("States.IntrinsicFailure"));
        call = "1";
        for (int i = 0; i < 60; ++i)
            call = "States.Array(" + call + ")";
        QVERIFY(intrinsic(call, Json::object()).is_array());
    }

    void randomAndUuid()
    {
        for (int i = 0; i < 50; ++i) {
            const Json r = intrinsic("States.MathRandom(1, 999)", Json::object());
            QVERIFY2(r.is_number_integer() && r.get<int>() >= 1 && r.get<int>() < 999, r.dump().c_str());
        }
        // A seed makes the value repeat.
        QVERIFY(intrinsic("States.MathRandom(1, 1000, 42)", Json::object()) ==
                intrinsic("States.MathRandom(1, 1000, 42)", Json::object()));
        const std::string uuid = intrinsic("States.UUID()", {}).get<std::string>();
        QCOMPARE(uuid.size(), std::size_t(36));
        QCOMPARE(uuid[14], '4');
    }

    void hashVectors()
    {
        QCOMPARE(*sim::hexDigest("MD5", "abc"), std::string("900150983cd24fb0d6963f7d28e17f72"));
        QCOMPARE(*sim::hexDigest("SHA-1", "abc"), std::string("a9993e364706816aba3e25717850c26c9cd0d89d"));
        QCOMPARE(*sim::hexDigest("SHA-256", "abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(
            *sim::hexDigest("SHA-384", "abc"),
            std::string(
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca1"
                "34c825a7"));
        QCOMPARE(
            *sim::hexDigest("SHA-512", "abc"),
            std::string(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a"
                "3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
        // Two blocks (padding past the first 64 bytes).
        QCOMPARE(*sim::hexDigest("SHA-256", std::string(100, 'a')),
                 std::string("2816597888e4a0d3a36b82b83316ab32680eb8f00f8cd3b904d681246d285a0e"));
    }

    // ---- JSONPath -------------------------------------------------------------------------------------
    void paths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *path, const char *expected) { QTest::newRow(path) << path << expected; };
        row("$", R"({"a":{"b":[1,2,3]},"items":[{"p":5,"n":"x"},{"p":15,"n":"y"}],"odd key":1})");
        row("$.a.b", "[1,2,3]");
        row("$.a.b[1]", "2");
        row("$.a.b[-1]", "3");
        row("$['odd key']", "1");
        row("$.a.b[0:2]", "[1,2]");
        row("$.a.b[0,2]", "[1,3]");
        row("$.items[*].n", R"(["x","y"])");
        row("$..p", "[5,15]");
        row("$.items[?(@.p > 10)].n", R"(["y"])");
        row("$.items[?(@.n == 'x')].p", "[5]");
        row("$.a.c", "null-missing");
    }

    void paths()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const Json data = j(R"({"a":{"b":[1,2,3]},"items":[{"p":5,"n":"x"},{"p":15,"n":"y"}],"odd key":1})");
        std::string error;
        auto value = sim::evaluatePath(path.toStdString(), {&data, nullptr, nullptr}, error);
        if (expected == "null-missing") {
            QVERIFY(!value);
            QVERIFY(error.find("selects nothing") != std::string::npos);
            return;
        }
        QVERIFY2(value, error.c_str());
        QCOMPARE(QString::fromStdString(value->dump()),
                 QString::fromStdString(Json::parse(expected.toStdString()).dump()));
    }

    // ---- Choice rules -----------------------------------------------------------------------------------
    void choiceOperators_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("matches");
        auto row = [](const char *rule, bool m) { QTest::newRow(rule) << rule << m; };
        row(R"({"Variable":"$.s","StringEquals":"abc"})", true);
        row(R"({"Variable":"$.s","StringEqualsPath":"$.s2"})", false);
        row(R"({"Variable":"$.s","StringLessThan":"abd"})", true);
        row(R"({"Variable":"$.s","StringGreaterThan":"abd"})", false);
        row(R"({"Variable":"$.s","StringLessThanEquals":"abc"})", true);
        row(R"({"Variable":"$.s","StringGreaterThanEquals":"abc"})", true);
        row(R"({"Variable":"$.s","StringMatches":"a*"})", true);
        row(R"({"Variable":"$.log","StringMatches":"log-*.txt"})", true);
        row("{\"Variable\":\"$.star\",\"StringMatches\":\"a\\\\*b\"}", true);
        row(R"({"Variable":"$.s","StringMatches":"b*"})", false);
        row(R"({"Variable":"$.n","NumericEquals":10})", true);
        row(R"({"Variable":"$.n","NumericEqualsPath":"$.n2"})", false);
        row(R"({"Variable":"$.n","NumericLessThan":10.5})", true);
        row(R"({"Variable":"$.n","NumericGreaterThan":10})", false);
        row(R"({"Variable":"$.n","NumericLessThanEquals":10})", true);
        row(R"({"Variable":"$.n","NumericGreaterThanEqualsPath":"$.n2"})", false);
        row(R"({"Variable":"$.s","NumericEquals":10})", false); // wrong type: false, no error
        row(R"({"Variable":"$.b","BooleanEquals":true})", true);
        row(R"({"Variable":"$.b","BooleanEqualsPath":"$.b2"})", false);
        row(R"({"Variable":"$.t","TimestampEquals":"2016-03-14T01:59:00Z"})", true);
        row(R"({"Variable":"$.t","TimestampEquals":"2016-03-14T02:59:00+01:00"})", true);
        row(R"({"Variable":"$.t","TimestampLessThan":"2016-03-14T01:59:00.001Z"})", true);
        row(R"({"Variable":"$.t","TimestampGreaterThanPath":"$.t2"})", false);
        row(R"({"Variable":"$.t","TimestampLessThanEquals":"2016-03-14T01:59:00Z"})", true);
        row(R"({"Variable":"$.t","TimestampGreaterThanEquals":"2017-01-01T00:00:00Z"})", false);
        row(R"({"Variable":"$.nothing","IsNull":true})", true);
        row(R"({"Variable":"$.missing","IsPresent":false})", true);
        row(R"({"Variable":"$.s","IsPresent":true})", true);
        row(R"({"Variable":"$.n","IsNumeric":true})", true);
        row(R"({"Variable":"$.s","IsString":true})", true);
        row(R"({"Variable":"$.b","IsBoolean":false})", false);
        row(R"({"Variable":"$.t","IsTimestamp":true})", true);
        row(R"({"Variable":"$.s","IsTimestamp":true})", false);
        row(R"({"And":[{"Variable":"$.n","NumericGreaterThanEquals":10},{"Variable":"$.n","NumericLessThan":20}]})",
            true);
        row(R"({"Or":[{"Variable":"$.n","NumericEquals":1},{"Variable":"$.s","StringEquals":"abc"}]})", true);
        row(R"({"Not":{"Variable":"$.s","StringEquals":"abc"}})", false);
    }

    void choiceOperators()
    {
        QFETCH(QString, rule);
        QFETCH(bool, matches);
        const Json data = j(R"({"s":"abc","s2":"abd","n":10,"n2":11,"b":true,"b2":false,"nothing":null,
            "t":"2016-03-14T01:59:00Z","t2":"2020-01-01T00:00:00Z","log":"log-2024.txt","star":"a*b"})");
        QCOMPARE(sim::choiceRuleMatches(Json::parse(rule.toStdString()), {&data, nullptr, nullptr}), matches);
    }

    void choiceMissingVariableIsRuntimeError()
    {
        const Json data = Json::object();
        QVERIFY_THROWS_EXCEPTION(
            sim::StatesError,
            sim::choiceRuleMatches(j(R"({"Variable":"$.x","StringEquals":"a"})"), {&data, nullptr, nullptr}));
    }

    void choiceState()
    {
        const Json definition = j(R"({"StartAt":"C","States":{
            "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":5,"Next":"Big"}],"Default":"Small"},
            "Big":{"Type":"Pass","Result":"big","End":true},
            "Small":{"Type":"Pass","Result":"small","End":true}}})");
        COMPARE_JSON(run(definition, j(R"({"n":9})")).output, Json("big"));
        COMPARE_JSON(run(definition, j(R"({"n":1})")).output, Json("small"));
        Json noDefault = definition;
        noDefault["States"]["C"].erase("Default");
        const auto r = run(noDefault, j(R"({"n":1})"));
        QCOMPARE(r.status, std::string("FAILED"));
        QCOMPARE(r.error, std::string("States.NoChoiceMatched"));
    }

    // ---- path processing ------------------------------------------------------------------------------
    void resultPathExamples()
    {
        // AWS's ResultPath page: a Lambda returning "Hello, AWS Step Functions!".
        const Json input = j(R"({"comment":"This is a test of the input and output of a Task state.",
            "details":"Default example","who":"AWS Step Functions"})");
        const Json file = j(R"({"StateMachines":{"M":{"TestCases":{"T":{"Hello":"Greet"}}}},
            "MockedResponses":{"Greet":{"0":{"Return":"Hello, AWS Step Functions!"}}}})");
        const Mocked m = mocks(file, "M", "T");
        auto definition = [](const char *resultPath) {
            Json d = j(R"({"StartAt":"Hello","States":{"Hello":{"Type":"Task",
                "Resource":"arn:aws:lambda:us-east-1:123456789012:function:Hello","End":true}}})");
            if (resultPath)
                d["States"]["Hello"]["ResultPath"] = Json::parse(resultPath);
            return d;
        };
        COMPARE_JSON(run(definition(nullptr), input, &m).output, Json("Hello, AWS Step Functions!"));
        Json merged = input;
        merged["taskresult"] = "Hello, AWS Step Functions!";
        COMPARE_JSON(run(definition(R"("$.taskresult")"), input, &m).output, merged);
        COMPARE_JSON(run(definition("null"), input, &m).output, input);
        Json nested = input;
        nested["details"] = "Hello, AWS Step Functions!";
        COMPARE_JSON(run(definition(R"("$.details")"), input, &m).output, nested);
        // A path through a string cannot be written: States.ResultPathMatchFailure.
        const auto bad = run(definition(R"("$.who.x")"), input, &m);
        QCOMPARE(bad.error, std::string("States.ResultPathMatchFailure"));
    }

    void wholePipeline()
    {
        // InputPath → Parameters (with $$ and an intrinsic) → Task → ResultSelector → ResultPath →
        // OutputPath.
        const Json definition = j(R"j({"StartAt":"Call","States":{"Call":{"Type":"Task",
            "Resource":"arn:aws:states:::lambda:invoke",
            "InputPath":"$.library",
            "Parameters":{"FunctionName":"f","Payload":{"title.$":"$.title","state.$":"$$.State.Name",
                          "greeting.$":"States.Format('Hi {}', $.reader)"}},
            "ResultSelector":{"body.$":"$.Payload.body","code.$":"$.StatusCode"},
            "ResultPath":"$.library.result",
            "OutputPath":"$.library",
            "End":true}}})j");
        const Json file = j(R"({"StateMachines":{"M":{"TestCases":{"T":{"Call":"Ok"}}}},
            "MockedResponses":{"Ok":{"0":{"Return":{"StatusCode":200,"Payload":{"body":"done"}}}}}})");
        const Mocked m = mocks(file, "M", "T");
        const auto r = run(definition, j(R"({"library":{"title":"Dune","reader":"Ann"},"other":1})"), &m);
        QCOMPARE(r.status, std::string("SUCCEEDED"));
        COMPARE_JSON(r.output, j(R"({"title":"Dune","reader":"Ann","result":{"body":"done","code":200}})"));
        // InputPath null gives {}; OutputPath null gives {}.
        const Json pass = j(R"({"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":null,"End":true}}})");
        COMPARE_JSON(run(pass, j(R"({"a":1})")).output, Json::object());
    }

    void runtimeErrorsAreNotCaught()
    {
        // States.Runtime (an InputPath that selects nothing) is fatal even under States.ALL.
        const Json definition =
            j(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "InputPath":"$.missing","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"End":true},
            "Done":{"Type":"Succeed"}}})");
        const auto r = run(definition, Json::object());
        QCOMPARE(r.error, std::string("States.Runtime"));
        QVERIFY2(r.cause.find("state 'T', InputPath") != std::string::npos, r.cause.c_str());
    }

    void failStatePaths()
    {
        const Json definition = j(R"j({"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.code",
            "CausePath":"States.Format('order {} rejected', $.id)"}}})j");
        const auto r = run(definition, j(R"({"code":"Order.Rejected","id":7})"));
        QCOMPARE(r.status, std::string("FAILED"));
        QCOMPARE(r.error, std::string("Order.Rejected"));
        QCOMPARE(r.cause, std::string("order 7 rejected"));
    }

    // ---- Retry, Catch, mocks -------------------------------------------------------------------------
    void retryThenSucceedWithAttemptRanges()
    {
        // The mock file of AWS's example: attempt 0 and 1-2 throw, 3 returns.
        const Json file =
            j(R"({"StateMachines":{"M":{"TestCases":{"RetryPath":{"LambdaState":"MockedLambdaRetry"}}}},
            "MockedResponses":{"MockedLambdaRetry":{
              "0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"Lambda resource is not ready."}},
              "1-2":{"Throw":{"Error":"Lambda.TimeoutException","Cause":"Lambda timed out."}},
              "3":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}}}})");
        const Mocked m = mocks(file, "M", "RetryPath");
        QVERIFY(m.testCase);
        const Json definition = j(R"({"StartAt":"LambdaState","States":{"LambdaState":{"Type":"Task",
            "Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},
            "Retry":[{"ErrorEquals":["Lambda.ResourceNotReadyException"],"IntervalSeconds":3,"BackoffRate":2,"MaxAttempts":2},
                     {"ErrorEquals":["Lambda.TimeoutException"],"IntervalSeconds":1,"MaxAttempts":3,"MaxDelaySeconds":1}],
            "End":true}}})");
        const auto r = run(definition, Json::object(), &m);
        QVERIFY2(r.status == "SUCCEEDED", qPrintable(describe(r)));
        QCOMPARE(r.trace.size(), std::size_t(1));
        QCOMPARE(r.trace[0].attempts, 4);
        // 3 s after attempt 0 (first retrier), then 1 s twice (second retrier, capped by MaxDelaySeconds).
        QCOMPARE(r.durationMs, std::int64_t(5000));
        QCOMPARE(r.lambdaInvocations, 4);
    }

    void retryBackoffAndMaxAttemptsZero()
    {
        const Json file = j(R"({"StateMachines":{"M":{"TestCases":{"T":{"Call":"Fails"}}}},
            "MockedResponses":{"Fails":{"0":{"Throw":{"Error":"Boom","Cause":"always"}}}}})");
        const Mocked m = mocks(file, "M", "T");
        Json definition =
            j(R"({"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":3,"BackoffRate":2,"MaxAttempts":3}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
            "Handled":{"Type":"Pass","End":true}}})");
        auto r = run(definition, j(R"({"id":1})"), &m);
        QCOMPARE(r.status, std::string("SUCCEEDED"));
        QCOMPARE(r.trace[0].attempts, 4);
        QCOMPARE(r.durationMs,
                 std::int64_t(3000 + 6000 + 12000)); // 3, 6, 12 s: IntervalSeconds × BackoffRate^n
        COMPARE_JSON(r.output, j(R"({"id":1,"error":{"Error":"Boom","Cause":"always"}})"));
        QCOMPARE(r.trace[0].error, std::string("Boom"));
        definition["States"]["Call"]["Retry"][0]["MaxAttempts"] = 0; // never retried
        r = run(definition, j(R"({"id":1})"), &m);
        QCOMPARE(r.trace[0].attempts, 1);
        QCOMPARE(r.durationMs, std::int64_t(0));
        // Full jitter waits at most the computed delay.
        definition["States"]["Call"]["Retry"][0]["MaxAttempts"] = 1;
        definition["States"]["Call"]["Retry"][0]["JitterStrategy"] = "FULL";
        r = run(definition, j(R"({"id":1})"), &m);
        QVERIFY(r.durationMs >= 0 && r.durationMs <= 3000);
    }

    void catchOrderAndTaskFailed()
    {
        const Json file = j(R"({"StateMachines":{"M":{"TestCases":{"T":{"Call":"Fails"}}}},
            "MockedResponses":{"Fails":{"0":{"Throw":{"Error":"Custom.Error","Cause":"x"}}}}})");
        const Mocked m = mocks(file, "M", "T");
        const Json definition =
            j(R"({"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Catch":[{"ErrorEquals":["Other"],"Next":"A"},{"ErrorEquals":["States.TaskFailed"],"Next":"B"},
                     {"ErrorEquals":["States.ALL"],"Next":"A"}],"End":true},
            "A":{"Type":"Pass","Result":"A","End":true},"B":{"Type":"Pass","Result":"B","End":true}}})");
        COMPARE_JSON(run(definition, Json::object(), &m).output, Json("B"));
    }

    void taskTimeoutOnSimulatedClock()
    {
        const Json file =
            j(R"({"StateMachines":{"M":{"TestCases":{"Slow":{"Call":"Slow"},"Quiet":{"Call":"Quiet"}}}},
            "MockedResponses":{"Slow":{"0":{"Return":{},"DurationSeconds":30}},
                               "Quiet":{"0":{"Return":{},"DurationSeconds":8}}}})");
        const Json definition =
            j(R"({"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "TimeoutSeconds":10,"HeartbeatSeconds":5,"End":true}}})");
        Mocked m = mocks(file, "M", "Slow");
        auto r = run(definition, Json::object(), &m);
        QCOMPARE(r.error, std::string("States.HeartbeatTimeout"));
        QCOMPARE(r.durationMs, std::int64_t(5000));
        Json noHeartbeat = definition;
        noHeartbeat["States"]["Call"].erase("HeartbeatSeconds");
        r = run(noHeartbeat, Json::object(), &m);
        QCOMPARE(r.error, std::string("States.Timeout"));
        QCOMPARE(r.durationMs, std::int64_t(10000));
        m = mocks(file, "M", "Quiet");
        QCOMPARE(run(noHeartbeat, Json::object(), &m).status, std::string("SUCCEEDED"));
    }

    void machineTimeoutAndWait()
    {
        const Json definition = j(R"({"TimeoutSeconds":5,"StartAt":"W","States":{
            "W":{"Type":"Wait","SecondsPath":"$.s","Next":"Done"},"Done":{"Type":"Succeed"}}})");
        QCOMPARE(run(definition, j(R"({"s":3})")).status, std::string("SUCCEEDED"));
        QCOMPARE(run(definition, j(R"({"s":3})")).durationMs, std::int64_t(3000));
        const auto r = run(definition, j(R"({"s":60})"));
        QCOMPARE(r.status, std::string("TIMED_OUT"));
        QCOMPARE(r.error, std::string("States.Timeout"));
        // A Timestamp in the past does not wait.
        const Json until = j(
            R"({"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2026-01-01T00:01:00Z","End":true}}})");
        QCOMPARE(run(until, {}).durationMs, std::int64_t(60000));
    }

    void unmockedTask()
    {
        const Json definition =
            j(R"({"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"X"}],"End":true},"X":{"Type":"Succeed"}}})");
        auto r = run(definition, j(R"({"a":1})"));
        QCOMPARE(r.error, std::string("Simulator.MissingMock")); // not caught: the test is incomplete
        QVERIFY2(r.cause.find("state 'Call'") != std::string::npos, r.cause.c_str());
        sim::RunOptions echo;
        echo.input = j(R"({"a":1})");
        echo.echoUnmocked = true;
        COMPARE_JSON(sim::runStateMachine(definition, echo).output, j(R"({"a":1})"));
    }

    void mockFileProblemsAreLocated()
    {
        std::string error;
        QVERIFY(!sim::MockConfig::fromJson(j(R"({"MockedResponses":{"R":{"zero":{"Return":1}}}})"), error));
        QCOMPARE(
            error,
            std::string("/MockedResponses/R/zero: an attempt key is a number (\"0\") or a range (\"1-2\")"));
        QVERIFY(!sim::MockConfig::fromJson(j(R"({"MockedResponses":{"R":{"0":{"Return":1,"Throw":{}}}}})"),
                                           error));
        QCOMPARE(error, std::string("/MockedResponses/R/0: give exactly one of \"Return\" and \"Throw\""));
        QVERIFY(!sim::MockConfig::fromJson(
            j(R"({"StateMachines":{"M":{"TestCases":{"T":{"S":"Nope"}}}},"MockedResponses":{}})"), error));
        QCOMPARE(error, std::string("/StateMachines/M/TestCases/T/S: no MockedResponses entry \"Nope\""));
    }

    // ---- Parallel and Map ------------------------------------------------------------------------------
    void parallelOutputsAndFailure()
    {
        const Json definition = j(R"({"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":2,"Next":"A2"},"A2":{"Type":"Pass","Result":1,"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":5,"Next":"B2"},"B2":{"Type":"Pass","Result":2,"End":true}}}],
            "End":true}}})");
        auto r = run(definition, Json::object());
        COMPARE_JSON(r.output, j("[1,2]"));
        QCOMPARE(r.durationMs, std::int64_t(5000)); // branches run side by side
        QCOMPARE(r.trace[1].path, std::string("Par[branch 0]"));
        // A failing branch fails the Parallel with the branch's error; a Catch on the Parallel handles it.
        Json failing = definition;
        failing["States"]["Par"]["Branches"][1]["States"]["B2"] =
            j(R"({"Type":"Fail","Error":"Branch.Broke","Cause":"b"})");
        r = run(failing, Json::object());
        QCOMPARE(r.error, std::string("Branch.Broke"));
        failing["States"]["Par"]["Catch"] = j(R"([{"ErrorEquals":["Branch.Broke"],"Next":"Ok"}])");
        failing["States"]["Ok"] = j(R"({"Type":"Succeed"})");
        r = run(failing, Json::object());
        QCOMPARE(r.status, std::string("SUCCEEDED"));
        COMPARE_JSON(r.output, j(R"({"Error":"Branch.Broke","Cause":"b"})"));
    }

    void inlineMapWithItemSelector()
    {
        // AWS's Map example: ItemsPath and ItemSelector with the context object's Map.Item.
        const Json definition =
            j(R"({"StartAt":"Map","States":{"Map":{"Type":"Map","ItemsPath":"$.detail.shipped",
            "ItemSelector":{"index.$":"$$.Map.Item.Index","value.$":"$$.Map.Item.Value","delivery.$":"$.delivery"},
            "MaxConcurrency":1,
            "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},
              "P":{"Type":"Pass","Parameters":{"i.$":"$.index","prod.$":"$.value.prod","d.$":"$.delivery"},"End":true}}},
            "ResultPath":"$.detail.results","End":true}}})");
        const auto r = run(
            definition,
            j(R"({"delivery":"fast","detail":{"shipped":[{"prod":"R31"},{"prod":"S39"},{"prod":"R15"}]}})"));
        QVERIFY2(r.status == "SUCCEEDED", qPrintable(describe(r)));
        COMPARE_JSON(
            r.output["detail"]["results"],
            j(R"([{"i":0,"prod":"R31","d":"fast"},{"i":1,"prod":"S39","d":"fast"},{"i":2,"prod":"R15","d":"fast"}])"));
        QCOMPARE(r.durationMs, std::int64_t(3000)); // MaxConcurrency 1: one after another
        QCOMPARE(r.transitions, std::size_t(1 + 3 * 2));
        QCOMPARE(r.trace.back().path, std::string("Map[item 2]"));
    }

    void inlineMapFailureAndDistributedTolerance()
    {
        const Json file = j(R"({"StateMachines":{"M":{"TestCases":{"T":{"Work":"Flaky","Map":"Items"}}}},
            "MockedResponses":{"Flaky":{"0":{"Return":"ok"},"1":{"Throw":{"Error":"Item.Bad","Cause":"bad"}},"2-9":{"Return":"ok"}},
                               "Items":{"0":{"Return":[1,2,3,4]}}}})");
        const Mocked m = mocks(file, "M", "T");
        Json definition =
            j(R"({"StartAt":"Map","States":{"Map":{"Type":"Map","ItemProcessor":{"StartAt":"Work",
            "States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true}}},"End":true}}})");
        auto r = run(definition, j("[1,2,3,4]"), &m);
        QCOMPARE(r.error, std::string("Item.Bad")); // inline: one failed item fails the Map
        // Distributed, items from the ItemReader mock: one of four failed = 25%.
        definition["States"]["Map"]["ItemProcessor"]["ProcessorConfig"] =
            j(R"({"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"})");
        definition["States"]["Map"]["ItemReader"] =
            j(R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
            "Parameters":{"Bucket":"b","Key":"k"}})");
        r = run(definition, Json::object(), &m);
        QCOMPARE(r.error, std::string("States.ExceedToleratedFailureThreshold"));
        definition["States"]["Map"]["ToleratedFailurePercentage"] = 25;
        r = run(definition, Json::object(), &m);
        QVERIFY2(r.status == "SUCCEEDED", qPrintable(describe(r)));
        COMPARE_JSON(r.output[0], Json("ok"));
        COMPARE_JSON(r.output[1]["Error"], Json("Item.Bad"));
        // Child executions keep their own history: only the Map counts in the parent's transitions.
        QCOMPARE(r.transitions, std::size_t(1));
    }

    void itemBatcher()
    {
        const Json definition = j(R"({"StartAt":"Map","States":{"Map":{"Type":"Map",
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
            "ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"k":1}},"End":true}}})");
        const auto r = run(definition, j("[1,2,3]"));
        COMPARE_JSON(r.output,
                     j(R"([{"Items":[1,2],"BatchInput":{"k":1}},{"Items":[3],"BatchInput":{"k":1}}])"));
    }

    // ---- variables (JSONPath Assign) and limits --------------------------------------------------------
    void assignAndVariableScope()
    {
        const Json definition = j(R"({"StartAt":"Set","States":{
            "Set":{"Type":"Pass","Assign":{"count":1,"who.$":"$.name"},"Next":"Par"},
            "Par":{"Type":"Parallel","Branches":[{"StartAt":"Inner","States":{"Inner":{"Type":"Pass",
                "Assign":{"count":99},"Parameters":{"outer.$":"$who","c.$":"$count"},"End":true}}}],
                "ResultSelector":{"fromBranch.$":"$[0]"},"Next":"Read"},
            "Read":{"Type":"Pass","Parameters":{"count.$":"$count","branch.$":"$.fromBranch"},"End":true}}})");
        const auto r = run(definition, j(R"({"name":"Ann"})"));
        QVERIFY2(r.status == "SUCCEEDED", qPrintable(describe(r)));
        // The branch reads the outer variables; its assignment stays inside it.
        COMPARE_JSON(r.output, j(R"({"count":1,"branch":{"outer":"Ann","c":1}})"));
    }

    void transitionLimit()
    {
        const Json definition =
            j(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}})");
        const auto r = run(definition, Json::object());
        QCOMPARE(r.status, std::string("FAILED"));
        QCOMPARE(r.transitions, std::size_t(25001));
        QVERIFY2(r.cause.find("25000 state transitions") != std::string::npos, r.cause.c_str());
    }

    void jsonataWithoutEvaluatorFailsClearly()
    {
        const Json definition = j(
            R"({"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.input.a %}","End":true}}})");
        const auto r = run(definition, j(R"({"a":1})"));
        QCOMPARE(r.status, std::string("FAILED"));
        QVERIFY2(r.cause.find("state 'P', Output") != std::string::npos, r.cause.c_str());
    }

    void everyFixtureRunsToAnEnd()
    {
        // Every definition of tests/data, valid or not, with Tasks echoing their input: the run ends with a
        // status and a cause, never a crash, an exception or a hang.
        int runs = 0;
        for (const char *folder : {"/asl", "/asl-invalid", "/asl-yaml"}) {
            const QDir dir(QStringLiteral(EGRESS_TEST_DATA) + QLatin1String(folder));
            for (const QString &name : dir.entryList(QDir::Files)) {
                if (name == QLatin1String("REASONS.json"))
                    continue;
                const auto read = egress::asl::readFile(dir.filePath(name).toStdString());
                if (!read)
                    continue; // a syntax error: nothing to run
                sim::RunOptions options;
                options.echoUnmocked = true;
                const sim::RunResult r = sim::runStateMachine(*read.value, options);
                QVERIFY2(r.status == "SUCCEEDED" || r.status == "FAILED" || r.status == "TIMED_OUT",
                         qPrintable(name));
                QVERIFY2(r.status == "SUCCEEDED" || !r.error.empty() || !r.cause.empty() ||
                             r.trace.size() > 0,
                         qPrintable(name));
                ++runs;
            }
        }
        QVERIFY2(runs > 150, qPrintable(QString::number(runs)));
    }

    void malformedDefinitionNeverThrows()
    {
        for (const char *text :
             {R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":5}}})",
              R"({"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":"x","End":true}}})",
              R"({"StartAt":"A","States":{"A":{"Type":"Task","End":true,"Retry":[{"ErrorEquals":"x"}]}}})",
              R"({"StartAt":"Missing","States":{}})", "[]"}) {
            const auto r = run(j(text), Json::object());
            QVERIFY2(r.status == "FAILED", text);
        }
    }
};

QTEST_APPLESS_MAIN(TestSim)
#include "tst_sim.moc"
