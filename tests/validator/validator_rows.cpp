// Test rows for tst_validator, kept out of the Q_OBJECT file (moc does not read raw string literals well).
#include "validator_rows.h"

#include "asl/diagnostic.h"

#include <QString>
#include <QTest>

namespace asl = egress::asl;

std::string machine(const std::string &state, const std::string &top)
{
    // "Enter" reaches both S and D (unreachable states are errors), in either query language.
    const std::string enter = R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"S",)"
                              R"("Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}]})";
    return "{" + top + "\"StartAt\":\"Enter\",\"States\":{\"Enter\":" + enter + ",\"S\":" + state +
           ",\"D\":{\"Type\":\"Succeed\"}}}";
}

void addRuleRows()
{
    auto row = [](const char *name, const std::string &json, const std::string &pointer,
                  const std::string &state, const char *message,
                  asl::Severity severity = asl::Severity::Error, bool checkArn = true) {
        QTest::newRow(name) << QString::fromStdString(json) << checkArn << static_cast<int>(severity)
                            << QString::fromStdString(pointer) << QString::fromStdString(state)
                            << QString(message);
    };
    const std::string pass = R"({"Type":"Pass","End":true})";
    // Structure
    row("not an object", "[1]", "", "", "must be a JSON object");
    row("StartAt missing", R"({"States":{"S":{"Type":"Pass","End":true}}})", "", "",
        "\"StartAt\" is missing");
    row("StartAt unknown", R"({"StartAt":"X","States":{"S":{"Type":"Pass","End":true}}})", "/StartAt", "",
        "no state of that name");
    row("States empty", R"({"StartAt":"X","States":{}})", "/States", "", "is empty");
    row("unknown top-level", machine(pass, R"("Foo":1,)"), "/Foo", "", "unknown top-level field");
    row("TimeoutSeconds type", machine(pass, R"("TimeoutSeconds":"x",)"), "/TimeoutSeconds", "",
        "whole number");
    row("Version type", machine(pass, R"("Version":1,)"), "/Version", "", "must be a string");
    row("QueryLanguage value", machine(pass, R"("QueryLanguage":"XPath",)"), "/QueryLanguage", "",
        "\"JSONPath\" or \"JSONata\"");
    row("state not object", machine("\"x\""), "/States/S", "S", "must be an object");
    row("no Type", machine("{\"End\":true}"), "/States/S", "S", "has no \"Type\"");
    row("unknown Type", machine(R"({"Type":"Lambda","End":true})"), "/States/S/Type", "S",
        "unknown state type");
    const std::string longName(81, 'n');
    row("name too long", "{\"StartAt\":\"" + longName + "\",\"States\":{\"" + longName + "\":" + pass + "}}",
        "/States/" + longName, longName, "at most 80 characters");
    // Transitions and scopes
    row("Next missing target",
        R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"C":{"Type":"Succeed"}}})",
        "/States/A/Next", "A", "\"Next\" names \"B\", but there is no state of that name");
    row("Next and End", machine(R"({"Type":"Pass","Next":"S","End":true})"), "/States/S/End", "S",
        "both \"Next\" and \"End\"");
    row("neither Next nor End", machine(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish"})"),
        "/States/S", "S", "needs \"Next\" or \"End\"");
    row("End false", machine(R"({"Type":"Pass","End":false})"), "/States/S/End", "S", "must be true");
    row("jump out of branch",
        R"({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Done"}}}],"Next":"Done"},"Done":{"Type":"Succeed"}}})",
        "/States/P/Branches/0/States/B/Next", "B",
        "which is in the top level of the state machine; a state in branch 1");
    row("jump into processor",
        R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"Next":"I"}}})",
        "/States/M/Next", "M", "which is in the item processor of Map state \"M\"");
    row("duplicate name in branch",
        R"({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}],"End":true}}})",
        "/States/P/Branches/0/States/P", "P", "already used at /States/P");
    row("no terminal reachable",
        R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},"C":{"Type":"Succeed"}}})",
        "/StartAt", "", "could never finish");
    // Step Functions refuses a definition with an unreachable state, so it is an error.
    row("unreachable is an error",
        R"({"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}})", "/States/B", "B",
        "can never run");
    row("branch StartAt elsewhere",
        R"({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"P","States":{"Q":{"Type":"Succeed"}}}],"End":true}}})",
        "/States/P/Branches/0/StartAt", "P", "\"StartAt\" names \"P\", which is in the top level");
    row("Branches empty", machine(R"({"Type":"Parallel","Branches":[],"End":true})"), "/States/S/Branches",
        "S", "non-empty list");
    // Fields per type and per query language
    row("Pass with ResultSelector", machine(R"({"Type":"Pass","ResultSelector":{},"End":true})"),
        "/States/S/ResultSelector", "S", "a Pass state cannot have \"ResultSelector\"");
    row("unknown field", machine(R"({"Type":"Pass","Foo":1,"End":true})"), "/States/S/Foo", "S",
        "unknown field \"Foo\" in a Pass state");
    row("Choice with End",
        machine(R"({"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"S"}],"End":true})"),
        "/States/S/End", "S", "a Choice state cannot have \"End\"");
    row("Succeed with Next", R"({"StartAt":"S","States":{"S":{"Type":"Succeed","Next":"S"}}})",
        "/States/S/Next", "S", "cannot have \"Next\"");
    row("JSONPath field in JSONata",
        machine(R"({"Type":"Pass","QueryLanguage":"JSONata","Parameters":{},"End":true})"),
        "/States/S/Parameters", "S",
        "\"Parameters\" is a JSONPath field, but this state uses JSONata; use \"Arguments\"");
    row("JSONata field in JSONPath", machine(R"({"Type":"Pass","Output":"{% 1 %}","End":true})"),
        "/States/S/Output", "S", "\"Output\" is a JSONata field, but this state uses JSONPath");
    row("top-level JSONata applies to nested states",
        R"({"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","InputPath":"$","End":true}}},"End":true}}})",
        "/States/M/ItemProcessor/States/I/InputPath", "I", "is a JSONPath field");
    row("JSONata Items path",
        machine(
            R"({"Type":"Map","QueryLanguage":"JSONata","ItemsPath":"$.a","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/ItemsPath", "S", "use \"Items\"");
    // Mutually exclusive fields
    row("Error and ErrorPath", machine(R"({"Type":"Fail","Error":"E","ErrorPath":"$.e"})"),
        "/States/S/ErrorPath", "S", "\"Error\" and \"ErrorPath\" cannot both be set");
    row("Cause and CausePath", machine(R"({"Type":"Fail","Cause":"E","CausePath":"$.e"})"),
        "/States/S/CausePath", "S", "cannot both be set");
    row("Seconds and Timestamp",
        machine(R"({"Type":"Wait","Seconds":1,"Timestamp":"2026-01-01T00:00:00Z","End":true})"),
        "/States/S/Timestamp", "S", "\"Seconds\" and \"Timestamp\" cannot both be set");
    row("Wait without time", machine(R"({"Type":"Wait","End":true})"), "/States/S", "S",
        "needs one of \"Seconds\"");
    row("Wait bad timestamp", machine(R"({"Type":"Wait","Timestamp":"2026-02-30T00:00:00Z","End":true})"),
        "/States/S/Timestamp", "S", "RFC 3339");
    row("TimeoutSeconds and Path",
        machine(
            R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","TimeoutSeconds":5,"TimeoutSecondsPath":"$.t","End":true})"),
        "/States/S/TimeoutSecondsPath", "S", "cannot both be set");
    row("Heartbeat not below timeout",
        machine(
            R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true})"),
        "/States/S/HeartbeatSeconds", "S", "smaller than \"TimeoutSeconds\"");
    row("MaxConcurrency and Path",
        machine(
            R"({"Type":"Map","MaxConcurrency":2,"MaxConcurrencyPath":"$.m","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/MaxConcurrencyPath", "S", "cannot both be set");
    row("ToleratedFailurePercentage and Path",
        machine(
            R"({"Type":"Map","ToleratedFailurePercentage":2,"ToleratedFailurePercentagePath":"$.m","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/ToleratedFailurePercentagePath", "S", "cannot both be set");
    // Map
    row("Map without processor", machine(R"({"Type":"Map","End":true})"), "/States/S", "S",
        "needs \"ItemProcessor\"");
    row("DISTRIBUTED without ExecutionType",
        machine(
            R"({"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/ItemProcessor/ProcessorConfig", "S", "needs \"ExecutionType\"");
    row("bad Mode",
        machine(
            R"({"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"FAST"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/ItemProcessor/ProcessorConfig/Mode", "S", "\"INLINE\" or \"DISTRIBUTED\"");
    row("ItemReader without Resource",
        machine(
            R"({"Type":"Map","ItemReader":{"Parameters":{}},"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/ItemReader", "S", "needs a \"Resource\"");
    row("ItemBatcher too many bytes",
        machine(
            R"({"Type":"Map","ItemBatcher":{"MaxInputBytesPerBatch":300000},"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/ItemBatcher/MaxInputBytesPerBatch", "S", "from 0 to 262144");
    row("Label too long",
        machine(R"({"Type":"Map","Label":")" + std::string(41, 'x') +
                R"(","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/Label", "S", "at most 40");
    // Paths
    row("InputPath not a path", machine(R"({"Type":"Pass","InputPath":"a.b","End":true})"),
        "/States/S/InputPath", "S", "not a valid JSONPath");
    row("ResultPath with filter", machine(R"({"Type":"Pass","ResultPath":"$.a[?(@.b > 1)]","End":true})"),
        "/States/S/ResultPath", "S", "must be a Reference Path");
    row("ResultPath variable", machine(R"({"Type":"Pass","ResultPath":"$v","End":true})"),
        "/States/S/ResultPath", "S", "cannot name a variable");
    row("ItemsPath wildcard",
        machine(
            R"({"Type":"Map","ItemsPath":"$.a[*]","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true})"),
        "/States/S/ItemsPath", "S", "must be a Reference Path");
    row("OutputPath intrinsic", machine(R"J({"Type":"Pass","OutputPath":"States.UUID()","End":true})J"),
        "/States/S/OutputPath", "S", "intrinsic functions are allowed only in payload templates");
    row("recursive descent in SecondsPath",
        machine(R"({"Type":"Wait","SecondsPath":"$$.Execution..x","End":true})"), "/States/S/SecondsPath",
        "S", "must be a Reference Path");
    // Payload templates
    row("dollar key not a path", machine(R"({"Type":"Pass","Parameters":{"a.$":"hello"},"End":true})"),
        "/States/S/Parameters/a.$", "S", "\"a.$\": \"hello\" is neither a path");
    row("duplicate after strip nested",
        machine(R"({"Type":"Pass","Parameters":{"x":{"k":1,"k.$":"$.k"}},"End":true})"),
        "/States/S/Parameters/x/k.$", "S", "both become \"k\"");
    row("intrinsic bad argument",
        machine(R"J({"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.a, 'b')"},"End":true})J"),
        "/States/S/Parameters/n.$", "S", "neither a path");
    row("JSONPath Assign", machine(R"({"Type":"Pass","Assign":{"v.$":"not a path"},"End":true})"),
        "/States/S/Assign/v.$", "S", "neither a path");
    // JSONata
    row("JSONata no spaces",
        machine(R"({"Type":"Pass","QueryLanguage":"JSONata","Output":"{%1%}","End":true})"),
        "/States/S/Output", "S", "not a JSONata expression");
    row("JSONata syntax",
        machine(R"({"Type":"Pass","QueryLanguage":"JSONata","Output":"{% (1 + %}","End":true})"),
        "/States/S/Output", "S", "JSONata syntax error");
    row("JSONata nested Arguments",
        machine(
            R"({"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::sns:publish","Arguments":{"a":["{% $x[ %}"]},"End":true})"),
        "/States/S/Arguments/a/0", "S", "JSONata syntax error");
    row("JSONata Choice rule Output",
        machine(
            R"({"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Condition":"{% true %}","Next":"D","Output":"{% $x[ %}"}]})"),
        "/States/S/Choices/0/Output", "S", "JSONata syntax error");
    row("Result in a JSONata Pass",
        machine(R"({"Type":"Pass","QueryLanguage":"JSONata","Result":{"a":1},"End":true})"),
        "/States/S/Result", "S",
        "\"Result\" is a JSONPath field, but this state uses JSONata; use \"Output\"");
    row("JSONata Condition",
        machine(R"({"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Condition":"$x","Next":"S"}]})"),
        "/States/S/Choices/0/Condition", "S", "not a JSONata expression");
    row("Variable in JSONata rule",
        machine(
            R"({"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Variable":"$.a","IsNull":true,"Condition":"{% true %}","Next":"S"}]})"),
        "/States/S/Choices/0/Variable", "S", "JSONPath Choice rule field");
    // Choice rules
    row("Choices empty", machine(R"({"Type":"Choice","Choices":[]})"), "/States/S/Choices", "S",
        "non-empty list");
    row("rule without Variable", machine(R"({"Type":"Choice","Choices":[{"StringEquals":"a","Next":"S"}]})"),
        "/States/S/Choices/0", "S", "needs \"Variable\"");
    row("rule operator type",
        machine(R"({"Type":"Choice","Choices":[{"Variable":"$.a","NumericEquals":"1","Next":"S"}]})"),
        "/States/S/Choices/0/NumericEquals", "S", "compares with a number");
    row("two operators",
        machine(
            R"({"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"IsString":true,"Next":"S"}]})"),
        "/States/S/Choices/0/IsString", "S", "only one comparison operator");
    row("nested rule with Next",
        machine(
            R"({"Type":"Choice","Choices":[{"Not":{"Variable":"$.a","IsPresent":true,"Next":"S"},"Next":"S"}]})"),
        "/States/S/Choices/0/Not/Next", "S", "only top-level Choice rules have \"Next\"");
    row("And empty", machine(R"({"Type":"Choice","Choices":[{"And":[],"Next":"S"}]})"),
        "/States/S/Choices/0/And", "S", "non-empty list");
    row("path operator",
        machine(
            R"({"Type":"Choice","Choices":[{"Variable":"$.a","TimestampLessThanPath":"$.b[0:2]","Next":"S"}]})"),
        "/States/S/Choices/0/TimestampLessThanPath", "S", "must be a Reference Path");
    row("timestamp operand",
        machine(
            R"({"Type":"Choice","Choices":[{"Variable":"$.a","TimestampEquals":"yesterday","Next":"S"}]})"),
        "/States/S/Choices/0/TimestampEquals", "S", "RFC 3339");
    row("StringMatches type",
        machine(R"({"Type":"Choice","Choices":[{"Variable":"$.a","StringMatches":5,"Next":"S"}]})"),
        "/States/S/Choices/0/StringMatches", "S", "compares with a string");
    // Retry and Catch
    row("IntervalSeconds zero",
        machine(
            R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","Retry":[{"ErrorEquals":["E"],"IntervalSeconds":0}],"End":true})"),
        "/States/S/Retry/0/IntervalSeconds", "S", "from 1 to");
    row("MaxAttempts fraction",
        machine(
            R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","Retry":[{"ErrorEquals":["E"],"MaxAttempts":1.5}],"End":true})"),
        "/States/S/Retry/0/MaxAttempts", "S", "whole number");
    row("States.ALL not alone",
        machine(
            R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","Retry":[{"ErrorEquals":["E","States.ALL"]}],"End":true})"),
        "/States/S/Retry/0/ErrorEquals/1", "S", "must be the only error name");
    row("States.ALL not last",
        machine(
            R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","Catch":[{"ErrorEquals":["States.ALL"],"Next":"S"},{"ErrorEquals":["E"],"Next":"S"}],"End":true})"),
        "/States/S/Catch/0/ErrorEquals", "S", "must be the last one");
    row("catcher without Next",
        machine(
            R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","Catch":[{"ErrorEquals":["E"]}],"End":true})"),
        "/States/S/Catch/0", "S", "a catcher needs \"Next\"");
    row("catch target out of scope",
        R"({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}],"End":true}}}],"End":true},"F":{"Type":"Fail"}}})",
        "/States/P/Branches/0/States/T/Catch/0/Next", "T", "which is in the top level");
    // Resource
    row("Resource not an ARN", machine(R"({"Type":"Task","Resource":"foo:bar","End":true})"),
        "/States/S/Resource", "S", "is not an ARN");
    row("unterminated placeholder even without ARN check",
        machine(R"({"Type":"Task","Resource":"${fn","End":true})"), "/States/S/Resource", "S",
        "unterminated placeholder", asl::Severity::Error, false);
    row("Resource number", machine(R"({"Type":"Task","Resource":5,"End":true})"), "/States/S/Resource", "S",
        "must be an ARN string");
    row("Task without Resource", machine(R"({"Type":"Task","End":true})"), "/States/S", "S",
        "needs a \"Resource\"");
}

void addAcceptedRows()
{
    auto row = [](const char *name, const std::string &json) {
        QTest::newRow(name) << QString::fromStdString(json);
    };
    row("placeholder Resource", machine(R"({"Type":"Task","Resource":"${Fn}","End":true})"));
    row("placeholder partition",
        machine(R"({"Type":"Task","Resource":"arn:${AWS::Partition}:states:::lambda:invoke","End":true})"));
    row("intrinsic Resource", machine(R"({"Type":"Task","Resource":{"Fn::GetAtt":["F","Arn"]},"End":true})"));
    row("placeholder where a number belongs", machine(R"({"Type":"Wait","Seconds":"${Delay}","End":true})"));
    row("every comparison",
        machine(
            R"({"Type":"Choice","Choices":[{"And":[{"Variable":"$.a","StringEquals":"x"},{"Variable":"$.a","StringMatches":"x*"},{"Variable":"$.n","NumericLessThanEqualsPath":"$.m"},{"Variable":"$.b","BooleanEquals":true},{"Variable":"$.t","TimestampGreaterThan":"2026-01-01T00:00:00+01:00"},{"Not":{"Variable":"$.z","IsNull":true}},{"Or":[{"Variable":"$$.Execution.Id","IsPresent":true},{"Variable":"$v","IsString":true}]}],"Next":"D","Assign":{"x.$":"$.a"}}],"Default":"D"})"));
    row("intrinsics and context",
        machine(
            R"J({"Type":"Pass","Parameters":{"a.$":"States.Format('{} {}', $.a, $$.Execution.Id)","b.$":"States.MathAdd($.n, -1)","c.$":"States.ArrayGetItem($.l, 0)","d.$":"$.items[0].id","e.$":"$var.x","f.$":"States.UUID()"},"ResultPath":"$.out","End":true})J"));
    row("Jayway forms",
        machine(
            R"J({"Type":"Pass","Parameters":{"a.$":"$.[0]","b.$":"$.x[?(@.a.b == $.c)]","c.$":"$.[*].['k', 'v']"},"End":true})J"));
    row("jsonata state",
        machine(
            R"J({"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"Payload":"{% $states.input ~> |$|{'x': 1}| %}","N":1},"Output":"{% $states.result.Payload %}","Assign":{"v":"{% $count([1,2][$ > 1]) %}"},"TimeoutSeconds":"{% $t %}","Retry":[{"ErrorEquals":["States.ALL"],"JitterStrategy":"FULL","MaxDelaySeconds":10,"BackoffRate":1.5}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"S","Output":"{% $states.errorOutput %}"}],"End":true})J"));
    // AWS accepts Output (and Assign) in a JSONata Choice rule; published AWS samples use it.
    row("JSONata Choice rule Output and Assign",
        machine(
            R"({"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Condition":"{% $states.input.n > 1 %}","Next":"D","Output":{"n":"{% $states.input.n %}","k":1},"Assign":{"seen":true}},{"Condition":true,"Next":"D","Output":"{% $states.input %}"}],"Default":"D"})"));
    row("distributed map",
        machine(
            R"({"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","MaxItems":0},"Parameters":{"Bucket.$":"$.b"}},"ItemBatcher":{"MaxItemsPerBatch":10},"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"Label":"L","ToleratedFailurePercentage":5.5,"MaxConcurrency":100,"End":true})"));
}
