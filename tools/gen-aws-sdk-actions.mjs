#!/usr/bin/env node
// Writes resources/sdk/aws-sdk-actions.json: every service and operation of the AWS SDK, as Step Functions'
// AWS SDK integrations name them, with each operation's top-level input members (for a Parameters skeleton)
// and IAM action. The source is AWS's own service model files, shipped by the npm package aws-sdk (v2) as
// apis/*.min.json. The table is committed, so building Egress Studio never needs npm; rerun this after
// updating aws-sdk to refresh it:
//
//   npm i --prefix /tmp/awssdk aws-sdk
//   node tools/gen-aws-sdk-actions.mjs /tmp/awssdk/node_modules/aws-sdk [resources/sdk/aws-sdk-actions.json]
//
//
// It also writes model/sdk/iamprefixes.inc, the services whose IAM prefix is not their name: the
// CloudFormation export's policy needs them without reading the table.
//
// Naming (AWS docs, "Learning to use AWS service SDK integrations in Step Functions"): the Resource is
// arn:aws:states:::aws-sdk:serviceName:apiAction, with the service name in lower case and the action in
// camelCase; parameters are PascalCase even where the service's own API is camelCase. The service name is
// the one of the AWS SDK for Java 2.x (the integration is built on it): the model's serviceId without spaces
// and dashes, without a leading "Amazon"/"AWS" or a trailing "Service" ("ACM PCA" → acmpca, "CloudWatch
// Logs" → cloudwatchlogs, "Database Migration Service" → databasemigration).
import fs from 'node:fs';
import path from 'node:path';

const [sdkDir, outArg] = process.argv.slice(2);
if (!sdkDir) {
    console.error('usage: node tools/gen-aws-sdk-actions.mjs <node_modules/aws-sdk> [output.json]');
    process.exit(2);
}
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = outArg ?? path.join(repo, 'resources/sdk/aws-sdk-actions.json');
const version = JSON.parse(fs.readFileSync(path.join(sdkDir, 'package.json'), 'utf8')).version;

// IAM prefixes that are neither the model's signingName nor its endpointPrefix (IAM service
// authorization reference, "Actions, resources, and condition keys for ...").
const iamPrefixOverrides = {
    cloudwatch: 'cloudwatch', // endpoint "monitoring"
    iotdataplane: 'iot', // signs as "iotdata", authorized as iot:Publish, iot:GetThingShadow ...
    iotjobsdataplane: 'iotjobsdata',
    iotsecuretunneling: 'iot', // signs as "IoTSecuredTunneling", authorized as iot:OpenTunnel ...
};

function sdkServiceName(serviceId) {
    let name = serviceId.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
    name = name.replace(/^(amazon|aws)(?=.)/, '');
    if (name.endsWith('service') && name !== 'service')
        name = name.slice(0, -'service'.length);
    return name;
}

const lowerFirst = s => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = s => s.charAt(0).toUpperCase() + s.slice(1);
// Step Functions renames a member called Equals (a reserved word in some SDKs' languages).
const memberName = m => (m === 'Equals' ? 'EqualsValue' : upperFirst(m));

// Newest API version of each service: files are <id>-<yyyy-mm-dd>.min.json.
const latest = new Map();
for (const file of fs.readdirSync(path.join(sdkDir, 'apis')).filter(f => f.endsWith('.min.json'))) {
    const model = JSON.parse(fs.readFileSync(path.join(sdkDir, 'apis', file), 'utf8'));
    const meta = model.metadata;
    const name = sdkServiceName(meta.serviceId);
    const seen = latest.get(name);
    if (!seen || seen.meta.apiVersion < meta.apiVersion)
        latest.set(name, {meta, model});
}

const services = [];
for (const [name, {meta, model}] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
    const shapes = model.shapes ?? {};
    const resolve = shape => (shape && shape.shape ? resolve(shapes[shape.shape]) : shape);
    const operations = [];
    for (const [opName, op] of Object.entries(model.operations).sort(([a], [b]) => a.localeCompare(b))) {
        const input = resolve(op.input) ?? {};
        const members = Object.keys(input.members ?? {});
        const required = (input.required ?? []).filter(m => members.includes(m));
        const optional = members.filter(m => !required.includes(m));
        // [camelCase action, "Required members", "Optional members"]: space-separated keeps the file small.
        operations.push([lowerFirst(opName), required.map(memberName).join(' '),
                         optional.map(memberName).join(' ')]);
    }
    services.push({
        name,
        title: meta.serviceFullName ?? meta.serviceId,
        iam: (iamPrefixOverrides[name] ?? meta.signingName ?? meta.endpointPrefix).toLowerCase(),
        operations,
    });
}

const table = {
    format: 1,
    source: `npm aws-sdk ${version}, apis/*.min.json`,
    generated: new Date().toISOString().slice(0, 10),
    generator: 'tools/gen-aws-sdk-actions.mjs',
    // One row per operation: [action, required input members, optional input members]; the IAM action
    // is <iam>:<Action with its first letter capitalised>.
    services,
};
fs.mkdirSync(path.dirname(out), {recursive: true});
// One line per service: compact, yet a diff after an update shows which services changed.
const body = services.map(s => '  ' + JSON.stringify(s)).join(',\n');
const head = JSON.stringify({...table, services: undefined}, null, 2).replace(/\n}$/, '');
fs.writeFileSync(out, `${head},\n  "services": [\n${body}\n  ]\n}\n`);
const prefixes = path.join(repo, 'model/sdk/iamprefixes.inc');
fs.writeFileSync(prefixes, [
    `// Generated by tools/gen-aws-sdk-actions.mjs from npm aws-sdk ${version}: do not edit.`,
    '// AWS SDK integration service names whose IAM action prefix differs from the name.',
    ...services.filter(s => s.iam !== s.name).map(s => `{"${s.name}", "${s.iam}"},`),
    ''].join('\n'));
const count = services.reduce((n, s) => n + s.operations.length, 0);
console.log(`${out}: ${services.length} services, ${count} operations (aws-sdk ${version})`);
