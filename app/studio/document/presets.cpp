#include "presets.h"

#include "sdkactions.h"

#include <optional>

namespace egress::studio {

using asl::Json;

namespace {

Json lambdaTask(const char *function)
{
    return Json{
        {"Type", "Task"},
        {"Resource", "arn:aws:states:::lambda:invoke"},
        {"Parameters", Json{{"FunctionName", std::string("${") + function + "}"}, {"Payload.$", "$"}}},
        {"End", true}};
}

Json serviceTask(const char *resource, Json parameters)
{
    return Json{
        {"Type", "Task"}, {"Resource", resource}, {"Parameters", std::move(parameters)}, {"End", true}};
}

Json passState()
{
    return Json{{"Type", "Pass"}, {"End", true}};
}

std::vector<Preset> makePresets()
{
    std::vector<Preset> p;
    auto add = [&](QString id, QString title, QString group, QString baseName, QString tooltip, Json state,
                   design::Egress egress = design::Egress::None) {
        p.push_back({std::move(id), std::move(title), std::move(group), std::move(baseName),
                     std::move(tooltip), std::move(state), egress});
    };
    const QString tasks = QStringLiteral("Tasks"), flow = QStringLiteral("Flow"),
                  services = QStringLiteral("AWS services");
    add("lambda", "Lambda invoke", tasks, "Invoke function", "Runs a Lambda function; can live in the VPC.",
        lambdaTask("FunctionArn"), design::Egress::VpcPrivate);
    add("lambda-internet", "Call third-party API", tasks, "Call partner API",
        "A Lambda function that calls an API on the internet: outside the VPC it needs no NAT gateway.",
        lambdaTask("CallApiFunctionArn"), design::Egress::Internet);
    add("http", "HTTP Task", tasks, "Call HTTPS API",
        "Step Functions calls the HTTPS endpoint itself (through an EventBridge connection).",
        serviceTask("arn:aws:states:::http:invoke",
                    Json{{"ApiEndpoint", "https://api.example.com/orders"},
                         {"Method", "POST"},
                         {"Authentication", Json{{"ConnectionArn", "${ConnectionArn}"}}},
                         {"RequestBody.$", "$"}}));
    add("nested", "Nested state machine", tasks, "Run child workflow",
        "Starts another state machine and waits.",
        serviceTask("arn:aws:states:::states:startExecution.sync:2",
                    Json{{"StateMachineArn", "${ChildStateMachineArn}"}, {"Input.$", "$"}}));
    add("ddb-get", "DynamoDB GetItem", services, "Get item", "Reads one item from a DynamoDB table.",
        serviceTask("arn:aws:states:::dynamodb:getItem",
                    Json{{"TableName", "${TableName}"}, {"Key", Json{{"pk", Json{{"S.$", "$.id"}}}}}}));
    add("ddb-put", "DynamoDB PutItem", services, "Put item", "Writes one item to a DynamoDB table.",
        serviceTask("arn:aws:states:::dynamodb:putItem",
                    Json{{"TableName", "${TableName}"}, {"Item", Json{{"pk", Json{{"S.$", "$.id"}}}}}}));
    add("s3-get", "S3 GetObject", services, "Get object", "Reads an object from S3 (AWS SDK integration).",
        serviceTask("arn:aws:states:::aws-sdk:s3:getObject",
                    Json{{"Bucket", "${BucketName}"}, {"Key.$", "$.key"}}));
    add("s3-put", "S3 PutObject", services, "Put object", "Writes an object to S3 (AWS SDK integration).",
        serviceTask("arn:aws:states:::aws-sdk:s3:putObject",
                    Json{{"Bucket", "${BucketName}"}, {"Key.$", "$.key"}, {"Body.$", "$"}}));
    add("sns", "SNS Publish", services, "Publish message", "Publishes a message to an SNS topic.",
        serviceTask("arn:aws:states:::sns:publish", Json{{"TopicArn", "${TopicArn}"}, {"Message.$", "$"}}));
    add("sqs", "SQS SendMessage", services, "Send message", "Sends a message to an SQS queue.",
        serviceTask("arn:aws:states:::sqs:sendMessage",
                    Json{{"QueueUrl", "${QueueUrl}"}, {"MessageBody.$", "$"}}));
    add("pass", "Pass", flow, "Pass", "Passes its input to its output, optionally reshaped.", passState());
    add("choice", "Choice", flow, "Choice", "Branches on the input.",
        Json{{"Type", "Choice"}, {"Choices", Json::array()}});
    add("wait", "Wait", flow, "Wait", "Waits for a time or until a timestamp.",
        Json{{"Type", "Wait"}, {"Seconds", 10}, {"End", true}});
    add("succeed", "Succeed", flow, "Succeed", "Ends the execution successfully.", Json{{"Type", "Succeed"}});
    add("fail", "Fail", flow, "Fail", "Ends the execution with an error.",
        Json{{"Type", "Fail"}, {"Error", "Failed"}, {"Cause", "Describe the failure"}});
    add("parallel", "Parallel", flow, "Parallel", "Runs branches at the same time.",
        Json{{"Type", "Parallel"},
             {"Branches",
              Json::array({Json{{"StartAt", "Branch 1"}, {"States", Json{{"Branch 1", passState()}}}},
                           Json{{"StartAt", "Branch 2"}, {"States", Json{{"Branch 2", passState()}}}}})},
             {"End", true}});
    add("map", "Map (inline)", flow, "Map", "Runs the same steps for each item of an array.",
        Json{{"Type", "Map"},
             {"ItemsPath", "$.items"},
             {"ItemProcessor", Json{{"ProcessorConfig", Json{{"Mode", "INLINE"}}},
                                    {"StartAt", "Process item"},
                                    {"States", Json{{"Process item", passState()}}}}},
             {"End", true}});
    add("map-distributed", "Map (distributed)", flow, "Distributed map",
        "Runs child executions for each item of a large data set (S3).",
        Json{{"Type", "Map"},
             {"ItemReader", Json{{"Resource", "arn:aws:states:::s3:getObject"},
                                 {"ReaderConfig", Json{{"InputType", "JSON"}}},
                                 {"Parameters", Json{{"Bucket", "${BucketName}"}, {"Key", "items.json"}}}}},
             {"ItemProcessor",
              Json{{"ProcessorConfig", Json{{"Mode", "DISTRIBUTED"}, {"ExecutionType", "EXPRESS"}}},
                   {"StartAt", "Process item"},
                   {"States", Json{{"Process item", passState()}}}}},
             {"MaxConcurrency", 100},
             {"End", true}});
    return p;
}

/** "$" → "$states.input", "$.a.b" → "$states.input.a.b"; nothing for what is not a plain path. */
std::optional<std::string> jsonataOfPath(const std::string &path)
{
    if (path == "$")
        return std::string("$states.input");
    if (path.rfind("$.", 0) == 0)
        return "$states.input" + path.substr(1);
    return std::nullopt;
}

/** A Parameters object as JSONata Arguments: "Key.$": "$.path" becomes "Key": "{% $states.input.path %}". */
Json argumentsOf(const Json &parameters)
{
    if (!parameters.is_object())
        return parameters;
    Json out = Json::object();
    for (const auto &[key, value] : parameters.items()) {
        const bool dynamic = key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
        if (dynamic && value.is_string())
            if (auto expression = jsonataOfPath(value.get<std::string>())) {
                out[key.substr(0, key.size() - 2)] = "{% " + *expression + " %}";
                continue;
            }
        out[key] = value.is_object() ? argumentsOf(value) : value;
    }
    return out;
}

Json jsonataState(Json state)
{
    if (auto it = state.find("Parameters"); it != state.end()) {
        state["Arguments"] = argumentsOf(*it);
        state.erase("Parameters");
    }
    if (auto it = state.find("ItemsPath"); it != state.end() && it->is_string()) {
        if (auto expression = jsonataOfPath(it->get<std::string>()))
            state["Items"] = "{% " + *expression + " %}";
        state.erase("ItemsPath");
    }
    if (auto it = state.find("ItemReader"); it != state.end() && it->is_object())
        *it = jsonataState(*it);
    return state;
}

} // namespace

Json presetStateFor(const Preset &preset, const Json &definition)
{
    const bool jsonata =
        definition.is_object() && definition.value("QueryLanguage", std::string()) == "JSONata";
    return jsonata ? jsonataState(preset.state) : preset.state;
}

const std::vector<Preset> &presets()
{
    static const std::vector<Preset> all = makePresets();
    return all;
}

const Preset *presetById(const QString &id)
{
    if (id.startsWith(QLatin1String("sdk:")))
        return sdkPreset(id);
    for (const Preset &p : presets())
        if (p.id == id)
            return &p;
    return nullptr;
}

} // namespace egress::studio
